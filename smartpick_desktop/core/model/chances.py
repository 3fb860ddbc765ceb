"""Applicant strength, program competitiveness and the chance of an interview, vectorised.

The log-odds of an interview at program p (docs/model.md, section 3):

    eta_p = intercept + specialty_p + step2_p + profile + type + friendliness_p + home_p + region_p
            + cutoff_p + signal_p + u

Each term is kept apart (:class:`Terms`) so it can be explained as a sentence with its size.
``u`` is the shared applicant factor; chances shown to the student average over its
distribution (prior, or the interview-season posterior).
"""

from __future__ import annotations

import copy
import math
import operator
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.words import plural

SIGNAL_LEVELS = ("gold", "silver", "signal")


def logistic(x: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-x), clipped so that exp never overflows."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -500.0, 500.0)))


@dataclass(frozen=True)
class ProfileTerm:
    """One part of the applicant's strength, in log-odds, with its sentence."""

    key: str
    logit: float
    text: str


@dataclass(frozen=True)
class Strength:
    """What the applicant brings, independent of the program."""

    applicant_type: str
    step2: float | None
    step2_expected: bool
    terms: tuple[ProfileTerm, ...]  # research, honors, failed attempts, years, USCE, type
    step2_from_comlex: int | None = None  # the COMLEX Level 2-CE score Step 2 was mapped from

    @property
    def total(self) -> float:
        return float(sum(t.logit for t in self.terms))

    @property
    def quality(self) -> float:
        """Strength terms that programs also weigh after the interview (not the type offset:
        the match step has its own, ``match_type_offset_*``)."""
        return float(sum(t.logit for t in self.terms if t.key != "type"))


def comlex_to_step2(comlex: float, consts: ModelConstants | None = None) -> float:
    """The Step 2 CK a COMLEX Level 2-CE score stands for (linear concordance, model.json
    ``comlex_to_step2_slope`` / ``_intercept``; rounded, clipped to 180–290)."""
    c = consts or load_constants()
    value = c["comlex_to_step2_intercept"] + c["comlex_to_step2_slope"] * float(comlex)
    return float(min(290.0, max(180.0, round(value))))


def applicant_strength(profile: Any, consts: ModelConstants | None = None) -> Strength:
    """Profile terms of the log-odds (same for every program)."""
    c = consts or load_constants()
    b = c["profile_scale"]
    terms: list[ProfileTerm] = []
    research = max(0, int(getattr(profile, "research_items", 0) or 0))
    if research:
        v = b * c["research_per_log_item"] * math.log1p(research)
        terms.append(ProfileTerm("research", v, plural(research, "research item")))
    honors = list(getattr(profile, "honors", []) or [])
    hv = sum(c[f"honor_{h}"] for h in honors if f"honor_{h}" in c.figures)
    if hv:
        names = {"aoa": "AOA", "gold_humanism": "Gold Humanism", "sigma_sigma_phi": "Sigma Sigma Phi"}
        terms.append(ProfileTerm("honors", b * hv,
                                 "Honors: " + ", ".join(names.get(h, h) for h in honors)))
    clerk = min(8, max(0, int(getattr(profile, "clerkship_honors", 0) or 0)))
    if clerk:
        terms.append(ProfileTerm("clerkships", b * c["clerkship_honor"] * clerk,
                                 plural(clerk, "clerkship honor")))
    failed = max(0, int(getattr(profile, "failed_attempts", 0) or 0))
    if failed:
        terms.append(ProfileTerm("failed", -b * c["failed_attempt"] * failed,
                                 plural(failed, "failed exam attempt")))
    years_fn = getattr(profile, "years_since_graduation", None)
    years = int(years_fn()) if callable(years_fn) else 0
    extra = max(0, years - int(c["years_grace"]))
    if extra:
        terms.append(ProfileTerm("years", -b * c["year_since_graduation"] * extra,
                                 plural(years, "year") + " since graduation"))
    atype = getattr(profile, "applicant_type", "us_md")
    if atype in ("us_img", "non_us_img"):
        months = min(12, max(0, int(getattr(profile, "us_clinical_months", 0) or 0)))
        if months:
            terms.append(ProfileTerm("usce", b * c["usce_per_month"] * months,
                                     plural(months, "month") + " of US clinical experience"))
    offset = c.type_offset(atype)
    if offset:
        labels = {"us_do": "US DO", "us_img": "US IMG", "non_us_img": "non-US IMG"}
        terms.append(ProfileTerm("type", offset, f"Applying as {labels.get(atype, atype)} "
                                 f"({c.figure(f'type_offset_{atype}').source.label()})"))
    step2_fn = getattr(profile, "step2_for_model", None)
    step2 = step2_fn if not callable(step2_fn) else step2_fn()
    comlex = None
    if step2 is None and getattr(profile, "comlex_level2", None) is not None:
        comlex = int(profile.comlex_level2)
        step2 = comlex_to_step2(comlex, c)
    return Strength(atype, None if step2 is None else float(step2),
                    bool(getattr(profile, "step2_is_expected", False)), tuple(terms), comlex)


# --- programs --------------------------------------------------------------------------------

@dataclass
class ProgramArrays:
    """Columns of a program list as NumPy arrays (NaN where unknown)."""

    programs: Sequence[Any]
    ids: list[int | None]
    specialty: list[str]
    state: list[str | None]
    typical: np.ndarray            # typical Step 2 CK of matched residents (known or estimated)
    typical_estimated: np.ndarray  # bool
    specialty_mean: np.ndarray
    min_step2: np.ndarray
    share_do: np.ndarray
    share_img: np.ndarray
    visa_j1: list[bool | None]
    visa_h1b: list[bool | None]
    accepts_signals: np.ndarray    # bool (unknown counts as accepting: 93% do)
    setting: Sequence[str | None] = ()
    positions: np.ndarray | None = None
    latitude: np.ndarray | None = None
    longitude: np.ndarray | None = None
    reputation: np.ndarray | None = None
    stars: np.ndarray | None = None
    grad_year_cutoff: np.ndarray | None = None      # NaN where the program states none
    max_failed_attempts: np.ndarray | None = None   # NaN where the program states none
    spec_index: np.ndarray | None = None  # index of each program's specialty in spec_names
    spec_names: list[str] = field(default_factory=list)
    n: int = field(init=False)

    def __post_init__(self) -> None:
        self.n = len(self.programs)

    def with_programs(self, programs: Sequence[Any]) -> ProgramArrays:
        """These arrays for the caller's own sequence of the same programs (returns self)."""
        self.programs = programs
        return self

    def in_states(self, states: Collection[str | None]) -> np.ndarray:
        """Whether each program is in one of ``states`` (unknown states never are)."""
        return self._isin("state", [s for s in states if s is not None])

    def in_settings(self, settings: Collection[str | None]) -> np.ndarray:
        """Whether each program's setting is one of ``settings`` (None: unknown)."""
        return self._isin("setting", settings)

    def _isin(self, name: str, values: Collection[Any]) -> np.ndarray:
        """Vectorized membership test on a column of short texts: each distinct value gets a
        code once per column, then the test runs on the integer codes."""
        cache = self.__dict__.setdefault("_code_cache", {})
        if name not in cache:
            cache[name] = _codes(list(getattr(self, name)))
        names, index = cache[name]
        code = {value: i for i, value in enumerate(names)}
        wanted = [code[v] for v in values if v in code]
        return np.isin(index, wanted) if wanted else np.zeros(len(index), dtype=bool)


def _codes(column: list[Any]) -> tuple[list[Any], np.ndarray]:
    """(distinct values in first-seen order, each row's index into them)."""
    names = list(dict.fromkeys(column))
    code = {value: i for i, value in enumerate(names)}
    return names, np.fromiter(map(code.__getitem__, column), np.int64, len(column))


def _specialty_mean(name: str, cache: dict[str, float]) -> float:
    if name not in cache:
        spec = load_reference().find_specialty(name or "")
        mean = spec.step2_mean if spec else None
        cache[name] = float(mean.value) if mean is not None else float(
            load_reference().applications["step2_overall_mean"].value)
    return cache[name]


_COLUMN_NAMES = ("program_id", "specialty", "state", "visa_j1", "visa_h1b", "typical_step2",
                 "min_step2", "share_do", "share_img", "share_md", "positions", "setting",
                 "signals_accepted", "latitude", "longitude", "reputation", "stars",
                 "grad_year_cutoff", "max_failed_attempts")
_GETTERS = tuple(operator.attrgetter(name) for name in _COLUMN_NAMES)


# The last list read with the shipped constants: (the programs, their ids, the arrays). Program
# objects are never changed in place (an edit reloads or replaces the object), so the same
# objects give the same columns; holding them keeps their ids from being reused.
_last: tuple[tuple[Any, ...], tuple[int, ...], ProgramArrays] | None = None


def program_arrays(programs: Sequence[Any], consts: ModelConstants | None = None, *,
                   between: Callable[[], None] | None = None) -> ProgramArrays:
    """Extract the model's columns; estimate competitiveness where no typical score is known.

    Re-ranking the same program objects (a new profile or signal choice) reuses the columns
    read last time with the shipped constants. ``between()``, if given, is called after each
    column is read (a worker thread lets the GUI thread run there)."""
    global _last
    shipped = consts is None or consts is load_constants()
    if not shipped:
        return _read_arrays(programs, consts, between)
    ids = tuple(map(id, programs))
    last = _last
    if last is not None and last[1] == ids:
        return copy.copy(last[2]).with_programs(programs)
    arr = _read_arrays(programs, load_constants(), between)
    _last = (tuple(programs), ids, arr)
    return arr


def _read_arrays(programs: Sequence[Any], c: ModelConstants,
                 between: Callable[[], None] | None = None) -> ProgramArrays:
    sd = c.step2_sd
    n = len(programs)
    # one C-level pass per column (faster than a tuple per program transposed)
    col = {}
    for name, get in zip(_COLUMN_NAMES, _GETTERS, strict=True):
        col[name] = list(map(get, programs))
        if between is not None:
            between()

    def floats(name: str) -> np.ndarray:
        return np.array(col[name], dtype=float) if n else np.zeros(0)

    means: dict[str, float] = {}
    specs = list(col["specialty"])
    spec_names, spec_index = _codes(specs)
    spec_mean = (np.array([_specialty_mean(s, means) for s in spec_names], dtype=float)[spec_index]
                 if n else np.zeros(0))
    typical, min_s2 = floats("typical_step2"), floats("min_step2")
    sdo, simg, smd, pos = (floats("share_do"), floats("share_img"), floats("share_md"),
                           floats("positions"))
    setting = col["setting"]
    uni, com = c["estimate_setting_university"], c["estimate_setting_community"]
    kinds = np.array(setting, dtype=object)
    setting_adj = np.where(kinds == "university", uni, np.where(kinds == "community", com, 0.0))
    # unknown (None) counts as accepting; only an explicit False does not
    accepts = np.not_equal(np.array(col["signals_accepted"], dtype=object), False)
    ids, states = list(col["program_id"]), list(col["state"])
    j1, h1b = list(col["visa_j1"]), list(col["visa_h1b"])
    estimated = np.isnan(typical)
    if estimated.any():
        md = np.where(np.isnan(smd), 0.6, smd) - 0.6
        size = np.clip(c["estimate_size"] * (np.where(np.isnan(pos), 10.0, pos) - 10.0), -0.2, 0.2)
        est = spec_mean + sd * (setting_adj + c["estimate_md_share"] * md + size)
        typical = np.where(estimated, np.round(est), typical)
    stars = np.nan_to_num(floats("stars"), nan=0.0)
    return ProgramArrays(programs, ids, specs, states, typical, estimated, spec_mean, min_s2,
                         sdo, simg, j1, h1b, accepts, setting, pos, floats("latitude"),
                         floats("longitude"), floats("reputation"), stars,
                         floats("grad_year_cutoff"), floats("max_failed_attempts"),
                         spec_index, spec_names)


# --- terms -----------------------------------------------------------------------------------

@dataclass
class Terms:
    """Per-program log-odds terms (arrays of length n) plus the constant parts."""

    intercept: float
    strength: Strength
    step2: np.ndarray
    friendliness: np.ndarray
    home: np.ndarray
    region: np.ndarray
    cutoff: np.ndarray
    signal: np.ndarray       # with the current signal choice
    signal_best: np.ndarray  # log multiplier of the best signal the program could get
    eligible: np.ndarray
    ineligible_reason: list[str | None]
    best_level: str          # "gold" or "signal"
    levels: list[str | None]  # current signal level per program
    match_base: np.ndarray   # match log-odds after an interview, without u
    specialty: np.ndarray    # the specialty's interview offset (0 for the average specialty)

    def eta(self, with_signal: bool | None = None) -> np.ndarray:
        """Interview log-odds without u; ``with_signal`` True = best signal, False = none."""
        base = (self.intercept + self.specialty + self.strength.total + self.step2
                + self.friendliness + self.home + self.region + self.cutoff)
        if with_signal is None:
            return base + self.signal
        return base + (self.signal_best if with_signal else 0.0)


def friendliness_values(atype: str, share_do: np.ndarray, share_img: np.ndarray,
                        c: ModelConstants) -> np.ndarray:
    """Applicant-type friendliness: weight × log((share + 0.02) / (baseline + 0.02)); 0 for US MD
    applicants and where the program's share is unknown."""
    if atype == "us_do":
        share, base = share_do, c["baseline_share_do"]
    elif atype in ("us_img", "non_us_img"):
        share, base = share_img, c["baseline_share_img"]
    else:
        return np.zeros(np.shape(share_do))
    eps = 0.02
    known = ~np.isnan(share)
    vals = c["friendliness_weight"] * np.log((np.clip(np.where(known, share, base), 0, 1) + eps)
                                             / (base + eps))
    return np.where(known, vals, 0.0)


def _friendliness(atype: str, arr: ProgramArrays, c: ModelConstants) -> np.ndarray:
    return friendliness_values(atype, arr.share_do, arr.share_img, c)


def visa_block(visa: str, j1: bool | None, h1b: bool | None) -> str | None:
    """Why a program cannot take this applicant's visa, or None."""
    if visa == "j1" and j1 is False:
        return "Does not sponsor J-1 visas — you need one, so you cannot match here"
    if visa == "h1b" and h1b is False:
        return "Does not sponsor H-1B visas — you need one, so you cannot match here"
    return None


def img_block(profile: Any, program: Any) -> str | None:
    """Why a program's graduation-year cutoff or failed-attempt limit rules this applicant
    out, or None (unknown limits and unknown profile values never rule anyone out)."""
    cutoff = getattr(program, "grad_year_cutoff", None)
    year = getattr(profile, "graduation_year", None)
    if cutoff is not None and year is not None and year < cutoff:
        return (f"Accepts graduates from {cutoff} on — you graduated in {year}, so this "
                "program will not consider you")
    limit = getattr(program, "max_failed_attempts", None)
    failed = getattr(profile, "failed_attempts", 0) or 0
    if limit is not None and failed > limit:
        allowed = ("no failed exam attempts" if limit == 0 else
                   f"at most {limit} failed exam attempt{'s' if limit != 1 else ''}")
        return (f"Accepts {allowed} — you have {failed}, so this program will not consider "
                "you")
    return None


def _limits_block(profile: Any, arr: ProgramArrays) -> np.ndarray:
    """Programs whose graduation-year cutoff or failed-attempt limit may rule the applicant out
    (vectorised; ``img_block`` then gives the reason)."""
    out = np.zeros(arr.n, dtype=bool)
    year = getattr(profile, "graduation_year", None)
    failed = getattr(profile, "failed_attempts", 0) or 0
    if year is not None and arr.grad_year_cutoff is not None:
        cut = arr.grad_year_cutoff
        out |= ~np.isnan(cut) & (year < np.nan_to_num(cut, nan=-1e9))
    if failed and arr.max_failed_attempts is not None:
        lim = arr.max_failed_attempts
        out |= ~np.isnan(lim) & (failed > np.nan_to_num(lim, nan=1e9))
    return out


def compute_terms(profile: Any, arr: ProgramArrays, *,
                  signals: Mapping[int, str] | Sequence[int] = (),
                  consts: ModelConstants | None = None) -> Terms:
    """All terms for one profile against the programs in ``arr``."""
    c = consts or load_constants()
    strength = applicant_strength(profile, c)
    b, sd = c["strength_slope"], c.step2_sd
    score = strength.step2
    if score is None:
        # no score yet: treated as the specialty mean of matched residents
        step2 = b * (arr.specialty_mean - arr.typical) / sd
        below = np.zeros(arr.n, dtype=bool)
    else:
        step2 = b * (score - arr.typical) / sd
        below = ~np.isnan(arr.min_step2) & (score < arr.min_step2)
    cutoff = np.where(below, c["below_minimum"], 0.0)
    home_state = getattr(profile, "home_state", None)
    preferred = set(getattr(profile, "preferred_states", []) or [])
    home = arr.in_states([home_state])
    region = arr.in_states(preferred) & ~home
    visa = getattr(profile, "visa", "none") or "none"
    reasons: list[str | None] = [None] * arr.n
    eligible = np.ones(arr.n, dtype=bool)
    if visa != "none":
        for i in range(arr.n):
            why = visa_block(visa, arr.visa_j1[i], arr.visa_h1b[i])
            if why:
                reasons[i] = why
                eligible[i] = False
    for i in np.flatnonzero(_limits_block(profile, arr) & eligible):
        why = img_block(profile, arr.programs[i])
        if why:
            reasons[i] = why
            eligible[i] = False
    # signals
    if isinstance(signals, Mapping):
        chosen = {int(k): str(v) for k, v in signals.items()}
    else:
        chosen = {int(k): "signal" for k in signals}
    tiered = _tiered(arr)
    best_level = "gold" if tiered.any() else "signal"
    tiered_arr = tiered
    log_best = np.where(arr.accepts_signals,
                        np.where(tiered_arr, math.log(c.signal_multiplier("gold")),
                                 math.log(c.signal_multiplier("signal"))), 0.0)
    sig = np.zeros(arr.n)
    levels: list[str | None] = [None] * arr.n
    if chosen:
        for i, pid in enumerate(arr.ids):
            lvl = chosen.get(pid) if pid is not None else None
            if lvl is not None and arr.accepts_signals[i]:
                if lvl == "signal" and tiered[i]:
                    lvl = "gold"
                if lvl in ("gold", "silver") and not tiered[i]:
                    lvl = "signal"
                sig[i] = math.log(c.signal_multiplier(lvl))
                levels[i] = lvl
    quality = strength.quality + step2
    match_base = (c.match_logit + c.match_type_offset(strength.applicant_type)
                  + _specialty_match_offsets(arr, strength.applicant_type, c)
                  + c["match_strength_slope"] * quality)
    return Terms(c["intercept"], strength, step2, _friendliness(strength.applicant_type, arr, c),
                 np.where(home, c["home_state"], 0.0), np.where(region, c["preferred_region"], 0.0),
                 cutoff, sig, log_best, eligible, reasons, best_level, levels, match_base,
                 _specialty_interview_offsets(arr, c))


def _by_specialty(arr: ProgramArrays, value: Any, dtype: Any = float) -> np.ndarray:
    """``value(specialty)`` for each program, computed once per specialty."""
    if arr.n == 0:
        return np.zeros(0, dtype=dtype)
    if arr.spec_index is None:
        return np.array([value(name) for name in arr.specialty], dtype=dtype)
    return np.array([value(name) for name in arr.spec_names], dtype=dtype)[arr.spec_index]


def _specialty_interview_offsets(arr: ProgramArrays, c: ModelConstants) -> np.ndarray:
    """The interview step's specialty offset of each program (0 for the average specialty)."""
    return _by_specialty(arr, lambda name: c.specialty_interview_offset(name or ""))


def _specialty_match_offsets(arr: ProgramArrays, atype: str, c: ModelConstants) -> np.ndarray:
    """The match step's specialty offset of each program (0 where none is fitted)."""
    return _by_specialty(arr, lambda name: c.specialty_match_offset(name or "", atype))


def _specialty_tiered(name: str) -> bool:
    spec = load_reference().find_specialty(name or "")
    return bool(spec and spec.signals_gold > 0) or _season_tiered(name)


def _tiered(arr: ProgramArrays) -> np.ndarray:
    """Whether each program's specialty signals in tiers (gold and silver)."""
    return _by_specialty(arr, _specialty_tiered, bool)


def _season_tiered(name: str) -> bool:
    """True when the shipped season of today's date gives the specialty gold signals (e.g.
    OB/GYN on ResidencyCAS, 3 gold + 15 silver)."""
    from smartpick_desktop.core.season import season_in_force, specialty_season

    return "gold" in specialty_season(season_in_force(None).season, name or "").signals


# --- the shared applicant factor u -----------------------------------------------------------

@dataclass(frozen=True)
class FactorDistribution:
    """A discrete distribution over u: nodes and weights (sum 1)."""

    nodes: np.ndarray
    weights: np.ndarray

    @property
    def mean(self) -> float:
        return float(np.dot(self.nodes, self.weights))

    @property
    def sd(self) -> float:
        m = self.mean
        return float(math.sqrt(max(0.0, np.dot((self.nodes - m) ** 2, self.weights))))

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n draws (for Monte Carlo); continuous jitter within the grid spacing."""
        idx = rng.choice(len(self.nodes), size=n, p=self.weights)
        step = float(self.nodes[1] - self.nodes[0]) if len(self.nodes) > 1 else 0.0
        return self.nodes[idx] + (rng.random(n) - 0.5) * step


def prior_factor(consts: ModelConstants | None = None, n: int = 12) -> FactorDistribution:
    """Gauss–Hermite nodes for u ~ Normal(0, tau^2)."""
    c = consts or load_constants()
    x, w = np.polynomial.hermite_e.hermegauss(n)
    return FactorDistribution(x * c["applicant_factor_sd"], w / w.sum())


def interview_factor(consts: ModelConstants | None = None, n: int = 16) -> FactorDistribution:
    """Gauss–Hermite nodes for v ~ Normal(0, sigma_v^2), the interview-performance factor of the
    match step (docs/model.md, section 2)."""
    c = consts or load_constants()
    x, w = np.polynomial.hermite_e.hermegauss(n)
    return FactorDistribution(x * c["interview_factor_sd"], w / w.sum())


def expected_chance(eta: np.ndarray, dist: FactorDistribution) -> np.ndarray:
    """E_u[logistic(eta + u)] for each entry of ``eta``."""
    if eta.size == 0:
        return np.zeros(0)
    # einsum, not BLAS: threaded BLAS mat-vecs stall on a busy machine
    return np.einsum("ij,j->i", logistic(eta[:, None] + dist.nodes[None, :]), dist.weights)
