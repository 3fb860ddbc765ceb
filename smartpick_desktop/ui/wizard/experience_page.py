"""Page 3 — Experience: research, work, volunteering, honors, US clinical months, red flags."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from smartpick_desktop.core.profile import HONORS, Profile
from smartpick_desktop.ui.wizard.base import ProfilePage
from smartpick_desktop.ui.wizard.fields import error_label

RED_FLAGS_MAX = 2000


def _spin(name: str, maximum: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(f"field_{name}")
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    return spin


class ExperiencePage(ProfilePage):
    def __init__(self) -> None:
        super().__init__("Experience", "Count what is on your application. Research items "
                         "include abstracts, posters, presentations and publications.")
        self.research = self.add_row("Research items", _spin("research_items", 500))
        self.work = self.add_row("Work experiences", _spin("work_experiences", 100))
        self.volunteer = self.add_row("Volunteer experiences", _spin("volunteer_experiences", 100))
        honors_box = QWidget()
        honors_layout = QVBoxLayout(honors_box)
        honors_layout.setContentsMargins(0, 0, 0, 0)
        self.honors: dict[str, QCheckBox] = {}
        for key, label in HONORS.items():
            box = QCheckBox(label)
            box.setObjectName(f"field_honor_{key}")
            honors_layout.addWidget(box)
            self.honors[key] = box
        self.add_row("Honors", honors_box)
        self.clerkship = self.add_row("Clerkship honors", _spin("clerkship_honors", 20))
        self.usce = self.add_row("US clinical experience", _spin("us_clinical_months", 240,
                                                                 " months"))
        self.years = QLabel()
        self.add_row("Years since graduation", self.years)
        flags = QWidget()
        flags_layout = QVBoxLayout(flags)
        flags_layout.setContentsMargins(0, 0, 0, 0)
        self.red_flags = QPlainTextEdit()
        self.red_flags.setObjectName("field_red_flags")
        self.red_flags.setPlaceholderText("Optional: gaps, a leave of absence, a professionalism "
                                          "note — anything you will need to explain.")
        self.red_flags.setMaximumHeight(90)
        self.red_flags_error = error_label()
        flags_layout.addWidget(self.red_flags)
        flags_layout.addWidget(self.red_flags_error)
        flags_layout.addStretch(1)
        self.add_row("Red flags", flags)
        self.red_flags.textChanged.connect(self._on_red_flags_text_changed)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        year = self.wizard().graduation_year() if self.wizard() else None
        if year is None:
            self.years.setText("—")
        else:
            years = max(0, dt.date.today().year - year)
            self.years.setText(f"{years} (from your graduation year, {year})")

    def _on_red_flags_text_changed(self) -> None:
        too_long = len(self.red_flags.toPlainText()) > RED_FLAGS_MAX
        self.red_flags_error.setText(f"Keep this under {RED_FLAGS_MAX} characters."
                                     if too_long else "")
        self.red_flags_error.setVisible(too_long)
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        extra = ["red_flags: too long"] if self.red_flags_error.isVisible() else []
        return super().problems() + extra

    def load(self, profile: Profile) -> None:
        self.research.setValue(profile.research_items)
        self.work.setValue(profile.work_experiences)
        self.volunteer.setValue(profile.volunteer_experiences)
        for key, box in self.honors.items():
            box.setChecked(key in profile.honors)
        self.clerkship.setValue(profile.clerkship_honors)
        self.usce.setValue(profile.us_clinical_months)
        self.red_flags.setPlainText(profile.red_flags)

    def collect(self, data: dict[str, Any]) -> None:
        data["research_items"] = self.research.value()
        data["work_experiences"] = self.work.value()
        data["volunteer_experiences"] = self.volunteer.value()
        data["honors"] = [key for key, box in self.honors.items() if box.isChecked()]
        data["clerkship_honors"] = self.clerkship.value()
        data["us_clinical_months"] = self.usce.value()
        data["red_flags"] = self.red_flags.toPlainText().strip()
