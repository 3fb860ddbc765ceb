"""Follow-up rules on a fixed clock: thank-you, event follow-up, check-in, scheduled, letters."""

from __future__ import annotations

import datetime as dt

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import Contact, add_contact, schedule_follow_up
from smartpick_desktop.core.mentors.followups import (
    compute_outreach,
    due_items,
    outreach_status,
)
from smartpick_desktop.core.mentors.interactions import log_interaction
from smartpick_desktop.core.mentors.letters import add_letter
from smartpick_desktop.core.mentors.rules import FollowUpRules, load_rules, save_rules

MEETING = dt.date(2026, 3, 2)  # a Monday


def _person(s, name="Dr. Rivera", **kw):
    return add_contact(s, Contact(name=name, **kw), today=dt.date(2026, 1, 5)).id


def _due(store, today):
    with store.session() as s:
        return due_items(s, today)


@pytest.mark.parametrize("kind", ["meeting", "office_hours", "shadowing", "research_meeting"])
def test_thank_you_due_two_days_after_meeting_then_overdue_then_gone(store, kind):
    with store.session() as s:
        cid = _person(s)
        log_interaction(s, cid, kind, MEETING)
    assert _due(store, MEETING + dt.timedelta(days=1)) == []
    (item,) = _due(store, MEETING + dt.timedelta(days=2))
    assert (item.kind, item.contact_id, item.due, item.overdue) == (
        "thank_you", cid, MEETING + dt.timedelta(days=2), False)
    (item,) = _due(store, MEETING + dt.timedelta(days=3))
    assert item.overdue is True
    with store.session() as s:
        log_interaction(s, cid, "thank_you", MEETING + dt.timedelta(days=3))
    assert _due(store, MEETING + dt.timedelta(days=3)) == []
    assert _due(store, MEETING + dt.timedelta(days=30)) == []


def test_thank_you_before_a_new_meeting_does_not_count(store):
    with store.session() as s:
        cid = _person(s)
        log_interaction(s, cid, "thank_you", MEETING - dt.timedelta(days=10))
        log_interaction(s, cid, "meeting", MEETING)
    assert [i.kind for i in _due(store, MEETING + dt.timedelta(days=2))] == ["thank_you"]


def test_event_follow_up_after_seven_days_for_someone_new(store):
    with store.session() as s:
        new = _person(s, "New Person")
        known = _person(s, "Known Person")
        log_interaction(s, known, "email_sent", MEETING - dt.timedelta(days=30))
        log_interaction(s, new, "conference", MEETING)
        log_interaction(s, known, "conference", MEETING)
    assert _due(store, MEETING + dt.timedelta(days=6)) == []
    items = _due(store, MEETING + dt.timedelta(days=7))
    assert [(i.contact, i.kind, i.overdue) for i in items] == [
        ("New Person", "event_follow_up", False)]
    assert _due(store, MEETING + dt.timedelta(days=8))[0].overdue
    with store.session() as s:
        log_interaction(s, new, "email_sent", MEETING + dt.timedelta(days=8))
    assert _due(store, MEETING + dt.timedelta(days=8)) == []


def test_check_in_after_quiet_weeks_for_mentors_only(store):
    with store.session() as s:
        mentor = _person(s, "Mentor", stage="mentor")
        peer = _person(s, "Peer", stage="connected")
        for cid in (mentor, peer):
            log_interaction(s, cid, "email_received", MEETING)
        save_rules(s, FollowUpRules(quiet_weeks=4))
    quiet_end = MEETING + dt.timedelta(weeks=4)
    assert _due(store, quiet_end - dt.timedelta(days=1)) == []
    (item,) = _due(store, quiet_end)
    assert (item.contact, item.kind, item.overdue) == ("Mentor", "check_in", False)


def test_rules_can_be_switched_off_and_changed(store):
    with store.session() as s:
        cid = _person(s)
        log_interaction(s, cid, "meeting", MEETING)
        save_rules(s, FollowUpRules(thank_you_days=5))
    assert _due(store, MEETING + dt.timedelta(days=4)) == []
    assert _due(store, MEETING + dt.timedelta(days=5))[0].kind == "thank_you"
    with store.session() as s:
        save_rules(s, FollowUpRules(thank_you_enabled=False))
        assert load_rules(s).thank_you_enabled is False
    assert _due(store, MEETING + dt.timedelta(days=9)) == []


def test_bad_rules_are_refused(store):
    with pytest.raises(InputError, match="quiet_weeks"), store.session() as s:
        save_rules(s, FollowUpRules(quiet_weeks=0))


def test_scheduled_follow_up_and_letters_sorted_by_due(store):
    with store.session() as s:
        cid = _person(s, "Dr. Chen", email="chen@example.org")
        schedule_follow_up(s, cid, MEETING + dt.timedelta(days=1), "Send the abstract",
                           today=MEETING)
        add_letter(s, "", contact_id=cid, due=MEETING, status="agreed")
        add_letter(s, "Done Writer", due=MEETING, status="submitted")
    items = _due(store, MEETING + dt.timedelta(days=1))
    assert [(i.kind, i.overdue) for i in items] == [("letter", True), ("scheduled", False)]
    assert items[0].contact == "Dr. Chen"
    assert items[1].reason == "Send the abstract"
    with store.session() as s:
        log_interaction(s, cid, "email_sent", MEETING + dt.timedelta(days=1))
    assert [i.kind for i in _due(store, MEETING + dt.timedelta(days=1))] == ["letter"]


def test_outreach_streak_counts_consecutive_weeks():
    today = dt.date(2026, 3, 4)  # Wednesday
    sent = [(dt.date(2026, 2, 9), 1), (dt.date(2026, 2, 17), 2), (dt.date(2026, 2, 27), 1)]
    status = compute_outreach(sent, 1, today)
    assert (status.this_week, status.streak_weeks, status.met) == (0, 3, False)
    status = compute_outreach([*sent, (today, 1)], 1, today)
    assert (status.this_week, status.streak_weeks, status.met) == (1, 4, True)
    assert compute_outreach(sent, 2, today).streak_weeks == 0
    gap = compute_outreach([(dt.date(2026, 2, 9), 1), (dt.date(2026, 2, 27), 1)], 1, today)
    assert gap.streak_weeks == 1
    assert "1 of 1" in compute_outreach([(today, 1)], 1, today).describe()


def test_outreach_status_from_store(store):
    today = dt.date(2026, 3, 4)
    with store.session() as s:
        cid = _person(s)
        log_interaction(s, cid, "email_sent", dt.date(2026, 2, 25))
        log_interaction(s, cid, "thank_you", dt.date(2026, 3, 3))
        log_interaction(s, cid, "email_received", dt.date(2026, 3, 3))
        status = outreach_status(s, today)
    assert (status.goal, status.this_week, status.streak_weeks) == (1, 1, 2)
