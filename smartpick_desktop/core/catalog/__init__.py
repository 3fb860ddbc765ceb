"""The programs catalog: program records, data packs, spreadsheet import/export, geography.

Public entry points live in :mod:`.program` (the :class:`Program` record) and :mod:`.queries`
(loading and user fields); :mod:`.packs` and :mod:`.spreadsheet` bring programs in, and
:mod:`.demo` loads the shipped demo pack on first start.
"""
