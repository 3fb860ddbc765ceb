"""The note editor for a highlight: asks before throwing away what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.ui.discard_guard import DiscardGuard


class NoteDialog(DiscardGuard, QDialog):
    """Write or change the note on a highlighted quote; ``note()`` is the text."""

    def __init__(self, quote: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note")
        self.setMinimumWidth(420)
        short = quote if len(quote) < 80 else quote[:77] + "…"
        layout = QVBoxLayout(self)
        label = QLabel(f"Your note on \u201c{short}\u201d:")
        label.setWordWrap(True)
        label.setTextFormat(label.textFormat().PlainText)
        layout.addWidget(label)
        self.edit = QPlainTextEdit(current)
        layout.addWidget(self.edit, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def note(self) -> str:
        return self.edit.toPlainText()
