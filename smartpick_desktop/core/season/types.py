"""Value types of a season: platforms with their fee rules, specialties' platforms and signals,
dated steps, whole-cost items, match rates and Step 2 CK figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from smartpick_desktop.core.reference.types import FeeTier, Source

#: Numbers of programs ``season show`` prices each fee rule at.
FEE_POINTS: tuple[int, ...] = (1, 18, 30, 31, 46)


@dataclass(frozen=True)
class PlatformFeeRule:
    """Application fees of one platform: tiers applied per specialty (or over all programs)."""

    text: str
    tiers: tuple[FeeTier, ...]
    per_specialty: bool
    season_year: int
    source: Source
    note: str | None = None

    def fee_for(self, count: int) -> int:
        """Fee in USD for ``count`` programs of one specialty."""
        if count < 0:
            raise ValueError(f"Number of programs cannot be negative (got {count}).")
        return sum(tier.fee(count) for tier in self.tiers)

    def fees_at(self, points: tuple[int, ...] = FEE_POINTS) -> dict[str, int]:
        """``{"1": fee, "18": fee, …}`` for ``season show``."""
        return {str(n): self.fee_for(n) for n in points}


@dataclass(frozen=True)
class Platform:
    """An application platform (ERAS, ResidencyCAS) or a match outside the NRMP (AUA, SF Match),
    which SmartPick does not plan (``in_match`` False, ``fee_rule`` None)."""

    name: str
    label: str
    in_match: bool
    fee_rule: PlatformFeeRule | None
    note: str | None = None


@dataclass(frozen=True)
class SpecialtySeason:
    """One specialty in one season: its platform, its signals ({level: count}) and their source."""

    specialty: str
    platform: str
    signals: Mapping[str, int]
    signals_source: Source | None = None
    note: str | None = None


@dataclass(frozen=True)
class SeasonDate:
    """A dated step. ``kind``: eras | residencycas | nrmp; ``role``: submit | rank_deadline |
    soap | match_day (or None); ``platform``: the platform it belongs to (None: everyone)."""

    name: str
    date: dt.date
    kind: str
    source: Source
    estimated: bool = False
    note: str | None = None
    role: str | None = None
    platform: str | None = None

@dataclass(frozen=True)
class CostItem:
    """A cost beyond the application fees. ``kind``: ``once`` (one fee), ``per_platform`` (once
    on each platform used), ``per_rank_beyond`` (``usd`` per rank beyond ``included``)."""

    id: str
    label: str
    kind: str
    usd: int
    source: Source
    included: int = 0
    applicant_types: tuple[str, ...] = ()
    note: str | None = None

    def applies_to(self, applicant_type: str) -> bool:
        return not self.applicant_types or applicant_type in self.applicant_types


@dataclass(frozen=True)
class MatchRate:
    """PGY-1 match rate of one applicant type in one Match, with the counts behind it."""

    rate: float
    active: int | None
    matched: int | None
    year: int
    source: Source


@dataclass(frozen=True)
class Step2Figures:
    """Step 2 CK figures of a season: the pass mark and matched applicants' typical scores by
    specialty (``statistic``: ``median`` or ``mean``)."""

    pass_mark: int | None
    pass_mark_source: Source | None
    statistic: str | None = None
    year: int | None = None
    source: Source | None = None
    by_specialty: Mapping[str, int] = field(default_factory=dict)
    national_mean: int | None = None
    national_sd: int | None = None
    national_source: Source | None = None


@dataclass(frozen=True)
class Season:
    """One application season (e.g. ``"2026-27"`` for the NRMP 2027 Match), as a season pack
    describes it. ``origin``: "shipped" or "imported <date>"."""

    id: str
    match_year: int
    title: str
    created: dt.date
    publisher: str
    starts: dt.date
    ends: dt.date
    platforms: Mapping[str, Platform]
    default_platform: str
    specialties: Mapping[str, SpecialtySeason]
    dates: tuple[SeasonDate, ...]
    costs: tuple[CostItem, ...]
    not_included: tuple[str, ...]
    match_rates: Mapping[str, MatchRate]
    step2: Step2Figures
    sources: Mapping[str, Source]
    origin: str = "shipped"

    @property
    def label(self) -> str:
        """E.g. ``"2026–27 season (NRMP 2027 Match)"``."""
        return f"{self.id.replace('-', '–')} season (NRMP {self.match_year} Match)"

    @property
    def source_text(self) -> str:
        """Who made the pack and when, e.g. for ``season show``."""
        return f"{self.publisher}, {self.created.isoformat()} ({self.origin})"

    def covers(self, day: dt.date) -> bool:
        return self.starts <= day <= self.ends

    def match_rates_year(self) -> int | None:
        years = {r.year for r in self.match_rates.values()}
        return min(years) if years else None
