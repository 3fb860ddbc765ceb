"""Text shaping and tall-row splitting of the plan PDF (issue 16, points 11 and 14)."""

from __future__ import annotations

import io

from reportlab.platypus import Paragraph

from smartpick_desktop.core.plan import pdf, sample
from smartpick_desktop.core.plan.styles import esc, shape, styles


def test_hebrew_is_drawn_right_to_left_and_brackets_mirror():
    assert shape("שרה כהן") == "ןהכ הרש"
    assert shape("שרה (MD)") == "(MD) הרש"
    assert shape("Dr. שרה כהן") == "Dr. ןהכ הרש"


def test_arabic_letters_are_joined_and_reordered():
    shaped = shape("محمد")
    assert all("\ufe70" <= ch <= "\ufeff" for ch in shaped)  # presentation (joined) forms
    assert shaped == "ﺪﻤﺤﻣ"


def test_characters_the_font_lacks_are_named_not_boxed():
    assert shape("Go 🚀") == "Go [emoji: ROCKET]"
    assert shape("张") == "[character: CJK UNIFIED IDEOGRAPH-5F20]"
    # Inside right-to-left text the name stays one readable left-to-right unit.
    assert shape("שלום 🚀") == "[emoji: ROCKET] םולש"
    assert esc("<b>🚀</b>") == "&lt;b&gt;[emoji: ROCKET]&lt;/b&gt;"


def test_latin_text_is_unchanged():
    for text in ("Erdős Pál", "Łukasz Núñez-O'Brien", "a < b & c"):
        assert shape(text) == text


def test_tall_rows_are_cut_into_continuation_rows_and_styles_follow():
    s = styles()
    rows = [[Paragraph("Head", s["head"]), Paragraph("Notes", s["head"])],
            [Paragraph("Short", s["cell"]), Paragraph(esc("word " * 3000), s["cell_small"])],
            [Paragraph("Last", s["cell"]), Paragraph("end", s["cell"])]]
    extra = [("BACKGROUND", (0, 2), (-1, 2), "red"), ("LINEABOVE", (0, -1), (-1, -1), 1, "red")]
    out, moved = pdf.split_tall_rows(rows, [100, 200], 1, extra)
    assert len(out) > 4 and out[0] is rows[0] and out[-1][0] is rows[2][0]
    assert all(cell == "" for cell in out[2][:1])  # continuation rows: other cells empty
    assert moved[0][1] == (0, len(out) - 1) and moved[1][1] == (0, -1)
    words = sum(p.text.count("word") for row in out[1:-1] for p in row if p != "")
    assert words == 3000
    for row in out[1:-1]:
        assert row[1].wrap(190, 1e9)[1] <= pdf.MAX_ROW_HEIGHT


def test_a_10000_character_note_renders():
    for note in ("word " * 2000, "x" * 10_000, "&<>\"' " * 1700):
        doc = sample.sample_document(3, notes=note)
        assert pdf.render_pdf(doc, io.BytesIO()) > 1
