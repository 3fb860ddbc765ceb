"""Interview season: Bayesian update of the applicant factor and the rank order list curve."""

from __future__ import annotations

import dataclasses

import numpy as np

from smartpick_desktop.core.model.season import (
    posterior_from_outcomes,
    rol_curve,
    season_outlook,
    season_posterior,
)
from smartpick_desktop.core.model.synthetic import synthetic_programs
from smartpick_desktop.core.profile import Profile

PROFILE = Profile(specialty="Internal Medicine", step2_ck=245)


def _with_status(programs, statuses):
    return [dataclasses.replace(p, status=s) for p, s in zip(programs, statuses, strict=False)]


def test_invites_raise_and_rejections_lower_the_applicant_factor():
    eta = np.full(10, -1.0)
    none = posterior_from_outcomes(eta[:0], np.zeros(0))
    assert abs(none.factor.mean) < 1e-9
    good = posterior_from_outcomes(eta, np.ones(10))
    bad = posterior_from_outcomes(eta, np.zeros(10))
    assert good.factor.mean > 0.5 > 0 > -0.3 > bad.factor.mean
    assert good.factor.sd < good.prior.sd
    assert abs(good.factor.weights.sum() - 1) < 1e-12


def test_statuses_drive_the_posterior_and_p_match():
    programs = synthetic_programs(30, 2)
    for p in programs:
        p.visa_j1 = p.visa_h1b = None
    applied = _with_status(programs, ["applied"] * 30)
    start = season_outlook(PROFILE, applied)
    assert start.posterior.evidence == 0
    assert abs(start.p_match_now - start.p_match_prior) < 1e-9
    invited = _with_status(programs, ["invited"] * 6 + ["interviewed"] * 2 + ["applied"] * 22)
    up = season_outlook(PROFILE, invited)
    assert up.posterior.invites == 8 and up.posterior.factor.mean > 0
    assert up.p_match_now > up.p_match_prior
    rejected = _with_status(programs, ["rejected"] * 20 + ["applied"] * 10)
    down = season_outlook(PROFILE, rejected)
    assert down.posterior.rejections == 20 and down.posterior.factor.mean < 0
    assert down.p_match_now < down.p_match_prior
    assert "20 rejected" in down.explanation() and "worse than" in down.explanation()
    withdrawn = _with_status(programs, ["withdrawn"] * 30)
    assert season_posterior(PROFILE, withdrawn).evidence == 0


def test_rank_order_list_curve_never_decreases():
    programs = synthetic_programs(12, 4)
    post = season_posterior(PROFILE, _with_status(programs, ["interviewed"] * 12))
    curve = rol_curve(PROFILE, programs, post)
    assert len(curve) == 12
    assert all(b >= a for a, b in zip(curve, curve[1:], strict=False))
    assert 0 < curve[0] < curve[-1] <= 1
    assert rol_curve(PROFILE, []) == []


def test_seven_invitations_give_a_high_but_uncertain_p_match():
    """Outcomes after interviews share the interview-performance factor v: 7 invitations do
    not make a match certain (the old independent model showed 100%)."""
    from smartpick_desktop.core.model.p_match import percent_text

    programs = synthetic_programs(30, 2)
    for p in programs:
        p.visa_j1 = p.visa_h1b = None
    only = season_outlook(PROFILE, _with_status(programs, ["invited"] * 7 + ["rejected"] * 23))
    assert 0.85 < only.p_match_now < 0.99
    assert percent_text(only.p_match_now) != "100%" and "100%" not in only.explanation()
    # with 23 answers still pending (and a factor raised by 7 of 7) it is higher, still not 100%
    seven = season_outlook(PROFILE, _with_status(programs, ["invited"] * 7 + ["applied"] * 23))
    assert only.p_match_now < seven.p_match_now < 0.999
    assert "100%" not in seven.explanation()


def test_rank_order_list_curve_is_not_near_certain_after_two_ranks():
    programs = synthetic_programs(12, 4)
    curve = rol_curve(PROFILE, programs)
    assert curve[1] < 0.93          # was about 0.99 with independent outcomes
    assert curve[1] - curve[0] < 0.15
    assert curve[-1] > curve[1]


def test_percent_text_never_rounds_to_certainty():
    from smartpick_desktop.core.model.p_match import percent_text

    assert percent_text(0.9949) == "99%" and percent_text(0.9951) == "99.5%"
    assert percent_text(0.9994) == "99.9%"
    assert percent_text(0.9995) == "100%"
    assert percent_text(0.87) == "87%"
    assert percent_text(0.003) == "0.3%" and percent_text(0.0001) == "0%"
