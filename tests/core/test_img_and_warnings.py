"""Issue 15 point 10 (core side): graduates, IMG facts in the PDF, all-Reach warning."""

from __future__ import annotations

import datetime as dt

from smartpick_desktop.core.articles.bundle import ArticleHeader
from smartpick_desktop.core.articles.suggest import reading_suggestions
from smartpick_desktop.core.mentors.templates import fill
from smartpick_desktop.core.plan.warnings import list_warnings
from smartpick_desktop.core.profile import Profile


def img(**extra) -> Profile:
    return Profile(applicant_type="non_us_img", graduation_year=2022, visa="j1",
                   us_clinical_months=4, specialty="Internal Medicine", name="Ravi Rao", **extra)


def test_a_2022_graduate_is_not_called_a_medical_student():
    _subject, body = fill("peer_mentor", None, img())
    assert "medical student" not in body and "2022 medical graduate" in body
    _subject, body = fill("peer_mentor", None, Profile(graduation_year=2099, name="A"))
    assert "a medical student" in body


def test_graduates_are_not_offered_shadowing():
    headers = [ArticleHeader(slug=s, title=s, summary="", tags=(), reading_time=3,
                             date="2026-01-01")
               for s in ("interviews", "shadowing-informational-interviews", "introverts",
                         "do-and-img-applicants", "peer-mentors", "study-groups")]
    november = dt.date(2026, 11, 28)
    student = [h.slug for h in reading_suggestions(headers, applicant_type="us_md",
                                                   today=november)]
    graduate = [h.slug for h in reading_suggestions(headers, applicant_type="non_us_img",
                                                    today=november, graduated=True)]
    assert "shadowing-informational-interviews" in student
    assert "shadowing-informational-interviews" not in graduate


def test_all_reach_list_gets_a_warning():
    (warning,) = list_warnings(["reach"] * 12, 0.51)
    assert "Every program" in warning and "51%" in warning
    assert list_warnings(["likely", "target", "target", "reach"], 0.93) == []


def test_pdf_profile_names_us_clinical_experience_and_years(tmp_path):
    from smartpick_desktop.core.plan.assemble import _snapshot
    from smartpick_desktop.core.plan.pdf import _profile
    from smartpick_desktop.core.position import position_statement

    profile = img()
    snapshot = _snapshot(profile, position_statement(profile))
    assert snapshot.us_clinical_months == 4 and snapshot.years_since_graduation >= 4
    doc = type("Doc", (), {"profile": snapshot})()
    text = " ".join(repr(flowable) for flowable in _profile(doc, 500))
    assert "US clinical experience" in text and "4 months" in text
    assert "Years since graduation" in text
