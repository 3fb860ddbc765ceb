"""Calibration: the simulated population reproduces the NRMP match rates by applicant type of the
latest shipped year (2026), with the interview step fitted on individual outcomes."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartpick_desktop.core.model import calibration as cal
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.reference import APPLICANT_TYPES, load_reference


def test_model_check_is_within_three_points_for_every_applicant_type():
    rows = cal.check()
    ref = load_reference()
    year, rates = ref.match_rates_for(ref.latest_match_year)
    assert year == 2026 and cal.calibration_year() == year
    assert [r.applicant_type for r in rows] == list(APPLICANT_TYPES)
    for r in rows:
        assert r.published == float(rates[r.applicant_type].value) and r.year == year
        assert abs(r.model - r.published) <= 0.03, r
        assert "NRMP" in r.source and "2026" in r.source
    # docs/model.md's table shows what `model check` prints today
    doc = (Path(__file__).resolve().parents[3] / "docs" / "model.md").read_text(encoding="utf-8")
    labels = ("US MD seniors", "US DO seniors", "US citizen IMGs", "non-US citizen IMGs")
    for label, r in zip(labels, rows, strict=True):
        assert f"| {label} | {r.model * 100:.1f}% | {r.published * 100:.1f}% |" in doc, label


def test_check_really_simulates():
    """Breaking a constant moves the simulated rates: they are not copied from the figures."""
    c = load_constants()
    worse = cal.with_values(c, {"intercept": c["intercept"] - 2.0})
    rows = {r.applicant_type: r.model for r in cal.check(consts=worse, per_type=1500)}
    assert rows["us_md"] < 0.85 and rows["non_us_img"] < 0.45
    other_seed = {r.applicant_type: r.model for r in cal.check(seed=123, per_type=1500)}
    assert other_seed != {r.applicant_type: r.model for r in cal.check(per_type=1500)}


def test_shipped_constants_are_the_fitted_ones():
    """The match step's shipped constants are what the fit gives (same population and seed)."""
    fitted = cal.fit_parameters()
    c = load_constants()
    assert {"match_intercept", "interview_factor_sd", "match_offset_family_medicine",
            "match_type_offset_us_img"} <= set(fitted)
    for key, value in fitted.items():
        assert c[key] == pytest.approx(value, abs=0.01), key


def test_every_constant_has_a_source_and_a_basis():
    c = load_constants()
    assert len(c.figures) >= 30
    for key, fig in c.figures.items():
        assert fig.source.title and fig.cite(), key
        assert fig.note or key.startswith("type_offset"), key
    assert c.signal_multiplier("gold") > c.signal_multiplier("signal") > \
        c.signal_multiplier("silver") > 1
    assert c.signal_multiplier("signal") == load_reference().signal_odds_multiplier.value


def test_rank_curve_reproduces_the_family_medicine_points():
    """Typical FM US senior: 1 and 2 ranks within 4 points of 80% / 84%; >= 97% from 11 on."""
    rows = cal.rank_check()
    assert [r.ranks for r in rows] == [1, 2, 11]
    one, two, many = rows
    assert one.published == pytest.approx(0.80) and two.published == pytest.approx(0.84)
    assert abs(one.model - 0.80) <= 0.04 and abs(two.model - 0.84) <= 0.04
    assert many.at_least and many.model >= 0.97
    assert all(r.within and "Family Medicine" in r.source + r.label for r in rows)
    from smartpick_desktop.core.model.p_match import p_match_given_ranks

    curve = p_match_given_ranks(cal.typical_fm_senior(), max_ranks=20).p_match
    assert curve[0] == pytest.approx(one.model) and min(curve[10:]) >= 0.97
    assert all(b >= a for a, b in zip(curve, curve[1:], strict=False))


def test_rank_check_really_computes():
    """Without the interview-performance factor the curve is the old, too optimistic one."""
    c = load_constants()
    independent = cal.rank_check(cal.with_values(c, {"interview_factor_sd": 0.0}))
    assert independent[1].model > 0.9 and not independent[1].within
