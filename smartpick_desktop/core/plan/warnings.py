"""Plain warnings about a chosen list that its figures alone do not make obvious."""

from __future__ import annotations

from collections.abc import Sequence

LOW_MATCH = 0.8


def list_warnings(tiers: Sequence[str], p_match: float) -> list[str]:
    """Sentences for the student when the list leans on long shots; empty when it is balanced.

    ``tiers`` are the listed programs' tiers ("likely", "target", "reach", "ineligible").
    """
    if not tiers:
        return []
    out: list[str] = []
    reach = sum(1 for t in tiers if t == "reach")
    safer = sum(1 for t in tiers if t in ("likely", "target"))
    if reach == len(tiers):
        out.append(f"Every program on this list is a Reach, and the chance of matching is only "
                   f"{p_match * 100:.0f}%. Add Target and Likely programs (or widen the places "
                   "and settings you accept) before you rely on it.")
    elif safer < max(1, len(tiers) // 4) and p_match < LOW_MATCH:
        out.append(f"Only {safer} of {len(tiers)} programs are Target or Likely, and the chance "
                   f"of matching is {p_match * 100:.0f}%. More Target programs would make the "
                   "list safer.")
    ineligible = sum(1 for t in tiers if t == "ineligible")
    if ineligible:
        out.append(f"{ineligible} listed program{'s' if ineligible != 1 else ''} cannot take "
                   "you (for example no sponsorship for the visa you need).")
    return out
