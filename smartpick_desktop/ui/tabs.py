"""The tabs of the main window, in order (Ctrl+1 … Ctrl+6 follow this order).

A tab is a QWidget built as ``factory(ctx)`` that satisfies :class:`Tab`; inheriting
:class:`TabDefaults` first gives it do-nothing versions of what it does not need.

A feature adds its tab here when it is built end to end — never a placeholder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple, Protocol, runtime_checkable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QWidget

from smartpick_desktop.ui.context import AppContext


@runtime_checkable
class Tab(Protocol):
    """What the main window asks of a tab.

    Attributes:
        help_page: the user-guide page F1 opens on this tab (a name in ``resources/guide``).
    """

    help_page: str

    def install_actions(self, window: QMainWindow) -> None:
        """Add the tab's actions to the window's menus and toolbar."""

    def show_payload(self, payload: Any) -> None:
        """React to ``ctx.navigate(key, payload)``."""

    def save_state(self, settings: QSettings) -> None:
        """Persist splitters and columns."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what ``save_state`` saved."""


class TabDefaults:
    """Do-nothing defaults for :class:`Tab`; list it before the Qt base class."""

    help_page = "index"

    def install_actions(self, window: QMainWindow) -> None:
        return None

    def show_payload(self, payload: Any) -> None:
        return None

    def save_state(self, settings: QSettings) -> None:
        return None

    def restore_state(self, settings: QSettings) -> None:
        return None


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
