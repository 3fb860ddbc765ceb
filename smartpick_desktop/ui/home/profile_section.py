"""Home card: the profile's headline — specialty and position in it, with its source."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from smartpick_desktop.core.position import position_statement
from smartpick_desktop.core.profile import APPLICANT_TYPES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, wrapped_label


class ProfileSection(Card):
    """Specialty, applicant type and the position statement; refreshes with the profile."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Your application", parent)
        self.ctx = ctx
        self.headline = wrapped_label()
        self.position = wrapped_label()
        self.source = wrapped_label(muted=True)
        self.edit_button = QPushButton("Edit profile…")
        self.edit_button.clicked.connect(lambda: ctx.navigate("profile", "edit"))
        for widget in (self.headline, self.position, self.source):
            self.body.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addStretch(1)
        self.body.addLayout(row)
        ctx.profile_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        profile = self.ctx.profile()
        if profile is None:
            self.headline.setText("No profile yet.")
            self.position.setText("Create your profile to see where you stand.")
            self.source.setText("")
            return
        who = profile.name or "You"
        backup = f" (backup: {profile.backup_specialty})" if profile.backup_specialty else ""
        self.headline.setText(f"{who} — {APPLICANT_TYPES[profile.applicant_type]}, applying in "
                              f"{profile.specialty}{backup}.")
        statement = position_statement(profile)
        self.position.setText(statement.text)
        self.source.setText(f"Source: {statement.source}" if statement.source else "")
