"""The profile wizard driven through its buttons and keys, as a student would."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from smartpick_desktop.core.profile import Profile, load_profile, save_profile
from smartpick_desktop.ui.wizard.wizard import ProfileWizard

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


@pytest.fixture
def wizard(ctx, qtbot):
    wiz = ProfileWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


def click(qtbot, wiz, which):
    button = wiz.button(which)
    assert button.isEnabled(), f"{which} is disabled: {wiz.currentPage().problems()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def tick(qtbot, box):
    """Click a check box on its indicator, where a person clicks."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def type_into(qtbot, line, text):
    """Type ASCII key by key; paste anything else (QTest cannot type non-ASCII keys)."""
    line.edit.clear()
    if text.isascii():
        qtbot.keyClicks(line.edit, text)
    else:
        line.edit.insert(text)


def saved(ctx):
    with ctx.store.session() as session:
        return load_profile(session)


def test_new_profile_through_every_page(ctx, qtbot, wizard):
    about = wizard.currentPage()
    assert not wizard.button(NEXT).isEnabled()  # graduation year is required
    type_into(qtbot, about.name, "Zoë <b>O'Brien</b> & Núñez")
    type_into(qtbot, about.graduation_year, "2027")
    about.home_state.setCurrentIndex(about.home_state.findData("OH"))
    type_into(qtbot, about.home_city, "Columbus")
    click(qtbot, wizard, NEXT)

    exams = wizard.currentPage()
    tick(qtbot, exams.step2_not_yet)  # uncheck: score taken
    assert not exams.step2_not_yet.isChecked()
    assert not wizard.button(NEXT).isEnabled()  # a score is now required
    type_into(qtbot, exams.step2, "251")
    click(qtbot, wizard, NEXT)

    experience = wizard.currentPage()
    experience.research.setValue(4)
    tick(qtbot, experience.honors["aoa"])
    click(qtbot, wizard, NEXT)

    goals = wizard.currentPage()
    goals.specialty.setCurrentIndex(goals.specialty.findData("Emergency Medicine"))
    assert "ResidencyCAS" in goals.fee_note.text() and "$99" in goals.fee_note.text()
    goals.specialty.setCurrentIndex(goals.specialty.findData("Pediatrics"))
    assert "ERAS" in goals.fee_note.text()
    goals.ecfmg.setCurrentIndex(goals.ecfmg.findData("not_applicable"))
    type_into(qtbot, goals.budget, "1200")
    click(qtbot, wizard, NEXT)

    prefs = wizard.currentPage()
    type_into(qtbot, prefs.states, "oh, Michigan")
    click(qtbot, wizard, NEXT)

    review = wizard.currentPage()
    text = review.view.toPlainText()
    assert "Pediatrics" in text and "Source:" in text
    assert "Zoë <b>O'Brien</b> & Núñez" in text  # shown literally, not as markup
    assert saved(ctx) is None  # nothing saved before Finish
    click(qtbot, wizard, FINISH)

    profile = saved(ctx)
    assert profile.name == "Zoë <b>O'Brien</b> & Núñez"
    assert profile.step2_ck == 251 and profile.specialty == "Pediatrics"
    assert profile.honors == ["aoa"] and profile.research_items == 4
    assert profile.preferred_states == ["OH", "MI"] and profile.budget_usd == 1200
    assert profile.ecfmg_status == "not_applicable"


def test_invalid_entries_keep_next_disabled_with_reason(qtbot, wizard):
    about = wizard.currentPage()
    type_into(qtbot, about.graduation_year, "1800")
    assert not wizard.button(NEXT).isEnabled()
    assert "1950" in about.graduation_year.error.text()
    assert about.graduation_year.error.isVisibleTo(about)
    type_into(qtbot, about.graduation_year, "20x7")
    assert "whole number" in about.graduation_year.error.text()
    type_into(qtbot, about.graduation_year, "2026")
    assert wizard.button(NEXT).isEnabled()
    assert not about.graduation_year.error.isVisibleTo(about)

    click(qtbot, wizard, NEXT)
    exams = wizard.currentPage()
    tick(qtbot, exams.step2_not_yet)
    type_into(qtbot, exams.step2, "400")
    assert not wizard.button(NEXT).isEnabled()
    assert "from 1 to 300" in exams.step2.error.text()


def test_preferences_reject_unknown_state(qtbot, wizard, ctx):
    with ctx.store.session() as session:
        save_profile(session, Profile(graduation_year=2027, step2_ck=240))
    ctx.profile_changed.emit()
    wiz = ProfileWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    for _ in range(4):
        click(qtbot, wiz, NEXT)
    prefs = wiz.currentPage()
    type_into(qtbot, prefs.states, "OH, Narnia")
    assert not wiz.button(NEXT).isEnabled()
    assert "Narnia" in prefs.states.error.text()
    qtbot.mouseClick(prefs.findChild(type(wiz.button(NEXT)), "region_West"),
                     Qt.MouseButton.LeftButton)
    assert "CA" in prefs.states.edit.text() and "Narnia" not in prefs.states.edit.text()
    assert wiz.button(NEXT).isEnabled()


def test_cancel_saves_nothing(ctx, qtbot, wizard):
    type_into(qtbot, wizard.currentPage().graduation_year, "2027")
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, CANCEL)
    assert saved(ctx) is None


def test_editing_an_existing_profile(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    wiz = ProfileWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    about = wiz.currentPage()
    assert about.name.edit.text() == "Alex Doe"
    click(qtbot, wiz, NEXT)
    exams = wiz.currentPage()
    assert exams.step2.edit.text() == "248"
    type_into(qtbot, exams.step2, "255")
    for _ in range(4):
        click(qtbot, wiz, NEXT)
    click(qtbot, wiz, FINISH)
    profile = saved(ctx)
    assert profile.step2_ck == 255
    assert profile.preferred_states == ["OH", "MI", "PA"]  # untouched fields kept


def test_cancel_while_editing_keeps_the_saved_profile(ctx, qtbot, sample_profile):
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
    wiz = ProfileWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    type_into(qtbot, wiz.currentPage().name, "Someone Else")
    click(qtbot, wiz, CANCEL)
    assert saved(ctx).name == "Alex Doe"


def test_do_applicant_sees_comlex(ctx, qtbot, wizard):
    about = wizard.currentPage()
    about.applicant_type.setCurrentIndex(about.applicant_type.findData("us_do"))
    type_into(qtbot, about.graduation_year, "2027")
    click(qtbot, wizard, NEXT)
    exams = wizard.currentPage()
    assert exams.comlex2.isVisibleTo(exams)
    type_into(qtbot, exams.comlex2, "5000")
    assert not wizard.button(NEXT).isEnabled()
