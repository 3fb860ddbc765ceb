"""Shipped reference data: loads, cites source and year everywhere, looks up, computes fees."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smartpick_desktop.core.reference import (
    APPLICANT_TYPES,
    Figure,
    Reference,
    ReferenceDataError,
    SeasonEvent,
    Source,
    Specialty,
    load_reference,
    loader,
    read_reference,
    reference_dir,
)

EXPECTED_NAMES = {
    "Internal Medicine",
    "Family Medicine",
    "Pediatrics",
    "Psychiatry",
    "Emergency Medicine",
    "General Surgery",
    "Orthopaedic Surgery",
    "Otolaryngology",
    "Obstetrics and Gynecology",
    "Neurological Surgery",
    "Plastic Surgery",
    "Vascular Surgery",
    "Thoracic Surgery",
    "Dermatology",
    "Diagnostic Radiology",
    "Radiation Oncology",
    "Anesthesiology",
    "Neurology",
    "Child Neurology",
    "Pathology",
    "Physical Medicine and Rehabilitation",
    "Internal Medicine-Psychiatry",
    "Preventive Medicine",
    "Transitional Year",
    "Urology",
    "Ophthalmology",
}


@pytest.fixture
def ref() -> Reference:
    return load_reference()


@pytest.fixture
def fresh_cache():
    load_reference.cache_clear()
    yield
    load_reference.cache_clear()


def _walk(obj):
    """Every Figure reachable from obj (dataclasses, dicts, lists, tuples)."""
    if isinstance(obj, Figure):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _walk(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from _walk(value)


def _raw_figures(obj, path=""):
    """Every object with a "value" key in raw JSON, with its path."""
    if isinstance(obj, dict):
        if "value" in obj:
            yield path, obj
        for key, value in obj.items():
            yield from _raw_figures(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _raw_figures(value, f"{path}[{i}]")


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "reference"
    shutil.copytree(reference_dir(), target)
    return target


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


# -- loading ---------------------------------------------------------------------------------


def test_loads_and_is_cached(ref):
    assert isinstance(ref, Reference)
    assert load_reference() is ref
    assert set(ref.specialties) == EXPECTED_NAMES


def test_loader_imports_no_qt():
    code = (
        "import sys; from smartpick_desktop.core.reference import load_reference; "
        "load_reference(); "
        "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_figure_has_source_and_year(ref):
    figures = list(_walk(ref))
    assert len(figures) > 100
    for fig in figures:
        assert fig.source_id in ref.sources, fig
        assert ref.sources[fig.source_id] == fig.source
        if fig.year is None:
            assert fig.note, f"figure without year needs a note: {fig}"
        else:
            assert isinstance(fig.year, int) and 1990 <= fig.year <= 2030
        assert fig.cite().startswith(fig.source.publisher)


def test_raw_files_give_source_and_year_on_every_figure():
    for path in sorted(reference_dir().glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = data["sources"]
        for sid, source in sources.items():
            assert {"title", "publisher", "year", "secondary", "uncertain"} <= set(source), sid
        for where, raw in _raw_figures(data):
            assert "year" in raw, f"{path.name}{where}"
            assert raw.get("source") in sources, f"{path.name}{where}"


def test_sources_are_described(ref):
    sources = ref.all_sources()
    assert sources and all(isinstance(s, Source) and s.title and s.publisher for s in sources)
    assert ref.sources["aamc_fees_2026"].label() == "AAMC, Fees for 2026 ERAS Season"


# -- specialties -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("IM", "Internal Medicine"),
        ("im", "Internal Medicine"),
        ("  internal   MEDICINE ", "Internal Medicine"),
        ("ob/gyn", "Obstetrics and Gynecology"),
        ("OB-GYN", "Obstetrics and Gynecology"),
        ("Obstetrics & Gynecology", "Obstetrics and Gynecology"),
        ("Ortho", "Orthopaedic Surgery"),
        ("Orthopedic Surgery", "Orthopaedic Surgery"),
        ("ENT", "Otolaryngology"),
        ("PM&R", "Physical Medicine and Rehabilitation"),
        ("pm & r", "Physical Medicine and Rehabilitation"),
        ("Radiology", "Diagnostic Radiology"),
        ("EM", "Emergency Medicine"),
        ("FM", "Family Medicine"),
        ("Peds", "Pediatrics"),
        ("Gen Surg", "General Surgery"),
        ("Internal Medicine–Psychiatry", "Internal Medicine-Psychiatry"),
        ("Med-Psych", "Internal Medicine-Psychiatry"),
    ],
)
def test_aliases_resolve(ref, alias, name):
    assert ref.specialty(alias).name == name


def test_unknown_specialty_raises_clear_key_error(ref):
    with pytest.raises(KeyError) as info:
        ref.specialty("Basket Weaving")
    assert "Unknown specialty 'Basket Weaving'" in str(info.value)
    assert ref.find_specialty("Basket Weaving") is None


def test_names_sorted_and_separate_matches_flagged(ref):
    names = ref.specialty_names()
    assert names == sorted(names) and set(names) == EXPECTED_NAMES
    assert ref.specialty("Urology").match == "AUA"
    assert ref.specialty("Ophthalmology").match == "SF Match"
    assert ref.specialty("Urology").separate_match and ref.specialty("Ophthalmology").separate_match
    nrmp = ref.nrmp_specialties()
    assert all(isinstance(s, Specialty) and s.match == "NRMP" for s in nrmp)
    assert len(nrmp) == len(EXPECTED_NAMES) - 2
    assert [s.name for s in nrmp] == sorted(s.name for s in nrmp)


def test_step2_means_published_or_marked_estimated(ref):
    ortho = ref.specialty("Orthopaedic Surgery").step2_mean
    assert (ortho.value, ortho.year, ortho.secondary, ortho.estimated) == (257, 2024, True, False)
    assert "(secondary source)" in ortho.cite()
    assert ref.specialty("Family Medicine").step2_mean.value == 244
    assert [f.value for f in ref.specialty("FM").step2_history] == [241, 238]
    for name in ("Vascular Surgery", "Child Neurology", "Transitional Year", "Urology"):
        est = ref.specialty(name).step2_mean
        assert est.estimated and est.value == 250 and "estimated" in est.note
        assert ref.specialty(name).competitiveness is None
    assert ref.specialty("Dermatology").competitiveness.value == "higher"
    assert ref.specialty("Family Medicine").competitiveness.value == "lower"
    assert ref.specialty("Internal Medicine").competitiveness.value == "average"


def test_positions_fill_rates_and_signals(ref):
    em = ref.specialty("EM")
    assert em.positions.value == 3068 and em.fill_rate.value == pytest.approx(0.979)
    assert [p.year for p in em.positions_history] == list(range(2020, 2026))
    assert em.positions_history[-1].unfilled == 65
    im = ref.specialty("IM")
    assert (im.signals_total, im.signals_gold, im.signals_silver) == (15, 3, 12)
    assert im.signals_source.publisher == "AAMC" and im.signals_source.year == 2025
    assert ref.specialty("Ortho").signals_total == 30 and ref.specialty("Ortho").signals_gold == 0
    uro = ref.specialty("Urology")
    assert uro.signals_total == 0 and uro.signals_source is None and not uro.has_signals
    for spec in ref.specialties.values():
        if spec.fill_rate is not None:
            assert 0 <= spec.fill_rate.value <= 1


def test_survey_of_applications_and_interviews_by_specialty(ref):
    derm, im = ref.specialty("Dermatology"), ref.specialty("IM")
    assert (derm.survey.applications.value, derm.survey.interviews.value) == (63, 11)
    assert derm.survey.interview_yield == pytest.approx(11 / 63)
    assert im.survey.applications.year == 2011 and im.survey.applications.secondary
    assert "Applicant Survey 2011" in im.survey.interviews.cite()
    assert ref.specialty("Urology").survey is None      # AUA runs its own match


# -- match rates, fees, signals, season, applications ---------------------------------------


def test_match_rates(ref):
    assert set(ref.match_rates) == set(APPLICANT_TYPES)
    values = {k: f.value for k, f in ref.match_rates.items()}
    assert values == {"us_md": 0.935, "us_do": 0.926, "us_img": 0.678, "non_us_img": 0.58}
    assert all(f.year == 2025 and f.unit == "fraction" for f in ref.match_rates.values())
    assert ref.match_rate_changes["non_us_img"].value == pytest.approx(-0.005)
    assert ref.overall_match_rates[2025].value == 0.798
    assert ref.overall_match_rates[2024].value == 0.802
    assert ref.market[2025]["registered_applicants"].value == 52498
    assert ref.market[2024]["positions"].value == 41503


@pytest.mark.parametrize(
    ("counts", "fee"),
    [
        ({"Internal Medicine": 43, "Diagnostic Radiology": 7}, 797),
        ({"Internal Medicine": 32, "Emergency Medicine": 32}, 780),
        ({}, 0),
        ({"Internal Medicine": 0}, 0),
        ({"Internal Medicine": 1}, 11),
        ({"Internal Medicine": 30}, 330),
        ({"Internal Medicine": 31}, 360),
        ({"IM": 20, "internal medicine": 11}, 360),
        ({"Interventional Radiology": 31, "IM": 30}, 690),
    ],
)
def test_eras_fee(ref, counts, fee):
    assert ref.eras_fee(counts) == fee


def test_eras_fee_rejects_negative_counts(ref):
    with pytest.raises(ValueError):
        ref.eras_fee({"IM": -1})


def test_fee_rule_describes_itself_and_matches_its_examples(ref):
    rule = ref.fee_rule
    assert rule.season == "2026 ERAS season" and rule.per_specialty
    assert rule.describe() == (
        "ERAS 2026 season: $11 per program for 1–30 in each specialty, $30 from the 31st "
        "(AAMC, Fees for 2026 ERAS Season)"
    )
    assert len(rule.worked_examples) == 2
    for example in rule.worked_examples:
        assert ref.eras_fee(example.counts) == example.total_usd
    fellowship = ref.fellowship_fee_rule
    assert [fellowship.fee_for(n) for n in (0, 1, 10, 11, 20, 21, 31)] == [
        0,
        115,
        115,
        132,
        285,
        305,
        512,
    ]
    travel = ref.interview_travel_usd
    assert travel.value == 600 and travel.uncertain and "uncertain" in travel.cite()


def test_signal_multiplier_derivation(ref):
    published = [s.multiplier.value for s in ref.signal_studies if s.multiplier is not None]
    assert {2.6, 5.4, 5.0} <= set(published)
    default = ref.signal_odds_multiplier
    assert default.value == round(math.sqrt(min(published) * max(published)), 1) == 3.7
    assert default.estimated and "sqrt(2.6 x 5.4)" in default.note
    assert min(published) <= default.value <= max(published)
    assert ref.programs_accepting_signals.value == 0.93
    oto = next(s for s in ref.signal_studies if s.id == "oto_open_2024")
    assert oto.figures["signallers_interviewed"].value == 0.37


def test_season_events_sorted_and_estimates_marked(ref):
    events = ref.season_events
    assert all(isinstance(e, SeasonEvent) for e in events)
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert all(e.kind in ("eras", "nrmp") for e in events)
    by_title = {e.title: e for e in events}
    match_day_2026 = by_title["NRMP 2026 Match Day"]
    assert match_day_2026.date == datetime.date(2026, 3, 20) and not match_day_2026.estimated
    opening = by_title["ERAS 2027 season opens to applicants"]
    assert opening.date == datetime.date(2026, 6, 3) and opening.source.secondary
    match_day_2027 = by_title["NRMP 2027 Match Day"]
    assert match_day_2027.estimated and match_day_2027.date == datetime.date(2027, 3, 19)
    assert match_day_2027.date.weekday() == 4 and 15 <= match_day_2027.date.day <= 21
    deadline = by_title["NRMP 2027 Match: rank order list deadline"]
    assert deadline.estimated and deadline.date < match_day_2027.date
    assert all(e.note for e in events if e.estimated)


def test_applications_figures(ref):
    apps = ref.applications
    assert apps["pd_survey_applications_per_program"].value == 900
    assert apps["pd_survey_interviews_per_program"].value == 120
    assert apps["pd_survey_ranked_per_program"].value == 80
    assert apps["fm_unmatched_rate_1_rank"].value == 0.2
    assert apps["fm_mean_ranks_unmatched"].value == 4.7
    assert apps["step2_overall_mean"].value == 250 and apps["step2_min_passing"].value == 218
    assert apps["step2_min_passing_before_july_2025"].value == 214
    assert apps["ortho_step2_matched"].value - apps["ortho_step2_unmatched"].value == 11
    assert (apps["em_advice_average_low"].value, apps["em_advice_average_high"].value) == (21, 30)
    assert set(ref.typical_applications) == set(APPLICANT_TYPES)
    assert ref.typical_applications["us_md"].value == 60
    assert ref.typical_applications["non_us_img"].value == 150
    assert "applications.match_algorithm" in ref.notes


# -- bad data --------------------------------------------------------------------------------


def test_missing_source_id_raises_naming_the_file(tmp_path, monkeypatch, fresh_cache):
    data_dir = _copy_data(tmp_path)
    _edit(
        data_dir / "specialties.json",
        lambda d: d["specialties"][0]["step2_mean"].update(source="no_such_source"),
    )
    monkeypatch.setattr(loader, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(ReferenceDataError) as info:
        load_reference()
    message = str(info.value)
    assert "specialties.json" in message and "no_such_source" in message
    assert info.value.file == "specialties.json"
    assert "step2_mean.source" in info.value.key


@pytest.mark.parametrize(
    ("stem", "change", "words"),
    [
        (
            "match_rates",
            lambda d: d["pgy1_match_rate_by_applicant_type"]["us_md"]["rate"].update(value=93.5),
            "between 0 and 1",
        ),
        ("applications", lambda d: d["figures"]["step2_sd"].update(year="2024"), "year"),
        ("applications", lambda d: d["figures"]["step2_sd"].pop("year"), "year"),
        ("season", lambda d: d["events"][0].update(date="2026-13-40"), "YYYY-MM-DD"),
        ("fees", lambda d: d["residency"]["tiers"][1].update({"from": 32}), "without gaps"),
        ("specialties", lambda d: d["specialties"][1]["aliases"].append("IM"), "already"),
        ("specialties", lambda d: d["specialties"][0]["survey"].update(applications=0),
         "survey.applications"),
        ("specialties", lambda d: d["specialties"][0]["survey"].pop("source"), "survey.source"),
    ],
)
def test_bad_values_raise(tmp_path, stem, change, words):
    data_dir = _copy_data(tmp_path)
    _edit(data_dir / f"{stem}.json", change)
    with pytest.raises(ReferenceDataError, match=f"{stem}.json") as info:
        read_reference(data_dir)
    assert words in str(info.value)


def test_invalid_json_and_missing_file_raise(tmp_path):
    data_dir = _copy_data(tmp_path)
    (data_dir / "signals.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="signals.json"):
        read_reference(data_dir)
    (data_dir / "signals.json").unlink()
    with pytest.raises(ReferenceDataError, match="signals.json.*missing"):
        read_reference(data_dir)
