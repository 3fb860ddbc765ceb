"""A made-up plan of any size, for tests, benchmarks and the print-preview demo.

Nothing here touches the store; the names are invented and every program is marked demo unless
asked otherwise.
"""

from __future__ import annotations

import datetime as dt
import math

from smartpick_desktop.core.plan.document import (
    ChecklistRow,
    CurvePoint,
    FeeBreakdown,
    FeeLine,
    FollowUpRow,
    LetterRow,
    LettersSection,
    PlanDocument,
    PlanProgram,
    ProfileSnapshot,
    SourceRef,
    TimelineEvent,
)

_CITIES = [("Columbus", "OH"), ("Ann Arbor", "MI"), ("Pittsburgh", "PA"), ("Cleveland", "OH"),
           ("Detroit", "MI"), ("Philadelphia", "PA"), ("Rochester", "NY"), ("Chicago", "IL"),
           ("Baltimore", "MD"), ("Nashville", "TN"), ("San Antonio", "TX"), ("Boise", "ID")]
_KINDS = ["Lakeside", "Riverbend", "Hillcrest", "Fernwood"]  # fictional, like the demo pack


def sample_document(n_programs: int = 10, *, demo: bool = True, name: str = "Alex Doe",
                    notes: str = "", today: dt.date | None = None) -> PlanDocument:
    """A plausible plan with ``n_programs`` programs (tiers, signals and a curve)."""
    today = today or dt.date(2026, 8, 1)
    programs = []
    for i in range(n_programs):
        city, state = _CITIES[i % len(_CITIES)]
        tier = "reach" if i % 5 == 0 else "likely" if i % 3 == 0 else "target"
        p = {"reach": 0.12, "target": 0.35, "likely": 0.7}[tier] + (i % 7) * 0.02
        signal = "gold" if i < 1 else "silver" if i < 3 else None
        programs.append(PlanProgram(
            rank=i + 1, name=f"{_KINDS[i % 4]} Sample Program {i + 1}",
            institution=f"{_KINDS[(i + 1) % 4]} Sample Medical Center", city=city, state=state,
            tier=tier,
            p_interview=min(p, 0.95), fit=90 - (i * 37 % 40), signal=signal,
            status="applying", specialty="Internal Medicine", is_demo=demo,
            notes=notes if i == 0 else ""))
    top = max(n_programs, 10)
    curve = [CurvePoint(n, 1 - math.exp(-n / (top / 3.5))) for n in range(1, top + 1)]
    p_match = curve[n_programs - 1].p_match if n_programs else 0.0
    fee_total = 11 * min(n_programs, 30) + 30 * max(0, n_programs - 30)
    interviews = round(n_programs * 0.32, 1)
    fee = FeeBreakdown(
        lines=[FeeLine("Internal Medicine", n_programs, fee_total)], total_usd=fee_total,
        rule_text=("ERAS 2026 season: $11 per program for 1–30 in each specialty, $30 from the "
                   "31st (AAMC, Fees for 2026 ERAS Season)"),
        season="2026 ERAS season",
        season_note="No fee schedule for the 2027 ERAS season was found; the 2026 rule is used.",
        expected_interviews=interviews, travel_per_interview_usd=600,
        travel_usd=round(interviews * 600), travel_source="imgresidency.com, IMG residency "
        "application guidance (no year stated, uncertain)", budget_usd=1500)
    timeline = [
        TimelineEvent(dt.date(2026, 6, 3), "ERAS 2027 season opens to applicants", "eras",
                      "AAMC, ERAS 2027 season timeline (2026)"),
        TimelineEvent(dt.date(2026, 9, 2), "ERAS 2027: applications typically submitted", "eras",
                      "AAMC, ERAS 2027 season timeline (2026)", estimated=True,
                      note="Published only as 'early September'"),
        TimelineEvent(dt.date(2026, 9, 10), "Letter due: Dr. Núñez", "letter",
                      "Your letters (Mentors tab)"),
        TimelineEvent(dt.date(2027, 3, 19), "NRMP 2027 Match Day", "nrmp",
                      "NRMP, 2026 Main Residency Match dates (2025)", estimated=True),
    ]
    return PlanDocument(
        generated=today, season="NRMP 2027 Match (ERAS 2027 season)",
        profile=ProfileSnapshot(
            name=name, specialty="Internal Medicine", applicant_type="US MD",
            graduation_year=2027, home="Columbus, OH", step2="248", step1="Pass",
            research_items=6, honors=["Alpha Omega Alpha (AOA)"], visa="No visa needed",
            preferred_states=["OH", "MI", "PA"], budget_usd=1500,
            position="Your Step 2 CK (248) is 2 points above the mean of matched US MD seniors "
                     "in Internal Medicine (2024), 246.",
            position_source="NRMP, Charting Outcomes in the Match 2024"),
        programs=programs, curve=curve, p_match=p_match, expected_interviews=interviews, fee=fee,
        timeline=timeline,
        letters=LettersSection(
            letters=[LetterRow("Dr. Núñez", "agreed", dt.date(2026, 7, 1), dt.date(2026, 9, 10),
                               notes=notes)],
            expected=3, missing=["2 more letters (3 expected, 1 tracked)"]),
        follow_ups=[FollowUpRow("Dr. Łukasz Erdős", "Thank-you within two days of a meeting",
                                today, overdue=False)],
        checklist=[ChecklistRow("Ask for a letter from the IM clerkship director",
                                "Article: Letters of recommendation"),
                   ChecklistRow("Finish the personal statement draft", "Added by you",
                                done=True)],
        sources=[SourceRef("AAMC, Fees for 2026 ERAS Season", 2026, "ERAS fees"),
                 SourceRef("NRMP, 2026 Main Residency Match dates", 2025, "Season dates"),
                 SourceRef("NRMP, Charting Outcomes in the Match 2024", 2024,
                           "Step 2 CK of matched applicants"),
                 SourceRef("imgresidency.com, IMG residency application guidance", None,
                           "Interview travel cost", uncertain=True)],
        signals_available=7)
