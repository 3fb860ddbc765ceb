"""The program table: a QAbstractTableModel over Program records plus their ranking.

Cell texts and sort keys are small functions of (program, rank info) evaluated on demand: only
the cells on screen are ever formatted. Sorting (done here; the proxy delegates to it) turns a
column's keys into one NumPy array of numbers the first time that column is sorted (kept until
the programs change; a few tens of ms) and re-orders the rows with a stable ``argsort``: a 15,000-row sort takes a
few milliseconds once the column's keys are known.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from smartpick_desktop.core.catalog.program import STATUSES, Program
from smartpick_desktop.core.model.catalog_ranking import CatalogRanking
from smartpick_desktop.core.model.chances import SIGNAL_LEVELS
from smartpick_desktop.core.model.ranking import RankedProgram
from smartpick_desktop.core.model.tiers import TIER_LABELS, TIERS

#: The hint of every layout change of the Programs table: only rows move (the columns stay), so
#: the column header does not lay its sections out again (it did, and the table was painted
#: twice). PySide picks the signal's overload that carries a hint by its C++ signature.
ROWS_ONLY = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
_WITH_HINT = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


def rows_layout_about_to_change(model: QAbstractItemModel) -> None:
    model.layoutAboutToBeChanged[_WITH_HINT].emit([], ROWS_ONLY)


def rows_layout_changed(model: QAbstractItemModel) -> None:
    model.layoutChanged[_WITH_HINT].emit([], ROWS_ONLY)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRAM_ROLE = Qt.ItemDataRole.UserRole + 2
#: the roles the model answers (every other role is None without any work)
ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE,
                   PROGRAM_ROLE, Qt.ItemDataRole.TextAlignmentRole,
                   Qt.ItemDataRole.ToolTipRole})

_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _SELECTABLE | Qt.ItemFlag.ItemIsEditable

SIGNAL_LABELS = {"gold": "Gold", "silver": "Silver", "signal": "Signal"}
SETTING_SHORT = {"university": "University", "community_university": "Univ.-affiliated",
                 "community": "Community", "military": "Military"}


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    visible: bool = True
    editable: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("rank", "Rank"), Column("name", "Program"), Column("location", "City/state"),
    Column("setting", "Setting"), Column("positions", "Positions"), Column("fit", "Fit"),
    Column("chance", "Chance"), Column("tier", "Tier"),
    Column("signal", "Signal"), Column("status", "Status", editable=True),
    Column("stars", "Stars", editable=True),
    Column("specialty", "Specialty", visible=False),
    Column("institution", "Institution", visible=False),
    Column("visa", "Visas", visible=False),
    Column("typical_step2", "Typical Step 2 CK", visible=False),
    Column("min_step2", "Minimum Step 2 CK", visible=False),
    Column("share_img", "IMG share", visible=False),
    Column("share_do", "DO share", visible=False),
    Column("tags", "Tags", visible=False),
    Column("source", "Source", visible=False),
    Column("grad_year_cutoff", "Graduated in or after", visible=False),
    Column("max_failed_attempts", "Failed attempts accepted", visible=False),
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}
_NUMERIC = {"rank", "positions", "fit", "chance", "stars", "typical_step2", "min_step2",
            "share_img", "share_do", "grad_year_cutoff", "max_failed_attempts"}


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def _visa(p: Program) -> str:
    kinds = [k for k, on in (("J-1", p.visa_j1), ("H-1B", p.visa_h1b)) if on]
    if kinds:
        return ", ".join(kinds)
    return "None" if p.visa_j1 is False or p.visa_h1b is False else ""


_STATUS_ORDER = {key: i for i, key in enumerate(STATUSES)}
_R = RankedProgram | None

#: column key -> f(program, rank info) giving the cell's display text (computed on demand).
TEXT: dict[str, Callable[[Program, _R], str]] = {
    "rank": lambda p, r: str(r.rank) if r else "",
    "name": lambda p, r: p.display_name,
    "location": lambda p, r: p.location,
    "setting": lambda p, r: SETTING_SHORT.get(p.setting or "", ""),
    "positions": lambda p, r: "" if p.positions is None else str(p.positions),
    "fit": lambda p, r: f"{r.fit:.0f}" if r else "",
    "chance": lambda p, r: f"{r.p_interview * 100:.0f}%" if r else "",
    "tier": lambda p, r: TIER_LABELS.get(r.tier, r.tier) if r else "",
    "signal": lambda p, r: SIGNAL_LABELS.get(r.signal or "", "") if r else "",
    "status": lambda p, r: STATUSES.get(p.status, p.status),
    "stars": lambda p, r: "★" * p.stars + "☆" * (5 - p.stars) if p.stars else "",
    "specialty": lambda p, r: p.specialty,
    "institution": lambda p, r: p.institution,
    "visa": lambda p, r: _visa(p),
    "typical_step2": lambda p, r: "" if p.typical_step2 is None else str(p.typical_step2),
    "min_step2": lambda p, r: "" if p.min_step2 is None else str(p.min_step2),
    "share_img": lambda p, r: _pct(p.share_img),
    "share_do": lambda p, r: _pct(p.share_do),
    "tags": lambda p, r: ", ".join(p.tags),
    "source": lambda p, r: "Demo" if p.is_demo else p.source,
    "grad_year_cutoff": lambda p, r: "" if p.grad_year_cutoff is None else str(p.grad_year_cutoff),
    "max_failed_attempts": lambda p, r: ("" if p.max_failed_attempts is None
                                         else str(p.max_failed_attempts)),
}

#: column key -> f(program, rank info) giving the sort key; None sorts last.
KEY: dict[str, Callable[[Program, _R], Any]] = {
    "rank": lambda p, r: r.rank if r else None,
    "name": lambda p, r: p.name.casefold(),
    "location": lambda p, r: (p.state or "", p.city.casefold()),
    "setting": lambda p, r: p.setting,
    "positions": lambda p, r: p.positions,
    "fit": lambda p, r: r.fit if r else None,
    "chance": lambda p, r: r.p_interview if r else None,
    "tier": lambda p, r: TIERS.index(r.tier) if r and r.tier in TIERS else None,
    "signal": lambda p, r: (SIGNAL_LEVELS.index(r.signal) if r and r.signal in SIGNAL_LEVELS
                            else None),
    "status": lambda p, r: _STATUS_ORDER.get(p.status, 99),
    "stars": lambda p, r: p.stars,
    "specialty": lambda p, r: p.specialty,
    "institution": lambda p, r: p.institution.casefold(),
    "visa": lambda p, r: _visa(p) or None,
    "typical_step2": lambda p, r: p.typical_step2,
    "min_step2": lambda p, r: p.min_step2,
    "share_img": lambda p, r: p.share_img,
    "share_do": lambda p, r: p.share_do,
    "tags": lambda p, r: ", ".join(p.tags).casefold() or None,
    "source": lambda p, r: p.source,
    "grad_year_cutoff": lambda p, r: p.grad_year_cutoff,
    "max_failed_attempts": lambda p, r: p.max_failed_attempts,
}


def cells(p: Program, r: RankedProgram | None) -> tuple[list[str], list[Any]]:
    """(display texts, sort keys) of one row; a None key sorts last."""
    return ([TEXT[c.key](p, r) for c in COLUMNS], [KEY[c.key](p, r) for c in COLUMNS])


#: Columns whose keys come from the ranking's NumPy columns (CatalogRanking.column).
RANKED = frozenset({"rank", "fit", "chance", "tier", "signal"})


def sort_positions(programs: Sequence[Program], ranking: CatalogRanking | None, column: int,
                   order: Qt.SortOrder) -> list[int]:
    """The places of ``programs`` in a column's order (stable; rows without a value last). No
    Qt objects are touched, so a loading worker thread can call it."""
    import numpy as np

    codes = key_codes(programs, ranking, column)
    if order == Qt.SortOrder.DescendingOrder:
        codes = -codes  # (NaN stays NaN: rows without a value stay last)
    return np.argsort(codes, kind="stable").tolist()


@dataclass
class RowOrder:
    """A list's rows in a sort order: ``places`` (row -> place in the list, NumPy),
    ``programs`` (in row order) and ``rows`` (place -> row). No Qt: a loading worker makes it
    (:func:`row_order`) and the model only takes it."""

    places: Any
    programs: list[Program]
    rows: list[int]


def row_order(programs: Sequence[Program], places: Sequence[int] | None) -> RowOrder:
    """The rows of ``programs`` in the order ``places`` gives (None: as they are)."""
    import numpy as np

    if places is None:
        return RowOrder(np.arange(len(programs)), list(programs), list(range(len(programs))))
    order = np.asarray(places, dtype=np.int64)
    rows = np.empty(len(order), dtype=np.int64)
    rows[order] = np.arange(len(order))
    return RowOrder(order, list(map(programs.__getitem__, order.tolist())), rows.tolist())


def key_codes(programs: Sequence[Program], ranking: CatalogRanking | None,
              column: int) -> Any:
    """One number per program that sorts as the column's key does (NaN: no value, sorted last):
    numbers as they are, anything else by its place among the column's distinct keys. The
    ranking's columns are read from its NumPy arrays (no Python object per program)."""
    import numpy as np

    key = COLUMNS[column].key
    if key in RANKED:
        if ranking is None:
            return np.full(len(programs), np.nan)
        places = ranking.positions(programs)
        values = np.append(ranking.column(key), np.nan)  # place −1 reads the NaN
        return values[places]
    fn = KEY[key]
    keys = [fn(p, None) for p in programs]
    present = [k for k in keys if k is not None]
    if all(isinstance(k, (int, float)) and not isinstance(k, bool) for k in present):
        return np.array([np.nan if k is None else float(k) for k in keys], dtype=float)
    place = {k: float(i) for i, k in enumerate(sorted(set(present)))}
    return np.array([np.nan if k is None else place[k] for k in keys], dtype=float)


_HEADER_TIPS = {
    "rank": "Rank among programs of the same specialty for your profile: chance of an interview "
            "and fit with your preferences together",
    "fit": "How well the program matches your preferences (place, setting, size, reputation), "
           "from 0 to 100; set them in your profile",
    "chance": "Estimated chance of an interview invitation if you apply, from your profile and "
              "the program's figures; an estimate, not a promise (Help → How good are these "
              "numbers?)",
    "signal": "A preference signal you plan to send this program (gold or silver)",
}


def tier_meanings() -> dict[str, str]:
    """What each tier means, from the model's thresholds."""
    from smartpick_desktop.core.model.tiers import tier_definitions

    return tier_definitions()


def header_tooltip(key: str) -> str | None:
    if key == "tier":
        return "\n".join(f"{TIER_LABELS[k]}: {text}" for k, text in tier_meanings().items())
    return _HEADER_TIPS.get(key)


class ProgramTableModel(QAbstractTableModel):
    """Programs with their ranking. Cell texts and sort keys are computed on demand (``TEXT``,
    ``KEY``): ``data()`` only runs for the cells on screen, and a sort computes one column's
    keys, so loading 15,000 programs builds no per-cell strings.

    Attributes:
        programs: the Program records, in the current (sorted) row order.
        ranking: the CatalogRanking in use, or None.
        user_writer: ``f(program_id, field, value) -> Program | None`` that saves a user field
            (stars or status) through the core and returns the fresh record; set by the tab.
        sort_order: ``(column, order)`` of the last sort, or None.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.programs: list[Program] = []
        self.ranking: CatalogRanking | None = None
        self._info: dict[int, RankedProgram] = {}
        self._base: list[Program] = []          # the programs in the order they were loaded
        self._base_row: dict[int, int] = {}     # program id -> place in _base
        self._view_row: list[int] = []          # place in _base -> view row
        self._order: Any = None                 # NumPy: view row -> place in _base
        self._codes: dict[int, Any] = {}        # column -> key_codes over _base
        self.sort_order: tuple[int, Qt.SortOrder] | None = None
        self._edits: dict[int, Program] | None = None
        self.user_writer: Callable[[int, str, Any], Program | None] | None = None

    # --- loading -------------------------------------------------------------------------------

    def set_programs(self, programs: Sequence[Program], ranking: CatalogRanking | None = None,
                     *, order: RowOrder | None = None,
                     rows_by_id: dict[int, int] | None = None) -> None:
        """Show ``programs``, sorted by the current sort: ``order`` (from :func:`row_order`)
        when a loading worker made it, else here.

        ``programs`` stay the model's base list (:meth:`base_programs`: a re-rank ranks them
        in this order). A loading worker may hand over ``rows_by_id`` (program id -> place in
        ``programs``), computed off the GUI thread.
        """
        self.beginResetModel()
        self.ranking = ranking
        self._info = ranking.info if ranking else {}
        self._base = list(programs)
        if order is None:
            places = (sort_positions(self._base, ranking, *self.sort_order)
                      if self.sort_order is not None else None)
            order = row_order(self._base, places)
        self._base_row = rows_by_id if rows_by_id is not None else {
            p.program_id: i for i, p in enumerate(self._base)}
        self._order, self.programs, self._view_row = order.places, order.programs, order.rows
        self._codes = {}
        self.endResetModel()

    def base_programs(self) -> list[Program]:
        """The programs in the order they were given (edits included): a re-rank ranks this
        list, so the model's columns read at the last ranking are reused."""
        return list(self._base)

    def set_ranking(self, ranking: CatalogRanking | None, *,
                    order: RowOrder | None = None,
                    sort: tuple[int, Qt.SortOrder] | None = None) -> None:
        """Show a new ranking of the same programs (a re-rank): the rows keep their programs
        and are sorted again when the sort column is one of the ranking's — by ``order`` when
        a worker made it for ``sort``, the sort still in use; one layout change, no reset, so
        the selection, the scroll position and the search texts stay."""
        resort = self.sort_order is not None and COLUMNS[self.sort_order[0]].key in RANKED
        self.ranking = ranking
        self._info = ranking.info if ranking else {}
        for column in [c for c in self._codes if COLUMNS[c].key in RANKED]:
            del self._codes[column]
        if not resort:  # tiers changed: the tier filter looks again
            rows_layout_about_to_change(self)
            rows_layout_changed(self)
        elif order is not None and sort == self.sort_order and len(order.rows) == len(self._base):
            self._reorder(order, sort)
        else:
            self.sort(*self.sort_order)

    def base_order(self) -> Any:
        """NumPy: each row's place in :meth:`base_programs` (row -> place)."""
        import numpy as np

        if self._order is None or len(self._order) != len(self.programs):
            return np.arange(len(self.programs))
        return self._order

    def base_index(self, row: int) -> int:
        """The place of a row's program in :meth:`base_programs`."""
        return int(self.base_order()[row])

    def rank_info(self, program_id: int | None) -> RankedProgram | None:
        if program_id is None:
            return None
        return self._info.get(program_id)


    def row_of(self, program_id: int) -> int | None:
        base = self._base_row.get(program_id)
        return None if base is None else self._view_row[base]

    def track_edits(self) -> None:
        """Start remembering rows replaced by edits (while a load runs in a worker)."""
        self._edits = {}

    def take_edits(self) -> list[Program]:
        """The programs edited since ``track_edits`` (to re-apply over a fresh load)."""
        edits, self._edits = self._edits or {}, None
        return list(edits.values())

    def replace_program(self, program: Program) -> None:
        """Refresh one row after its user fields changed."""
        if self._edits is not None:
            self._edits[program.program_id] = program
        base = self._base_row.get(program.program_id)
        if base is None:
            return
        row = self._view_row[base]
        self.programs[row] = program
        self._base[base] = program
        self._codes.clear()  # stars, status or tags may sort differently now
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- Qt model ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.programs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return header_tooltip(COLUMNS[section].key)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell_text(self, row: int, col: int) -> tuple[str, Qt.AlignmentFlag]:
        """(display text, alignment) of one cell: what the table's delegate paints."""
        if not (0 <= row < len(self.programs) and 0 <= col < len(COLUMNS)):
            return "", _ALIGN_LEFT
        key = COLUMNS[col].key
        p = self.programs[row]
        return (TEXT[key](p, self._info.get(p.program_id)),
                _ALIGN_RIGHT if key in _NUMERIC else _ALIGN_LEFT)

    def cell(self, row: int, col: int, role: int) -> Any:
        """The data of one cell (the proxy calls this directly)."""
        if not (0 <= row < len(self.programs) and 0 <= col < len(COLUMNS)):
            return None
        key = COLUMNS[col].key
        if role == Qt.ItemDataRole.DisplayRole:
            p = self.programs[row]
            return TEXT[key](p, self._info.get(p.program_id))
        if role == Qt.ItemDataRole.EditRole:
            p = self.programs[row]
            if key == "stars":
                return p.stars
            if key == "status":
                return p.status
            return TEXT[key](p, self._info.get(p.program_id))
        if role == SORT_ROLE:
            p = self.programs[row]
            return KEY[key](p, self._info.get(p.program_id))
        if role == PROGRAM_ROLE:
            return self.programs[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(_ALIGN_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole and key == "tier":
            info = self._info.get(self.programs[row].program_id)
            return tier_meanings().get(info.tier) if info else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            p = self.programs[row]
            demo = "\nDemo program: fictional, for exploring." if p.is_demo else ""
            return f"{p.name}\n{p.institution}\n{p.specialty}{demo}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.column_flags(index.column())

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """The flags of every cell of a column (the proxy asks directly)."""
        if not 0 <= column < len(COLUMNS):
            return Qt.ItemFlag.NoItemFlags
        if COLUMNS[column].editable and self.user_writer is not None:
            return _EDITABLE
        return _SELECTABLE

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or self.user_writer is None):
            return False
        key = COLUMNS[index.column()].key
        program = self.programs[index.row()]
        if key == "stars":
            try:
                value = int(value)
            except (TypeError, ValueError):
                return False
            if not 0 <= value <= 5:
                return False
        elif key == "status":
            if value not in STATUSES:
                return False
        else:
            return False
        fresh = self.user_writer(program.program_id, key, value)
        if fresh is None:
            return False
        self.replace_program(fresh)
        return True

    # --- sorting (the proxy delegates here) ----------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            self.sort_order = None
            return
        import numpy as np

        if self._order is None or len(self._order) != len(self.programs):
            self._base, self._order = self.programs[:], np.arange(len(self.programs))
            self._base_row = {p.program_id: i for i, p in enumerate(self._base)}
            self._view_row = list(range(len(self._base)))
            self._codes.clear()
        codes = self._codes.get(column)
        if codes is None:
            codes = self._codes[column] = key_codes(self._base, self.ranking, column)
        current = codes[self._order]  # stable: rows with equal keys keep their order
        if order == Qt.SortOrder.DescendingOrder:
            current = -current  # (NaN stays NaN: rows without a value stay last)
        places = self._order[np.argsort(current, kind="stable")]
        self._reorder(row_order(self._base, places), (column, order))

    def _reorder(self, order: RowOrder, sort: tuple[int, Qt.SortOrder]) -> None:
        """Show the rows in ``order`` (sorted by ``sort``): one layout change; the selection
        and the current row follow their programs."""
        rows_layout_about_to_change(self)
        old = self.persistentIndexList()
        old_ids = [self.programs[i.row()].program_id for i in old]
        self.sort_order = sort
        self._order, self.programs, self._view_row = order.places, order.programs, order.rows
        self.changePersistentIndexList(
            old, [self.index(self.row_of(pid), i.column())
                  for pid, i in zip(old_ids, old, strict=True)])
        rows_layout_changed(self)
