"""Add the season to a plan document: the tracker, interviews (with conflicts), the rank order
list, and the program deadlines and interview dates on the timeline (and so in the .ics)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.plan.document import (
    InterviewLine,
    PlanDocument,
    RolLine,
    SeasonSection,
    TimelineEvent,
    TrackerLine,
)

TRACKED = ("applying", "applied", "invited", "interview_scheduled", "interviewed", "ranked",
           "withdrawn", "rejected")
ORIGIN_TRACKER = "Your applications (Plan tab)"
ORIGIN_INTERVIEWS = "Your interviews (Plan tab)"


def add_season(session: Session, doc: PlanDocument, plan: Any) -> None:
    """Fill ``doc.season_section`` and add the student's dated items to ``doc.timeline``."""
    from smartpick_desktop.core.catalog.program import STATUSES
    from smartpick_desktop.core.catalog.queries import load_programs_where
    from smartpick_desktop.core.plan import interviews as iv
    from smartpick_desktop.core.plan.rol import rol_view
    from smartpick_desktop.core.plan.tracker import TASK_KINDS, list_tasks

    listed = set(plan.program_ids) if plan is not None else set()
    tasks = list_tasks(session)
    programs = load_programs_where(session, ids=listed | {t.program_id for t in tasks},
                                   tracked=True)
    section = SeasonSection()
    for p in programs:
        if p.program_id not in listed and p.status not in TRACKED[1:]:
            continue
        steps = " · ".join(f"{STATUSES.get(k, k)} {v}" for k, v in sorted(
            p.status_dates.items(), key=lambda kv: kv[1]) if k in STATUSES)
        items = tuple(f"{t.title}" + (f" (due {t.due.isoformat()})" if t.due else "")
                      for t in tasks if t.program_id == p.program_id and not t.done)
        section.tracker.append(TrackerLine(p.display_name, STATUSES.get(p.status, p.status),
                                           steps, items))
    criteria = iv.list_criteria(session)
    records = iv.list_interviews(session)
    clashes = iv.conflicts(records)
    for record in records:
        mine = [c.describe() for c in clashes if record.program_id in
                (c.a.program_id, c.b.program_id)]
        notes = record.notes
        if record.chosen is None and record.offered:
            offered = ", ".join(d.isoformat() for d in record.offered)
            notes = f"Dates offered: {offered}." + (f" {notes}" if notes else "")
        section.interviews.append(InterviewLine(record.program, record.chosen,
                                                iv.weighted_score(record, criteria),
                                                notes, " ".join(mine) or None))
    view = rol_view(session)
    section.rol = [RolLine(e.rank, e.name, e.p_match) for e in view.entries]
    section.rol_warning = view.warning if view.entries else None
    section.rol_note, section.rol_sources = view.note, view.sources
    if plan is not None and plan.backup_specialty:
        section.p_match_primary = plan.details.get("p_match_primary")
    from smartpick_desktop.core.plan.figures import season_now
    from smartpick_desktop.core.profile import load_profile

    outlook = season_now(session, load_profile(session), plan)
    if outlook is not None:
        section.p_match_now = outlook.p_match_now
        section.season_text = (f"{outlook.invited} invited, {outlook.rejected} rejected, "
                               f"{outlook.pending} pending")
    doc.season_section = section
    names = {p.program_id: p.display_name for p in programs}
    extra = []
    for task in tasks:
        if task.due is not None and not task.done and task.program_id in names:
            extra.append(TimelineEvent(task.due, f"{TASK_KINDS[task.kind]}: {task.title} — "
                                       f"{names[task.program_id]}", "deadline", ORIGIN_TRACKER))
    for record in records:
        if record.chosen is not None:
            note = None
            if record.travel_days:
                note = f"Plan {record.travel_days} travel day(s) before and after."
            extra.append(TimelineEvent(record.chosen, f"Interview: {record.program}",
                                       "interview", ORIGIN_INTERVIEWS, note=note))
    if extra:
        doc.timeline = sorted(doc.timeline + extra,
                              key=lambda e: (e.date, not e.is_season, e.title))
