"""The current plan as the Plan tab and ``smartpick plan show`` present it: each listed program
with its chance, fit, tier, signal, lock and status, and the plan's current figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PlanRowView:
    """One listed program (plain values)."""

    program_id: int
    program: Any                    # core.catalog.program.Program
    signal: str | None
    p_interview: float
    fit: float
    tier: str
    eligible: bool
    reasons: tuple[str, ...]
    gain: float | None
    locked: bool
    status: str


@dataclass
class PlanView:
    """The plan with figures matching today's inputs (``stale`` only with refresh=False)."""

    plan: Any                       # core.plan.saved.SavedPlan or None
    rows: list[PlanRowView]
    locks: dict[int, str]
    stale: bool
    recomputed: bool
    signals_allowed: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def locked_in(self) -> list[int]:
        return sorted(pid for pid, mode in self.locks.items() if mode == "in")

    @property
    def locked_out(self) -> list[int]:
        return sorted(pid for pid, mode in self.locks.items() if mode == "out")

    @property
    def p_match_primary(self) -> float | None:
        if self.plan is None:
            return None
        value = self.plan.details.get("p_match_primary")
        return float(value) if value is not None else None


def plan_view(session: Session, *, refresh: bool = True) -> PlanView:
    """Read the current plan (recomputing stale figures unless ``refresh`` is False)."""
    from smartpick_desktop.core.catalog.queries import load_programs_where
    from smartpick_desktop.core.model.optimizer import signal_allowance
    from smartpick_desktop.core.model.ranking import rank_programs
    from smartpick_desktop.core.plan.edits import plan_locks
    from smartpick_desktop.core.plan.figures import fresh_plan
    from smartpick_desktop.core.profile import load_profile

    profile = load_profile(session)
    fresh = fresh_plan(session, profile, refresh=refresh)
    locks = plan_locks(session)
    plan = fresh.plan
    if plan is None or profile is None:
        return PlanView(plan, [], locks, fresh.stale, fresh.recomputed)
    wanted = set(plan.program_ids)
    by_id = {p.program_id: p for p in load_programs_where(session, ids=wanted)}
    chosen = [by_id[i] for i in plan.program_ids if i in by_id]
    ranked = {r.program.program_id: r for r in rank_programs(profile, chosen,
                                                             signalled=plan.signals)}
    curve = [0.0] + [float(c["p_match"]) for c in plan.curve]
    rows = []
    for k, pid in enumerate(plan.program_ids):
        r = ranked.get(pid)
        if r is None:
            continue
        gain = curve[k + 1] - curve[k] if k + 1 < len(curve) else None
        rows.append(PlanRowView(pid, r.program, plan.signals.get(pid), float(r.p_interview),
                                float(r.fit), str(r.tier), bool(r.eligible),
                                tuple(r.reasons), gain, locks.get(pid) == "in",
                                r.program.status))
    from smartpick_desktop.core.season import season_in_force

    season = season_in_force(session).season
    allowed = {part["specialty"]: signal_allowance(part["specialty"], season)
               for part in plan.fee_breakdown}
    return PlanView(plan, rows, locks, fresh.stale, fresh.recomputed, allowed)
