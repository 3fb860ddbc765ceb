"""Issue 15 point 7: no stale detail pane, and an empty result says why and how to widen."""

from __future__ import annotations

import pytest


@pytest.fixture
def tab(open_programs_tab):
    return open_programs_tab(1300, 800)


def test_search_hiding_the_selected_program_clears_why_it_ranks_here(tab, qtbot):
    selected = tab.current_program()
    assert selected is not None and selected.name in tab.detail.browser.toPlainText()
    qtbot.keyClicks(tab.search, "zzzz-no-such-program")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 0)
    assert tab.detail.program is None
    assert "Why it ranks here" not in tab.detail.browser.toPlainText()


def test_empty_result_says_why_and_how_to_widen(tab, qtbot):
    qtbot.keyClicks(tab.search, "zzzz")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 0)
    assert tab.table_stack.currentWidget() is tab.empty_label
    text = tab.empty_label.text()
    assert "zzzz" in text and "Internal Medicine" in text and "widen" in text
    tab.empty_label.linkActivated.emit("clear")
    assert tab.proxy.rowCount() > 0 and tab.search.text() == ""
    assert tab.table_stack.currentWidget() is tab.table
    assert tab.detail.program is not None
