"""Export the plan's timeline (season dates, letter deadlines, follow-ups) as an .ics calendar.

Each event is an all-day event whose description says where its date comes from: the published
source for season dates (estimated ones say so), or "Your letters" / "Your follow-ups". Only
events on or after the plan's date are exported: a calendar never holds steps already past.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from smartpick_desktop.core.plan.document import PlanDocument, TimelineEvent

PRODID = "-//SmartPick Desktop//Application plan//EN"


def event_description(event: TimelineEvent) -> str:
    """The description of one calendar event: its source or origin, and any note."""
    if event.is_season:
        text = f"Source: {event.source}."
        if event.estimated:
            text += " This date is an estimate, not yet published."
    else:
        text = f"Origin: {event.source}."
    if event.note:
        text += f"\n{event.note}"
    return text + "\nExported from your SmartPick application plan."


def future_events(doc: PlanDocument) -> list[TimelineEvent]:
    """The timeline's events dated on or after the day the plan was made."""
    return [event for event in doc.timeline if event.date >= doc.generated]


def build_calendar(doc: PlanDocument) -> bytes:
    """The calendar as iCalendar bytes."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"SmartPick plan — {doc.profile.specialty}, {doc.season}")
    stamp = dt.datetime.combine(doc.generated, dt.time(0, 0), tzinfo=dt.UTC)
    for event in future_events(doc):
        item = Event()
        key = f"{event.kind}|{event.date.isoformat()}|{event.title}".encode()
        item.add("uid", hashlib.sha1(key).hexdigest()[:20] + "@smartpick.local")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.date)
        item.add("dtend", event.date + dt.timedelta(days=1))
        summary = event.title + (" (estimated)" if event.estimated else "")
        item.add("summary", summary)
        item.add("description", event_description(event))
        item.add("categories", [event.kind.upper().replace("_", "-")])
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()


def write_calendar(doc: PlanDocument, path: str | Path) -> int:
    """Write the .ics file (atomically) and return the number of events."""
    from smartpick_desktop.core.files import check_target, write_atomic

    check_target(path, "Calendar file")
    write_atomic(path, build_calendar(doc), "Calendar file")
    return len(future_events(doc))
