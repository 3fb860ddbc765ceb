"""A clearly visible keyboard focus for every kind of widget, in light and dark themes.

Qt's own focus marks are faint (a dotted rectangle, a slightly tinted frame) and differ per
widget. :class:`FocusRing` follows the application's focus and draws a 2-pixel ring in
:func:`focus_color` just inside the edge of whichever widget has the focus — a field, a button,
a check box, a table, a tab bar, a slider — in the main window and in every dialog. The ring is a
small transparent child of the focused widget (so it moves and clips with it, and mouse clicks go
through it); no style sheet is involved, so nothing else about the widgets' look or painting
speed changes.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

#: Ring colors: a strong blue on light windows, a light blue on dark ones (both ≥ 3:1 against
#: the window and base colors of their theme).
LIGHT_RING, DARK_RING = "#0a5fd0", "#7fb6ff"
WIDTH = 2.0


def focus_color() -> QColor:
    """The ring's color for the current palette (light or dark)."""
    window = QApplication.palette().window().color()
    return QColor(DARK_RING if window.lightness() < 128 else LIGHT_RING)


class _Ring(QWidget):
    """The ring itself: covers its parent, paints only an outline, lets the mouse through."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(target.rect())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(focus_color(), WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                3, 3)


class FocusRing(QObject):
    """Draws the ring on the focused widget; create one per main window.

    Attributes:
        target: the widget the ring is drawn on, or None.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target: QWidget | None = None
        self._ring: _Ring | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._on_focus_changed)
        self._on_focus_changed(None, app.focusWidget())

    def ring(self) -> QWidget | None:
        """The ring widget now shown, if any."""
        return self._ring if self._ring is not None and shiboken6.isValid(self._ring) else None

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._drop()
        target = ring_target(new)
        if target is None:
            return
        self.target = target
        self._ring = _Ring(target)
        target.installEventFilter(self)
        self._ring.raise_()
        self._ring.show()

    def _drop(self) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        ring = self.ring()
        if ring is not None:
            ring.hide()
            ring.deleteLater()
        self.target, self._ring = None, None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        ring = self.ring()
        if ring is not None and watched is self.target:
            if event.type() == QEvent.Type.Resize:
                ring.setGeometry(self.target.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                ring.raise_()  # stay above children added later
        return False


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes around: the focused one, or the spin box or combo box whose
    inner field has the focus; None inside menus and pop-ups."""
    if widget is None or not shiboken6.isValid(widget):
        return None
    if widget.window().windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
        return None
    parent = widget.parentWidget()
    if isinstance(parent, (QAbstractSpinBox, QComboBox)) and parent.focusProxy() is widget:
        return parent  # (a tab widget also proxies to its tab bar: the ring stays on the bar)
    return widget
