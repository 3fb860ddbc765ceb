"""The base of every wizard page: tracked fields, completeness, load and collect."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget, QWizardPage

from smartpick_desktop.core.profile import Profile
from smartpick_desktop.ui.wizard.fields import ValidatedLine


class ProfilePage(QWizardPage):
    """A page that edits some profile keys.

    Subclasses build their widgets, call ``track()`` on validated fields, and implement
    ``load(profile)`` and ``collect(data)`` (write their keys into the JSON v1 dict).
    """

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._fields: list[ValidatedLine] = []
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)

    def track(self, field: ValidatedLine) -> ValidatedLine:
        self._fields.append(field)
        field.validity_changed.connect(self.completeChanged)
        return field

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def problems(self) -> list[str]:
        """The reasons this page cannot be left yet (empty when complete)."""
        return [f"{f.field}: {f.message()}" for f in self._fields if not f.is_valid()]

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.problems()

    def load(self, profile: Profile) -> None:
        raise NotImplementedError

    def collect(self, data: dict[str, Any]) -> None:
        raise NotImplementedError
