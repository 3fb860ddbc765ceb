"""Season packs, the season in force, its steps as of a date, and the whole cost (no Qt)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from smartpick_desktop.core.plan.document import reach_marks
from smartpick_desktop.core.resources import resource_path
from smartpick_desktop.core.season import (
    SeasonPackError,
    available_seasons,
    choose_season,
    import_season_pack,
    parse_pack_text,
    season_in_force,
    season_steps,
    shipped_seasons,
    specialty_season,
    submission_notice,
    whole_cost,
)
from smartpick_desktop.core.season.service import season_for_date

RAW = json.loads(resource_path("seasons", "2026-27.json").read_text(encoding="utf-8"))


def _pack(**changes):
    data = copy.deepcopy(RAW)
    data.update(changes)
    return json.dumps(data)


def test_shipped_seasons_and_the_season_of_a_date():
    seasons = shipped_seasons()
    assert {"2025-26", "2026-27"} <= set(seasons)
    assert season_for_date(seasons, dt.date(2026, 11, 28)).id == "2026-27"
    assert season_for_date(seasons, dt.date(2026, 2, 1)).id == "2025-26"
    late = season_in_force(None, dt.date(2027, 8, 1))
    assert late.season.id == "2026-27" and not late.covers_today
    assert "import a newer season pack" in late.explain()


def test_reference_figures_of_the_2026_27_season():
    season = shipped_seasons()["2026-27"]
    assert season.step2.pass_mark == 218 and season.step2.statistic == "median"
    assert season.step2.by_specialty["Internal Medicine"] == 254
    rates = season.match_rates
    assert rates["non_us_img"].rate == pytest.approx(0.564) and rates["us_md"].year == 2026
    assert rates["us_do"].active == 8503 and rates["us_md"].source.secondary
    assert specialty_season(season, "OB/GYN").signals == {"gold": 3, "silver": 15}
    assert specialty_season(season, "Anesthesiology").signals == {"gold": 5, "silver": 10}
    assert specialty_season(season, "Urology").platform == "AUA"
    # unlisted specialties keep the shipped ERAS 2025 signal table
    assert specialty_season(season, "General Surgery").signals == {"signal": 15}


def test_reference_keeps_both_years_of_match_rates():
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    assert set(ref.match_rates_by_year) >= {2025, 2026}
    assert ref.match_rates_by_year[2026]["us_img"].value == pytest.approx(0.700)
    assert ref.match_rates_by_year[2025]["us_do"].value == pytest.approx(0.926)
    year, rates = ref.match_rates_for()
    assert year == 2026 and rates["us_md"].secondary
    assert ref.match_rates_for(2025)[1] == ref.match_rates
    counts = ref.match_counts_by_year[2025]["non_us_img"]
    assert counts == (6653, 11465)


@pytest.mark.parametrize("change, words", [
    ({"season": "2026-28"}, "two following years"),
    ({"match_year": 2030}, "leads to the 2027 Match"),
    ({"format": "data-pack"}, "not a SmartPick season pack"),
    ({"default_platform": "AUA"}, "default_platform"),
    ({"specialties": {"Astrology": {"platform": "ERAS"}}}, "unknown specialty"),
    ({"dates": []}, "needs its dates"),
    ({"costs": [{"id": "x", "label": "X", "kind": "sometimes", "usd": 3,
                 "source": "saem_rams"}]}, "costs[0].kind"),
])
def test_bad_packs_are_refused_with_the_key(change, words):
    with pytest.raises(SeasonPackError) as err:
        parse_pack_text(_pack(**change), "next.json")
    assert "next.json" in str(err.value) and words in str(err.value)


def test_an_estimated_date_needs_a_note_and_non_finite_numbers_are_refused():
    data = copy.deepcopy(RAW)
    data["dates"][1].pop("note")
    with pytest.raises(SeasonPackError, match="estimated date needs a note"):
        parse_pack_text(json.dumps(data))
    text = json.dumps(RAW).replace('"rate": 0.935', '"rate": Infinity', 1)
    with pytest.raises(SeasonPackError, match="Infinity"):
        parse_pack_text(text)


def test_import_replaces_the_shipped_season_and_a_bad_one_changes_nothing(store, tmp_path):
    good = copy.deepcopy(RAW)
    good["publisher"] = "Ohio advising office"
    path = tmp_path / "ohio.json"
    path.write_text(json.dumps(good), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**good, "dates": "soon"}), encoding="utf-8")
    with store.session() as session, pytest.raises(SeasonPackError):
        import_season_pack(session, bad)
    with store.session() as session:
        assert season_in_force(session, dt.date(2026, 11, 28)).season.origin == "shipped"
        import_season_pack(session, path, today=dt.date(2026, 11, 28))
    with store.session() as session:
        season = season_in_force(session, dt.date(2026, 11, 28)).season
        assert season.publisher == "Ohio advising office"
        assert season.origin == "imported 2026-11-28"
        choose_season(session, "2025-26")
        assert season_in_force(session).season.id == "2025-26"
        assert set(available_seasons(session)) >= {"2025-26", "2026-27"}


def test_past_steps_are_done_missed_or_passed_never_to_do():
    season = shipped_seasons()["2026-27"]
    today = dt.date(2026, 11, 28)
    steps = season_steps(season, today, ["ERAS"], applications_sent=0)
    past = [s for s in steps if s.date.date < today]
    assert past and all(s.past for s in past)
    submit = next(s for s in steps if s.date.role == "submit")
    assert submit.state == "missed"
    assert next(s for s in season_steps(season, today, ["ERAS"], 12)
                if s.date.role == "submit").state == "done"
    assert all(s.state == "upcoming" for s in steps if s.date.date > today)
    # an EM applicant sees ResidencyCAS dates, not the ERAS application dates
    em = season_steps(season, today, ["ResidencyCAS"])
    assert all(s.date.kind != "eras" for s in em)
    assert any(s.date.kind == "residencycas" for s in em)


def test_a_student_past_the_window_is_told_what_still_matters():
    season = shipped_seasons()["2026-27"]
    assert submission_notice(season, dt.date(2026, 8, 1), ["ERAS"]) is None
    text = submission_notice(season, dt.date(2026, 11, 28), ["ERAS"], 0)
    assert "has passed" in text and "SOAP" in text and "next season" in text
    sent = submission_notice(season, dt.date(2026, 11, 28), ["ERAS"], 20)
    assert "20 applications marked sent" in sent and "rank order list" in sent


def test_whole_cost_multiplies_out_and_warns_over_budget():
    season = shipped_seasons()["2026-27"]
    fees = [{"specialty": "Internal Medicine", "applications": 40, "fee_usd": 630},
            {"specialty": "Emergency Medicine", "applications": 20, "fee_usd": 135}]
    cost = whole_cost(season, fees, expected_interviews=12.98, applicant_type="non_us_img",
                      budget_usd=1500, travel_usd=600)
    travel = next(x for x in cost.lines if x.kind == "travel")
    assert "13.0 expected interviews × $600 = $7,800" in travel.detail
    assert travel.usd == 7800 and travel.estimate
    transcript = next(x for x in cost.lines if x.kind == "transcript")
    assert transcript.usd == 160  # one USMLE transcript fee per platform (ERAS, ResidencyCAS)
    assert cost.total_usd == 630 + 135 + 160 + 7800 + 0
    assert cost.over_budget and "passes your budget of $1,500" in cost.warning()
    many = whole_cost(season, fees, expected_interviews=24.4, applicant_type="us_md",
                      budget_usd=None, travel_usd=0)
    ranks = next(x for x in many.lines if x.kind == "rank")
    assert ranks.usd == 4 * 30 and not many.over_budget and many.warning() is None


def test_reach_marks_name_the_first_list_reaching_each_level():
    values = [min(0.999, 0.2 + 0.02 * k) for k in range(60)]
    marks = reach_marks(values)
    first95 = next(k + 1 for k, v in enumerate(values) if v >= 0.95)
    assert f"{first95} applications reach 95%" in marks


def test_reference_holds_the_newer_signal_studies_market_and_corrections():
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    studies = {s.id: s for s in ref.signal_studies}
    assert studies["gensurg_funnel_2025"].figures["odds_ratio"].value == pytest.approx(3.85)
    assert studies["pmc10241500"].figures["interview_rate_signal"].value == pytest.approx(0.244)
    assert studies["aliem_eras_2023"].specialty == "Emergency Medicine"
    assert ref.market[2026]["registered_applicants"].value == 53373
    assert ref.market[2026]["soap_positions_filled"].value == 2632
    assert "placed in SOAP" in ref.market[2025]["positions_filled_through_soap"].note
    assert ref.specialty("Internal Medicine").fill_rate.value == pytest.approx(0.968)
    assert "began with the 2025 ERAS season" in ref.fee_rule.note
    assert ref.applications["step2_min_passing"].value == 218


def test_the_shipped_pack_agrees_with_the_reference_rates():
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    for season in shipped_seasons().values():
        year = season.match_rates_year()
        for atype, rate in season.match_rates.items():
            assert rate.rate == pytest.approx(float(ref.match_rates_by_year[year][atype].value))


def test_a_lone_surrogate_in_a_season_pack_is_refused():
    """Issue 16: a broken character cannot be stored or printed; the pack is refused."""
    text = _pack(name="x").replace('"name": "x"', '"name": "\\ud800"', 1)
    with pytest.raises(SeasonPackError, match="surrogate"):
        parse_pack_text(text)
