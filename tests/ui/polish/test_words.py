"""Issue 15 point 8: words for a student (plurals, US spelling, tooltips that explain)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smartpick_desktop.core.words import plural
from smartpick_desktop.ui.programs.table_model import COL, ProgramTableModel


def test_plural_agrees_with_the_number():
    assert plural(1, "e-mail") == "1 e-mail" and plural(2, "e-mail") == "2 e-mails"
    assert plural(4976, "row") == "4,976 rows"


def test_fit_chance_and_tier_headers_explain_themselves(qapp):
    model = ProgramTableModel()
    tips = {key: model.headerData(COL[key], Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.ToolTipRole) for key in ("fit", "chance", "tier")}
    assert "preferences" in tips["fit"] and "interview" in tips["chance"]
    assert "Reach: Less than 20%" in tips["tier"] and "Likely: 50% or more" in tips["tier"]


def test_weekly_goal_says_one_e_mail(ctx, qtbot):
    from smartpick_desktop.ui.mentors.settings_page import FollowUpSettingsPage

    page = FollowUpSettingsPage(ctx)
    qtbot.addWidget(page)
    page.weekly_goal.setValue(1)
    assert page.weekly_goal.text() == "1 e-mail a week"
    page.weekly_goal.setValue(3)
    assert page.weekly_goal.text() == "3 e-mails a week"


def test_contacts_table_spells_organization(ctx):
    from smartpick_desktop.ui.mentors.models import HEADERS

    assert "Organization" in HEADERS and "Organisation" not in HEADERS


def test_clerkship_honors_reason_is_singular_for_one(sample_profile):
    from smartpick_desktop.core.model.chances import applicant_strength

    sample_profile.clerkship_honors = 1
    labels = [t.text for t in applicant_strength(sample_profile).terms]
    assert "1 clerkship honor" in labels
