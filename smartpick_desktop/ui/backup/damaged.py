"""At GUI start, a damaged data file: explain, offer the newest good backup or a fresh start."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from smartpick_desktop.core.store.integrity import DamagedStoreError

RESTORE = "restore"
FRESH = "fresh"
QUIT = "quit"


def recovery_text(err: DamagedStoreError) -> str:
    when = ""
    if err.backup is not None:
        when = f" The newest good backup is {err.backup.name}."
    return (f"SmartPick could not read your data file ({err.reason}).\n\n"
            f"Nothing was deleted: the damaged file was kept as {err.moved_to.name} in "
            f"{err.moved_to.parent}.{when}")


def offer_recovery(err: DamagedStoreError, parent: QWidget | None = None) -> str:
    """Ask what to do; return RESTORE, FRESH or QUIT (tests monkeypatch this function)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Your SmartPick data file is damaged",
                      recovery_text(err), parent=parent)
    restore = None
    if err.backup is not None:
        restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton("Start with empty data", QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    if clicked is fresh:
        return FRESH
    return QUIT
