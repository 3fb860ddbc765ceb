"""Screenshots of every tab, sub-page and dialog at several screen sizes, to look at.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--size 1024x700] [--size 1920x1080]
        [--scale 1.5] [--theme light|dark] [--focus] [--only NAME ...]

Each size runs in its own process: offscreen Qt with a screen of that size (``--scale`` sets
``QT_SCALE_FACTOR``; sizes are in device pixels, as a monitor's resolution). A fresh data folder
gets the demo profile, an optimized plan, three contacts and a letter; then the window fills the
screen and each tab or dialog is grabbed into ``OUT_DIR/<W>x<H>[@<scale>][-<theme>]/<name>.png``.
``--focus`` also grabs each tab after pressing Tab a few times (the keyboard focus must show).
Open the PNGs and look: no clipped label, no overlapped text, no elided primary column.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = ("1024x700", "1920x1080")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", action="append", help="screen size WxH (repeatable)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--focus", action="store_true")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the per-size child process
    args = parser.parse_args()
    if args.one:
        return shoot_all(args.out, args.one, args.scale, args.theme, args.focus, args.only)
    failed = 0
    for size in args.size or DEFAULT_SIZES:
        command = [sys.executable, __file__, str(args.out), "--one", size, "--scale",
                   str(args.scale), "--theme", args.theme]
        if args.focus:
            command.append("--focus")
        if args.only:
            command += ["--only", *args.only]
        failed |= subprocess.call(command)
    return failed


def _screen_config(folder: Path, width: int, height: int) -> str:
    """An offscreen-platform configuration with one screen of the given size."""
    path = folder / "screen.json"
    path.write_text(json.dumps({"screens": [{
        "name": "shot", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={path}"


def shoot_all(out: Path, size: str, scale: float, theme: str, focus: bool,
              only: list[str] | None) -> int:
    width, height = (int(v) for v in size.lower().split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="smartpick-shots-"))
    os.environ["QT_QPA_PLATFORM"] = _screen_config(tmp, width, height)
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    sys.path.insert(0, str(ROOT))
    import logging

    from PySide6.QtWidgets import QApplication

    from smartpick_desktop.app import create_application

    logging.getLogger("qt").setLevel(logging.ERROR)  # "does not support propagateSizeHints"
    app = create_application()
    folder = out / (f"{width}x{height}" + (f"@{scale:g}" if scale != 1.0 else "")
                    + ("-dark" if theme == "dark" else ""))
    folder.mkdir(parents=True, exist_ok=True)
    shots = Shots(app, tmp / "data", folder, (width, height), theme, only)
    shots.run(focus)
    print(f"{folder}: {len(shots.saved)} screenshots")
    QApplication.closeAllWindows()
    return 0


class Shots:
    """Builds the window over a prepared data folder and grabs each screen."""

    def __init__(self, app, data_dir: Path, folder: Path, screen: tuple[int, int], theme: str,
                 only: list[str] | None) -> None:
        self.app, self.data_dir, self.folder, self.screen = app, data_dir, folder, screen
        self.theme, self.only = theme, only
        self.saved: list[Path] = []

    # --- helpers -------------------------------------------------------------------------------

    def settle(self, seconds: float = 0.4) -> None:
        """Run the event loop until background jobs are done, then ``seconds`` more."""
        from smartpick_desktop.ui import jobs

        end = time.monotonic() + 60
        while jobs.running_jobs() and time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wanted(self, name: str) -> bool:
        return not self.only or any(name.startswith(o) for o in self.only)

    def grab(self, name: str, widget) -> None:
        if not self.wanted(name):
            return
        self.settle()
        path = self.folder / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def dialog(self, name: str, make: Callable[[], object], before=None) -> None:
        """Build a dialog, show it, grab it, close it without keeping anything."""
        if not self.wanted(name):
            return
        dialog = make()
        if dialog is None:
            return
        dialog.show()
        if before is not None:
            before(dialog)
        self.grab(name, dialog)
        if hasattr(dialog, "confirm_discard"):
            dialog.confirm_discard = lambda: True
        dialog.reject() if hasattr(dialog, "reject") else dialog.close()
        dialog.deleteLater()
        self.settle(0.05)

    # --- the run -------------------------------------------------------------------------------

    def run(self, focus: bool) -> None:
        from smartpick_desktop.core.datafolder import open_store
        from smartpick_desktop.ui.context import AppContext
        from smartpick_desktop.ui.main_window import MainWindow

        store = open_store(self.data_dir)
        ctx = AppContext(store)
        ctx.settings.setValue("view/theme", self.theme)
        self.ctx = ctx
        window = MainWindow(ctx)
        self.window = window
        window.resize(*self.screen_logical())
        window.show()
        self.settle()
        self.grab("welcome", window)
        prepare(store)
        ctx.profile_changed.emit()
        ctx.plan_changed.emit()
        ctx.programs_changed.emit()
        window.show_tab("home")
        self.settle(1.0)
        self.tabs(window, focus)
        self.dialogs(window, ctx)
        window.close()
        store.close()

    def screen_logical(self) -> tuple[int, int]:
        screen = self.app.primaryScreen().availableGeometry()
        return screen.width(), screen.height()

    def tabs(self, window, focus: bool) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        for key in window.tab_keys():
            window.show_tab(key)
            tab = window.tab(key)
            if hasattr(tab, "ensure_loaded"):
                tab.ensure_loaded()
            if key == "articles" and hasattr(tab, "open_slug"):
                tab.open_slug("how-many-programs")
            self.settle(0.8)
            pages = getattr(tab, "pages", None)
            if pages is None:
                self.grab(f"tab-{key}", window)
            else:
                for index in range(pages.count()):
                    pages.setCurrentIndex(index)
                    self.settle(0.5)
                    title = pages.tabText(index).replace("&", "").split()[0].lower()
                    self.grab(f"tab-{key}-{index + 1}-{title}", window)
                pages.setCurrentIndex(0)
            if focus and self.wanted(f"focus-{key}"):
                window.activateWindow()
                tab.setFocus()
                for _ in range(3):
                    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
                self.grab(f"focus-{key}", window)

    def dialogs(self, window, ctx) -> None:
        from smartpick_desktop.core.catalog.queries import load_programs
        from smartpick_desktop.core.mentors.contacts import list_contacts
        from smartpick_desktop.core.profile import load_profile

        with ctx.store.session() as session:
            profile = load_profile(session)
            programs = load_programs(session)
            contacts = list_contacts(session)
        today = dt.date.today()

        from smartpick_desktop.ui.wizard.wizard import ProfileWizard

        def wizard_page(index: int):
            def go(wizard) -> None:
                for _ in range(index):
                    wizard.next()
            return go

        probe = ProfileWizard(ctx, window)
        page_ids = probe.pageIds()
        probe.deleteLater()
        for n in range(len(page_ids)):
            self.dialog(f"dlg-wizard-{n + 1}", lambda: ProfileWizard(ctx, window),
                        wizard_page(n))

        from smartpick_desktop.ui.settings_dialog import SettingsDialog

        def settings_page(index: int):
            def go(dialog) -> None:
                dialog.findChild(_tab_widget()).setCurrentIndex(index)
            return go

        for n in range(2):
            self.dialog(f"dlg-settings-{n + 1}", lambda: SettingsDialog(ctx, window),
                        settings_page(n))

        from smartpick_desktop.ui.about import AboutDialog
        from smartpick_desktop.ui.guide import GuideDialog
        from smartpick_desktop.ui.model_quality import ModelQualityDialog

        self.dialog("dlg-about", lambda: AboutDialog(window))
        self.dialog("dlg-guide", lambda: _guide(GuideDialog(window)))
        self.dialog("dlg-model-quality", lambda: ModelQualityDialog(ctx, window))

        from smartpick_desktop.ui.programs.edit_dialog import ProgramDialog
        from smartpick_desktop.ui.programs.sources_dialog import SourcesDialog

        self.dialog("dlg-program-add", lambda: ProgramDialog(ctx, None, window))
        self.dialog("dlg-program-edit", lambda: ProgramDialog(ctx, programs[0], window))
        self.dialog("dlg-sources", lambda: SourcesDialog(ctx, window))
        self.dialog("dlg-sources-own", lambda: SourcesDialog(ctx, window),
                    lambda d: d.show_bring_your_own())
        self.dialog("dlg-import", lambda: self._import_dialog(ctx, window))

        from smartpick_desktop.ui.plan.interviews_page import CriteriaDialog
        from smartpick_desktop.ui.plan.list_edit import AddProgramDialog

        self.dialog("dlg-plan-add", lambda: AddProgramDialog(programs[:40], window))
        self.dialog("dlg-interview-criteria", lambda: CriteriaDialog(
            [("Location", 3), ("Program culture", 5), ("Research time", 2)], window))

        from smartpick_desktop.ui.articles.note_dialog import NoteDialog

        self.dialog("dlg-article-note", lambda: NoteDialog(
            "Applicants who apply to more programs see diminishing returns past a point.", "",
            window))

        from smartpick_desktop.ui.mentors.composer import ComposerDialog
        from smartpick_desktop.ui.mentors.dialogs import (
            ContactDialog,
            FollowUpDialog,
            InteractionDialog,
            LetterDialog,
        )

        self.dialog("dlg-contact-add", lambda: ContactDialog(None, window))
        self.dialog("dlg-contact-edit", lambda: ContactDialog(contacts[0], window))
        self.dialog("dlg-interaction", lambda: InteractionDialog(contacts[0].name, today,
                                                                 parent=window))
        self.dialog("dlg-follow-up", lambda: FollowUpDialog(contacts[0].name, today, window))
        self.dialog("dlg-letter", lambda: LetterDialog(contacts, today,
                                                       specialty=profile.specialty,
                                                       parent=window))
        self.dialog("dlg-composer", lambda: ComposerDialog(ctx, contacts, profile,
                                                           contact_id=contacts[0].id,
                                                           parent=window))

        export = getattr(window, "plan_export", None)
        if export is not None:
            from smartpick_desktop.ui.plan_export.page_setup import PaperSizeDialog

            self.dialog("dlg-page-setup", lambda: PaperSizeDialog(export.printer, window))
            if self.wanted("dlg-print-preview"):
                export._on_print_triggered()
                end = time.monotonic() + 60
                while getattr(export, "preview", None) is None and time.monotonic() < end:
                    self.settle(0.1)
                if export.preview is not None:
                    self.grab("dlg-print-preview", export.preview)
                    export.preview.reject()

    def _import_dialog(self, ctx, window):
        from smartpick_desktop.core.catalog.spreadsheet import read_table
        from smartpick_desktop.ui.programs.import_dialog import ImportDialog

        path = self.data_dir.parent / "my-programs.csv"
        path.write_text(
            "Program ID,Program Name,Institution,City,State,Specialty,First Year Positions,"
            "Visa Statuses Accepted,Unknown column\n"
            "1400000001,Lakeshore Internal Medicine Residency,Lakeshore Hospital,Toledo,OH,"
            "Internal Medicine,12,J-1,x\n"
            "1400000002,Prairie View Internal Medicine,Prairie View Medical Center,Peoria,IL,"
            "Internal Medicine,8,\"J-1, H-1B\",y\n", encoding="utf-8")
        return ImportDialog(ctx, read_table(path), window)


def _tab_widget():
    from PySide6.QtWidgets import QTabWidget

    return QTabWidget


def _guide(dialog):
    dialog.show_page("programs")
    return dialog


def prepare(store) -> None:
    """The demo profile, an optimized plan, three contacts and a letter."""
    from smartpick_desktop.core.mentors.contacts import Contact, add_contact
    from smartpick_desktop.core.mentors.letters import add_letter
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.core.profile import demo_profile, save_profile

    today = dt.date.today()
    with store.session() as session:
        profile = demo_profile()
        save_profile(session, profile)
        save_plan(session, compute_plan(session, profile))
        first = add_contact(session, Contact(
            name="Dr. Maria Hernandez-Whitfield", role="program_director",
            specialty="Internal Medicine", institution="Lakeside University Medical Center",
            title="Associate Program Director", email="maria.hw@example.edu"), today)
        add_contact(session, Contact(
            name="Jordan Lee", role="peer", specialty="Internal Medicine",
            institution="Riverbend Community Hospital", email="jordan.lee@example.org"), today)
        add_contact(session, Contact(
            name="Dr. Samuel Okafor", role="faculty", specialty="Cardiology",
            institution="Hillcrest Heart Institute", email="s.okafor@example.edu"), today)
        add_letter(session, "", contact_id=first.id, requested=today,
                   due=today + dt.timedelta(days=30), specialty=profile.specialty)


if __name__ == "__main__":
    sys.exit(main())
