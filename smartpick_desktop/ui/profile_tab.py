"""The Profile tab: a read-only summary with "Edit profile…", import and export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.position import position_statement
from smartpick_desktop.core.profile import read_profile_file, save_profile, write_profile_file
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.profile_summary import summary_html
from smartpick_desktop.ui.tabs import TabDefaults
from smartpick_desktop.ui.widgets import heading, wrapped_label


class ProfileTab(TabDefaults, QWidget):
    """Shows the saved profile; editing goes through the wizard."""

    help_page = "profile"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        top = QHBoxLayout()
        top.addWidget(heading("Profile"))
        top.addStretch(1)
        self.edit_button = QPushButton("Edit profile…")
        self.edit_button.setDefault(True)
        self.edit_button.clicked.connect(self.edit_profile)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        self.position = wrapped_label()
        layout.addWidget(self.position)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        layout.addWidget(self.view, 1)
        ctx.profile_changed.connect(self.refresh)
        self.refresh()

    def install_actions(self, window) -> None:
        menu = window.menu("Profile")
        edit = QAction("&Edit profile…", self, shortcut=QKeySequence("Ctrl+E"))
        edit.triggered.connect(self.edit_profile)
        imp = QAction("&Import profile…", self)
        imp.triggered.connect(self.import_profile)
        exp = QAction("E&xport profile…", self)
        exp.triggered.connect(self.export_profile)
        menu.addActions([edit, imp, exp])
        window.toolbar.addAction(edit)

    def show_payload(self, payload: object) -> None:
        if payload == "edit":
            self.edit_profile()

    def refresh(self) -> None:
        profile = self.ctx.profile()
        if profile is None:
            self.position.setText("You have not created a profile yet. Press \u201cEdit "
                                  "profile\u2026\u201d to start the wizard.")
            self.view.setHtml("")
            return
        statement = position_statement(profile)
        source = f" Source: {statement.source}." if statement.source else ""
        self.position.setText(statement.text + source)
        self.view.setHtml(summary_html(profile))

    def edit_profile(self) -> None:
        from smartpick_desktop.ui.wizard.wizard import ProfileWizard

        wizard = ProfileWizard(self.ctx, self.window())
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def import_profile(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import profile", "Profile (*.json)")
        if path is None:
            return
        try:
            profile = read_profile_file(path)
        except InputError as err:
            self.ctx.dialogs.error(self, "Profile not imported", with_fix(err))
            return
        with self.ctx.store.session() as session:
            save_profile(session, profile)
        self.ctx.profile_changed.emit()
        self.ctx.status_message.emit(f"Imported the profile from {path.name}.")

    def export_profile(self) -> None:
        profile = self.ctx.profile()
        if profile is None:
            self.ctx.dialogs.info(self, "No profile", "Create a profile first.")
            return
        path = self.ctx.dialogs.save_file(self, "Export profile", "profile.json",
                                           "Profile (*.json)")
        if path is None:
            return
        try:
            write_profile_file(profile, path)
        except InputError as err:
            self.ctx.dialogs.error(self, "Profile not exported", with_fix(err))
            return
        self.ctx.status_message.emit(f"Exported the profile to {path.name}.")
