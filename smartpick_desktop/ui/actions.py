"""Window-wide actions that belong to no single tab (export, print, back up …).

Each installer is ``install(window)`` and adds its actions to ``window.menu(...)`` and
``window.toolbar``. Features add their installer here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow


def action_installers() -> list[Callable[[QMainWindow], None]]:
    from smartpick_desktop.ui.backup.actions import install as install_backup
    from smartpick_desktop.ui.model_quality import install as install_model_quality
    from smartpick_desktop.ui.plan_export.controller import install as install_plan_export

    return [install_plan_export, install_backup, install_model_quality]
