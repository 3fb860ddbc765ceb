"""Plain-language reading of where the applicant stands in their chosen specialty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smartpick_desktop.core.profile import APPLICANT_TYPES, Profile


@dataclass(frozen=True)
class PositionStatement:
    """One sentence about the applicant's position, with the source of the figure it uses."""

    text: str
    source: str | None


def _typical(season: Any, specialty: Any) -> tuple[int, str, int | None, str, bool] | None:
    """``(score, statistic, year, citation, estimated)`` of matched US MD seniors: the season's
    Charting Outcomes medians where it has them, else the shipped means."""
    step2 = season.step2 if season is not None else None
    if step2 is not None and specialty.name in step2.by_specialty and step2.source is not None:
        cite = step2.source.label() + (" (secondary source)" if step2.source.secondary else "")
        return (step2.by_specialty[specialty.name], step2.statistic or "median", step2.year,
                cite, False)
    mean = specialty.step2_mean
    if mean is None:
        return None
    return round(float(mean.value)), "mean", mean.year, mean.cite(), bool(mean.estimated)


def position_statement(profile: Profile, season: Any = None) -> PositionStatement:
    """Compare the profile's Step 2 CK with matched US MD seniors in the specialty (the season's
    medians, else the shipped means); for an IMG, add how IMGs of that kind matched."""
    from smartpick_desktop.core.reference import load_reference

    if season is None:
        from smartpick_desktop.core.season import season_in_force

        season = season_in_force(None).season
    specialty = load_reference().specialty(profile.specialty)
    note = ""
    if specialty.match != "NRMP":
        note = f" {specialty.name} fills its positions through its own match ({specialty.match})."
    score = profile.step2_for_model
    typical = _typical(season, specialty)
    img = _img_sentence(profile, season)
    if score is None:
        return PositionStatement(
            f"Add your Step 2 CK, or the score you expect, to see where you stand in "
            f"{specialty.name}.{img}{note}", None)
    if typical is None:
        return PositionStatement(
            f"No published Step 2 CK figure is available for {specialty.name}.{img}{note}", None)
    value, statistic, year, cite, estimated = typical
    diff = score - value
    who = "Your Step 2 CK" if not profile.step2_is_expected else "Your expected Step 2 CK"
    when = f"the {year} {statistic}" if year else f"the {statistic}"
    flag = ", an estimate rather than a published figure" if estimated else ""
    if diff == 0:
        text = f"{who} ({score}) equals {when} of matched US MD seniors in {specialty.name}"
    else:
        points = "point" if abs(diff) == 1 else "points"
        side = "above" if diff > 0 else "below"
        text = (f"{who} ({score}) is {abs(diff)} {points} {side} {when} of matched US MD "
                f"seniors in {specialty.name}")
    text += f" ({value}{flag})."
    pass_mark = season.step2.pass_mark if season is not None else None
    if pass_mark is not None and score < pass_mark:
        text += f" It is below the Step 2 CK passing score of {pass_mark}."
    if img:
        text += img
    elif profile.applicant_type != "us_md":
        text += (f" You apply as {APPLICANT_TYPES[profile.applicant_type]}; programs weigh that "
                 "too, and the chances in SmartPick take it into account.")
    return PositionStatement(text + note, cite)


def _img_sentence(profile: Profile, season: Any) -> str:
    """For an IMG: how IMGs of the same kind matched in the season's NRMP figures."""
    if not profile.is_img or season is None:
        return ""
    from smartpick_desktop.core.reference.types import APPLICANT_TYPE_LABELS

    rates = season.match_rates
    mine, md = rates.get(profile.applicant_type), rates.get("us_md")
    if mine is None:
        return ""
    who = APPLICANT_TYPE_LABELS[profile.applicant_type]
    text = (f" Among {who}, {mine.rate * 100:.1f}% matched to a PGY-1 position in the "
            f"{mine.year} Match")
    if md is not None:
        text += f", against {md.rate * 100:.1f}% of US MD seniors"
    flag = " (secondary source)" if mine.source.secondary else ""
    text += (f" ({mine.source.label()}{flag}). Charting Outcomes reports Step 2 CK by specialty "
             "only for US MD seniors here, so the score comparison is with them; for IMGs, "
             "Step 2 CK and ranking enough programs are what separate matched from unmatched.")
    status = getattr(profile, "ecfmg_status", None)
    if status in ("in_progress", "not_started"):
        text += (" Your ECFMG certification is not complete yet: IMGs need it before residency "
                 "starts, and some programs ask for it by the rank order list deadline.")
    return text
