"""Filtering of the program table: text search plus specialty, state/region, setting, visa,
tier, status and source.

A light ``QAbstractProxyModel`` that holds the list of visible source rows. A filter change
computes that list from precomputed columns (:class:`FilterColumns`: NumPy arrays of the
filtered fields, one folded "haystack" string per program for the search; a loading worker
builds them) — the field filters as array comparisons, the text in one Python pass over the
rows left (while typing on, only the rows that matched the shorter text are searched again) — and
emits one layout change, so Qt never calls back into Python once per row: a keystroke over
15,000 rows takes a few milliseconds. Sorting is delegated to the source model
(``ProgramTableModel.sort``); the visible rows follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

import numpy as np

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from smartpick_desktop.core.states import REGIONS
from smartpick_desktop.ui.programs.table_model import (
    ROLES,
    ProgramTableModel,
    rows_layout_about_to_change,
    rows_layout_changed,
)

_Index = QModelIndex | QPersistentModelIndex
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Search texts made between two pauses of a loading worker.
TEXT_CHUNK = 2000


@dataclass(frozen=True)
class Filters:
    """The filter bar's state; empty values mean "any". ``place`` is a state code or a region
    name; ``visa``: ``j1`` | ``h1b`` | ``any``; ``source``: ``demo`` | ``mine`` | a name."""

    text: str = ""
    specialty: str = ""
    place: str = ""
    setting: str = ""
    visa: str = ""
    tier: str = ""
    status: str = ""
    source: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

    def active(self) -> bool:
        return self != Filters()


def search_text(p: Any) -> str:
    """The folded text a search looks in (no Qt: loading workers call it)."""
    return " ".join((p.name, p.institution, p.city, p.state or "", p.specialty,
                     " ".join(p.tags), p.notes, p.acgme_id or "")).casefold()


def _strings(values: Iterable[Any]) -> np.ndarray:
    """Texts as a NumPy object array ("" for None): built without copying a character, and
    compared with ``==`` element by element in C."""
    return np.array([v or "" for v in values], dtype=object)


class FilterColumns:
    """The fields the filters look at, one entry per program of a list, as NumPy arrays (no Qt:
    a loading worker builds them), plus each program's search text."""

    def __init__(self, programs: Sequence[Any],
                 between: Callable[[], None] | None = None) -> None:
        """``between()``, if given, is called between steps (a worker lets the GUI run)."""
        pause = between or (lambda: None)

        def column(name: str) -> list[Any]:
            return list(map(attrgetter(name), programs))  # one C-level pass

        tags = [" ".join(t) for t in column("tags")]
        fields = list(zip(column("name"), column("institution"), column("city"),
                          [s or "" for s in column("state")], column("specialty"), tags,
                          column("notes"), [a or "" for a in column("acgme_id")], strict=True))
        self.text: list[str] = []
        for start in range(0, len(fields), TEXT_CHUNK):
            self.text += [" ".join(f).casefold() for f in fields[start:start + TEXT_CHUNK]]
            pause()
        self.specialty = _strings(column("specialty"))
        self.state = _strings(column("state"))
        self.setting = _strings(column("setting"))
        self.status = _strings(column("status"))
        self.source = _strings(column("source"))
        self.visa_j1 = np.array(column("visa_j1"), dtype=object).astype(bool)
        self.visa_h1b = np.array(column("visa_h1b"), dtype=object).astype(bool)
        self.demo = np.array(column("is_demo"), dtype=bool)
        self.size = len(programs)

    def update(self, i: int, program: Any) -> None:
        """Program ``i`` was edited."""
        self.text[i] = search_text(program)
        for name in ("specialty", "state", "setting", "status", "source"):
            getattr(self, name)[i] = getattr(program, name) or ""
        self.visa_j1[i], self.visa_h1b[i] = bool(program.visa_j1), bool(program.visa_h1b)
        self.demo[i] = bool(program.is_demo)

    def mask(self, f: Filters, tiers: np.ndarray | None) -> np.ndarray:
        """Which programs pass every filter but the text (``tiers``: each program's tier, or
        None without a ranking)."""
        keep = np.ones(self.size, dtype=bool)
        if f.specialty:
            keep &= self.specialty == f.specialty
        if f.place:
            keep &= np.isin(self.state, list(REGIONS.get(f.place, (f.place,))))
        if f.setting:
            keep &= self.setting == f.setting
        if f.visa == "j1":
            keep &= self.visa_j1
        elif f.visa == "h1b":
            keep &= self.visa_h1b
        elif f.visa == "any":
            keep &= self.visa_j1 | self.visa_h1b
        if f.status:
            keep &= self.status == f.status
        if f.source == "demo":
            keep &= self.demo
        elif f.source == "mine":
            keep &= ~self.demo
        elif f.source:
            keep &= self.source == f.source
        if f.tier:
            keep &= (tiers == f.tier) if tiers is not None else False
        return keep


class ProgramFilterProxy(QAbstractProxyModel):
    """The visible rows of a :class:`ProgramTableModel`, in its (sorted) order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.filters = Filters()
        self._src: ProgramTableModel | None = None
        self._rows: list[int] = []
        self._inverse: dict[int, int] | None = None
        self._columns = FilterColumns(())
        self._base_key: Filters | None = None
        self._base: list[tuple[int, str]] = []
        self._last: tuple[Filters, str, list[tuple[int, str]]] | None = None
        self._pending_columns: FilterColumns | None = None
        self._saved: list[tuple[QPersistentModelIndex, int | None]] = []

    # --- wiring --------------------------------------------------------------------------------

    def setSourceModel(self, model: ProgramTableModel) -> None:  # noqa: N802 - Qt override
        super().setSourceModel(model)
        self._src = model
        model.modelAboutToBeReset.connect(self._on_source_about_to_reset)
        model.modelReset.connect(self._on_source_model_reset)
        model.layoutAboutToBeChanged.connect(self._on_source_layout_about_to_change)
        model.layoutChanged.connect(self._on_source_layout_changed)
        model.dataChanged.connect(self._on_source_data_changed)
        self.beginResetModel()
        self._recompute_all()
        self.endResetModel()

    def source(self) -> ProgramTableModel:
        return self._src

    def provide_columns(self, columns: FilterColumns) -> None:
        """Hand over the filter columns of the source's next programs (its base list, see
        ``ProgramTableModel.base_programs``), built off the GUI thread, for the next reset."""
        self._pending_columns = columns

    def _recompute_all(self) -> None:
        count = self._src.rowCount() if self._src is not None else 0
        pending, self._pending_columns = self._pending_columns, None
        if pending is not None and pending.size == count:
            self._columns = pending
        else:
            self._columns = FilterColumns(self._src.base_programs() if count else [])
        self._forget_cache()
        self._rows = self._compute(self.filters)

    def _forget_cache(self) -> None:
        self._base_key = None
        self._base = []
        self._last = None


    # --- source signals ------------------------------------------------------------------------

    def _on_source_about_to_reset(self) -> None:
        self.beginResetModel()

    def _on_source_model_reset(self) -> None:
        self._recompute_all()
        self.endResetModel()

    def _on_source_layout_about_to_change(self, *_args: Any) -> None:
        self._begin_layout()

    def _on_source_layout_changed(self, *_args: Any) -> None:
        self._forget_cache()  # cached rows are source row numbers: the order changed
        self._rows = self._compute(self.filters)
        self._end_layout()

    def _on_source_data_changed(self, top: QModelIndex, bottom: QModelIndex,
                                roles: Any = None) -> None:
        src = self._src
        programs = src.programs
        for row in range(top.row(), bottom.row() + 1):
            self._columns.update(src.base_index(row), programs[row])
            proxy_row = self._inverse_map().get(row)
            if proxy_row is not None:
                self.dataChanged.emit(self.index(proxy_row, top.column()),
                                      self.index(proxy_row, bottom.column()), roles or [])
        self._forget_cache()

    def _begin_layout(self) -> None:
        """Remember each persistent index (selection, current) by program id."""
        rows_layout_about_to_change(self)
        programs = self._src.programs
        saved = []
        for index in self.persistentIndexList():
            row = index.row()
            pid = programs[self._rows[row]].program_id if 0 <= row < len(self._rows) else None
            saved.append((QPersistentModelIndex(index), pid))
        self._saved = saved

    def _end_layout(self) -> None:
        old, new = [], []
        src = self._src
        inverse = self._inverse_map()
        for persistent, pid in self._saved:
            source_row = src.row_of(pid) if pid is not None else None
            row = inverse.get(source_row) if source_row is not None else None
            old.append(QModelIndex(persistent))
            new.append(QModelIndex() if row is None else self.index(row, persistent.column()))
        self._saved = []
        if old:
            self.changePersistentIndexList(old, new)
        rows_layout_changed(self)

    # --- filters -------------------------------------------------------------------------------

    def set_filters(self, filters: Filters) -> None:
        if filters == self.filters:
            return
        self._begin_layout()
        self.filters = filters
        self._rows = self._compute(filters)
        self._end_layout()

    def has_demo(self) -> bool:
        """Whether any program of the source is a demo one."""
        return bool(self._columns.demo.any())

    def preset_filters(self, filters: Filters) -> None:
        """The filters for the source's next reset, which is coming (its rows are computed
        once, then, instead of now and again)."""
        self.filters = filters

    def update_filters(self, **changes: Any) -> None:
        self.set_filters(replace(self.filters, **changes))

    def _base_rows(self, f: Filters) -> list[tuple[int, str]]:
        """(source row, search text) of the rows passing every filter but the text, in row
        order."""
        key = replace(f, text="")
        if key == self._base_key:
            return self._base
        model = self._src
        columns = self._columns
        tiers = None
        if f.tier and model.ranking is not None:
            ranked = np.append(model.ranking.tiers, "")  # place −1 (not ranked): no tier
            tiers = ranked[model.ranking.positions(model.base_programs())]
        keep = columns.mask(f, tiers)
        if f.tags:
            base = model.base_programs()
            for tag in f.tags:
                folded = tag.casefold()
                keep &= np.fromiter((any(t.casefold() == folded for t in p.tags) for p in base),
                                    dtype=bool, count=len(base))
        order = model.base_order()  # source row -> place in the base list
        shown = keep[order]
        text = columns.text
        pairs = list(zip(np.flatnonzero(shown).tolist(),
                         map(text.__getitem__, order[shown].tolist()), strict=True))
        self._base_key = key
        self._base = pairs
        return self._base

    def _compute(self, f: Filters) -> list[int]:
        """The visible source rows, in order."""
        self._inverse = None
        if not f.active() or self._src is None:
            self._last = None
            count = self._src.rowCount() if self._src is not None else 0
            self._inverse = _Identity(count)  # every row shown, in order: nothing to build
            return list(range(count))
        base = self._base_rows(f)
        text = " ".join(f.text.casefold().split())
        pool = base
        last = self._last
        if last is not None and last[0] == replace(f, text="") and text.startswith(last[1]):
            pool = last[2]  # typing on: only the rows that matched the shorter text
        for word in text.split():
            pool = [item for item in pool if word in item[1]]
        self._last = (replace(f, text=""), text, pool)
        return [row for row, _ in pool]

    # --- Qt proxy ------------------------------------------------------------------------------

    def _inverse_map(self) -> dict[int, int] | _Identity:
        if self._inverse is None:
            self._inverse = {source: row for row, source in enumerate(self._rows)}
        return self._inverse

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if (parent.isValid() or not 0 <= row < len(self._rows)
                or not 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        return QModelIndex()

    def sibling(self, row: int, column: int, index: _Index) -> QModelIndex:
        return self.index(row, column)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008,N802
        if parent.isValid() or self._src is None:
            return 0
        return self._src.columnCount()

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008,N802
        return not parent.isValid() and bool(self._rows)

    def mapToSource(self, proxy_index: _Index) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid() or self._src is None:
            return QModelIndex()
        row = proxy_index.row()
        if not 0 <= row < len(self._rows):
            return QModelIndex()
        return self._src.index(self._rows[row], proxy_index.column())

    def mapFromSource(self, source_index: _Index) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        row = self._inverse_map().get(source_index.row())
        return QModelIndex() if row is None else self.index(row, source_index.column())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES or not index.isValid() or self._src is None:
            return None
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        return self._src.cell(self._rows[row], index.column(), role)

    def cell_text(self, row: int, column: int) -> tuple[str, Qt.AlignmentFlag]:
        """(text, alignment) of a visible cell: what the table's delegate paints."""
        if self._src is None or not 0 <= row < len(self._rows):
            return "", _LEFT
        return self._src.cell_text(self._rows[row], column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self._src is None:
            return Qt.ItemFlag.NoItemFlags
        return self._src.column_flags(index.column())

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return None if self._src is None else self._src.headerData(section, orientation,
                                                                       role)
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by delegating to the source model (the visible rows follow)."""
        self._src.sort(column, order)

    def programs(self) -> list[Any]:
        """The programs of the visible rows, in view order."""
        programs = self._src.programs
        return [programs[r] for r in self._rows]


class _Identity:
    """The inverse row map when every source row is shown in order (``get`` as a dict's)."""

    def __init__(self, count: int) -> None:
        self.count = count

    def get(self, row: int, default: int | None = None) -> int | None:
        return row if 0 <= row < self.count else default
