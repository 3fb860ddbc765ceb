"""Follow-ups coming up: listed before they fall due, then due, then overdue (fixed clock)."""

from __future__ import annotations

import datetime as dt

from smartpick_desktop.core.mentors import contacts, interactions
from smartpick_desktop.core.mentors.followups import due_items, upcoming_items

MEETING = dt.date(2026, 3, 2)


def test_thank_you_is_coming_up_then_due_then_overdue(store):
    with store.session() as session:
        mentor = contacts.add_contact(session, contacts.Contact(name="Dr. Rosa Díaz",
                                                                role="faculty"))
        interactions.log_interaction(session, mentor.id, "meeting", MEETING)
    with store.session() as session:
        same_day = upcoming_items(session, MEETING, days=7)
        assert [(i.contact, i.due, i.overdue) for i in same_day] == [
            ("Dr. Rosa Díaz", MEETING + dt.timedelta(days=2), False)]
        assert due_items(session, MEETING) == []
        on_the_day = MEETING + dt.timedelta(days=2)
        assert upcoming_items(session, on_the_day) == []
        assert [i.overdue for i in due_items(session, on_the_day)] == [False]
        assert upcoming_items(session, MEETING, days=1) == []  # beyond the horizon
