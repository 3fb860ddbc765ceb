"""The application tracker: each program's status and the date of each step, its own deadlines
and supplemental-application items (a checklist), and what is due this week.

Statuses are the catalog's (``core.catalog.program.STATUSES``): considering → applying → applied
→ invited → interview scheduled → interviewed → ranked; withdrawn or rejected end the pipeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan.tables import InterviewRow, ProgramTaskRow

TASK_KINDS = {"deadline": "Deadline", "supplemental": "Supplemental item"}
MAX_TASK = 300
WEEK_DAYS = 7


def parse_status(text: str) -> str:
    """A status key from what a person types ("Interview scheduled", "interview-scheduled")."""
    from smartpick_desktop.core.catalog.program import STATUSES

    key = "_".join(str(text).strip().lower().replace("-", " ").split())
    if key not in STATUSES:
        raise InputError(f"STATUS '{text}' is not one of: "
                         f"{', '.join(k.replace('_', ' ') for k in STATUSES)}.")
    return key


def parse_date(text: str, field: str = "The date") -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError(f"{field} '{text}' is not a date in the form YYYY-MM-DD.") from None


def set_program_status(session: Session, program_id: int, status: str,
                       day: dt.date | None = None) -> str:
    """Set one program's status (recording ``day`` for that step); return its label."""
    from smartpick_desktop.core.catalog.program import STATUSES
    from smartpick_desktop.core.catalog.queries import get_program, set_status

    key = parse_status(status)
    program = get_program(session, int(program_id))
    if program is None:
        raise InputError(f"Program {program_id} is not in the catalog.", fix="program_id")
    set_status(session, [int(program_id)], key, day)
    if day is not None:  # a step set again on another day keeps the date given
        from smartpick_desktop.core.catalog.queries import set_status_date

        set_status_date(session, int(program_id), key, day)
    return STATUSES[key]


@dataclass(frozen=True)
class Task:
    id: int
    program_id: int
    kind: str
    title: str
    due: dt.date | None
    done: bool


def _task(row: ProgramTaskRow) -> Task:
    return Task(row.id, row.program_id, row.kind, row.title, row.due, bool(row.done))


def add_task(session: Session, program_id: int, title: str, *, kind: str = "supplemental",
             due: dt.date | None = None) -> Task:
    """Add a deadline or supplemental-application item to a program's checklist."""
    from smartpick_desktop.core.catalog.queries import get_program

    text = " ".join(str(title).split())
    if not text:
        raise InputError("The checklist item needs a title.")
    if len(text) > MAX_TASK:
        raise InputError(f"The checklist item is {len(text)} characters; the limit is "
                         f"{MAX_TASK}.")
    if kind not in TASK_KINDS:
        raise InputError(f"Kind '{kind}' is not one of: {', '.join(TASK_KINDS)}.")
    if get_program(session, int(program_id)) is None:
        raise InputError(f"Program {program_id} is not in the catalog.")
    row = ProgramTaskRow(program_id=int(program_id), kind=kind, title=text, due=due, done=False)
    session.add(row)
    session.flush()
    return _task(row)


def set_task_done(session: Session, task_id: int, done: bool = True) -> Task:
    row = session.get(ProgramTaskRow, int(task_id))
    if row is None:
        raise InputError(f"Checklist item {task_id} does not exist.")
    row.done = bool(done)
    session.flush()
    return _task(row)


def delete_task(session: Session, task_id: int) -> None:
    row = session.get(ProgramTaskRow, int(task_id))
    if row is not None:
        session.delete(row)
        session.flush()


def list_tasks(session: Session, program_id: int | None = None) -> list[Task]:
    query = select(ProgramTaskRow).order_by(ProgramTaskRow.due.is_(None), ProgramTaskRow.due,
                                            ProgramTaskRow.id)
    if program_id is not None:
        query = query.where(ProgramTaskRow.program_id == int(program_id))
    return [_task(r) for r in session.scalars(query)]


@dataclass(frozen=True)
class DueItem:
    """Something due soon: a program deadline, a checklist item or an interview."""

    date: dt.date
    kind: str            # "deadline" | "supplemental" | "interview"
    program_id: int
    program: str
    text: str
    overdue: bool = False

    def describe(self, today: dt.date) -> str:
        days = (self.date - today).days
        when = ("overdue since " + self.date.isoformat() if days < 0 else
                "today" if days == 0 else "tomorrow" if days == 1 else
                f"{self.date:%a, %b} {self.date.day} (in {days} days)")
        return f"{self.text} — {self.program}, {when}"


def dated_items(session: Session) -> list[DueItem]:
    """Every open dated item: unfinished deadlines and checklist items, chosen interview dates."""
    from smartpick_desktop.core.catalog.queries import load_programs_where

    tasks = list_tasks(session)
    booked = session.scalars(select(InterviewRow).where(InterviewRow.chosen.is_not(None))).all()
    names = {p.program_id: p.display_name for p in load_programs_where(
        session, ids={t.program_id for t in tasks} | {r.program_id for r in booked})}
    out = []
    for task in tasks:
        if task.due is not None and not task.done and task.program_id in names:
            out.append(DueItem(task.due, task.kind, task.program_id, names[task.program_id],
                               task.title))
    for row in booked:
        if row.program_id in names:
            out.append(DueItem(row.chosen, "interview", row.program_id, names[row.program_id],
                               "Interview"))
    return sorted(out, key=lambda d: (d.date, d.program))


def due_this_week(session: Session, today: dt.date | None = None) -> list[DueItem]:
    """Open items due within the next 7 days, and unfinished ones already overdue."""
    today = today or dt.date.today()
    end = today + dt.timedelta(days=WEEK_DAYS)
    out = []
    for item in dated_items(session):
        if item.date < today and item.kind != "interview":
            out.append(DueItem(item.date, item.kind, item.program_id, item.program, item.text,
                               True))
        elif today <= item.date <= end:
            out.append(item)
    return out


def tracked_programs(session: Session, plan: object = None) -> list:
    """The programs the tracker shows: the plan's, then any other program past "considering"
    (e.g. applied to outside the plan)."""
    from smartpick_desktop.core.catalog.queries import load_programs_where

    listed = list(getattr(plan, "program_ids", []) or [])
    programs = load_programs_where(session, ids=listed, tracked=True)
    by_id = {p.program_id: p for p in programs}
    out = [by_id[i] for i in listed if i in by_id]
    out += [p for p in programs if p.program_id not in set(listed) and p.status != "considering"]
    return out
