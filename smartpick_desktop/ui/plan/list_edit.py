"""Editing the saved list by hand: add from the catalog, remove, lock in or out, move a signal
(with the change in P(match) shown first), undo. Every change goes through core.plan.edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.ui.widgets import resize_to_fit, wrapped_label

SIGNAL_CHOICES = (("No signal", "none"), ("Gold signal", "gold"), ("Silver signal", "silver"),
                  ("Signal", "signal"))


class AddProgramDialog(QDialog):
    """Pick one catalog program (type to filter; Enter adds the highlighted one)."""

    def __init__(self, programs: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a program to your list")
        resize_to_fit(self, 560, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label("Programs of your specialties that are not on the list. "
                                       "A program you add stays when you re-optimize (it is "
                                       "locked in)."))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type part of a name, city or state")
        self.filter.setAccessibleName("Filter programs")
        self.filter.textChanged.connect(self._on_filter_text_changed)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setAccessibleName("Programs to add")
        for p in programs:
            item = QListWidgetItem(f"{p.display_name} — {p.location}")
            item.setData(Qt.ItemDataRole.UserRole, int(p.program_id))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.setFocus()

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = not all(w in item.text().casefold() for w in words)
            item.setHidden(hide)
            if not hide and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.filter.hasFocus():
            self.list.setFocus()
            self.list.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(Qt.ItemDataRole.UserRole))


class ListEditBar(QWidget):
    """Buttons over the list; the tab connects them (it knows the selected row).

    Signals: ``requested(action)`` with action "add", "remove", "lock_in", "lock_out",
    "unlock", "undo", "apply_signal"; ``signal_choice_changed(level)``.
    """

    requested = Signal(str)
    signal_choice_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.add_button = self._button("&Add program…", "add",
                                       "Add a catalog program to the list (Insert)")
        self.remove_button = self._button("Rem&ove", "remove",
                                          "Take the selected program off the list (Delete); "
                                          "it stays out when you re-optimize")
        self.lock_in_button = self._button("Lock &in", "lock_in",
                                           "Keep the selected program when you re-optimize")
        self.lock_out_button = self._button("Loc&k out", "lock_out",
                                            "Remove it and keep it out when you re-optimize")
        self.unlock_button = self._button("Unlo&ck", "unlock",
                                          "Let the optimizer decide about it again")
        self.undo_button = self._button("&Undo", "undo", "Take back the last change (Ctrl+Z)")
        for b in (self.add_button, self.remove_button, self.lock_in_button,
                  self.lock_out_button, self.unlock_button, self.undo_button):
            row.addWidget(b)
        row.addSpacing(12)
        column.addLayout(row)
        sig = row
        label = QLabel("Si&gnal:")
        self.signal_combo = QComboBox()
        self.signal_combo.setAccessibleName("Signal for the selected program")
        for text, key in SIGNAL_CHOICES:
            self.signal_combo.addItem(text, key)
        label.setBuddy(self.signal_combo)
        self.signal_combo.activated.connect(
            lambda _i: self.signal_choice_changed.emit(str(self.signal_combo.currentData())))
        self.apply_signal_button = self._button("Appl&y signal", "apply_signal",
                                                "Move the signal as previewed")
        self.preview = wrapped_label()
        self.preview.setAccessibleName("Signal change preview")
        self.preview.setVisible(False)
        sig.addWidget(label)
        sig.addWidget(self.signal_combo)
        sig.addWidget(self.apply_signal_button)
        sig.addStretch(1)
        column.addWidget(self.preview)

    def _button(self, text: str, action: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False: self.requested.emit(action))
        return button

    def set_state(self, *, editable: bool, selected: bool, locked: bool, can_undo: bool,
                  undo_text: str | None) -> None:
        self.add_button.setEnabled(editable)
        for b in (self.remove_button, self.lock_in_button, self.lock_out_button):
            b.setEnabled(editable and selected)
        self.unlock_button.setEnabled(editable and selected and locked)
        self.undo_button.setEnabled(can_undo)
        self.undo_button.setToolTip(f"Undo: {undo_text} (Ctrl+Z)" if undo_text
                                    else "Nothing to undo")
        self.signal_combo.setEnabled(editable and selected)
        if not (editable and selected):
            self.apply_signal_button.setEnabled(False)
            self.set_preview("" if editable else
                             "This new list is not saved: “Use this list” first, then edit it.")

    def set_preview(self, text: str) -> None:
        self.preview.setText(text)
        self.preview.setVisible(bool(text))

    def show_signal(self, level: str | None) -> None:
        index = self.signal_combo.findData(level or "none")
        self.signal_combo.setCurrentIndex(max(0, index))
        self.apply_signal_button.setEnabled(False)
        self.set_preview("")
