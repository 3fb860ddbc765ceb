"""The tabs of the main window, in order (Ctrl+1 … Ctrl+6 follow this order).

A tab is a QWidget built as ``factory(ctx)``. It may also define:

- ``install_actions(window)``: add its actions to the window's menus and toolbar;
- ``show_payload(payload)``: react to ``ctx.navigate(key, payload)``;
- ``save_state(settings)`` / ``restore_state(settings)``: persist splitters and columns.

A feature adds its tab here when it is built end to end — never a placeholder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtWidgets import QWidget

from smartpick_desktop.ui.context import AppContext


class TabSpec(NamedTuple):
    key: str
    title: str
    factory: Callable[[AppContext], QWidget]


def _lazy(module: str, name: str) -> Callable[[AppContext], QWidget]:
    """A factory that imports the tab's module only when the tab is built."""
    def build(ctx: AppContext) -> QWidget:
        return getattr(importlib.import_module(module), name)(ctx)

    build.__name__ = name
    return build


def tab_specs() -> list[TabSpec]:
    """Return the tabs to show; each tab's module is imported when the tab is built."""
    return [
        TabSpec("home", "Home", _lazy("smartpick_desktop.ui.home.tab", "HomeTab")),
        TabSpec("programs", "Programs", _lazy("smartpick_desktop.ui.programs.tab", "ProgramsTab")),
        TabSpec("plan", "Plan", _lazy("smartpick_desktop.ui.plan.tab", "PlanTab")),
        TabSpec("articles", "Articles", _lazy("smartpick_desktop.ui.articles.tab", "ArticlesTab")),
        TabSpec("mentors", "Mentors", _lazy("smartpick_desktop.ui.mentors.tab", "MentorsTab")),
        TabSpec("profile", "Profile", _lazy("smartpick_desktop.ui.profile_tab", "ProfileTab")),
    ]
