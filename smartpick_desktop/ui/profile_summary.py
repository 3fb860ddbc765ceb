"""A plain-text, sectioned summary of a profile (Profile tab and the wizard's Review page)."""

from __future__ import annotations

from html import escape

from smartpick_desktop.core.profile import (
    APPLICANT_TYPES,
    ECFMG_STATUSES,
    HONORS,
    SETTINGS,
    SIZES,
    VISAS,
    WEIGHT_KEYS,
    Profile,
)
from smartpick_desktop.core.states import US_STATES


def _score(value: object) -> str:
    if value is None:
        return "not taken"
    return str(value).capitalize() if isinstance(value, str) else str(value)


def summary_rows(profile: Profile) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return (section, [(label, value)]) rows, all plain strings."""
    step2 = (str(profile.step2_ck) if profile.step2_ck is not None else
             f"not yet (expecting {profile.step2_ck_expected})"
             if profile.step2_ck_expected is not None else "not yet")
    exams = [("USMLE Step 1", _score(profile.step1)), ("USMLE Step 2 CK", step2)]
    if profile.applicant_type == "us_do" or profile.comlex_level1 or profile.comlex_level2:
        exams += [("COMLEX Level 1", _score(profile.comlex_level1)),
                  ("COMLEX Level 2-CE", _score(profile.comlex_level2))]
    exams.append(("Failed attempts", str(profile.failed_attempts)))
    home = ", ".join(p for p in (profile.home_city, US_STATES.get(profile.home_state or "", ""))
                     if p) or "Outside the US"
    weights = ", ".join(f"{k} {round(profile.weights[k] * 100)}%" for k in WEIGHT_KEYS)
    return [
        ("About you", [
            ("Name", profile.name or "—"),
            ("Applicant type", APPLICANT_TYPES[profile.applicant_type]),
            ("Graduation year", str(profile.graduation_year or "—")),
            ("Home", home),
        ]),
        ("Exams", exams),
        ("Experience", [
            ("Research items", str(profile.research_items)),
            ("Work / volunteer experiences",
             f"{profile.work_experiences} / {profile.volunteer_experiences}"),
            ("Honors", ", ".join(HONORS[h] for h in profile.honors) or "—"),
            ("Clerkship honors", str(profile.clerkship_honors)),
            ("US clinical experience", f"{profile.us_clinical_months} months"),
            ("Years since graduation", str(profile.years_since_graduation())),
            ("Red flags", profile.red_flags or "—"),
        ]),
        ("Goals", [
            ("Specialty", profile.specialty),
            ("Backup specialty", profile.backup_specialty or "—"),
            ("Visa", VISAS[profile.visa]),
            ("ECFMG certification", ECFMG_STATUSES.get(profile.ecfmg_status or "", "Not said")),
            ("Couples match", "Yes" if profile.couples else "No"),
            ("Budget", f"${profile.budget_usd:,}" if profile.budget_usd is not None else "—"),
            ("Target number of programs", str(profile.target_programs or "—")),
        ]),
        ("Preferences", [
            ("Preferred states", ", ".join(profile.preferred_states) or "Anywhere"),
            ("Maximum distance", f"{profile.max_distance_miles} miles"
             if profile.max_distance_miles else "No limit"),
            ("Settings", ", ".join(SETTINGS[s] for s in profile.preferred_settings) or "Any"),
            ("Program size", SIZES.get(profile.preferred_size or "", "Any")),
            ("Weights", weights),
        ]),
    ]


def summary_html(profile: Profile) -> str:
    """Render the summary as simple HTML; every value is escaped."""
    parts = []
    for section, rows in summary_rows(profile):
        parts.append(f"<h3 style='margin-bottom:4px'>{escape(section)}</h3><table cellspacing=3>")
        for label, value in rows:
            parts.append(f"<tr><td style='padding-right:18px;color:#666'>{escape(label)}</td>"
                         f"<td>{escape(value)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)
