#!/usr/bin/env python3
"""Refit the model's fitted constants and write them into ``resources/reference/model.json``.

    .venv/bin/python scripts/fit_model.py OUTCOMES.csv [--dry-run]

Steps (docs/model.md, "Calibration"):

1. Interview step, by least squares on individual outcomes (each applicant's reported
   interview yield against the predicted yield of random lists of their length in the shipped
   demo catalog): the intercept, the Step 2 CK slope, the weight of the other profile terms and
   the type offsets. That level is the sheet specialty's own; it is split into the average
   specialty's intercept and the specialty's interview offset with the survey's applications
   per applicant (``specialty_level``). Specialties without individual outcomes get their level
   from the NRMP Applicant Survey 2011 against Internal Medicine (``survey_levels``;
   ``--survey-only`` refits just these).
2. COMLEX Level 2-CE to Step 2 CK concordance: least squares on applicants who reported both.
3. Match step, against published rates (core.model.calibration.fit_parameters): sigma_v and the
   Family Medicine rank points, then the national intercept and the match offsets by type.
4. The specialty's match offsets (US graduates, IMGs) for categorical positions, by least
   squares on the reported outcomes (Brier score).
5. The uncertainty shown with every headline figure (``uncertainty_logit``), from how far the
   validation's groups stray, and the shipped report (``resources/model/validation.json``,
   shown by Help → How good are these numbers?).

Needs SciPy (a development tool only: ``pip install scipy``). The outcomes file is not shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import minimize, minimize_scalar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import constants_table  # noqa: E402  (scripts/ is on sys.path when run as a script)

from smartpick_desktop.core.catalog.queries import ensure_demo_pack  # noqa: E402
from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.model import constants as constants_mod  # noqa: E402
from smartpick_desktop.core.model.basis import SHIPPED_REPORT  # noqa: E402
from smartpick_desktop.core.model.calibration import fit_parameters, with_values  # noqa: E402
from smartpick_desktop.core.model.constants import specialty_slug  # noqa: E402
from smartpick_desktop.core.model.outcomes import read_outcomes  # noqa: E402
from smartpick_desktop.core.model.validation import (  # noqa: E402
    catalog_for,
    predict_uniform,
    validate,
)
from smartpick_desktop.core.reference import load_reference  # noqa: E402
from smartpick_desktop.core.resources import resource_path  # noqa: E402

INTERVIEW_KEYS = ("intercept", "strength_slope", "profile_scale", "type_offset_us_do",
                  "type_offset_us_img", "type_offset_non_us_img")


def interview_step(rows, catalog, consts) -> dict[str, float]:
    """Least squares on interview yields, each applicant counting once (as the validation
    counts them; a binomial likelihood would let the IMGs' 150 applications each dominate)."""
    reported = np.array([r.reported_yield for r in rows], float)

    def nll(theta):
        c = with_values(consts, dict(zip(INTERVIEW_KEYS, theta, strict=True)))
        p = np.array([x.predicted_yield for x in
                      predict_uniform(rows, catalog, consts=c, with_match=False)])
        return float(np.sum((p - reported) ** 2)) * 1000

    start = [consts[key] for key in INTERVIEW_KEYS]
    res = minimize(nll, start, method="Nelder-Mead",
                   options={"xatol": 1e-3, "fatol": 1e-2, "maxiter": 400})
    print(f"interview step: squared error {res.fun / 1000:.3f} after {res.nfev} evaluations")
    return {key: round(float(v), 3) for key, v in zip(INTERVIEW_KEYS, res.x, strict=True)}


def specialty_level(rows, catalog, consts) -> dict[str, float]:
    """Split the fitted interview level into the average specialty's intercept and each sheet
    specialty's offset: the offset x where the sheet's US graduates, at programs of the same
    level in an average specialty, see a mean yield larger by the survey's ratio of
    applications (same interviews from 58.2 applications in surgery, 36.4 on average)."""
    ratio = (consts["interview_survey_applications_surgery"]
             / consts["interview_survey_applications_average"])
    out: dict[str, float] = {}
    for spec in sorted({r.specialty for r in rows}):
        key = f"interview_offset_{specialty_slug(spec)}"
        if key not in consts.figures:
            continue
        sel = [r for r in rows if r.specialty == spec and r.applicant_type in ("us_md", "us_do")]
        cat = {spec: catalog[spec]}
        level = consts["intercept"] + consts[key]

        def mean_yield(intercept, key=key, sel=sel, cat=cat):
            c = with_values(consts, {"intercept": intercept, key: 0.0})
            return float(np.mean([x.predicted_yield for x in
                                  predict_uniform(sel, cat, consts=c, with_match=False)]))

        target = ratio * mean_yield(level)
        res = minimize_scalar(lambda x, lv=level, t=target: (mean_yield(lv + x) - t) ** 2,
                              bounds=(0.0, 3.0), method="bounded", options={"xatol": 1e-3})
        x = round(float(res.x), 3)
        print(f"{key}: {-x:.3f} (average specialty {target:.3f} vs {target / ratio:.3f})")
        out["intercept"] = round(level + x, 3)
        out[key] = -x
    return out


def survey_levels(rows, catalog, consts) -> dict[str, dict]:
    """The interview offsets of specialties without individual outcomes, from the published
    survey of median applications and interviews offered by specialty (specialties.json
    ``survey``; NRMP Applicant Survey 2011, US seniors). Internal Medicine is the average
    specialty (``AVERAGE_SPECIALTY``): a specialty whose interviews per application were r times
    Internal Medicine's gets the offset at which the sheet's US graduates, at programs of the
    same level, see r times the average specialty's mean yield. Specialties fitted on
    individual outcomes keep their fit. Returns model.json figure objects."""
    ref = load_reference()
    anchor = ref.specialties[constants_mod.AVERAGE_SPECIALTY].survey
    sheet = sorted({r.specialty for r in rows})
    sel = [r for r in rows if r.applicant_type in ("us_md", "us_do")]
    zero = {f"interview_offset_{specialty_slug(s)}": 0.0 for s in sheet}

    def mean_yield(x):
        c = with_values(consts, {**zero, "intercept": consts["intercept"] + x})
        return float(np.mean([p.predicted_yield for p in
                              predict_uniform(sel, catalog, consts=c, with_match=False)]))

    base = mean_yield(0.0)
    out: dict[str, dict] = {}
    for name, spec in sorted(ref.specialties.items()):
        if spec.survey is None or name in sheet or name == constants_mod.AVERAGE_SPECIALTY:
            continue
        ratio = spec.survey.interview_yield / anchor.interview_yield
        res = minimize_scalar(lambda x, t=ratio * base: (mean_yield(x) - t) ** 2,
                              bounds=(-4.0, 4.0), method="bounded", options={"xatol": 1e-3})
        x = round(float(res.x), 3)
        print(f"{name}: offset {x:+.3f} (yield ratio {ratio:.2f}: {base:.3f} -> "
              f"{mean_yield(x):.3f})")
        out[f"interview_offset_{specialty_slug(name)}"] = {
            "value": x, "year": 2011, "source": "smartpick_survey_levels", "unit": "logit",
            "estimated": True,
            "note": (f"{name}'s interview step against the average specialty (Internal "
                     f"Medicine): US seniors sent a median {spec.survey.applications.value} "
                     f"applications for {spec.survey.interviews.value} interview offers, "
                     f"against {anchor.applications.value} for {anchor.interviews.value} in "
                     f"Internal Medicine (NRMP Applicant Survey 2011), {ratio:.2f} times the "
                     "interviews per application. The offset gives US graduates that ratio of "
                     "mean interview yield at programs of the same level (scripts/fit_model.py)."
                     " No individual outcomes of this specialty were fitted: an estimate."),
        }
    return out


def concordance(rows) -> dict[str, float]:
    pairs = np.array([(r.comlex_level2, r.step2_ck) for r in rows
                      if r.comlex_level2 is not None and r.step2_ck is not None
                      and r.comlex_level2 >= 200], float)
    if len(pairs) < 20:
        return {}
    slope, intercept = np.polyfit(pairs[:, 0], pairs[:, 1], 1)
    r = np.corrcoef(pairs[:, 0], pairs[:, 1])[0, 1]
    print(f"COMLEX -> Step 2 CK: {slope:.4f} x + {intercept:.1f} (n = {len(pairs)}, r = {r:.2f})")
    return {"comlex_to_step2_slope": round(float(slope), 4),
            "comlex_to_step2_intercept": round(float(intercept), 1)}


def specialty_offsets(rows, catalog, consts) -> dict[str, float]:
    have = [r for r in rows if r.outcome is not None]
    out = {}
    for group, types in (("us", ("us_md", "us_do")), ("img", ("us_img", "non_us_img"))):
        for spec in sorted({r.specialty for r in have}):
            sel = [r for r in have if r.specialty == spec and r.applicant_type in types]
            if len(sel) < 15:
                continue
            key = f"match_offset_{specialty_slug(spec)}_{group}"
            y = np.array([r.outcome == "matched" for r in sel], float)

            def brier(x, key=key, sel=sel, y=y):
                c = with_values(consts, {key: x})
                p = np.array([q.p_match for q in predict_uniform(sel, catalog, consts=c)])
                return float(np.mean((p - y) ** 2))

            res = minimize_scalar(brier, bounds=(-8, 4), method="bounded",
                                  options={"xatol": 0.01})
            print(f"{key}: {res.x:.3f} (Brier {res.fun:.3f}, n = {len(sel)})")
            out[key] = round(float(res.x), 3)
    return out


def _logit(p: float) -> float:
    p = min(max(p, 1e-3), 1 - 1e-3)
    return float(np.log(p / (1 - p)))


def uncertainty(report: dict) -> float:
    """The largest log-odds gap between mean predicted and reported over the report's groups
    (types and fifths with 25+ applicants, match bins with 15+), rounded up to 0.1, >= 0.3."""
    y = report["interview_yield"]
    gaps = [abs(_logit(b["mean_predicted"]) - _logit(b["mean_reported"]))
            for b in y["by_type"].values() if b["n"] >= 25]
    gaps += [abs(_logit(q["predicted"]) - _logit(q["reported"])) for q in y["quintiles"]
             if q["n"] >= 25]
    if report["match"]:
        gaps += [abs(_logit(b["predicted"]) - _logit(b["observed"]))
                 for b in report["match"]["bins"] if b["n"] >= 15]
    return max(0.3, float(np.ceil(max(gaps) * 10) / 10))


def write_survey_levels(levels: dict[str, dict]) -> None:
    """Replace the survey-level offsets in model.json (after the sheet specialties' own)."""
    path = resource_path("reference", "model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    constants = {k: v for k, v in data["constants"].items()
                 if v.get("source") != "smartpick_survey_levels"}
    out = {}
    for key, value in constants.items():
        out[key] = value
        if key == "interview_survey_applications_average":
            out.update(levels)
    data["constants"] = out
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {len(levels)} survey levels to {path}")


def write_shipped(path_name: str, uniform: dict, optimizer: dict | None, n_rows: int) -> None:
    source = {"title": "Validation against self-reported General Surgery outcomes, 2024-25 "
                       "season (crowd-sourced sheet saieeshb/gensurg-funnel)",
              "publisher": "SmartPick (scripts/fit_model.py)", "year": 2025,
              "note": f"{n_rows} pseudonymous, voluntary self-reports: biased toward engaged "
                      "applicants, with small subgroups. The model was also fitted to this "
                      "file, so these figures are in-sample; other specialties have no "
                      "individual evidence yet.",
              "file": path_name}
    strip = {k: v for k, v in uniform.items() if k != "rows"}
    data = {"source": source, "report": strip}
    if optimizer is not None:
        data["optimizer"] = {k: v for k, v in optimizer.items() if k != "rows"}
    target = resource_path(*SHIPPED_REPORT)
    target.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"Wrote {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outcomes", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--skip-interview", action="store_true")
    parser.add_argument("--skip-optimizer", action="store_true")
    parser.add_argument("--report-only", action="store_true",
                        help="only rewrite the shipped validation report")
    parser.add_argument("--survey-only", action="store_true",
                        help="only refit the survey levels of the other specialties")
    args = parser.parse_args()
    rows = read_outcomes(args.outcomes)
    store = open_store(Path(tempfile.mkdtemp()))
    with store.session() as session:
        ensure_demo_pack(session)
        catalog = catalog_for(session, rows)
    consts = constants_mod.read_constants()
    if args.report_only:
        uniform = validate(rows, catalog, consts=consts)
        optimizer = validate(rows, catalog, list_rule="optimizer", consts=consts)
        write_shipped(args.outcomes.name, uniform, optimizer, len(rows))
        return 0
    if args.survey_only:
        levels = survey_levels(rows, catalog, consts)
        if not args.dry_run:
            write_survey_levels(levels)
            constants_table.main()
        return 0
    values: dict[str, float] = {}
    values.update(concordance(rows))
    consts = with_values(consts, values)
    if not args.skip_interview:
        values.update(interview_step(rows, catalog, consts))
        consts = with_values(consts, values)
    values.update(specialty_level(rows, catalog, consts))
    consts = with_values(consts, values)
    print(values)
    national = fit_parameters(consts=consts)
    print(national)
    values.update(national)
    consts = with_values(consts, values)
    values.update(specialty_offsets(rows, catalog, consts))
    consts = with_values(consts, values)
    uniform = validate(rows, catalog, consts=consts)
    values["uncertainty_logit"] = uncertainty(uniform)
    consts = with_values(consts, values)
    optimizer = None if args.skip_optimizer else validate(rows, catalog, list_rule="optimizer",
                                                          consts=consts)
    print(json.dumps(values, indent=1))
    if not args.dry_run:
        path = resource_path("reference", "model.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in values.items():
            data["constants"][key]["value"] = value
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Wrote {path}")
        write_survey_levels(survey_levels(rows, catalog, consts))
        constants_table.main()
        write_shipped(args.outcomes.name, uniform, optimizer, len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
