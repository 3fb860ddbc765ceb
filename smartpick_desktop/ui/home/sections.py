"""The sections (cards) Home shows, in order. Each is ``factory(ctx) -> QWidget``.

A section refreshes itself on the context's change signals. Features add theirs here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from smartpick_desktop.ui.context import AppContext


def section_factories() -> list[Callable[[AppContext], QWidget]]:
    from smartpick_desktop.ui.home.checklist_section import ChecklistSection
    from smartpick_desktop.ui.home.due_section import DueThisWeekSection
    from smartpick_desktop.ui.home.next_actions import NextActionsSection
    from smartpick_desktop.ui.home.plan_section import PlanSection
    from smartpick_desktop.ui.home.profile_section import ProfileSection
    from smartpick_desktop.ui.home.reading_section import ReadingSection

    return [ProfileSection, PlanSection, DueThisWeekSection, NextActionsSection,
            ChecklistSection, ReadingSection]
