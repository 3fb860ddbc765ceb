"""The figures of a list the student may have edited, and keeping the saved ones current.

:func:`evaluate_list` computes P(match), expected interviews, fees and the P(match) curve of any
list in its order, with the optimizer's model and seeded draws (so an unedited optimizer list
gets its own figures back). :func:`fresh_plan` is what every view reads: it compares the inputs
the saved figures were computed from (profile, the list's program data, the season's evidence)
with today's, and recomputes and stores the figures when they differ — so the Plan tab, Home,
the season view, the PDF and the CLI always show the same, current numbers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

EVIDENCE = {"invited": "invite", "interview_scheduled": "invite", "interviewed": "invite",
            "ranked": "invite", "rejected": "reject"}


@dataclass
class ListFigures:
    """Figures of one list (in its order)."""

    p_match: float
    p_match_primary: float          # programs of the primary specialty only
    expected_interviews: float
    fee_usd: int
    fee_breakdown: list[dict]
    curve: list[dict]               # P(match) using the first k programs of the list
    p_match_range: tuple[float, float] = (0.0, 0.0)  # likely low, high (docs/model.md 7c)
    p_match_any: float = 0.0        # with the list's preliminary programs (a safety net)
    p_match_any_range: tuple[float, float] = (0.0, 0.0)
    expected_interviews_range: tuple[float, float] = (0.0, 0.0)


def canonical(name: str | None) -> str:
    from smartpick_desktop.core.reference import load_reference

    spec = load_reference().find_specialty(name or "")
    return spec.name if spec else (name or "")


def plan_groups(profile: Any) -> list[str]:
    """The specialties a plan covers: the primary, then the backup (if any)."""
    groups = [canonical(profile.specialty)]
    if getattr(profile, "backup_specialty", None):
        groups.append(canonical(profile.backup_specialty))
    return groups


def season_programs(session: Session, profile: Any) -> list[Any]:
    """The catalog programs of the plan's specialties (one definition for every caller)."""
    from smartpick_desktop.core.catalog.queries import load_programs

    programs = load_programs(session, specialty=profile.specialty)
    if getattr(profile, "backup_specialty", None):
        programs += load_programs(session, specialty=profile.backup_specialty)
    return programs


def evidence_programs(session: Session, profile: Any, ids: Sequence[int] = ()) -> list[Any]:
    """What a plan's figures read from the catalog: the listed programs and the programs of the
    plan's specialties with a status past "considering" (the season's evidence)."""
    from smartpick_desktop.core.catalog.queries import load_programs_where

    groups = set(plan_groups(profile))
    wanted = {int(i) for i in ids}
    return [p for p in load_programs_where(session, ids=wanted, tracked=True)
            if p.program_id in wanted or canonical(p.specialty) in groups]


def applied_programs(session: Session, profile: Any, plan: Any) -> list[Any]:
    """The programs the interview-season view counts (one set for the Plan tab, Home and the
    PDF): the plan's and any other applied-to program of its specialties, withdrawn left out."""
    ids = plan.program_ids if plan is not None else ()
    return [p for p in evidence_programs(session, profile, ids)
            if p.status not in ("considering", "withdrawn")]


def season_now(session: Session, profile: Any, plan: Any) -> Any:
    """The season's outlook (core.model.season.SeasonOutlook) or None before any evidence."""
    from smartpick_desktop.core.model.season import season_outlook

    if profile is None:
        return None
    outlook = season_outlook(profile, applied_programs(session, profile, plan),
                             plan.signals if plan is not None else {})
    return outlook if outlook.posterior.evidence else None


def evaluate_list(profile: Any, chosen: Sequence[Any], signals: Mapping[int, str], *,
                  posterior: Any = None, seed: int = 0, draws: int | None = None,
                  season: Any = None) -> ListFigures:
    """Figures of the programs ``chosen`` (catalog Programs, in list order) with ``signals``;
    fees on ``season``'s platform rules (core.season; default: the season of today)."""
    from smartpick_desktop.core.model.chances import compute_terms, logistic, program_arrays
    from smartpick_desktop.core.model.constants import load_constants
    from smartpick_desktop.core.model.p_match import (
        DEFAULT_DRAWS,
        factor_draws,
        p_match_by_length,
        p_match_list,
    )
    from smartpick_desktop.core.model.ranking import factor_distribution

    c = load_constants()
    groups = plan_groups(profile)
    counts: dict[str, int] = {}
    for p in chosen:
        g = canonical(p.specialty)
        counts[g] = counts.get(g, 0) + 1
    from smartpick_desktop.core.model.optimizer import is_preliminary, uncertainty_logit
    from smartpick_desktop.core.season import application_fees, season_in_force

    if season is None:
        season = season_in_force(None).season
    breakdown = application_fees(season, {g: counts.get(g, 0) for g in
                                          groups + [g for g in counts if g not in groups]})
    fee = int(sum(line["fee_usd"] for line in breakdown))
    if not chosen:
        return ListFigures(0.0, 0.0, 0.0, 0, breakdown, [])
    dist = factor_distribution(posterior, c) if posterior is not None else None
    sample = factor_draws(draws or DEFAULT_DRAWS, seed, dist, c)
    arr = program_arrays(list(chosen), c)
    terms = compute_terms(profile, arr, signals={int(k): v for k, v in signals.items()},
                          consts=c)
    eta = np.where(terms.eligible, terms.eta(), -50.0)
    mu = np.broadcast_to(np.asarray(terms.match_base, dtype=float), eta.shape)
    prelim = np.array([is_preliminary(p) for p in chosen], dtype=bool)
    cat = ~prelim
    curve = p_match_by_length(eta[cat], mu[cat], sample)
    primary = np.array([canonical(p.specialty) == groups[0] for p in chosen]) & cat
    p_primary = (p_match_by_length(eta[primary], mu[primary], sample)[-1]
                 if primary.any() else 0.0)
    delta = uncertainty_logit(c)

    def p_of(mask: np.ndarray, shift: float = 0.0) -> float:
        if not mask.any():
            return 0.0
        return p_match_list(eta[mask] + shift, mu[mask] + shift, sample)

    def interviews_at(shift: float) -> float:
        return float(logistic(eta[:, None] + shift + sample.u[None, :]).mean(axis=1).sum())

    every = np.ones(eta.size, dtype=bool)
    p_cat = float(curve[-1]) if curve else 0.0
    return ListFigures(p_cat, float(p_primary), interviews_at(0.0), fee, breakdown,
                       [{"applications": k + 1, "p_match": float(v)}
                        for k, v in enumerate(curve)],
                       (p_of(cat, -delta), p_of(cat, delta)), p_of(every),
                       (p_of(every, -delta), p_of(every, delta)),
                       (interviews_at(-delta), interviews_at(delta)))


def inputs_key(profile: Any, plan_ids: Sequence[int], signals: Mapping[int, str],
               programs: Sequence[Any]) -> str:
    """A digest of everything the plan's figures depend on: the profile, the list and its
    signals, the listed programs' data, and the season's evidence (invitations, rejections)."""
    wanted = set(plan_ids)
    listed = sorted(((p.program_id, p.pack_values()) for p in programs
                     if p.program_id in wanted), key=lambda x: x[0])
    evidence = sorted((p.program_id, EVIDENCE[p.status]) for p in programs
                      if p.status in EVIDENCE)
    blob = json.dumps({"profile": _profile_data(profile), "ids": list(plan_ids),
                       "signals": sorted((int(k), v) for k, v in signals.items()),
                       "programs": listed, "evidence": evidence}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _profile_data(profile: Any) -> Any:
    if hasattr(profile, "to_dict"):
        return profile.to_dict()
    return dataclasses.asdict(profile)


def season_posterior_for(profile: Any, programs: Sequence[Any],
                         signals: Mapping[int, str]) -> Any:
    """The applicant-factor posterior the optimizer uses (None before any evidence)."""
    from smartpick_desktop.core.model.season import season_posterior

    post = season_posterior(profile, programs, dict(signals))
    return post if post.evidence else None


@dataclass
class Freshness:
    """What :func:`fresh_plan` found: the plan, whether its figures are out of date (only when
    not refreshed) and whether they were recomputed just now."""

    plan: Any
    stale: bool
    recomputed: bool


def fresh_plan(session: Session, profile: Any = None, *, refresh: bool = True) -> Freshness:
    """The current plan with figures that match today's inputs (recomputed and stored when they
    did not). ``refresh=False`` only reports whether they are stale."""
    from smartpick_desktop.core.plan.saved import current_plan
    from smartpick_desktop.core.profile import load_profile

    plan = current_plan(session)
    profile = profile or load_profile(session)
    if plan is None or profile is None:
        return Freshness(plan, False, False)
    programs = evidence_programs(session, profile, plan.program_ids)
    key = inputs_key(profile, plan.program_ids, plan.signals, programs)
    if plan.details.get("inputs") == key:
        return Freshness(plan, False, False)
    if not refresh:
        return Freshness(plan, True, False)
    store_figures(session, plan.plan_id, profile, programs, key=key)
    return Freshness(current_plan(session), False, True)


def store_figures(session: Session, plan_id: int, profile: Any, programs: Sequence[Any],
                  *, key: str | None = None) -> None:
    """Recompute the figures of the stored list ``plan_id`` and save them with their key."""
    from smartpick_desktop.core.plan.saved import PlanItemRow, PlanRow

    row = session.get(PlanRow, plan_id)
    items = session.scalars(select(PlanItemRow).where(PlanItemRow.plan_id == plan_id)
                            .order_by(PlanItemRow.position)).all()
    ids = [i.program_id for i in items]
    signals = {i.program_id: i.signal for i in items if i.signal}
    by_id = {p.program_id: p for p in programs}
    chosen = [by_id[i] for i in ids if i in by_id]
    details = json.loads(row.details or "{}")
    from smartpick_desktop.core.season import season_in_force

    post = season_posterior_for(profile, programs, signals)
    figures = evaluate_list(profile, chosen, signals, posterior=post,
                            seed=int(details.get("seed", 0) or 0),
                            draws=details.get("draws"),
                            season=season_in_force(session).season)
    row.specialty = canonical(profile.specialty)
    row.backup_specialty = (canonical(profile.backup_specialty)
                            if profile.backup_specialty else None)
    row.p_match = figures.p_match
    row.expected_interviews = figures.expected_interviews
    row.fee_usd = figures.fee_usd
    if details.get("optimized_ids") != ids:
        details["stop_text"] = ""  # the student's own list: the optimizer's reason is gone
    details.update(fee_breakdown=figures.fee_breakdown, curve=figures.curve,
                   p_match_primary=figures.p_match_primary, recomputed=True,
                   p_match_range=list(figures.p_match_range), p_match_any=figures.p_match_any,
                   p_match_any_range=list(figures.p_match_any_range),
                   expected_interviews_range=list(figures.expected_interviews_range),
                   posterior=post is not None, flatten_at=None,
                   inputs=key or inputs_key(profile, ids, signals, programs))
    row.details = json.dumps(details)
    session.flush()
