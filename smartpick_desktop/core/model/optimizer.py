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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import FactorDistribution, logistic
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.model.p_match import DEFAULT_DRAWS, Draws, factor_draws, p_match_list
from smartpick_desktop.core.progress import Progress, ShouldCancel, checkpoint, report
from smartpick_desktop.core.reference import load_reference

LEVELS = (None, "gold", "silver", "signal")
BINS_U = 16   # cells for the bounds: 16 bins of u × 32 bins of u + v
BINS_W = 32
BATCH = 8
CACHE_FLOATS = 8_000_000  # success rows kept between steps (64 MB of float64 at most)
#: The recommended list stops where one more application adds less than this to P(match)
#: (0.2 percentage points: a $30 application for a 1-in-500 chance; docs/model.md).
KNEE_GAIN = 0.002
NEXT_SHOWN = 10   # what the next programs after the stop would add (shown to the student)




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
    stopped_by_budget: bool = False
    knee_at: int | None = None  # index of the first addition that gained less than the knee


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

    def __init__(self, items: Items, u: np.ndarray, w: np.ndarray, cells: _Cells,
                 start_miss: np.ndarray | None = None) -> None:
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
        self.miss = np.ones_like(u) if start_miss is None else np.array(start_miss, float)
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

    def __init__(self, items: Items, u: np.ndarray, w: np.ndarray, cells: _Cells,
                 start_miss: np.ndarray | None = None) -> None:
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
        self.miss = ([1.0] * len(self.u) if start_miss is None
                     else [float(x) for x in start_miss])
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
           progress: Progress | None = None, should_cancel: ShouldCancel | None = None,
           knee: float | None = None, after_knee: int = 0,
           start_miss: np.ndarray | None = None, start_counts: dict[int, int] | None = None,
           start_fee: int = 0,
           group_fees: Sequence[Callable[[int], int]] | None = None,
           forced: np.ndarray | None = None) -> GreedyResult:
    """Greedy with bounds over ``items`` and common random numbers ``u`` (module docstring).

    ``fee_for(count)``: ERAS fee for ``count`` programs of one specialty; ``budget`` stops the
    sequence before the first program it cannot pay for (``stopped_by_budget`` is then set).
    ``knee``: once an addition gains less than this much P(match), take ``after_knee`` more
    steps (to show what they would add) and stop. ``start_miss`` (per draw), ``start_counts``
    (programs per group) and ``start_fee``: a list already chosen, which this one extends.
    ``group_fees[g]``, when given, is the fee rule of group ``g`` (its platform's) instead of
    ``fee_for``. ``progress(step, steps)`` and ``should_cancel()`` as in ``core/progress.py``.
    ``forced``: a mask over programs locked in by the student; they are chosen first (best
    first, signals placed as usual), whatever the budget, and the knee waits for them.
    """
    u = np.asarray(draws.u, dtype=float)
    w = np.asarray(draws.w, dtype=float)
    cells = _Cells.of(u, w)
    backend = (_PythonBackend if python else _NumpyBackend)(items, u, w, cells, start_miss)
    base_p = 0.0 if start_miss is None else float(1.0 - np.mean(start_miss))
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
    counts: dict[int, int] = dict(start_counts or {})
    fee_total = start_fee
    expected = 0.0
    out = GreedyResult([], [], [], [])
    knee_at: int | None = None
    pending = (np.zeros(items.prog_mu.size, dtype=bool) if forced is None
               else np.asarray(forced, dtype=bool).copy())
    for step in range(steps):
        if knee_at is not None and step >= knee_at + after_knee:
            break
        checkpoint(should_cancel)
        report(progress, step, steps)
        now = valid & pending[item_prog] if pending.any() else valid
        if not now.any():
            break
        ub, lb = backend.bounds(now)
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
            if budget is not None and fee_total + extra > budget and not pending.any():
                out.stopped_by_budget = True
                break
            fee_total += extra
        counts[g] = counts.get(g, 0) + 1
        p, p_int = backend.accept(best_row, best_k)
        expected += p_int
        valid &= item_prog != item_prog[best_k]
        pending[item_prog[best_k]] = False
        lvl = int(item_level[best_k])
        if lvl:
            remaining[(g, lvl)] -= 1
            if remaining[(g, lvl)] <= 0:
                valid &= ~((item_group == g) & (item_level == lvl))
        out.order.append(best_k)
        if knee is not None and knee_at is None and not pending.any():
            prev = out.curve[-1] if out.curve else base_p
            if p - prev < knee:
                knee_at = step
                out.knee_at = step
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
    track: str = "categorical"


@dataclass
class PlanResult:
    """An optimized list (saved as the current plan by core.plan.saved.save_plan).

    ``p_match`` is the chance of matching a categorical position on the list (primary and backup
    specialty); ``p_match_any`` adds the preliminary safety net, if any. ``*_range`` are the
    (low, high) ends from the validated uncertainty (docs/model.md, "Uncertainty").
    ``stop_reason``: ``gain`` (one more application would add less than ``knee_gain``),
    ``budget`` or ``max_apps``; ``next_gains``: what each of the next (up to 10) programs
    would add to ``p_match``, cumulatively.
    """

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
    stop_reason: str = "max_apps"
    knee_gain: float = 0.0
    next_gains: list[float] = field(default_factory=list)
    p_match_range: tuple[float, float] = (0.0, 0.0)
    p_match_any: float = 0.0
    p_match_any_range: tuple[float, float] = (0.0, 0.0)
    expected_interviews_range: tuple[float, float] = (0.0, 0.0)

    @property
    def program_ids(self) -> list[int]:
        return [r.program.program_id for r in self.rows]

    @property
    def signals(self) -> dict[int, str]:
        return {r.program.program_id: r.signal for r in self.rows if r.signal}

    @property
    def stop_sentence(self) -> str:
        """Why the list ends where it does, in words."""
        n = len([r for r in self.rows if r.track != "preliminary"])
        nxt = self.next_gains[-1] * 100 if self.next_gains else 0.0
        more = (f" The next {len(self.next_gains)} would add {nxt:.1f} points of P(match) in all."
                if self.next_gains else "")
        if self.stop_reason == "gain":
            return (f"Stopped at {n} applications: one more would add less than "
                    f"{self.knee_gain * 100:.1f} points of P(match).{more}")
        if self.stop_reason == "budget":
            return f"Stopped at {n} applications: the next one would pass your budget.{more}"
        return f"Stopped at {n} applications: the most you allowed.{more}"


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


def flatten_point(curve: Sequence[float], gain: float = KNEE_GAIN) -> int | None:
    """Applications after which one more adds less than ``gain`` (0.2 points) of P(match):
    where the recommended list stops when nothing else limits it (None if never)."""
    for n in range(1, len(curve)):
        if curve[n] - curve[n - 1] < gain:
            return n
    return None


def is_preliminary(program: Any) -> bool:
    """A preliminary position (a safety net or the first year before an advanced one)."""
    return getattr(program, "track", None) == "preliminary"


@dataclass
class Prepared:
    """The optimizer's input built from a profile and programs."""

    programs: list[Any]
    scores: Any
    eligible: np.ndarray
    items: Items
    groups: list[str]
    allowed: dict[str, dict[str, int]]
    cautious: Items | None = None


def prepare(profile: Any, programs: Sequence[Any], posterior: Any = None,
            consts: ModelConstants | None = None, season: Any = None, *,
            preliminary: bool = False, cautious: float = 0.0, force_in: Collection[int] = (),
            force_out: Collection[int] = ()) -> Prepared:
    """Score the programs of the profile's specialties and build the items (program × signal).

    ``preliminary``: the preliminary programs of the primary specialty instead of the
    categorical ones. ``cautious`` > 0 adds a copy of the items at the cautious end (every
    log-odds lowered by that much, half as much again where the program's competitiveness is
    estimated) for choosing the list. ``force_out``: program ids locked out (left out);
    ``force_in``: ids locked in (kept as candidates even when the model finds them
    ineligible)."""
    from smartpick_desktop.core.model.ranking import score_programs

    c = consts or load_constants()
    primary = _canonical(getattr(profile, "specialty", ""))
    backup = getattr(profile, "backup_specialty", None)
    backup = _canonical(backup) if backup else None
    groups = [primary] + ([backup] if backup and not preliminary else [])
    keep_in, keep_out = {int(i) for i in force_in}, {int(i) for i in force_out}
    progs = [p for p in programs if _canonical(p.specialty) in groups
             and (p.status not in ("withdrawn", "rejected") or p.program_id in keep_in)
             and p.program_id is not None and p.program_id not in keep_out
             and is_preliminary(p) == preliminary]
    sc = score_programs(profile, progs, posterior=posterior, consts=c)
    locked = np.array([p.program_id in keep_in for p in progs], dtype=bool)
    elig = np.flatnonzero(sc.terms.eligible | locked)
    base_eta = sc.terms.eta(False)
    allowed = {g: ({} if preliminary else signal_allowance(g, season)) for g in groups}
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
    allowance = {(gi, LEVELS.index(lv)): n for gi, g in enumerate(groups)
                 for lv, n in allowed[g].items()}
    weight = 0.5 + 0.5 * sc.fit.fit[elig] / 100.0
    item_prog_arr = np.array(item_prog, dtype=int)
    items = Items(item_prog_arr, np.array(item_level, dtype=int), np.array(item_eta, dtype=float),
                  sc.terms.match_base[elig], weight, group_of, allowance)
    shaded = None
    if cautious > 0 and elig.size:
        extra = cautious * (1.0 + 0.5 * sc.arrays.typical_estimated[elig].astype(float))
        shaded = Items(items.item_prog, items.item_level, items.item_eta - extra[item_prog_arr],
                       items.prog_mu - cautious, weight, group_of, allowance)
    return Prepared(progs, sc, elig, items, groups, allowed, shaded)


def uncertainty_logit(consts: ModelConstants | None = None) -> float:
    """How far the model's log-odds may stray (model.json ``uncertainty_logit``)."""
    c = consts or load_constants()
    return c["uncertainty_logit"] if "uncertainty_logit" in c.figures else 0.0


def _list_p_match(eta: np.ndarray, mu: np.ndarray, draws: Draws,
                  shift: float = 0.0) -> float:
    return p_match_list(eta + shift, mu + shift, draws)


def optimize(profile: Any, programs: Sequence[Any], *, max_apps: int | None = None,
             budget: int | None = None, seed: int = 0, draws: int = DEFAULT_DRAWS,
             posterior: FactorDistribution | Any = None, target: float | None = None,
             curve_to: int | None = None, progress: Progress | None = None,
             should_cancel: ShouldCancel | None = None, consts: ModelConstants | None = None, stop_at_knee: bool = True,
             knee_gain: float = KNEE_GAIN, cautious: bool = True,
             prelim_apps: int = 0, season: Any = None, force_in: Collection[int] = (),
             force_out: Collection[int] = ()) -> PlanResult:
    """Choose the list for ``profile`` among ``programs`` (its primary and backup specialty).

    The list is chosen at the cautious end of the validated uncertainty (``cautious``), and its
    figures are reported at the center with a range. It stops where one more application would
    add less than ``knee_gain`` to P(match) (``stop_at_knee``), at ``max_apps``, at ``budget``
    or at ``target`` P(match), whichever comes first. ``prelim_apps`` > 0 then adds up to that
    many preliminary programs of the primary specialty as a safety net (P(match) for "any
    position"), within what is left of the limits. ``season``: the core.season Season whose
    platform fee rules and signals apply (default: the season of today's date).
    ``force_in`` / ``force_out``: program ids the student locked in or out; locked-in programs
    are always on the list (chosen first, whatever the limits), locked-out ones never.
    """
    from smartpick_desktop.core.model.p_match import p_match_by_length
    from smartpick_desktop.core.model.ranking import explain, factor_distribution, score_programs
    from smartpick_desktop.core.season import application_fees, fee_functions, fee_rule_text

    c = consts or load_constants()
    ref = load_reference()
    if season is None:
        from smartpick_desktop.core.season import season_in_force

        season = season_in_force(None).season
    delta = uncertainty_logit(c)
    prep = prepare(profile, programs, posterior, c, season,
                   cautious=delta if cautious else 0.0, force_in=force_in, force_out=force_out)
    progs, elig, items, groups, allowed = (prep.programs, prep.eligible, prep.items, prep.groups,
                                           prep.allowed)
    primary, backup = groups[0], (groups[1] if len(groups) > 1 else None)
    if not stop_at_knee and max_apps is None and budget is None and target is None:
        max_apps = int(ref.typical_applications[getattr(profile, "applicant_type",
                                                        "us_md")].value)
    wanted_in = {int(i) for i in force_in}
    forced = np.array([progs[i].program_id in wanted_in for i in elig], dtype=bool)
    n_forced = int(forced.sum())
    cap = min(len(elig), max(n_forced, max_apps if max_apps is not None else len(elig)))
    dist = factor_distribution(posterior, c) if posterior is not None else None
    sample = factor_draws(draws, seed, dist, c)
    total_steps = min(len(elig), max(cap + NEXT_SHOWN, curve_to or 0))
    fee_fns = fee_functions(season, groups)
    res = greedy(prep.cautious or items, sample, steps=total_steps, budget=None,
                 fee_for=ref.fee_rule.fee_for, python=False, progress=progress,
                 should_cancel=should_cancel,
                 knee=knee_gain / 2 if stop_at_knee else None, after_knee=NEXT_SHOWN + 2,
                 group_fees=[fee_fns[g] for g in groups], forced=forced if n_forced else None)
    order = res.order
    order_prog = items.item_prog[order] if order else np.zeros(0, dtype=int)
    eta_seq = items.item_eta[order] if order else np.zeros(0)
    mu_seq = items.prog_mu[order_prog] if order else np.zeros(0)
    curve = p_match_by_length(eta_seq, mu_seq, sample)
    n = len(order)
    chosen_n, reason = min(n, cap), "max_apps"
    if budget is not None:
        over = next((k for k, fee in enumerate(res.fees) if fee > budget), None)
        if over is not None and over < chosen_n:
            chosen_n, reason = over, "budget"
    if stop_at_knee:
        knee = flatten_point(curve[:chosen_n], knee_gain)
        if knee is not None:
            chosen_n, reason = knee, "gain"
    if target is not None:
        reach = next((k + 1 for k, p in enumerate(curve[:chosen_n]) if p >= target), None)
        if reach is not None:
            chosen_n = reach
    chosen_n = max(chosen_n, min(n, n_forced))  # locked-in programs always stay
    base_p = curve[chosen_n - 1] if chosen_n else 0.0
    next_gains = [float(p - base_p) for p in curve[chosen_n:chosen_n + NEXT_SHOWN]]
    chosen = order[:chosen_n]
    rows = []
    signals_map = {}
    for j, k in enumerate(chosen):
        i = int(elig[items.item_prog[k]])
        lvl = LEVELS[int(items.item_level[k])]
        if lvl:
            signals_map[progs[i].program_id] = lvl
        prev = curve[j - 1] if j else 0.0
        rows.append((i, lvl, curve[j] - prev))
    sc2 = score_programs(profile, progs, signalled=signals_map, posterior=posterior, consts=c)
    out_rows = [PlanRowResult(progs[i], lvl, float(sc2.p_interview[i]), float(sc2.fit.fit[i]),
                              str(sc2.tiers[i]), True, explain(sc2, i, c), float(gain),
                              getattr(progs[i], "track", None) or "categorical")
                for i, lvl, gain in rows]
    eta_c, mu_c = eta_seq[:chosen_n], mu_seq[:chosen_n]
    p_cat = float(curve[chosen_n - 1]) if chosen_n else 0.0
    p_range = (_list_p_match(eta_c, mu_c, sample, -delta), _list_p_match(eta_c, mu_c, sample,
                                                                        delta))
    interviews = _expected_interviews(eta_c, sample)
    interviews_range = (_expected_interviews(eta_c - delta, sample),
                        _expected_interviews(eta_c + delta, sample))
    p_any, any_range = p_cat, p_range
    counts: dict[str, int] = {}
    for r in out_rows:
        g = _canonical(r.program.specialty)
        counts[g] = counts.get(g, 0) + 1
    if prelim_apps > 0 and chosen_n:
        room = prelim_apps if max_apps is None else min(prelim_apps, max(0, max_apps - chosen_n))
        spent = sum(line["fee_usd"] for line in
                    application_fees(season, {g: counts.get(g, 0) for g in groups}))
        net = _prelim_net(profile, programs, posterior, c, sample, eta_c, mu_c, room,
                          None if budget is None else budget - spent, counts.get(primary, 0),
                          fee_fns[primary], knee_gain if stop_at_knee else None)
        if net is not None:
            extra_rows, eta_p, mu_p = net
            for r in extra_rows:
                out_rows.append(r)
                counts[primary] = counts.get(primary, 0) + 1
            eta_all, mu_all = np.concatenate([eta_c, eta_p]), np.concatenate([mu_c, mu_p])
            p_any = _list_p_match(eta_all, mu_all, sample)
            any_range = (_list_p_match(eta_all, mu_all, sample, -delta),
                         _list_p_match(eta_all, mu_all, sample, delta))
            interviews += _expected_interviews(eta_p, sample)
    breakdown = application_fees(season, {g: counts.get(g, 0) for g in groups})
    fee = sum(line["fee_usd"] for line in breakdown)
    curve_out = [{"applications": k + 1, "p_match": float(p)} for k, p in enumerate(curve)]
    result = PlanResult(
        specialty=primary, backup_specialty=backup, rows=out_rows, p_match=p_cat,
        expected_interviews=interviews, fee_usd=int(fee), fee_breakdown=breakdown,
        curve=curve_out, max_apps=max_apps, budget_usd=budget, flatten_at=flatten_point(curve),
        signals_allowed=allowed,
        details={"seed": seed, "draws": draws, "fee_rule": fee_rule_text(season, groups),
                 "season": season.id,
                 "flatten_at": flatten_point(curve), "evaluations": res.evaluations,
                 "candidates": len(elig), "target": target, "cautious_logit": delta,
                 "posterior": posterior is not None},
        stop_reason=reason, knee_gain=knee_gain, next_gains=next_gains,
        p_match_range=p_range, p_match_any=p_any, p_match_any_range=any_range,
        expected_interviews_range=interviews_range)
    result.details.update({
        "stop_reason": reason, "stop_text": result.stop_sentence, "knee_gain": knee_gain,
        "next_gains": next_gains, "p_match_range": list(p_range), "p_match_any": p_any,
        "p_match_any_range": list(any_range),
        "expected_interviews_range": list(interviews_range),
        "preliminary": [r.program.program_id for r in out_rows if r.track == "preliminary"],
        "optimized_ids": [r.program.program_id for r in out_rows]})
    return result


def _expected_interviews(eta: np.ndarray, draws: Draws) -> float:
    if eta.size == 0:
        return 0.0
    return float(logistic(eta[:, None] + draws.u[None, :]).mean(axis=1).sum())


def _prelim_net(profile: Any, programs: Sequence[Any], posterior: Any, c: ModelConstants,
                sample: Draws, eta_c: np.ndarray, mu_c: np.ndarray, room: int,
                budget_left: int | None, count_before: int, fee_for: Callable[[int], int],
                knee_gain: float | None):
    """Preliminary programs that best raise P(any position) after the categorical list."""
    from smartpick_desktop.core.model.p_match import success_matrix
    from smartpick_desktop.core.model.ranking import explain, score_programs

    if room <= 0:
        return None
    prep = prepare(profile, programs, posterior, c, preliminary=True)
    if not len(prep.eligible):
        return None
    miss = np.prod(1.0 - success_matrix(eta_c, mu_c, sample), axis=0) if eta_c.size else None
    fee_before = fee_for(count_before)
    res = greedy(prep.items, sample, steps=min(room, len(prep.eligible)),
                 fee_for=fee_for, start_miss=miss,
                 start_counts={0: count_before}, start_fee=fee_before,
                 budget=None if budget_left is None else fee_before + budget_left,
                 knee=knee_gain)
    order = res.order
    if knee_gain is not None and res.knee_at is not None:
        order = order[:max(1, res.knee_at)]
    if not order:
        return None
    idx = [int(prep.eligible[prep.items.item_prog[k]]) for k in order]
    sc = score_programs(profile, prep.programs, posterior=posterior, consts=c)
    base = float(1.0 - miss.mean()) if miss is not None else 0.0
    rows = []
    for j, i in enumerate(idx):
        prev = res.curve[j - 1] if j else base
        rows.append(PlanRowResult(prep.programs[i], None, float(sc.p_interview[i]),
                                  float(sc.fit.fit[i]), str(sc.tiers[i]), True,
                                  explain(sc, i, c), float(res.curve[j] - prev), "preliminary"))
    eta_p = prep.items.item_eta[order]
    mu_p = prep.items.prog_mu[prep.items.item_prog[order]]
    return rows, eta_p, mu_p


def _canonical(name: str) -> str:
    spec = load_reference().find_specialty(name or "")
    return spec.name if spec else (name or "")


def plan_for_profile(session: Any, profile: Any, *, max_apps: int | None = None,
                     budget: int | None = None, seed: int = 0, use_posterior: bool = True,
                     use_profile_defaults: bool = True,
                     saved_signals: Mapping[int, str] | None = None, **kw: Any) -> PlanResult:
    """Optimize over the catalog; the profile's budget is the default budget, and its target
    number of programs the default maximum (unless ``use_profile_defaults`` is False: the GUI
    passes its own controls). Invitations and rejections marked so far (program statuses)
    update the applicant factor first (``saved_signals``: the saved plan's signals, which
    raised the chances that evidence is compared with; core.plan.saved.compute_plan passes
    them)."""
    from smartpick_desktop.core.catalog.for_profile import programs_for_profile

    programs = programs_for_profile(session, profile)
    if use_profile_defaults and budget is None:
        budget = profile.budget_usd
    if use_profile_defaults and max_apps is None:
        max_apps = profile.target_programs
    posterior = None
    if use_posterior:
        from smartpick_desktop.core.model.season import season_posterior

        post = season_posterior(profile, programs, dict(saved_signals or {}) or None)
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

