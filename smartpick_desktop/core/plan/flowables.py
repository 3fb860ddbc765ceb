"""Custom flowables of the plan PDF: colored chips for tiers and event kinds."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from smartpick_desktop.core.plan.styles import (
    FONT_BOLD,
    TIER_COLORS,
    TIER_LABELS,
)


class Chip(Flowable):
    """A rounded colored label, e.g. a tier ("Reach") or an event kind ("NRMP")."""

    def __init__(self, text: str, color: colors.Color, *, font_size: float = 7,
                 width: float | None = None) -> None:
        super().__init__()
        self.text = text
        self.color = color
        self.font_size = font_size
        self.chip_width = width or stringWidth(text, FONT_BOLD, font_size) + 10
        self.chip_height = font_size + 5

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = min(self.chip_width, avail_width)
        self.height = self.chip_height
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        width = self.width
        canvas.setFillColor(self.color)
        canvas.roundRect(0, 0, width, self.chip_height, self.chip_height / 2, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(FONT_BOLD, self.font_size)
        canvas.drawCentredString(width / 2, 3.2, self.text)


def tier_chip(tier: str) -> Chip:
    """The chip of a tier, all tier chips the same width."""
    key = tier if tier in TIER_COLORS else "ineligible"
    return Chip(TIER_LABELS[key], TIER_COLORS[key], width=46)
