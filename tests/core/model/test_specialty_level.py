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
    assert "General Surgery" in text and "Internal Medicine" not in text
