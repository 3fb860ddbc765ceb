"""One whole-app path, as a student would take it: first start to a printed plan.

Welcome → demo profile → ranked programs → optimized list used → advice turned into a checklist
item → a mentor met and thanked → the plan exported as a PDF that holds all of it.
"""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import load_programs
from smartpick_desktop.core.plan.saved import current_plan
from smartpick_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.tool("pdftotext")


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_first_start_to_printed_plan(ctx, qtbot, tmp_path, monkeypatch):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()

    # First start: the welcome page; the student explores with the demo profile.
    assert window.stack.currentWidget() is window.welcome
    click(qtbot, window.welcome.demo_button)
    assert window.stack.currentWidget() is window.tabs
    assert "Internal Medicine" in window.tab("home").sections[0].headline.text()

    # Programs: the demo catalog arrives ranked for the profile's specialty.
    window.show_tab("programs")
    programs = window.tab("programs")
    qtbot.waitUntil(lambda: programs.proxy.rowCount() > 100, timeout=30000)
    first = programs.proxy.index(0, 1).data()
    assert first.startswith("Demo")

    # Plan: optimize twenty applications and use the list.
    window.show_tab("plan")
    plan = window.tab("plan")
    plan.max_apps.clear()
    qtbot.keyClicks(plan.max_apps, "20")
    plan.max_apps.interpretText()
    click(qtbot, plan.optimize_button)
    qtbot.waitUntil(lambda: plan.job is None and plan.result is not None, timeout=30000)
    chosen = [row.name for row in plan.model.rows]
    assert 0 < len(chosen) <= 20
    click(qtbot, plan.use_button)
    with ctx.store.session() as session:
        saved = current_plan(session)
        applying = {p.name for p in load_programs(session) if p.status == "applying"}
    assert saved is not None and len(saved.program_ids) == len(chosen)
    assert set(chosen) <= applying

    # Edit the list from the keyboard: add a program, remove the first, undo the removal.
    start = [row.program_id for row in plan.model.rows]
    added = {}

    def pick(candidates):
        added["program"] = candidates[-1]
        return candidates[-1].program_id

    monkeypatch.setattr(plan, "ask_program", pick)
    plan.table.setFocus()
    plan.table.setCurrentIndex(plan.model.index(0, 1))
    qtbot.keyClick(plan.table, Qt.Key.Key_Insert)
    assert [r.program_id for r in plan.model.rows] == start + [added["program"].program_id]
    plan.table.setCurrentIndex(plan.model.index(0, 1))
    qtbot.keyClick(plan.table, Qt.Key.Key_Delete)
    assert start[0] not in [r.program_id for r in plan.model.rows]
    qtbot.keyClick(plan.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    listed = [r.program_id for r in plan.model.rows]
    assert listed == start + [added["program"].program_id]
    with ctx.store.session() as session:
        p_now = current_plan(session).p_match
    assert f"{p_now * 100:.1f}%" in plan.p_match_label.text()  # the headline is current

    # The season: applied, invited with a date, interviewed with notes and scores, ranked.
    target = start[0]
    plan.pages.setCurrentWidget(plan.tracker_page)
    assert plan.tracker_page.select_program(target)
    tracker = plan.tracker_page
    tracker.status.setCurrentIndex(tracker.status.findData("applied"))
    click(qtbot, tracker.set_status_button)
    plan.pages.setCurrentWidget(plan.interviews_page)
    interviews = plan.interviews_page
    assert interviews.select_program(target)
    day = dt.date.today() + dt.timedelta(days=10)
    interviews.date.setDate(interviews.date.date().fromString(day.isoformat(), "yyyy-MM-dd"))
    click(qtbot, interviews.save_invite_button)
    assert interviews.select_program(target)
    interviews.notes.setFocus()
    qtbot.keyClicks(interviews.notes, "Warm residents and a strong ICU rotation")
    for box in interviews.score_boxes.values():
        box.setValue(4)
    click(qtbot, interviews.save_review_button)
    assert interviews.select_program(target)
    click(qtbot, interviews.interviewed_button)
    plan.show_payload("rol")
    assert plan.rol_panel.order() == [target]
    click(qtbot, plan.rol_panel.by_scores_button)
    assert plan.rol_panel.warning.text().startswith("Risky")
    target_name = next(r.name for r in plan.model.rows if r.program_id == target)

    # Articles: advice becomes an item of the plan's checklist.
    window.show_tab("articles")
    articles = window.tab("articles")
    articles.ensure_loaded()
    assert articles.open_slug("letters-of-recommendation")
    articles.follow_link("smartpick:checklist/Ask%20three%20letter%20writers%20by%20July")

    # Mentors: a meeting two days ago makes a thank-you due on Home.
    from smartpick_desktop.core.mentors import contacts, interactions

    with ctx.store.session() as session:
        mentor = contacts.add_contact(session, contacts.Contact(
            name="Dr. Zoë Núñez", role="faculty", email="zoe@example.org"))
        interactions.log_interaction(session, mentor.id, "meeting",
                                     dt.date.today() - dt.timedelta(days=2), "Career advice")
    ctx.mentors_changed.emit()
    home_text = " ".join(label.text() for label in window.tab("home").findChildren(type(
        window.tab("home").sections[0].headline)))
    assert "Zoë Núñez" in home_text

    # The plan goes to the advisor as a PDF (save dialog answered, "open it?" declined).
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(ctx.dialogs, "save_file", lambda *a, **k: out)
    monkeypatch.setattr(ctx.dialogs, "confirm", lambda *a, **k: False)
    window.plan_export.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: out.exists() and not window.plan_export.busy, timeout=60000)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    place = chosen[0].removeprefix("Demo — ").split(" Internal Medicine")[0]
    assert place in text  # the table may wrap a long program name onto two lines
    assert "Ask three letter writers by July" in text
    assert "Rank order list" in text and "Interviews" in text
    flat = " ".join(text.split())
    assert "Warm residents and a strong ICU rotation" in flat
    assert "4.0" in flat and f"{day:%b} {day.day}, {day.year}" in flat
    rol_part = flat[flat.index("Rank order list", flat.index("Interviews")):]
    short = target_name.removeprefix("Demo — ").split(" Internal Medicine")[0]
    assert short in rol_part and "Risky" in rol_part
    assert "Demo data" in text
    assert "Page 1 of" in text
