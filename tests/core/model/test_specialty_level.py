"""The interview step's specialty level: General Surgery invites a smaller share of its
applicants than the average specialty, and the reasons say so."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from smartpick_desktop.core.model.chances import compute_terms, program_arrays
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.model.ranking import chance_factors, rank_programs
from smartpick_desktop.core.model.synthetic import synthetic_programs
from smartpick_desktop.core.profile import Profile


def _profile(specialty: str) -> Profile:
    return Profile(applicant_type="us_md", specialty=specialty, step2_ck=250, research_items=4)


def test_the_same_programs_invite_less_in_general_surgery_by_the_fitted_offset():
    c = load_constants()
    offset = c.specialty_interview_offset("General Surgery")
    assert offset < 0
    assert c.specialty_interview_offset("Internal Medicine") == 0.0
    im = synthetic_programs(30, 3, specialty="Internal Medicine")
    gs = [dataclasses.replace(p, specialty="General Surgery") for p in im]
    t_im = compute_terms(_profile("Internal Medicine"), program_arrays(im, c), consts=c)
    t_gs = compute_terms(_profile("General Surgery"), program_arrays(gs, c), consts=c)
    assert np.allclose(t_gs.specialty, offset) and np.allclose(t_im.specialty, 0.0)
    # where the typical score is known (not estimated from the specialty mean), the offset is
    # the whole difference
    known = np.array([p.typical_step2 is not None for p in im])
    assert known.any()
    assert np.allclose((t_gs.eta() - t_im.eta())[known], offset)


def test_the_specialty_term_is_one_of_the_explained_factors():
    c = load_constants()
    programs = synthetic_programs(12, 5, specialty="General Surgery")
    profile = _profile("General Surgery")
    arr = program_arrays(programs, c)
    terms = compute_terms(profile, arr, consts=c)
    eta = terms.eta()
    ranked = rank_programs(profile, programs)
    for r in ranked:
        if not r.eligible:
            continue
        i = programs.index(r.program)
        factors = chance_factors(terms, arr, i, c)
        assert math.isclose(c["intercept"] + sum(f.logit for f in factors), eta[i],
                            abs_tol=1e-9)
        spec = [f for f in factors if f.key == "specialty"]
        assert len(spec) == 1 and spec[0].logit < 0
        assert any("General Surgery programs invite a smaller share" in text and "lowers the odds" in text
                   for text in r.reasons)


def test_the_evidence_sentence_names_the_fitted_specialties_only():
    from smartpick_desktop.core.model.basis import evidence_sentence, specialties_with_evidence

    assert specialties_with_evidence() == ["General Surgery"]
    text = evidence_sentence()
    assert text.startswith("Individual outcomes stand behind General Surgery.")
    assert "Dermatology" not in text and "NRMP Applicant Survey 2011" in text


def _survey_offset(name: str) -> float:
    c = load_constants()
    fig = c.specialty_interview_figure(name)
    assert fig is not None and fig.source_id == "smartpick_survey_levels"
    assert fig.estimated and "NRMP Applicant Survey 2011" in fig.note
    return c.specialty_interview_offset(name)


def test_specialties_without_outcomes_get_their_level_from_the_survey():
    from smartpick_desktop.core.model.constants import AVERAGE_SPECIALTY
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    avg = ref.specialties[AVERAGE_SPECIALTY].survey.interview_yield
    surveyed = [s for s in ref.specialties.values()
                if s.survey is not None and s.name not in (AVERAGE_SPECIALTY, "General Surgery")]
    assert len(surveyed) >= 15
    for spec in surveyed:
        offset = _survey_offset(spec.name)
        # fewer interviews per application than Internal Medicine: a lower level, and back
        assert (offset < 0) == (spec.survey.interview_yield < avg), spec.name
    # the most selective specialties invite the smallest share, in the survey's order
    derm, ortho, fm = (_survey_offset(n) for n in
                       ("Dermatology", "Orthopaedic Surgery", "Family Medicine"))
    assert derm < ortho < 0 < fm
    # General Surgery keeps its fit on individual outcomes, unlisted specialties the average
    c = load_constants()
    assert c.specialty_interview_figure("General Surgery").source_id != "smartpick_survey_levels"
    assert c.specialty_interview_offset("Urology") == 0.0


def test_the_same_program_is_a_longer_shot_in_dermatology_and_the_reason_cites_the_survey():
    im = synthetic_programs(20, 4, specialty="Internal Medicine")
    derm = [dataclasses.replace(p, specialty="Dermatology") for p in im]
    by_im = {r.program.program_id: r for r in rank_programs(_profile("Internal Medicine"), im)}
    by_derm = rank_programs(_profile("Dermatology"), derm)
    for r in by_derm:
        if r.eligible:
            assert r.p_interview < by_im[r.program.program_id].p_interview
    text = next(t for t in by_derm[0].reasons if t.startswith("Dermatology programs"))
    assert "smaller share" in text and "median 63 applications for 11" in text
    assert "Applicant Survey 2011" in text and "an estimate" in text
