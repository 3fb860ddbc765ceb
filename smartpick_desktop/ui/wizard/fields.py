"""Input rows that validate as the student types and show the reason beside the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from smartpick_desktop.core.profile import FIELD_CHECKS, ProfileError
from smartpick_desktop.core.words import parse_amount

ERROR_STYLE = "color: #b3261e; font-size: 11px;"
HINT_STYLE = "color: palette(placeholder-text); font-size: 11px;"
REQUIRED = "Required."


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class ValidatedLine(QWidget):
    """A QLineEdit checked against a profile field's rule on every keystroke.

    ``kind`` is "int" (whole number, "1,500" too), "money" (whole dollars, "$1,500" too) or
    "text"; ``required`` makes empty input an error.

    Signals:
        validity_changed: emitted after every edit.
    """

    validity_changed = Signal()

    def __init__(self, field: str, *, kind: str = "int", required: bool = False,
                 placeholder: str = "", check: Callable[[Any], Any] | None = None) -> None:
        super().__init__()
        self.field = field
        self.kind = kind
        self.required = required
        self._check = check or FIELD_CHECKS[field]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setObjectName(f"field_{field}")
        self.edit.setPlaceholderText(placeholder)
        self.error = error_label()
        self.error.setObjectName(f"error_{field}")
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self._message = ""
        self._on_edit_text_changed(self.edit.text())

    def value(self) -> Any:
        """The cleaned value (None when empty); only meaningful when ``is_valid()``."""
        text = self.edit.text().strip()
        if not text:
            return None
        if self.kind in ("int", "money"):
            return parse_amount(text, dollars=self.kind == "money")
        return text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def is_valid(self) -> bool:
        return not self._message

    def message(self) -> str:
        return self._message

    def set_enabled(self, enabled: bool) -> None:
        self.edit.setEnabled(enabled)
        self._on_edit_text_changed(self.edit.text())

    def _on_edit_text_changed(self, text: str) -> None:
        self._message = self._validate(text.strip()) if self.edit.isEnabled() else ""
        self.error.setText(self._message)
        self.error.setStyleSheet(HINT_STYLE if self._message == REQUIRED else ERROR_STYLE)
        self.error.setVisible(bool(self._message))
        self.validity_changed.emit()

    def _validate(self, text: str) -> str:
        if not text:
            return REQUIRED if self.required else ""
        value: Any = text
        if self.kind in ("int", "money"):
            try:
                value = parse_amount(text, dollars=self.kind == "money")
            except ValueError:
                return ("Enter a whole number of dollars, e.g. 1500 or $1,500."
                        if self.kind == "money" else "Enter a whole number, e.g. 12.")
        try:
            self._check(value)
        except ProfileError as err:
            return _sentence(err.reason)
        return ""


def _sentence(reason: str) -> str:
    text = reason[0].upper() + reason[1:]
    return text if text.endswith(".") else text + "."
