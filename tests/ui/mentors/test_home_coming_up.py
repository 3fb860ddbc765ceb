"""Home lists a thank-you as soon as the meeting is logged, before it falls due."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smartpick_desktop.core.mentors import contacts, interactions
from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.home.next_actions import NextActionsSection
from smartpick_desktop.ui.main_window import MainWindow
from smartpick_desktop.ui.mentors import models


def test_meeting_today_shows_a_thank_you_coming_up(ctx, qtbot, sample_profile):
    today = models.today()
    with ctx.store.session() as session:
        save_profile(session, sample_profile)
        mentor = contacts.add_contact(session, contacts.Contact(name="Dr. Omar Haddad",
                                                                role="resident"))
        interactions.log_interaction(session, mentor.id, "meeting", today)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    section = window.tab("home").findChild(NextActionsSection)
    texts = [label.text() for label, _button in section.rows]
    coming = [t for t in texts if "Dr. Omar Haddad" in t]
    assert coming and coming[0].startswith("Due in 2 days")
    label, button = next(r for r in section.rows if "Dr. Omar Haddad" in r[0].text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.tab("mentors")
    assert window.tab("mentors").current_contact_id() == mentor.id
