"""The Plan tab steered by hand, as a person would: keyboard edits with undo, signal preview,
never-stale figures, the tracker, interviews, compare and the rank order list."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import ensure_demo_pack, get_program, load_programs
from smartpick_desktop.core.plan.edits import plan_locks
from smartpick_desktop.core.plan.saved import compute_plan, current_plan, save_plan
from smartpick_desktop.core.profile import save_profile


@pytest.fixture
def tab(ctx, qtbot, store, sample_profile):
    from smartpick_desktop.ui.plan.tab import PlanTab

    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
        save_plan(s, compute_plan(s, sample_profile, max_apps=18, draws=4000))
    widget = PlanTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _ids(tab):
    return [r.program_id for r in tab.model.rows]


def _select(qtbot, tab, row):
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(row, 1))


def test_add_remove_lock_and_undo_from_the_keyboard(qtbot, tab, store, monkeypatch):
    start = _ids(tab)
    with store.session() as s:
        outside = [p for p in load_programs(s, specialty="Internal Medicine")
                   if p.program_id not in start][0]
    offered = []

    def choose(candidates):
        offered.extend(p.program_id for p in candidates)
        return outside.program_id

    monkeypatch.setattr(tab, "ask_program", choose)
    _select(qtbot, tab, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Insert)
    assert outside.program_id in offered and not set(start) & set(offered)
    assert _ids(tab) == start + [outside.program_id]
    row = tab.model.rows[-1]
    assert row.locked and tab.model.data(tab.model.index(len(start), 8)) == "Locked in"
    assert "Added" in tab.last_message and "P(match)" in tab.last_message
    # Delete removes the selected program (and locks it out)
    _select(qtbot, tab, 0)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert start[0] not in _ids(tab)
    with store.session() as s:
        assert plan_locks(s) == {outside.program_id: "in", start[0]: "out"}
    # Ctrl+Z twice: back to the optimizer's list
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _ids(tab) == start + [outside.program_id]
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _ids(tab) == start
    with store.session() as s:
        assert plan_locks(s) == {}
    assert not tab.edit_bar.undo_button.isEnabled() or tab._undo_text


def test_signal_move_shows_the_change_before_applying(qtbot, tab, store):
    rows = tab.model.rows
    silver = next(i for i, r in enumerate(rows) if r.signal == "silver")
    _select(qtbot, tab, silver)
    before = tab.p_match_label.text()
    combo = tab.edit_bar.signal_combo
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("none"))
    combo.activated.emit(combo.currentIndex())
    preview = tab.edit_bar.preview.text()
    assert re.search(r"P\(match\) \d+\.\d% → \d+\.\d% \(-\d+\.\d points\)", preview)
    with store.session() as s:  # nothing applied yet
        assert current_plan(s).signals[rows[silver].program_id] == "silver"
    assert tab.p_match_label.text() == before
    qtbot.mouseClick(tab.edit_bar.apply_signal_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        assert rows[silver].program_id not in current_plan(s).signals
    assert tab.p_match_label.text() != before
    # a gold beyond the allowance is refused in the preview, and cannot be applied
    _select(qtbot, tab, silver)
    combo.setCurrentIndex(combo.findData("gold"))
    combo.activated.emit(combo.currentIndex())
    assert "already placed" in tab.edit_bar.preview.text()
    assert not tab.edit_bar.apply_signal_button.isEnabled()


def test_headline_home_and_season_agree_after_a_profile_change(ctx, qtbot, tab, store,
                                                               sample_profile):
    from smartpick_desktop.ui.home.plan_section import PlanSection

    home = PlanSection(ctx)
    qtbot.addWidget(home)
    old = tab.p_match_label.text()
    sample_profile.step2_ck = 264
    with store.session() as s:
        save_profile(s, sample_profile)
    ctx.profile_changed.emit()
    new = tab.p_match_label.text()
    assert new != old
    number = re.search(r"(\d+\.\d)%", new).group(1)
    with store.session() as s:
        plan = current_plan(s)
    assert f"{plan.p_match * 100:.1f}" == number
    assert "recomputed" in tab.state_label.text()
    assert home.headline.text().startswith("P(match) of your list:")
    assert str(round(plan.p_match * 100)) in home.headline.text()


def test_tracker_interviews_rol_and_compare(ctx, qtbot, tab, store, tmp_path, monkeypatch):
    from smartpick_desktop.ui.home.due_section import DueThisWeekSection
    from smartpick_desktop.ui.mentors import models

    today = dt.date(2026, 11, 28)
    monkeypatch.setattr(models, "today", lambda: today)
    home = DueThisWeekSection(ctx)
    qtbot.addWidget(home)
    a, b = _ids(tab)[:2]
    # Tracker: applied on a date, and a supplemental item due this week
    tab.pages.setCurrentWidget(tab.tracker_page)
    page = tab.tracker_page
    assert page.select_program(a)
    page.status.setCurrentIndex(page.status.findData("applied"))
    page.status_date.setDate(page.status_date.date().fromString("2026-09-25", "yyyy-MM-dd"))
    qtbot.mouseClick(page.set_status_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        program = get_program(s, a)
    assert program.status == "applied" and program.status_dates["applied"] == "2026-09-25"
    assert page.select_program(a)
    qtbot.keyClicks(page.task_title, "Secondary essay")
    page.task_due.setDate(page.task_due.date().fromString("2026-12-01", "yyyy-MM-dd"))
    qtbot.keyClick(page.task_title, Qt.Key.Key_Return)
    assert page.tasks.count() == 1 and "Secondary essay" in page.tasks.item(0).text()
    assert any("Secondary essay" in t for t in home.texts())
    # Interviews: two on one day conflict
    tab.pages.setCurrentWidget(tab.interviews_page)
    iv = tab.interviews_page
    for pid in (a, b):
        assert iv.select_program(pid)
        iv.date.setDate(iv.date.date().fromString("2026-12-03", "yyyy-MM-dd"))
        qtbot.mouseClick(iv.save_invite_button, Qt.MouseButton.LeftButton)
    assert "Conflict" in iv.last_message and "both on 2026-12-03" in iv.last_message
    assert iv.select_program(b) and "Same day" in iv.conflict_label.text()
    assert any("Interview" in t for t in home.texts())
    # notes and scores, then interviewed: on the rank order list
    for pid, score in ((a, 2), (b, 5)):
        assert iv.select_program(pid)
        iv.notes.setPlainText(f"Notes on {pid}")
        for box in iv.score_boxes.values():
            box.setValue(score)
        qtbot.mouseClick(iv.save_review_button, Qt.MouseButton.LeftButton)
        assert iv.select_program(pid)
        qtbot.mouseClick(iv.interviewed_button, Qt.MouseButton.LeftButton)
    rol = tab.rol_panel
    assert sorted(rol.order()) == sorted([a, b])
    qtbot.mouseClick(rol.by_scores_button, Qt.MouseButton.LeftButton)
    assert rol.order() == [b, a]
    assert "truly prefer" in rol.note.text() and "Roth" in rol.note.text()
    assert rol.curve[1] >= rol.curve[0]
    assert rol.warning.text().startswith("Risky") or rol.curve[-1] >= 0.9
    rol.list.setCurrentRow(1)
    qtbot.mouseClick(rol.up_button, Qt.MouseButton.LeftButton)
    assert rol.order() == [a, b]
    # Compare: tick two, compare, save as PDF
    tab.pages.setCurrentWidget(tab.compare_page)
    cmp_page = tab.compare_page
    cmp_page.tick([a, b])
    assert cmp_page.compare_button.isEnabled()
    qtbot.mouseClick(cmp_page.compare_button, Qt.MouseButton.LeftButton)
    assert cmp_page.table.columnCount() == 2
    labels = [cmp_page.table.verticalHeaderItem(r).text()
              for r in range(cmp_page.table.rowCount())]
    notes_row = labels.index("Interview notes")
    assert cmp_page.table.item(notes_row, 0).text() == f"Notes on {a}"
    out = tmp_path / "compare.pdf"
    monkeypatch.setattr(ctx.dialogs, "save_file", lambda *a, **k: out)
    qtbot.mouseClick(cmp_page.pdf_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")


def test_add_dialog_filters_and_enter_adds(qtbot, store, sample_profile):
    from smartpick_desktop.ui.plan.list_edit import AddProgramDialog

    with store.session() as s:
        ensure_demo_pack(s)
        programs = load_programs(s, specialty="Internal Medicine")[:30]
    dialog = AddProgramDialog(programs)
    qtbot.addWidget(dialog)
    dialog.show()
    word = programs[7].name.split()[-3]
    qtbot.keyClicks(dialog.filter, word)
    visible = [dialog.list.item(i) for i in range(dialog.list.count())
               if not dialog.list.item(i).isHidden()]
    assert visible and all(word.casefold() in i.text().casefold() for i in visible)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.filter, Qt.Key.Key_Return)
    assert dialog.chosen() in {p.program_id for p in programs}


def test_backup_specialty_shows_any_position_beside_the_primary(ctx, qtbot, store,
                                                                sample_profile):
    from smartpick_desktop.ui.home.plan_section import PlanSection
    from smartpick_desktop.ui.plan.tab import PlanTab

    sample_profile.backup_specialty = "Family Medicine"
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
        save_plan(s, compute_plan(s, sample_profile, max_apps=30, draws=4000))
    tab = PlanTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    assert re.match(r"P\(match\) \d+\.\d% any position \(likely \d+–\d+%\) · Internal Medicine \d+\.\d%",
                    tab.p_match_label.text())
    assert "Internal Medicine: " in tab.figures_label.text()
    assert "Family Medicine: " in tab.figures_label.text()
    assert "Family Medicine on ERAS: " in tab.fee_label.text()
    home = PlanSection(ctx)
    qtbot.addWidget(home)
    assert "for any position (Internal Medicine alone" in home.headline.text()


def test_reoptimizing_keeps_locks(qtbot, tab, store):
    start = _ids(tab)
    _select(qtbot, tab, len(start) - 1)
    last = start[-1]
    qtbot.mouseClick(tab.edit_bar.lock_in_button, Qt.MouseButton.LeftButton)
    assert tab.model.rows[-1].locked
    _select(qtbot, tab, 0)
    qtbot.mouseClick(tab.edit_bar.lock_out_button, Qt.MouseButton.LeftButton)
    tab.max_apps.setValue(5)
    qtbot.mouseClick(tab.optimize_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.job is None and tab.result is not None, timeout=30000)
    chosen = tab.result.program_ids
    assert last in chosen and start[0] not in chosen and len(chosen) == 5
    assert not tab.edit_bar.remove_button.isEnabled()  # edits wait until the list is used
    qtbot.mouseClick(tab.use_button, Qt.MouseButton.LeftButton)
    assert last in _ids(tab) and tab.edit_bar.undo_button.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _ids(tab) == start[1:]  # the list before "Use this list": start[0] locked out
