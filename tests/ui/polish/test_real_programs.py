"""Real programs in five minutes: Data sources writes a template, explains the columns,
imports from there, and Home says when the catalog is only demo."""

from __future__ import annotations

import csv

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.csv_template import TEMPLATE_COLUMNS
from smartpick_desktop.core.catalog.spreadsheet import guess_mapping


@pytest.fixture
def window(open_main_window):
    return open_main_window((1280, 800), active=False)


def test_every_template_column_is_recognized():
    mapping = guess_mapping([name for name, _ in TEMPLATE_COLUMNS])
    assert len(mapping) == len(TEMPLATE_COLUMNS)


def test_home_offers_real_programs_when_the_catalog_is_demo_only(window, qtbot, ctx,
                                                                tmp_path, monkeypatch):
    home = window.tab("home")
    from smartpick_desktop.ui.home.next_actions import NextActionsSection

    section = next(s for s in home.sections if isinstance(s, NextActionsSection))
    text = next(t for t in section.texts() if "only demo programs" in t)
    label, button = next(r for r in section.rows if r[0].text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    programs = window.tab("programs")
    dialog = programs._dialog
    assert window.tabs.currentWidget() is programs and dialog.isVisible()
    assert dialog.pages.currentIndex() == 1
    assert "only demo programs" in dialog.demo_note.text()
    how = dialog.how_to.toPlainText()
    assert "Program name and Specialty are required" in how and "first year positions" in how
    assert "scripts/" not in dialog.details.toPlainText()

    template = tmp_path / "mine.csv"
    monkeypatch.setattr(ctx.dialogs, "save_file", lambda *a: template)
    monkeypatch.setattr(ctx.dialogs, "info", lambda *a: None)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    with template.open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[:2] == ["Program name", "Specialty"]
    with template.open("a", encoding="utf-8", newline="") as f:
        f.write("Lakeside Real Internal Medicine,Internal Medicine,Lakeside Hospital,Toledo,OH,"
                "community,10,50%,20%,30%,J-1,,235,80,yes,,\r\n")
    monkeypatch.setattr(ctx.dialogs, "open_file", lambda *a: template)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    mapping = programs._import_dialog
    qtbot.waitUntil(lambda: mapping.import_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(ctx.programs_changed, timeout=20000):
        qtbot.mouseClick(mapping.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any("only demo programs" in t for t in section.texts()),
                    timeout=5000)


def test_add_by_hand_opens_the_program_form(window, qtbot):
    programs = window.tab("programs")
    programs.open_sources(bring_your_own=True)
    qtbot.mouseClick(programs._dialog.add_button, Qt.MouseButton.LeftButton)
    from smartpick_desktop.ui.programs.edit_dialog import ProgramDialog

    assert isinstance(programs._dialog, ProgramDialog) and programs._dialog.isVisible()
