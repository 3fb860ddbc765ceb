"""The Programs table view: columns, editors for status and stars, keyboard behavior."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from smartpick_desktop.core.catalog.program import STATUSES
from smartpick_desktop.ui.programs.table_model import COL, COLUMNS

COLUMN_WIDTHS = (42, 260, 125, 108, 62, 36, 58, 58, 52, 88, 62)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo-box editor for the status and stars cells."""

    def __init__(self, choices: list[tuple[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        for label, value in self.choices:
            box.addItem(label, value)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ProgramsTableView(QTableView):
    """The ranked table; the header's context menu is ``header_menu_requested``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programs_table")
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the detail pane, arrows move in here
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                             | QTableView.EditTrigger.SelectedClicked
                             | QTableView.EditTrigger.EditKeyPressed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegateForColumn(
            COL["status"], ChoiceDelegate([(v, k) for k, v in STATUSES.items()], self))
        self.setItemDelegateForColumn(
            COL["stars"], ChoiceDelegate([("No stars", 0)] + [("★" * n, n) for n in
                                                                range(1, 6)], self))

    def setup_columns(self) -> None:
        """Default widths and visibility (call once the model is set)."""
        header = self.horizontalHeader()
        for i, width in enumerate(COLUMN_WIDTHS):
            self.setColumnWidth(i, width)
        # The program name takes whatever room is left, so every default column fits.
        header.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(COLUMNS):
            self.setColumnHidden(i, not column.visible)
        self.sortByColumn(COL["rank"], Qt.SortOrder.AscendingOrder)

