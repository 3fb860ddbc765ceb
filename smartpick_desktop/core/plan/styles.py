"""Fonts, colors and paragraph styles of the plan PDF.

The font is DejaVu Sans Condensed, shipped in ``resources/fonts`` (with its license) and
registered as a TrueType font so it is embedded (subset) in every PDF. reportlab's bundled Vera
lacks letters such as ő and ű, so names like "Erdős" would print as boxes with it.
"""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from smartpick_desktop.core.resources import resource_path

FONT = "SmartPickSans"
FONT_BOLD = "SmartPickSans-Bold"
FONT_ITALIC = "SmartPickSans-Oblique"

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


def esc(value: object) -> str:
    """Escape any user or data value for a reportlab Paragraph (markup prints literally),
    shaped for print (see :func:`shape`)."""
    return escape(shape("" if value is None else str(value)))


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
    box and the substitution is named in the PDF itself."""
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
        if code in covered or ch in "\n\t" or unicodedata.category(ch) in ("Mn", "Me") and \
                code in range(0x0591, 0x08FF + 1):
            out.append(ch)
            continue
        if unicodedata.category(ch).startswith("C"):
            continue  # controls, surrogates, private use: nothing to print
        name = unicodedata.name(ch, f"U+{code:04X}")
        kind = "emoji" if code >= 0x1F000 or 0x2600 <= code < 0x2800 else "character"
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
