"""Ranking: chances, fit, tiers, eligibility and reasons true to the numbers."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartpick_desktop.core.model.chances import compute_terms, program_arrays
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.model.ranking import chance_factors, rank_programs, score_programs
from smartpick_desktop.core.model.synthetic import synthetic_programs
from smartpick_desktop.core.profile import Profile

PROFILES = st.builds(
    Profile,
    applicant_type=st.sampled_from(["us_md", "us_do", "us_img", "non_us_img"]),
    specialty=st.just("Internal Medicine"),
    step2_ck=st.one_of(st.none(), st.integers(200, 290)),
    research_items=st.integers(0, 40),
    failed_attempts=st.integers(0, 3),
    us_clinical_months=st.integers(0, 24),
    honors=st.lists(st.sampled_from(["aoa", "gold_humanism", "sigma_sigma_phi"]), unique=True),
    visa=st.sampled_from(["none", "j1", "h1b"]),
    home_state=st.sampled_from([None, "OH", "CA"]),
    preferred_states=st.lists(st.sampled_from(["OH", "MI", "NY"]), unique=True),
    preferred_settings=st.lists(st.sampled_from(["university", "community"]), unique=True),
    graduation_year=st.one_of(st.none(), st.integers(2010, 2027)),
)
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(profile=PROFILES, seed=st.integers(0, 50))
def test_chances_are_probabilities_and_fit_is_0_to_100(profile, seed):
    ranked = rank_programs(profile, synthetic_programs(25, seed))
    for r in ranked:
        for p in (r.p_interview, r.p_interview_signal):
            assert math.isfinite(p) and 0.0 <= p <= 1.0
        assert math.isfinite(r.fit) and 0.0 <= r.fit <= 100.0
        assert r.p_interview_signal >= r.p_interview
        assert r.tier in ("reach", "target", "likely", "ineligible")
        assert r.reasons and all(isinstance(x, str) for x in r.reasons)
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))


@FAST
@given(profile=PROFILES, seed=st.integers(0, 50), low=st.integers(200, 280),
       bump=st.integers(1, 20))
def test_raising_step2_never_lowers_any_chance(profile, seed, low, bump):
    programs = synthetic_programs(25, seed)
    lo = score_programs(dataclasses.replace(profile, step2_ck=low), programs)
    hi = score_programs(dataclasses.replace(profile, step2_ck=low + bump), programs)
    assert np.all(hi.p_interview >= lo.p_interview - 1e-12)
    assert np.all(hi.p_interview_signal >= lo.p_interview_signal - 1e-12)


@FAST
@given(profile=PROFILES, seed=st.integers(0, 50), picks=st.sets(st.integers(1, 25)))
def test_adding_a_signal_never_lowers_a_chance(profile, seed, picks):
    programs = synthetic_programs(25, seed)
    base = score_programs(profile, programs)
    for level in ("gold", "silver", "signal"):
        sig = score_programs(profile, programs, signalled={p: level for p in picks})
        assert np.all(sig.p_interview >= base.p_interview - 1e-12)
        for i, p in enumerate(programs):
            if p.program_id in picks and p.signals_accepted is not False and base.terms.eligible[i]:
                assert sig.p_interview[i] > base.p_interview[i]


def test_program_without_the_needed_visa_is_ineligible_with_chance_zero():
    programs = synthetic_programs(30, seed=3)
    profile = Profile(applicant_type="non_us_img", specialty="Internal Medicine", step2_ck=250,
                      visa="j1")
    ranked = rank_programs(profile, programs)
    blocked = [r for r in ranked if r.program.visa_j1 is False]
    assert blocked
    for r in blocked:
        assert not r.eligible and r.tier == "ineligible"
        assert r.p_interview == 0.0 and r.p_interview_signal == 0.0
        assert "J-1" in r.reasons[0] and "0%" in r.reasons[0]
    first_blocked = min(r.rank for r in blocked)
    assert all(r.eligible for r in ranked if r.rank < first_blocked)
    assert all(not r.eligible for r in ranked if r.rank >= first_blocked)
    # an H-1B need blocks on the H-1B flag only
    h1b = rank_programs(dataclasses.replace(profile, visa="h1b"), programs)
    assert all(r.eligible == (r.program.visa_h1b is not False) for r in h1b)


_SENTENCE = re.compile(r": (raises|lowers) the odds ×(\d+\.\d\d)$")


@FAST
@given(profile=PROFILES, seed=st.integers(0, 50))
def test_reasons_agree_in_sign_order_and_size_with_the_logit_terms(profile, seed):
    c = load_constants()
    programs = synthetic_programs(20, seed)
    signalled = {programs[0].program_id: "gold", programs[1].program_id: "silver"}
    ranked = rank_programs(profile, programs, signalled=signalled)
    arr = program_arrays(programs, c)
    terms = compute_terms(profile, arr, signals=signalled, consts=c)
    eta = terms.eta()
    for r in ranked:
        i = programs.index(r.program)
        if not r.eligible:
            continue
        factors = chance_factors(terms, arr, i, c)
        # the factors are the whole log-odds apart from the intercept
        assert math.isclose(c["intercept"] + sum(f.logit for f in factors), eta[i],
                            abs_tol=1e-9)
        sizes = [abs(f.logit) for f in factors]
        assert sizes == sorted(sizes, reverse=True)
        sentences = r.reasons[:len(factors)]
        assert len(sentences) == len(factors)
        for f, text in zip(factors, sentences, strict=True):
            m = _SENTENCE.search(text)
            assert m, text
            assert (m.group(1) == "raises") == (f.logit > 0)
            assert m.group(2) == f"{math.exp(f.logit):.2f}"
        last = r.reasons[-1]
        if last.startswith("A "):
            nums = [int(x) for x in re.findall(r"(\d+)%", last)]
            assert nums == [round(r.p_interview * 100), round(r.p_interview_signal * 100)]


def test_step2_sentence_states_the_true_gap():
    programs = synthetic_programs(10, seed=5)
    profile = Profile(specialty="Internal Medicine", step2_ck=248)
    for r in rank_programs(profile, programs):
        if not r.eligible:
            continue
        step = next(t for t in r.reasons if "Step 2 CK 248" in t)
        typical = int(re.search(r"\((\d+)", step).group(1))
        gap = 248 - typical
        if gap > 0:
            assert f"{gap} points above" in step and "raises" in step
        elif gap < 0:
            assert f"{-gap} points below" in step and "lowers" in step


def test_fit_reasons_and_preferences():
    programs = synthetic_programs(40, seed=2)
    profile = Profile(specialty="Internal Medicine", step2_ck=245, home_state="OH",
                      home_city="Columbus", preferred_states=["OH", "MI"],
                      preferred_settings=["university"])
    ranked = rank_programs(profile, programs)
    for r in ranked:
        for text in r.fit_reasons:
            m = re.search(r"(raises|lowers) fit by (\d+)", text)
            assert m, text
        if r.program.state in ("OH", "MI") and r.program.stars == 0:
            assert any("raises fit" in t and "Location" in t for t in r.fit_reasons)
    assert any(r.program.state in ("OH", "MI") and r.program.stars == 0 for r in ranked)
    # The same program in the preferred setting fits better than in another one.
    base = dataclasses.replace(programs[0], state="OH", stars=0, reputation=None)
    uni, com = rank_programs(profile, [dataclasses.replace(base, setting="university"),
                                       dataclasses.replace(base, setting="community",
                                                           program_id=base.program_id + 1)])
    assert uni.program.setting == "university" and com.program.setting == "community"
    assert uni.fit > com.fit


def test_same_inputs_same_outputs():
    programs = synthetic_programs(50, seed=4)
    profile = Profile(specialty="Internal Medicine", step2_ck=240, applicant_type="us_img")
    a = rank_programs(profile, programs)
    b = rank_programs(profile, programs)
    assert [(r.program.program_id, r.p_interview, r.fit, r.reasons) for r in a] == \
        [(r.program.program_id, r.p_interview, r.fit, r.reasons) for r in b]


def test_tiers_follow_the_documented_thresholds():
    c = load_constants()
    for r in rank_programs(Profile(specialty="Internal Medicine", step2_ck=255),
                           synthetic_programs(60, seed=6)):
        if not r.eligible:
            continue
        expected = ("likely" if r.p_interview >= c["tier_likely_from"] else
                    "target" if r.p_interview >= c["tier_reach_below"] else "reach")
        assert r.tier == expected


def test_empty_list_and_estimated_competitiveness_is_flagged():
    assert rank_programs(Profile(), []) == []
    programs = synthetic_programs(30, seed=7)
    ranked = rank_programs(Profile(specialty="Internal Medicine", step2_ck=250), programs)
    for r in ranked:
        if r.eligible and r.program.typical_step2 is None:
            assert any("estimated by the model" in t for t in r.reasons)


def test_a_tier_follows_the_whole_percent_shown():
    from smartpick_desktop.core.model.tiers import tier_of, tiers_for

    assert f"{0.4996 * 100:.0f}%" == "50%" and tier_of(0.4996) == "likely"
    assert tier_of(0.494) == "target" and tier_of(0.196) == "target"
    assert tier_of(0.194) == "reach" and tier_of(0.9, eligible=False) == "ineligible"
    tiers = tiers_for(np.array([0.4996, 0.30, 0.10]), np.array([True, True, False]))
    assert list(tiers) == ["likely", "target", "ineligible"]
