"""One zoom and one light/dark theme for the whole window (View menu), kept in the settings.

Zoom scales the application font; labels drawn larger than the base (headings, card titles)
carry a ``font_scale`` property and are rescaled with it, and the article reader multiplies its
own text size by the zoom. The theme follows the system unless the student picks light or dark.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)
THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
ZOOM_KEY, THEME_KEY = "view/zoom", "view/theme"


def scaled_font(widget: QWidget, scale: float) -> QFont:
    """Mark ``widget`` as drawn ``scale`` times the app font, and return that font."""
    widget.setProperty("font_scale", scale)
    font = QFont(widget.font())
    font.setPointSizeF(QApplication.font().pointSizeF() * scale)
    return font


def dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2c2f", QPalette.ColorRole.WindowText: "#e6e4df",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#28292c",
        QPalette.ColorRole.Text: "#e6e4df", QPalette.ColorRole.Button: "#35363a",
        QPalette.ColorRole.ButtonText: "#e6e4df", QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#35363a",
        QPalette.ColorRole.ToolTipText: "#e6e4df", QPalette.ColorRole.Link: "#8ab8f5",
        QPalette.ColorRole.PlaceholderText: "#9c9990", QPalette.ColorRole.Mid: "#55565b",
        QPalette.ColorRole.Midlight: "#45464a", QPalette.ColorRole.Dark: "#18191b",
        QPalette.ColorRole.Light: "#4a4b50", QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.BrightText: "#ff6b6b",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d7b76"))
    return palette


class Appearance(QObject):
    """The window's zoom (percent) and theme; ``install(window)`` adds the View menu items.

    Signals:
        zoom_changed: (factor) after the zoom changed (1.0 = 100%).
        theme_changed: (name) after the theme changed.
    """

    zoom_changed = Signal(float)
    theme_changed = Signal(str)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        app = QApplication.instance()
        self._base_pt = app.font().pointSizeF() if app is not None else 10.0
        self._system_palette = QPalette(app.palette()) if app is not None else QPalette()
        try:
            zoom = int(settings.value(ZOOM_KEY, 100))
        except (TypeError, ValueError):
            zoom = 100
        self.zoom = zoom if zoom in ZOOM_STEPS else 100
        theme = str(settings.value(THEME_KEY, "system"))
        self.theme = theme if theme in THEMES else "system"
        self.theme_actions: dict[str, QAction] = {}

    @property
    def factor(self) -> float:
        return self.zoom / 100

    # --- zoom ----------------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom), ZOOM_STEPS[0]))

    def set_zoom(self, percent: int) -> None:
        self.zoom = min(ZOOM_STEPS[-1], max(ZOOM_STEPS[0], int(percent)))
        self.settings.setValue(ZOOM_KEY, self.zoom)
        self.apply_zoom()
        self.zoom_changed.emit(self.factor)

    def apply_zoom(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        font = QFont(app.font())
        font.setPointSizeF(self._base_pt * self.factor)
        app.setFont(font)
        for widget in app.allWidgets():
            scale = widget.property("font_scale")
            if scale:
                own = QFont(widget.font())
                own.setPointSizeF(font.pointSizeF() * float(scale))
                widget.setFont(own)

    # --- theme ---------------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.theme = name if name in THEMES else "system"
        self.settings.setValue(THEME_KEY, self.theme)
        self.apply_theme()
        action = self.theme_actions.get(self.theme)
        if action is not None:
            action.setChecked(True)
        self.theme_changed.emit(self.theme)

    def apply_theme(self) -> None:
        app = QApplication.instance()
        if app is None:
            return
        hints = QGuiApplication.styleHints()
        scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
            self.theme, Qt.ColorScheme.Unknown)
        hints.setColorScheme(scheme)
        if self.theme == "dark" or (self.theme == "system"
                                    and hints.colorScheme() == Qt.ColorScheme.Dark
                                    and self._system_palette.color(
                                        QPalette.ColorRole.Base).lightness() >= 128):
            app.setPalette(dark_palette())
        else:
            app.setPalette(self._system_palette if self.theme == "system"
                           else app.style().standardPalette())

    # --- menu ----------------------------------------------------------------------------------

    def install(self, window: QMainWindow) -> None:
        view = window.menu("View")
        view.addSeparator()
        self.zoom_in_action = QAction("Zoom &in", window)
        self.zoom_in_action.setShortcuts(_unique(
            QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn)
            + [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")]))
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = QAction("Zoom &out", window)
        self.zoom_out_action.setShortcuts(_unique(
            QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomOut) + [QKeySequence("Ctrl+-")]))
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_reset_action = QAction("&Actual size", window, shortcut=QKeySequence("Ctrl+0"))
        self.zoom_reset_action.triggered.connect(lambda: self.set_zoom(100))
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            view.addAction(action)
            window.addAction(action)
        themes = view.addMenu("&Theme")
        group = QActionGroup(window)
        for name, label in THEMES.items():
            action = QAction(label, window, checkable=True)
            action.setChecked(name == self.theme)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(action)
            themes.addAction(action)
            self.theme_actions[name] = action


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: dict[str, QKeySequence] = {}
    for key in keys:
        seen.setdefault(key.toString(), key)
    return list(seen.values())
