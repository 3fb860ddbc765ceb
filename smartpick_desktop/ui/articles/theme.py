"""Reader colors and stylesheet: an e-reader page in light or dark, following the system unless
the student picks one (View → Reader theme)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

THEMES = ("system", "light", "dark")
ENV_THEME = "SMARTPICK_READER_THEME"


@dataclass(frozen=True)
class ReaderColors:
    background: str
    text: str
    heading: str
    muted: str
    link: str
    action_bg: str
    rule: str
    highlight: str
    search_hit: str
    dark: bool


LIGHT = ReaderColors("#fbf9f4", "#242321", "#14130f", "#6d6a63", "#1d5fa8", "#eef3fa",
                     "#dedad0", "#fbe38e", "#ffc46b", False)
DARK = ReaderColors("#1d1e20", "#dedbd3", "#f3f0e8", "#9c9990", "#8ab8f5", "#26303d",
                    "#3a3b3e", "#6a5616", "#8c5a12", True)


def system_is_dark() -> bool:
    """True when the platform asks for dark colors (or the app palette is dark)."""
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def default_theme() -> str:
    value = os.environ.get(ENV_THEME, "system").strip().lower()
    return value if value in THEMES else "system"


def colors_for(theme: str) -> ReaderColors:
    if theme == "dark" or (theme == "system" and system_is_dark()):
        return DARK
    return LIGHT


def stylesheet(colors: ReaderColors, size_pt: float) -> str:
    """The document stylesheet (Qt rich-text CSS subset; sizes in pt from the reader size)."""

    def pt(scale: float) -> str:
        return f"{size_pt * scale:.1f}pt"

    return f"""
body {{ color: {colors.text}; }}
p, li {{ margin-top: 0px; margin-bottom: {size_pt * 0.9:.0f}px; }}
h1 {{ color: {colors.heading}; font-size: {pt(1.75)}; font-weight: 700;
      margin-top: 0px; margin-bottom: {size_pt * 0.5:.0f}px; }}
h2 {{ color: {colors.heading}; font-size: {pt(1.3)}; font-weight: 700;
      margin-top: {size_pt * 1.9:.0f}px; margin-bottom: {size_pt * 0.9:.0f}px; }}
h3, h4 {{ color: {colors.heading}; font-size: {pt(1.1)}; font-weight: 700;
      margin-top: {size_pt * 1.4:.0f}px; margin-bottom: {size_pt * 0.4:.0f}px; }}
a {{ color: {colors.link}; text-decoration: none; }}
a.action {{ font-weight: 600; background-color: {colors.action_bg}; }}
a.external {{ text-decoration: underline; }}
ul, ol {{ margin-left: 0px; -qt-list-indent: 1; }}
blockquote {{ color: {colors.muted}; margin-left: {size_pt * 1.5:.0f}px; }}
code, pre {{ font-family: monospace; }}
.meta {{ color: {colors.muted}; font-size: {pt(0.9)}; }}
.summary {{ color: {colors.muted}; font-size: {pt(1.05)}; font-style: italic; }}
hr {{ color: {colors.rule}; }}
"""


def apply_palette(widget, colors: ReaderColors) -> None:
    """Paint the reader's page (the viewport) in the theme's colors."""
    palette = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, QColor(colors.background))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(colors.text))
        palette.setColor(group, QPalette.ColorRole.Window, QColor(colors.background))
    widget.setPalette(palette)
