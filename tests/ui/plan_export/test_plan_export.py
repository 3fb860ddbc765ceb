"""Plan → Export PDF…, Export calendar…, File → Print… (preview) and Page setup…, driven as a
person would through the menus, with the modal dialogs faked."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

sys.path.insert(0, str(Path(__file__).parents[2] / "core" / "plan"))
from conftest import save_sample_plan  # noqa: E402


class FakeDialogs:
    def __init__(self, save_to: Path | None = None, confirm: bool = True) -> None:
        self.save_to = save_to
        self.answer = confirm
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.confirms: list[str] = []
        self.opened: list[str] = []
        self.save_calls: list[tuple[str, str]] = []

    def save_file(self, parent, title, suggested, filters):
        self.save_calls.append((suggested, filters))
        return self.save_to

    def confirm(self, parent, title, text):
        self.confirms.append(text)
        return self.answer

    def info(self, parent, title, text):
        self.infos.append(text)

    def error(self, parent, title, text):
        self.errors.append(text)

    def open_url(self, url):
        self.opened.append(url)
        return True


def _action(window, menu: str, text: str):
    for action in window.menu(menu).actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {menu} → {text} action")


@pytest.fixture
def planned_window(ctx, main_window, sample_profile, qtbot):
    with ctx.store.session() as session:
        save_sample_plan(session, sample_profile)
    return main_window


def test_menus_hold_the_export_and_print_actions(main_window):
    assert _action(main_window, "Plan", "Export PDF…").isEnabled()
    assert _action(main_window, "Plan", "Export calendar (.ics)…").isEnabled()
    assert _action(main_window, "File", "Print…").shortcut().toString()
    assert _action(main_window, "File", "Page setup…")
    # Quit stays last in File
    assert main_window.menu("File").actions()[-1].text().replace("&", "") == "Quit"


def test_export_without_a_profile_explains_and_asks_nothing(ctx, main_window):
    ctx.dialogs = FakeDialogs()
    _action(main_window, "Plan", "Export PDF…").trigger()
    assert ctx.dialogs.errors and "no profile yet" in ctx.dialogs.errors[0]
    assert ctx.dialogs.save_calls == []


@pytest.mark.tool("pdftotext")
def test_export_pdf_runs_off_the_gui_thread_and_offers_to_open(ctx, planned_window, qtbot,
                                                              tmp_path):
    target = tmp_path / "my plan"          # no suffix: .pdf is added
    ctx.dialogs = FakeDialogs(save_to=target)
    controller = planned_window.plan_export
    _action(planned_window, "Plan", "Export PDF…").trigger()
    assert controller.busy and not controller.export_pdf_action.isEnabled()
    qtbot.waitUntil(lambda: not controller.busy, timeout=20000)
    written = tmp_path / "my plan.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert ctx.dialogs.errors == []
    assert "Open it now?" in ctx.dialogs.confirms[0]
    assert ctx.dialogs.opened == [f"file://{written.as_posix()}".replace(" ", "%20")]
    assert controller.export_pdf_action.isEnabled()
    text = subprocess.run(["pdftotext", str(written), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Alex Doe" in text and "Recommended programs" in text


def test_cancel_stops_the_export_and_writes_nothing(ctx, planned_window, qtbot, tmp_path,
                                                    monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from smartpick_desktop.ui.plan_export import controller as module

    real_job = module.pdf_job

    def slow_job(store, path, pagesize):
        run = real_job(store, path, pagesize)

        def wait_then_run(job):
            for _ in range(500):           # hold the worker until the person cancels
                if job.should_cancel():
                    break
                time.sleep(0.01)
            return run(job)

        return wait_then_run

    monkeypatch.setattr(module, "pdf_job", slow_job)
    ctx.dialogs = FakeDialogs(save_to=tmp_path / "cancelled.pdf")
    controller = planned_window.plan_export
    _action(planned_window, "Plan", "Export PDF…").trigger()
    controller.progress.show()
    button = controller.progress.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.busy, timeout=20000)
    assert not (tmp_path / "cancelled.pdf").exists()
    assert list(tmp_path.glob("cancelled*")) == []
    assert ctx.dialogs.confirms == [] and ctx.dialogs.errors == []


def test_export_calendar(ctx, planned_window, qtbot, tmp_path):
    from icalendar import Calendar

    ctx.dialogs = FakeDialogs(save_to=tmp_path / "season.ics")
    _action(planned_window, "Plan", "Export calendar (.ics)…").trigger()
    qtbot.waitUntil(lambda: not planned_window.plan_export.busy, timeout=20000)
    calendar = Calendar.from_ical((tmp_path / "season.ics").read_bytes())
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert events and "dates were saved" in ctx.dialogs.infos[0]


@pytest.mark.tool("pdfinfo")
def test_print_preview_paints_every_pdf_page(ctx, planned_window, qtbot, tmp_path):
    ctx.dialogs = FakeDialogs()
    controller = planned_window.plan_export
    _action(planned_window, "File", "Print…").trigger()
    qtbot.waitUntil(lambda: controller.preview is not None, timeout=20000)
    preview = controller.preview
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    # Print to a PDF file through the same paint path the preview uses.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    controller._on_preview_paint_requested(printer)
    assert controller.painted_pages == controller._pages.count >= 3
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                          check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == controller.painted_pages
    preview.close()


def test_page_setup_choice_is_remembered_and_sizes_the_pdf(ctx, main_window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    controller = main_window.plan_export
    assert controller.page_size_points() == pytest.approx((612, 792), abs=1)
    _action(main_window, "File", "Page setup…").trigger()
    dialog = controller.page_setup_dialog
    assert dialog.isVisible()
    if hasattr(dialog, "buttons"):          # no system printer: the paper-size dialog
        qtbot.mouseClick(dialog.buttons["A4"], Qt.MouseButton.LeftButton)
        ok = dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    else:
        from PySide6.QtGui import QPageSize

        controller.printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        dialog.accept()
    assert ctx.settings.value("plan_export/page_size") == "A4"
    assert controller.page_size_points() == pytest.approx((595, 842), abs=1)


@pytest.mark.tool("pdftotext")
def test_no_pdf_viewer_says_so_and_contents_have_page_numbers(ctx, planned_window, qtbot,
                                                             tmp_path):
    """Issue 15 point 11: "Open it now? → Yes" with no viewer says so; contents carry pages."""
    target = tmp_path / "plan.pdf"
    ctx.dialogs = FakeDialogs(save_to=target)
    ctx.dialogs.open_url = lambda url: False  # no program registered for PDF files
    controller = planned_window.plan_export
    _action(planned_window, "Plan", "Export PDF…").trigger()
    qtbot.waitUntil(lambda: not controller.busy, timeout=20000)
    assert ctx.dialogs.infos and "no program set to open PDF files" in ctx.dialogs.infos[0]
    assert "plan.pdf" in ctx.dialogs.infos[0]
    cover = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(target), "-"],
                           capture_output=True, text=True, check=True).stdout
    found = re.search(r"Recommended programs\s+page\s+(\d+)", cover)
    assert found, cover
    whole = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                           check=True).stdout
    page = int(found.group(1))
    pages = whole.split("\f")
    assert "Recommended programs" in pages[page - 1]


def test_checklist_added_in_an_article_shows_on_home(ctx, main_window, sample_profile, qtbot):
    """Issue 15 point 12: "Add to my plan" lands on Home, where it can be ticked off."""
    from smartpick_desktop.core import checklist
    from smartpick_desktop.core.profile import save_profile
    from smartpick_desktop.ui.home.checklist_section import ChecklistSection

    with ctx.store.session() as s:
        save_profile(s, sample_profile)
    ctx.profile_changed.emit()
    articles = main_window.tab("articles")
    articles.follow_link("smartpick:checklist/Ask%20three%20letter%20writers")
    home = main_window.tab("home")
    section = next(s for s in home.sections if isinstance(s, ChecklistSection))
    (box,) = section.boxes.values()
    assert box.text() == "Ask three letter writers"
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    with ctx.store.session() as s:
        assert [i.done for i in checklist.list_items(s)] == [True]


def test_print_preview_fits_the_screen_and_renders_sharp_text(ctx, planned_window, qtbot,
                                                             tmp_path):
    """Issue 15 point 13: the preview fits on the screen and is not rendered at screen dpi."""
    ctx.dialogs = FakeDialogs()
    controller = planned_window.plan_export
    _action(planned_window, "File", "Print…").trigger()
    qtbot.waitUntil(lambda: controller.preview is not None, timeout=20000)
    preview = controller.preview
    room = planned_window.screen().availableGeometry()
    assert preview.height() <= room.height() and preview.width() <= room.width()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    controller._on_preview_paint_requested(printer)
    assert controller._pages.last_dpi >= 150
    preview.close()
