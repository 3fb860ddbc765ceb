"""Small shared widgets: section cards, headings, wrapped labels."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QVBoxLayout, QWidget

from smartpick_desktop.ui.appearance import scaled_font


class Card(QFrame):
    """A titled panel used on Home and in summaries."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#card { border: 1px solid palette(mid); border-radius: 8px; }")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 14)
        self.body.setSpacing(6)
        self.title_label = QLabel(title)
        font = scaled_font(self.title_label, 1.15)
        font.setBold(True)
        self.title_label.setFont(font)
        self.body.addWidget(self.title_label)


def wrapped_label(text: str = "", *, rich: bool = False, muted: bool = False) -> QLabel:
    """A word-wrapped label; plain text unless ``rich`` (never rich for user strings)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setStyleSheet("color: palette(placeholder-text);")
    return label


def heading(text: str, scale: float = 1.6) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = scaled_font(label, scale)
    font.setBold(True)
    label.setFont(font)
    return label


def us_datetime(value: dt.datetime) -> str:
    """E.g. "Nov 28, 2026, 9:05 AM" (US order, locale-independent)."""
    hour = value.hour % 12 or 12
    return (f"{value:%b} {value.day}, {value.year}, {hour}:{value:%M} "
            f"{'AM' if value.hour < 12 else 'PM'}")


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of ``layout``, hiding each at once (a widget waiting for
    ``deleteLater`` would otherwise still paint over the new ones)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def resize_to_fit(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, smaller where its screen is smaller (at most
    90% of it), so a dialog never opens taller than a 1024×700 or 150%-scaled screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, int(room.width() * 0.9))
        height = min(height, int(room.height() * 0.9))
    widget.resize(width, height)
