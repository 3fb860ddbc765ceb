"""Issue 15 point 7: no stale detail pane, and an empty result says why and how to widen."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.profile import save_profile


@pytest.fixture
def tab(ctx, qtbot, sample_profile):
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    from smartpick_desktop.ui.programs.tab import ProgramsTab

    widget = ProgramsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ensure_loaded()
    qtbot.waitUntil(lambda: widget.loaded and not widget.busy, timeout=20000)
    return widget


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
