"""Issue 15 (the window never stalls): sorting by prepared NumPy keys gives exactly the order
the plain Python sort gives — ties kept in their previous order, rows without a value last."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import load_programs
from smartpick_desktop.core.model.catalog_ranking import build_ranking
from smartpick_desktop.ui.programs.table_model import (
    COL,
    COLUMNS,
    KEY,
    ProgramTableModel,
    key_codes,
)

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def sorted_programs(programs, ranking, column, order):
    """The plain Python sort by a column's key (stable; rows without a value last): what the
    NumPy sort must give."""
    fn = KEY[COLUMNS[column].key]
    keyed = [(fn(p, ranking.info.get(p.program_id)), p) for p in programs]
    present = [kp for kp in keyed if kp[0] is not None]
    missing = [p for k, p in keyed if k is None]
    present.sort(key=lambda kp: kp[0], reverse=order == DESC)
    return [p for _, p in present] + missing


@pytest.fixture
def loaded(store, sample_profile, qapp):
    with store.session() as s:
        programs = load_programs(s)
    signals = {programs[0].program_id: "gold", programs[3].program_id: "silver",
               programs[4].program_id: "gold"}
    ranking = build_ranking(sample_profile, programs, signals)
    model = ProgramTableModel()
    model.set_programs(programs, ranking)
    return model, programs, ranking


@pytest.mark.parametrize("key", ["rank", "name", "location", "setting", "positions", "chance",
                                 "fit", "tier", "signal", "status", "stars", "visa",
                                 "typical_step2", "tags", "share_img", "grad_year_cutoff"])
def test_sorting_matches_the_python_sort(loaded, key):
    model, programs, ranking = loaded
    column = COL[key]
    expected = programs
    for order in (ASC, DESC, ASC):  # each sort starts from the previous order (ties keep it)
        model.sort(column, order)
        expected = sorted_programs(expected, ranking, column, order)
        assert [p.program_id for p in model.programs] == [p.program_id for p in expected]
        assert all(model.row_of(p.program_id) == i for i, p in enumerate(model.programs[:50]))


def test_sorting_by_one_column_then_another_keeps_ties_in_order(loaded):
    model, programs, ranking = loaded
    model.sort(COL["name"], ASC)
    model.sort(COL["tier"], DESC)
    expected = sorted_programs(sorted_programs(programs, ranking, COL["name"], ASC), ranking,
                               COL["tier"], DESC)
    assert [p.program_id for p in model.programs] == [p.program_id for p in expected]


def test_an_edit_is_sorted_by_its_new_value(loaded):
    from dataclasses import replace

    model, _programs, _ranking = loaded
    model.sort(COL["stars"], DESC)
    last = model.programs[-1]
    model.replace_program(replace(last, stars=5))
    model.sort(COL["stars"], DESC)
    assert model.programs[0].program_id == last.program_id


def test_keys_put_missing_values_last_and_order_texts(loaded):
    import math

    _model, programs, ranking = loaded
    codes = key_codes(programs, ranking, COL["typical_step2"])
    assert any(math.isnan(c) for c in codes) and not all(math.isnan(c) for c in codes)
    names = key_codes(programs[:3], ranking, COL["name"])
    order = sorted(range(3), key=lambda i: programs[i].name.casefold())
    assert sorted(range(3), key=lambda i: names[i]) == order
