"""The profile dataclass: validation, JSON v1 round trip and storage."""

from __future__ import annotations

import json

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.position import position_statement
from smartpick_desktop.core.profile import (
    FIELD_CHECKS,
    Profile,
    ProfileError,
    load_profile,
    read_profile_file,
    save_profile,
    write_profile_file,
)

EXAMPLE = {
    "version": 1, "name": "Alex Doe", "applicant_type": "us_md", "graduation_year": 2027,
    "home_state": "OH", "home_city": "Columbus", "step1": "pass", "step2_ck": 248,
    "comlex_level2": None, "failed_attempts": 0, "research_items": 6, "work_experiences": 3,
    "volunteer_experiences": 5, "honors": ["aoa"], "us_clinical_months": 0, "visa": "none",
    "specialty": "Internal Medicine", "backup_specialty": None, "couples": False,
    "budget_usd": 1500, "preferred_states": ["OH", "MI", "PA"], "max_distance_miles": None,
    "preferred_settings": ["university"],
    "weights": {"location": 0.3, "setting": 0.15, "size": 0.05, "reputation": 0.2, "chance": 0.3},
}


def test_example_round_trips_every_key():
    data = Profile.from_dict(EXAMPLE).to_dict()
    for key, value in EXAMPLE.items():
        assert data[key] == value, key


def test_unknown_keys_are_kept():
    data = Profile.from_dict({**EXAMPLE, "favourite_colour": "teal"}).to_dict()
    assert data["favourite_colour"] == "teal"


def test_alias_resolves_to_canonical_specialty():
    assert Profile.from_dict({**EXAMPLE, "specialty": "IM"}).specialty == "Internal Medicine"


@pytest.mark.parametrize(("change", "field"), [
    ({"step2_ck": 400}, "step2_ck"),
    ({"applicant_type": "martian"}, "applicant_type"),
    ({"step2_ck": "248"}, "step2_ck"),
    ({"home_state": "XX"}, "home_state"),
    ({"weights": {"location": -0.1}}, "weights.location"),
    ({"version": 99}, "version"),
    ({"honors": ["nobel"]}, "honors"),
    ({"couples": "yes"}, "couples"),
    ({"specialty": "Astrology"}, "specialty"),
    ({"backup_specialty": "Internal Medicine"}, "backup_specialty"),
    ({"step1": "passed"}, "step1"),
    ({"failed_attempts": True}, "failed_attempts"),
])
def test_bad_values_name_the_field(change, field):
    with pytest.raises(ProfileError) as err:
        Profile.from_dict({**EXAMPLE, **change})
    assert err.value.field == field
    assert f'"{field}"' in str(err.value)


def test_top_level_must_be_an_object():
    with pytest.raises(ProfileError, match="JSON object"):
        Profile.from_dict([1, 2])


def test_missing_required_fields():
    with pytest.raises(ProfileError, match="applicant_type"):
        Profile.from_dict({"version": 1, "specialty": "Pediatrics"})


def test_field_checks_cover_every_dataclass_field():
    fields = set(Profile().to_dict()) - {"version"}
    assert fields == set(FIELD_CHECKS)


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b'{"version": 1, "applicant_type": "us_md", "spec', "not valid JSON"),
    (b"[1, 2, 3]", "JSON object"),
    (b"\xff\xfe\x00bad", "not UTF-8"),
])
def test_bad_files_are_refused_with_the_file_name(tmp_path, content, reason):
    path = tmp_path / "p.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_profile_file(path)
    assert str(path) in str(err.value)
    assert reason in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_profile_file(tmp_path / "absent.json")


def test_file_round_trip_with_unicode_name(tmp_path):
    name = "Zoë <b>O'Brien</b> & Núñez"
    profile = Profile.from_dict({**EXAMPLE, "name": name})
    path = tmp_path / "out.json"
    write_profile_file(profile, path)
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == name
    assert read_profile_file(path).name == name


def test_store_saves_and_loads(store, sample_profile):
    with store.session() as session:
        assert load_profile(session) is None
        save_profile(session, sample_profile)
    with store.session() as session:
        loaded = load_profile(session)
    assert loaded == sample_profile


def test_years_since_graduation():
    import datetime as dt

    profile = Profile(graduation_year=2020)
    assert profile.years_since_graduation(dt.date(2026, 11, 25)) == 6
    assert Profile(graduation_year=2028).years_since_graduation(dt.date(2026, 1, 1)) == 0


def test_position_statement_states_the_difference_and_source():
    statement = position_statement(Profile.from_dict({**EXAMPLE, "step2_ck": 258}))
    assert "4 points above the 2026 median" in statement.text
    assert "Internal Medicine" in statement.text
    assert statement.source and "Charting Outcomes" in statement.source


def test_position_statement_for_expected_score():
    profile = Profile.from_dict({**EXAMPLE, "step2_ck": None, "step2_ck_expected": 240})
    statement = position_statement(profile)
    assert statement.text.startswith("Your expected Step 2 CK (240) is 14 points below")


def test_position_statement_without_score():
    profile = Profile.from_dict({**EXAMPLE, "step2_ck": None})
    assert "Add your Step 2 CK" in position_statement(profile).text


def test_position_statement_for_an_img_compares_with_imgs_figures():
    profile = Profile.from_dict({**EXAMPLE, "applicant_type": "non_us_img", "step2_ck": 215,
                                 "visa": "j1", "ecfmg_status": "in_progress"})
    text = position_statement(profile).text
    assert "ECFMG certification is not complete" in text
    assert "56.4% matched to a PGY-1 position in the 2026 Match" in text
    assert "non-US citizen IMGs" in text and "93.5% of US MD seniors" in text
    assert "below the Step 2 CK passing score of 218" in text
    assert "secondary source" in text


def test_ecfmg_status_is_a_profile_field():
    profile = Profile.from_dict({**EXAMPLE, "applicant_type": "us_img",
                                 "ecfmg_status": "in_progress"})
    assert profile.to_dict()["ecfmg_status"] == "in_progress"
    with pytest.raises(ProfileError, match="ecfmg_status"):
        Profile.from_dict({**EXAMPLE, "ecfmg_status": "maybe"})
