"""The Programs table view: columns, editors for status and stars, keyboard behavior."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from smartpick_desktop.core.catalog.program import STATUSES
from smartpick_desktop.ui.jobs import gui_painting
from smartpick_desktop.ui.programs.table_model import COL, COLUMNS

#: The longest text each default column shows (its width is measured from the font, so it fits
#: at any zoom or scaling); the program name takes the room left.
WIDEST_TEXT = {"rank": "Rank 999", "location": "Battle Creek, MI", "setting": "Univ.-affiliated",
               "positions": "Positions", "fit": "Fit 100", "chance": "Chance 100%",
               "tier": "Ineligible", "signal": "Silver", "status": "Interview scheduled",
               "stars": "★★★★★"}
#: Hidden first when the table is narrow (the detail pane shows them), unless the student chose.
NARROW_HIDES = ("setting", "signal", "stars")
NARROW_WIDTH = 1100


_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class CellDelegate(QStyledItemDelegate):
    """Fills a cell's paint options from its text and alignment, asked of the model in one call
    (``cell_text``) instead of one ``data`` call per role (seven): a repaint makes a few hundred
    calls into Python instead of a few thousand."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        cell_text = getattr(index.model(), "cell_text", None)
        if cell_text is None:
            super().initStyleOption(option, index)
            return
        option.index = index
        option.text, option.displayAlignment = cell_text(index.row(), index.column())
        option.features |= _HAS_DISPLAY


class ChoiceDelegate(CellDelegate):
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
    """The ranked table; the header's context menu is ``header_menu_requested``; ``painted``
    is emitted after each paint."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._message: QLabel | None = None
        self.setObjectName("programs_table")
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the detail pane, arrows move in here
        self.verticalHeader().setVisible(False)
        # Always there: a scroll bar that appears with the rows would narrow the table and make
        # Qt lay it out and paint it twice.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.verticalHeader().setDefaultSectionSize(24)
        # rows all of one height (15,000 rows: no per-row bookkeeping when the rows change)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                             | QTableView.EditTrigger.SelectedClicked
                             | QTableView.EditTrigger.EditKeyPressed)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(CellDelegate(self))
        self.setItemDelegateForColumn(
            COL["status"], ChoiceDelegate([(v, k) for k, v in STATUSES.items()], self))
        self.setItemDelegateForColumn(
            COL["stars"], ChoiceDelegate([("No stars", 0)] + [("★" * n, n) for n in
                                                                range(1, 6)], self))

    def setup_columns(self) -> None:
        """Default widths and visibility (call once the model is set)."""
        header = self.horizontalHeader()
        self.fit_columns()
        # The program name takes whatever room is left, so every default column fits.
        header.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(COLUMNS):
            self.setColumnHidden(i, not column.visible)
        self.chosen_columns: set[int] = set()  # shown or hidden by the student
        self.narrow = False
        self.sortByColumn(COL["rank"], Qt.SortOrder.AscendingOrder)

    def fit_columns(self) -> None:
        """Width of each fixed column from the font: its longest text or its title."""
        metrics = QFontMetrics(self.font())
        header_metrics = QFontMetrics(self.horizontalHeader().font())
        for key, text in WIDEST_TEXT.items():
            title = COLUMNS[COL[key]].title
            width = max(metrics.horizontalAdvance(text), header_metrics.horizontalAdvance(title)
                        + 18) + 14
            self.setColumnWidth(COL[key], width)

    def set_narrow(self, narrow: bool) -> None:
        """Hide NARROW_HIDES (when narrow) or show them again, unless the student chose."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for key in NARROW_HIDES:
            column = COL[key]
            if column not in self.chosen_columns:
                self.setColumnHidden(column, narrow)

    def show_message(self, text: str | None) -> None:
        """A sentence in the middle of the table's area (while it loads), or none."""
        if text is None:
            if self._message is not None:
                self._message.hide()
            return
        if self._message is None:
            self._message = QLabel(self.viewport())
            self._message.setObjectName("programs_loading")
            self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._message.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._message.setText(text)
        self._message.setGeometry(self.viewport().rect())
        self._message.show()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        with gui_painting():  # a loading worker waits: every cell calls Python
            super().paintEvent(event)
        self.painted.emit()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "chosen_columns"):
            self.fit_columns()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._message is not None:
            self._message.setGeometry(self.viewport().rect())
        if hasattr(self, "chosen_columns"):
            self.set_narrow(self.width() < NARROW_WIDTH)

