"""The plan PDF read back with poppler: sections, fonts, page numbers, escaping, demo labels."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from smartpick_desktop.core.plan.document import FollowUpRow, LettersSection
from smartpick_desktop.core.plan.pdf import build_story, render_pdf
from smartpick_desktop.core.plan.sample import sample_document
from smartpick_desktop.core.progress import Cancelled

sys.path.insert(0, str(Path(__file__).parent))
from plan_pdfcheck import (  # noqa: E402
    HOSTILE_NAME,
    HOSTILE_NOTE,
    flat,
    fonts,
    needs_poppler,
    page_count,
    text,
)


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "small.pdf"
    render_pdf(sample_document(10, name=HOSTILE_NAME, notes=HOSTILE_NOTE), path)
    return path


@pytest.fixture(scope="module")
def large_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "large.pdf"
    render_pdf(sample_document(200), path)
    return path


@needs_poppler
def test_every_font_is_embedded(small_pdf):
    found = fonts(small_pdf)
    assert found, "the PDF has no fonts"
    assert all(embedded == "yes" for _, embedded in found), found
    assert not any("Helvetica" in name for name, _ in found)


@needs_poppler
@pytest.mark.parametrize("which", ["small_pdf", "large_pdf"])
def test_pages_read_page_x_of_y(which, request):
    pdf = request.getfixturevalue(which)
    total = page_count(pdf)
    assert total >= 3
    for page in range(1, total + 1):
        assert f"Page {page} of {total}" in text(pdf, page)


@needs_poppler
def test_markup_in_names_and_notes_prints_literally(small_pdf):
    body = flat(small_pdf)
    assert HOSTILE_NAME in body
    assert "Call back <img src=http://x/y.png> & ask if 3 < 4" in body


@needs_poppler
def test_accented_latin_names_render(tmp_path):
    path = tmp_path / "names.pdf"
    doc = sample_document(3, name="Łukasz Erdős-Žižek")
    doc.follow_ups = [FollowUpRow("Åsa Øberg-Ğülşen", "Thank-you", doc.generated)]
    render_pdf(doc, path)
    body = text(path)
    assert "Łukasz Erdős-Žižek" in body
    assert "Åsa Øberg-Ğülşen" in body


@needs_poppler
def test_the_eight_sections_and_the_figures_appear(small_pdf):
    doc = sample_document(10)
    body = text(small_pdf)
    for heading in ("Profile and position in the specialty", "Recommended programs",
                    "Chance of matching and tier mix", "Budget", "Timeline",
                    "Letters of recommendation", "Follow-ups and action checklist",
                    "Data sources"):
        assert heading in body
    for program in doc.programs:
        assert program.name.split(" Internal")[0] in body
    assert "$11 per program for 1–30 in each specialty" in body
    assert "2026 ERAS season" in body
    assert "AAMC, Fees for 2026 ERAS Season" in body
    assert "NRMP, Charting Outcomes in the Match 2024" in body
    assert "Number of applications" in body and "Chance of matching" in body
    assert "Demo data" in text(small_pdf, 1)


@needs_poppler
@pytest.mark.parametrize("which", ["small_pdf", "large_pdf"])
def test_demo_data_is_labelled_on_every_page(which, request):
    pdf = request.getfixturevalue(which)
    for page in range(1, page_count(pdf) + 1):
        assert "Demo data" in text(pdf, page), f"page {page} has no demo label"


@needs_poppler
def test_real_plans_carry_no_demo_label(tmp_path):
    path = tmp_path / "real.pdf"
    render_pdf(sample_document(10, demo=False), path)
    assert "demo" not in text(path).casefold().replace("demo pack", "")


@needs_poppler
def test_long_list_repeats_the_table_header_on_every_list_page(large_pdf):
    pages = [text(large_pdf, p) for p in range(1, page_count(large_pdf) + 1)]
    list_pages = [p for p in pages if "Sample Program 1" in p]
    assert len(list_pages) >= 5
    for page in list_pages:
        assert "City, state" in page and "Status" in page
    body = "".join(pages)
    for rank in (1, 57, 123, 200):
        assert f"Sample Program {rank}\n" in body or f"Sample Program {rank} " in body


@needs_poppler
def test_no_letters_says_so(tmp_path):
    path = tmp_path / "no-letters.pdf"
    doc = sample_document(5)
    doc.letters = LettersSection(expected=3, missing=["3 more letters"])
    render_pdf(doc, path)
    assert "No letters tracked yet" in text(path)


def test_markup_never_fetches_anything(monkeypatch, tmp_path):
    """An <img> in user text must not reach reportlab's image loader."""
    import reportlab.lib.utils as rl_utils

    def fail(*args, **kwargs):
        raise AssertionError("reportlab tried to open an external resource")

    monkeypatch.setattr(rl_utils, "open_for_read", fail)
    render_pdf(sample_document(4, name='<img src="http://x/y.png"/>', notes=HOSTILE_NOTE),
               tmp_path / "safe.pdf")
    assert (tmp_path / "safe.pdf").read_bytes().startswith(b"%PDF")


def test_render_to_a_binary_stream_and_report_progress():
    seen: list[float] = []
    out = io.BytesIO()
    pages = render_pdf(sample_document(30), out, progress=lambda done, total: seen.append(done))
    assert out.getvalue().startswith(b"%PDF")
    assert pages >= 3
    assert seen[-1] == 1.0 and seen == sorted(seen)


def test_cancel_leaves_no_file(tmp_path):
    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        render_pdf(sample_document(60), target, should_cancel=lambda: True)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_story_builds_for_an_empty_plan():
    doc = sample_document(0)
    doc.timeline = []
    assert build_story(doc, 500)

