"""Plan → Export PDF…, Plan → Export calendar (.ics)…, File → Print… and File → Page setup….

Exports run in the thread pool with a progress dialog and Cancel. Print shows a
QPrintPreviewDialog painting the very pages Export PDF… writes (see :mod:`.preview`). The page
size chosen in Page setup (Letter by default) is remembered and used for the PDF too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, QUrl, Slot
from PySide6.QtGui import QAction, QKeySequence, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.jobs import Job, JobRunner
from smartpick_desktop.ui.plan_export.jobs import ExportJob, ics_job, pdf_job

SETTINGS_PAGE_SIZE = "plan_export/page_size"
SETTINGS_DIR = "plan_export/dir"


class PlanExportController(QObject):
    """Owns the export/print actions of one main window.

    Attributes:
        printer: the printer whose page layout Page setup edits and Print uses.
        busy: True while an export or a print job runs.
        preview: the open print-preview dialog, if any.
    """

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self._printer: QPrinter | None = None
        self.preview = None
        self.progress: QProgressDialog | None = None
        self.jobs = JobRunner(self)
        self._job: Job | None = None
        self._pages = None
        self._build_actions()

    # --- actions -------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        window = self.window
        self.export_pdf_action = QAction("Export &PDF…", window)
        self.export_pdf_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_pdf_action.setStatusTip("Save the application plan as a PDF to share")
        self.export_pdf_action.triggered.connect(self._on_export_pdf_triggered)
        self.export_ics_action = QAction("Export &calendar (.ics)…", window)
        self.export_ics_action.setStatusTip("Save the season's dates and your follow-ups as a "
                                            "calendar file")
        self.export_ics_action.triggered.connect(self._on_export_ics_triggered)
        plan_menu = window.menu("Plan")
        plan_menu.addSeparator()
        plan_menu.addAction(self.export_pdf_action)
        plan_menu.addAction(self.export_ics_action)

        self.print_action = QAction("&Print…", window)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setStatusTip("Preview and print the application plan")
        self.print_action.triggered.connect(self._on_print_triggered)
        self.page_setup_action = QAction("Page set&up…", window)
        self.page_setup_action.triggered.connect(self._on_page_setup_triggered)
        file_menu = window.menu("File")
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.page_setup_action)
        self._job_actions = (self.export_pdf_action, self.export_ics_action, self.print_action)

    @property
    def busy(self) -> bool:
        return self._job is not None

    # --- page size -----------------------------------------------------------------------------

    @property
    def printer(self) -> QPrinter:
        """The printer, created on first use: asking the system for printers is slow and may
        reach for the print service, so start-up never does it."""
        if self._printer is None:
            self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self._restore_page_size(self._printer)
        return self._printer

    def _restore_page_size(self, printer: QPrinter) -> None:
        value = self.ctx.settings.value(SETTINGS_PAGE_SIZE, "Letter")
        size_id = QPageSize.PageSizeId.A4 if value == "A4" else QPageSize.PageSizeId.Letter
        printer.setPageSize(QPageSize(size_id))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)

    def page_size_points(self) -> tuple[float, float]:
        """The PDF page size (portrait, points) from the printer's page layout."""
        size = self.printer.pageLayout().pageSize().size(QPageSize.Unit.Point)
        width, height = size.width(), size.height()
        return (min(width, height), max(width, height))

    @Slot()
    def _on_page_setup_triggered(self) -> None:
        if self.printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
            from PySide6.QtPrintSupport import QPageSetupDialog

            dialog = QPageSetupDialog(self.printer, self.window)
        else:  # no system printer: QPageSetupDialog cannot work, offer the paper sizes
            from smartpick_desktop.ui.plan_export.page_setup import PaperSizeDialog

            dialog = PaperSizeDialog(self.printer, self.window)
        dialog.accepted.connect(self._on_page_setup_accepted)
        self.page_setup_dialog = dialog
        dialog.open()

    @Slot()
    def _on_page_setup_accepted(self) -> None:
        size_id = self.printer.pageLayout().pageSize().id()
        name = "A4" if size_id == QPageSize.PageSizeId.A4 else "Letter"
        self.ctx.settings.setValue(SETTINGS_PAGE_SIZE, name)
        self.ctx.status_message.emit(f"Plan pages: {name}.")

    # --- export --------------------------------------------------------------------------------

    def _ready(self, title: str) -> bool:
        """True when a profile and a plan exist; else tell the user what to do first."""
        from smartpick_desktop.core.plan.assemble import NO_PLAN, require_profile
        from smartpick_desktop.core.plan.saved import current_plan

        try:
            with self.ctx.store.session() as session:
                require_profile(session)
                if current_plan(session) is None:
                    raise InputError(NO_PLAN, fix="no_plan")
        except InputError as err:
            self.ctx.dialogs.error(self.window, title, with_fix(err))
            return False
        return True

    def _suggested(self, suffix: str) -> str:
        profile = self.ctx.profile()
        name = profile.name if profile and profile.name else "my"
        stem = re.sub(r"[^\w\- ]+", "", f"SmartPick plan {name}", flags=re.UNICODE).strip()
        folder = Path(str(self.ctx.settings.value(SETTINGS_DIR, str(Path.home()))))
        return str(folder / f"{stem}{suffix}")

    def _ask_path(self, title: str, suffix: str, filters: str) -> Path | None:
        path = self.ctx.dialogs.save_file(self.window, title, self._suggested(suffix), filters)
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        self.ctx.settings.setValue(SETTINGS_DIR, str(path.parent))
        return path

    @Slot()
    def _on_export_pdf_triggered(self) -> None:
        if self.busy or not self._ready("Export PDF"):
            return
        path = self._ask_path("Export the plan as PDF", ".pdf", "PDF files (*.pdf)")
        if path is not None:
            self._start(pdf_job(self.ctx.store, path, self.page_size_points()), "Exporting the plan…",
                        self._on_pdf_exported)

    @Slot()
    def _on_export_ics_triggered(self) -> None:
        if self.busy or not self._ready("Export calendar"):
            return
        path = self._ask_path("Export the plan's dates as a calendar", ".ics",
                              "Calendar files (*.ics)")
        if path is not None:
            self.ics_path = path
            self._start(ics_job(self.ctx.store, path), "Exporting the calendar…", self._on_ics_exported)

    def _on_pdf_exported(self, result: object) -> None:
        pages, path = result
        self.ctx.status_message.emit(f"Exported the plan ({pages} pages) to {path}.")
        if self.ctx.dialogs.confirm(self.window, "Plan exported",
                                    f"The plan ({pages} pages) was saved to {path}.\n\n"
                                    "Open it now?"):
            url = bytes(QUrl.fromLocalFile(str(path)).toEncoded()).decode()
            if not self.ctx.dialogs.open_url(url):
                self.ctx.dialogs.info(
                    self.window, "No PDF viewer",
                    f"This computer has no program set to open PDF files, so the plan could "
                    f"not be opened. It is saved as {path.name} in {path.parent}; open it with "
                    "any PDF viewer or a web browser.")

    def _on_ics_exported(self, result: object) -> None:
        self.ctx.status_message.emit(f"Exported {result} dates to {self.ics_path}.")
        self.ctx.dialogs.info(self.window, "Calendar exported",
                              f"{result} dates were saved to {self.ics_path}. Import the file "
                              "into your calendar app.")

    # --- print ---------------------------------------------------------------------------------

    @Slot()
    def _on_print_triggered(self) -> None:
        if self.busy or not self._ready("Print"):
            return
        self._start(pdf_job(self.ctx.store, None, self.page_size_points()), "Preparing the print preview…",
                    self._on_print_ready)

    def _on_print_ready(self, result: object) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        from smartpick_desktop.ui.plan_export.preview import PdfPages

        _pages, data = result
        try:
            pages = PdfPages(data)
        except ValueError as err:
            self.ctx.dialogs.error(self.window, "Print", with_fix(err))
            return
        if self._pages is not None:
            self._pages.close()
        self._pages = pages
        dialog = QPrintPreviewDialog(self.printer, self.window)
        dialog.setWindowTitle("Print preview — application plan")
        dialog.paintRequested.connect(self._on_preview_paint_requested)
        dialog.resize(fit_on_screen(self.window, 900, 1000))
        self.preview = dialog
        dialog.open()

    @Slot(QPrinter)
    def _on_preview_paint_requested(self, printer: QPrinter) -> None:
        if self._pages is not None:
            self.painted_pages = self._pages.paint(printer)

    # --- running jobs --------------------------------------------------------------------------

    def _start(self, fn: ExportJob, label: str, on_done) -> None:
        job = self.jobs.start(fn, name="The export",
                              finished=lambda result: self._finish(on_done, result),
                              failed=self._on_job_failed, cancelled=self._on_job_cancelled,
                              progress=self._on_job_progress)
        progress = QProgressDialog(label, "Cancel", 0, 100, self.window)
        progress.setWindowTitle("SmartPick")
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(job.cancel)
        self._job, self.progress = job, progress
        for action in self._job_actions:
            action.setEnabled(False)

    def _end(self) -> None:
        self._job = None
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        for action in self._job_actions:
            action.setEnabled(True)

    def _finish(self, on_done, result: object) -> None:
        self._end()
        on_done(result)

    def _on_job_progress(self, done: float, total: float) -> None:
        if self.progress is not None:
            self.progress.setValue(int(round(100 * done / (total or 1))))

    def _on_job_failed(self, message: str) -> None:
        self._end()
        self.ctx.dialogs.error(self.window, "Export failed", message)

    def _on_job_cancelled(self) -> None:
        self._end()
        self.ctx.status_message.emit("Export canceled; nothing was written.")

    def cancel(self) -> None:
        """Ask the running job, if any, to stop."""
        if self._job is not None:
            self._job.cancel()


def fit_on_screen(widget: Any, width: int, height: int) -> QSize:
    """``width`` × ``height``, made smaller to fit the screen ``widget`` is on (90% of it)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        return QSize(width, height)
    room = screen.availableGeometry()
    return QSize(min(width, int(room.width() * 0.9)), min(height, int(room.height() * 0.9)))


def install(window: QMainWindow) -> None:
    """Action installer (ui.actions): add the plan's export and print actions to ``window``."""
    window.plan_export = PlanExportController(window, window.ctx)
