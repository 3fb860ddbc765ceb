"""The plan's charts, drawn with reportlab.graphics (vector, embedded font)."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors

from smartpick_desktop.core.plan.document import TIERS, CurvePoint, PlanProgram
from smartpick_desktop.core.plan.styles import (
    ACCENT,
    ACCENT_LIGHT,
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    TIER_COLORS,
    TIER_LABELS,
    register_fonts,
)


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose initial font is the embedded one (reportlab's default is Helvetica)."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    return drawing


def _nice_step(span: float, ticks: int = 6) -> int:
    raw = max(span / ticks, 1)
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * power:
            return int(mult * power)
    return int(10 * power)


def curve_chart(curve: list[CurvePoint], chosen: int, p_match: float, *, width: float = 300,
                height: float = 190) -> Drawing:
    """P(match) against the number of applications, with the chosen list marked."""
    drawing = _drawing(width, height)
    left, bottom, right, top = 40, 34, 12, 22
    plot_w, plot_h = width - left - right, height - bottom - top
    points = sorted(curve, key=lambda p: p.applications)
    x_max = max([p.applications for p in points] + [chosen, 1])
    step = _nice_step(x_max)
    x_max = step * math.ceil(x_max / step)

    def x_of(n: float) -> float:
        return left + plot_w * n / x_max

    def y_of(p: float) -> float:
        return bottom + plot_h * max(0.0, min(1.0, p))

    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=colors.white, strokeColor=None))
    for pct in range(0, 101, 20):
        y = y_of(pct / 100)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=RULE, strokeWidth=0.4,
                         strokeDashArray=None if pct == 0 else [1, 2]))
        drawing.add(String(left - 5, y - 2.5, f"{pct}%", fontName=FONT, fontSize=7,
                           fillColor=MUTED, textAnchor="end"))
    for n in range(0, x_max + 1, step):
        x = x_of(n)
        drawing.add(Line(x, bottom, x, bottom - 3, strokeColor=MUTED, strokeWidth=0.5))
        drawing.add(String(x, bottom - 12, str(n), fontName=FONT, fontSize=7, fillColor=MUTED,
                           textAnchor="middle"))
    drawing.add(String(left + plot_w / 2, 3, "Number of applications", fontName=FONT,
                       fontSize=7.5, fillColor=INK, textAnchor="middle"))
    label = String(0, 0, "Chance of matching", fontName=FONT, fontSize=7.5, fillColor=INK,
                   textAnchor="middle")
    group = Group(label)
    group.transform = (0, 1, -1, 0, 9, bottom + plot_h / 2)
    drawing.add(group)
    if points:
        coords = [(x_of(0), bottom)] + [(x_of(p.applications), y_of(p.p_match)) for p in points]
        area = [*coords, (coords[-1][0], bottom)]
        drawing.add(Polygon([v for xy in area for v in xy], fillColor=ACCENT_LIGHT,
                            strokeColor=None))
        drawing.add(PolyLine([v for xy in coords for v in xy], strokeColor=ACCENT,
                             strokeWidth=1.6))
    if chosen > 0:
        x, y = x_of(chosen), y_of(p_match)
        drawing.add(Line(x, bottom, x, y, strokeColor=INK, strokeWidth=0.6,
                         strokeDashArray=[2, 2]))
        drawing.add(Circle(x, y, 3.2, fillColor=ACCENT, strokeColor=colors.white,
                           strokeWidth=1))
        # The legend sits above the plot area, so it never crosses the curve.
        lx, ly = left + 4, height - 9
        drawing.add(Circle(lx, ly + 2.5, 3.2, fillColor=ACCENT, strokeColor=colors.white,
                           strokeWidth=1))
        text = f"Your list: {chosen} applications → {p_match * 100:.0f}%"
        drawing.add(String(lx + 7, ly, text, fontName=FONT_BOLD, fontSize=7.5, fillColor=INK))
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=MUTED, strokeWidth=0.7))
    drawing.add(Line(left, bottom, left, bottom + plot_h, strokeColor=MUTED, strokeWidth=0.7))
    return drawing


def tier_chart(programs: list[PlanProgram], *, width: float = 200,
               height: float = 190) -> Drawing:
    """Horizontal bars: programs per tier, with how many of them carry a signal."""
    drawing = _drawing(width, height)
    counts = dict.fromkeys(TIERS, 0)
    signalled = dict.fromkeys(TIERS, 0)
    for program in programs:
        tier = program.tier if program.tier in counts else "ineligible"
        counts[tier] += 1
        signalled[tier] += 1 if program.signal else 0
    shown = [t for t in TIERS if t != "ineligible" or counts[t]]
    biggest = max([counts[t] for t in shown] + [1])
    label_w, value_w = 52, 34
    bar_w = width - label_w - value_w
    row_h = min(34.0, (height - 40) / len(shown))
    top = height - 8
    for index, tier in enumerate(shown):
        y = top - (index + 1) * row_h
        bar_h = row_h * 0.55
        drawing.add(String(0, y + bar_h / 2 - 3, TIER_LABELS[tier], fontName=FONT_BOLD,
                           fontSize=8, fillColor=INK))
        drawing.add(Rect(label_w, y, bar_w, bar_h, fillColor=colors.HexColor("#EEF2F3"),
                         strokeColor=None))
        length = bar_w * counts[tier] / biggest
        if length:
            drawing.add(Rect(label_w, y, length, bar_h, fillColor=TIER_COLORS[tier],
                             strokeColor=None))
        if signalled[tier]:
            sig_len = bar_w * signalled[tier] / biggest
            drawing.add(Rect(label_w, y, sig_len, 3, fillColor=INK, strokeColor=None))
        drawing.add(String(label_w + bar_w + 5, y + bar_h / 2 - 3, str(counts[tier]),
                           fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    legend_y = 6
    drawing.add(Rect(label_w, legend_y + 2, 12, 3, fillColor=INK, strokeColor=None))
    total_signals = sum(signalled.values())
    drawing.add(String(label_w + 16, legend_y, f"signaled ({total_signals})", fontName=FONT,
                       fontSize=7, fillColor=MUTED))
    return drawing
