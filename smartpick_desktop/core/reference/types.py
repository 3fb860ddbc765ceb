"""Value types of the shipped reference data: sources, figures, specialties, fees, season events."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from smartpick_desktop.core.errors import SmartPickError

APPLICANT_TYPES: tuple[str, ...] = ("us_md", "us_do", "us_img", "non_us_img")
"""Applicant-type keys used in every per-type table (NRMP categories)."""

APPLICANT_TYPE_LABELS: Mapping[str, str] = {
    "us_md": "US MD seniors",
    "us_do": "US DO seniors",
    "us_img": "US citizen IMGs",
    "non_us_img": "non-US citizen IMGs",
}

MATCHES: tuple[str, ...] = ("NRMP", "AUA", "SF Match")
"""Matches a specialty can belong to; AUA (Urology) and SF Match (Ophthalmology) run their own."""


class ReferenceDataError(SmartPickError):
    """A shipped reference file is missing or invalid; ``str(err)`` names the file and key."""

    def __init__(self, message: str, *, file: str = "", key: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.key = key


def normalize_name(text: str) -> str:
    """Fold a specialty name or alias for lookup: case, spaces and punctuation do not matter."""
    return re.sub(r"[^a-z0-9]", "", text.casefold().replace("&", "and"))


@dataclass(frozen=True)
class Source:
    """Where figures were published. ``secondary``: reported by a third party citing the primary."""

    id: str
    title: str
    publisher: str
    year: int | None
    url: str | None = None
    secondary: bool = False
    uncertain: bool = False

    def label(self) -> str:
        """Short citation, e.g. ``"AAMC, Fees for 2026 ERAS Season"``."""
        text = f"{self.publisher}, {self.title}"
        if self.year is not None and str(self.year) not in text:
            text += f" ({self.year})"
        return text


@dataclass(frozen=True)
class Figure:
    """One published (or explicitly estimated) number or fact with its source and year.

    ``year`` is the year the figure describes; it is ``None`` only where the source states none,
    and then ``note`` says so. ``unit`` is e.g. ``"fraction"``, ``"usd"``, ``"score"`` or ``None``.
    """

    value: float | int | str
    year: int | None
    source_id: str
    source: Source
    secondary: bool = False
    estimated: bool = False
    note: str | None = None
    unit: str | None = None

    @property
    def uncertain(self) -> bool:
        """True when the source itself is flagged as uncertain."""
        return self.source.uncertain

    def cite(self) -> str:
        """Citation for display, e.g. ``"NRMP, Charting Outcomes in the Match 2024 (secondary
        source)"``; adds the figure's year when the source label lacks it, and flags."""
        text = self.source.label()
        if self.year is not None and str(self.year) not in text:
            text += f", {self.year} figure"
        flags = [
            flag
            for flag, on in (
                ("estimate", self.estimated),
                ("secondary source", self.secondary),
                ("uncertain source", self.uncertain),
            )
            if on
        ]
        if flags:
            text += f" ({', '.join(flags)})"
        return text


@dataclass(frozen=True)
class PositionsYear:
    """Programs, positions and unfilled positions of one specialty in one Match year."""

    year: int
    programs: int | None
    positions: int
    unfilled: int | None
    source: Source


@dataclass(frozen=True)
class SurveyFigures:
    """A specialty's median applications and interviews offered per applicant (a survey)."""

    applications: Figure
    interviews: Figure

    @property
    def interview_yield(self) -> float:
        """Interviews offered per application sent."""
        return float(self.interviews.value) / float(self.applications.value)


@dataclass(frozen=True)
class Specialty:
    """A specialty with its published figures.

    ``step2_mean``: mean Step 2 CK of matched US MD seniors (``estimated`` when none is published).
    ``signals_total/gold/silver``: ERAS 2025 signal counts; gold and silver are 0 for a single tier,
    and all three are 0 with ``signals_source is None`` when no signals are listed.
    ``competitiveness``: a hint (``"higher"``, ``"average"``, ``"lower"``) derived from a published
    ``step2_mean`` by the rule in specialties.json; ``None`` when the mean is only estimated.
    """

    name: str
    aliases: tuple[str, ...]
    match: str
    step2_mean: Figure | None
    positions: Figure | None
    fill_rate: Figure | None
    signals_total: int
    signals_gold: int
    signals_silver: int
    signals_source: Source | None
    signals_note: str | None = None
    competitiveness: Figure | None = None
    step2_history: tuple[Figure, ...] = ()
    positions_history: tuple[PositionsYear, ...] = ()
    match_note: str | None = None
    survey: SurveyFigures | None = None

    @property
    def separate_match(self) -> bool:
        """True for specialties matched outside the NRMP (Urology: AUA, Ophthalmology: SF Match)."""
        return self.match != "NRMP"

    @property
    def has_signals(self) -> bool:
        """True when the specialty has preference signals listed for ERAS."""
        return self.signals_total > 0


@dataclass(frozen=True)
class SeasonEvent:
    """A dated step of the application season; ``estimated`` dates are not published yet."""

    date: datetime.date
    title: str
    kind: str
    source: Source
    estimated: bool = False
    note: str | None = None


@dataclass(frozen=True)
class SignalStudy:
    """A published study of the effect of a preference signal on interview chances.

    ``multiplier``: how many times likelier an interview is with a signal (None when the study
    reports no multiplier); ``figures``: its other reported numbers, by key.
    """

    id: str
    specialty: str | None
    summary: str
    source: Source
    year: int | None
    multiplier: Figure | None
    figures: Mapping[str, Figure] = field(default_factory=dict)


@dataclass(frozen=True)
class FeeTier:
    """Programs ``first``..``last`` (``last`` None: no upper bound) cost ``usd`` each; a ``flat``
    tier costs ``usd`` once when any program falls in it."""

    first: int
    last: int | None
    usd: int
    flat: bool = False

    def fee(self, count: int) -> int:
        """Fee for the programs of ``count`` that fall in this tier."""
        top = count if self.last is None else min(count, self.last)
        n = max(0, top - self.first + 1)
        if self.flat:
            return self.usd if n else 0
        return n * self.usd

    def describe(self) -> str:
        """E.g. ``"$11 per program for 1–30"`` or ``"$30 from the 31st"``."""
        if self.flat:
            return f"${self.usd} in all for {self.first}–{self.last}"
        if self.last is None:
            return f"${self.usd} from the {_ordinal(self.first)}"
        return f"${self.usd} per program for {self.first}–{self.last}"


@dataclass(frozen=True)
class FeeExample:
    """A worked example published with a fee rule: counts by specialty and the stated total."""

    counts: Mapping[str, int]
    total_usd: int


@dataclass(frozen=True)
class FeeRule:
    """An ERAS fee schedule for one season; ``per_specialty``: the count restarts per specialty."""

    kind: str
    season: str
    season_year: int
    tiers: tuple[FeeTier, ...]
    per_specialty: bool
    source: Source
    rule: str
    note: str | None = None
    worked_examples: tuple[FeeExample, ...] = ()

    def fee_for(self, count: int) -> int:
        """Fee in USD for ``count`` programs of one specialty."""
        if count < 0:
            raise ValueError(f"Number of programs cannot be negative (got {count}).")
        return sum(tier.fee(count) for tier in self.tiers)

    def total(self, counts: Mapping[str, int]) -> int:
        """Fee for counts keyed by specialty; keys are taken as given (no alias merging)."""
        if self.per_specialty:
            return sum(self.fee_for(n) for n in counts.values())
        return self.fee_for(sum(counts.values()))

    def describe(self) -> str:
        """One sentence, e.g. ``"ERAS 2026 season: $11 per program for 1–30 in each specialty,
        $30 from the 31st (AAMC, Fees for 2026 ERAS Season)"``."""
        parts = [tier.describe() for tier in self.tiers]
        if self.per_specialty and parts:
            parts[0] += " in each specialty"
        label = f"ERAS {self.season_year} season" + (
            "" if self.kind == "residency" else f" ({self.kind})"
        )
        return f"{label}: {', '.join(parts)} ({self.source.label()})"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
