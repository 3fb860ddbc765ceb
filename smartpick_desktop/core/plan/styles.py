"""Fonts, colors and paragraph styles of the plan PDF.

The font is DejaVu Sans Condensed, shipped in ``resources/fonts`` (with its license) and
registered as a TrueType font so it is embedded (subset) in every PDF. reportlab's bundled Vera
lacks letters such as ő and ű, so names like "Erdős" would print as boxes with it.

Chinese, Japanese and Korean print in the standard Adobe CJK fonts that PDF readers provide
themselves (reportlab's ``UnicodeCIDFont``: STSong-Light, HeiseiKakuGo-W5, HYGothic-Medium), so
no font file is shipped and nothing is embedded; each run of such text is set in the font of
its script (:func:`runs`). Linux readers built on poppler need the ``poppler-data`` package
and a CJK font for these, as for any PDF written in those languages.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from smartpick_desktop.core.resources import resource_path

FONT = "SmartPickSans"
FONT_BOLD = "SmartPickSans-Bold"
FONT_ITALIC = "SmartPickSans-Oblique"
#: The font of each CJK language (sans where the language has one, to sit beside DejaVu Sans).
CJK_FONTS = {"zh": "STSong-Light", "ja": "HeiseiKakuGo-W5", "ko": "HYGothic-Medium"}

# A restrained palette: one deep teal accent, warm greys, and three tier colours.
ACCENT = colors.HexColor("#0E5A6B")
ACCENT_LIGHT = colors.HexColor("#E3EFF1")
INK = colors.HexColor("#1F2A30")
MUTED = colors.HexColor("#5E6B73")
RULE = colors.HexColor("#C9D3D8")
STRIPE = colors.HexColor("#F3F6F7")
DEMO = colors.HexColor("#B4540A")
DEMO_LIGHT = colors.HexColor("#FDF0E3")
TIER_COLORS: dict[str, colors.Color] = {
    "reach": colors.HexColor("#B8434A"),
    "target": colors.HexColor("#2F6DB0"),
    "likely": colors.HexColor("#2E8B57"),
    "ineligible": colors.HexColor("#8A949A"),
}
TIER_LABELS: dict[str, str] = {"reach": "Reach", "target": "Target", "likely": "Likely",
                               "ineligible": "Ineligible"}


@cache
def register_fonts() -> None:
    """Register the shipped TrueType family once per process (read by us, so reportlab's
    resource loader, which PDF markup could reach, never has to open anything)."""
    files = {FONT: "DejaVuSansCondensed.ttf", FONT_BOLD: "DejaVuSansCondensed-Bold.ttf",
             FONT_ITALIC: "DejaVuSansCondensed-Oblique.ttf"}
    for name, file in files.items():
        with resource_path("fonts", file).open("rb") as data:
            pdfmetrics.registerFont(TTFont(name, data))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)
    for name in CJK_FONTS.values():  # one weight each: bold and italic text use it too
        pdfmetrics.registerFont(UnicodeCIDFont(name))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name,
                                      boldItalic=name)


def esc(value: object) -> str:
    """Escape any user or data value for a reportlab Paragraph (markup prints literally),
    shaped for print (see :func:`shape`), each CJK run in its font (see :func:`runs`)."""
    text = shape("" if value is None else str(value))
    if not _CJK.search(text):
        return escape(text)
    return "".join(escape(part) if font is None else f'<font face="{font}">{escape(part)}</font>'
                   for part, font in runs(text))


#: Letters of Chinese, Japanese and Korean: Han (with extension A and compatibility
#: ideographs), kana, bopomofo and Hangul.
_CJK_LETTER = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3100-\u312f\u3130-\u318f"
                         "\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
                         "\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff"
                         "\uff66-\uff9f\uffa0-\uffdc]")
#: CJK punctuation, enclosed and square forms, vertical and full-width forms: set in the CJK
#: font when DejaVu lacks them.
_CJK_MARK = re.compile("[\u3000-\u303f\u3190-\u319f\u31c0-\u31ef\u3200-\u33ff"
                       "\ufe30-\ufe4f\uff00-\uff65\uffe0-\uffee]")
_CJK = re.compile(f"{_CJK_LETTER.pattern}|{_CJK_MARK.pattern}")
_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff"
                     "\uffa0-\uffdc]")


def cjk_font(text: str) -> str:
    """The font for the Han characters and CJK punctuation of ``text``: Japanese when it holds
    kana, otherwise Chinese (its font has every unified ideograph, simplified, traditional and
    those Korean writes as hanja)."""
    return CJK_FONTS["ja"] if _KANA.search(text) else CJK_FONTS["zh"]


def _in_cjk_font(ch: str, covered: frozenset[int]) -> bool:
    return bool(_CJK_LETTER.match(ch) or ord(ch) not in covered and _CJK_MARK.match(ch))


def runs(text: str) -> list[tuple[str, str | None]]:
    """Cut shaped text into runs and the font each needs: None for the embedded font, a CJK
    font (:data:`CJK_FONTS`) for Chinese, Japanese and Korean."""
    if not _CJK.search(text):
        return [(text, None)] if text else []
    covered, font = _covered(), cjk_font(text)
    out: list[tuple[str, str | None]] = []
    for ch in text:
        wanted = None
        if _in_cjk_font(ch, covered):  # Hangul and kana always in their own font
            wanted = (CJK_FONTS["ko"] if _HANGUL.match(ch) else CJK_FONTS["ja"]
                      if _KANA.match(ch) else font)
        if out and out[-1][1] == wanted:
            out[-1] = (out[-1][0] + ch, wanted)
        else:
            out.append((ch, wanted))
    return out


def text_width(text: str, font: str, size: float) -> float:
    """Width in points of shaped text drawn with :func:`draw_text`."""
    return sum(pdfmetrics.stringWidth(part, own or font, size) for part, own in runs(text))


def draw_text(canvas, x: float, y: float, text: str, font: str, size: float,
              anchor: str = "start") -> None:
    """Draw shaped text on a canvas, each CJK run in its font; ``anchor`` is "start" or
    "end" (``x`` is then the right edge)."""
    if anchor == "end":
        x -= text_width(text, font, size)
    for part, own in runs(text):
        canvas.setFont(own or font, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, own or font, size)
    canvas.setFont(font, size)


#: Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo, their presentation forms).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: Joiners and emoji modifiers that only select how the character before them looks.
_INVISIBLE = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@cache
def _covered() -> frozenset[int]:
    """Code points the regular and the bold font both draw."""
    register_fonts()
    regular = pdfmetrics.getFont(FONT).face.charToGlyph
    bold = pdfmetrics.getFont(FONT_BOLD).face.charToGlyph
    return frozenset(regular) & frozenset(bold)


def shape(text: str) -> str:
    """Text as it must be laid out on a PDF line, which reportlab draws left to right glyph
    by glyph: Arabic letters joined (arabic-reshaper), right-to-left runs in visual order
    (python-bidi, Unicode bidi algorithm), and every character the embedded font cannot draw
    replaced by its Unicode name in brackets, e.g. "[emoji: ROCKET]", so nothing prints as a
    box and the substitution is named in the PDF itself. Chinese, Japanese and Korean are
    kept: they print in a CJK font (:func:`runs`)."""
    if not text:
        return text
    covered = _covered()
    names: list[str] = []
    if any(ord(ch) not in covered for ch in text):
        text, names = _substitute(text, covered)
    if _RTL.search(text):
        import arabic_reshaper
        from bidi.algorithm import get_display  # the full algorithm: it mirrors brackets

        text = _ISOLATES.sub("", text)
        text = "\n".join(get_display(arabic_reshaper.reshape(line))
                         for line in text.split("\n"))
    for index, name in enumerate(names):  # placed by the bidi step as one left-to-right mark
        text = text.replace(chr(_PLACEHOLDER + index), name)
    return text


#: Private-use characters stand for substitutions during the bidi step (a strong LTR class,
#: so "[emoji: ROCKET]" is placed as one unit and read left to right inside Arabic text).
_PLACEHOLDER = 0xF0000
_ISOLATES = re.compile("[\u2066-\u2069]")


def _substitute(text: str, covered: frozenset[int]) -> tuple[str, list[str]]:
    """Replace characters the font lacks by placeholders; return the text and the names."""
    import unicodedata

    out: list[str] = []
    names: list[str] = []
    for ch in _INVISIBLE.sub("", text):
        code = ord(ch)
        if code in covered or ch in "\n\t" or _in_cjk_font(ch, covered) or \
                unicodedata.category(ch) in ("Mn", "Me") and code in range(0x0591, 0x08FF + 1):
            out.append(ch)
            continue
        if unicodedata.category(ch).startswith("C"):
            continue  # controls, surrogates, private use: nothing to print
        name = unicodedata.name(ch, f"U+{code:04X}")
        kind = "emoji" if 0x1F000 <= code < 0x1FC00 or 0x2600 <= code < 0x2800 else "character"
        out.append(chr(_PLACEHOLDER + len(names)))
        names.append(f"[{kind}: {name}]")
    return "".join(out), names


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles (fonts registered first)."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    made = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED),
        "note": ParagraphStyle("note", parent=base, fontName=FONT_ITALIC, fontSize=7.5,
                               leading=9.5, textColor=MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20,
                             textColor=ACCENT, spaceBefore=14, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14,
                             textColor=INK, spaceBefore=10, spaceAfter=4),
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=28,
                                leading=34, textColor=ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18,
                                   textColor=MUTED),
        "name": ParagraphStyle("name", parent=base, fontName=FONT_BOLD, fontSize=20,
                               leading=25, textColor=INK),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD, fontSize=8.5,
                                    leading=10.5),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=7.5, leading=9.5,
                                     textColor=MUTED),
        "cell_right": ParagraphStyle("cell_right", parent=base, fontSize=8.5, leading=10.5,
                                     alignment=TA_RIGHT),
        "cell_center": ParagraphStyle("cell_center", parent=base, fontSize=8.5, leading=10.5,
                                      alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10,
                               textColor=colors.white, alignment=TA_LEFT),
        "head_right": ParagraphStyle("head_right", parent=base, fontName=FONT_BOLD, fontSize=8,
                                     leading=10, textColor=colors.white, alignment=TA_RIGHT),
        "head_center": ParagraphStyle("head_center", parent=base, fontName=FONT_BOLD,
                                      fontSize=8, leading=10, textColor=colors.white,
                                      alignment=TA_CENTER),
        "stat_value": ParagraphStyle("stat_value", parent=base, fontName=FONT_BOLD, fontSize=18,
                                     leading=22, textColor=ACCENT, alignment=TA_CENTER),
        "stat_label": ParagraphStyle("stat_label", parent=base, fontSize=7.5, leading=9.5,
                                     textColor=MUTED, alignment=TA_CENTER),
        "demo": ParagraphStyle("demo", parent=base, fontName=FONT_BOLD, fontSize=9, leading=12,
                               textColor=DEMO),
    }
    return made
