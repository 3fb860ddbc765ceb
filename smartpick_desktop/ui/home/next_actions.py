"""Home card "Next actions": follow-ups due and overdue, letters due, upcoming season dates
(with their source) and the weekly outreach streak — each one click from where it is done."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from smartpick_desktop.core.catalog.queries import catalog_is_demo_only
from smartpick_desktop.core.mentors.followups import due_items, outreach_status, upcoming_items
from smartpick_desktop.core.mentors.letters import list_letters
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.mentors import models
from smartpick_desktop.ui.widgets import Card, clear_layout, wrapped_label

MAX_FOLLOW_UPS = 8
MAX_COMING_UP = 4
COMING_UP_DAYS = 7
LETTER_HORIZON_DAYS = 14
SEASON_HORIZON_DAYS = 120
MAX_SEASON_EVENTS = 3


class NextActionsSection(Card):
    """One row per action: a sentence and a button that goes where it is acted on.

    Attributes:
        rows: the (text, button) pairs shown, for tests.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Next actions", parent)
        self.ctx = ctx
        self.rows: list[tuple[QLabel, QPushButton]] = []
        self._list = QVBoxLayout()
        self._list.setSpacing(4)
        self.body.addLayout(self._list)
        self.source = wrapped_label(muted=True)
        self.body.addWidget(self.source)
        ctx.mentors_changed.connect(self.refresh)
        ctx.profile_changed.connect(self.refresh)
        ctx.programs_changed.connect(self.refresh)
        self.refresh()

    def texts(self) -> list[str]:
        return [label.text() for label, _ in self.rows]

    def _clear(self) -> None:
        clear_layout(self._list)
        self.rows = []

    def _add(self, text: str, button_text: str, screen: str, payload: object,
             color: str | None = None) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        label = wrapped_label(text)
        if color:
            label.setStyleSheet(f"background: {color}; color: #282828; padding: 2px 6px; "
                                "border-radius: 4px;")
        button = QPushButton(button_text)
        button.clicked.connect(lambda _=False: self.ctx.navigate(screen, payload))
        layout.addWidget(label, 1)
        layout.addWidget(button)
        self._list.addWidget(row)
        self.rows.append((label, button))

    @Slot()
    def refresh(self) -> None:
        self._clear()
        today = models.today()
        with self.ctx.store.session() as s:
            items = due_items(s, today)
            coming = [i for i in upcoming_items(s, today, COMING_UP_DAYS) if i.kind != "letter"]
            letters = list_letters(s)
            outreach = outreach_status(s, today)
            only_demo = catalog_is_demo_only(s)
        if only_demo:
            self._add("Your catalog holds only demo programs: they are made up, so the ranks "
                      "and chances are for practice. Bring your real programs in a few "
                      "minutes.", "Bring real programs", "programs",
                      {"sources": "bring_your_own"}, "#fff3cd")
        follow_ups = [i for i in items if i.kind != "letter"]
        for item in follow_ups[:MAX_FOLLOW_UPS]:
            state = "Overdue" if item.overdue else "Due today"
            self._add(f"{state} · {item.contact}: {item.reason}", "Open contact", "mentors",
                      {"contact": item.contact_id},
                      "#ffdede" if item.overdue else "#fff3cd")
        if len(follow_ups) > MAX_FOLLOW_UPS:
            self._add(f"… and {len(follow_ups) - MAX_FOLLOW_UPS} more follow-ups.",
                      "Show all", "mentors", {"due": True})
        for item in coming[:MAX_COMING_UP]:
            days = (item.due - today).days
            when = "tomorrow" if days == 1 else f"in {days} days"
            self._add(f"Due {when} ({item.due.isoformat()}) · {item.contact}: {item.reason}",
                      "Open contact", "mentors", {"contact": item.contact_id})
        horizon = today + dt.timedelta(days=LETTER_HORIZON_DAYS)
        for letter in letters:
            if letter.is_open and letter.due is not None and letter.due <= horizon:
                when = ("overdue since" if letter.due < today else
                        "due today" if letter.due == today else "due")
                self._add(f"Letter from {letter.writer} {when} {letter.due.isoformat()} "
                          f"({letter.status_label.lower()}).", "Open letters", "mentors",
                          {"letters": True},
                          "#ffdede" if letter.due < today else
                          "#fff3cd" if letter.due == today else None)
        if outreach.goal > 0:
            button = "Write one now" if not outreach.met else "Write another"
            self._add(f"Weekly outreach: {outreach.describe()}", button, "mentors",
                      {"template": "peer_mentor"})
        sources = self._add_season(today)
        if not self.rows:
            self._add("Nothing due. Add mentors and log meetings in the Mentors tab to get "
                      "reminders here.", "Open Mentors", "mentors", {})
        self.source.setText("Season dates: " + "; ".join(sources) if sources else "")
        self.source.setVisible(bool(sources))

    def _add_season(self, today: dt.date) -> list[str]:
        from smartpick_desktop.core.errors import SmartPickError
        from smartpick_desktop.core.profile import load_profile
        from smartpick_desktop.core.season import platform_for, season_in_force
        from smartpick_desktop.core.season.steps import relevant_dates

        try:
            with self.ctx.store.session() as session:
                season = season_in_force(session, today).season
                profile = load_profile(session)
        except SmartPickError:  # season data problems are reported in the Plan tab
            return []
        names = [] if profile is None else [profile.specialty, profile.backup_specialty or ""]
        platforms = [platform_for(season, n).name for n in names if n]
        events = relevant_dates(season, platforms)
        upcoming = [e for e in events
                    if today <= e.date <= today + dt.timedelta(days=SEASON_HORIZON_DAYS)]
        sources: list[str] = []
        for event in upcoming[:MAX_SEASON_EVENTS]:
            days = (event.date - today).days
            when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
            estimated = " (estimated)" if event.estimated else ""
            self._add(f"{event.date.isoformat()} — {event.name}{estimated}, {when}. "
                      f"Source: {event.source.label()}.", "Open plan", "plan", None)
            if event.source.label() not in sources:
                sources.append(event.source.label())
        return sources
