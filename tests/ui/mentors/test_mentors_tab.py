"""The Mentors tab driven as a person: add a contact, log a meeting, see it due on Home,
send a template through a faked mail opener, see it logged; models, filters, letters, settings."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from smartpick_desktop.core.mentors.contacts import Contact, add_contact, list_contacts
from smartpick_desktop.core.mentors.followups import due_items
from smartpick_desktop.core.mentors.interactions import list_interactions, log_interaction
from smartpick_desktop.core.mentors.letters import list_letters
from smartpick_desktop.core.mentors.mailto import parse_mailto
from smartpick_desktop.core.mentors.rules import load_rules
from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.mentors import models
from smartpick_desktop.ui.mentors.models import ContactFilterProxy, ContactTableModel

TODAY = dt.date(2026, 3, 4)


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def _window_with_profile(ctx, store, sample_profile, qtbot, monkeypatch):
    monkeypatch.setattr(models, "today", lambda: TODAY)
    from smartpick_desktop.ui.main_window import MainWindow

    with store.session() as s:
        save_profile(s, sample_profile)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


def test_tab_order_and_menu_actions(ctx, store, sample_profile, qtbot, monkeypatch):
    window = _window_with_profile(ctx, store, sample_profile, qtbot, monkeypatch)
    keys = window.tab_keys()
    assert keys.index("mentors") == keys.index("profile") - 1
    file_actions = [a.text() for a in window.menu("File").actions()]
    assert "Import contacts…" in file_actions and "Export contacts…" in file_actions


def test_person_adds_contact_logs_meeting_sees_home_and_sends_thank_you(
        main_window, ctx, store, sample_profile, qtbot, monkeypatch):
    monkeypatch.setattr(models, "today", lambda: TODAY)
    with store.session() as s:
        save_profile(s, sample_profile)
    ctx.profile_changed.emit()  # the window leaves the welcome page and shows the tabs
    window = main_window
    assert window.stack.currentWidget() is window.tabs
    window.show_tab("mentors")
    tab = window.tab("mentors")

    # Add a contact through the form.
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    form = tab.dialog
    qtbot.keyClicks(form.name, "Dr. Ana ")
    form.name.insert("Núñez")  # QTest types ASCII only
    form.role.setCurrentIndex(form.role.findData("faculty"))
    qtbot.keyClicks(form.email, "ana.nunez@example.org")
    qtbot.keyClicks(form.institution, "Ohio State")
    _ok(qtbot, form)
    with store.session() as s:
        (contact,) = list_contacts(s)
    assert contact.name == "Dr. Ana Núñez" and contact.role == "faculty"
    assert tab.current_contact_id() == contact.id
    assert tab.detail_name.text() == "Dr. Ana Núñez"

    # Log a meeting two days ago.
    qtbot.mouseClick(tab.log_button, Qt.MouseButton.LeftButton)
    log = tab.dialog
    met = TODAY - dt.timedelta(days=2)
    log.date.setDate(QDate(met.year, met.month, met.day))
    qtbot.keyClicks(log.notes, "Talked about research")
    _ok(qtbot, log)
    assert "Meeting" in tab.timeline.item(0).text()
    assert "Due today (2026-03-04): Send a thank-you" in tab.detail_due.text()
    row = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(contact.id), models.COL_DUE))
    assert row.data() == "Due today: thank-you"
    assert row.data(Qt.ItemDataRole.BackgroundRole) == models.DUE_BRUSH

    # Home shows it and one click leads back to the contact.
    home = window.tab("home")
    card = next(s for s in home.sections if type(s).__name__ == "NextActionsSection")
    texts = card.texts()
    assert any("Due today · Dr. Ana Núñez: Send a thank-you" in t for t in texts)
    window.show_tab("home")
    label, button = next(r for r in card.rows if "Dr. Ana Núñez" in r[0].text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is tab and tab.current_contact_id() == contact.id

    # Send the thank-you template; the mail opener is faked.
    opened: list[str] = []
    monkeypatch.setattr(ctx.dialogs, "open_url", lambda url: opened.append(url) or True)
    qtbot.mouseClick(tab.template_button, Qt.MouseButton.LeftButton)
    composer = tab.dialog
    assert composer.template_key() == "thank_you"
    assert composer.to.text() == "ana.nunez@example.org"
    assert composer.body.toPlainText().startswith("Dear Dr. Núñez,")
    composer.subject.setText("Thank you & see you at #grand-rounds?")
    qtbot.mouseClick(composer.open_button, Qt.MouseButton.LeftButton)
    (url,) = opened
    to, subject, body = parse_mailto(url)
    assert (to, subject) == ("ana.nunez@example.org", "Thank you & see you at #grand-rounds?")
    assert body == composer.body.toPlainText() and "Alex Doe" in body
    qtbot.mouseClick(composer.sent_button, Qt.MouseButton.LeftButton)

    with store.session() as s:
        kinds = [(i.kind, i.template) for i in list_interactions(s, contact.id)]
        assert due_items(s, TODAY) == []
    assert kinds[0] == ("thank_you", "thank_you")
    assert "Thank-you e-mail sent" in tab.timeline.item(0).text()
    assert not any("Dr. Ana Núñez" in t for t in card.texts())


def test_copy_logs_only_when_confirmed_and_template_payload_opens_composer(ctx, store, qtbot, monkeypatch, qapp):
    monkeypatch.setattr(models, "today", lambda: TODAY)
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    with store.session() as s:
        cid = add_contact(s, Contact(name="Sam Lee", role="peer", email="sam@example.org")).id
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    tab.show_payload({"template": "letter_request"})
    composer = tab.dialog
    assert composer.template_key() == "letter_request" and composer.contact_id() is None
    composer.contact.setCurrentIndex(composer.contact.findData(cid))
    assert composer.to.text() == "sam@example.org"
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    assert "Subject: Letter of recommendation" in qapp.clipboard().text()
    with store.session() as s:
        assert list_interactions(s, cid) == []  # copied is not sent
    assert composer.confirm_row.isVisibleTo(composer)
    qtbot.mouseClick(composer.sent_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        (entry,) = list_interactions(s, cid)
    assert (entry.kind, entry.template, entry.date) == ("email_sent", "letter_request", TODAY)


def test_failed_mail_opener_logs_nothing(ctx, store, qtbot, monkeypatch):
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    with store.session() as s:
        cid = add_contact(s, Contact(name="Sam Lee", email="sam@example.org")).id
    errors: list[str] = []
    monkeypatch.setattr(ctx.dialogs, "open_url", lambda url: False)
    monkeypatch.setattr(ctx.dialogs, "error", lambda *a: errors.append(a[2]))
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    composer = tab.open_composer("peer_mentor", cid)
    qtbot.mouseClick(composer.open_button, Qt.MouseButton.LeftButton)
    assert errors and "Copy" in errors[0]
    assert not composer.confirm_row.isVisibleTo(composer)
    qtbot.mouseClick(composer.copy_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(composer, "confirm_discard", lambda: True)
    qtbot.mouseClick(composer.close_button, Qt.MouseButton.LeftButton)  # copied, never sent
    with store.session() as s:
        assert list_interactions(s, cid) == []


def test_filters_search_role_tag_due(ctx, store, qtbot, monkeypatch):
    monkeypatch.setattr(models, "today", lambda: TODAY)
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    with store.session() as s:
        a = add_contact(s, Contact(name="Ana Ruiz", role="faculty", tags=["research"])).id
        add_contact(s, Contact(name="Ben Ode", role="peer", institution="Ohio State"))
        log_interaction(s, a, "meeting", TODAY - dt.timedelta(days=3))
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    assert tab.proxy.rowCount() == 2
    qtbot.keyClicks(tab.search, "ohio")
    assert tab.proxy.rowCount() == 1
    tab.search.clear()
    tab.role_filter.setCurrentIndex(tab.role_filter.findData("faculty"))
    assert tab.proxy.rowCount() == 1
    tab.role_filter.setCurrentIndex(0)
    tab.tag_filter.setCurrentIndex(tab.tag_filter.findData("research"))
    assert tab.proxy.rowCount() == 1
    tab.tag_filter.setCurrentIndex(0)
    qtbot.mouseClick(tab.due_filter, Qt.MouseButton.LeftButton)
    assert tab.proxy.rowCount() == 1
    index = tab.proxy.index(0, models.COL_DUE)
    assert index.data() == "Overdue: thank-you"
    assert index.data(Qt.ItemDataRole.BackgroundRole) == models.OVERDUE_BRUSH
    assert "4 of" not in tab.count_label.text() and "1 of 2 contacts" in tab.count_label.text()


def test_model_passes_modeltester(qtmodeltester):
    model = ContactTableModel()
    model.set_contacts([Contact(id=1, name="Ana"), Contact(id=2, name="Ben", role="peer")], [])
    qtmodeltester.check(model, force_py=True)
    proxy = ContactFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(text="ben")
    qtmodeltester.check(proxy, force_py=True)
    assert proxy.rowCount() == 1


def test_letters_board_add_and_advance(ctx, store, sample_profile, qtbot, monkeypatch):
    monkeypatch.setattr(models, "today", lambda: TODAY)
    from smartpick_desktop.ui.mentors.tab import MentorsTab

    with store.session() as s:
        save_profile(s, sample_profile)
        add_contact(s, Contact(name="Dr. Chen", role="faculty"))
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    tab.show_payload({"letters": True})
    board = tab.letters_board
    assert tab.pages.currentWidget() is board
    qtbot.mouseClick(board.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    dialog.contact.setCurrentIndex(1)
    _ok(qtbot, dialog)
    assert board.lists["asked"].count() == 1
    assert "3 letters" in board.summary.text() and "Source:" in board.source.text()
    board.lists["asked"].setCurrentRow(0)
    qtbot.mouseClick(board.advance_button, Qt.MouseButton.LeftButton)
    with store.session() as s:
        (letter,) = list_letters(s)
    assert (letter.writer, letter.status) == ("Dr. Chen", "agreed")
    assert board.lists["agreed"].count() == 1


def test_settings_page_saves_rules(ctx, store, qtbot):
    from smartpick_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    page = next(p for p in dialog.pages if p.title == "Mentors")
    page.quiet_weeks.setValue(3)
    page.weekly_goal.setValue(2)
    dialog.accept()
    with store.session() as s:
        rules = load_rules(s)
    assert (rules.quiet_weeks, rules.weekly_goal) == (3, 2)


def test_import_action_and_bad_file(ctx, store, qtbot, tmp_path, monkeypatch):
    from pathlib import Path

    from smartpick_desktop.ui.mentors.tab import MentorsTab

    vcf = Path(__file__).parents[2] / "core" / "mentors" / "data" / "vcards" / "gmail-list.vcf"
    tab = MentorsTab(ctx)
    qtbot.addWidget(tab)
    errors: list[str] = []
    monkeypatch.setattr(ctx.dialogs, "error", lambda *a: errors.append(a[2]))
    monkeypatch.setattr(ctx.dialogs, "open_file", lambda *a: vcf)
    tab._on_import_triggered()
    assert tab.model.rowCount() == 3
    bad = tmp_path / "bad.vcf"
    bad.write_text("BEGIN:VCARD\nFN:Cut\n")
    monkeypatch.setattr(ctx.dialogs, "open_file", lambda *a: bad)
    tab._on_import_triggered()
    assert errors and "truncated" in errors[0] and tab.model.rowCount() == 3
    out = tmp_path / "out.csv"
    monkeypatch.setattr(ctx.dialogs, "save_file", lambda *a: out)
    tab._on_export_triggered()
    assert out.read_text(encoding="utf-8-sig").count("\n") == 4
