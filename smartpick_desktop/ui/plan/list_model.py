"""The recommended list as a table model (plain Python values only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

SIGNAL_LABELS = {"gold": "Gold", "silver": "Silver", "signal": "Signal"}
TIER_LABELS = {"likely": "Likely", "target": "Target", "reach": "Reach",
               "ineligible": "Ineligible"}
COLUMNS = ("#", "Program", "City / state", "Tier", "Interview", "Fit", "Signal", "Adds",
           "Lock", "Status")
HEADER_TIPS = ("Order the optimizer chose", "Program", "City and state",
               "Reach < 20%, target 20–50%, likely ≥ 50% chance of an interview",
               "Chance of an interview, with the signal shown", "Fit with your preferences (0–100)",
               "Signal placed here", "Percentage points this program adds to P(match)",
               "Locked in: kept when you re-optimize", "Where your application stands")


@dataclass(frozen=True)
class PlanRowView:
    """One row: plain values copied out of the model's result."""

    program_id: int
    name: str
    location: str
    tier: str
    p_interview: float
    fit: float
    signal: str | None
    gain: float | None
    reasons: tuple[str, ...] = ()
    specialty: str = ""
    locked: bool = False
    status: str = ""


class PlanListModel(QAbstractTableModel):
    """Rows of the recommended list, in the optimizer's order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PlanRowView] = []

    def set_rows(self, rows: list[PlanRowView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            from smartpick_desktop.core.catalog.program import STATUSES

            return (str(index.row() + 1), row.name, row.location,
                    TIER_LABELS.get(row.tier, row.tier), f"{row.p_interview * 100:.0f}%",
                    f"{row.fit:.0f}", SIGNAL_LABELS.get(row.signal or "", ""),
                    "" if row.gain is None else f"{row.gain * 100:+.1f} pts",
                    "Locked in" if row.locked else "",
                    STATUSES.get(row.status, row.status))[col]
        if role == Qt.ItemDataRole.ToolTipRole and row.reasons:
            return "\n".join(row.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4, 5, 7):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return int(row.program_id)
        return None
