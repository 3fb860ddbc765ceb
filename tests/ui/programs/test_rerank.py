"""Issue 15 (the window never stalls): a re-rank keeps the table's rows and only brings a new
ranking — the selection, the filters and the sort follow the new figures, nothing is reset."""

from __future__ import annotations

import dataclasses

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.programs.table_model import COL, PROGRAM_ROLE


@pytest.fixture
def tab(open_programs_tab):
    return open_programs_tab(1300, 800)


def wait_loaded(qtbot, tab):
    qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)


def change_step2(ctx, qtbot, tab, profile, score):
    with ctx.store.session() as s:
        save_profile(s, dataclasses.replace(profile, step2_ck=score))
    resets = []
    tab.model.modelAboutToBeReset.connect(lambda: resets.append(1))
    ctx.profile_changed.emit()
    assert tab.busy  # ranked in the worker
    wait_loaded(qtbot, tab)
    return resets


def test_a_rerank_keeps_the_rows_and_the_selection_and_shows_the_new_chance(
        tab, ctx, qtbot, sample_profile):
    tab.table.setCurrentIndex(tab.proxy.index(4, COL["name"]))
    chosen = tab.current_program()
    before = tab.model.rank_info(chosen.program_id).p_interview
    resets = change_step2(ctx, qtbot, tab, sample_profile, 212)
    assert resets == []  # no model reset: one layout change
    assert tab.current_program().program_id == chosen.program_id
    after = tab.model.rank_info(chosen.program_id).p_interview
    assert after < before
    assert f"chance of an interview {after * 100:.0f}%" in tab.detail.browser.toPlainText()
    row = tab.table.currentIndex().row()
    assert tab.proxy.index(row, COL["chance"]).data() == f"{after * 100:.0f}%"


def test_a_rerank_sorted_by_chance_is_sorted_again(tab, ctx, qtbot, sample_profile):
    tab.table.sortByColumn(COL["chance"], Qt.SortOrder.DescendingOrder)
    change_step2(ctx, qtbot, tab, sample_profile, 215)
    chances = [tab.model.rank_info(tab.proxy.index(r, 0).data(PROGRAM_ROLE).program_id)
               .p_interview for r in range(tab.proxy.rowCount())]
    assert chances == sorted(chances, reverse=True) and chances[0] > chances[-1]


def test_the_tier_filter_looks_again_after_a_rerank(tab, ctx, qtbot, sample_profile):
    tab.proxy.update_filters(tier="target")
    before = tab.proxy.rowCount()
    change_step2(ctx, qtbot, tab, sample_profile, 230)  # many targets become reaches
    shown = [tab.proxy.index(r, 0).data(PROGRAM_ROLE) for r in range(tab.proxy.rowCount())]
    assert 0 < len(shown) < before
    assert all(tab.model.rank_info(p.program_id).tier == "target" for p in shown)
    targets = [p for p in tab.model.programs if p.specialty == "Internal Medicine"
               and tab.model.rank_info(p.program_id).tier == "target"]
    assert len(shown) == len(targets)


def test_an_edited_status_is_found_by_the_status_filter(tab):
    index = tab.proxy.index(2, COL["status"])
    program = index.data(PROGRAM_ROLE)
    assert tab.proxy.setData(index, "applied")
    tab.proxy.update_filters(status="applied")
    shown = [tab.proxy.index(r, 0).data(PROGRAM_ROLE).program_id
             for r in range(tab.proxy.rowCount())]
    assert shown == [program.program_id]


def test_the_first_load_says_so_over_the_table_already_shown(open_programs_tab, qtbot):
    from PySide6.QtWidgets import QLabel

    tab = open_programs_tab(1024, 600, wait=False)
    message = tab.table.findChild(QLabel, "programs_loading")
    assert tab.table_stack.currentWidget() is tab.table and tab.table.isVisible()
    assert message.isVisible() and message.text() == "Loading programs…"
    wait_loaded(qtbot, tab)
    assert not message.isVisible() and tab.proxy.rowCount() > 0
    assert tab.detail.program is not None  # the detail pane is filled once the rows are shown


def test_the_cell_delegate_paints_the_text_and_alignment_of_each_cells_data(tab):
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    plain, fast = QStyledItemDelegate(), tab.table.itemDelegate()
    base = QStyleOptionViewItem()
    tab.table.initViewItemOption(base)
    for row in (0, 1, 7):
        for column in range(tab.proxy.columnCount()):
            index = tab.proxy.index(row, column)
            want, got = QStyleOptionViewItem(base), QStyleOptionViewItem(base)
            plain.initStyleOption(want, index)
            fast.initStyleOption(got, index)
            assert (got.text, got.displayAlignment) == (want.text, want.displayAlignment)
            assert got.features & QStyleOptionViewItem.ViewItemFeature.HasDisplay


def test_filtering_and_sorting_leave_the_columns_alone(tab, ctx, qtbot, sample_profile):
    """Only rows move: the column header does not lay its sections out again (it resized every
    hidden column, and the table was painted twice)."""
    resized = []
    tab.table.horizontalHeader().sectionResized.connect(lambda *args: resized.append(args))
    tab.proxy.update_filters(place="OH")
    tab.table.sortByColumn(COL["chance"], Qt.SortOrder.DescendingOrder)
    change_step2(ctx, qtbot, tab, sample_profile, 240)
    assert tab.proxy.rowCount() > 0 and resized == []
