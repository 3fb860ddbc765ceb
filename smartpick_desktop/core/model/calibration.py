"""Calibration: a synthetic applicant population run through the model's own terms.

Each synthetic applicant (type mix of the NRMP Match) gets a Step 2 CK from the published spread,
research, honors, attempts, years since graduation and US clinical experience, applies to the
typical number of programs for their type (applications.json), chosen as typical applicants
choose them — near their own level with scatter, not by the optimizer — signals its specialty's
allowance, and then the season is **simulated**: a shared factor u per applicant, an interview
drawn at each program, a match drawn at each interview. The simulated PGY-1 match rate per type is
compared with the NRMP rates of the latest shipped year (``published_rates``).

Second target, the match step: a typical US senior in Family Medicine (Step 2 CK at the specialty
mean, 6 research items, 3 clerkship honors) must reproduce the published P(match | k programs
ranked) (NRMP 2011 via the UW advising page: 80% with 1 rank, 84% with 2, nearly all beyond
about 11). ``fit_rank_parameters`` fits the match intercept and the spread of the
interview-performance factor v to those points; ``rank_check`` reports them.

``fit_parameters`` finds the intercept (US MD rate) and the type offsets (the other three) by
bisection with common random numbers; the results are stored in model.json.
``check`` reruns the simulation with the shipped constants and another seed.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from smartpick_desktop.core.model.chances import applicant_strength, friendliness_values, logistic
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.reference import APPLICANT_TYPE_LABELS, APPLICANT_TYPES, load_reference

CHECK_SEED = 7
FIT_SEED = 2025
PER_TYPE = 4000
TOLERANCE = 0.03
RANK_TOLERANCE = 0.04       # points at k = 1 and k = 2 ranks
RANK_FLOOR = 0.97           # "nearly all matched" from k = 11 ranks on
RANK_FIT_FLOOR = 0.972      # the fit holds k = 11 here (a margin above the floor)

# Population assumptions (SmartPick; docs/model.md "Calibration"): shares of applicants with
# each trait, by type. Scores: all types from the published matched-US-MD spread centred 2
# points below the specialty mean (applicants, not only matched ones); type differences beyond
# that are absorbed by the fitted type offsets.
POPULATION = {
    "us_md": {"research": 6.0, "aoa": 0.12, "ghhs": 0.15, "failed": 0.03, "years": (0, 0),
              "usce": (0, 0), "clerkships": 3.0},
    "us_do": {"research": 4.0, "aoa": 0.0, "ghhs": 0.08, "failed": 0.05, "years": (0, 0),
              "usce": (0, 0), "clerkships": 2.5},
    "us_img": {"research": 3.0, "aoa": 0.0, "ghhs": 0.0, "failed": 0.12, "years": (0, 4),
               "usce": (0, 12), "clerkships": 0.0},
    "non_us_img": {"research": 3.0, "aoa": 0.0, "ghhs": 0.0, "failed": 0.10, "years": (0, 6),
                   "usce": (0, 12), "clerkships": 0.0},
}
SCORE_SHIFT = -2.0
SELF_SELECTION = 0.5   # applicants aim at programs 0.5 SD per SD of their own strength
HOME_SHARE = 0.15      # share of applications in the home state
REGION_SHARE = 0.25    # share in other preferred states
MINIMUM_SHARE = 0.3    # share of programs publishing a minimum (15 points below typical)
SIGNALS = 10           # signals per applicant (typical allowance), default multiplier


def calibration_year() -> int:
    """The NRMP Match year whose rates by applicant type the model is fitted to and checked
    against: the latest the reference data ships."""
    return load_reference().latest_match_year


def published_rates() -> tuple[int, dict]:
    """(year, rate Figure by applicant type) the calibration targets."""
    return load_reference().match_rates_for(calibration_year())


@dataclass(frozen=True)
class CheckRow:
    applicant_type: str
    label: str
    model: float
    published: float
    source: str
    applicants: int
    year: int = 0

    @property
    def within(self) -> bool:
        return abs(self.model - self.published) <= TOLERANCE


@dataclass
class _Population:
    """Everything random about one synthetic population (fixed for common random numbers)."""

    quality: np.ndarray      # applicant strength terms excluding the type offset (logit)
    step2_rel: np.ndarray    # (n, k) step2 term vs each program (logit)
    friendly: np.ndarray     # (n, k)
    geo: np.ndarray          # (n, k)
    cutoff: np.ndarray       # (n, k)
    signal: np.ndarray       # (n, k)
    mask: np.ndarray         # (n, k) application made
    z_u: np.ndarray          # (n,) standard normal for u
    z_v: np.ndarray          # (n,) standard normal for v (interview performance)
    r_inv: np.ndarray        # (n, k) uniforms for invites
    r_match: np.ndarray      # (n, k) uniforms for matches
    applicant_type: str = "us_md"


def _population(atype: str, n: int, rng: np.random.Generator, c: ModelConstants) -> _Population:
    from smartpick_desktop.core.profile import Profile

    ref = load_reference()
    k = int(ref.typical_applications[atype].value)
    sd = c.step2_sd
    b = c["strength_slope"]
    spec = POPULATION[atype]
    score_z = rng.standard_normal(n)
    step2 = np.clip(np.round(250 + SCORE_SHIFT + sd * score_z), 196, 300)
    research = rng.poisson(spec["research"], n)
    aoa = rng.random(n) < spec["aoa"]
    ghhs = rng.random(n) < spec["ghhs"]
    failed = (rng.random(n) < spec["failed"]).astype(int)
    years = rng.integers(spec["years"][0], spec["years"][1] + 1, n)
    usce = rng.integers(spec["usce"][0], spec["usce"][1] + 1, n)
    clerk = rng.poisson(spec["clerkships"], n)
    quality = np.empty(n)
    type_offset = c.type_offset(atype)
    for i in range(n):
        honors = (["aoa"] if aoa[i] else []) + (["gold_humanism"] if ghhs[i] else [])
        prof = Profile(applicant_type=atype, step2_ck=int(step2[i]),
                       research_items=int(research[i]), honors=honors,
                       failed_attempts=int(failed[i]), us_clinical_months=int(usce[i]),
                       clerkship_honors=int(clerk[i]))
        prof_years = int(years[i])
        s = applicant_strength(_WithYears(prof, prof_years), c)
        quality[i] = s.total - type_offset
    z_app = (step2 - 250.0) / sd + quality / c["profile_scale"]
    # programs chosen near the applicant's level with scatter (typical behaviour)
    prog_c = SELF_SELECTION * z_app[:, None] + rng.normal(0.0, c["calibration_choice_sd"], (n, k))
    typical = 250.0 + sd * prog_c
    step2_rel = b * (step2[:, None] - typical) / sd
    share_do = rng.beta(1.0, 7.0, (n, k))
    share_img = rng.beta(0.8, 2.4, (n, k))
    friendly = friendliness_values(atype, share_do, share_img, c)
    geo_draw = rng.random((n, k))
    geo = np.where(geo_draw < HOME_SHARE, c["home_state"],
                   np.where(geo_draw < HOME_SHARE + REGION_SHARE, c["preferred_region"], 0.0))
    has_min = rng.random((n, k)) < MINIMUM_SHARE
    cutoff = np.where(has_min & (step2[:, None] < typical - 15), c["below_minimum"], 0.0)
    accepts = rng.random((n, k)) < float(ref.programs_accepting_signals.value)
    order = np.argsort(rng.random((n, k)), axis=1)
    signalled = np.zeros((n, k), dtype=bool)
    np.put_along_axis(signalled, order[:, :SIGNALS], True, axis=1)
    signal = np.where(signalled & accepts, math.log(c.signal_multiplier("signal")), 0.0)
    return _Population(quality, step2_rel, friendly, geo, cutoff, signal,
                       np.ones((n, k), dtype=bool), rng.standard_normal(n),
                       rng.standard_normal(n), rng.random((n, k)), rng.random((n, k)), atype)


class _WithYears:
    """A profile view with a fixed number of years since graduation."""

    def __init__(self, profile, years: int) -> None:
        self._p = profile
        self._years = years

    def __getattr__(self, name):
        return getattr(self._p, name)

    def years_since_graduation(self, today=None) -> int:
        return self._years


def simulate(pop: _Population, intercept: float, type_offset: float,
             c: ModelConstants, match_logit: float | None = None) -> float:
    """Simulated match rate: draw u and v, interviews and matches; matched if any interview
    matches. ``match_logit``: the match step's intercept for this type (default: the shipped
    one plus the type's match offset)."""
    u = pop.z_u[:, None] * c["applicant_factor_sd"]
    v = pop.z_v[:, None] * c["interview_factor_sd"]
    quality = pop.quality[:, None]
    eta = (intercept + type_offset + quality + pop.step2_rel + pop.friendly + pop.geo
           + pop.cutoff + pop.signal)
    m = c.match_logit + c.match_type_offset(pop.applicant_type) if match_logit is None \
        else match_logit
    mu = m + c["match_strength_slope"] * (quality + pop.step2_rel)
    invited = pop.r_inv < logistic(eta + u)
    w = c["match_strength_slope"] * u + v
    matched_here = invited & (pop.r_match < logistic(mu + w)) & pop.mask
    return float(matched_here.any(axis=1).mean())


def _populations(seed: int, per_type: int, c: ModelConstants) -> dict[str, _Population]:
    rng = np.random.default_rng(seed)
    return {t: _population(t, per_type, rng, c) for t in APPLICANT_TYPES}


def check(*, seed: int = CHECK_SEED, per_type: int = PER_TYPE,
          consts: ModelConstants | None = None) -> list[CheckRow]:
    """Run the synthetic population with the shipped constants; model vs published by type."""
    c = consts or load_constants()
    year, rates = published_rates()
    pops = _populations(seed, per_type, c)
    rows = []
    for t in APPLICANT_TYPES:
        rate = simulate(pops[t], c["intercept"], c.type_offset(t), c)
        fig = rates[t]
        rows.append(CheckRow(t, APPLICANT_TYPE_LABELS[t], rate, float(fig.value),
                             fig.cite(), per_type, year))
    return rows


def _bisect(fn, target: float, lo: float, hi: float, iters: int = 40) -> float:
    """x in [lo, hi] with fn(x) ≈ target, for fn non-decreasing."""
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        if fn(mid) < target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def fit_parameters(*, seed: int = FIT_SEED, per_type: int = PER_TYPE,
                   consts: ModelConstants | None = None) -> dict[str, float]:
    """Fit the match step to the published rates (for updating model.json).

    The interview step (intercept, Step 2 CK slope, type offsets) comes from individual
    outcomes (``scripts/fit_model.py``) and is held fixed here. First the Family Medicine rank
    points give sigma_v and the Family Medicine match intercept (``fit_rank_parameters``); then
    the national match intercept reproduces the US MD rate, and one match offset per other
    applicant type its rate; the Family Medicine specialty offset is the difference."""
    c = consts or load_constants()
    rank = fit_rank_parameters(c)
    fm_total = rank.pop("match_intercept")
    c = with_values(c, rank)
    pops = _populations(seed, per_type, c)
    _year, rates = published_rates()
    target = {t: float(rates[t].value) for t in APPLICANT_TYPES}
    a, offsets = c["intercept"], {t: c.type_offset(t) for t in APPLICANT_TYPES}
    m0 = _bisect(lambda x: simulate(pops["us_md"], a, offsets["us_md"], c, x),
                 target["us_md"], -6.0, 12.0)
    out = {**rank, "match_intercept": round(m0, 3), "match_type_offset_us_md": 0.0,
           "match_offset_family_medicine": round(
               fm_total + c.specialty_match_offset("Family Medicine", "us_md") - m0, 3)}
    for t in APPLICANT_TYPES[1:]:
        d = _bisect(lambda x, t=t: simulate(pops[t], a, offsets[t], c, m0 + x), target[t],
                    -10.0, 10.0)
        out[f"match_type_offset_{t}"] = round(d, 3)
    return out


@dataclass(frozen=True)
class RankRow:
    """P(match | k programs ranked), model vs published (Family Medicine US seniors)."""

    ranks: int
    label: str
    model: float
    published: float      # for the "nearly all" point: the floor RANK_FLOOR
    source: str
    at_least: bool        # True: the check is model >= published

    @property
    def within(self) -> bool:
        if self.at_least:
            return self.model >= self.published
        return abs(self.model - self.published) <= RANK_TOLERANCE


def typical_fm_senior():
    """The typical US senior of the Family Medicine rank points (a synthetic profile)."""
    from smartpick_desktop.core.profile import Profile

    spec = load_reference().find_specialty("Family Medicine")
    return Profile(applicant_type="us_md", specialty=spec.name,
                   step2_ck=int(round(float(spec.step2_mean.value))), research_items=6,
                   clerkship_honors=3)


def _rank_targets() -> list[tuple[int, float, bool, str]]:
    apps = load_reference().applications
    one, two = apps["fm_unmatched_rate_1_rank"], apps["fm_unmatched_rate_2_ranks"]
    many = apps["fm_ranks_nearly_all_matched"]
    return [(1, 1.0 - float(one.value), False, one.cite()),
            (2, 1.0 - float(two.value), False, two.cite()),
            (int(many.value), RANK_FLOOR, True, many.cite())]


def _typical_mu(c: ModelConstants) -> float:
    from smartpick_desktop.core.model.chances import applicant_strength

    s = applicant_strength(typical_fm_senior(), c)
    return (c.match_logit + c.specialty_match_offset("Family Medicine", "us_md")
            + c["match_strength_slope"] * s.quality)


def rank_check(consts: ModelConstants | None = None) -> list[RankRow]:
    """The model's P(match | k ranks) for the typical Family Medicine US senior vs published."""
    from smartpick_desktop.core.model.p_match import p_match_given_k

    c = consts or load_constants()
    mu = _typical_mu(c)
    rows = []
    for k, published, at_least, source in _rank_targets():
        model = p_match_given_k(mu, [k], c)[0]
        label = (f"Family Medicine US seniors ranking {k} program{'s' if k > 1 else ''}"
                 + (" (nearly all matched)" if at_least else ""))
        rows.append(RankRow(k, label, model, published, source, at_least))
    return rows


def fit_rank_parameters(consts: ModelConstants | None = None) -> dict[str, float]:
    """Fit ``match_intercept`` and ``interview_factor_sd`` to the Family Medicine rank points:
    for each sigma_v (a grid from 0 to 4 by 0.1, then by 0.01 around the best) the intercept
    that puts k = 11 at RANK_FIT_FLOOR, keeping the sigma_v whose k = 1 and k = 2 points are
    closest to the published ones (largest error)."""
    c = consts or load_constants()
    targets = _rank_targets()
    k_many = targets[2][0]
    offset = _typical_mu(c) - c.match_logit
    x, wts = np.polynomial.hermite_e.hermegauss(48)
    wts = wts / wts.sum()
    tau = c["match_strength_slope"] * c["applicant_factor_sd"]

    def p_k(mu: float, sd_v: float, k: int) -> float:
        q = logistic(mu + x * math.hypot(tau, sd_v))
        return float(np.dot(1 - (1 - q) ** k, wts))

    def fit_at(sd_v: float) -> tuple[float, float]:
        m = _bisect(lambda v: p_k(v + offset, sd_v, k_many), RANK_FIT_FLOOR, -4.0, 12.0, 50)
        err = max(abs(p_k(m + offset, sd_v, 1) - targets[0][1]),
                  abs(p_k(m + offset, sd_v, 2) - targets[1][1]))
        return err, m

    coarse = min(np.arange(0.0, 4.0001, 0.1), key=lambda sd: fit_at(float(sd))[0])
    fine = [round(float(sd), 2) for sd in np.arange(coarse - 0.1, coarse + 0.1001, 0.01)
            if sd >= 0]
    best = min(fine, key=lambda sd: fit_at(sd)[0])
    # match_intercept here: the whole Family Medicine match intercept (national intercept plus
    # the specialty's offset); fit_parameters splits it.
    return {"match_intercept": round(fit_at(best)[1], 3), "interview_factor_sd": best}


def with_values(c: ModelConstants, values: dict[str, float]) -> ModelConstants:
    """A copy of the constants with some values replaced (for fitting and sensitivity)."""
    figs = dict(c.figures)
    for key, value in values.items():
        figs[key] = dataclasses.replace(figs[key], value=value)
    return ModelConstants(figs)
