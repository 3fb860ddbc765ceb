"""Edit → Settings…: one dialog whose pages features contribute.

A page is ``factory(ctx) -> QWidget`` with a ``title`` attribute and an ``apply()`` method that
saves it (called on OK). Features add their page factories to ``page_factories()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import resize_to_fit


def page_factories() -> list[Callable[[AppContext], QWidget]]:
    """The settings pages, in order."""
    from smartpick_desktop.ui.backup.page import BackupsPage
    from smartpick_desktop.ui.mentors.settings_page import FollowUpSettingsPage

    return [FollowUpSettingsPage, BackupsPage]


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        resize_to_fit(self, 620, 480)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.pages = [factory(ctx) for factory in page_factories()]
        for page in self.pages:
            self.tabs.addTab(page, page.title)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for page in self.pages:
            page.apply()
        super().accept()
