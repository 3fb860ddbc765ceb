"""The plan's calendar parses with icalendar, holds the season dates and says where each is from."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from smartpick_desktop.core.plan.assemble import assemble_plan
from smartpick_desktop.core.plan.ics import build_calendar, write_calendar
from smartpick_desktop.core.plan.sample import sample_document
from smartpick_desktop.core.season import shipped_seasons

TODAY = dt.date(2026, 8, 1)


def _events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_calendar_from_the_store_holds_the_seasons_dates(planned_store, tmp_path):
    with planned_store.session() as session:
        doc = assemble_plan(session, today=TODAY)
    path = tmp_path / "plan.ics"
    count = write_calendar(doc, path)
    events = _events(path.read_bytes())
    assert count == len(events) == len([e for e in doc.timeline if e.date >= TODAY])
    starts = {e.decoded("dtstart") for e in events}
    season = [e for e in shipped_seasons()["2026-27"].dates
              if e.date >= TODAY and e.platform is None]
    assert season and {e.date for e in season} <= starts
    assert min(starts) >= TODAY  # nothing already past goes into a calendar
    for event in events:
        description = str(event.get("description"))
        assert description.startswith(("Source: ", "Origin: "))
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(days=1)
    match_day = next(e for e in events if "Match Day" in str(e.get("summary")))
    assert "NRMP" in str(match_day.get("description"))
    letter = next(e for e in events if "Letter due" in str(e.get("summary")))
    assert "Your letters" in str(letter.get("description"))


def test_estimated_dates_are_marked_and_uids_are_unique():
    doc = sample_document(5)
    events = _events(build_calendar(doc))
    estimated = [e for e in events if "(estimated)" in str(e.get("summary"))]
    assert estimated and all("estimate" in str(e.get("description")) for e in estimated)
    uids = [str(e.get("uid")) for e in events]
    assert len(set(uids)) == len(uids)


def test_text_with_commas_and_newlines_round_trips():
    doc = sample_document(1)
    from smartpick_desktop.core.plan.document import TimelineEvent

    doc.timeline = [TimelineEvent(dt.date(2026, 9, 1), "Thank-you; Dr. A, B\nnow", "follow_up",
                                  "Your follow-ups (Mentors tab)")]
    (event,) = _events(build_calendar(doc))
    assert str(event.get("summary")) == "Thank-you; Dr. A, B\nnow"


def test_calendar_carries_follow_ups_coming_up(planned_store, tmp_path):
    """A meeting yesterday: its thank-you, due tomorrow, is on the calendar already."""
    from smartpick_desktop.core.mentors import contacts, interactions

    with planned_store.session() as session:
        mentor = contacts.add_contact(session, contacts.Contact(name="Dr. Kim Lee",
                                                                role="faculty"))
        interactions.log_interaction(session, mentor.id, "office_hours",
                                     TODAY - dt.timedelta(days=1))
        doc = assemble_plan(session, today=TODAY)
    path = tmp_path / "plan.ics"
    write_calendar(doc, path)
    thanks = [e for e in _events(path.read_bytes()) if "Dr. Kim Lee" in str(e.get("summary"))]
    assert len(thanks) == 1
    assert thanks[0].decoded("dtstart") == TODAY + dt.timedelta(days=1)
    assert "Your follow-ups" in str(thanks[0].get("description"))
    assert not doc.follow_ups  # not due yet: the PDF's "due" list stays empty
