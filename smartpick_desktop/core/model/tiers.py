"""Tiers of the ranked list, defined on the chance of an interview (model.json):

- **reach**: P(interview) below ``tier_reach_below`` (20%);
- **target**: from 20% up to ``tier_likely_from`` (50%);
- **likely**: 50% or more;
- **ineligible**: the program cannot take this applicant (e.g. does not sponsor the needed visa).
"""

from __future__ import annotations

import numpy as np

from smartpick_desktop.core.model.constants import ModelConstants, load_constants

TIERS = ("likely", "target", "reach", "ineligible")
TIER_LABELS = {"likely": "Likely", "target": "Target", "reach": "Reach",
               "ineligible": "Ineligible"}


def tier_of(p_interview: float, eligible: bool = True,
            consts: ModelConstants | None = None) -> str:
    c = consts or load_constants()
    if not eligible:
        return "ineligible"
    if p_interview >= c["tier_likely_from"]:
        return "likely"
    if p_interview >= c["tier_reach_below"]:
        return "target"
    return "reach"


def tiers_for(p: np.ndarray, eligible: np.ndarray, consts: ModelConstants | None = None
              ) -> np.ndarray:
    """Vectorised :func:`tier_of`."""
    c = consts or load_constants()
    out = np.where(p >= c["tier_likely_from"], "likely",
                   np.where(p >= c["tier_reach_below"], "target", "reach"))
    return np.where(eligible, out, "ineligible")


def tier_definitions(consts: ModelConstants | None = None) -> dict[str, str]:
    c = consts or load_constants()
    lo, hi = c["tier_reach_below"] * 100, c["tier_likely_from"] * 100
    return {
        "reach": f"Less than {lo:.0f}% chance of an interview",
        "target": f"{lo:.0f}% to {hi:.0f}% chance of an interview",
        "likely": f"{hi:.0f}% or more chance of an interview",
        "ineligible": "The program cannot take you (e.g. it does not sponsor the visa you need)",
    }
