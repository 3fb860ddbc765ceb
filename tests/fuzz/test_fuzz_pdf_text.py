"""Plan PDF: any user text (names, notes, programs) renders; never a crash, never markup."""

from __future__ import annotations

import dataclasses
import io

from hypothesis import given

from smartpick_desktop.core.plan import pdf, sample

from .conftest import FUZZ, TEXT


@FUZZ.__class__(FUZZ, max_examples=15)
@given(name=TEXT, notes=TEXT, program=TEXT, institution=TEXT, city=TEXT)
def test_any_text_renders(name, notes, program, institution, city):
    doc = sample.sample_document(2, name=name or "x", notes=notes)
    doc.programs[0] = dataclasses.replace(doc.programs[0], name=program, institution=institution,
                                          city=city, notes=notes)
    out = io.BytesIO()
    pages = pdf.render_pdf(doc, out)
    assert pages >= 1 and out.getvalue().startswith(b"%PDF")
