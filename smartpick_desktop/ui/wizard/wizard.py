"""The profile wizard: a QWizard built from the PAGES tuple; saves only on Finish."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget, QWizard

from smartpick_desktop.core.profile import Profile, save_profile
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.discard_guard import DiscardGuard
from smartpick_desktop.ui.widgets import resize_to_fit
from smartpick_desktop.ui.wizard.about_page import AboutPage
from smartpick_desktop.ui.wizard.exams_page import ExamsPage
from smartpick_desktop.ui.wizard.experience_page import ExperiencePage
from smartpick_desktop.ui.wizard.goals_page import GoalsPage
from smartpick_desktop.ui.wizard.preferences_page import PreferencesPage
from smartpick_desktop.ui.wizard.review_page import ReviewPage

PAGES = (AboutPage, ExamsPage, ExperiencePage, GoalsPage, PreferencesPage, ReviewPage)


class ProfileWizard(DiscardGuard, QWizard):
    """Create or edit the profile. Finish validates and saves; Cancel, Escape or closing asks
    before throwing away what was changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Your profile")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        resize_to_fit(self, 760, 620)
        self._original = ctx.profile() or Profile()
        self.pages = [page_class() for page_class in PAGES]
        for page in self.pages:
            page.load(self._original)
            self.addPage(page)

    def page_of(self, page_class: type) -> Any:
        return next(p for p in self.pages if isinstance(p, page_class))

    def applicant_type(self) -> str:
        return self.page_of(AboutPage).applicant_type.currentData()

    def graduation_year(self) -> int | None:
        field = self.page_of(AboutPage).graduation_year
        return field.value() if field.is_valid() else None

    def draft_profile(self) -> Profile:
        """The profile as the pages now say (validated; raises ProfileError)."""
        data = self._original.to_dict()
        data.pop("demo", None)
        for page in self.pages:
            page.collect(data)
        return Profile.from_dict(data)

    def accept(self) -> None:
        profile = self.draft_profile()
        with self.ctx.store.session() as session:
            save_profile(session, profile)
        self.ctx.profile_changed.emit()
        self.ctx.status_message.emit("Profile saved.")
        super().accept()
