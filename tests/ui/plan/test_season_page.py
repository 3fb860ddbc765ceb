"""The Plan tab's "Season, dates and costs" page driven like a person: see the season in force,
switch it, import a season pack (a bad one changes nothing), edit the travel estimate and see
the budget warning (issue 13)."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import ensure_demo_pack
from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.core.resources import resource_path

RAW = json.loads(resource_path("seasons", "2026-27.json").read_text(encoding="utf-8"))


@pytest.fixture
def tab(ctx, qtbot, store, sample_profile):
    from smartpick_desktop.ui.plan.tab import PlanTab

    sample_profile.budget_usd = 400
    sample_profile.backup_specialty = "Emergency Medicine"
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _optimize(qtbot, tab, max_apps: int):
    tab.max_apps.clear()
    qtbot.keyClicks(tab.max_apps, str(max_apps))
    tab.max_apps.interpretText()
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None and tab.result is not None, timeout=30000)


def test_season_page_shows_platforms_steps_and_the_whole_cost(qtbot, tab):
    page = tab.season_page
    tab.pages.setCurrentWidget(page)
    assert "2026–27" in page.season_label.text()
    text = page.platforms_label.text()
    assert "Internal Medicine: applies through ERAS" in text
    assert "Emergency Medicine: applies through ResidencyCAS" in text and "$99" in text
    # every step before today is shown as past (done, missed or passed), never to do
    today = dt.date.today()
    for row in range(page.steps.rowCount()):
        when = dt.datetime.strptime(page.steps.item(row, 0).text(), "%b %d, %Y").date()
        state = page.steps.item(row, 2).text()
        if when < today:
            assert state in ("Done", "Missed", "Passed")
        elif when > today:
            assert state == "Coming up"
    if today > dt.date(2026, 9, 23):
        assert page.notice_label.isVisible() and "SOAP" in page.notice_label.text()
    _optimize(qtbot, tab, 40)
    cost = page.cost
    assert cost is not None and cost.total_usd > cost.fees_usd
    platforms = {x["platform"] for x in tab.result.fee_breakdown}
    assert platforms <= {"ERAS", "ResidencyCAS"}
    # the budget (400) is passed once travel is counted: the warning shows on both pages
    assert cost.over_budget
    assert "Over budget" in page.total_label.text()
    assert not tab.budget_warning.isHidden() and "$400" in tab.budget_warning.text()
    # the travel estimate is editable and the total follows, multiplying out
    page.travel.clear()
    qtbot.keyClicks(page.travel, "0")
    qtbot.keyClick(page.travel, Qt.Key.Key_Return)
    page.travel.editingFinished.emit()
    qtbot.waitUntil(lambda: page.cost is not None and next(
        x for x in page.cost.lines if x.kind == "travel").usd == 0, timeout=5000)


def test_switching_and_importing_a_season(qtbot, tab, tmp_path, monkeypatch):
    page = tab.season_page
    tab.pages.setCurrentWidget(page)
    index = page.season_combo.findData("2025-26")
    assert index > 0
    page.season_combo.setCurrentIndex(index)
    qtbot.waitUntil(lambda: "2025–26" in page.season_label.text(), timeout=5000)
    assert "chosen by you" in page.season_label.text()
    page.season_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: "2026–27" in page.season_label.text(), timeout=5000)

    bad = tmp_path / "bad.json"
    broken = copy.deepcopy(RAW)
    broken["platforms"]["ERAS"]["fee_rule"]["tiers"] = [{"from": 2, "to": None, "usd": 11}]
    bad.write_text(json.dumps(broken), encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(page.ctx.dialogs, "open_file", lambda *a: bad)
    monkeypatch.setattr(page.ctx.dialogs, "error", lambda _p, _t, text: errors.append(text))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert errors and "bad.json" in errors[0] and "Nothing was changed" in errors[0]
    assert "shipped" in page.season_label.text()

    good = tmp_path / "advisor.json"
    pack = copy.deepcopy(RAW)
    pack["publisher"] = "Ohio advising office"
    good.write_text(json.dumps(pack), encoding="utf-8")
    monkeypatch.setattr(page.ctx.dialogs, "open_file", lambda *a: good)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Ohio advising office" in page.season_label.text(), timeout=5000)


def test_the_app_and_the_pdf_name_the_same_list_reaching_95_percent(qtbot, tab, store):
    from smartpick_desktop.core.plan.assemble import assemble_plan
    from smartpick_desktop.core.plan.pdf import _curve_marks

    tab.target.setValue(0)
    tab.budget.setValue(0)  # no limit: the curve climbs past 90%
    _optimize(qtbot, tab, 120)
    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.result is None, timeout=5000)
    tab.reload()
    with store.session() as session:
        doc = assemble_plan(session)
    marks = _curve_marks(doc)
    assert marks
    for mark in marks:
        assert mark in tab.chart_note.text()
    # the PDF's travel line multiplies out as shown
    travel = next(r for r in doc.fee.cost_rows if r.label == "Interview travel")
    shown = round(doc.fee.expected_interviews, 1)
    assert f"{shown:.1f} expected interviews × ${doc.fee.travel_per_interview_usd:,}" in \
        travel.detail
    assert travel.usd == round(shown * doc.fee.travel_per_interview_usd)
    assert doc.fee.warning and "passes your budget" in doc.fee.warning
