"""The current plan: the chosen list, its signals and figures, kept in the store (migration 0003;
moved here from core.model.plan_store so that the model never imports the plan).

``compute_plan`` runs the optimizer from the profile and catalog; ``save_plan`` stores a result as
the current plan (replacing the previous one) and marks its programs "applying";
``current_plan`` reads it back. The Rank Order List order the student sets is kept too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from smartpick_desktop.core.store.base import Base

SIGNAL_KINDS = ("gold", "silver", "signal")


class PlanRow(Base):
    """A saved plan; only one is current."""

    __tablename__ = "plans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    specialty: Mapped[str] = mapped_column(String(100))
    backup_specialty: Mapped[str | None] = mapped_column(String(100), nullable=True)
    p_match: Mapped[float] = mapped_column(Float)
    expected_interviews: Mapped[float] = mapped_column(Float)
    fee_usd: Mapped[int] = mapped_column(Integer)
    max_apps: Mapped[int | None] = mapped_column(Integer, nullable=True)
    budget_usd: Mapped[int | None] = mapped_column(Integer, nullable=True)
    details: Mapped[str] = mapped_column(Text, default="{}")  # fee_breakdown, curve, seed, …


class PlanItemRow(Base):
    """One program of a plan, in the optimizer's order, with its signal (if any)."""

    __tablename__ = "plan_items"
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"),
                                         primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"),
                                            primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    signal: Mapped[str | None] = mapped_column(String(10), nullable=True)


class RankOrderRow(Base):
    """The student's rank order list (interviewed programs in their own order of preference)."""

    __tablename__ = "rank_order"
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"),
                                            primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


@dataclass
class SavedPlan:
    """The current plan as stored (the Plan tab, Home, the PDF and the CLI read it)."""

    created: dt.datetime
    specialty: str
    backup_specialty: str | None
    program_ids: list[int]
    signals: dict[int, str]  # program_id -> "gold" | "silver" | "signal"
    p_match: float
    expected_interviews: float
    fee_usd: int
    fee_breakdown: list[dict]  # [{"specialty", "applications", "fee_usd"}]
    curve: list[dict]  # [{"applications": n, "p_match": p}]
    max_apps: int | None
    budget_usd: int | None
    plan_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)  # seed, draws, fee rule, flatten point


def current_plan(session: Session) -> SavedPlan | None:
    """The current plan, or None before one was chosen."""
    row = session.scalar(select(PlanRow).where(PlanRow.is_current.is_(True))
                         .order_by(PlanRow.id.desc()).limit(1))
    if row is None:
        return None
    items = session.scalars(select(PlanItemRow).where(PlanItemRow.plan_id == row.id)
                            .order_by(PlanItemRow.position)).all()
    details = json.loads(row.details or "{}")
    return SavedPlan(
        created=row.created, specialty=row.specialty, backup_specialty=row.backup_specialty,
        program_ids=[i.program_id for i in items],
        signals={i.program_id: i.signal for i in items if i.signal},
        p_match=row.p_match, expected_interviews=row.expected_interviews, fee_usd=row.fee_usd,
        fee_breakdown=list(details.pop("fee_breakdown", [])),
        curve=list(details.pop("curve", [])), max_apps=row.max_apps, budget_usd=row.budget_usd,
        plan_id=row.id, details=details)


def save_plan(session: Session, result: Any, *, mark_applying: bool = True,
              today: dt.date | None = None, undo_label: str | None = "Use a new list") -> SavedPlan:
    """Store an optimizer result (core.model.optimizer.PlanResult) as the current plan and mark
    its programs "applying" (programs already further along keep their status). The list it
    replaces can be brought back with ``core.plan.edits.undo`` (``undo_label=None``: not)."""
    ids = [int(p) for p in result.program_ids]
    signals = {int(k): v for k, v in result.signals.items()}
    if len(set(ids)) != len(ids):
        raise ValueError("A plan cannot list the same program twice.")
    for pid, kind in signals.items():
        if pid not in ids or kind not in SIGNAL_KINDS:
            raise ValueError(f"Signal for program {pid} is not valid in this plan.")
    if undo_label is not None:
        from smartpick_desktop.core.plan.edits import push_undo

        push_undo(session, undo_label)
    session.execute(PlanRow.__table__.update().values(is_current=False))
    details = {"fee_breakdown": result.fee_breakdown, "curve": result.curve,
               **dict(getattr(result, "details", {}) or {})}
    row = PlanRow(created=dt.datetime.now().replace(microsecond=0), is_current=True,
                  specialty=result.specialty, backup_specialty=result.backup_specialty,
                  p_match=float(result.p_match),
                  expected_interviews=float(result.expected_interviews),
                  fee_usd=int(result.fee_usd), max_apps=result.max_apps,
                  budget_usd=result.budget_usd, details=json.dumps(details))
    session.add(row)
    session.flush()
    for pos, pid in enumerate(ids):
        session.add(PlanItemRow(plan_id=row.id, program_id=pid, position=pos,
                                signal=signals.get(pid)))
    # keep only the current plan and the previous one (history is not a feature)
    old = session.scalars(select(PlanRow.id).where(PlanRow.id != row.id)
                          .order_by(PlanRow.id.desc())).all()
    if len(old) > 1:
        session.execute(delete(PlanRow).where(PlanRow.id.in_(old[1:])))
    if mark_applying and ids:
        _mark_applying(session, ids, today)
    _stamp_inputs(session, row)
    session.flush()
    plan = current_plan(session)
    assert plan is not None
    return plan


def _stamp_inputs(session: Session, row: PlanRow) -> None:
    """Record the inputs the saved figures are computed from (core.plan.figures.fresh_plan
    recomputes them when these change)."""
    from smartpick_desktop.core.plan.figures import evidence_programs, inputs_key
    from smartpick_desktop.core.profile import load_profile

    profile = load_profile(session)
    if profile is None:
        return
    plan = current_plan(session)
    assert plan is not None
    programs = evidence_programs(session, profile, plan.program_ids)
    details = json.loads(row.details or "{}")
    details["inputs"] = inputs_key(profile, plan.program_ids, plan.signals, programs)
    if row.backup_specialty:  # P(match) of the primary specialty alone, beside "any position"
        from smartpick_desktop.core.plan.figures import evaluate_list, season_posterior_for

        by_id = {p.program_id: p for p in programs}
        chosen = [by_id[i] for i in plan.program_ids if i in by_id]
        figures = evaluate_list(profile, chosen, plan.signals,
                                posterior=season_posterior_for(profile, programs, plan.signals),
                                seed=int(details.get("seed", 0) or 0), draws=details.get("draws"))
        details["p_match_primary"] = figures.p_match_primary
    row.details = json.dumps(details)


def _mark_applying(session: Session, ids: list[int], today: dt.date | None) -> None:
    from smartpick_desktop.core.catalog.queries import load_programs_where, set_status

    fresh = [p.program_id for p in load_programs_where(session, ids=ids)
             if p.status == "considering"]
    if fresh:
        set_status(session, fresh, "applying", today)


def rank_order(session: Session) -> list[int]:
    """The stored rank order list (program ids, first choice first)."""
    return list(session.scalars(select(RankOrderRow.program_id)
                                .order_by(RankOrderRow.position)).all())


def save_rank_order(session: Session, program_ids: list[int]) -> None:
    """Replace the rank order list."""
    ids = [int(p) for p in program_ids]
    if len(set(ids)) != len(ids):
        raise ValueError("The rank order list cannot list the same program twice.")
    session.execute(delete(RankOrderRow))
    for pos, pid in enumerate(ids):
        session.add(RankOrderRow(program_id=pid, position=pos))


def compute_plan(session: Session, profile: Any, *, max_apps: int | None = None,
                 budget: int | None = None, seed: int = 0, **kw: Any) -> Any:
    """Run the optimizer over the catalog for this profile (see core.model.optimizer), keeping
    the programs the student locked in and leaving out those locked out."""
    from smartpick_desktop.core.model.optimizer import plan_for_profile
    from smartpick_desktop.core.plan.edits import plan_locks

    locks = plan_locks(session)
    saved = current_plan(session)
    kw.setdefault("saved_signals", saved.signals if saved else None)
    kw.setdefault("force_in", [pid for pid, mode in locks.items() if mode == "in"])
    kw.setdefault("force_out", [pid for pid, mode in locks.items() if mode == "out"])
    return plan_for_profile(session, profile, max_apps=max_apps, budget=budget, seed=seed, **kw)
