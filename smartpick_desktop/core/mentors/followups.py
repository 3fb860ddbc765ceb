"""Follow-up rules applied to the log: what is due today, what is overdue, the outreach streak.

Every function takes ``today`` so tests (and the benchmark) run on a fixed clock. An item due on
day D is "due" on D and "overdue" from D + 1 on; items due later are not listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from smartpick_desktop.core.mentors.contacts import MENTOR_STAGES
from smartpick_desktop.core.mentors.interactions import KINDS, MEETING_KINDS, OUTREACH_KINDS
from smartpick_desktop.core.mentors.letters import LETTER_STATUSES, Letter, list_letters
from smartpick_desktop.core.mentors.rules import FollowUpRules, load_rules

#: DueItem kinds.
DUE_KINDS: dict[str, str] = {
    "thank_you": "Thank-you",
    "event_follow_up": "Follow-up after an event",
    "check_in": "Check-in",
    "scheduled": "Scheduled follow-up",
    "letter": "Letter due",
}


@dataclass(frozen=True)
class DueItem:
    """One action due (Home, the Mentors tab, the plan and its calendar); ``kind`` is a key of
    DUE_KINDS."""

    contact_id: int | None
    contact: str
    reason: str
    due: dt.date
    overdue: bool
    kind: str


@dataclass(frozen=True)
class ContactFacts:
    """What the rules need to know about one contact (from one aggregate query)."""

    id: int
    name: str
    stage: str
    created: dt.date
    follow_up_on: dt.date | None = None
    follow_up_note: str = ""
    last_meeting: dt.date | None = None
    last_meeting_kind: str = ""
    last_thank_you: dt.date | None = None
    first_date: dt.date | None = None
    first_conference: dt.date | None = None
    last_not_conference: dt.date | None = None
    last_any: dt.date | None = None


@dataclass(frozen=True)
class OutreachStatus:
    """The weekly outreach goal: this week's count and the streak of weeks that met it."""

    goal: int
    this_week: int
    streak_weeks: int
    week_start: dt.date

    @property
    def met(self) -> bool:
        return self.goal > 0 and self.this_week >= self.goal

    def describe(self) -> str:
        if self.goal <= 0:
            return "The weekly outreach goal is off (Settings → Mentors)."
        emails = "e-mail" if self.goal == 1 else "e-mails"
        week = f"{self.this_week} of {self.goal} outreach {emails} sent this week"
        streak = (f"{self.streak_weeks}-week streak" if self.streak_weeks
                  else "no streak yet")
        return f"{week}; {streak}."


def due_items(session: Session, today: dt.date) -> list[DueItem]:
    """Everything due on or before ``today``, sorted by due date (oldest first)."""
    rules = load_rules(session)
    return compute_due(contact_facts(session), list_letters(session), rules, today)


def upcoming_items(session: Session, today: dt.date, days: int = 30) -> list[DueItem]:
    """What falls due after ``today`` and within ``days`` days (for Home and the calendar)."""
    rules = load_rules(session)
    items = compute_due(contact_facts(session), list_letters(session), rules, today,
                        horizon_days=days)
    return [item for item in items if item.due > today]


def compute_due(facts: Iterable[ContactFacts], letters: Iterable[Letter], rules: FollowUpRules,
                today: dt.date, horizon_days: int = 0) -> list[DueItem]:
    """Apply ``rules`` to the facts: items due by ``today`` plus ``horizon_days`` (overdue
    means before ``today``); pure, so it is tested without a store."""
    items: list[DueItem] = []
    last_day = today + dt.timedelta(days=horizon_days)

    def add(contact_id: int | None, name: str, reason: str, due: dt.date, kind: str) -> None:
        if due <= last_day:
            items.append(DueItem(contact_id, name, reason, due, due < today, kind))

    thank_days = dt.timedelta(days=rules.thank_you_days)
    event_days = dt.timedelta(days=rules.event_follow_up_days)
    quiet = dt.timedelta(weeks=rules.quiet_weeks)
    for f in facts:
        if (rules.thank_you_enabled and f.last_meeting is not None
                and (f.last_thank_you is None or f.last_thank_you < f.last_meeting)):
            what = KINDS.get(f.last_meeting_kind, "meeting").lower()
            add(f.id, f.name, f"Send a thank-you for the {what} on {f.last_meeting.isoformat()}.",
                f.last_meeting + thank_days, "thank_you")
        if (rules.event_enabled and f.first_conference is not None
                and f.first_conference == f.first_date
                and (f.last_not_conference is None or f.last_not_conference < f.first_conference)):
            add(f.id, f.name, f"Follow up after meeting at an event on "
                f"{f.first_conference.isoformat()}.", f.first_conference + event_days,
                "event_follow_up")
        if rules.check_in_enabled and f.stage in MENTOR_STAGES:
            last = f.last_any or f.created
            weeks = rules.quiet_weeks
            add(f.id, f.name, f"Check in: no contact for {weeks} week{'s' * (weeks != 1)} "
                f"(last on {last.isoformat()}).", last + quiet, "check_in")
        if f.follow_up_on is not None:
            add(f.id, f.name, f.follow_up_note or "Scheduled follow-up.", f.follow_up_on,
                "scheduled")
    for letter in letters:
        if letter.is_open and letter.due is not None:
            add(letter.contact_id, letter.writer,
                f"Letter of recommendation due ({LETTER_STATUSES[letter.status].lower()}).",
                letter.due, "letter")
    items.sort(key=lambda i: (i.due, i.contact.casefold(), i.kind))
    return items


_CONTACTS_SQL = text("SELECT id, name, stage, created, follow_up_on, follow_up_note "
                     "FROM mentor_contacts")
_MEETINGS = ", ".join(f"'{k}'" for k in sorted(MEETING_KINDS))
# One pass over the covering index (contact_id, kind, date), one row per contact.
_AGGREGATE_SQL = text(f"""
SELECT contact_id,
       max(CASE WHEN kind IN ({_MEETINGS}) THEN date || kind END),
       max(CASE WHEN kind = 'thank_you' THEN date END),
       min(date),
       min(CASE WHEN kind = 'conference' THEN date END),
       max(CASE WHEN kind <> 'conference' THEN date END),
       max(date)
FROM mentor_interactions GROUP BY contact_id
""")


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def contact_facts(session: Session) -> list[ContactFacts]:
    """One ContactFacts per contact, from two queries (ISO dates compare as text)."""
    aggregates = {row[0]: row for row in session.execute(_AGGREGATE_SQL)}
    facts = []
    empty = (None,) * 7
    for cid, name, stage, created, follow_up_on, follow_up_note in session.execute(
            _CONTACTS_SQL):
        _, meeting, thanks, first, conference, not_conference, last = aggregates.get(cid, empty)
        facts.append(ContactFacts(
            cid, name, stage, _date(created), _date(follow_up_on), follow_up_note or "",
            _date(meeting), meeting[10:] if meeting else "", _date(thanks), _date(first),
            _date(conference), _date(not_conference), _date(last)))
    return facts


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def outreach_status(session: Session, today: dt.date) -> OutreachStatus:
    """This week's outreach e-mails and the number of consecutive weeks that met the goal
    (up to last week, plus this week once it is met)."""
    goal = load_rules(session).weekly_goal
    kinds = ", ".join(f"'{k}'" for k in sorted(OUTREACH_KINDS))
    since = week_start(today) - dt.timedelta(weeks=260)
    rows = session.execute(text(
        f"SELECT date, count(*) FROM mentor_interactions WHERE kind IN ({kinds}) "
        "AND date >= :since AND date <= :today GROUP BY date"),
        {"since": since.isoformat(), "today": today.isoformat()})
    return compute_outreach(((_date(d), n) for d, n in rows), goal, today)


def compute_outreach(counts: Iterable[tuple[dt.date, int]], goal: int,
                     today: dt.date) -> OutreachStatus:
    """Pure part of :func:`outreach_status`: ``counts`` are (day, e-mails sent that day)."""
    per_week: dict[dt.date, int] = {}
    for day, n in counts:
        if day <= today:
            per_week[week_start(day)] = per_week.get(week_start(day), 0) + n
    this_start = week_start(today)
    this_week = per_week.get(this_start, 0)
    streak = 0
    if goal > 0:
        week = this_start - dt.timedelta(weeks=1)
        while per_week.get(week, 0) >= goal:
            streak += 1
            week -= dt.timedelta(weeks=1)
        if this_week >= goal:
            streak += 1
    return OutreachStatus(goal, this_week, streak, this_start)
