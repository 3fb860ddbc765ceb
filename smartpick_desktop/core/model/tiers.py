"""Tiers of the ranked list, defined on the chance of an interview (model.json):

- **reach**: P(interview) below ``tier_reach_below`` (20%);
- **target**: from 20% up to ``tier_likely_from`` (50%);
- **likely**: 50% or more;
- **ineligible**: the program cannot take this applicant (e.g. does not sponsor the needed visa).

A tier follows the chance as the student sees it, a whole percent: 49.6% shows as "50%" and is
"likely", so a list never shows "50% target" beside "50% likely".
"""

from __future__ import annotations

import numpy as np

from smartpick_desktop.core.model.constants import ModelConstants, load_constants

TIERS = ("likely", "target", "reach", "ineligible")
TIER_LABELS = {"likely": "Likely", "target": "Target", "reach": "Reach",
               "ineligible": "Ineligible"}


def shown(p: np.ndarray | float) -> np.ndarray:
    """The chance as shown: rounded to a whole percent as the screens format it, as a
    fraction."""
    return np.round(np.asarray(p, dtype=float) * 100.0) / 100.0


def tier_of(p_interview: float, eligible: bool = True,
            consts: ModelConstants | None = None) -> str:
    return str(tiers_for(np.array([p_interview]), np.array([eligible]), consts)[0])


def tiers_for(p: np.ndarray, eligible: np.ndarray, consts: ModelConstants | None = None
              ) -> np.ndarray:
    """Vectorised :func:`tier_of`."""
    c = consts or load_constants()
    p = shown(p)
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
