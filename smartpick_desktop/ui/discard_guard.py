"""Dialogs that ask before typed input is thrown away (Escape, Cancel or closing the window)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def input_state(root: QWidget) -> tuple[Any, ...]:
    """Everything a person can type or choose inside ``root``, in a comparable form."""
    values: list[Any] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            if not widget.isReadOnly() and not isinstance(widget.parent(), (QAbstractSpinBox,
                                                                            QComboBox)):
                values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            if not widget.isReadOnly():
                values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


class DiscardGuard:
    """Mix into a QDialog or QWizard (listed first): leaving without saving asks first when
    anything was typed or changed since the dialog appeared. Tests replace
    ``confirm_discard``."""

    discard_question = "Discard what you typed? It has not been saved."
    _guard_snapshot: tuple[Any, ...] | None = None

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._guard_snapshot is None:
            self._guard_snapshot = input_state(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]

    def mark_unchanged(self) -> None:
        """Take the current input as the saved state (after filling the form in code)."""
        self._guard_snapshot = input_state(self)  # type: ignore[arg-type]

    def has_unsaved_input(self) -> bool:
        return (self._guard_snapshot is not None
                and input_state(self) != self._guard_snapshot)  # type: ignore[arg-type]

    def confirm_discard(self) -> bool:
        """Ask whether to throw the input away; True to discard."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(),  # type: ignore[attr-defined]
                          self.discard_question, parent=self)  # type: ignore[arg-type]
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def reject(self) -> None:
        if self.has_unsaved_input() and not self.confirm_discard():
            return
        super().reject()  # type: ignore[misc]
