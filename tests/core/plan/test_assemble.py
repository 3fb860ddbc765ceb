"""Assembling the plan document from the store, and exporting it end to end."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan.assemble import assemble_plan
from smartpick_desktop.core.plan.pdf import render_pdf

sys.path.insert(0, str(Path(__file__).parent))
from plan_pdfcheck import (  # noqa: E402
    HOSTILE_NAME,
    HOSTILE_NOTE,
    flat,
    needs_poppler,
    page_count,
    text,
)

TODAY = dt.date(2026, 8, 1)


def test_no_profile_is_one_clear_input_error(store):
    with store.session() as session, pytest.raises(InputError, match="no profile yet"):
        assemble_plan(session)


def test_no_plan_is_one_clear_input_error(store, sample_profile):
    from smartpick_desktop.core.profile import save_profile

    with store.session() as session:
        save_profile(session, sample_profile)
    with store.session() as session, pytest.raises(InputError, match="no plan yet"):
        assemble_plan(session)


def test_document_holds_the_plan_and_its_context(planned_store):
    with planned_store.session() as session:
        doc = assemble_plan(session, today=TODAY)
    assert doc.profile.name == HOSTILE_NAME
    assert doc.season == "2026–27 season (NRMP 2027 Match)"
    assert len(doc.programs) == 10
    assert [p.rank for p in doc.programs] == list(range(1, 11))
    assert all(p.tier in ("reach", "target", "likely", "ineligible") for p in doc.programs)
    assert all(0.0 <= p.p_interview <= 1.0 and 0 <= p.fit <= 100 for p in doc.programs)
    assert sorted(p.signal for p in doc.programs if p.signal) == ["gold", "silver"]
    assert doc.is_demo and all(p.status == "applying" for p in doc.programs)
    assert any(p.notes == HOSTILE_NOTE for p in doc.programs)
    # fees: the plan's breakdown, the published rule and its season
    assert doc.fee.total_usd == 110 and doc.fee.lines[0].applications == 10
    assert "$11 per program" in doc.fee.rule_text and doc.fee.season == doc.season
    assert doc.fee.travel_usd == round(6.5 * doc.fee.travel_per_interview_usd)
    assert doc.fee.whole_total_usd == sum(r.usd for r in doc.fee.cost_rows) > 110
    # timeline: the 2027 season's dates, each sourced, plus the letter deadline
    season = [e for e in doc.timeline if e.is_season]
    assert season and all(dt.date(2026, 6, 1) <= e.date <= dt.date(2027, 5, 31) for e in season)
    assert all(e.source for e in doc.timeline)
    assert any("Match Day" in e.title for e in season)
    assert any(e.kind == "letter" and "Núñez" in e.title for e in doc.timeline)
    # letters: expected vs tracked, and what is missing
    assert doc.letters.expected == 3 and len(doc.letters.letters) == 1
    assert any("2 more letters" in m for m in doc.letters.missing)
    assert [c.text for c in doc.checklist] == ["Ask the clerkship director for a letter & "
                                               "<b>soon</b>"]
    labels = " | ".join(s.label for s in doc.sources)
    assert "NRMP" in labels and "AAMC" in labels and "Demo pack" in labels
    assert all(s.year is not None or s.uncertain for s in doc.sources)
    # the evidence behind the chances: the specialty's interview level and the fit
    calibrated = [s for s in doc.sources if s.used_for == "Match rates the model is calibrated to"]
    assert len(calibrated) == 1 and "2026 Main Residency Match" in calibrated[0].label
    used = {s.used_for for s in doc.sources}
    assert any("share of its applicants" in u for u in used)
    assert any(u.startswith("How much Step 2 CK") and "General Surgery" in s.label
               for s in doc.sources for u in [s.used_for])


@pytest.mark.parametrize(("specialty", "words"), [
    ("Dermatology", "Applicant Survey 2011"),
    ("General Surgery", "self-reported General Surgery outcomes"),
    ("Internal Medicine", "survey of 1,367 fourth-year students"),
])
def test_the_sources_name_the_evidence_for_the_specialty_s_level(specialty, words):
    from smartpick_desktop.core.plan.assemble import _add_model_sources
    from smartpick_desktop.core.reference import load_reference

    found = []
    _add_model_sources(lambda source, used: found.append((source.label(), used)),
                       load_reference().find_specialty(specialty), specialty)
    level = [label for label, used in found if "share of its applicants" in used]
    assert len(level) == 1 and words in level[0], found


@needs_poppler
def test_exported_plan_from_the_store_reads_back(planned_store, tmp_path):
    with planned_store.session() as session:
        doc = assemble_plan(session, today=TODAY)
    path = tmp_path / "plan.pdf"
    render_pdf(doc, path)
    body = flat(path)
    assert HOSTILE_NAME in body
    assert HOSTILE_NOTE in body
    assert "Ask the clerkship director for a letter & <b>soon</b>" in body
    for program in doc.programs:
        assert program.name[:25] in body
    assert doc.fee.rule_text.split(" (")[0] in body
    assert "Season: 2026–27 season (NRMP 2027 Match)" in body
    total = page_count(path)
    for page in range(1, total + 1):
        page_text = text(path, page)
        assert f"Page {page} of {total}" in page_text and "Demo data" in page_text
