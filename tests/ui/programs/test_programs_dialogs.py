"""Dialogs of the Programs tab driven as a person would: dropping a file on the window, the
add/edit form, Programs → Data sources…, and the off-thread loading."""

import pytest

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from smartpick_desktop.core.catalog.queries import get_program, load_programs
from smartpick_desktop.core.profile import save_profile
from smartpick_desktop.ui.programs.table_model import COL, PROGRAM_ROLE

CSV = ("Program Name,Specialty,City,State,First Year Positions\n"
       "Lakeview IM,IM,Columbus,OH,8\nHarbor IM,IM,Toledo,OH,10\n")


def wait_loaded(qtbot, tab):
    qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)


@pytest.fixture
def window(main_window, ctx, qtbot, sample_profile):
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    ctx.profile_changed.emit()
    main_window.resize(1300, 820)
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.show_tab("programs")
    tab = main_window.tab("programs")
    wait_loaded(qtbot, tab)
    return main_window


def _drop(widget, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, actions, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(pos, actions, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_csv_on_the_window_opens_the_mapping_dialog(window, qtbot, tmp_path):
    tab = window.tab("programs")
    window.show_tab("home")
    path = tmp_path / "school.csv"
    path.write_text(CSV, encoding="utf-8")
    entered, dropped = _drop(window, path)
    assert entered and dropped
    assert window.tabs.currentWidget() is tab  # the drop brings the Programs tab forward
    dialog = tab._import_dialog
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.preview.rowCount() == 2 and dialog.problems.count() == 0
    with qtbot.waitSignal(dialog.finished_import, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, tab)
    with window.ctx.store.session() as s:
        assert {"Lakeview IM", "Harbor IM"} <= {p.name for p in load_programs(s, state="OH")}


def test_dropping_other_files_is_ignored(window, tmp_path):
    tab = window.tab("programs")
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n")
    entered, dropped = _drop(window, path)
    assert not entered and not dropped
    assert getattr(tab, "_import_dialog", None) is None


def _type(qtbot, field, text):
    field.clear()
    qtbot.keyClicks(field, text)


def test_add_program_form_validates_beside_each_field(window, qtbot):
    tab = window.tab("programs")
    tab.add_action.trigger()
    dialog = tab._dialog
    qtbot.waitExposed(dialog)
    w, reasons = dialog.widgets, dialog.reasons
    assert not dialog.save_button.isEnabled()  # no name yet
    assert reasons["name"].text() == "" and "name" in dialog.error.text()
    assert w["specialty"].currentData() == "Internal Medicine"  # the profile's
    qtbot.keyClicks(w["name"], "x")
    w["name"].clear()
    assert "name" in reasons["name"].text().lower()  # beside the field once touched
    _type(qtbot, w["name"], "Lakeview Internal Medicine")
    _type(qtbot, w["city"], "Columbus")
    w["state"].setCurrentIndex(w["state"].findData("OH"))
    assert dialog.save_button.isEnabled() and reasons["name"].text() == ""
    _type(qtbot, w["positions"], "many")
    assert "many" in reasons["positions"].text() and not dialog.save_button.isEnabled()
    _type(qtbot, w["positions"], "8")
    _type(qtbot, w["share_img"], "150%")
    assert "share" in reasons["share_img"].text().lower()
    assert not dialog.save_button.isEnabled()
    _type(qtbot, w["share_img"], "20%")
    _type(qtbot, w["acgme_id"], "12345")
    assert "10-digit" in reasons["acgme_id"].text()
    _type(qtbot, w["acgme_id"], "")
    assert dialog.save_button.isEnabled()
    assert all(label.text() == "" for label in reasons.values())
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, tab)
    program = tab.current_program()
    assert program.program_id == saved.args[0] and program.name == "Lakeview Internal Medicine"
    assert program.source == "user" and not program.is_demo
    assert (program.positions, program.share_img) == (8, 0.2)
    text = tab.detail.browser.toPlainText()
    assert "Entered by you" in text


def test_edit_program_marks_changed_fields_entered_by_you(window, qtbot):
    tab = window.tab("programs")
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    before = tab.current_program()
    tab.edit_action.trigger()
    dialog = tab._dialog
    qtbot.waitExposed(dialog)
    assert dialog.widgets["name"].text() == before.name and dialog.save_button.isEnabled()
    _type(qtbot, dialog.widgets["positions"], "-3")
    assert not dialog.save_button.isEnabled() and dialog.reasons["positions"].text()
    _type(qtbot, dialog.widgets["positions"], "77")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, tab)
    with window.ctx.store.session() as s:
        after = get_program(s, before.program_id)
    assert after.positions == 77 and after.provenance["positions"].startswith("Entered by you")
    assert after.provenance["name"].startswith("Demo pack")
    assert tab.current_program().program_id == before.program_id
    assert "Entered by you" in tab.detail.browser.toPlainText()


def test_data_sources_lists_and_removes_keeping_user_fields(window, qtbot, tmp_path,
                                                           monkeypatch):
    from smartpick_desktop.core.catalog.queries import update_user_fields
    from smartpick_desktop.core.catalog.spreadsheet import import_file

    ctx = window.ctx
    path = tmp_path / "school.csv"
    path.write_text(CSV, encoding="utf-8")
    with ctx.store.session() as s:
        import_file(s, path)
        lake = next(p for p in load_programs(s, state="OH") if p.name == "Lakeview IM")
        update_user_fields(s, lake.program_id, stars=5, notes="my favourite")
    tab = window.tab("programs")
    tab.sources_action.trigger()
    dialog = tab._dialog
    qtbot.waitExposed(dialog)
    items = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(items) == 2 and "Demo pack" in items[0] and "school.csv" in items[1]
    assert "2 programs" in items[1]
    dialog.list.setCurrentRow(1)
    assert "school.csv" in dialog.details.toPlainText()
    asked = []
    monkeypatch.setattr(ctx.dialogs, "confirm", lambda *a: asked.append(a[2]) or False)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert asked and "school.csv" in asked[0] and dialog.list.count() == 2  # said no
    monkeypatch.setattr(ctx.dialogs, "confirm", lambda *a: True)
    with qtbot.waitSignal(ctx.programs_changed):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 1
    wait_loaded(qtbot, tab)
    assert tab.model.row_of(lake.program_id) is None
    with ctx.store.session() as s:
        import_file(s, path)  # the same file again: the student's fields come back
        back = next(p for p in load_programs(s, state="OH") if p.name == "Lakeview IM")
    assert (back.stars, back.notes) == (5, "my favourite")


def test_rerank_runs_off_the_gui_thread_and_keeps_an_edit(window, qtbot, ctx,
                                                         sample_profile):
    tab = window.tab("programs")
    index = tab.proxy.index(0, COL["stars"])
    pid = index.data(PROGRAM_ROLE).program_id
    sample_profile.step2_ck = 225
    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    ctx.profile_changed.emit()
    assert tab.busy  # returned at once; the worker ranks
    assert tab.proxy.setData(index, 3)  # an edit while ranking is not lost
    wait_loaded(qtbot, tab)
    row = tab.model.row_of(pid)
    assert tab.model.programs[row].stars == 3
    assert tab.model.rank_info(pid) is not None


def test_graduation_cutoff_typed_in_the_edit_dialog_makes_the_program_ineligible(window, qtbot,
                                                                                  ctx):
    """An IMG who graduated in 2018 sets a program's cutoff to 2020: the detail pane shows the
    field and the ranking calls the program ineligible, with the reason (issue 13)."""
    with ctx.store.session() as s:
        profile = window.ctx.profile().copy()
        profile.applicant_type, profile.graduation_year = "non_us_img", 2018
        save_profile(s, profile)
    ctx.profile_changed.emit()
    tab = window.tab("programs")
    wait_loaded(qtbot, tab)
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    before = tab.current_program()
    tab.edit_action.trigger()
    dialog = tab._dialog
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.widgets["grad_year_cutoff"], "20x0")
    assert not dialog.save_button.isEnabled()
    _type(qtbot, dialog.widgets["grad_year_cutoff"], "2020")
    _type(qtbot, dialog.widgets["max_failed_attempts"], "1")
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, tab)
    with ctx.store.session() as s:
        after = get_program(s, before.program_id)
    assert after.grad_year_cutoff == 2020 and after.max_failed_attempts == 1
    from smartpick_desktop.core.model.ranking import rank_programs

    ranked = rank_programs(window.ctx.profile(), [after])
    assert not ranked[0].eligible and "graduates from 2020 on" in ranked[0].reasons[0]
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    qtbot.waitUntil(lambda: "Graduated in or after" in tab.detail.browser.toPlainText(),
                    timeout=5000)
