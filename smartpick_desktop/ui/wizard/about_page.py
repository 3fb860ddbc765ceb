"""Page 1 — About you: name, applicant type, graduation year, home state and city."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from smartpick_desktop.core.profile import APPLICANT_TYPES, Profile
from smartpick_desktop.core.states import US_STATES
from smartpick_desktop.ui.wizard.base import ProfilePage
from smartpick_desktop.ui.wizard.fields import ValidatedLine

OUTSIDE_US = "Outside the US"


class AboutPage(ProfilePage):
    def __init__(self) -> None:
        super().__init__("About you", "Who is applying. Only the applicant type and graduation "
                         "year are needed; your name appears on your printed plan.")
        self.name = self.track(ValidatedLine("name", kind="text", placeholder="Optional"))
        self.add_row("Display name", self.name)
        self.applicant_type = QComboBox()
        self.applicant_type.setObjectName("field_applicant_type")
        for key, label in APPLICANT_TYPES.items():
            self.applicant_type.addItem(label, key)
        self.add_row("Applicant type", self.applicant_type)
        self.graduation_year = self.track(ValidatedLine("graduation_year", required=True,
                                                        placeholder="e.g. 2027"))
        self.add_row("Graduation year", self.graduation_year)
        self.home_state = QComboBox()
        self.home_state.setObjectName("field_home_state")
        self.home_state.addItem(OUTSIDE_US, None)
        for code, name in sorted(US_STATES.items(), key=lambda item: item[1]):
            self.home_state.addItem(f"{name} ({code})", code)
        self.add_row("Home state", self.home_state)
        self.home_city = self.track(ValidatedLine("home_city", kind="text",
                                                  placeholder="Used to measure distances"))
        self.add_row("Home city", self.home_city)

    def load(self, profile: Profile) -> None:
        self.name.set_value(profile.name)
        self.applicant_type.setCurrentIndex(self.applicant_type.findData(profile.applicant_type))
        self.graduation_year.set_value(profile.graduation_year)
        self.home_state.setCurrentIndex(max(0, self.home_state.findData(profile.home_state)))
        self.home_city.set_value(profile.home_city)

    def collect(self, data: dict[str, Any]) -> None:
        data["name"] = self.name.value() or ""
        data["applicant_type"] = self.applicant_type.currentData()
        data["graduation_year"] = self.graduation_year.value()
        data["home_state"] = self.home_state.currentData()
        data["home_city"] = self.home_city.value() or ""
