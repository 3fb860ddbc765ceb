"""Page 4 — Goals: specialty, backup, visa, couples match, budget, target number of programs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from smartpick_desktop.core.profile import ECFMG_STATUSES, VISAS, Profile
from smartpick_desktop.ui.wizard.base import ProfilePage
from smartpick_desktop.ui.wizard.fields import ValidatedLine, error_label


def _specialty_combo(name: str, *, optional: bool) -> QComboBox:
    from smartpick_desktop.core.reference import load_reference

    combo = QComboBox()
    combo.setObjectName(f"field_{name}")
    if optional:
        combo.addItem("None", None)
    for specialty in sorted(load_reference().specialties.values(), key=lambda s: s.name):
        note = "" if specialty.match == "NRMP" else f" ({specialty.match})"
        combo.addItem(specialty.name + note, specialty.name)
    return combo


class GoalsPage(ProfilePage):
    def __init__(self) -> None:
        super().__init__("Goals", "Where you are applying and what you can spend. The budget "
                         "drives how many programs SmartPick suggests.")
        self.specialty = self.add_row("Primary specialty",
                                      _specialty_combo("specialty", optional=False))
        self.backup = self.add_row("Backup specialty",
                                   _specialty_combo("backup_specialty", optional=True))
        self.backup_error = error_label()
        self.add_row("", self.backup_error)
        self.visa = QComboBox()
        self.visa.setObjectName("field_visa")
        for key, label in VISAS.items():
            self.visa.addItem(label, key)
        self.add_row("Visa needed", self.visa)
        self.visa_hint = QLabel()
        self.visa_hint.setWordWrap(True)
        self.visa_hint.setStyleSheet("color: palette(placeholder-text);")
        self.visa_hint.hide()
        self.add_row("", self.visa_hint)
        self._visa_chosen = False
        self.visa.activated.connect(self._on_visa_activated)
        self.ecfmg = QComboBox()
        self.ecfmg.setObjectName("field_ecfmg_status")
        self.ecfmg.addItem("Not said", None)
        for key, label in ECFMG_STATUSES.items():
            self.ecfmg.addItem(label, key)
        self.ecfmg.setToolTip("International medical graduates need ECFMG certification before "
                              "residency starts; many programs ask for it by the rank list "
                              "deadline.")
        self.add_row("ECFMG certification", self.ecfmg)
        self.couples = QCheckBox("I am applying as part of a couple")
        self.couples.setObjectName("field_couples")
        self.add_row("Couples match", self.couples)
        self.budget = self.track(ValidatedLine("budget_usd", kind="money",
                                               placeholder="US dollars, e.g. 1500"))
        self.add_row("Application budget (USD)", self.budget)
        self.target = self.track(ValidatedLine("target_programs", placeholder="Optional"))
        self.add_row("Target number of programs", self.target)
        self.fee_note = QLabel()
        self.fee_note.setWordWrap(True)
        self.fee_note.setStyleSheet("color: palette(placeholder-text);")
        self.add_row("", self.fee_note)
        self._all_specialties = [(self.backup.itemText(i), self.backup.itemData(i))
                                 for i in range(1, self.backup.count())]
        self.specialty.currentIndexChanged.connect(self._on_choice_changed)
        self.backup.currentIndexChanged.connect(self._on_choice_changed)
        self._show_fee_rule()

    def _show_fee_rule(self) -> None:
        from smartpick_desktop.core.season import platform_for, season_in_force

        season = season_in_force(None).season
        name = self.specialty.currentData() or ""
        platform = platform_for(season, name)
        if platform.fee_rule is None:
            self.fee_note.setText(platform.note or "")
            return
        self.fee_note.setText(f"{name} applies through {platform.name} in the "
                              f"{season.id.replace('-', '–')} season: {platform.fee_rule.text} "
                              f"({platform.fee_rule.source.label()}).")

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        """A non-US IMG usually needs a visa: suggest J-1 unless the student chose."""
        wizard = self.wizard()
        img = wizard is not None and wizard.applicant_type() == "non_us_img"
        if img and not self._visa_chosen and self.visa.currentData() == "none":
            self.visa.setCurrentIndex(self.visa.findData("j1"))
        self.visa_hint.setText("Most graduates of medical schools outside the US train on a J-1 "
                               "or H-1B visa. Choose \u201cNo visa needed\u201d only if you are "
                               "a US citizen or permanent resident." if img else "")
        self.visa_hint.setVisible(img)

    def _on_visa_activated(self, _index: int) -> None:
        self._visa_chosen = True

    def _offer_backups(self) -> None:
        """The backup menu offers every specialty except the primary one."""
        primary = self.specialty.currentData()
        chosen = self.backup.currentData()
        self.backup.blockSignals(True)
        self.backup.clear()
        self.backup.addItem("None", None)
        for text, name in self._all_specialties:
            if name != primary:
                self.backup.addItem(text, name)
        self.backup.setCurrentIndex(max(0, self.backup.findData(chosen)))
        self.backup.blockSignals(False)

    def _on_choice_changed(self) -> None:
        self._offer_backups()
        same = self.backup.currentData() is not None and \
            self.backup.currentData() == self.specialty.currentData()
        self.backup_error.setText("The backup must differ from the primary specialty."
                                  if same else "")
        self.backup_error.setVisible(same)
        self._show_fee_rule()
        self.completeChanged.emit()

    def problems(self) -> list[str]:
        extra = ["backup_specialty: same as primary"] if self.backup_error.isVisible() else []
        return super().problems() + extra

    def load(self, profile: Profile) -> None:
        self.specialty.setCurrentIndex(max(0, self.specialty.findData(profile.specialty)))
        self._offer_backups()
        self.backup.setCurrentIndex(max(0, self.backup.findData(profile.backup_specialty)))
        self.visa.setCurrentIndex(self.visa.findData(profile.visa))
        self._visa_chosen = profile.visa != "none" or profile.applicant_type == "non_us_img"
        self.ecfmg.setCurrentIndex(max(0, self.ecfmg.findData(profile.ecfmg_status)))
        self.couples.setChecked(profile.couples)
        self.budget.set_value(profile.budget_usd)
        self.target.set_value(profile.target_programs)
        self._on_choice_changed()

    def collect(self, data: dict[str, Any]) -> None:
        data["specialty"] = self.specialty.currentData()
        data["backup_specialty"] = self.backup.currentData()
        data["visa"] = self.visa.currentData()
        data["ecfmg_status"] = self.ecfmg.currentData()
        data["couples"] = self.couples.isChecked()
        data["budget_usd"] = self.budget.value()
        data["target_programs"] = self.target.value()
