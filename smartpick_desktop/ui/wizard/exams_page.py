"""Page 2 — Exams: USMLE Step 1 and Step 2 CK, COMLEX for DO applicants, failed attempts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QSpinBox, QWidget

from smartpick_desktop.core.profile import Profile
from smartpick_desktop.ui.wizard.base import ProfilePage
from smartpick_desktop.ui.wizard.fields import ValidatedLine

PASS_FAIL = (("Not taken", None), ("Pass", "pass"), ("Fail", "fail"),
             ("Legacy 3-digit score", "score"))


def _pass_fail_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(f"field_{name}")
    for label, key in PASS_FAIL:
        combo.addItem(label, key)
    return combo


class ExamsPage(ProfilePage):
    def __init__(self) -> None:
        super().__init__("Exams", "Your licensing exam results. If you have not taken Step 2 CK "
                         "yet, enter the score you expect; SmartPick marks estimates as such.")
        self.step1 = _pass_fail_combo("step1")
        self.step1_score = self.track(ValidatedLine("step1", placeholder="1–300"))
        self.add_row("USMLE Step 1", self._pair(self.step1, self.step1_score))
        self.step2 = self.track(ValidatedLine("step2_ck", placeholder="1–300"))
        self.step2_not_yet = QCheckBox("Not taken yet")
        self.step2_not_yet.setObjectName("field_step2_not_yet")
        self.add_row("USMLE Step 2 CK", self._pair(self.step2, self.step2_not_yet))
        self.step2_expected = self.track(ValidatedLine("step2_ck_expected",
                                                       placeholder="Score you expect"))
        self.add_row("Expected Step 2 CK", self.step2_expected)
        self.comlex1 = _pass_fail_combo("comlex_level1")
        self.comlex1_score = self.track(ValidatedLine("comlex_level1", placeholder="9–999"))
        self.add_row("COMLEX Level 1", self._pair(self.comlex1, self.comlex1_score))
        self.comlex2 = self.track(ValidatedLine("comlex_level2", placeholder="9–999 (optional)"))
        self.add_row("COMLEX Level 2-CE", self.comlex2)
        self.failed = QSpinBox()
        self.failed.setObjectName("field_failed_attempts")
        self.failed.setRange(0, 20)
        self.add_row("Failed attempts (any exam)", self.failed)
        self.step1.currentIndexChanged.connect(self._sync)
        self.comlex1.currentIndexChanged.connect(self._sync)
        self.step2_not_yet.toggled.connect(self._sync)
        self._sync()

    @staticmethod
    def _pair(first: QWidget, second: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first)
        row.addWidget(second, 1)
        return box

    def _sync(self) -> None:
        self.step1_score.set_enabled(self.step1.currentData() == "score")
        self.comlex1_score.set_enabled(self.comlex1.currentData() == "score")
        not_yet = self.step2_not_yet.isChecked()
        self.step2.required = not not_yet
        self.step2.set_enabled(not not_yet)
        self.step2_expected.required = not_yet
        self.step2_expected.set_enabled(not_yet)
        self.completeChanged.emit()

    def set_do_visible(self, is_do: bool) -> None:
        """COMLEX rows matter for DO applicants; others see them only if already filled."""
        show = is_do or bool(self.comlex2.value()) or self.comlex1.currentData() is not None
        for widget in (self.comlex1.parentWidget(), self.comlex2):
            self.form.setRowVisible(widget, show)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.set_do_visible(self.field_applicant_type() == "us_do")

    def field_applicant_type(self) -> str | None:
        wizard = self.wizard()
        return wizard.applicant_type() if wizard is not None else None

    def load(self, profile: Profile) -> None:
        self._load_pass_fail(self.step1, self.step1_score, profile.step1)
        self._load_pass_fail(self.comlex1, self.comlex1_score, profile.comlex_level1)
        self.step2_not_yet.setChecked(profile.step2_ck is None)
        self.step2.set_value(profile.step2_ck)
        self.step2_expected.set_value(profile.step2_ck_expected)
        self.comlex2.set_value(profile.comlex_level2)
        self.failed.setValue(profile.failed_attempts)
        self._sync()

    @staticmethod
    def _load_pass_fail(combo: QComboBox, score: ValidatedLine, value: object) -> None:
        if isinstance(value, int):
            combo.setCurrentIndex(combo.findData("score"))
            score.set_value(value)
        else:
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def collect(self, data: dict[str, Any]) -> None:
        data["step1"] = (self.step1_score.value() if self.step1.currentData() == "score"
                         else self.step1.currentData())
        data["comlex_level1"] = (self.comlex1_score.value()
                                 if self.comlex1.currentData() == "score"
                                 else self.comlex1.currentData())
        not_yet = self.step2_not_yet.isChecked()
        data["step2_ck"] = None if not_yet else self.step2.value()
        data["step2_ck_expected"] = self.step2_expected.value() if not_yet else None
        data["comlex_level2"] = self.comlex2.value()
        data["failed_attempts"] = self.failed.value()
