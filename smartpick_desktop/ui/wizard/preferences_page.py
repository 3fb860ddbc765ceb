"""Page 5 — Preferences: states or regions, distance, setting, size, and the factor weights."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.profile import SETTINGS, SIZES, WEIGHT_KEYS, Profile, ProfileError
from smartpick_desktop.core.states import REGIONS, normalise_state
from smartpick_desktop.ui.wizard.base import ProfilePage
from smartpick_desktop.ui.wizard.fields import ValidatedLine

WEIGHT_LABELS = {
    "location": "Location", "setting": "Program setting", "size": "Program size",
    "reputation": "Academic reputation", "chance": "Chance of matching",
}


def _check_state_list(text: str) -> list[str]:
    codes = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        code = normalise_state(part)
        if code is None:
            raise ProfileError("preferred_states", f'"{part.strip()}" is not a US state; use '
                               "two-letter codes such as OH, MI")
        codes.append(code)
    return codes


class PreferencesPage(ProfilePage):
    def __init__(self) -> None:
        super().__init__("Preferences", "What makes a program right for you, and how much each "
                         "factor matters. The weights are relative; SmartPick normalizes them.")
        states_box = QWidget()
        states_layout = QVBoxLayout(states_box)
        states_layout.setContentsMargins(0, 0, 0, 0)
        self.states = self.track(ValidatedLine("preferred_states", kind="text",
                                               placeholder="e.g. OH, MI, PA (empty: anywhere)",
                                               check=_check_state_list))
        states_layout.addWidget(self.states)
        regions = QHBoxLayout()
        regions.addWidget(QLabel("Add a region:"))
        for region in REGIONS:
            if region == "Territories":
                continue
            button = QPushButton(region)
            button.setObjectName(f"region_{region}")
            button.clicked.connect(lambda _=False, r=region: self.add_region(r))
            regions.addWidget(button)
        regions.addStretch(1)
        states_layout.addLayout(regions)
        self.add_row("Preferred states", states_box)
        self.distance = self.track(ValidatedLine("max_distance_miles",
                                                 placeholder="Miles from home (empty: no limit)"))
        self.add_row("Maximum distance", self.distance)
        settings_box = QWidget()
        settings_layout = QVBoxLayout(settings_box)
        settings_layout.setContentsMargins(0, 0, 0, 0)
        self.settings: dict[str, QCheckBox] = {}
        for key, label in SETTINGS.items():
            box = QCheckBox(label)
            box.setObjectName(f"field_setting_{key}")
            settings_layout.addWidget(box)
            self.settings[key] = box
        self.add_row("Program setting", settings_box)
        self.size = QComboBox()
        self.size.setObjectName("field_preferred_size")
        self.size.addItem("Any size", None)
        for key, label in SIZES.items():
            self.size.addItem(label, key)
        self.add_row("Program size", self.size)
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.weights: dict[str, QSlider] = {}
        self._weight_labels: dict[str, QLabel] = {}
        for row, key in enumerate(WEIGHT_KEYS):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"weight_{key}")
            slider.setRange(0, 100)
            value = QLabel()
            value.setMinimumWidth(40)
            slider.valueChanged.connect(lambda v, lab=value: lab.setText(f"{v}%"))
            slider.valueChanged.connect(self.completeChanged)
            grid.addWidget(QLabel(WEIGHT_LABELS[key]), row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.weights[key] = slider
            self._weight_labels[key] = value
        self.add_row("Weights", grid_box)

    def add_region(self, region: str) -> None:
        try:
            current = _check_state_list(self.states.edit.text())
        except ProfileError:
            current = []
        merged = list(dict.fromkeys(current + list(REGIONS[region])))
        self.states.set_value(", ".join(merged))

    def problems(self) -> list[str]:
        extra = [] if any(s.value() for s in self.weights.values()) else ["weights: all zero"]
        return super().problems() + extra

    def load(self, profile: Profile) -> None:
        self.states.set_value(", ".join(profile.preferred_states))
        self.distance.set_value(profile.max_distance_miles)
        for key, box in self.settings.items():
            box.setChecked(key in profile.preferred_settings)
        self.size.setCurrentIndex(max(0, self.size.findData(profile.preferred_size)))
        for key, slider in self.weights.items():
            slider.setValue(round(profile.weights.get(key, 0) * 100))
            self._weight_labels[key].setText(f"{slider.value()}%")

    def collect(self, data: dict[str, Any]) -> None:
        data["preferred_states"] = _check_state_list(self.states.edit.text())
        data["max_distance_miles"] = self.distance.value()
        data["preferred_settings"] = [k for k, box in self.settings.items() if box.isChecked()]
        data["preferred_size"] = self.size.currentData()
        data["weights"] = {k: slider.value() / 100 for k, slider in self.weights.items()}
