"""The validation report against self-reported outcomes (docs/model.md, "Validation")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from smartpick_desktop.core.model import metrics
from smartpick_desktop.core.model.basis import shipped_report
from smartpick_desktop.core.model.outcomes import read_outcomes
from smartpick_desktop.core.model.validation import (
    catalog_for,
    report_lines,
    validate,
)

# The outcomes sheet is referenced beside the project (../shared/testdata), never copied in; the
# module is collected only where it is there (tests/conftest.py).
GS = next(p / "shared" / "testdata" / "outcomes" / "gs-2024-25.csv"
          for p in Path(__file__).resolve().parents if (p / "shared" / "testdata").is_dir())


def test_metrics_agree_with_hand_computed_values():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert metrics.spearman(x, x ** 3) == pytest.approx(1.0)
    assert metrics.spearman(x, -x) == pytest.approx(-1.0)
    assert list(metrics.ranks(np.array([3.0, 1.0, 3.0]))) == [2.5, 1.0, 2.5]
    assert metrics.auc(np.array([0.9, 0.8, 0.2, 0.1]), np.array([1, 1, 0, 0])) == 1.0
    assert metrics.auc(np.array([0.1, 0.9]), np.array([1, 0])) == 0.0
    assert metrics.auc(np.array([0.5, 0.5]), np.array([1, 0])) == 0.5
    assert metrics.brier(np.array([1.0, 0.0]), np.array([1, 1])) == 0.5
    beta = metrics.fit_logistic(np.ones((2, 1)), np.array([30.0, 10.0]), np.array([100.0, 100.0]))
    assert 1 / (1 + np.exp(-beta[0])) == pytest.approx(0.2, abs=1e-3)


@pytest.fixture(scope="module")
def gs_report(tmp_path_factory):
    from smartpick_desktop.core.catalog.queries import ensure_demo_pack
    from smartpick_desktop.core.datafolder import open_store

    rows = read_outcomes(GS)
    store = open_store(tmp_path_factory.mktemp("data"))
    with store.session() as session:
        ensure_demo_pack(session)
        catalog = catalog_for(session, rows)
    store.close()
    return validate(rows, catalog)


def test_the_general_surgery_sheet_meets_the_published_bar(gs_report):
    y, match = gs_report["interview_yield"], gs_report["match"]
    assert gs_report["applicants"] == 345 and gs_report["list_rule"] == "uniform"
    assert y["spearman"] >= 0.72 and y["mae"] <= 0.080
    assert y["mae"] < y["baseline"]["mae"]
    for q in y["quintiles"]:
        assert abs(q["predicted"] - q["reported"]) <= 0.04, q
    for kind, block in y["by_type"].items():
        if block["n"] >= 25:
            assert abs(block["bias"]) <= 0.03, kind
    assert match["brier"] <= 0.16 and match["brier"] < match["base_rate_brier"]
    for b in match["bins"]:
        if b["n"] >= 15:
            assert abs(b["predicted"] - b["observed"]) <= 0.10, b
    assert len(gs_report["rows"]) == 345
    assert all(0 <= r["predicted_yield"] <= 1 for r in gs_report["rows"])


def test_the_report_reads_as_sentences(gs_report):
    text = "\n".join(report_lines(gs_report))
    assert "345 applicants" in text and "Baseline fitted on this file" in text
    assert "General Surgery: 345 applicants; interview level fitted on individual outcomes" in text
    assert "Brier score" in text and "Calibration" in text


def test_the_shipped_report_names_its_source_and_matches_today_s_model(gs_report):
    shipped = shipped_report()
    assert shipped is not None and "gensurg-funnel" in shipped["source"]["title"]
    assert shipped["report"]["applicants"] == 345
    # the shipped figures are the ones this build's model gives (a refit must rewrite them)
    assert shipped["report"]["interview_yield"]["mae"] == pytest.approx(
        gs_report["interview_yield"]["mae"], abs=1e-6)
    assert shipped["optimizer"]["interview_yield"]["bias"] <= 0.04


def test_the_report_says_what_each_specialty_s_level_rests_on(gs_report):
    import dataclasses

    from smartpick_desktop.core.model.constants import load_constants
    from smartpick_desktop.core.model.validation import specialty_levels

    assert gs_report["specialties"] == {"General Surgery": {
        "n": 345, "interview_offset": pytest.approx(-0.816, abs=0.5), "basis": "outcomes"}}
    rows = read_outcomes(GS)[:6]
    mixed = [dataclasses.replace(r, specialty=s) for r, s in zip(
        rows, ["Dermatology", "Dermatology", "Urology", "Internal Medicine",
               "General Surgery", "Family Medicine"], strict=True)]
    levels = specialty_levels(mixed, load_constants())
    assert {k: v["basis"] for k, v in levels.items()} == {
        "Dermatology": "survey", "Family Medicine": "survey", "General Surgery": "outcomes",
        "Internal Medicine": "average", "Urology": "average"}
    assert levels["Dermatology"]["n"] == 2 and levels["Dermatology"]["interview_offset"] < -1
    assert levels["Urology"]["interview_offset"] == 0.0
    lines = report_lines({**gs_report, "specialties": levels})
    assert any("Dermatology: 2 applicants; interview level from the NRMP Applicant Survey 2011"
               in line for line in lines)
