"""Qt models over contacts: a table model and a filter proxy (role, stage, tag, due, text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from smartpick_desktop.core.mentors.contacts import ROLES, STAGES, Contact, search_text
from smartpick_desktop.core.mentors.followups import DUE_KINDS, DueItem

COL_NAME, COL_ROLE, COL_ORG, COL_STAGE, COL_DUE = range(5)
HEADERS = ("Name", "Role", "Organization", "Stage", "Next action")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_BRUSH = QBrush(QColor(255, 222, 222))
DUE_BRUSH = QBrush(QColor(255, 243, 205))

_Index = QModelIndex | QPersistentModelIndex


class ContactTableModel(QAbstractTableModel):
    """Contacts with their earliest due item (highlighted: due amber, overdue red)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._contacts: list[Contact] = []
        self._search: list[str] = []
        self._due: dict[int, DueItem] = {}

    def set_contacts(self, contacts: list[Contact], due: list[DueItem]) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self._search = [search_text(c) for c in self._contacts]
        self._due = {}
        for item in due:  # due is sorted: keep the earliest per contact
            if item.contact_id is not None and item.contact_id not in self._due:
                self._due[item.contact_id] = item
        self.endResetModel()

    def contact(self, row: int) -> Contact:
        return self._contacts[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def due_item(self, row: int) -> DueItem | None:
        cid = self._contacts[row].id
        return self._due.get(cid) if cid is not None else None

    def row_of(self, contact_id: int) -> int:
        for row, c in enumerate(self._contacts):
            if c.id == contact_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._contacts):
            return None
        c = self._contacts[index.row()]
        col = index.column()
        due = self._due.get(c.id) if c.id is not None else None
        if role == ID_ROLE:
            return c.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SORT_ROLE):
            if col == COL_NAME:
                return c.name.casefold() if role == SORT_ROLE else c.name
            if col == COL_ROLE:
                return ROLES.get(c.role, c.role)
            if col == COL_ORG:
                return c.institution
            if col == COL_STAGE:
                return STAGES.get(c.stage, c.stage)
            if col == COL_DUE:
                if role == SORT_ROLE:
                    return due.due.isoformat() if due else "9999"
                if due is None:
                    return ""
                state = "Overdue" if due.overdue else "Due today"
                if role == Qt.ItemDataRole.ToolTipRole:
                    return f"{state} ({due.due.isoformat()}): {due.reason}"
                return f"{state}: {DUE_KINDS.get(due.kind, due.kind).lower()}"
        if role == Qt.ItemDataRole.BackgroundRole and due is not None:
            return OVERDUE_BRUSH if due.overdue else DUE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and due is not None:
            return QBrush(QColor(40, 40, 40))
        return None


class ContactFilterProxy(QSortFilterProxyModel):
    """Filters by words (all must appear), role, stage, tag and "due only"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._role: str | None = None
        self._stage: str | None = None
        self._tag: str | None = None
        self._due_only = False
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, text: str = "", role: str | None = None, stage: str | None = None,
                    tag: str | None = None, due_only: bool = False) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._role, self._stage = role, stage
        self._tag = tag.casefold() if tag else None
        self._due_only = due_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, ContactTableModel):
            return True
        c = model.contact(row)
        if self._role and c.role != self._role:
            return False
        if self._stage and c.stage != self._stage:
            return False
        if self._tag and self._tag not in (t.casefold() for t in c.tags):
            return False
        if self._due_only and model.due_item(row) is None:
            return False
        if self._words:
            hay = model.search_text(row)
            return all(w in hay for w in self._words)
        return True


def today() -> dt.date:
    """The clock the tab and Home use (tests may monkeypatch it)."""
    return dt.date.today()
