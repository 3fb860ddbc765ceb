"""The Programs tab: model/proxy checks, filtering, sorting, detail, inline edits, import."""

import csv

import pytest
from pytestqt.modeltest import ModelTester

from PySide6.QtCore import QPoint, Qt

from smartpick_desktop.core.catalog.queries import get_program
from smartpick_desktop.ui.programs.table_model import COL, PROGRAM_ROLE, SORT_ROLE


@pytest.fixture
def tab(open_programs_tab):
    return open_programs_tab(1300, 800)


def wait_loaded(qtbot, widget):
    """Wait for the worker thread's load or re-rank to be applied."""
    qtbot.waitUntil(lambda: widget.loaded and not widget.busy, timeout=20000)


def test_model_and_proxy_pass_modeltester(tab, qtbot):
    ModelTester(None).check(tab.model, force_py=True)
    tab.proxy.update_filters(text="lakeshore")
    ModelTester(None).check(tab.proxy, force_py=True)


def test_defaults_to_profile_specialty_with_ranks(tab):
    assert tab.specialty_box.currentData() == "Internal Medicine"
    first = tab.proxy.index(0, COL["rank"])
    assert first.data() == "1"
    assert isinstance(first.data(SORT_ROLE), int)
    program = first.data(PROGRAM_ROLE)
    assert program.specialty == "Internal Medicine" and program.display_name.startswith("Demo")
    assert tab.proxy.index(0, COL["tier"]).data() in ("Likely", "Target", "Reach")


def test_typing_filters(tab, qtbot):
    total = tab.proxy.rowCount()
    name = tab.proxy.index(5, COL["name"]).data(PROGRAM_ROLE).name
    word = name.split()[2]
    qtbot.keyClicks(tab.search, word)
    qtbot.waitUntil(lambda: tab.proxy.rowCount() < total)
    names = [tab.proxy.index(r, COL["name"]).data() for r in range(tab.proxy.rowCount())]
    assert names and all(word.casefold() in n.casefold() for n in names)
    tab.search.clear()
    tab.place_box.setCurrentIndex(tab.place_box.findData("OH"))
    states = {tab.proxy.index(r, COL["name"]).data(PROGRAM_ROLE).state
              for r in range(tab.proxy.rowCount())}
    assert states == {"OH"}


def test_header_click_sorts(tab, qtbot):
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(COL["positions"]) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    values = [tab.proxy.index(r, COL["positions"]).data(PROGRAM_ROLE).positions
              for r in range(tab.proxy.rowCount())]
    values = [v for v in values if v is not None]
    assert values == sorted(values) or values == sorted(values, reverse=True)
    assert values[0] != values[-1]


def test_detail_shows_provenance_and_reasons(tab):
    tab.table.setCurrentIndex(tab.proxy.index(0, COL["name"]))
    html = tab.detail.browser.toPlainText()
    assert "Why it ranks here" in html and "Demo pack" in html and "Demo program" in html
    assert "Step 2 CK" in html


def test_inline_status_and_stars_saved(tab, ctx, qtbot):
    index = tab.proxy.index(0, COL["status"])
    pid = index.data(PROGRAM_ROLE).program_id
    with qtbot.waitSignal(ctx.programs_changed):
        assert tab.proxy.setData(index, "applied")
    assert tab.proxy.setData(tab.proxy.index(0, COL["stars"]), 4)
    tab.table.setCurrentIndex(tab.proxy.index(tab.proxy.mapFromSource(
        tab.model.index(tab.model.row_of(pid), 0)).row(), COL["name"]))
    tab.detail.tags.clear()
    qtbot.keyClicks(tab.detail.tags, "dream, ohio")
    qtbot.keyClick(tab.detail.tags, Qt.Key.Key_Return)
    with ctx.store.session() as s:
        saved = get_program(s, pid)
    assert (saved.status, saved.stars, saved.tags) == ("applied", 4, ["dream", "ohio"])


def test_export_current_view(tab, tmp_path, monkeypatch):
    tab.place_box.setCurrentIndex(tab.place_box.findData("OH"))
    target = tmp_path / "view.csv"
    monkeypatch.setattr(tab.ctx.dialogs, "save_file", lambda *a: target)
    tab.export_view()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == tab.proxy.rowCount() and {r["state"] for r in rows} == {"OH"}
    assert rows[0]["rank"] and rows[0]["tier"]


def test_export_onto_the_data_store_is_refused_in_one_sentence(tab, monkeypatch):
    """Issue 16: choosing the live store as the export file must not destroy it."""
    errors = []
    monkeypatch.setattr(tab.ctx.dialogs, "save_file", lambda *a: tab.ctx.store.path)
    monkeypatch.setattr(tab.ctx.dialogs, "error", lambda _p, title, text: errors.append(text))
    tab.export_view()
    assert len(errors) == 1 and "SmartPick's own data" in errors[0]
    assert errors[0].count("\n") == 0
    from smartpick_desktop.core.store.integrity import check_file

    assert check_file(tab.ctx.store.path) is None


def test_import_dialog_maps_previews_and_imports(tab, tmp_path, qtbot):
    path = tmp_path / "mine.csv"
    path.write_text("Program Name,Specialty,City,State,First Year Positions\n"
                    "Lakeview IM,IM,Columbus,OH,8\nBroken IM,IM,Akron,OH,many\n",
                    encoding="utf-8")
    tab.import_file(path)
    dialog = tab._import_dialog
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.preview.rowCount() == 2 and dialog.problems.count() == 1
    assert "row 3" in dialog.problems.item(0).text().lower()
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.skip_invalid, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.skip_invalid.height() // 2))  # on the box itself
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.finished_import, timeout=20000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, tab)
    tab.search.setText("Lakeview IM")
    tab._apply_filters()
    assert tab.proxy.rowCount() == 1


def test_registered_second_in_main_window(main_window):
    assert main_window.tab_keys()[:2] == ["home", "programs"]
