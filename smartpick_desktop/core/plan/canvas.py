"""Page chrome of the plan PDF: header, footer, "Page X of Y" and the demo banner.

"Page X of Y" needs the page count before the first page is final, so :func:`chrome_canvas`
returns a canvas class that keeps every page's state and draws the chrome on all of them at
``save()`` (the usual two-pass canvas).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from smartpick_desktop.core.plan.styles import (
    ACCENT,
    DEMO,
    DEMO_LIGHT,
    FONT,
    FONT_BOLD,
    MUTED,
    RULE,
    draw_text,
    shape,
    text_width,
)

MARGIN_X = 50
HEADER_Y_FROM_TOP = 38
BANNER_HEIGHT = 18
FOOTER_Y = 30


@dataclass(frozen=True)
class Chrome:
    """What every page repeats."""

    name: str
    specialty: str
    season: str
    date_text: str
    demo: bool
    demo_text: str = ("Demo data — this plan includes programs from SmartPick's demo pack, "
                      "not real program data")


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """Shorten ``text`` with an ellipsis so it fits ``width`` points (CJK runs measured in
    their own font)."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def chrome_canvas(chrome: Chrome) -> type[Canvas]:
    """A canvas class that draws ``chrome`` on every page and numbers pages "Page X of Y"."""

    class ChromeCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            # The initial font is referenced by every page: make it the embedded one.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw_chrome(self, chrome, self._pageNumber, total)
                super().showPage()
            super().save()

    return ChromeCanvas


def draw_chrome(canvas: Canvas, chrome: Chrome, page: int, total: int) -> None:
    """Draw the header (not on the cover), the footer and, for demo plans, the banner."""
    width, height = canvas._pagesize
    canvas.saveState()
    if chrome.demo:
        canvas.setFillColor(DEMO_LIGHT)
        canvas.rect(0, height - BANNER_HEIGHT, width, BANNER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(DEMO)
        canvas.rect(0, height - BANNER_HEIGHT, 4, BANNER_HEIGHT, stroke=0, fill=1)
        canvas.setFont(FONT_BOLD, 8)
        canvas.drawCentredString(width / 2, height - BANNER_HEIGHT + 6,
                                 fit_text(chrome.demo_text, FONT_BOLD, 8, width - 40))
    if page > 1:
        y = height - HEADER_Y_FROM_TOP
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(ACCENT)
        left = "Application plan"
        canvas.drawString(MARGIN_X, y, left)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        left_width = text_width(left, FONT_BOLD, 8)
        usable = (width - 2 * MARGIN_X) / 2 - left_width - 10
        draw_text(canvas, MARGIN_X + left_width + 6, y,
                  fit_text("· " + shape(chrome.name), FONT, 8, usable), FONT, 8)
        canvas.drawRightString(width - MARGIN_X, y,
                               fit_text(f"{chrome.specialty} · {chrome.season}", FONT, 8,
                                        (width - 2 * MARGIN_X) / 2 - 10))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y - 6, width - MARGIN_X, y - 6)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, FOOTER_Y + 12, width - MARGIN_X, FOOTER_Y + 12)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    footer = f"{shape(chrome.name)} · {chrome.specialty} · {chrome.date_text} · SmartPick Desktop"
    draw_text(canvas, MARGIN_X, FOOTER_Y, fit_text(footer, FONT, 7.5, width - 2 * MARGIN_X - 90),
              FONT, 7.5)
    canvas.setFont(FONT_BOLD, 7.5)
    canvas.setFillColor(ACCENT)
    canvas.drawRightString(width - MARGIN_X, FOOTER_Y, f"Page {page} of {total}")
    canvas.restoreState()
