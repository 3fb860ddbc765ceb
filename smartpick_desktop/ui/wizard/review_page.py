"""Page 6 — Review: everything on one page plus the position in the specialty, with source."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWizardPage

from smartpick_desktop.core.position import position_statement
from smartpick_desktop.core.profile import Profile, ProfileError
from smartpick_desktop.ui.profile_summary import summary_html


class ReviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Review")
        self.setSubTitle("Check everything, then press Finish to save. Nothing is saved before.")
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setObjectName("review_text")
        self.view.setOpenLinks(False)
        layout.addWidget(self.view)
        self._error = ""

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        try:
            profile = self.wizard().draft_profile()
        except ProfileError as err:
            self._error = str(err)
            self.view.setHtml(f"<p style='color:#b3261e'>{escape(self._error)}</p>")
            self.completeChanged.emit()
            return
        self._error = ""
        statement = position_statement(profile)
        source = (f"<p style='color:#666'>Source: {escape(statement.source)}</p>"
                  if statement.source else "")
        self.view.setHtml(f"<h2>Your position</h2><p>{escape(statement.text)}</p>{source}"
                          + summary_html(profile))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self._error

    def load(self, profile: Profile) -> None:
        """The review page shows the other pages; it holds no values of its own."""

    def collect(self, data: dict[str, Any]) -> None:
        """Nothing to collect: see ``load``."""
