"""Issue 15 point 2: at 1024 wide and at 1920 the primary column and the tier are not cut."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.programs.table_model import COL, PROGRAM_ROLE


@pytest.fixture
def make_tab(ctx, qtbot, sample_profile):
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    from smartpick_desktop.ui.programs.tab import ProgramsTab

    def build(width: int, height: int):
        tab = ProgramsTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(width, height)
        tab.show()
        qtbot.waitExposed(tab)
        tab.ensure_loaded()
        qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)
        return tab

    return build


@pytest.mark.parametrize("size", [(1008, 620), (1904, 980)])
def test_program_names_and_tiers_fit(make_tab, size):
    tab = make_tab(*size)
    table = tab.table
    metrics = QFontMetrics(table.font())
    names = [tab.proxy.index(r, COL["name"]).data() for r in range(min(40, tab.proxy.rowCount()))]
    typical = sorted(metrics.horizontalAdvance(n) for n in names)[len(names) * 3 // 4]
    assert table.columnWidth(COL["name"]) >= typical + 8, "three names in four fit whole"
    assert table.columnWidth(COL["tier"]) >= metrics.horizontalAdvance("Ineligible") + 8
    shown = sum(table.columnWidth(c) for c in range(tab.model.columnCount())
                if not table.isColumnHidden(c))
    assert shown <= table.viewport().width() + 2, "no column pushed off the right edge"
    assert tab.proxy.index(0, COL["name"]).data(PROGRAM_ROLE) is not None


def test_narrow_table_puts_the_detail_below(make_tab):
    from PySide6.QtCore import Qt

    assert make_tab(1008, 620).splitter.orientation() == Qt.Orientation.Vertical


def test_home_cards_hide_replaced_rows_at_once(ctx, qtbot, sample_profile):
    """A refreshed card never paints its old rows over the new ones (they wait for deletion)."""
    from smartpick_desktop.ui.home.next_actions import NextActionsSection

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    card = NextActionsSection(ctx)
    qtbot.addWidget(card)
    card.show()
    old = [label for label, _ in card.rows]
    assert old
    card.refresh()
    assert not any(label.isVisible() for label in old)
    qtbot.waitUntil(lambda: all(label.isVisible() for label, _ in card.rows))


def test_plan_created_date_reads_month_first():
    import datetime as dt

    from smartpick_desktop.ui.widgets import us_datetime

    assert us_datetime(dt.datetime(2026, 11, 28, 9, 5)) == "Nov 28, 2026, 9:05 AM"
    assert us_datetime(dt.datetime(2026, 11, 28, 0, 30)) == "Nov 28, 2026, 12:30 AM"
    assert us_datetime(dt.datetime(2026, 11, 28, 13, 0)) == "Nov 28, 2026, 1:00 PM"


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080), (2560, 1440)])
def test_welcome_text_is_never_cut(qtbot, size):
    from smartpick_desktop.ui.welcome import WelcomePage

    page = WelcomePage()
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    for label in (page.intro, page.steps):
        assert label.height() >= label.heightForWidth(label.width()), label.text()[:30]
        assert label.width() >= 400


def test_program_names_fit_after_the_window_grows(make_tab, qtbot):
    """The first window is small (the detail pane under the table), then maximized at 1920."""
    tab = make_tab(1000, 650)
    tab.resize(1904, 980)
    qtbot.waitUntil(lambda: tab.splitter.orientation() == Qt.Orientation.Horizontal)
    table = tab.table
    metrics = QFontMetrics(table.font())
    names = [tab.proxy.index(r, COL["name"]).data() for r in range(min(40, tab.proxy.rowCount()))]
    typical = sorted(metrics.horizontalAdvance(n) for n in names)[len(names) * 3 // 4]
    assert table.columnWidth(COL["name"]) >= typical + 8
    assert tab.detail.width() >= 380, "the details keep a reading width"


def test_plan_card_leaves_no_blank_line(ctx, qtbot, sample_profile):
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.ui.home.plan_section import PlanSection

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
        save_plan(s, compute_plan(s, sample_profile, max_apps=8, draws=2000))
    card = PlanSection(ctx)
    qtbot.addWidget(card)
    card.show()
    assert card.season.text() == "" and not card.season.isVisible()
    assert card.details.isVisible() and card.source.isVisible()
