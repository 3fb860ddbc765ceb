"""Issue 15 point 1 and 4: nothing a student typed is lost without asking."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.queries import get_program
from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.programs.table_model import COL, PROGRAM_ROLE


@pytest.fixture
def programs_tab(open_programs_tab):
    return open_programs_tab(1300, 800)


def test_program_note_survives_selecting_another_program(programs_tab, ctx, qtbot):
    tab = programs_tab
    first = tab.proxy.index(0, COL["name"]).data(PROGRAM_ROLE)
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    tab.detail.notes.setFocus()
    qtbot.keyClicks(tab.detail.notes, "Call the coordinator")
    tab.table.setCurrentIndex(tab.proxy.index(1, COL["name"]))  # at once, no pause
    with ctx.store.session() as s:
        assert get_program(s, first.program_id).notes == "Call the coordinator"
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    assert tab.detail.notes.toPlainText() == "Call the coordinator"


def test_program_note_saves_while_typing(programs_tab, ctx, qtbot):
    tab = programs_tab
    program = tab.current_program()
    qtbot.keyClicks(tab.detail.tags, "visit, call")
    qtbot.waitUntil(lambda: tab.detail.saved_label.text() == "Notes saved", timeout=3000)
    with ctx.store.session() as s:
        assert get_program(s, program.program_id).tags == ["visit", "call"]


def test_escape_in_profile_wizard_asks_before_discarding(ctx, qtbot, sample_profile):
    from smartpick_desktop.ui.wizard.about_page import AboutPage
    from smartpick_desktop.ui.wizard.wizard import ProfileWizard

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    wizard = ProfileWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    asked: list[bool] = []
    wizard.confirm_discard = lambda: asked.append(True) or False
    about = wizard.page_of(AboutPage)
    about.name.edit.setFocus()
    qtbot.keyClicks(about.name.edit, "x")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked and wizard.isVisible()  # "Keep editing"
    wizard.confirm_discard = lambda: True
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()


def test_escape_on_an_untouched_dialog_closes_without_asking(ctx, qtbot):
    from smartpick_desktop.ui.mentors.dialogs import ContactDialog

    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.confirm_discard = lambda: pytest.fail("asked although nothing was typed")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_contact_notes_are_not_dropped_by_escape(ctx, qtbot):
    from smartpick_desktop.ui.mentors.dialogs import ContactDialog

    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked: list[bool] = []
    dialog.confirm_discard = lambda: asked.append(True) or False
    qtbot.keyClicks(dialog.notes, "Met at the fair")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


def test_article_note_asks_before_discarding(qtbot):
    from smartpick_desktop.ui.articles.note_dialog import NoteDialog

    dialog = NoteDialog("A quote", "")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked: list[bool] = []
    dialog.confirm_discard = lambda: asked.append(True) or False
    qtbot.keyClicks(dialog.edit, "Ask the PD")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible() and dialog.note() == "Ask the PD"
