"""Interviews: invitations with their offered dates, the date chosen, conflicts (two on one day,
overlapping travel days), and after the interview the student's notes and scores on criteria
they set once (e.g. location, people, training, lifestyle; each weighted 1–5, scored 1–5)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan.tables import CriterionRow, InterviewRow

DEFAULT_CRITERIA = ("Location", "People", "Training", "Lifestyle")
MAX_NOTES = 20_000
MAX_TRAVEL_DAYS = 5
SCORE_RANGE = (1, 5)


@dataclass(frozen=True)
class Criterion:
    id: int
    name: str
    weight: int


@dataclass
class Interview:
    """One invitation and what came of it."""

    program_id: int
    program: str
    invited_on: dt.date | None
    offered: list[dt.date]
    chosen: dt.date | None
    travel_days: int
    notes: str
    scores: dict[int, int] = field(default_factory=dict)   # criterion id -> 1..5

    def busy_days(self) -> set[dt.date]:
        """The interview day and the travel days around it."""
        if self.chosen is None:
            return set()
        return {self.chosen + dt.timedelta(days=k)
                for k in range(-self.travel_days, self.travel_days + 1)}


@dataclass(frozen=True)
class Conflict:
    """Two interviews that clash: on the same day, or within each other's travel days."""

    a: Interview
    b: Interview
    kind: str    # "same_day" | "travel"

    def describe(self) -> str:
        if self.kind == "same_day":
            return (f"{self.a.program} and {self.b.program} are both on "
                    f"{self.a.chosen.isoformat()}.")
        return (f"{self.a.program} ({self.a.chosen.isoformat()}) and {self.b.program} "
                f"({self.b.chosen.isoformat()}) overlap once travel days are counted.")


# --- criteria ------------------------------------------------------------------------------

def list_criteria(session: Session) -> list[Criterion]:
    rows = session.scalars(select(CriterionRow).order_by(CriterionRow.position, CriterionRow.id))
    return [Criterion(r.id, r.name, r.weight) for r in rows]


def set_criteria(session: Session, criteria: Iterable[tuple[str, int]]) -> list[Criterion]:
    """Replace the criteria (name, weight 1–5); scores of a kept name are kept."""
    wanted: list[tuple[str, int]] = []
    seen: set[str] = set()
    for name, weight in criteria:
        text = " ".join(str(name).split())[:80]
        if not text:
            continue
        if text.casefold() in seen:
            raise InputError(f"Criterion '{text}' is listed twice.")
        if not isinstance(weight, int) or not 1 <= weight <= 5:
            raise InputError(f"Criterion '{text}': the weight must be a whole number 1–5.")
        seen.add(text.casefold())
        wanted.append((text, weight))
    old = {r.name.casefold(): r for r in session.scalars(select(CriterionRow))}
    keep = {name.casefold() for name, _ in wanted}
    for key, row in old.items():
        if key not in keep:
            session.delete(row)
    for pos, (name, weight) in enumerate(wanted):
        row = old.get(name.casefold())
        if row is None:
            session.add(CriterionRow(name=name, weight=weight, position=pos))
        else:
            row.name, row.weight, row.position = name, weight, pos
    session.flush()
    return list_criteria(session)


def ensure_criteria(session: Session) -> list[Criterion]:
    """The criteria, creating the four defaults (weight 3) the first time."""
    found = list_criteria(session)
    if found:
        return found
    if session.info.get("read_only"):  # a read-only data folder: show the defaults, unsaved
        return [Criterion(-n, name, 3) for n, name in enumerate(DEFAULT_CRITERIA, 1)]
    return set_criteria(session, [(name, 3) for name in DEFAULT_CRITERIA])


# --- interviews ----------------------------------------------------------------------------

def _program(session: Session, program_id: int) -> object:
    from smartpick_desktop.core.catalog.queries import get_program

    program = get_program(session, int(program_id))
    if program is None:
        raise InputError(f"Program {program_id} is not in the catalog.", fix="program_id")
    return program


def _to_interview(row: InterviewRow, name: str) -> Interview:
    return Interview(row.program_id, name, row.invited_on,
                     [dt.date.fromisoformat(x) for x in json.loads(row.offered or "[]")],
                     row.chosen, row.travel_days or 0, row.notes or "",
                     {int(k): int(v) for k, v in json.loads(row.scores or "{}").items()})


def list_interviews(session: Session) -> list[Interview]:
    """Every invitation recorded, by chosen date (undated last)."""
    from smartpick_desktop.core.catalog.queries import load_programs_where

    rows = session.scalars(select(InterviewRow)).all()
    names = {p.program_id: p.display_name
             for p in load_programs_where(session, ids=[r.program_id for r in rows])}
    out = [_to_interview(r, names.get(r.program_id, f"Program {r.program_id}")) for r in rows]
    return sorted(out, key=lambda i: (i.chosen is None, i.chosen or dt.date.max, i.program))


def get_interview(session: Session, program_id: int) -> Interview | None:
    row = session.get(InterviewRow, int(program_id))
    if row is None:
        return None
    return _to_interview(row, _program(session, program_id).display_name)


def record_invitation(session: Session, program_id: int, *, offered: Iterable[dt.date] = (),
                      chosen: dt.date | None = None, invited_on: dt.date | None = None,
                      travel_days: int | None = None) -> Interview:
    """Record (or update) an invitation: its offered dates and, if picked, the chosen date.

    The program's status moves to "invited" (or "interview scheduled" once a date is chosen)
    unless it is already further along."""
    from smartpick_desktop.core.catalog.queries import set_status

    program = _program(session, program_id)
    if travel_days is not None and not 0 <= travel_days <= MAX_TRAVEL_DAYS:
        raise InputError(f"Travel days must be from 0 to {MAX_TRAVEL_DAYS}.")
    row = session.get(InterviewRow, int(program_id))
    if row is None:
        row = InterviewRow(program_id=int(program_id), invited_on=invited_on or dt.date.today(),
                           offered="[]", chosen=None, travel_days=0, notes="", scores="{}")
        session.add(row)
    dates = {dt.date.fromisoformat(x) for x in json.loads(row.offered or "[]")}
    dates |= set(offered)
    if chosen is not None:
        dates.add(chosen)
        row.chosen = chosen
    row.offered = json.dumps(sorted(d.isoformat() for d in dates))
    if travel_days is not None:
        row.travel_days = travel_days
    if invited_on is not None:
        row.invited_on = invited_on
    session.flush()
    order = ("invited", "interview_scheduled", "interviewed", "ranked")
    target = "interview_scheduled" if row.chosen is not None else "invited"
    if program.status not in order or order.index(program.status) < order.index(target):
        set_status(session, [int(program_id)], target)
    return get_interview(session, program_id)


def save_review(session: Session, program_id: int, *, notes: str | None = None,
                scores: Mapping[int, int] | None = None) -> Interview:
    """After the interview: the student's notes and scores (criterion id -> 1..5)."""
    row = session.get(InterviewRow, int(program_id))
    if row is None:
        _program(session, program_id)
        row = InterviewRow(program_id=int(program_id), invited_on=None, offered="[]",
                           chosen=None, travel_days=0, notes="", scores="{}")
        session.add(row)
    if notes is not None:
        if len(notes) > MAX_NOTES:
            raise InputError(f"Interview notes must be at most {MAX_NOTES:,} characters.")
        row.notes = notes
    if scores is not None:
        known = {c.id: c.name for c in list_criteria(session)}
        clean: dict[str, int] = {}
        for key, value in scores.items():
            if int(key) not in known:
                raise InputError(f"Criterion {key} does not exist.")
            if value is None or value == 0:
                continue
            low, high = SCORE_RANGE
            if not isinstance(value, int) or not low <= value <= high:
                raise InputError(f"Score for {known[int(key)]} must be a whole number "
                                 f"{low}–{high}.")
            clean[str(int(key))] = int(value)
        row.scores = json.dumps(clean, sort_keys=True)
    session.flush()
    return get_interview(session, program_id)


def weighted_score(interview: Interview | None, criteria: list[Criterion]) -> float | None:
    """The weighted mean of the scores given (1–5), or None when none is given."""
    if interview is None:
        return None
    total = weight = 0.0
    for c in criteria:
        s = interview.scores.get(c.id)
        if s:
            total += s * c.weight
            weight += c.weight
    return total / weight if weight else None


def conflicts(interviews: Iterable[Interview]) -> list[Conflict]:
    """Pairs of scheduled interviews on the same day or inside each other's travel days."""
    dated = [i for i in interviews if i.chosen is not None]
    out = []
    for n, a in enumerate(dated):
        for b in dated[n + 1:]:
            if a.chosen == b.chosen:
                out.append(Conflict(a, b, "same_day"))
            elif a.busy_days() & b.busy_days():
                out.append(Conflict(a, b, "travel"))
    return out


def conflicts_for(session: Session, program_id: int) -> list[Conflict]:
    """The conflicts that involve one program's interview."""
    return [c for c in conflicts(list_interviews(session))
            if int(program_id) in (c.a.program_id, c.b.program_id)]
