"""The loaded reference data and its look-ups (specialties by alias, ERAS fees)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from smartpick_desktop.core.reference.types import (
    FeeRule,
    Figure,
    SeasonEvent,
    SignalStudy,
    Source,
    Specialty,
    normalize_name,
)


class UnknownSpecialtyError(KeyError):
    """No specialty has this name or alias; ``str(err)`` is a readable sentence."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Unknown specialty."


@dataclass(frozen=True, eq=False)
class Reference:
    """All shipped reference figures. Shared and cached: treat every dict and list as read-only.

    - ``specialties``: canonical name -> :class:`Specialty` (specialties.json).
    - ``match_rates``: 2025 PGY-1 match rate (fraction) by applicant type ``us_md``, ``us_do``,
      ``us_img``, ``non_us_img``; ``match_rate_changes``: change vs 2024 in fraction points.
    - ``match_rates_by_year``: Match year -> type -> PGY-1 match rate (2025 and 2026; 2026 is
      secondary); ``match_counts_by_year``: year -> type -> (matched, active) behind each rate
      (None where unpublished). :meth:`match_rates_for` picks a year (default: the latest).
    - ``overall_match_rates``: year -> overall PGY-1 match rate (2025: 0.798, 2024: 0.802).
    - ``market``: year -> figures ``registered_applicants``, ``certified_rank_lists``,
      ``positions``, ``pgy1_positions``, ``program_tracks``/``programs``,
      ``pgy1_positions_filled_before_soap``, ``positions_filled_through_soap`` (where published).
    - ``fee_rule`` / ``fellowship_fee_rule``: ERAS fee schedules; ``interview_travel_usd``: the
      cost budgeted per interview (uncertain source).
    - ``signal_odds_multiplier``: default odds multiplier of a signal (derivation in its note);
      ``signal_studies``; ``programs_accepting_signals`` (fraction of ERAS programs, 2025).
    - ``season_events``: sorted by date; estimated ones say how in ``note``.
    - ``typical_applications``: typical number of applications by applicant type (for
      calibration). ``applications``: key -> figure from applications.json ``figures``:
      ``us_grad_mean_applications_2007/2018``, ``thalamus_us_grad_applications``,
      ``thalamus_img_applications``, ``apply_smart_em_usmd_step1_234_applications/probability``,
      ``em_advice_average_low/high``, ``em_advice_do_low/high``, ``em_advice_img_more_than``,
      ``pd_survey_applications/interviews/ranked_per_program``, ``fm_unmatched_rate_1_rank``,
      ``fm_unmatched_rate_2_ranks``, ``fm_ranks_nearly_all_matched``,
      ``fm_mean_ranks_matched/unmatched``, ``step2_overall_mean``, ``step2_sd`` (estimated
      midpoint), ``step2_sd_low/high``, ``step2_min_passing``, ``ortho_step2_matched/unmatched``,
      ``ortho_research_items_matched``, ``img_interviews_per_100_applications_low/high``.
    - ``notes``: text facts with sources, keyed ``"<file stem>.<key>"``.
    - ``sources``: every source id -> :class:`Source`, across all files.
    """

    specialties: dict[str, Specialty]
    match_rates: dict[str, Figure]
    match_rate_changes: dict[str, Figure]
    match_rates_by_year: dict[int, dict[str, Figure]]
    match_counts_by_year: dict[int, dict[str, tuple[int | None, int | None]]]
    overall_match_rates: dict[int, Figure]
    market: dict[int, dict[str, Figure]]
    fee_rule: FeeRule
    fellowship_fee_rule: FeeRule
    interview_travel_usd: Figure
    signal_odds_multiplier: Figure
    signal_studies: list[SignalStudy]
    programs_accepting_signals: Figure
    season_events: list[SeasonEvent]
    typical_applications: dict[str, Figure]
    applications: dict[str, Figure]
    notes: dict[str, Figure]
    sources: dict[str, Source]
    _index: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def latest_match_year(self) -> int:
        """The newest Match year with match rates by applicant type."""
        return max(self.match_rates_by_year)

    def match_rates_for(self, year: int | None = None) -> tuple[int, dict[str, Figure]]:
        """``(year, rates by applicant type)`` of Match ``year`` (None: the latest shipped).

        The season in force names its year: ``season_in_force(session).season
        .match_rates_year()`` (core.season). Raises KeyError for a year not shipped."""
        year = self.latest_match_year if year is None else int(year)
        if year not in self.match_rates_by_year:
            raise KeyError(f"No match rates for {year}; shipped years: "
                           f"{', '.join(map(str, sorted(self.match_rates_by_year)))}.")
        return year, self.match_rates_by_year[year]

    def specialty(self, name_or_alias: str) -> Specialty:
        """Find a specialty by name or alias, ignoring case, spaces and punctuation.

        Raises :class:`UnknownSpecialtyError` (a ``KeyError``) when nothing matches.
        """
        canonical = self._index.get(normalize_name(name_or_alias or ""))
        if canonical is None:
            raise UnknownSpecialtyError(
                f"Unknown specialty '{name_or_alias}'; use a name such as "
                f"'Internal Medicine' or an alias such as 'IM'."
            )
        return self.specialties[canonical]

    def find_specialty(self, name_or_alias: str) -> Specialty | None:
        """Like :meth:`specialty` but returns None when nothing matches."""
        canonical = self._index.get(normalize_name(name_or_alias or ""))
        return None if canonical is None else self.specialties[canonical]

    def specialty_names(self) -> list[str]:
        """Canonical specialty names, sorted."""
        return sorted(self.specialties)

    def nrmp_specialties(self) -> list[Specialty]:
        """Specialties matched through the NRMP, sorted by name."""
        return [s for _, s in sorted(self.specialties.items()) if s.match == "NRMP"]

    def eras_fee(self, counts_by_specialty: Mapping[str, int]) -> int:
        """ERAS fee in USD for numbers of programs by specialty, applying the tier rule per
        specialty. Names and aliases of the same specialty are counted together; unknown names
        are counted as specialties of their own."""
        merged: dict[str, int] = {}
        for name, count in counts_by_specialty.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"Number of programs for '{name}' must be a whole number ≥ 0.")
            found = self.find_specialty(name)
            key = found.name if found else normalize_name(name)
            merged[key] = merged.get(key, 0) + count
        return self.fee_rule.total(merged)

    def all_sources(self) -> list[Source]:
        """Every source, sorted by publisher then title."""
        return sorted(self.sources.values(), key=lambda s: (s.publisher.casefold(), s.title))
