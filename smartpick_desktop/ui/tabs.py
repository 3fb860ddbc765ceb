"""The tabs of the main window, in order (Ctrl+1 … Ctrl+6 follow this order).

A tab is a QWidget built as ``factory(ctx)``. It may also define:

- ``install_actions(window)``: add its actions to the window's menus and toolbar;
- ``show_payload(payload)``: react to ``ctx.navigate(key, payload)``;
- ``save_state(settings)`` / ``restore_state(settings)``: persist splitters and columns.

A feature adds its tab here when it is built end to end — never a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget

from smartpick_desktop.ui.context import AppContext


class TabSpec(NamedTuple):
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def tab_specs() -> list[TabSpec]:
    """Return the tabs to show, imported lazily so start-up pays only for what it shows."""
    from smartpick_desktop.ui.articles.tab import ArticlesTab
    from smartpick_desktop.ui.home.tab import HomeTab
    from smartpick_desktop.ui.mentors.tab import MentorsTab
    from smartpick_desktop.ui.plan.tab import PlanTab
    from smartpick_desktop.ui.profile_tab import ProfileTab
    from smartpick_desktop.ui.programs.tab import ProgramsTab

    return [
        TabSpec("home", "Home", HomeTab),
        TabSpec("programs", "Programs", ProgramsTab),
        TabSpec("plan", "Plan", PlanTab),
        TabSpec("articles", "Articles", ArticlesTab),
        TabSpec("mentors", "Mentors", MentorsTab),
        TabSpec("profile", "Profile", ProfileTab),
    ]
