"""The Plan tab driven like a person: optimize, cancel, use the list, rank order list, Home."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import ensure_demo_pack, load_programs, set_status
from smartpick_desktop.core.plan.saved import current_plan, rank_order
from smartpick_desktop.core.profile import save_profile


@pytest.fixture
def ready(store, sample_profile):
    sample_profile.budget_usd = 600
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
    return sample_profile


@pytest.fixture
def tab(ctx, qtbot, ready):
    from smartpick_desktop.ui.plan.tab import PlanTab

    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _optimize(qtbot, tab, max_apps: int):
    tab.max_apps.clear()
    qtbot.keyClicks(tab.max_apps, str(max_apps))
    tab.max_apps.interpretText()
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None and tab.result is not None, timeout=20000)


def test_plan_tab_is_registered_third(main_window):
    assert main_window._keys[:3] == ["home", "programs", "plan"]
    assert main_window.tabs.tabText(2) == "Plan"


def test_optimize_then_use_this_list(ctx, qtbot, tab, store):
    assert tab.budget.value() == 600  # the profile's budget is the default
    assert not tab.use_button.isEnabled()
    _optimize(qtbot, tab, 12)
    rows = tab.model.rows
    assert 0 < len(rows) <= 12
    assert tab.result.fee_usd <= 600
    assert re.match(r"P\(match\) \d+\.\d%", tab.p_match_label.text())
    values = tab.chart.values
    assert values and all(b >= a for a, b in zip(values, values[1:], strict=False))
    assert tab.chart.chosen == len(rows)
    assert any(r.signal for r in rows)
    assert "Application fees $" in tab.fee_label.text() and "AAMC" in tab.source_label.text()
    assert tab.use_button.isEnabled()
    with store.session() as s:
        assert current_plan(s) is None
    with qtbot.waitSignals([ctx.plan_changed, ctx.programs_changed], timeout=5000):
        qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        plan = current_plan(s)
        statuses = {p.program_id: p.status for p in load_programs(s)}
    assert plan is not None and plan.program_ids == [r.program_id for r in rows]
    assert all(statuses[i] == "applying" for i in plan.program_ids)
    assert not tab.use_button.isEnabled()
    assert "current plan" in tab.state_label.text()


def test_cancel_changes_nothing(qtbot, tab, store, monkeypatch):
    import threading

    from smartpick_desktop.core.plan import saved as plan_store

    real = plan_store.compute_plan
    started = threading.Event()

    def held(session, profile, *, should_cancel, **kw):
        started.set()  # the optimizer waits here until the user has pressed Cancel
        for _ in range(2000):
            if should_cancel():
                break
            threading.Event().wait(0.01)
        return real(session, profile, should_cancel=should_cancel, **kw)

    monkeypatch.setattr(plan_store, "compute_plan", held)
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    assert tab.cancel_button.isEnabled() and not tab.optimize_button.isEnabled()
    assert started.wait(10)
    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert "Canceling" in tab.state_label.text()
    qtbot.waitUntil(lambda: tab.job is None, timeout=20000)
    assert "Canceled" in tab.state_label.text()
    assert tab.result is None and tab.optimize_button.isEnabled()
    with store.session() as s:
        assert current_plan(s) is None


def test_model_is_sound(qtbot, tab, qtmodeltester):
    _optimize(qtbot, tab, 5)
    qtmodeltester.check(tab.model, force_py=True)
    value = tab.model.data(tab.model.index(0, 4))
    assert isinstance(value, str) and value.endswith("%")


def test_rank_order_list_helper(ctx, qtbot, tab, store):
    with store.session() as s:
        ids = [p.program_id for p in load_programs(s, specialty="Internal Medicine")][:3]
        set_status(s, ids, "interviewed")
    ctx.programs_changed.emit()
    panel = tab.rol_panel
    assert panel.list.count() == 3
    curve = panel.curve
    assert all(b >= a for a, b in zip(curve, curve[1:], strict=False))
    assert "Roth" in panel.note.text() and "NRMP" in panel.note.text()
    first = panel.order()
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    expected = [first[0], first[2], first[1]]
    assert panel.order() == expected
    with store.session() as s:
        assert rank_order(s) == expected
    assert re.match(r"1\.  \d+%  ·  Demo", panel.list.item(0).text())
    assert "P(match) if your list ends at" in panel.list.item(0).toolTip()
    assert "invit" in tab.season_panel.details.text().lower() or tab.season_panel.headline.text()


def test_home_card_shows_the_plan(ctx, qtbot, ready, store):
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.ui.home.plan_section import PlanSection

    card = PlanSection(ctx)
    qtbot.addWidget(card)
    assert "No list chosen yet" in card.headline.text()
    with store.session() as s:
        result = compute_plan(s, ready, max_apps=8, draws=2000)
        save_plan(s, result)
    ctx.plan_changed.emit()
    assert f"{result.p_match * 100:.0f}%" in card.headline.text()
    assert "8 applications" in card.details.text() and f"${result.fee_usd}" in card.details.text()


def test_chart_draws_and_describes(qtbot):
    from smartpick_desktop.ui.plan.chart import CurveChart

    chart = CurveChart()
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    chart.set_curve([0.5, 0.7, 0.8, 0.85, 0.86], chosen=4, flatten_at=3, target=0.8)
    assert not chart.grab().isNull()
    assert "flattens after about 3" in chart.describe()
    assert chart.point(1, 0.5).y() > chart.point(5, 0.86).y()


def test_a_saved_plan_shows_on_first_show_with_a_heading(ctx, qtbot, ready, store):
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.ui.plan.tab import PlanTab

    with store.session() as s:
        result = compute_plan(s, ready, max_apps=8)
        save_plan(s, result)
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.heading.text() == "Build my list"
    assert widget.heading.font().bold()
    assert widget.heading.font().pointSizeF() > widget.state_label.font().pointSizeF()
    assert [r.program_id for r in widget.model.rows] == result.program_ids
    assert widget.chart.values and widget.chart.chosen == len(result.program_ids)
    assert "Application fees $" in widget.fee_label.text()
    assert widget.p_match_label.text().startswith("P(match) ")
    assert "100%" not in widget.p_match_label.text() or result.p_match >= 0.9995
    assert "current plan" in widget.state_label.text()


def test_seven_invitations_do_not_show_certainty(ctx, qtbot, ready, store):
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.ui.plan.tab import PlanTab

    with store.session() as s:
        result = compute_plan(s, ready, max_apps=20)
        save_plan(s, result)
        ids = result.program_ids
        set_status(s, ids[:7], "interviewed")
        set_status(s, ids[7:], "rejected")
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    outlook = widget.season_panel.outlook
    assert outlook.invited == 7 and 0.8 < outlook.p_match_now < 0.99
    headline = widget.season_panel.headline.text()
    assert headline.startswith("P(match) now ") and "100%" not in headline
    assert widget.rol_panel.list.count() == 7
    assert "100%" not in widget.rol_panel.summary.text()


def test_the_list_stops_at_the_knee_and_a_safety_net_adds_preliminary_programs(ctx, qtbot,
                                                                               store, ready):
    from smartpick_desktop.ui.plan.tab import PlanTab

    ready.specialty = "General Surgery"
    ready.budget_usd = 5000
    with store.session() as s:
        save_profile(s, ready)
    ctx.profile_changed.emit()
    tab = PlanTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None and tab.result is not None, timeout=30000)
    plain = tab.result
    assert plain.stop_reason == "gain" and plain.fee_usd < 5000  # a ceiling, not a target
    assert "likely" in tab.p_match_label.text()
    assert "one more would add less than 0.2 points" in tab.chart_note.text()
    tab.prelim.setValue(6)
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None and tab.result is not plain, timeout=30000)
    tracks = [r.track for r in tab.result.rows]
    assert 0 < tracks.count("preliminary") <= 6
    assert tab.result.p_match_any > tab.result.p_match
    assert "preliminary safety net" in tab.p_match_label.text()
    assert tab.chart.chosen == tracks.count("categorical")
