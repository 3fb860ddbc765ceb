"""Issue 15 point 9 and the visa of point 10: the same rules everywhere, said in one sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import Contact, add_contact
from smartpick_desktop.core.mentors.letters import add_letter
from smartpick_desktop.ui.wizard.about_page import AboutPage
from smartpick_desktop.ui.wizard.exams_page import ExamsPage
from smartpick_desktop.ui.wizard.goals_page import GoalsPage
from smartpick_desktop.ui.wizard.wizard import ProfileWizard

NEXT = QWizard.WizardButton.NextButton


def _to_goals(qtbot, wizard, applicant_type="us_md"):
    about = wizard.page_of(AboutPage)
    about.applicant_type.setCurrentIndex(about.applicant_type.findData(applicant_type))
    about.graduation_year.edit.setText("2022" if applicant_type == "non_us_img" else "2027")
    exams = wizard.page_of(ExamsPage)
    exams.step2_not_yet.setChecked(False)
    exams.step2.edit.setText("240")
    while not isinstance(wizard.currentPage(), GoalsPage):
        button = wizard.button(NEXT)
        assert button.isEnabled(), wizard.currentPage().problems()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return wizard.currentPage()


@pytest.fixture
def wizard(ctx, qtbot):
    wiz = ProfileWizard(ctx)
    qtbot.addWidget(wiz)
    wiz.show()
    return wiz


@pytest.mark.parametrize("typed", ["$1,500", "1,500", "1500", "$1500.00"])
def test_budget_accepts_dollars_as_people_type_them(qtbot, wizard, typed):
    goals = _to_goals(qtbot, wizard)
    goals.budget.edit.clear()
    qtbot.keyClicks(goals.budget.edit, typed)
    assert goals.budget.is_valid(), goals.budget.message()
    assert goals.budget.value() == 1500


def test_budget_refuses_words_with_a_reason(qtbot, wizard):
    goals = _to_goals(qtbot, wizard)
    qtbot.keyClicks(goals.budget.edit, "lots")
    assert "$1,500" in goals.budget.message()


def test_backup_specialty_never_offers_the_primary(qtbot, wizard):
    goals = _to_goals(qtbot, wizard)
    goals.specialty.setCurrentIndex(goals.specialty.findData("Pediatrics"))
    offered = [goals.backup.itemData(i) for i in range(goals.backup.count())]
    assert "Pediatrics" not in offered and "Internal Medicine" in offered
    goals.backup.setCurrentIndex(goals.backup.findData("Internal Medicine"))
    goals.specialty.setCurrentIndex(goals.specialty.findData("Family Medicine"))
    assert goals.backup.currentData() == "Internal Medicine"  # kept


def test_non_us_img_is_offered_a_j1_visa(qtbot, wizard):
    goals = _to_goals(qtbot, wizard, "non_us_img")
    assert goals.visa.currentData() == "j1"
    assert goals.visa_hint.isVisibleTo(goals) and "J-1" in goals.visa_hint.text()


def test_us_md_keeps_no_visa(qtbot, wizard):
    goals = _to_goals(qtbot, wizard)
    assert goals.visa.currentData() == "none" and not goals.visa_hint.isVisibleTo(goals)


def test_letter_due_before_requested_is_refused(store):
    with store.session() as s, pytest.raises(InputError, match="before the date it was"):
        add_letter(s, "Dr. Lee", requested=dt.date(2026, 8, 1), due=dt.date(2026, 7, 1))


@pytest.mark.parametrize("email", ["name@osumc", "name@", "@osumc.edu", "name osumc.edu"])
def test_incomplete_e_mail_is_refused(store, email):
    with store.session() as s, pytest.raises(InputError, match="not a complete address"):
        add_contact(s, Contact(name="Ana", email=email))


def test_complete_e_mail_is_accepted(store):
    with store.session() as s:
        assert add_contact(s, Contact(name="Ana", email="ana@osumc.edu")).email == "ana@osumc.edu"


def test_letter_dialog_shows_the_date_problem(ctx, qtbot):
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab._on_letters_add_requested()
    dialog = tab.dialog
    qtbot.keyClicks(dialog.writer, "Dr. Lee")
    dialog.due.setDate(dialog.requested.date().addDays(-20))
    qtbot.mouseClick(dialog.ok_button(), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "before the date it was" in dialog.error.text()
