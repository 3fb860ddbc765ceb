"""Plain-language reading of where the applicant stands in their chosen specialty."""

from __future__ import annotations

from dataclasses import dataclass

from smartpick_desktop.core.profile import APPLICANT_TYPES, Profile


@dataclass(frozen=True)
class PositionStatement:
    """One sentence about the applicant's position, with the source of the figure it uses."""

    text: str
    source: str | None


def position_statement(profile: Profile) -> PositionStatement:
    """Compare the profile's Step 2 CK with the specialty's matched US MD seniors' mean."""
    from smartpick_desktop.core.reference import load_reference

    specialty = load_reference().specialty(profile.specialty)
    note = ""
    if specialty.match != "NRMP":
        note = f" {specialty.name} fills its positions through its own match ({specialty.match})."
    score = profile.step2_for_model
    mean = specialty.step2_mean
    if score is None:
        return PositionStatement(
            f"Add your Step 2 CK, or the score you expect, to see where you stand in "
            f"{specialty.name}.{note}", None)
    if mean is None:
        return PositionStatement(
            f"No published Step 2 CK figure is available for {specialty.name}.{note}", None)
    typical = round(float(mean.value))
    diff = score - typical
    who = "Your Step 2 CK" if not profile.step2_is_expected else "Your expected Step 2 CK"
    when = f"the {mean.year} mean" if mean.year else "the mean"
    estimated = ", an estimate rather than a published figure" if mean.estimated else ""
    if diff == 0:
        text = f"{who} ({score}) equals {when} of matched US MD seniors in {specialty.name}"
    else:
        points = "point" if abs(diff) == 1 else "points"
        side = "above" if diff > 0 else "below"
        text = (f"{who} ({score}) is {abs(diff)} {points} {side} {when} of matched US MD "
                f"seniors in {specialty.name}")
    text += f" ({typical}{estimated})."
    if profile.applicant_type != "us_md":
        text += (f" You apply as {APPLICANT_TYPES[profile.applicant_type]}; programs weigh that "
                 "too, and the chances in SmartPick take it into account.")
    return PositionStatement(text + note, mean.cite())
