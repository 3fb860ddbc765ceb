"""Steering the list by hand: add, remove, lock in or out, move signals, undo.

Every edit is one user action: it checks its input (an :class:`InputError` naming the program
and the reason, nothing changed), records the list as it was (so :func:`undo` brings it back),
changes the current plan and recomputes its figures. Adding a program locks it in and removing
one locks it out, so re-optimizing (which honours locks) keeps the student's choices.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan.tables import PlanLockRow, PlanUndoRow

LOCK_MODES = ("in", "out")
SIGNAL_CHOICES = ("gold", "silver", "signal", "none")
UNDO_DEPTH = 50


def plan_locks(session: Session) -> dict[int, str]:
    """Locked programs: id -> "in" | "out"."""
    return {r.program_id: r.mode for r in session.scalars(select(PlanLockRow))}


# --- undo ----------------------------------------------------------------------------------

def _state(session: Session) -> dict[str, Any]:
    from smartpick_desktop.core.plan.saved import current_plan

    plan = current_plan(session)
    return {"program_ids": list(plan.program_ids) if plan else [],
            "signals": {str(k): v for k, v in (plan.signals if plan else {}).items()},
            "locks": {str(k): v for k, v in plan_locks(session).items()},
            "has_plan": plan is not None}


def push_undo(session: Session, label: str) -> None:
    """Remember the list as it is now, before the edit ``label``."""
    session.add(PlanUndoRow(created=dt.datetime.now().replace(microsecond=0), label=label,
                            state=json.dumps(_state(session))))
    session.flush()
    ids = session.scalars(select(PlanUndoRow.id).order_by(PlanUndoRow.id.desc())).all()
    if len(ids) > UNDO_DEPTH:
        session.execute(delete(PlanUndoRow).where(PlanUndoRow.id.in_(ids[UNDO_DEPTH:])))


def undo_label(session: Session) -> str | None:
    """What :func:`undo` would take back (None: nothing to undo)."""
    return session.scalar(select(PlanUndoRow.label).order_by(PlanUndoRow.id.desc()).limit(1))


def undo(session: Session) -> str | None:
    """Put the list back as it was before the last edit; return that edit's label."""
    row = session.scalar(select(PlanUndoRow).order_by(PlanUndoRow.id.desc()).limit(1))
    if row is None:
        return None
    state = json.loads(row.state)
    session.delete(row)
    session.execute(delete(PlanLockRow))
    for pid, mode in state.get("locks", {}).items():
        if _exists(session, int(pid)):
            session.add(PlanLockRow(program_id=int(pid), mode=mode))
    ids = [i for i in state.get("program_ids", []) if _exists(session, int(i))]
    signals = {int(k): v for k, v in state.get("signals", {}).items() if int(k) in ids}
    if state.get("has_plan"):
        _write_list(session, ids, signals)
    else:
        from smartpick_desktop.core.plan.saved import clear_plan

        clear_plan(session)
    session.flush()
    return row.label


# --- edits ---------------------------------------------------------------------------------

@dataclass
class EditResult:
    """What an edit did, in one sentence, and the plan's P(match) before and after."""

    message: str
    p_before: float | None
    p_after: float | None


def _exists(session: Session, program_id: int) -> bool:
    return _program(session, program_id, check=False) is not None


def _program(session: Session, program_id: Any, *, check: bool = True) -> Any:
    from smartpick_desktop.core.catalog.queries import get_program

    try:
        pid = int(program_id)
    except (TypeError, ValueError):
        raise InputError(f"The program id '{program_id}' is not a number.",
                         fix="program_id") from None
    program = get_program(session, pid)
    if program is None and check:
        raise InputError(f"Program {pid} is not in the catalog.", fix="program_id")
    return program


def _profile(session: Session) -> Any:
    from smartpick_desktop.core.profile import load_profile

    profile = load_profile(session)
    if profile is None:
        raise InputError("There is no profile yet, so there is nothing to plan from.",
                         fix="no_profile")
    return profile


def _check_specialty(profile: Any, program: Any) -> None:
    from smartpick_desktop.core.plan.figures import canonical, plan_groups

    groups = plan_groups(profile)
    if canonical(program.specialty) not in groups:
        raise InputError(f"Program {program.program_id} ({program.name}) is in "
                         f"{program.specialty}; your plan covers {' and '.join(groups)} "
                         "(set a backup specialty in your profile to plan another one).")


def _current(session: Session) -> Any:
    from smartpick_desktop.core.plan.saved import current_plan

    return current_plan(session)


def _write_list(session: Session, ids: list[int], signals: dict[int, str]) -> None:
    """Make ``ids`` (with ``signals``) the current plan's list and recompute its figures."""
    from smartpick_desktop.core.plan.figures import canonical, evidence_programs, store_figures
    from smartpick_desktop.core.plan.saved import PlanItemRow, PlanRow

    profile = _profile(session)
    plan = _current(session)
    if plan is None:
        row = PlanRow(created=dt.datetime.now().replace(microsecond=0), is_current=True,
                      specialty=canonical(profile.specialty),
                      backup_specialty=(canonical(profile.backup_specialty)
                                        if profile.backup_specialty else None),
                      p_match=0.0, expected_interviews=0.0, fee_usd=0, max_apps=None,
                      budget_usd=profile.budget_usd, details=json.dumps({"seed": 0}))
        session.add(row)
        session.flush()
        plan_id = row.id
    else:
        plan_id = plan.plan_id
    session.execute(delete(PlanItemRow).where(PlanItemRow.plan_id == plan_id))
    for pos, pid in enumerate(ids):
        session.add(PlanItemRow(plan_id=plan_id, program_id=pid, position=pos,
                                signal=signals.get(pid)))
    session.flush()
    programs = evidence_programs(session, profile, ids)
    store_figures(session, plan_id, profile, programs)


def _set_lock(session: Session, pid: int, mode: str | None) -> None:
    row = session.get(PlanLockRow, pid)
    if mode is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(PlanLockRow(program_id=pid, mode=mode))
    else:
        row.mode = mode
    session.flush()


def _mark_applying(session: Session, pid: int) -> None:
    from smartpick_desktop.core.catalog.queries import get_program, set_status

    program = get_program(session, pid)
    if program is not None and program.status == "considering":
        set_status(session, [pid], "applying")


def add_program(session: Session, program_id: Any) -> EditResult:
    """Put a catalog program on the list (at the end) and lock it in."""
    program = _program(session, program_id)
    profile = _profile(session)
    _check_specialty(profile, program)
    pid = int(program.program_id)
    plan = _current(session)
    before = plan.p_match if plan else None
    ids = list(plan.program_ids) if plan else []
    signals = dict(plan.signals) if plan else {}
    push_undo(session, f"Add {program.name}")
    _set_lock(session, pid, "in")
    if pid in ids:
        after = before
        return EditResult(f"{program.name} is already on your list; it is now locked in.",
                          before, after)
    _write_list(session, ids + [pid], signals)
    _mark_applying(session, pid)
    after = _current(session).p_match
    return EditResult(f"Added {program.name} (locked in).", before, after)


def remove_program(session: Session, program_id: Any) -> EditResult:
    """Take a program off the list (with its signal) and lock it out."""
    program = _program(session, program_id)
    pid = int(program.program_id)
    plan = _current(session)
    before = plan.p_match if plan else None
    ids = list(plan.program_ids) if plan else []
    push_undo(session, f"Remove {program.name}")
    _set_lock(session, pid, "out")
    if pid not in ids:
        return EditResult(f"{program.name} is not on your list; it is now locked out.",
                          before, before)
    signals = {k: v for k, v in plan.signals.items() if k != pid}
    _write_list(session, [i for i in ids if i != pid], signals)
    return EditResult(f"Removed {program.name} (locked out).", before,
                      _current(session).p_match)


def lock_program(session: Session, program_id: Any, mode: str = "in") -> EditResult:
    """Lock a program in (it joins the list) or out (it leaves it)."""
    if mode not in LOCK_MODES:
        raise InputError(f"Lock '{mode}' is not one of: {', '.join(LOCK_MODES)}.")
    if mode == "in":
        return add_program(session, program_id)
    return remove_program(session, program_id)


def unlock_program(session: Session, program_id: Any) -> EditResult:
    """Let the optimizer decide about this program again (the list itself is unchanged)."""
    program = _program(session, program_id)
    pid = int(program.program_id)
    plan = _current(session)
    before = plan.p_match if plan else None
    if session.get(PlanLockRow, pid) is None:
        return EditResult(f"{program.name} was not locked.", before, before)
    push_undo(session, f"Unlock {program.name}")
    _set_lock(session, pid, None)
    return EditResult(f"Unlocked {program.name}: re-optimizing may add or drop it.", before,
                      before)


# --- signals -------------------------------------------------------------------------------

def _signal_plan(session: Session, program: Any, level: str) -> tuple[list[int], dict[int, str]]:
    """The list's signals after giving ``program`` the signal ``level`` (checked)."""
    from smartpick_desktop.core.model.optimizer import signal_allowance
    from smartpick_desktop.core.plan.figures import canonical

    if level not in SIGNAL_CHOICES:
        raise InputError(f"Signal '{level}' is not one of: {', '.join(SIGNAL_CHOICES)}.")
    plan = _current(session)
    pid = int(program.program_id)
    if plan is None or pid not in plan.program_ids:
        raise InputError(f"Program {pid} ({program.name}) is not on your list.",
                         fix="add_to_list")
    signals = {k: v for k, v in plan.signals.items() if k != pid}
    if level == "none":
        return list(plan.program_ids), signals
    if program.signals_accepted is False:
        raise InputError(f"Program {pid} ({program.name}) does not accept preference signals.")
    from smartpick_desktop.core.season import season_in_force

    group = canonical(program.specialty)
    allowance = signal_allowance(group, season_in_force(session).season)
    if level not in allowance:
        kinds = ", ".join(allowance) or "none"
        raise InputError(f"{group} has no '{level}' signals (this season it has: {kinds}).")
    from smartpick_desktop.core.catalog.queries import load_programs_where

    in_group = {p.program_id for p in load_programs_where(session, ids=list(signals))
                if canonical(p.specialty) == group}
    used = sum(1 for k, v in signals.items() if v == level and k in in_group)
    if used >= allowance[level]:
        raise InputError(f"All {allowance[level]} {level} signals of {group} are already "
                         "placed.", fix="free_a_signal")
    signals[pid] = level
    return list(plan.program_ids), signals


def preview_signal(session: Session, program_id: Any, level: str) -> tuple[float, float]:
    """P(match) now and with ``program_id``'s signal set to ``level`` (nothing is saved)."""
    from smartpick_desktop.core.plan.figures import (
        evaluate_list,
        evidence_programs,
        season_posterior_for,
    )

    program = _program(session, program_id)
    ids, signals = _signal_plan(session, program, level)
    profile = _profile(session)
    programs = evidence_programs(session, profile, ids)
    by_id = {p.program_id: p for p in programs}
    by_id.setdefault(program.program_id, program)
    chosen = [by_id[i] for i in ids if i in by_id]
    plan = _current(session)
    post = season_posterior_for(profile, programs, signals)
    from smartpick_desktop.core.season import season_in_force

    after = evaluate_list(profile, chosen, signals, posterior=post,
                          seed=int(plan.details.get("seed", 0) or 0),
                          draws=plan.details.get("draws"),
                          season=season_in_force(session).season).p_match
    return float(plan.p_match), float(after)


def set_signal(session: Session, program_id: Any, level: str) -> EditResult:
    """Give a listed program a signal (gold/silver/signal) or take it away ("none")."""
    program = _program(session, program_id)
    ids, signals = _signal_plan(session, program, level)
    before = _current(session).p_match
    what = "Remove the signal of" if level == "none" else f"Signal ({level})"
    push_undo(session, f"{what} {program.name}")
    _write_list(session, ids, signals)
    after = _current(session).p_match
    text = (f"Removed the signal of {program.name}." if level == "none"
            else f"Placed a {level} signal on {program.name}.")
    return EditResult(text, before, after)


