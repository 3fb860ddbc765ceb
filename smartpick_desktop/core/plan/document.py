"""The application plan as plain data: what the PDF, the print preview and the .ics show.

A :class:`PlanDocument` is built from the store by :mod:`.assemble` (or by hand in tests) and is
independent of any renderer. Every string in it is plain text (never markup): renderers escape it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

TIERS: tuple[str, ...] = ("reach", "target", "likely", "ineligible")
"""Tier keys, in display order."""

SIGNAL_LABELS: dict[str, str] = {"gold": "Gold", "silver": "Silver", "signal": "Signal"}


REACH_LEVELS: tuple[float, ...] = (0.90, 0.95, 0.99)


def reach_marks(values: list[float]) -> list[str]:
    """"N applications reach 95%" for 90, 95 and 99%: the first list length whose P(match) is
    at least that level (``values[k]`` = P(match) with k + 1 applications). The Plan tab and
    the PDF both use this, so they always name the same numbers."""
    marks = []
    for level in REACH_LEVELS:
        hit = next((k + 1 for k, p in enumerate(values) if p >= level), None)
        if hit is not None:
            verb = "reaches" if hit == 1 else "reach"
            marks.append(f"{hit} application{'s' if hit != 1 else ''} {verb} "
                         f"{level * 100:.0f}%")
    return marks


@dataclass(frozen=True)
class SourceRef:
    """A data source the plan uses: ``label`` cites it, ``year`` is its year (None: not stated),
    ``used_for`` says what it backs (e.g. "ERAS fees")."""

    label: str
    year: int | None
    used_for: str
    uncertain: bool = False


@dataclass
class ProfileSnapshot:
    """The applicant as the plan describes them (display strings, already formatted)."""

    name: str
    specialty: str
    applicant_type: str                     # e.g. "US MD"
    backup_specialty: str | None = None
    graduation_year: int | None = None
    home: str = ""                          # "Columbus, OH"
    step2: str = ""                         # "248" or "250 (expected)" or ""
    step1: str = ""
    research_items: int = 0
    honors: list[str] = field(default_factory=list)
    visa: str = ""
    ecfmg: str = ""                         # ECFMG certification status (IMGs), "" if not said
    preferred_states: list[str] = field(default_factory=list)
    budget_usd: int | None = None
    target_programs: int | None = None
    us_clinical_months: int | None = None   # IMGs only
    years_since_graduation: int = 0
    position: str = ""                      # core.position.position_statement text
    position_source: str | None = None


@dataclass
class PlanProgram:
    """One program on the recommended list."""

    rank: int
    name: str
    institution: str
    city: str
    state: str | None
    tier: str                               # one of TIERS
    p_interview: float                      # 0..1, with the plan's signal
    fit: float                              # 0..100
    signal: str | None = None               # "gold" | "silver" | "signal" | None
    status: str = "applying"
    specialty: str = ""
    is_demo: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CurvePoint:
    applications: int
    p_match: float


@dataclass(frozen=True)
class FeeLine:
    specialty: str
    applications: int
    fee_usd: int


@dataclass(frozen=True)
class CostRow:
    """One line of the whole cost (core.season.costs.CostLine as plain data)."""

    label: str
    usd: int
    detail: str
    source: str
    estimate: bool = False


@dataclass
class FeeBreakdown:
    """ERAS fees by specialty, the rule applied and its season, and the interview travel estimate.

    ``rule_text`` is the rule in one sentence (``FeeRule.describe()``); ``season`` e.g.
    "2026 ERAS season"; ``season_note`` says when the shipped schedule is older than the season
    applied for. ``travel_usd`` = ``expected_interviews`` × ``travel_per_interview_usd``.
    """

    lines: list[FeeLine]
    total_usd: int
    rule_text: str
    season: str
    source: str = ""
    season_note: str | None = None
    expected_interviews: float = 0.0
    travel_per_interview_usd: int = 0
    travel_usd: int = 0
    travel_source: str = ""
    travel_note: str | None = None
    budget_usd: int | None = None
    cost_rows: list[CostRow] = field(default_factory=list)   # the whole cost, fees first
    warning: str | None = None                                # set when the whole passes budget
    not_included: list[str] = field(default_factory=list)

    @property
    def whole_total_usd(self) -> int:
        """Every cost line; without cost rows, application fees plus travel."""
        if self.cost_rows:
            return sum(row.usd for row in self.cost_rows)
        return self.total_usd + self.travel_usd


@dataclass(frozen=True)
class TimelineEvent:
    """A dated step: season dates carry their source; the student's own carry their origin.

    ``kind``: "eras" | "residencycas" | "nrmp" (season data), "letter" | "follow_up" (the
    student's own). ``state`` as of the plan's date: "upcoming" | "today" | "done" | "missed" |
    "passed" | "overdue" — past steps are never shown as things to do.
    """

    date: dt.date
    title: str
    kind: str
    source: str
    estimated: bool = False
    note: str | None = None
    state: str = "upcoming"

    @property
    def is_season(self) -> bool:
        return self.kind in ("eras", "residencycas", "nrmp")

    @property
    def past(self) -> bool:
        return self.state in ("done", "missed", "passed")


@dataclass(frozen=True)
class LetterRow:
    writer: str
    status: str                             # asked | agreed | submitted | thank_you_sent
    requested: dt.date | None = None
    due: dt.date | None = None
    standardized: bool = False
    specialty: str | None = None
    notes: str = ""


@dataclass
class LettersSection:
    """The letters tracked, how many the specialty expects, and what is still missing."""

    letters: list[LetterRow] = field(default_factory=list)
    expected: int | None = None
    missing: list[str] = field(default_factory=list)   # plain sentences, e.g. "1 more letter"
    available: bool = True                  # False when the mentors feature is not installed


@dataclass(frozen=True)
class FollowUpRow:
    contact: str
    reason: str
    due: dt.date
    overdue: bool = False


@dataclass(frozen=True)
class ChecklistRow:
    text: str
    origin: str
    done: bool = False


@dataclass
class PlanDocument:
    """Everything the plan shows, in the order of PRODUCT.md section 6."""

    generated: dt.date
    season: str                             # e.g. "NRMP 2027 Match (ERAS 2027 season)"
    profile: ProfileSnapshot
    programs: list[PlanProgram]
    curve: list[CurvePoint]
    p_match: float
    expected_interviews: float
    fee: FeeBreakdown
    timeline: list[TimelineEvent] = field(default_factory=list)
    letters: LettersSection = field(default_factory=LettersSection)
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    checklist: list[ChecklistRow] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    signals_available: int | None = None    # the specialty's signal count (None: not listed)
    season_notice: str | None = None        # the submission window has passed: what still matters
    season_section: SeasonSection | None = None
    demo_note: str = "Programs marked as demo come from SmartPick's demo pack, not real data."
    p_match_range: tuple[float, float] | None = None  # likely (low, high), docs/model.md 7c
    p_match_any: float | None = None        # with a preliminary safety net
    stop_text: str = ""                     # why the list ends where it does

    @property
    def is_demo(self) -> bool:
        """True when any program on the list is demo data (every page then says so)."""
        return any(p.is_demo for p in self.programs)

    @property
    def signals_used(self) -> int:
        return sum(1 for p in self.programs if p.signal)

    def tier_counts(self) -> dict[str, int]:
        """Programs per tier, every tier present (0 when none)."""
        counts = dict.fromkeys(TIERS, 0)
        for program in self.programs:
            counts[program.tier if program.tier in counts else "ineligible"] += 1
        return counts


# --- the season: tracker, interviews, rank order list (core.plan.season_doc fills these) ------


@dataclass(frozen=True)
class TrackerLine:
    """One program's application: status, the date of each step, its open checklist items."""

    name: str
    status: str                             # label, e.g. "Interview scheduled"
    steps: str                              # "Applying 2026-09-02 · Applied 2026-09-25"
    open_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterviewLine:
    name: str
    date: dt.date | None
    score: float | None                     # weighted 1–5, None when not scored
    notes: str = ""
    conflict: str | None = None


@dataclass(frozen=True)
class RolLine:
    rank: int
    name: str
    p_match: float                          # P(match) if the list ended here


@dataclass
class SeasonSection:
    """Applications, interviews and the rank order list, for the PDF."""

    tracker: list[TrackerLine] = field(default_factory=list)
    interviews: list[InterviewLine] = field(default_factory=list)
    rol: list[RolLine] = field(default_factory=list)
    rol_warning: str | None = None
    rol_note: str = ""
    rol_sources: list[str] = field(default_factory=list)
    p_match_primary: float | None = None    # with a backup specialty: the primary alone
    p_match_now: float | None = None        # after the invitations and rejections marked
    season_text: str = ""                   # "4 invited, 0 rejected, 16 pending"
