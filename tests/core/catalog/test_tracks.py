"""Program tracks: categorical, preliminary and transitional year, from every source."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.catalog.queries import ensure_demo_pack, load_programs
from smartpick_desktop.core.catalog.records import CellError, check_record, parse_cell


@pytest.mark.parametrize(("cell", "track"), [
    ("Categorical", "categorical"), ("C", "categorical"), ("Prelim", "preliminary"),
    ("Preliminary (PGY-1 only)", "preliminary"), ("P", "preliminary"),
    ("TY", "transitional"), ("Transitional Year", "transitional"), ("", None), (None, None)])
def test_spreadsheet_words_for_tracks(cell, track):
    assert parse_cell("track", cell) == track


def test_an_unknown_track_is_refused_with_the_reason():
    with pytest.raises(CellError, match="not a known track"):
        parse_cell("track", "advanced-ish")
    _, problems = check_record({"name": "X", "specialty": "Internal Medicine",
                                "track": "sideways"})
    assert ("track", "'sideways' is not a known track") in problems


def test_the_demo_pack_has_preliminary_and_transitional_positions(store):
    with store.session() as s:
        ensure_demo_pack(s)
        surgery = load_programs(s, specialty="General Surgery")
        ty = load_programs(s, specialty="Transitional Year")
    prelim = [p for p in surgery if p.track == "preliminary"]
    assert prelim and all("Preliminary" in p.name and p.is_demo for p in prelim)
    assert {p.track for p in surgery} == {"categorical", "preliminary"}
    assert ty and {p.track for p in ty} == {"transitional"}
    # preliminary positions are less competitive than the categorical ones of the specialty
    mean = lambda ps: sum(p.typical_step2 for p in ps if p.typical_step2) / len(  # noqa: E731
        [p for p in ps if p.typical_step2])
    assert mean(prelim) < mean([p for p in surgery if p.track == "categorical"])
