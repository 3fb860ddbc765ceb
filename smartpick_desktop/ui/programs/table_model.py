"""The program table: a QAbstractTableModel over Program records plus their ranking.

Every cell's text and sort key are computed once when rows or the ranking change, never in
``data()``; sorting is done here with ``list.sort`` (the proxy delegates to it), which keeps a
15,000-row sort well under 200 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from smartpick_desktop.core.catalog.program import STATUSES, Program
from smartpick_desktop.ui.programs.ranking import CatalogRanking, RankInfo

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PROGRAM_ROLE = Qt.ItemDataRole.UserRole + 2

TIER_LABELS = {"likely": "Likely", "target": "Target", "reach": "Reach",
               "ineligible": "Ineligible"}
SIGNAL_LABELS = {"gold": "Gold", "silver": "Silver", "signal": "Signal"}
SETTING_SHORT = {"university": "University", "community_university": "Community-university",
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
)
COL = {c.key: i for i, c in enumerate(COLUMNS)}
_NUMERIC = {"rank", "positions", "fit", "chance", "stars", "typical_step2", "min_step2",
            "share_img", "share_do"}


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def _visa(p: Program) -> str:
    kinds = [k for k, on in (("J-1", p.visa_j1), ("H-1B", p.visa_h1b)) if on]
    if kinds:
        return ", ".join(kinds)
    return "None" if p.visa_j1 is False or p.visa_h1b is False else ""


def cells(p: Program, r: RankInfo | None) -> tuple[list[str], list[Any]]:
    """(display texts, sort keys) of one row; a None key sorts last."""
    status = STATUSES.get(p.status, p.status)
    values: dict[str, tuple[str, Any]] = {
        "rank": (str(r.rank) if r else "", r.rank if r else None),
        "name": (p.display_name, p.name.casefold()),
        "location": (p.location, (p.state or "", p.city.casefold())),
        "setting": (SETTING_SHORT.get(p.setting or "", ""), p.setting),
        "positions": ("" if p.positions is None else str(p.positions), p.positions),
        "fit": (f"{r.fit:.0f}" if r else "", r.fit if r else None),
        "chance": (f"{r.p_interview * 100:.0f}%" if r else "", r.p_interview if r else None),
        "tier": (TIER_LABELS.get(r.tier, r.tier) if r else "",
                 ("likely", "target", "reach", "ineligible").index(r.tier)
                 if r and r.tier in TIER_LABELS else None),
        "signal": (SIGNAL_LABELS.get(r.signal or "", "") if r else "",
                   ("gold", "silver", "signal").index(r.signal)
                   if r and r.signal in SIGNAL_LABELS else None),
        "status": (status, list(STATUSES).index(p.status) if p.status in STATUSES else 99),
        "stars": ("★" * p.stars + "☆" * (5 - p.stars) if p.stars else "", p.stars),
        "specialty": (p.specialty, p.specialty),
        "institution": (p.institution, p.institution.casefold()),
        "visa": (_visa(p), _visa(p) or None),
        "typical_step2": ("" if p.typical_step2 is None else str(p.typical_step2),
                          p.typical_step2),
        "min_step2": ("" if p.min_step2 is None else str(p.min_step2), p.min_step2),
        "share_img": (_pct(p.share_img), p.share_img),
        "share_do": (_pct(p.share_do), p.share_do),
        "tags": (", ".join(p.tags), ", ".join(p.tags).casefold() or None),
        "source": ("Demo" if p.is_demo else p.source, p.source),
    }
    texts = [values[c.key][0] for c in COLUMNS]
    keys = [values[c.key][1] for c in COLUMNS]
    return texts, keys


class ProgramTableModel(QAbstractTableModel):
    """Programs with their ranking; ``set_programs`` / ``set_ranking`` rebuild the cells.

    Attributes:
        programs: the Program records, in the current (sorted) row order.
        ranking: the CatalogRanking in use, or None.
        user_writer: ``f(program_id, field, value) -> Program | None`` that saves a user field
            (stars or status) through the core and returns the fresh record; set by the tab.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.programs: list[Program] = []
        self.ranking: CatalogRanking | None = None
        self._texts: list[list[str]] = []
        self._keys: list[list[Any]] = []
        self._rows_by_id: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.user_writer: Callable[[int, str, Any], Program | None] | None = None
        #: called after rows are re-ordered, before layoutChanged (the proxy's filter flags)
        self.reordered: Callable[[], None] | None = None

    # --- loading -------------------------------------------------------------------------------

    def set_programs(self, programs: Sequence[Program],
                     ranking: CatalogRanking | None = None) -> None:
        self.beginResetModel()
        self.programs = list(programs)
        self.ranking = ranking
        self._rebuild()
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def set_ranking(self, ranking: CatalogRanking | None) -> None:
        self.set_programs(self.programs, ranking)

    def rank_info(self, program_id: int | None) -> RankInfo | None:
        if self.ranking is None or program_id is None:
            return None
        return self.ranking.info.get(program_id)

    def _rebuild(self) -> None:
        info = self.ranking.info if self.ranking else {}
        built = [cells(p, info.get(p.program_id)) for p in self.programs]
        self._texts = [b[0] for b in built]
        self._keys = [b[1] for b in built]
        self._reindex()

    def _reindex(self) -> None:
        self._rows_by_id = {p.program_id: i for i, p in enumerate(self.programs)}

    def row_of(self, program_id: int) -> int | None:
        return self._rows_by_id.get(program_id)

    def replace_program(self, program: Program) -> None:
        """Refresh one row after its user fields changed."""
        row = self._rows_by_id.get(program.program_id)
        if row is None:
            return
        self.programs[row] = program
        self._texts[row], self._keys[row] = cells(program, self.rank_info(program.program_id))
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
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].key == "rank":
                return "Rank among programs of the same specialty for your profile"
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self.programs) and 0 <= col < len(COLUMNS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][col]
        if role == Qt.ItemDataRole.EditRole:
            key = COLUMNS[col].key
            if key == "stars":
                return self.programs[row].stars
            if key == "status":
                return self.programs[row].status
            return self._texts[row][col]
        if role == SORT_ROLE:
            return self._keys[row][col]
        if role == PROGRAM_ROLE:
            return self.programs[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[col].key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[col].key == "name":
            p = self.programs[row]
            demo = "\nDemo program: fictional, for exploring." if p.is_demo else ""
            return f"{p.name}\n{p.institution}\n{p.specialty}{demo}"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()].editable and self.user_writer is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

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
            self._sort = None
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self.programs[i.row()].program_id for i in old]
        self._sort_rows(column, order)
        self.changePersistentIndexList(
            old, [self.index(self._rows_by_id[pid], i.column()) for pid, i in zip(old_ids, old,
                                                                                     strict=True)])
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        rows = list(range(len(self.programs)))
        keys = [k[column] for k in self._keys]
        present = [i for i in rows if keys[i] is not None]
        missing = [i for i in rows if keys[i] is None]
        present.sort(key=keys.__getitem__,
                     reverse=order == Qt.SortOrder.DescendingOrder)
        new = present + missing
        self.programs = [self.programs[i] for i in new]
        self._texts = [self._texts[i] for i in new]
        self._keys = [self._keys[i] for i in new]
        self._reindex()
        if self.reordered is not None:
            self.reordered()
