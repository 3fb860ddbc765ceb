"""The ranked program list: fit, chance of interview, tier and the reasons behind each.

Rank score = c × 100 × P(interview) + (1 − c) × fit, where c is the profile's ``chance`` weight
as a share of all its weights; ineligible programs come last.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import (
    FactorDistribution,
    ProgramArrays,
    Terms,
    compute_terms,
    expected_chance,
    prior_factor,
    program_arrays,
)
from smartpick_desktop.core.model.constants import (
    AVERAGE_SPECIALTY,
    ModelConstants,
    load_constants,
)
from smartpick_desktop.core.model.fit import FitResult, compute_fit
from smartpick_desktop.core.model.tiers import tier_of, tiers_for
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.words import plural

SIGNAL_WORDS = {"gold": "gold signal", "silver": "silver signal", "signal": "signal"}


@dataclass
class RankedProgram:
    """One program in the ranked list (see docs/model.md). Treated as read-only; not frozen
    because every re-rank builds one per program (15,000) and a frozen dataclass is built three
    times slower."""

    program: Any  # core.catalog.program.Program
    rank: int
    fit: float
    p_interview: float
    p_interview_signal: float
    tier: str
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    fit_reasons: list[str] = field(default_factory=list)
    signal: str | None = None          # the current signal level on this program, if any
    factors: tuple[Factor, ...] = ()   # the logit terms the reasons are made from


@dataclass(frozen=True)
class Factor:
    """One explained term of the interview log-odds."""

    key: str
    logit: float
    text: str

    def sentence(self) -> str:
        word = "raises" if self.logit > 0 else "lowers"
        return f"{self.text}: {word} the odds ×{math.exp(self.logit):.2f}"


@dataclass
class Scores:
    """Vectorised scores of a program list (no Python objects per program)."""

    arrays: ProgramArrays
    terms: Terms
    fit: FitResult
    p_interview: np.ndarray
    p_interview_signal: np.ndarray
    p_interview_none: np.ndarray
    score: np.ndarray
    order: np.ndarray
    tiers: np.ndarray


def factor_distribution(posterior: Any, consts: ModelConstants) -> FactorDistribution:
    """The distribution of u to average over: the posterior if given, else the prior."""
    if posterior is None:
        return prior_factor(consts)
    if isinstance(posterior, FactorDistribution):
        return posterior
    return posterior.factor


def score_programs(profile: Any, programs: Sequence[Any], *,
                   signalled: Collection[int] | Mapping[int, str] = (),
                   posterior: Any = None, consts: ModelConstants | None = None) -> Scores:
    """Score every program at once (NumPy)."""
    c = consts or load_constants()
    arr = program_arrays(programs, c)
    terms = compute_terms(profile, arr, signals=signalled, consts=c)
    dist = factor_distribution(posterior, c)
    n = arr.n
    eta_none = terms.eta(False)
    stacked = expected_chance(np.concatenate([terms.eta(True), eta_none]), dist)
    # the current choice differs from "no signal" only at the signalled programs
    current = stacked[n:].copy()
    chosen = np.flatnonzero(terms.signal)
    if chosen.size:
        current[chosen] = expected_chance(eta_none[chosen] + terms.signal[chosen], dist)
    elig = terms.eligible
    p = np.where(elig, current, 0.0)
    p_sig = np.where(elig, np.maximum(stacked[:n], p), 0.0)
    p_none = np.where(elig, stacked[n:], 0.0)
    fit = compute_fit(profile, programs, arr)
    weights = getattr(profile, "weights", {}) or {}
    total = sum(max(0.0, float(v)) for v in weights.values())
    wc = max(0.0, float(weights.get("chance", 0.0))) / total if total > 0 else 0.5
    score = wc * 100.0 * p + (1 - wc) * fit.fit
    score = np.where(elig, score, -1.0 + fit.fit / 1000.0)
    order = np.lexsort((np.arange(n), -score))
    return Scores(arr, terms, fit, p, p_sig, p_none, score, order, tiers_for(p, elig, c))


def _specialty_text(specialty: str, offset: float, consts: ModelConstants) -> str:
    """Why a specialty's programs invite a smaller (or larger) share of their applicants."""
    share = "smaller" if offset < 0 else "larger"
    head = f"{specialty} programs invite a {share} share of their applicants than the average "
    found = load_reference().find_specialty(specialty)
    if consts.interview_level_basis(specialty) == "survey" and found is not None \
            and found.survey is not None:
        own = found.survey
        avg = load_reference().specialties[AVERAGE_SPECIALTY].survey
        return (head + f"specialty, {AVERAGE_SPECIALTY}: US seniors sent a median "
                f"{own.applications.value} applications for {own.interviews.value} interview "
                f"offers, against {avg.applications.value} for {avg.interviews.value} "
                f"({own.applications.source.label()}; an estimate)")
    fig = consts.figure("interview_survey_applications_surgery")
    return (head + f"specialty (applicants sent "
            f"{consts['interview_survey_applications_surgery']:.0f} applications instead of "
            f"{consts['interview_survey_applications_average']:.0f} for about the same "
            f"interviews; {fig.source.label()}, an estimate)")


def chance_factors(terms: Terms, arr: ProgramArrays, i: int,
                   consts: ModelConstants) -> list[Factor]:
    """The explained log-odds terms of program ``i``, strongest first."""
    out: list[Factor] = []
    s = terms.strength
    typical = int(round(float(arr.typical[i])))
    est = " (estimated by the model)" if arr.typical_estimated[i] else ""
    if s.step2 is None:
        text = (f"No Step 2 CK yet: taken as the specialty mean, vs this program's typical "
                f"matched resident {typical}{est}")
    else:
        diff = int(round(s.step2 - float(arr.typical[i])))
        who = "Your expected Step 2 CK" if s.step2_expected else "Your Step 2 CK"
        rel = ("equal to" if diff == 0 else
               f"{plural(abs(diff), 'point')} {'above' if diff > 0 else 'below'}")
        text = (f"{who} {int(s.step2)} is {rel} this program's typical matched resident "
                f"({typical}{est})")
    out.append(Factor("step2", float(terms.step2[i]), text))
    if terms.specialty[i]:
        out.append(Factor("specialty", float(terms.specialty[i]), _specialty_text(
            arr.specialty[i], float(terms.specialty[i]), consts)))
    for t in s.terms:
        out.append(Factor(t.key, t.logit, t.text))
    f = float(terms.friendliness[i])
    if f:
        if s.applicant_type == "us_do":
            share, kind, base = arr.share_do[i], "DO", consts["baseline_share_do"]
        else:
            share, kind, base = arr.share_img[i], "IMG", consts["baseline_share_img"]
        out.append(Factor("friendliness", f, f"Program takes {share * 100:.0f}% {kind} "
                          f"residents (typical {base * 100:.0f}%)"))
    if terms.home[i]:
        out.append(Factor("home", float(terms.home[i]), f"In your home state ({arr.state[i]})"))
    if terms.region[i]:
        out.append(Factor("region", float(terms.region[i]),
                          f"In your preferred states ({arr.state[i]})"))
    if terms.cutoff[i]:
        out.append(Factor("cutoff", float(terms.cutoff[i]), "Below the program's published "
                          f"minimum Step 2 CK ({int(arr.min_step2[i])})"))
    lvl = terms.levels[i]
    if lvl is not None:
        fig = consts.signal_figure(lvl)
        out.append(Factor("signal", float(terms.signal[i]),
                          f"Your {SIGNAL_WORDS[lvl]} ({fig.source.label()})"))
    out = [x for x in out if x.logit != 0.0]
    out.sort(key=lambda x: -abs(x.logit))
    return out


def explain(scores: Scores, i: int, consts: ModelConstants,
            factors: Sequence[Factor] | None = None) -> list[str]:
    """Plain sentences for program ``i``: eligibility, then factors, then the signal's effect."""
    terms, arr = scores.terms, scores.arrays
    if not terms.eligible[i]:
        return [f"{terms.ineligible_reason[i]}: chance 0%"]
    if factors is None:
        factors = chance_factors(terms, arr, i, consts)
    reasons = [f.sentence() for f in factors]
    if terms.levels[i] is None:
        if arr.accepts_signals[i]:
            word = SIGNAL_WORDS[terms.best_level]
            reasons.append(f"A {word} would raise the chance of an interview from "
                           f"{scores.p_interview[i] * 100:.0f}% to "
                           f"{scores.p_interview_signal[i] * 100:.0f}%")
        else:
            reasons.append("Does not accept preference signals")
    return reasons


def rank_programs(profile: Any, programs: Sequence[Any], *,
                  signalled: Collection[int] | Mapping[int, str] = (),
                  posterior: Any = None) -> list[RankedProgram]:
    """Rank programs for this profile, best first, ineligible last.

    ``signalled``: program ids the student signals (or a mapping id -> "gold"/"silver"/"signal").
    ``posterior``: an interview-season posterior (core.model.season) or None for the prior.
    """
    c = load_constants()
    sc = score_programs(profile, programs, signalled=signalled, posterior=posterior, consts=c)
    out = []
    fit = sc.fit.fit
    for rank, i in enumerate(sc.order.tolist(), start=1):
        factors = tuple(chance_factors(sc.terms, sc.arrays, i, c)) if sc.terms.eligible[i] else ()
        out.append(RankedProgram(
            program=programs[i], rank=rank, fit=float(fit[i]),
            p_interview=float(sc.p_interview[i]),
            p_interview_signal=float(sc.p_interview_signal[i]), tier=str(sc.tiers[i]),
            eligible=bool(sc.terms.eligible[i]), reasons=explain(sc, i, c, factors),
            fit_reasons=sc.fit.reasons(i, programs[i], profile), signal=sc.terms.levels[i],
            factors=factors))
    return out


__all__ = ["Factor", "RankedProgram", "Scores", "rank_programs", "score_programs", "tier_of"]
