"""File → Back up… and File → Restore… (installed through ``ui.actions.action_installers``)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from smartpick_desktop.ui.backup.flows import BackupFlow, RestoreFlow


def install(window: QMainWindow) -> None:
    """Add the two actions to the File menu of the main window."""
    menu = window.menu("File")
    back_up = QAction("&Back up…", window)
    back_up.setObjectName("action_backup")
    back_up.setStatusTip("Write everything to one file you can restore on any computer")
    back_up.triggered.connect(lambda: start_backup(window))
    restore = QAction("&Restore…", window)
    restore.setObjectName("action_restore")
    restore.setStatusTip("Bring back everything from a backup file")
    restore.triggered.connect(lambda: start_restore(window))
    if not menu.isEmpty():
        menu.addSeparator()
    menu.addAction(back_up)
    menu.addAction(restore)
    window.backup_action = back_up
    window.restore_action = restore


def start_backup(window: QMainWindow) -> BackupFlow:
    flow = BackupFlow(window.ctx, window)
    flow.run()
    return flow


def start_restore(window: QMainWindow) -> RestoreFlow:
    flow = RestoreFlow(window.ctx, window)
    flow.run()
    return flow
