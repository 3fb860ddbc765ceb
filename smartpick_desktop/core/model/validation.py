"""Check the model against self-reported outcomes (``smartpick model validate``; docs/model.md,
"Validation").

For each applicant: the profile a student of that kind would enter, then

- ``uniform`` lists: that many eligible programs of the specialty from the catalog, drawn at
  random, with the specialty's signal allowance on programs that accept signals. Expected
  interviews are linear in the list, so their average over random lists is computed exactly
  (the limit of averaging infinitely many draws); P(match) averages ``LISTS`` seeded lists.
  An applicant who sent more applications than there are eligible programs applied to the rest
  where they cannot match (a visa the program does not sponsor): those add nothing.
- ``optimizer`` lists: the optimizer's own list of that length.

Then the metrics of interview yield (interviews ÷ applications) and of matching a categorical
position in the specialty, with a baseline fitted on the file itself by 10-fold cross-validation
(logistic regression on applicant type + Step 2 CK) so a reader sees what the model adds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from smartpick_desktop.core.model import metrics as m
from smartpick_desktop.core.model.chances import (
    compute_terms,
    expected_chance,
    logistic,
    prior_factor,
    program_arrays,
)
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.model.outcomes import APPLICANT_TYPES, OutcomeRow
from smartpick_desktop.core.progress import Progress, ShouldCancel, checkpoint

LIST_RULES = ("uniform", "optimizer")
LISTS = 8             # random lists per applicant for P(match)
FOLDS = 10
MIN_BIN = 1
MATCH_BINS = 10       # calibration bins of width 0.1
OPTIMIZER_DRAWS = 2_000


@dataclass(frozen=True)
class Prediction:
    """What the model says of one applicant's season."""

    row: OutcomeRow
    predicted_interviews: float
    predicted_yield: float
    p_match: float | None     # categorical, in the specialty; None when no outcome reported
    signals_placed: float = 0.0
    signalled_interviews: float = 0.0  # expected interviews from signalled programs


def _match_grid(consts: ModelConstants) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Quadrature over (u, v): u nodes, match-step factor w = b·u + v (u-major: each u node
    repeated for every v node), weights (sum 1), and the number of v nodes."""
    from smartpick_desktop.core.model.chances import interview_factor

    pu, pv = prior_factor(consts, 12), interview_factor(consts, 16)
    u = np.repeat(pu.nodes, pv.nodes.size)
    v = np.tile(pv.nodes, pu.nodes.size)
    weights = np.outer(pu.weights, pv.weights).ravel()
    return pu.nodes, consts["match_strength_slope"] * u + v, weights, pv.nodes.size


def p_match_exact(eta: np.ndarray, mu: np.ndarray, grid: tuple) -> float:
    """P(match) of one list by quadrature over the two applicant factors."""
    if eta.size == 0:
        return 0.0
    u, w, weights, per_u = grid
    p = np.repeat(logistic(eta[:, None] + u[None, :]), per_u, axis=1)
    a = p * logistic(mu[:, None] + w[None, :])
    miss = np.exp(np.sum(np.log1p(-np.minimum(a, 1 - 1e-12)), axis=0))
    return float(1.0 - np.dot(miss, weights))


def _signal_levels(specialty: str) -> list[tuple[str, int]]:
    from smartpick_desktop.core.model.optimizer import signal_allowance

    allowed = signal_allowance(specialty)
    return [(lv, n) for lv in ("gold", "silver", "signal") if (n := allowed.get(lv, 0))]


def predict_uniform(rows: Sequence[OutcomeRow], catalog: dict[str, list[Any]], *,
                    seed: int = 0, consts: ModelConstants | None = None,
                    progress: Progress | None = None,
                    should_cancel: ShouldCancel | None = None,
                    with_match: bool = True) -> list[Prediction]:
    """Predictions for random lists of each applicant's length (module docstring);
    ``with_match`` False skips P(match) (for fitting the interview step)."""
    c = consts or load_constants()
    rng = np.random.default_rng(seed)
    grid = _match_grid(c)
    dist = prior_factor(c)
    arrays = {s: program_arrays(progs, c) for s, progs in catalog.items()}
    levels = {s: _signal_levels(s) for s in catalog}
    out = []
    for i, row in enumerate(rows):
        checkpoint(should_cancel)
        if progress is not None:
            progress(i, len(rows))
        arr = arrays.get(row.specialty)
        if arr is None or arr.n == 0:
            out.append(Prediction(row, 0.0, 0.0, 0.0 if row.outcome else None))
            continue
        terms = compute_terms(row.profile(), arr, consts=c)
        elig = np.flatnonzero(terms.eligible)
        if elig.size == 0:
            out.append(Prediction(row, 0.0, 0.0, 0.0 if row.outcome else None))
            continue
        base = terms.eta(False)[elig]
        accepts = arr.accepts_signals[elig]
        mu = terms.match_base[elig]
        size = min(row.applications, elig.size)
        p0 = expected_chance(base, dist)
        expected = size * float(p0.mean())
        lifts = []
        for level, count in levels[row.specialty]:
            lift = math.log(c.signal_multiplier(level))
            lifts.append((lift, count))
        placed = signalled = 0.0
        if accepts.any() and lifts:
            acc = np.flatnonzero(accepts)
            placeable = size * acc.size / elig.size
            left = placeable
            for lift, count in lifts:
                used = min(count, left)
                left -= used
                if used > 0:
                    with_signal = expected_chance(base[acc] + lift, dist)
                    expected += used * float((with_signal - p0[acc]).mean())
                    placed += used
                    signalled += used * float(with_signal.mean())
        p_match = None
        if row.outcome is not None and with_match:
            total = 0.0
            for _ in range(LISTS):
                pick = rng.choice(elig.size, size=size, replace=False)
                eta = base[pick].copy()
                order = [k for k in rng.permutation(size) if accepts[pick[k]]]
                for lift, count in lifts:
                    take, order = order[:count], order[count:]
                    eta[take] += lift
                total += p_match_exact(eta, mu[pick], grid)
            p_match = total / LISTS
        out.append(Prediction(row, expected, expected / row.applications, p_match, placed,
                              signalled))
    return out


def predict_optimizer(rows: Sequence[OutcomeRow], catalog: dict[str, list[Any]], *,
                      seed: int = 0, consts: ModelConstants | None = None,
                      progress: Progress | None = None,
                    should_cancel: ShouldCancel | None = None) -> list[Prediction]:
    """Predictions for the optimizer's own list of each applicant's length."""
    from smartpick_desktop.core.model.optimizer import optimize

    c = consts or load_constants()
    out = []
    for i, row in enumerate(rows):
        checkpoint(should_cancel)
        if progress is not None:
            progress(i, len(rows))
        programs = catalog.get(row.specialty, [])
        plan = optimize(row.profile(), programs, max_apps=row.applications, seed=seed,
                        draws=OPTIMIZER_DRAWS, stop_at_knee=False, consts=c)
        expected = plan.expected_interviews
        out.append(Prediction(row, expected, expected / row.applications,
                              plan.p_match if row.outcome is not None else None))
    return out


# --- the report ------------------------------------------------------------------------------

def _baseline_yield(rows: Sequence[OutcomeRow], seed: int) -> np.ndarray:
    """Cross-validated yields of a logistic regression on type + Step 2 CK fitted on the file."""
    n = len(rows)
    types = np.array([APPLICANT_TYPES.index(r.applicant_type) for r in rows])
    score = np.array([np.nan if r.step2_ck is None else r.step2_ck for r in rows], float)
    succ = np.array([r.interviews for r in rows], float)
    trials = np.array([r.applications for r in rows], float)
    pred = np.zeros(n)
    for test in m.folds(n, FOLDS, seed):
        train = np.setdiff1d(np.arange(n), test)
        fill = np.nanmean(score[train]) if np.isfinite(score[train]).any() else 250.0
        s = np.where(np.isnan(score), fill, score)
        centre = float(np.mean(s[train]))
        x = np.column_stack([np.ones(n)] + [(types == t).astype(float) for t in range(1, 4)]
                            + [(s - centre) / 14.0])
        beta = m.fit_logistic(x[train], succ[train], trials[train])
        pred[test] = 1 / (1 + np.exp(-(x[test] @ beta)))
    return pred


def _yield_block(pred: np.ndarray, rep: np.ndarray) -> dict[str, Any]:
    return {"n": int(pred.size), "mean_predicted": float(pred.mean()),
            "mean_reported": float(rep.mean()), "bias": float(pred.mean() - rep.mean()),
            "mae": float(np.mean(np.abs(pred - rep))), "spearman": m.spearman(pred, rep)}


def _quintiles(pred: np.ndarray, rep: np.ndarray) -> list[dict[str, Any]]:
    order = np.argsort(pred, kind="mergesort")
    return [{"n": int(part.size), "predicted": float(pred[part].mean()),
             "reported": float(rep[part].mean())}
            for part in np.array_split(order, 5) if part.size]


def _match_block(preds: Sequence[Prediction], seed: int) -> dict[str, Any] | None:
    have = [p for p in preds if p.p_match is not None and p.row.outcome is not None]
    if not have:
        return None
    p = np.array([x.p_match for x in have], float)
    y = np.array([bool(x.row.matched_categorical) for x in have])
    bins = []
    edges = np.linspace(0, 1, MATCH_BINS + 1)
    idx = np.clip(np.digitize(p, edges[1:-1]), 0, MATCH_BINS - 1)
    for b in range(MATCH_BINS):
        sel = idx == b
        if sel.sum() >= MIN_BIN:
            bins.append({"low": float(edges[b]), "high": float(edges[b + 1]),
                         "n": int(sel.sum()), "predicted": float(p[sel].mean()),
                         "observed": float(y[sel].mean())})
    rate = float(y.mean())
    by_type = {}
    for t in APPLICANT_TYPES:
        sel = np.array([x.row.applicant_type == t for x in have])
        if sel.any():
            by_type[t] = {"n": int(sel.sum()), "predicted": float(p[sel].mean()),
                          "observed": float(y[sel].mean())}
    return {"n": len(have), "brier": m.brier(p, y), "auc": m.auc(p, y),
            "base_rate_brier": m.brier(np.full(y.size, rate), y),
            "mean_predicted": float(p.mean()), "observed_rate": rate, "bins": bins,
            "by_type": by_type, "baseline_brier": _baseline_match_brier(have, seed)}


def _baseline_match_brier(have: Sequence[Prediction], seed: int) -> float | None:
    """Cross-validated Brier of a logistic regression on type + Step 2 CK + log(applications)."""
    n = len(have)
    if n < FOLDS:
        return None
    rows = [x.row for x in have]
    types = np.array([APPLICANT_TYPES.index(r.applicant_type) for r in rows])
    score = np.array([np.nan if r.step2_ck is None else r.step2_ck for r in rows], float)
    y = np.array([bool(r.matched_categorical) for r in rows], float)
    apps = np.log(np.array([r.applications for r in rows], float))
    pred = np.zeros(n)
    for test in m.folds(n, FOLDS, seed):
        train = np.setdiff1d(np.arange(n), test)
        fill = np.nanmean(score[train]) if np.isfinite(score[train]).any() else 250.0
        s = np.where(np.isnan(score), fill, score)
        x = np.column_stack([np.ones(n)] + [(types == t).astype(float) for t in range(1, 4)]
                            + [(s - 250.0) / 14.0, apps - 4.0])
        beta = m.fit_logistic(x[train], y[train], np.ones(train.size), ridge=1.0)
        pred[test] = 1 / (1 + np.exp(-(x[test] @ beta)))
    return m.brier(pred, y)


def _odds_ratio(a: float, b: float) -> float | None:
    if not 0 < a < 1 or not 0 < b < 1:
        return None
    return (a / (1 - a)) / (b / (1 - b))


def _signals_block(preds: Sequence[Prediction]) -> dict[str, Any] | None:
    """Interview rate at signaled and other programs, reported vs predicted (rows that report
    both the signals they sent and the interviews those brought)."""
    have = [p for p in preds if p.row.signals_sent and p.row.signalled_interviews is not None
            and p.signals_placed > 0 and p.row.signals_sent < p.row.applications]
    if not have:
        return None
    sent = sum(p.row.signals_sent for p in have)
    got = sum(p.row.signalled_interviews for p in have)
    other_apps = sum(p.row.applications - p.row.signals_sent for p in have)
    other_got = sum(p.row.interviews - p.row.signalled_interviews for p in have)
    placed = sum(p.signals_placed for p in have)
    pred_sig = sum(p.signalled_interviews for p in have)
    pred_other_apps = sum(p.row.applications - p.signals_placed for p in have)
    pred_other = sum(p.predicted_interviews - p.signalled_interviews for p in have)
    rs, ro = got / sent, other_got / other_apps
    ps, po = pred_sig / placed, pred_other / pred_other_apps
    return {"n": len(have), "reported_signalled": rs, "reported_other": ro,
            "predicted_signalled": ps, "predicted_other": po,
            "reported_odds_ratio": _odds_ratio(rs, ro), "predicted_odds_ratio": _odds_ratio(ps, po)}


def report(preds: Sequence[Prediction], list_rule: str, seed: int = 0) -> dict[str, Any]:
    """The validation report (the ``model validate --json`` object)."""
    rows = [p.row for p in preds]
    pred = np.array([p.predicted_yield for p in preds], float)
    rep = np.array([r.reported_yield for r in rows], float)
    base = _baseline_yield(rows, seed)
    types = np.array([r.applicant_type for r in rows])
    by_type = {t: _yield_block(pred[types == t], rep[types == t])
               for t in APPLICANT_TYPES if (types == t).any()}
    overall = _yield_block(pred, rep)
    return {
        "applicants": len(preds),
        "list_rule": list_rule,
        "interview_yield": {
            "spearman": overall["spearman"], "pearson": m.pearson(pred, rep),
            "mean_predicted": overall["mean_predicted"],
            "mean_reported": overall["mean_reported"], "bias": overall["bias"],
            "mae": overall["mae"], "quintiles": _quintiles(pred, rep), "by_type": by_type,
            "baseline": {"spearman": m.spearman(base, rep),
                         "mae": float(np.mean(np.abs(base - rep)))},
        },
        "match": _match_block(preds, seed),
        "signals": _signals_block(preds) if list_rule == "uniform" else None,
        "rows": [{"id": p.row.id, "predicted_interviews": p.predicted_interviews,
                  "predicted_yield": p.predicted_yield, "p_match": p.p_match} for p in preds],
    }


def validate(rows: Sequence[OutcomeRow], catalog: dict[str, list[Any]], *,
             list_rule: str = "uniform", seed: int = 0, consts: ModelConstants | None = None,
             progress: Progress | None = None,
                    should_cancel: ShouldCancel | None = None) -> dict[str, Any]:
    """Predict every row with ``list_rule`` and return the report."""
    if list_rule not in LIST_RULES:
        raise ValueError(list_rule)
    fn = predict_uniform if list_rule == "uniform" else predict_optimizer
    result = report(fn(rows, catalog, seed=seed, consts=consts, progress=progress,
                       should_cancel=should_cancel), list_rule, seed)
    result["specialties"] = specialty_levels(rows, consts or load_constants())
    return result


LEVEL_BASIS = {"outcomes": "interview level fitted on individual outcomes",
               "survey": "interview level from the NRMP Applicant Survey 2011 (an estimate)",
               "average": "the average specialty's interview level (an estimate)"}


def specialty_levels(rows: Sequence[OutcomeRow], consts: ModelConstants) -> dict[str, Any]:
    """What each specialty of the file rests on: n, interview offset and its basis
    (``outcomes``, ``survey`` or ``average``)."""
    out: dict[str, Any] = {}
    for spec in sorted({r.specialty for r in rows}):
        out[spec] = {"n": sum(r.specialty == spec for r in rows),
                     "interview_offset": consts.specialty_interview_offset(spec),
                     "basis": consts.interview_level_basis(spec)}
    return out


def catalog_for(session: Any, rows: Sequence[OutcomeRow]) -> dict[str, list[Any]]:
    """The catalog's categorical programs of each specialty the rows name."""
    from smartpick_desktop.core.catalog.queries import load_programs

    out = {}
    for spec in sorted({r.specialty for r in rows}):
        out[spec] = [p for p in load_programs(session, specialty=spec)
                     if getattr(p, "track", None) in (None, "categorical")]
    return out


TYPE_LABELS = {"us_md": "US MD", "us_do": "US DO", "us_img": "US IMG",
               "non_us_img": "non-US IMG"}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _num(x: float | None, places: int = 2) -> str:
    return "—" if x is None else f"{x:.{places}f}"


def report_lines(result: dict[str, Any]) -> list[str]:
    """The report in plain lines (the CLI prints them; the GUI shows them)."""
    y = result["interview_yield"]
    rule = ("random eligible programs of the specialty" if result["list_rule"] == "uniform"
            else "the optimizer's own list")
    out = [f"{result['applicants']} applicants, each scored on {rule} of the length they sent."]
    for spec, level in (result.get("specialties") or {}).items():
        out.append(f"  {spec}: {level['n']} applicants; {LEVEL_BASIS[level['basis']]}")
    out += ["",
           "Interview yield (interviews ÷ applications):",
           f"  mean predicted {_pct(y['mean_predicted'])}, mean reported "
           f"{_pct(y['mean_reported'])}, bias {round(y['bias'] * 100, 1) + 0.0:+.1f} points, "
           f"mean absolute error {y['mae'] * 100:.1f} points",
           f"  Spearman ρ {_num(y['spearman'])}, Pearson r {_num(y['pearson'])}",
           f"  Baseline fitted on this file (type + Step 2 CK, 10-fold cross-validated): "
           f"Spearman ρ {_num(y['baseline']['spearman'])}, mean absolute error "
           f"{y['baseline']['mae'] * 100:.1f} points"
           + (" — the model does better" if y["mae"] < y["baseline"]["mae"]
              else " — the model does not beat it on this file"),
           "  By fifth of predicted yield (n, predicted, reported):"]
    for q in y["quintiles"]:
        out.append(f"    {q['n']:>5}  {_pct(q['predicted']):>7}  {_pct(q['reported']):>7}")
    out.append("  By applicant type (n, predicted, reported, bias, error):")
    for t, b in y["by_type"].items():
        out.append(f"    {TYPE_LABELS.get(t, t):<11} {b['n']:>5}  {_pct(b['mean_predicted']):>7}  "
                   f"{_pct(b['mean_reported']):>7}  {round(b['bias'] * 100, 1) + 0.0:+5.1f}  "
                   f"{b['mae'] * 100:5.1f}")
    sig = result.get("signals")
    if sig:
        out += ["", f"Preference signals ({sig['n']} applicants who reported them): interview "
                f"rate at signaled programs {_pct(sig['reported_signalled'])} reported, "
                f"{_pct(sig['predicted_signalled'])} predicted; elsewhere "
                f"{_pct(sig['reported_other'])} reported, {_pct(sig['predicted_other'])} "
                f"predicted (odds ratio {_num(sig['reported_odds_ratio'], 1)} reported, "
                f"{_num(sig['predicted_odds_ratio'], 1)} predicted)."]
    match = result.get("match")
    out.append("")
    if not match:
        out.append("Match: no row reports an outcome.")
        return out
    out += [f"Matching a categorical position in the specialty ({match['n']} applicants who "
            "reported an outcome):",
            f"  mean predicted {_pct(match['mean_predicted'])}, observed "
            f"{_pct(match['observed_rate'])}",
            f"  Brier score {_num(match['brier'], 3)} (base rate alone "
            f"{_num(match['base_rate_brier'], 3)}; baseline fitted on this file "
            f"{_num(match['baseline_brier'], 3)}), AUC {_num(match['auc'])}",
            "  Calibration (predicted range, n, mean predicted, observed):"]
    for b in match["bins"]:
        out.append(f"    {b['low'] * 100:>3.0f}–{b['high'] * 100:<3.0f}% {b['n']:>5}  "
                   f"{_pct(b['predicted']):>7}  {_pct(b['observed']):>7}")
    return out


def validate_file(store: Any, path: Any, *, list_rule: str = "uniform", seed: int = 0,
                  progress: Progress | None = None,
                    should_cancel: ShouldCancel | None = None) -> dict[str, Any]:
    """Read an outcomes file and validate the model on the store's catalog (the CLI's
    ``model validate`` and the GUI's Help → How good are these numbers? both call this)."""
    from pathlib import Path

    from smartpick_desktop.core.catalog.queries import ensure_demo_pack
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.model.outcomes import read_outcomes
    from smartpick_desktop.core.words import plural

    rows = read_outcomes(Path(path))
    with store.session() as session:
        ensure_demo_pack(session)
        catalog = catalog_for(session, rows)
    for spec, programs in catalog.items():
        if not programs:
            n = sum(r.specialty == spec for r in rows)
            raise InputError(f"{Path(path).name}: the catalog has no categorical {spec} "
                             f"programs, so its {plural(n, spec + ' row')} cannot be scored; "
                             "import a catalog that has them (File → Import programs…).")
    return validate(rows, catalog, list_rule=list_rule, seed=seed, progress=progress,
                    should_cancel=should_cancel)

