"""Chances as text (no NumPy: the GUI imports this at start-up)."""

from __future__ import annotations


def percent_text(p: float) -> str:
    """A chance as a percentage that never shows 100% unless p >= 99.95% (nor 0% unless
    p < 0.05%): one decimal where whole numbers would round to 0 or 100."""
    pct = 100.0 * float(p)
    if 0.5 <= pct < 99.5:
        return f"{pct:.0f}%"
    if 0.05 <= pct < 99.95:
        return f"{pct:.1f}%"
    return "100%" if pct >= 99.95 else "0%"


def percent_text_1(p: float) -> str:
    """Like ``percent_text`` with one decimal (99.95% and above: "100%", never "100.0%" below)."""
    pct = 100.0 * float(p)
    if pct >= 99.95:
        return "100%"
    return f"{min(pct, 99.9):.1f}%"


def likely_text(low_high) -> str:
    """"likely 74–91%" from a (low, high) pair of fractions (the validated range of a figure,
    docs/model.md section 7c)."""
    low, high = (percent_text(x) for x in low_high)
    return f"likely {low.rstrip('%')}–{high}"
