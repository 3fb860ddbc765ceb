"""Text shaping and tall-row splitting of the plan PDF (issue 16, points 11 and 14)."""

from __future__ import annotations

import io
import re

from reportlab.platypus import Paragraph

from smartpick_desktop.core.plan import pdf, sample
from smartpick_desktop.core.plan.styles import CJK_FONTS, esc, runs, shape, styles, text_width


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
    # Beyond the CJK fonts' range (extension B): named too.
    assert shape("\U00020000") == "[character: CJK UNIFIED IDEOGRAPH-20000]"
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


def test_chinese_japanese_and_korean_are_kept_and_set_in_their_fonts():
    zh, ja, ko = CJK_FONTS["zh"], CJK_FONTS["ja"], CJK_FONTS["ko"]
    assert shape("张伟 張偉") == "张伟 張偉"
    assert runs("Dr. 张伟") == [("Dr. ", None), ("张伟", zh)]
    # Kana make the Han of the same text Japanese; Hangul is always Korean.
    assert runs("山田たろう") == [("山田たろう", ja)]
    assert runs("김민준 (金敏俊)") == [("김민준", ko), (" (", None), ("金敏俊", zh), (")", None)]
    assert runs("山田 김민준") == [("山田", zh), (" ", None), ("김민준", ko)]
    # Full-width punctuation DejaVu lacks goes with the CJK run; markup still prints literally.
    assert runs("「東京」") == [("「東京」", zh)]
    assert esc("<张>") == f'&lt;<font face="{zh}">张</font>&gt;'
    assert text_width("张伟", "SmartPickSans", 10) == 20  # CJK glyphs are one em wide


def test_cjk_beside_right_to_left_text_and_emoji():
    # In a right-to-left line the CJK word and the named emoji form one left-to-right run.
    assert shape("שרה 张 🚀") == "张 [emoji: ROCKET] הרש"
    assert runs(shape("محمد 张")) == [("张", CJK_FONTS["zh"]), (" ﺪﻤﺤﻣ", None)]
    assert runs(shape("Go 🚀 東京")) == [("Go [emoji: ROCKET] ", None), ("東京", CJK_FONTS["zh"])]


def test_a_long_cjk_note_is_cut_into_rows_with_balanced_font_tags():
    s = styles()
    note = "张伟的推荐信。" * 1500
    rows = [[Paragraph("Head", s["head"])], [Paragraph(esc(note), s["cell_small"])]]
    out, _ = pdf.split_tall_rows(rows, [200], 1, [])
    assert len(out) > 3
    texts = [row[0].text for row in out[1:]]
    for text in texts:
        assert text.count("<font") == text.count("</font>") >= 1
        assert row_height(text, s) <= pdf.MAX_ROW_HEIGHT
    plain = "".join(re.sub("<[^>]+>", "", text) for text in texts)
    assert plain == note


def row_height(markup: str, s) -> float:
    return Paragraph(markup, s["cell_small"]).wrap(190, 1e9)[1]
