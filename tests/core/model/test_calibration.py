"""Calibration: the simulated population reproduces NRMP 2025 match rates by applicant type."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.model import calibration as cal
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.reference import APPLICANT_TYPES, load_reference


def test_model_check_is_within_three_points_for_every_applicant_type():
    rows = cal.check()
    ref = load_reference()
    assert [r.applicant_type for r in rows] == list(APPLICANT_TYPES)
    for r in rows:
        assert r.published == float(ref.match_rates[r.applicant_type].value)
        assert abs(r.model - r.published) <= 0.03, r
        assert r.source and "NRMP" in r.source


def test_check_really_simulates():
    """Breaking a constant moves the simulated rates: they are not copied from the figures."""
    c = load_constants()
    worse = cal.with_values(c, {"intercept": c["intercept"] - 2.0})
    rows = {r.applicant_type: r.model for r in cal.check(consts=worse, per_type=1500)}
    assert rows["us_md"] < 0.85 and rows["non_us_img"] < 0.45
    other_seed = {r.applicant_type: r.model for r in cal.check(seed=123, per_type=1500)}
    assert other_seed != {r.applicant_type: r.model for r in cal.check(per_type=1500)}


def test_shipped_constants_are_the_fitted_ones():
    fitted = cal.fit_parameters(per_type=2000)
    c = load_constants()
    for key, value in fitted.items():
        assert c[key] == pytest.approx(value, abs=0.25), key


def test_every_constant_has_a_source_and_a_basis():
    c = load_constants()
    assert len(c.figures) >= 30
    for key, fig in c.figures.items():
        assert fig.source.title and fig.cite(), key
        assert fig.note or key.startswith("type_offset"), key
    assert c.signal_multiplier("gold") > c.signal_multiplier("signal") > \
        c.signal_multiplier("silver") > 1
    assert c.signal_multiplier("signal") == load_reference().signal_odds_multiplier.value
