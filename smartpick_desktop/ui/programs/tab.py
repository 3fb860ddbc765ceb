"""The Programs tab: the ranked, filterable table of the catalog with a detail pane."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.file_drop import FileDrop
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.jobs import JobRunner
from smartpick_desktop.ui.programs.filter_bar import FilterBar
from smartpick_desktop.ui.programs.jobs import LoadedCatalog, load_catalog
from smartpick_desktop.ui.programs.proxy import Filters, ProgramFilterProxy
from smartpick_desktop.ui.programs.table_model import (
    COL,
    PROGRAM_ROLE,
    ProgramTableModel,
)
from smartpick_desktop.ui.programs.table_view import ProgramsTableView
from smartpick_desktop.ui.tabs import TabDefaults

#: Job names (the first words of an unexpected error's sentence).
LOAD_ALL, RERANK = "Loading the programs", "Ranking the programs"
STACK_WIDTH = 1300
#: Milliseconds between showing a load's rows and filling the detail pane (the table is painted
#: in between).
FINISH_DELAY_MS = 20
#: The longest a load or re-rank waits for the table to paint before it starts, in ms.
START_WAIT_MS = 25
#: Width of the detail pane beside the table, in average characters (a comfortable line).
DETAIL_CHARS = 90
SPREADSHEET_FILTERS = "Spreadsheets and packs (*.csv *.xlsx *.txt *.json *.gz *.sppack);;All files (*)"
IMPORTABLE = (".csv", ".xlsx", ".xlsm", ".txt", ".tsv", ".json", ".gz", ".sppack")


class ProgramsTab(TabDefaults, QWidget):
    """The catalog as a ranked table (see PRODUCT.md section 4).

    Loading and ranking run in a worker thread (:mod:`.jobs`); ``busy`` is True meanwhile
    and the first load shows "Loading programs…" over the empty table (the table is shown from
    the start: shown only with its rows, Qt would lay it out and paint it twice).

    Attributes:
        model: the ProgramTableModel; proxy: the ProgramFilterProxy; table: the QTableView.
        detail: the DetailPane. last_apply_seconds: GUI-thread time of the last applied load.
    """

    help_page = "programs"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._loaded = False
        self._dirty = True
        self._emitting = False
        self._profile = None
        self._generation = 0
        self._pending_select: int | None = None
        self.last_apply_seconds = 0.0
        self._split_sized = False  # the table/detail split is set at the first resize
        self.jobs = JobRunner(self, max_threads=1)
        self._finishing = False  # the detail pane is to be filled (see _select_then_show_later)
        self._quiet_selection = False
        self._finish_timer = QTimer(self, singleShot=True, interval=FINISH_DELAY_MS)
        self._finish_timer.timeout.connect(self._finish_apply)
        self._scheduled: str | None = None  # LOAD_ALL or RERANK, to start on the next turn
        self._start_timer = QTimer(self, singleShot=True)  # see _schedule
        self._start_timer.timeout.connect(self._start_scheduled)
        self.model = ProgramTableModel(self)
        self.model.user_writer = self._write_user_field
        self.proxy = ProgramFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        self.table = ProgramsTableView()
        self.table.setModel(self.proxy)
        self.table.setup_columns()
        self.table.painted.connect(self._on_table_painted)
        self.table.horizontalHeader().customContextMenuRequested.connect(
            self._on_header_menu_requested)
        self.filter_bar = FilterBar(self.table)
        bar = self.filter_bar
        self.search, self.count_label = bar.search, bar.count_label
        self.specialty_box, self.place_box = bar.specialty_box, bar.place_box
        self.setting_box, self.visa_box = bar.setting_box, bar.visa_box
        self.tier_box, self.status_box, self.source_box = (bar.tier_box, bar.status_box,
                                                           bar.source_box)
        self.search.textChanged.connect(self._on_search_text_changed)
        bar.filters_changed.connect(self._apply_filters)
        layout.addWidget(bar)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        from smartpick_desktop.ui.programs.detail import DetailPane

        self.detail = DetailPane()
        self.detail.user_fields_edited.connect(self._on_detail_user_fields_edited)
        self.detail.edit_requested.connect(self.edit_current)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)  # shown from the start, even while loading
        self.empty_label = QLabel()
        self.empty_label.setObjectName("programs_empty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.setMargin(24)
        self.empty_label.linkActivated.connect(self._on_empty_link)
        self.table_stack.addWidget(self.empty_label)
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([940, 340])
        layout.addWidget(self.splitter, 1)

        ctx.profile_changed.connect(self._on_ctx_profile_changed)
        ctx.plan_changed.connect(self._on_ctx_plan_changed)
        ctx.programs_changed.connect(self._on_ctx_programs_changed)
        self._search_timer = QTimer(self, singleShot=True, interval=120)
        self._search_timer.timeout.connect(self._apply_filters)

    # --- menus --------------------------------------------------------------------------------

    def install_actions(self, window: QMainWindow) -> None:
        self._window = window
        self.import_action = QAction("&Import programs…", self,
                                     shortcut=QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_import_file)
        window.menu("File").addAction(self.import_action)
        menu = window.menu("Programs")
        self.add_action = QAction("&Add program…", self,
                                  shortcut=QKeySequence("Ctrl+Shift+A"))
        self.add_action.triggered.connect(self.add_program)
        self.edit_action = QAction("&Edit program…", self,
                                   shortcut=QKeySequence("Ctrl+Shift+M"))
        self.edit_action.triggered.connect(self.edit_current)
        self.export_action = QAction("E&xport current view…", self)
        self.export_action.triggered.connect(self.export_view)
        self.sources_action = QAction("&Data sources…", self,
                                      shortcut=QKeySequence("Ctrl+Shift+D"))
        self.sources_action.triggered.connect(lambda: self.open_sources())
        for action in (self.import_action, self.add_action, self.edit_action,
                       self.export_action, self.sources_action):
            if action is not self.import_action:
                menu.addAction(action)
        self._drop = FileDrop(window, IMPORTABLE, self._on_file_dropped)

    # --- state ---------------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Below STACK_WIDTH the detail pane goes under the table, so names are not cut."""
        super().resizeEvent(event)
        wanted = (Qt.Orientation.Vertical if self.width() < STACK_WIDTH
                  else Qt.Orientation.Horizontal)
        if self.splitter.orientation() != wanted or not self._split_sized:
            self._split_sized = True
            self.splitter.setOrientation(wanted)
            self.detail.set_side_by_side(wanted == Qt.Orientation.Vertical)
            if wanted == Qt.Orientation.Vertical:
                total = self.splitter.height()
                self.splitter.setSizes([int(total * 0.6), int(total * 0.4)])
            else:  # the details get a reading width, the table (and its names) the rest
                total = self.splitter.width()
                line = self.fontMetrics().averageCharWidth() * DETAIL_CHARS
                detail = min(int(total * 0.4), max(line, int(total * 0.3)))
                self.splitter.setSizes([total - detail, detail])

    def save_state(self, settings: Any) -> None:
        settings.setValue("programs/header", self.table.horizontalHeader().saveState())
        settings.setValue("programs/splitter", self.splitter.saveState())

    def restore_state(self, settings: Any) -> None:
        header = settings.value("programs/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        splitter = settings.value("programs/splitter")
        if isinstance(splitter, QByteArray):
            self._split_sized = self.splitter.restoreState(splitter)  # the student's sizes

    def show_payload(self, payload: Any) -> None:
        if isinstance(payload, dict) and payload.get("sources"):
            self.open_sources(bring_your_own=payload["sources"] == "bring_your_own")
            return
        if isinstance(payload, dict) and payload.get("program_id") is not None:
            program_id = int(payload["program_id"])
            if self._loaded and not self.busy and self.select_program(program_id):
                return
            self._pending_select = program_id
            self.ensure_loaded()

    # --- loading -------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            QTimer.singleShot(0, self.ensure_loaded)

    @property
    def busy(self) -> bool:
        """True while a load or re-rank runs in the worker thread, or its result is still
        being shown."""
        return self.jobs.busy or self._scheduled is not None or self._finishing

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        """Start loading if the catalog changed since the last load (returns at once)."""
        if self._dirty and not self._loading_everything():
            self.reload()

    def _loading_everything(self) -> bool:
        return (self._scheduled == LOAD_ALL
                or any(job.name == LOAD_ALL for job in self.jobs.jobs))

    def reload(self) -> None:
        """Read the catalog, the profile and the plan's signals and rank, in a worker thread;
        the view is refilled when it is done."""
        self._dirty = False
        self._schedule(LOAD_ALL)

    def rerank(self) -> None:
        """Rank again after the profile or the plan changed (programs unchanged), off the GUI
        thread."""
        if not self._loaded:
            self._dirty = True
            return
        if self._loading_everything():
            self.reload()  # the running load may have read the old profile or plan
            return
        self._schedule(RERANK)

    def _schedule(self, kind: str) -> None:
        """Start a load or re-rank once the table has painted what is pending, or after
        START_WAIT_MS if it paints nothing (a worker running meanwhile would slow that paint
        down: both need the interpreter)."""
        self._generation += 1
        self._scheduled = LOAD_ALL if LOAD_ALL in (kind, self._scheduled) else RERANK
        self._start_timer.start(START_WAIT_MS)
        self.model.track_edits()
        if not self._loaded:
            self.table.show_message("Loading programs…")
        self.count_label.setText("Loading programs…" if self._scheduled == LOAD_ALL
                                 else "Ranking programs…")

    @Slot()
    def _on_table_painted(self) -> None:
        if self._scheduled is not None:
            self._start_timer.start(0)

    @Slot()
    def _start_scheduled(self) -> None:
        kind, self._scheduled = self._scheduled, None
        if kind is None:
            return
        programs = None if kind == LOAD_ALL else self.model.base_programs()
        store, generation, sort = self.ctx.store, self._generation, self.model.sort_order
        self.jobs.start(lambda job: load_catalog(store, generation, programs, sort,
                                                 should_cancel=job.should_cancel),
                        name=kind, finished=self._on_job_done,
                        replace_queued=True)  # a queued one is stale

    def _on_job_done(self, result: LoadedCatalog) -> None:
        if result.generation != self._generation:
            return  # a newer load or re-rank is on its way
        if result.error is not None:
            self._dirty = True
            self.count_label.setText("Programs could not be loaded.")
            self.ctx.dialogs.error(self, "Programs", result.error)
            return
        self._apply(result)

    def _apply(self, result: LoadedCatalog) -> None:
        """Show a finished load on the GUI thread (a few milliseconds)."""
        import time

        start = time.perf_counter()
        self._profile = result.profile
        if result.rerank and self._loaded:
            self.model.take_edits()  # the rows already hold them: a re-rank keeps the rows
            self.model.set_ranking(result.ranking, order=result.order, sort=result.sort)
            self._update_count()
            self._select_then_show_later(None)
            self.last_apply_seconds = time.perf_counter() - start
            return
        current = self.current_program()
        edits = self.model.take_edits()
        first_load = not self._loaded
        self._fill_specialties(result.specialties, first_load)
        if result.columns is not None:
            self.proxy.provide_columns(result.columns)
        self.proxy.preset_filters(self._filters())  # the reset below filters once, with these
        self.model.set_programs(result.programs, result.ranking, order=result.order,
                                rows_by_id=result.rows_by_id or None)
        for program in edits:
            self.model.replace_program(program)
        self._loaded = True
        self.table.show_message(None)
        self._update_count()
        self._select_then_show_later(self._pending_select
                                     or (current.program_id if current else None))
        self._pending_select = None
        self.last_apply_seconds = time.perf_counter() - start

    def _select_then_show_later(self, wanted: int | None) -> None:
        """Select ``wanted`` (else keep the current row, else the first) now — the table paints
        it with the rows — and fill the detail pane on a later turn of the event loop, so
        neither step alone holds the window for long. ``busy`` stays True until then."""
        self.table.executeDelayedItemsLayout()  # now, not after the first paint: one paint
        self._quiet_selection = True
        try:
            selected = wanted is not None and self.select_program(wanted)
            if not selected and not self.table.currentIndex().isValid() and self.proxy.rowCount():
                self.table.setCurrentIndex(self.proxy.index(0, COL["name"]))
        finally:
            self._quiet_selection = False
        self._finishing = True
        self._finish_timer.start()

    @Slot()
    def _finish_apply(self) -> None:
        if not self._finishing:
            return
        self._finishing = False
        self._refresh_detail()

    def _fill_specialties(self, specialties: list[str], first_load: bool = False) -> None:
        chosen = self.specialty_box.currentData() or ""
        if not chosen and self._profile is not None and first_load:
            chosen = self._profile.specialty
        self.filter_bar.set_specialties(specialties, chosen)

    # --- filters -------------------------------------------------------------------------------

    def _filters(self) -> Filters:
        return self.filter_bar.filters()

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _apply_filters(self) -> None:
        self.proxy.set_filters(self._filters())
        self._update_count()
        current = self.table.currentIndex()
        program = current.data(PROGRAM_ROLE) if current.isValid() else None
        shown = self.detail.program
        if program is None and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, COL["name"]))
        elif program is None or shown is None or program.program_id != shown.program_id:
            self._show_detail(program)  # never a pane about a program the filters hid

    def _update_empty_state(self) -> None:
        if self.proxy.rowCount() or not self.model.rowCount():
            self.table_stack.setCurrentWidget(self.table)
            return
        filters = self._filters()
        words = []
        if filters.text:
            words.append(f"the search \u201c{escape(filters.text)}\u201d")
        named = [box.currentText() for box in self.filter_bar.boxes() if box.currentIndex() > 0]
        if named:
            words.append("the filters " + ", ".join(escape(n) for n in named))
        why = " and ".join(words) or "the current filters"
        self.empty_label.setText(
            f"<p><b>No program matches {why}.</b></p><p>Clear the search, choose \u201cAll "
            "specialties\u201d, \u201cAnywhere\u201d or another \u201cAny\u2026\u201d "
            "choice to widen the list, or <a href='clear'>clear every filter</a>.</p>")
        self.table_stack.setCurrentWidget(self.empty_label)

    @Slot(str)
    def _on_empty_link(self, _link: str) -> None:
        self.filter_bar.clear_filters()
        self._apply_filters()

    def _update_count(self) -> None:
        if not self._loaded:
            return
        self._update_empty_state()
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        demo = self.proxy.has_demo()
        text = f"{shown:,} of {total:,} programs"
        if demo:
            text += " · includes demo programs (fictional)"
        self.count_label.setText(text)

    # --- columns -------------------------------------------------------------------------------

    @Slot()
    def _on_header_menu_requested(self, pos: Any) -> None:
        self.filter_bar.fill_columns_menu()
        self.filter_bar.columns_menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    # --- selection and detail ------------------------------------------------------------------

    def current_program(self) -> Program | None:
        index = self.table.currentIndex()
        return index.data(PROGRAM_ROLE) if index.isValid() else None

    def select_program(self, program_id: int) -> bool:
        row = self.model.row_of(program_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, COL["name"]))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _refresh_detail(self) -> None:
        """Show the current row's program with the ranking now in use (the first row when the
        filters hid the current one; the empty pane when no row is shown)."""
        current = self.table.currentIndex()
        if not current.isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, COL["name"]))  # shows it
            return
        self._show_detail(current.data(PROGRAM_ROLE) if current.isValid() else None)

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet_selection:  # else the detail pane is filled a moment later
            self._show_detail(current.data(PROGRAM_ROLE) if current.isValid() else None)

    def _show_detail(self, program: Program | None) -> None:
        if program is None:
            self.detail.show_program(None, None, [], [], has_profile=self._profile is not None)
            return
        info = self.model.rank_info(program.program_id)
        reasons, fit_reasons = ([], [])
        if info is not None and self.model.ranking is not None:
            reasons, fit_reasons = self.model.ranking.reasons(program.program_id)
        self.detail.show_program(program, info, reasons, fit_reasons,
                                 has_profile=self._profile is not None)

    # --- user fields ---------------------------------------------------------------------------

    def _write_user_field(self, program_id: int, key: str, value: Any) -> Program | None:
        return self._save_user_fields(program_id, {key: value})

    def _save_user_fields(self, program_id: int, changes: dict) -> Program | None:
        from smartpick_desktop.core.catalog.queries import get_program, update_user_fields

        try:
            with self.ctx.store.session() as session:
                update_user_fields(session, program_id, **changes)
                fresh = get_program(session, program_id)
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Program not saved", with_fix(err))
            return None
        self._notify_changed()
        return fresh

    @Slot(int, dict)
    def _on_detail_user_fields_edited(self, program_id: int, changes: dict) -> None:
        fresh = self._save_user_fields(program_id, changes)
        if fresh is not None:
            self.model.replace_program(fresh)
            self.detail.program = fresh
            self.ctx.status_message.emit(f"Saved {fresh.display_name}.")

    def _notify_changed(self) -> None:
        self._emitting = True
        try:
            self.ctx.programs_changed.emit()
        finally:
            self._emitting = False

    # --- slots on the context ------------------------------------------------------------------

    @Slot()
    def _on_ctx_profile_changed(self) -> None:
        self.rerank()

    @Slot()
    def _on_ctx_plan_changed(self) -> None:
        self.rerank()

    @Slot()
    def _on_ctx_programs_changed(self) -> None:
        if self._emitting:
            return
        self._dirty = True
        if self.isVisible() or self._loaded:
            self.reload()

    # --- actions -------------------------------------------------------------------------------

    def choose_import_file(self) -> None:
        path = self.ctx.dialogs.open_file(self, "Import programs", SPREADSHEET_FILTERS)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Open the column-mapping dialog for a spreadsheet, or import a data pack."""
        from smartpick_desktop.ui.programs.import_dialog import start_import

        start_import(self, Path(path))

    def imported(self, message: str) -> None:
        """Called when an import finished: reload and tell everyone."""
        self.reload()
        self._notify_changed()
        self.ctx.status_message.emit(message)

    def add_program(self) -> None:
        from smartpick_desktop.ui.programs.edit_dialog import ProgramDialog

        dialog = ProgramDialog(self.ctx, None, self)
        dialog.saved.connect(self._on_dialog_saved)
        dialog.open()
        self._dialog = dialog

    def edit_current(self) -> None:
        program = self.current_program()
        if program is None:
            self.ctx.dialogs.info(self, "Edit program", "Select a program first.")
            return
        from smartpick_desktop.ui.programs.edit_dialog import ProgramDialog

        dialog = ProgramDialog(self.ctx, program, self)
        dialog.saved.connect(self._on_dialog_saved)
        dialog.open()
        self._dialog = dialog

    @Slot(int)
    def _on_dialog_saved(self, program_id: int) -> None:
        self._pending_select = program_id
        self.reload()
        self._notify_changed()

    def export_view(self) -> None:
        from smartpick_desktop.core.catalog.spreadsheet import write_csv

        path = self.ctx.dialogs.save_file(self, "Export programs", "programs.csv",
                                          "CSV files (*.csv)")
        if path is None:
            return
        model = self.model

        def get(attr: str):
            def read(p: Program) -> Any:
                info = model.rank_info(p.program_id)
                return None if info is None else getattr(info, attr)
            return read

        extra = [("rank", get("rank")), ("fit", get("fit")),
                 ("p_interview", get("p_interview")), ("tier", get("tier"))]
        try:
            count = write_csv(path, self.proxy.programs(), extra if model.ranking else ())
        except SmartPickError as err:
            self.ctx.dialogs.error(self, "Export failed", with_fix(err))
            return
        self.ctx.status_message.emit(f"Exported {count:,} programs to {path}.")

    def _on_file_dropped(self, path: Path) -> None:
        window = self._window
        if hasattr(window, "show_tab"):
            window.show_tab("programs")
        self.import_file(path)

    def open_sources(self, *, bring_your_own: bool = False) -> None:
        from smartpick_desktop.ui.programs.sources_dialog import SourcesDialog

        dialog = SourcesDialog(self.ctx, self)
        dialog.changed.connect(self._on_sources_changed)
        dialog.import_requested.connect(self.import_file)
        dialog.add_requested.connect(self.add_program)
        if bring_your_own:
            dialog.show_bring_your_own()
        dialog.open()
        self._dialog = dialog

    @Slot()
    def _on_sources_changed(self) -> None:
        self.reload()
        self._notify_changed()
