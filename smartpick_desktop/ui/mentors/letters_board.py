"""The letters board: one column per status, with how many letters the specialty expects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.mentors.letters import (
    LETTER_STATUSES,
    LETTERS_SOURCE,
    Letter,
    letters_expected,
    standardized_letter,
)
from smartpick_desktop.ui.widgets import wrapped_label

NEXT_STATUS = {"asked": "agreed", "agreed": "submitted", "submitted": "thank_you_sent"}


class LettersBoard(QWidget):
    """Columns by status. Signals ask the tab to act (it owns the store calls).

    Signals:
        add_requested, edit_requested(int), advance_requested(int), delete_requested(int)
    """

    add_requested = Signal()
    edit_requested = Signal(int)
    advance_requested = Signal(int)
    delete_requested = Signal(int)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        layout = QVBoxLayout(self)
        self.summary = wrapped_label()
        self.source = wrapped_label(muted=True)
        layout.addWidget(self.summary)
        layout.addWidget(self.source)
        columns = QHBoxLayout()
        self.lists: dict[str, QListWidget] = {}
        for status, label in LETTER_STATUSES.items():
            box = QGroupBox(label)
            inner = QVBoxLayout(box)
            lst = QListWidget()
            lst.setObjectName(f"letters_{status}")
            lst.itemDoubleClicked.connect(self._on_list_double_clicked)
            lst.itemSelectionChanged.connect(self._on_list_selection_changed)
            inner.addWidget(lst)
            self.lists[status] = lst
            columns.addWidget(box)
        layout.addLayout(columns, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add letter…")
        self.advance_button = QPushButton("Move to next status")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        for b in (self.add_button, self.advance_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_requested)
        self.advance_button.clicked.connect(self._on_advance_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self._on_list_selection_changed()

    def set_letters(self, letters: list[Letter], specialty: str | None) -> None:
        today = self._today()
        for lst in self.lists.values():
            lst.clear()
        for letter in letters:
            text = letter.writer
            if letter.due:
                text += f" — due {letter.due.isoformat()}"
            if letter.standardized:
                text += " · standardized"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, letter.id)
            item.setToolTip(letter.notes or text)
            if letter.is_open and letter.due is not None and letter.due <= today:
                item.setBackground(QBrush(QColor(255, 222, 222) if letter.due < today
                                          else QColor(255, 243, 205)))
                item.setForeground(QBrush(QColor(40, 40, 40)))
            self.lists[letter.status].addItem(item)
        if specialty:
            expected = letters_expected(specialty)
            secured = sum(1 for x in letters if x.status in ("submitted", "thank_you_sent"))
            promised = sum(1 for x in letters if x.status == "agreed")
            missing = max(0, expected - secured - promised)
            text = (f"{specialty}: programs usually expect {expected} letters. {secured} "
                    f"submitted, {promised} agreed — {missing} still to secure.")
            extra = standardized_letter(specialty)
            if extra:
                text += f" This specialty expects a {extra}."
            self.summary.setText(text)
        else:
            self.summary.setText("Save a profile to see how many letters your specialty expects.")
        self.source.setText(f"Source: {LETTERS_SOURCE}")

    def selected_id(self) -> int | None:
        for lst in self.lists.values():
            items = lst.selectedItems()
            if items:
                return items[0].data(Qt.ItemDataRole.UserRole)
        return None

    @Slot()
    def _on_list_selection_changed(self) -> None:
        sender = self.sender()
        if isinstance(sender, QListWidget) and sender.selectedItems():
            for lst in self.lists.values():
                if lst is not sender:
                    lst.blockSignals(True)
                    lst.clearSelection()
                    lst.blockSignals(False)
        has = self.selected_id() is not None
        for b in (self.advance_button, self.edit_button, self.delete_button):
            b.setEnabled(has)

    @Slot(QListWidgetItem)
    def _on_list_double_clicked(self, item: QListWidgetItem) -> None:
        self.edit_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    @Slot()
    def _on_advance_clicked(self) -> None:
        if (letter_id := self.selected_id()) is not None:
            self.advance_requested.emit(letter_id)

    @Slot()
    def _on_edit_clicked(self) -> None:
        if (letter_id := self.selected_id()) is not None:
            self.edit_requested.emit(letter_id)

    @Slot()
    def _on_delete_clicked(self) -> None:
        if (letter_id := self.selected_id()) is not None:
            self.delete_requested.emit(letter_id)
