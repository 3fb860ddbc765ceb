"""Load and validate the shipped reference files into one :class:`Reference`."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

from smartpick_desktop.core.reference._parse import FileReader
from smartpick_desktop.core.reference.model import Reference
from smartpick_desktop.core.reference.types import (
    APPLICANT_TYPES,
    MATCHES,
    FeeExample,
    FeeRule,
    FeeTier,
    Figure,
    PositionsYear,
    SeasonEvent,
    SignalStudy,
    Source,
    Specialty,
    SurveyFigures,
    normalize_name,
)
from smartpick_desktop.core.resources import resource_path

FILES = ("specialties", "match_rates", "fees", "signals", "season", "applications")
"""Stems of the JSON files under ``resources/reference``."""

EVENT_KINDS = ("eras", "nrmp")


def reference_dir() -> Path:
    """The folder holding the shipped reference files (source tree or frozen bundle)."""
    return resource_path("reference", "specialties.json").parent


@functools.lru_cache(maxsize=1)
def load_reference() -> Reference:
    """Load the shipped reference data once (cached); raises ReferenceDataError on bad data."""
    return read_reference(reference_dir())


def read_reference(directory: Path) -> Reference:
    """Read and validate the reference files in ``directory`` (uncached)."""
    readers = {stem: FileReader(directory / f"{stem}.json") for stem in FILES}
    for reader in readers.values():
        reader.load()
    sources = _merge_sources(readers.values())
    specialties, index = _specialties(readers["specialties"])
    rates, changes, overall, market = _match_rates(readers["match_rates"])
    by_year, counts = _rates_by_year(readers["match_rates"])
    fee_rule, fellowship, travel = _fees(readers["fees"])
    multiplier, studies, accepting = _signals(readers["signals"])
    notes = {}
    for stem in ("signals", "season", "applications"):
        reader = readers[stem]
        raw = reader.data.get("notes", {})
        for key, fig in reader.figures(raw, "notes", text=True).items():
            notes[f"{stem}.{key}"] = fig
    typical, applications = _applications(readers["applications"])
    return Reference(
        specialties=specialties,
        match_rates=rates,
        match_rate_changes=changes,
        match_rates_by_year=by_year,
        match_counts_by_year=counts,
        overall_match_rates=overall,
        market=market,
        fee_rule=fee_rule,
        fellowship_fee_rule=fellowship,
        interview_travel_usd=travel,
        signal_odds_multiplier=multiplier,
        signal_studies=studies,
        programs_accepting_signals=accepting,
        season_events=_season(readers["season"]),
        typical_applications=typical,
        applications=applications,
        notes=notes,
        sources=sources,
        _index=index,
    )


def _merge_sources(readers: Any) -> dict[str, Source]:
    merged: dict[str, Source] = {}
    for reader in readers:
        for sid, source in reader.sources.items():
            if sid in merged and merged[sid] != source:
                reader.fail(
                    f"sources.{sid}",
                    "differs from the source with the same id in another reference file",
                )
            merged[sid] = source
    return merged


def _specialties(r: FileReader) -> tuple[dict[str, Specialty], dict[str, str]]:
    rule = r.mapping(r.data.get("competitiveness_rule"), "competitiveness_rule")
    high = r.integer(rule, "higher_at_or_above", "competitiveness_rule")
    low = r.integer(rule, "lower_at_or_below", "competitiveness_rule")
    specialties: dict[str, Specialty] = {}
    index: dict[str, str] = {}
    for i, raw in enumerate(r.items(r.data.get("specialties"), "specialties")):
        key = f"specialties[{i}]"
        obj = r.mapping(raw, key)
        name = r.text(obj, "name", key)
        key = f"specialties[{i}] ({name})"
        aliases = tuple(r.items(obj.get("aliases", []), f"{key}.aliases"))
        for j, alias in enumerate(aliases):
            if not isinstance(alias, str) or not normalize_name(alias):
                r.fail(f"{key}.aliases[{j}]", "expected non-empty text")
        for alias in (name, *aliases):
            owner = index.setdefault(normalize_name(alias), name)
            if owner != name:
                r.fail(f"{key}.aliases", f"'{alias}' is already a name or alias of {owner}")
        match = obj.get("match")
        if match not in MATCHES:
            r.fail(f"{key}.match", f"expected one of {', '.join(MATCHES)}, got {match!r}")
        step2 = r.optional_figure(obj, "step2_mean", key)
        sig = _signal_counts(r, obj.get("signals"), f"{key}.signals")
        specialties[name] = Specialty(
            name=name,
            aliases=aliases,
            match=match,
            step2_mean=step2,
            positions=r.optional_figure(obj, "positions", key),
            fill_rate=r.optional_figure(obj, "fill_rate", key, fraction=True),
            signals_total=sig[0],
            signals_gold=sig[1],
            signals_silver=sig[2],
            signals_source=sig[3],
            signals_note=sig[4],
            competitiveness=_competitiveness(step2, high, low),
            step2_history=tuple(
                r.figure(h, f"{key}.step2_history[{j}]")
                for j, h in enumerate(r.items(obj.get("step2_history", []), f"{key}.step2_history"))
            ),
            positions_history=tuple(
                _positions_year(r, h, f"{key}.positions_history[{j}]")
                for j, h in enumerate(
                    r.items(obj.get("positions_history", []), f"{key}.positions_history")
                )
            ),
            match_note=r.text(obj, "match_note", key, optional=True),
            survey=_survey(r, obj.get("survey"), f"{key}.survey"),
        )
    if not specialties:
        r.fail("specialties", "no specialties listed")
    return specialties, index


def _signal_counts(
    r: FileReader, raw: Any, key: str
) -> tuple[int, int, int, Source | None, str | None]:
    if raw is None:
        return 0, 0, 0, None, None
    obj = r.mapping(raw, key)
    total = r.integer(obj, "total", key)
    gold = r.integer(obj, "gold", key, optional=True)
    silver = r.integer(obj, "silver", key, optional=True)
    if (gold is None) != (silver is None):
        r.fail(key, "give both gold and silver, or neither")
    if gold is not None and gold + silver != total:
        r.fail(f"{key}.total", f"total {total} is not gold {gold} + silver {silver}")
    if total < 0:
        r.fail(f"{key}.total", "cannot be negative")
    r.year(obj, key)
    return (
        total,
        gold or 0,
        silver or 0,
        r.source_ref(obj, key),
        r.text(obj, "note", key, optional=True),
    )


def _survey(r: FileReader, raw: Any, key: str) -> SurveyFigures | None:
    """Median applications and interviews offered per applicant, e.g. NRMP Applicant Survey."""
    if raw is None:
        return None
    obj = r.mapping(raw, key)
    counts = {}
    for field in ("applications", "interviews"):
        value = r.integer(obj, field, key)
        if value <= 0:
            r.fail(f"{key}.{field}", f"expected a positive count, got {value}")
        counts[field] = r.figure({**obj, "value": value, "unit": f"median {field}"}, key)
    return SurveyFigures(counts["applications"], counts["interviews"])


def _competitiveness(step2: Figure | None, high: int, low: int) -> Figure | None:
    if step2 is None or step2.estimated:
        return None
    value = step2.value
    level = "higher" if value >= high else "lower" if value <= low else "average"
    return Figure(
        value=level,
        year=step2.year,
        source_id=step2.source_id,
        source=step2.source,
        secondary=step2.secondary,
        note=f"Derived from mean Step 2 CK {value} of matched US MD seniors "
        f"(higher at {high}+, lower at {low} or less)",
    )


def _positions_year(r: FileReader, raw: Any, key: str) -> PositionsYear:
    obj = r.mapping(raw, key)
    return PositionsYear(
        year=r.year(obj, key),
        programs=r.integer(obj, "programs", key, optional=True),
        positions=r.integer(obj, "positions", key),
        unfilled=r.integer(obj, "unfilled", key, optional=True),
        source=r.source_ref(obj, key),
    )


def _match_rates(r: FileReader) -> tuple:
    by_type = r.mapping(
        r.data.get("pgy1_match_rate_by_applicant_type"), "pgy1_match_rate_by_applicant_type"
    )
    if set(by_type) != set(APPLICANT_TYPES):
        r.fail("pgy1_match_rate_by_applicant_type", f"expected keys {', '.join(APPLICANT_TYPES)}")
    rates, changes = {}, {}
    for t in APPLICANT_TYPES:
        key = f"pgy1_match_rate_by_applicant_type.{t}"
        obj = r.mapping(by_type[t], key)
        rates[t] = r.figure(obj.get("rate"), f"{key}.rate", fraction=True)
        if obj.get("change_vs_2024") is not None:
            changes[t] = r.figure(obj["change_vs_2024"], f"{key}.change_vs_2024")
    overall: dict[int, Figure] = {}
    for i, raw in enumerate(
        r.items(r.data.get("pgy1_match_rate_overall"), "pgy1_match_rate_overall")
    ):
        fig = r.figure(raw, f"pgy1_match_rate_overall[{i}]", fraction=True)
        if fig.year is None or fig.year in overall:
            r.fail(f"pgy1_match_rate_overall[{i}].year", "needs a year not listed before")
        overall[fig.year] = fig
    market: dict[int, dict[str, Figure]] = {}
    for year, raw in r.mapping(r.data.get("market"), "market").items():
        if not year.isdigit():
            r.fail(f"market.{year}", 'keys must be years such as "2025"')
        market[int(year)] = r.figures(raw, f"market.{year}")
    return rates, changes, overall, market


def _rates_by_year(
    r: FileReader,
) -> tuple[dict[int, dict[str, Figure]], dict[int, dict[str, tuple[int | None, int | None]]]]:
    """``pgy1_match_rate_by_year``: year -> type -> rate figure, and the (matched, active)
    counts behind each rate (None where not published)."""
    rates: dict[int, dict[str, Figure]] = {}
    counts: dict[int, dict[str, tuple[int | None, int | None]]] = {}
    raw = r.mapping(r.data.get("pgy1_match_rate_by_year", {}), "pgy1_match_rate_by_year")
    for year, by_type in raw.items():
        key = f"pgy1_match_rate_by_year.{year}"
        if not year.isdigit():
            r.fail(key, 'keys must be years such as "2026"')
        obj = r.mapping(by_type, key)
        if set(obj) != set(APPLICANT_TYPES):
            r.fail(key, f"expected keys {', '.join(APPLICANT_TYPES)}")
        rates[int(year)], counts[int(year)] = {}, {}
        for t in APPLICANT_TYPES:
            item = r.mapping(obj[t], f"{key}.{t}")
            fig = r.figure(item.get("rate"), f"{key}.{t}.rate", fraction=True)
            if fig.year != int(year):
                r.fail(f"{key}.{t}.rate.year", f"must be {year}")
            matched = r.integer(item, "matched", f"{key}.{t}", optional=True)
            active = r.integer(item, "active", f"{key}.{t}", optional=True)
            if matched is not None and active and abs(matched / active - fig.value) > 0.001:
                r.fail(f"{key}.{t}", f"{matched}/{active} does not give the rate {fig.value}")
            rates[int(year)][t] = fig
            counts[int(year)][t] = (matched, active)
    return rates, counts


def _fees(r: FileReader) -> tuple[FeeRule, FeeRule, Figure]:
    rules = [_fee_rule(r, kind) for kind in ("residency", "fellowship")]
    travel = r.figure(
        r.data.get("interview_travel_per_interview"), "interview_travel_per_interview"
    )
    return rules[0], rules[1], travel


def _fee_rule(r: FileReader, kind: str) -> FeeRule:
    obj = r.mapping(r.data.get(kind), kind)
    tiers: list[FeeTier] = []
    for i, raw in enumerate(r.items(obj.get("tiers"), f"{kind}.tiers")):
        key = f"{kind}.tiers[{i}]"
        t = r.mapping(raw, key)
        first = r.integer(t, "from", key)
        last = r.integer(t, "to", key, optional=True)
        usd = r.integer(t, "usd", key)
        if tiers and tiers[-1].last is None:
            r.fail(key, "no tier can follow a tier without an upper bound")
        expected = tiers[-1].last + 1 if tiers else 1
        if first != expected:
            r.fail(f"{key}.from", f"tiers must follow on without gaps (expected {expected})")
        if (last is not None and last < first) or usd < 0:
            r.fail(key, "needs to ≥ from and usd ≥ 0")
        flat = r.flag(t, "flat", key)
        if flat and last is None:
            r.fail(f"{key}.to", "a flat tier needs an upper bound")
        tiers.append(FeeTier(first, last, usd, flat))
    if not tiers or tiers[-1].last is not None:
        r.fail(f"{kind}.tiers", 'the last tier must have "to": null (no upper bound)')
    examples = []
    for i, raw in enumerate(r.items(obj.get("worked_examples", []), f"{kind}.worked_examples")):
        key = f"{kind}.worked_examples[{i}]"
        ex = r.mapping(raw, key)
        counts = r.mapping(ex.get("counts"), f"{key}.counts")
        for name in counts:
            r.integer(counts, name, f"{key}.counts")
        examples.append(FeeExample(counts=dict(counts), total_usd=r.integer(ex, "total_usd", key)))
    return FeeRule(
        kind=kind,
        season=r.text(obj, "season", kind),
        season_year=r.integer(obj, "season_year", kind),
        tiers=tuple(tiers),
        per_specialty=r.flag(obj, "per_specialty", kind),
        source=r.source_ref(obj, kind),
        rule=r.text(obj, "rule", kind),
        note=r.text(obj, "note", kind, optional=True),
        worked_examples=tuple(examples),
    )


def _signals(r: FileReader) -> tuple[Figure, list[SignalStudy], Figure]:
    studies = []
    for i, raw in enumerate(r.items(r.data.get("studies"), "studies")):
        key = f"studies[{i}]"
        obj = r.mapping(raw, key)
        studies.append(
            SignalStudy(
                id=r.text(obj, "id", key),
                specialty=r.text(obj, "specialty", key, optional=True),
                summary=r.text(obj, "summary", key),
                source=r.source_ref(obj, key),
                year=r.year(obj, key),
                multiplier=r.optional_figure(obj, "multiplier", key),
                figures=r.figures(obj.get("figures", {}), f"{key}.figures"),
            )
        )
    multiplier = r.figure(r.data.get("default_odds_multiplier"), "default_odds_multiplier")
    if multiplier.value <= 0:
        r.fail("default_odds_multiplier.value", "must be positive")
    accepting = r.figure(
        r.data.get("programs_accepting_signals"), "programs_accepting_signals", fraction=True
    )
    return multiplier, studies, accepting


def _season(r: FileReader) -> list[SeasonEvent]:
    events = []
    for i, raw in enumerate(r.items(r.data.get("events"), "events")):
        key = f"events[{i}]"
        obj = r.mapping(raw, key)
        try:
            date = datetime.date.fromisoformat(r.text(obj, "date", key))
        except ValueError:
            r.fail(f"{key}.date", "expected a date as YYYY-MM-DD")
        kind = obj.get("kind")
        if kind not in EVENT_KINDS:
            r.fail(f"{key}.kind", f"expected 'eras' or 'nrmp', got {kind!r}")
        estimated = r.flag(obj, "estimated", key)
        note = r.text(obj, "note", key, optional=True)
        if estimated and note is None:
            r.fail(f"{key}.note", "an estimated date needs a note saying how it was estimated")
        events.append(
            SeasonEvent(
                date, r.text(obj, "title", key), kind, r.source_ref(obj, key), estimated, note
            )
        )
    return sorted(events, key=lambda e: (e.date, e.title))


def _applications(r: FileReader) -> tuple[dict[str, Figure], dict[str, Figure]]:
    typical = r.figures(r.data.get("typical_by_applicant_type"), "typical_by_applicant_type")
    if set(typical) != set(APPLICANT_TYPES):
        r.fail("typical_by_applicant_type", f"expected keys {', '.join(APPLICANT_TYPES)}")
    return typical, r.figures(r.data.get("figures"), "figures")
