"""What the model's figures rest on, in one sentence for every screen that shows them."""

from __future__ import annotations

import functools
import json
from typing import Any

SHIPPED_REPORT = ("model", "validation.json")


@functools.lru_cache(maxsize=1)
def shipped_report() -> dict[str, Any] | None:
    """The validation report of the last fit, shipped with the app: {"source", "report",
    "optimizer"} (``scripts/fit_model.py`` writes it), or None. Light: no NumPy."""
    from smartpick_desktop.core.resources import resource_path

    path = resource_path(*SHIPPED_REPORT)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def model_basis() -> str:
    """"Calibrated to NRMP 2026 match rates … and checked against the self-reported outcomes of
    345 General Surgery applicants (2024-25)": sources and years of the shipped fit."""
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    year, rates = ref.match_rates_for(ref.latest_match_year)
    text = f"Model estimate calibrated to {rates['us_md'].cite()}"
    shipped = shipped_report()
    if shipped is not None:
        src = shipped["source"]
        text += (f", and fitted to and checked against the self-reported outcomes of "
                 f"{shipped['report']['applicants']} applicants ({src['title']}, "
                 f"{src['year']}); ranges show how far those checks strayed")
    return text


def specialties_with_evidence() -> list[str]:
    """Specialties whose interview level is fitted on individual outcomes (a shipped
    ``interview_offset_<specialty>`` not set from the survey)."""
    from smartpick_desktop.core.model.constants import load_constants
    from smartpick_desktop.core.reference import load_reference

    consts = load_constants()
    return [name for name in load_reference().specialties
            if consts.interview_level_basis(name) == "outcomes"]


def evidence_sentence() -> str:
    """Which specialties' chances rest on individual outcomes, and what the others rest on."""
    fitted = specialties_with_evidence()
    others = ("Every other specialty's interview level comes from published surveys of "
              "applications and interviews per applicant (NRMP Applicant Survey 2011 by "
              "specialty, with Internal Medicine as the average; a 2014 survey of fourth-year "
              "students) and national match rates, so its chances are a rougher estimate.")
    if not fitted:
        return "No specialty's chances rest on individual outcomes yet. " + others
    names = " and ".join(fitted)
    return f"Individual outcomes stand behind {names}. " + others
