"""The list optimizer: which programs to apply to, and where the signals go.

Method (docs/model.md, "Optimizer"): lazy greedy with common random numbers.

- Items are (program, signal level) pairs: no signal, or a signal of a level the program's
  specialty has (gold/silver where it has tiers, else "signal") if the program accepts signals.
- The objective of a list S is P(match) = mean over draws d of 1 − Π_{i∈S}(1 − a_i(d)), with
  a_i(d) = logistic(eta_i + u_d) · logistic(mu_i + u_d + v_d); the greedy adds, at each step,
  the item with the largest fit-weighted marginal gain w_i · mean_d(miss_d · a_i(d)), with
  w_i = 0.5 + 0.5·fit_i/100, then drops the program's other items and the signal it used.
- Bounds: the draws are grouped into cells (16 equal-count bins of u × 32 of u + v); a_i rises
  with both, so Σ_cells (cell's summed miss) · a_i(cell's highest corner) is an exact upper bound
  of the gain and the lowest corner a lower bound. Each step computes every item's bounds (one
  float32 mat-vec); an item's last exact gain is a bound too (the objective is a coverage
  function, so gains only shrink: lazy greedy, Minoux 1978). Items are evaluated exactly, best
  bound first and in batches, only while they can still beat the best exact gain. The choice
  is exactly the plain greedy's.
- The greedy sequence does not depend on the limits: the list for N applications is the first N
  of the sequence, and a budget stops the sequence before the first program it cannot pay for.
  So allowing more applications or money never lowers P(match), and the curve never decreases.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import FactorDistribution, logistic
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.model.p_match import DEFAULT_DRAWS, Draws, factor_draws
from smartpick_desktop.core.reference import load_reference

LEVELS = (None, "gold", "silver", "signal")
BINS_U = 16   # cells for the bounds: 16 bins of u × 32 bins of u + v
BINS_W = 32
BATCH = 8
CACHE_FLOATS = 8_000_000  # success rows kept between steps (64 MB of float64 at most)
FLATTEN_WINDOW = 5
FLATTEN_GAIN = 0.01


class Cancelled(Exception):
    """The caller's progress callback asked to stop."""


@dataclass
class Items:
    """The optimizer's input as flat arrays: items (program × signal level) and programs."""

    item_prog: np.ndarray    # program index of each item
    item_level: np.ndarray   # index into LEVELS
    item_eta: np.ndarray     # interview log-odds without u
    prog_mu: np.ndarray      # match log-odds after an interview, without u
    prog_weight: np.ndarray  # fit weight in [0.5, 1]
    prog_group: np.ndarray   # specialty group index (fees and signals count per specialty)
    allowance: dict[tuple[int, int], int]  # (group, level index) -> signals available


@dataclass
class GreedyResult:
    order: list[int]          # chosen items, in order
    curve: list[float]        # P(match) after each addition
    interviews: list[float]   # expected interviews after each addition
    fees: list[int]           # fee after each addition
    evaluations: int = 0


LOGIT_CLIP = 300.0  # exp(300 + |u|) stays finite


def success_rows(eta: np.ndarray, mu: np.ndarray, u: np.ndarray, w: np.ndarray) -> np.ndarray:
    """a[k, d] = P(interview | u_d) × P(match | interview, u_d + v_d = w_d) of item k in draw d,
    as 1 / ((1 + e^-eta·e^-u)(1 + e^-mu·e^-w)): no exp per element (e^-u, e^-w once)."""
    return success_rows_exp(_neg_exp(eta), _neg_exp(mu), _neg_exp(u), _neg_exp(w))


def _neg_exp(x: np.ndarray) -> np.ndarray:
    return np.exp(-np.clip(np.asarray(x, dtype=float), -LOGIT_CLIP, LOGIT_CLIP))


def success_rows_exp(ce: np.ndarray, cm: np.ndarray, eu: np.ndarray,
                     ew: np.ndarray) -> np.ndarray:
    """``success_rows`` from e^-eta, e^-mu (per item) and e^-u, e^-w (per draw)."""
    t = np.multiply.outer(ce, eu)
    t += 1.0
    t2 = np.multiply.outer(cm, ew)
    t2 += 1.0
    t *= t2
    return np.reciprocal(t, out=t)


@dataclass
class _Cells:
    """Draws grouped into cells: equal-count bins of u × equal-count bins of w = u + v.

    a_i rises with u and with w, so within a cell a_i lies between its value at the cell's
    lowest (u, w) corner and at its highest; with the cell's summed miss this bounds the gain."""

    cell: np.ndarray    # cell index of each draw
    u_lo: np.ndarray
    u_hi: np.ndarray
    w_lo: np.ndarray
    w_hi: np.ndarray

    @classmethod
    def of(cls, u: np.ndarray, w: np.ndarray) -> _Cells:
        n = u.size
        bu = min(BINS_U, n)
        bw = min(BINS_W, n)
        ru = np.empty(n, dtype=np.int64)
        ru[np.argsort(u, kind="stable")] = np.arange(n)
        rw = np.empty(n, dtype=np.int64)
        rw[np.argsort(w, kind="stable")] = np.arange(n)
        raw = (ru * bu // n) * bw + (rw * bw // n)
        used, cell = np.unique(raw, return_inverse=True)
        k = used.size
        u_lo, u_hi = np.full(k, np.inf), np.full(k, -np.inf)
        w_lo, w_hi = np.full(k, np.inf), np.full(k, -np.inf)
        np.minimum.at(u_lo, cell, u)
        np.maximum.at(u_hi, cell, u)
        np.minimum.at(w_lo, cell, w)
        np.maximum.at(w_hi, cell, w)
        return cls(cell.astype(np.int64), u_lo, u_hi, w_lo, w_hi)

    @property
    def size(self) -> int:
        return int(self.u_lo.size)


class _NumpyBackend:
    """Vectorised evaluation (the app's implementation)."""

    def __init__(self, items: Items, u: np.ndarray, w: np.ndarray, cells: _Cells) -> None:
        self.items, self.u, self.w, self.cells = items, u, w, cells
        mu = items.prog_mu[items.item_prog]
        self.weight = items.prog_weight[items.item_prog]
        # float32 bound tables (fast mat-vec); widened below to stay true bounds
        self.a_hi = (success_rows(items.item_eta, mu, cells.u_hi, cells.w_hi)
                     * self.weight[:, None]).astype(np.float32)
        self.a_lo = (success_rows(items.item_eta, mu, cells.u_lo, cells.w_lo)
                     * self.weight[:, None]).astype(np.float32)
        self.eu, self.ew = _neg_exp(u), _neg_exp(w)
        self.ce = _neg_exp(items.item_eta)
        self.cm = _neg_exp(mu)
        self.miss = np.ones_like(u)
        self.cache: dict[int, np.ndarray] = {}
        self.cache_max = max(BATCH, CACHE_FLOATS // max(1, u.size))

    def bounds(self, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # einsum, not BLAS: threaded BLAS mat-vecs stall badly on a busy 2-core laptop
        cm = (np.bincount(self.cells.cell, weights=self.miss, minlength=self.cells.size)
              / self.u.size).astype(np.float32)
        ub = np.einsum("ij,j->i", self.a_hi, cm).astype(float) * (1 + 1e-4) + 1e-12
        lb = np.einsum("ij,j->i", self.a_lo, cm).astype(float) * (1 - 1e-4)
        return np.where(valid, ub, -1.0), np.where(valid, lb, -1.0)

    def exact(self, ks: list[int]) -> tuple[list[float], list[np.ndarray]]:
        """Exact gains; an item's success row is computed once and kept (bounded cache)."""
        miss, n = self.miss, self.u.size
        missing = [k for k in ks if k not in self.cache]
        found = {k: self.cache[k] for k in ks if k in self.cache}
        sums = {k: float(np.einsum("i,i->", row, miss)) for k, row in found.items()}
        if missing:
            m = np.asarray(missing)
            fresh = success_rows_exp(self.ce[m], self.cm[m], self.eu, self.ew)
            fresh_sums = np.einsum("ij,j->i", fresh, miss)  # no copy: one block
            if len(self.cache) + len(missing) > self.cache_max:
                self.cache.clear()
            for j, k in enumerate(missing):
                self.cache[k] = found[k] = fresh[j]
                sums[k] = float(fresh_sums[j])
        weight = self.weight
        return [weight[k] * sums[k] / n for k in ks], [found[k] for k in ks]

    def accept(self, row: np.ndarray, k: int) -> tuple[float, float]:
        self.miss = self.miss * (1.0 - row)
        p_int = float(logistic(self.items.item_eta[k] + self.u).mean())
        return float(1.0 - self.miss.mean()), p_int


class _PythonBackend:
    """The same algorithm in plain Python lists and loops (the benchmark's baseline)."""

    def __init__(self, items: Items, u: np.ndarray, w: np.ndarray, cells: _Cells) -> None:
        self.u = [float(x) for x in u]
        self.w = [float(x) for x in w]
        self.eta = [float(x) for x in items.item_eta]
        prog = [int(x) for x in items.item_prog]
        self.mu = [float(items.prog_mu[p]) for p in prog]
        self.weight = [float(items.prog_weight[p]) for p in prog]
        self.cell = [int(x) for x in cells.cell]
        self.n_cells = cells.size
        sig = self._sig
        hi = list(zip(cells.u_hi.tolist(), cells.w_hi.tolist(), strict=True))
        lo = list(zip(cells.u_lo.tolist(), cells.w_lo.tolist(), strict=True))
        self.a_hi = [[wt * sig(e + a) * sig(m + b) for a, b in hi]
                     for e, m, wt in zip(self.eta, self.mu, self.weight, strict=True)]
        self.a_lo = [[wt * sig(e + a) * sig(m + b) for a, b in lo]
                     for e, m, wt in zip(self.eta, self.mu, self.weight, strict=True)]
        clip = self._clip
        self.eu = [math.exp(-clip(x)) for x in self.u]
        self.ew = [math.exp(-clip(x)) for x in self.w]
        self.miss = [1.0] * len(self.u)
        self.cache: dict[int, list[float]] = {}

    @staticmethod
    def _clip(x: float) -> float:
        return min(LOGIT_CLIP, max(-LOGIT_CLIP, x))

    @staticmethod
    def _sig(x: float) -> float:
        return 1.0 / (1.0 + math.exp(-x))

    def bounds(self, valid: np.ndarray) -> tuple[list[float], list[float]]:
        n = len(self.u)
        cm = [0.0] * self.n_cells
        for c, m in zip(self.cell, self.miss, strict=True):
            cm[c] += m
        cm = [x / n for x in cm]
        ub, lb = [], []
        for k in range(len(self.eta)):
            if valid[k]:
                ub.append(sum(a * m for a, m in zip(self.a_hi[k], cm, strict=True)))
                lb.append(sum(a * m for a, m in zip(self.a_lo[k], cm, strict=True)))
            else:
                ub.append(-1.0)
                lb.append(-1.0)
        return ub, lb

    def exact(self, ks: list[int]) -> tuple[list[float], list[list[float]]]:
        n = len(self.u)
        gains, rows = [], []
        for k in ks:
            row = self.cache.get(k)
            if row is None:
                ce = math.exp(-self._clip(self.eta[k]))
                cm = math.exp(-self._clip(self.mu[k]))
                row = self.cache[k] = [1.0 / ((1.0 + ce * x) * (1.0 + cm * y))
                                       for x, y in zip(self.eu, self.ew, strict=True)]
            rows.append(row)
            gains.append(self.weight[k] * sum(r * s for r, s in zip(row, self.miss,
                                                                      strict=True)) / n)
        return gains, rows

    def accept(self, row: list[float], k: int) -> tuple[float, float]:
        n = len(self.u)
        self.miss = [s * (1.0 - r) for r, s in zip(row, self.miss, strict=True)]
        p_int = sum(self._sig(self.eta[k] + x) for x in self.u) / n
        return 1.0 - sum(self.miss) / n, p_int


def greedy(items: Items, draws: Draws, *, steps: int, budget: int | None = None,
           fee_for: Callable[[int], int] | None = None, python: bool = False,
           progress: Callable[[int, int], bool] | None = None,
           group_fees: Sequence[Callable[[int], int]] | None = None) -> GreedyResult:
    """Greedy with bounds over ``items`` and common random numbers ``u`` (module docstring).

    ``fee_for(count)``: ERAS fee for ``count`` programs of one specialty; ``budget`` stops the
    sequence before the first program it cannot pay for; ``group_fees[g]``, when given, is the
    fee rule of group ``g`` (its platform's) instead. ``progress(step, steps)`` returning
    False cancels (raises :class:`Cancelled`).
    """
    u = np.asarray(draws.u, dtype=float)
    w = np.asarray(draws.w, dtype=float)
    cells = _Cells.of(u, w)
    backend = (_PythonBackend if python else _NumpyBackend)(items, u, w, cells)
    n_items = items.item_eta.size
    item_prog, item_level = items.item_prog, items.item_level
    item_group = items.prog_group[item_prog]
    item_eta = items.item_eta.tolist()
    item_mu = items.prog_mu[item_prog].tolist()
    item_w = items.prog_weight[item_prog].tolist()
    valid = np.ones(n_items, dtype=bool)
    stale = np.full(n_items, np.inf)  # last exact gain of each item (gains only shrink)
    remaining = dict(items.allowance)
    for (g, lvl), left in remaining.items():
        if left <= 0:
            valid &= ~((item_group == g) & (item_level == lvl))
    counts: dict[int, int] = {}
    fee_total = 0
    expected = 0.0
    out = GreedyResult([], [], [], [])
    for step in range(steps):
        if progress is not None and progress(step, steps) is False:
            raise Cancelled
        if not valid.any():
            break
        ub, lb = backend.bounds(valid)
        ub_arr = np.minimum(np.asarray(ub), stale)  # an earlier exact gain bounds it too
        floor = float(np.max(lb))
        cands = np.flatnonzero(ub_arr >= floor)
        cands = cands[np.argsort(-ub_arr[cands], kind="stable")].tolist()
        best_gain, best_k, best_row = -1.0, -1, None
        seen: set[tuple[float, float, float]] = set()
        pos = 0
        while pos < len(cands) and ub_arr[cands[pos]] >= best_gain:
            batch = []
            while pos < len(cands) and len(batch) < BATCH:
                k = cands[pos]
                pos += 1
                key = (item_eta[k], item_mu[k], item_w[k])
                if key not in seen:  # identical items have identical gains: evaluate one
                    seen.add(key)
                    batch.append(k)
            if not batch:
                break
            gains, rows = backend.exact(batch)
            out.evaluations += len(batch)
            stale[batch] = np.asarray(gains) * (1 + 1e-9) + 1e-15
            for j, k in enumerate(batch):
                if gains[j] > best_gain:
                    best_gain, best_k, best_row = gains[j], k, rows[j]
        if best_k < 0:
            break
        g = int(item_group[best_k])
        fee_fn = group_fees[g] if group_fees is not None else fee_for
        if fee_fn is not None:
            n = counts.get(g, 0)
            extra = fee_fn(n + 1) - fee_fn(n)
            if budget is not None and fee_total + extra > budget:
                break
            fee_total += extra
        counts[g] = counts.get(g, 0) + 1
        p, p_int = backend.accept(best_row, best_k)
        expected += p_int
        valid &= item_prog != item_prog[best_k]
        lvl = int(item_level[best_k])
        if lvl:
            remaining[(g, lvl)] -= 1
            if remaining[(g, lvl)] <= 0:
                valid &= ~((item_group == g) & (item_level == lvl))
        out.order.append(best_k)
        out.curve.append(p)
        out.interviews.append(expected)
        out.fees.append(fee_total)
    out.curve = np.maximum.accumulate(np.array(out.curve)).tolist() if out.curve else []
    return out


# --- from a profile and programs to a plan ---------------------------------------------------

@dataclass
class PlanRowResult:
    """One chosen program with its figures (rows of ``optimize --json``)."""

    program: Any
    signal: str | None
    p_interview: float
    fit: float
    tier: str
    eligible: bool
    reasons: list[str]
    gain: float


@dataclass
class PlanResult:
    """An optimized list (saved as the current plan by plan_store.save_plan)."""

    specialty: str
    backup_specialty: str | None
    rows: list[PlanRowResult]
    p_match: float
    expected_interviews: float
    fee_usd: int
    fee_breakdown: list[dict]
    curve: list[dict]
    max_apps: int | None
    budget_usd: int | None
    flatten_at: int | None
    signals_allowed: dict[str, dict[str, int]]
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def program_ids(self) -> list[int]:
        return [r.program.program_id for r in self.rows]

    @property
    def signals(self) -> dict[int, str]:
        return {r.program.program_id: r.signal for r in self.rows if r.signal}


def signal_allowance(specialty: str, season: Any = None) -> dict[str, int]:
    """Signals a specialty gives: {"gold": g, "silver": s} where it has tiers, else
    {"signal": n}; {} when it has none. With a core.season ``season``: that season's signals
    (its pack, else the shipped ERAS 2025 table); without: the ERAS 2025 table."""
    if season is not None:
        from smartpick_desktop.core.season import specialty_season

        return dict(specialty_season(season, specialty or "").signals)
    spec = load_reference().find_specialty(specialty or "")
    if spec is None or not spec.has_signals:
        return {}
    if spec.signals_gold:
        return {"gold": spec.signals_gold, "silver": spec.signals_silver}
    return {"signal": spec.signals_total}


def flatten_point(curve: Sequence[float]) -> int | None:
    """Applications after which the next 5 add less than 1 percentage point (None if never)."""
    for n in range(1, len(curve) - FLATTEN_WINDOW + 1):
        if curve[n - 1 + FLATTEN_WINDOW] - curve[n - 1] < FLATTEN_GAIN:
            return n
    return None


@dataclass
class Prepared:
    """The optimizer's input built from a profile and programs."""

    programs: list[Any]
    scores: Any
    eligible: np.ndarray
    items: Items
    groups: list[str]
    allowed: dict[str, dict[str, int]]


def prepare(profile: Any, programs: Sequence[Any], posterior: Any = None,
            consts: ModelConstants | None = None, season: Any = None) -> Prepared:
    """Score the programs of the profile's specialties and build the items (program × signal)."""
    from smartpick_desktop.core.model.ranking import score_programs

    c = consts or load_constants()
    primary = _canonical(getattr(profile, "specialty", ""))
    backup = getattr(profile, "backup_specialty", None)
    backup = _canonical(backup) if backup else None
    groups = [primary] + ([backup] if backup else [])
    progs = [p for p in programs if _canonical(p.specialty) in groups
             and p.status not in ("withdrawn", "rejected") and p.program_id is not None]
    sc = score_programs(profile, progs, posterior=posterior, consts=c)
    elig = np.flatnonzero(sc.terms.eligible)
    base_eta = sc.terms.eta(False)
    allowed = {g: signal_allowance(g, season) for g in groups}
    item_prog, item_level, item_eta = [], [], []
    group_of = np.array([groups.index(_canonical(progs[i].specialty)) for i in elig], dtype=int)
    for j, i in enumerate(elig):
        levels = [0]
        if sc.arrays.accepts_signals[i]:
            levels += [LEVELS.index(lv) for lv in allowed[groups[group_of[j]]]]
        for lv in levels:
            item_prog.append(j)
            item_level.append(lv)
            item_eta.append(base_eta[i] + (math.log(c.signal_multiplier(LEVELS[lv])) if lv else 0))
    items = Items(np.array(item_prog, dtype=int), np.array(item_level, dtype=int),
                  np.array(item_eta, dtype=float), sc.terms.match_base[elig],
                  0.5 + 0.5 * sc.fit.fit[elig] / 100.0, group_of,
                  {(gi, LEVELS.index(lv)): n for gi, g in enumerate(groups)
                   for lv, n in allowed[g].items()})
    return Prepared(progs, sc, elig, items, groups, allowed)


def optimize(profile: Any, programs: Sequence[Any], *, max_apps: int | None = None,
             budget: int | None = None, seed: int = 0, draws: int = DEFAULT_DRAWS,
             posterior: FactorDistribution | Any = None, target: float | None = None,
             curve_to: int | None = None, progress: Callable[[int, int], bool] | None = None,
             consts: ModelConstants | None = None, season: Any = None) -> PlanResult:
    """Choose the list for ``profile`` among ``programs`` (its primary and backup specialty).

    ``season``: the core.season Season whose platform fee rules apply (default: the season
    of today's date among the shipped ones)."""
    from smartpick_desktop.core.model.ranking import explain, factor_distribution, score_programs

    c = consts or load_constants()
    ref = load_reference()
    if season is None:
        from smartpick_desktop.core.season import season_in_force

        season = season_in_force(None).season
    prep = prepare(profile, programs, posterior, c, season)
    progs, elig, items, groups, allowed = (prep.programs, prep.eligible, prep.items, prep.groups,
                                           prep.allowed)
    primary, backup = groups[0], (groups[1] if len(groups) > 1 else None)
    limit = max_apps
    if limit is None and budget is None:
        limit = int(ref.typical_applications[getattr(profile, "applicant_type", "us_md")].value)
    steps = min(len(elig), limit if limit is not None else len(elig))
    dist = factor_distribution(posterior, c) if posterior is not None else None
    sample = factor_draws(draws, seed, dist, c)
    total_steps = min(len(elig), max(steps, curve_to or 0))
    from smartpick_desktop.core.season import application_fees, fee_functions, fee_rule_text

    fee_fns = fee_functions(season, groups)
    res = greedy(items, sample, steps=total_steps, budget=budget, fee_for=ref.fee_rule.fee_for,
                 python=False, progress=progress, group_fees=[fee_fns[g] for g in groups])
    n = len(res.order)
    chosen_n = min(n, steps)
    if target is not None:
        reach = next((k + 1 for k, p in enumerate(res.curve[:chosen_n]) if p >= target), None)
        chosen_n = reach or chosen_n
    chosen = res.order[:chosen_n]
    rows = []
    signals_map = {}
    for j, k in enumerate(chosen):
        i = int(elig[items.item_prog[k]])
        lvl = LEVELS[int(items.item_level[k])]
        if lvl:
            signals_map[progs[i].program_id] = lvl
        prev = res.curve[j - 1] if j else 0.0
        rows.append((i, lvl, res.curve[j] - prev))
    sc2 = score_programs(profile, progs, signalled=signals_map, posterior=posterior, consts=c)
    out_rows = [PlanRowResult(progs[i], lvl, float(sc2.p_interview[i]), float(sc2.fit.fit[i]),
                              str(sc2.tiers[i]), True, explain(sc2, i, c), float(gain))
                for i, lvl, gain in rows]
    counts: dict[str, int] = {}
    for r in out_rows:
        g = _canonical(r.program.specialty)
        counts[g] = counts.get(g, 0) + 1
    breakdown = application_fees(season, {g: counts.get(g, 0) for g in groups})
    fee = sum(line["fee_usd"] for line in breakdown)
    curve = [{"applications": k + 1, "p_match": float(p)} for k, p in enumerate(res.curve)]
    return PlanResult(
        specialty=primary, backup_specialty=backup, rows=out_rows,
        p_match=float(res.curve[chosen_n - 1]) if chosen_n else 0.0,
        expected_interviews=float(res.interviews[chosen_n - 1]) if chosen_n else 0.0,
        fee_usd=int(fee), fee_breakdown=breakdown, curve=curve, max_apps=max_apps,
        budget_usd=budget, flatten_at=flatten_point(res.curve), signals_allowed=allowed,
        details={"seed": seed, "draws": draws, "fee_rule": fee_rule_text(season, groups),
                 "season": season.id,
                 "flatten_at": flatten_point(res.curve), "evaluations": res.evaluations,
                 "candidates": len(elig), "target": target,
                 "posterior": posterior is not None})


def _canonical(name: str) -> str:
    spec = load_reference().find_specialty(name or "")
    return spec.name if spec else (name or "")


def plan_for_profile(session: Any, profile: Any, *, max_apps: int | None = None,
                     budget: int | None = None, seed: int = 0, use_posterior: bool = True,
                     use_profile_defaults: bool = True, **kw: Any) -> PlanResult:
    """Optimize over the catalog; the profile's budget is the default budget, and its target
    number of programs the default maximum (unless ``use_profile_defaults`` is False: the GUI
    passes its own controls). Invitations and rejections marked so far (program statuses)
    update the applicant factor first."""
    from smartpick_desktop.core.catalog.queries import load_programs

    programs = load_programs(session, specialty=profile.specialty)
    if profile.backup_specialty:
        programs += load_programs(session, specialty=profile.backup_specialty)
    if use_profile_defaults and budget is None:
        budget = profile.budget_usd
    if use_profile_defaults and max_apps is None:
        max_apps = profile.target_programs
    posterior = None
    if use_posterior:
        from smartpick_desktop.core.model.plan_store import current_plan
        from smartpick_desktop.core.model.season import season_posterior

        saved = current_plan(session)
        post = season_posterior(profile, programs, saved.signals if saved else None)
        posterior = post if post.evidence else None
    if kw.get("season") is None:
        from smartpick_desktop.core.season import platform_for, season_in_force

        kw["season"] = season_in_force(session).season
        platform = platform_for(kw["season"], profile.specialty)
        if not platform.in_match:
            from smartpick_desktop.core.errors import InputError

            raise InputError(platform.note or f"{profile.specialty} is matched outside the "
                             "NRMP Main Match; SmartPick does not plan it.")
    return optimize(profile, programs, max_apps=max_apps, budget=budget, seed=seed,
                    posterior=posterior, **kw)


def mapping_levels(signals: Mapping[int, str]) -> dict[int, str]:
    return {int(k): str(v) for k, v in signals.items()}
