"""Importing programs from a file, the one way both front ends do it.

:func:`is_pack` tells a data pack from a spreadsheet by its first bytes. A pack is checked
whole before anything is written (:func:`import_pack_file`); a spreadsheet is read with
``spreadsheet.read_table``, its columns mapped (guessed, then the user's choices), and
:func:`import_spreadsheet` checks every row, with progress and cancel (``core/progress.py``),
then writes them in one transaction. Each returns an :class:`Imported` whose ``message`` both
front ends show.

``session`` is a callable returning a store session context (``store.session``), called only
once the file has been checked, so a bad file never creates or opens a store.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog.packs import import_pack, looks_like_pack, read_pack
from smartpick_desktop.core.catalog.spreadsheet import (
    Table,
    check_mapping,
    check_rows,
    import_records,
    rows_rejected,
)
from smartpick_desktop.core.catalog.writer import WriteResult
from smartpick_desktop.core.progress import Progress, ShouldCancel
from smartpick_desktop.core.textio import read_head

SessionFactory = Callable[[], AbstractContextManager[Session]]

#: Bytes read to tell a pack from a spreadsheet.
SNIFF_BYTES = 8192


@dataclass
class Imported:
    """What an import did: the writer's counts, one sentence, and the rows it skipped."""

    result: WriteResult
    message: str
    problems: list[str] = field(default_factory=list)


def is_pack(path: Path) -> bool:
    """True when ``path`` starts like a data pack (gzip, or JSON declaring the pack format).
    An unreadable file is not a pack (reading it as a spreadsheet then says why)."""
    head = read_head(path, SNIFF_BYTES)  # only the head: the file may be huge, or /dev/zero
    return bool(head) and looks_like_pack(head)


def import_pack_file(session: SessionFactory, path: Path) -> Imported:
    """Check the whole pack, then write it (replacing the pack's previous version)."""
    pack = read_pack(path)
    with session() as s:
        result = import_pack(s, pack)
    m = pack.manifest
    return Imported(result, f"Imported pack {m['name']} {m['version']} from {Path(path).name}: "
                            f"{result.summary()}.")


def import_spreadsheet(session: SessionFactory, table: Table, mapping: dict[int, str], *,
                       skip_invalid: bool = False, progress: Progress | None = None,
                       should_cancel: ShouldCancel | None = None) -> Imported:
    """Check every row under ``mapping``, then write them in one transaction.

    With an invalid row and not ``skip_invalid``, raise InputError (nothing written); its
    ``problems`` attribute lists every problem.
    """
    check_mapping(table, mapping)
    checked = check_rows(table, mapping, progress=progress, should_cancel=should_cancel)
    if checked.problems and not skip_invalid:
        raise rows_rejected(table.path.name, checked)
    if not checked.records:
        raise rows_rejected(table.path.name, checked, all_rows=True)
    with session() as s:
        result = import_records(s, table, checked)
    return Imported(result, f"Imported {table.path.name}: {result.summary()}.",
                    list(result.problems))
