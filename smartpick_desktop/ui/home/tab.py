"""The Home tab: a scrolling column of section cards."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.home.sections import section_factories
from smartpick_desktop.ui.tabs import TabDefaults
from smartpick_desktop.ui.widgets import heading


class HomeTab(TabDefaults, QScrollArea):
    """What to do next: one card per contributed section."""

    help_page = "home"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading("Home"))
        self.sections = [factory(ctx) for factory in section_factories()]
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(inner)
