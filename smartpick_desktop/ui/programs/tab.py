"""The Programs tab: the ranked, filterable table of the catalog with a detail pane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import SETTINGS, STATUSES, Program
from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.states import REGIONS, US_STATES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.jobs import JobRunner
from smartpick_desktop.ui.programs.jobs import LoadedCatalog, load_catalog
from smartpick_desktop.ui.programs.proxy import Filters, ProgramFilterProxy
from smartpick_desktop.ui.programs.table_model import (
    COL,
    COLUMNS,
    PROGRAM_ROLE,
    TIER_LABELS,
    ProgramTableModel,
)

#: Job names (the first words of an unexpected error's sentence).
LOAD_ALL, RERANK = "Loading the programs", "Ranking the programs"
SPREADSHEET_FILTERS = "Spreadsheets and packs (*.csv *.xlsx *.txt *.json *.gz *.sppack);;All files (*)"
IMPORTABLE = (".csv", ".xlsx", ".xlsm", ".txt", ".tsv", ".json", ".gz", ".sppack")


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo-box editor for the status and stars cells."""

    def __init__(self, choices: list[tuple[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        box = QComboBox(parent)
        for label, value in self.choices:
            box.addItem(label, value)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ProgramsTab(QWidget):
    """The catalog as a ranked table (see PRODUCT.md section 4).

    Loading and ranking run in a worker thread (:mod:`.loading`); ``busy`` is True meanwhile
    and the first load shows "Loading programs…" instead of the table.

    Attributes:
        model: the ProgramTableModel; proxy: the ProgramFilterProxy; table: the QTableView.
        detail: the DetailPane. last_apply_seconds: GUI-thread time of the last applied load.
    """

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
        self.jobs = JobRunner(self, max_threads=1)
        self.model = ProgramTableModel(self)
        self.model.user_writer = self._write_user_field
        self.proxy = ProgramFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self._build_filter_bar())
        self.table = QTableView()
        self.table.setObjectName("programs_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL["rank"], Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QTableView.EditTrigger.DoubleClicked
                                   | QTableView.EditTrigger.SelectedClicked
                                   | QTableView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        for i, width in enumerate((42, 260, 125, 108, 62, 36, 58, 58, 52, 88, 62)):
            self.table.setColumnWidth(i, width)
        # The program name takes whatever room is left, so every default column fits.
        header.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for i, column in enumerate(COLUMNS):
            self.table.setColumnHidden(i, not column.visible)
        self.table.setItemDelegateForColumn(
            COL["status"], _ChoiceDelegate([(v, k) for k, v in STATUSES.items()], self))
        self.table.setItemDelegateForColumn(
            COL["stars"], _ChoiceDelegate([("No stars", 0)] + [("★" * n, n) for n in
                                                                 range(1, 6)], self))
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

        from smartpick_desktop.ui.programs.detail import DetailPane

        self.detail = DetailPane()
        self.detail.user_fields_edited.connect(self._on_detail_user_fields_edited)
        self.detail.edit_requested.connect(self.edit_current)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.loading_label = QLabel("Loading programs…")
        self.loading_label.setObjectName("programs_loading")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.loading_label)
        self.table_stack.addWidget(self.table)
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

    # --- building ------------------------------------------------------------------------------

    def _build_filter_bar(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        top = QHBoxLayout()
        bar = QHBoxLayout()
        rows.addLayout(top)
        rows.addLayout(bar)
        self.search = QLineEdit()
        self.search.setObjectName("programs_search")
        self.search.setPlaceholderText("Search programs, institutions, cities, tags, notes…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        top.addWidget(self.search, 1)

        def combo(name: str, items: list[tuple[str, str]]) -> QComboBox:
            box = QComboBox()
            box.setObjectName(f"filter_{name}")
            for label, value in items:
                box.addItem(label, value)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            box.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(box, 1)
            return box

        self.specialty_box = combo("specialty", [("All specialties", "")])
        places = [("Anywhere", "")] + [(f"{r} (region)", r) for r in REGIONS]
        places += [(f"{name} ({code})", code) for code, name in sorted(
            US_STATES.items(), key=lambda kv: kv[1])]
        self.place_box = combo("place", places)
        self.setting_box = combo("setting", [("Any setting", "")]
                                 + [(v, k) for k, v in SETTINGS.items()])
        self.visa_box = combo("visa", [("Any visa", ""), ("Sponsors a visa", "any"),
                                       ("Sponsors J-1", "j1"), ("Sponsors H-1B", "h1b")])
        self.tier_box = combo("tier", [("Any tier", "")]
                              + [(v, k) for k, v in TIER_LABELS.items()])
        self.status_box = combo("status", [("Any status", "")]
                                + [(v, k) for k, v in STATUSES.items()])
        self.source_box = combo("source", [("All sources", ""), ("Demo programs", "demo"),
                                           ("My programs", "mine")])
        self.columns_button = QToolButton()
        self.columns_button.setText("Columns")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self)
        self.columns_menu.aboutToShow.connect(self._fill_columns_menu)
        self.columns_button.setMenu(self.columns_menu)
        bar.addWidget(self.columns_button)
        self.count_label = QLabel()
        self.count_label.setObjectName("programs_count")
        top.addWidget(self.count_label)
        return rows

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
        self.sources_action.triggered.connect(self.open_sources)
        for action in (self.import_action, self.add_action, self.edit_action,
                       self.export_action, self.sources_action):
            if action is not self.import_action:
                menu.addAction(action)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    # --- state ---------------------------------------------------------------------------------

    def save_state(self, settings: Any) -> None:
        settings.setValue("programs/header", self.table.horizontalHeader().saveState())
        settings.setValue("programs/splitter", self.splitter.saveState())

    def restore_state(self, settings: Any) -> None:
        header = settings.value("programs/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        splitter = settings.value("programs/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def show_payload(self, payload: Any) -> None:
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
        """True while a load or re-rank runs in the worker thread."""
        return self.jobs.busy

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        """Start loading if the catalog changed since the last load (returns at once)."""
        if self._dirty and not self._loading_everything():
            self.reload()

    def _loading_everything(self) -> bool:
        return any(job.name == LOAD_ALL for job in self.jobs.jobs)

    def reload(self) -> None:
        """Read the catalog, the profile and the plan's signals and rank, in a worker thread;
        the view is refilled when it is done."""
        self._dirty = False
        self._start_job(None)

    def rerank(self) -> None:
        """Rank again after the profile or the plan changed (programs unchanged), off the GUI
        thread."""
        if not self._loaded:
            self._dirty = True
            return
        if self._loading_everything():
            self.reload()  # the running load may have read the old profile or plan
            return
        self._start_job(list(self.model.programs))

    def _start_job(self, programs: list[Program] | None) -> None:
        self._generation += 1
        store, generation, sort = self.ctx.store, self._generation, self.model.sort_order
        self.jobs.start(lambda job: load_catalog(store, generation, programs, sort,
                                                 should_cancel=job.should_cancel),
                        name=LOAD_ALL if programs is None else RERANK,
                        finished=self._on_job_done, replace_queued=True)  # a queued one is stale
        self.model.track_edits()
        if not self._loaded:
            self.table_stack.setCurrentWidget(self.loading_label)
        self.count_label.setText("Loading programs…" if programs is None
                                 else "Ranking programs…")

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
        current = self.current_program()
        self._profile = result.profile
        edits = self.model.take_edits()
        self.proxy.provide_haystack(result.haystack)
        self.model.set_programs(result.programs, result.ranking, presorted=result.sorted)
        for program in edits:
            self.model.replace_program(program)
        first_load = not self._loaded
        self._loaded = True
        self.table_stack.setCurrentWidget(self.table)
        self._fill_specialties(result.programs, first_load)
        self._update_count()
        wanted = self._pending_select or (current.program_id if current else None)
        self._pending_select = None
        if wanted is None or not self.select_program(wanted):
            first = self.proxy.index(0, COL["name"])
            if first.isValid():
                self.table.setCurrentIndex(first)
            else:
                self._show_detail(None)
        self.last_apply_seconds = time.perf_counter() - start

    def _fill_specialties(self, programs: list[Program], first_load: bool = False) -> None:
        box = self.specialty_box
        chosen = box.currentData() or ""
        if not chosen and self._profile is not None and first_load:
            chosen = self._profile.specialty
        names = sorted({p.specialty for p in programs})
        if [box.itemData(i) for i in range(1, box.count())] == names:
            self.proxy.set_filters(self._filters())
            return
        box.blockSignals(True)
        box.clear()
        box.addItem("All specialties", "")
        for name in names:
            box.addItem(name, name)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)
        self.proxy.set_filters(self._filters())

    # --- filters -------------------------------------------------------------------------------

    def _filters(self) -> Filters:
        return Filters(text=self.search.text().strip(),
                       specialty=self.specialty_box.currentData() or "",
                       place=self.place_box.currentData() or "",
                       setting=self.setting_box.currentData() or "",
                       visa=self.visa_box.currentData() or "",
                       tier=self.tier_box.currentData() or "",
                       status=self.status_box.currentData() or "",
                       source=self.source_box.currentData() or "")

    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _apply_filters(self) -> None:
        self.proxy.set_filters(self._filters())
        self._update_count()

    def _update_count(self) -> None:
        if not self._loaded:
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        demo = any(p.is_demo for p in self.model.programs)
        text = f"{shown:,} of {total:,} programs"
        if demo:
            text += " · includes demo programs (fictional)"
        self.count_label.setText(text)

    # --- columns -------------------------------------------------------------------------------

    def _fill_columns_menu(self) -> None:
        self.columns_menu.clear()
        for i, column in enumerate(COLUMNS):
            action = self.columns_menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(i))
            action.toggled.connect(lambda on, i=i: self.table.setColumnHidden(i, not on))

    @Slot()
    def _on_header_menu_requested(self, pos: Any) -> None:
        self._fill_columns_menu()
        self.columns_menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

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

    @Slot(QModelIndex, QModelIndex)
    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
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
            self.ctx.dialogs.error(self, "Program not saved", str(err))
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
            self.ctx.dialogs.error(self, "Export failed", str(err))
            return
        self.ctx.status_message.emit(f"Exported {count:,} programs to {path}.")

    def open_sources(self) -> None:
        from smartpick_desktop.ui.programs.sources_dialog import SourcesDialog

        dialog = SourcesDialog(self.ctx, self)
        dialog.changed.connect(self._on_sources_changed)
        dialog.open()
        self._dialog = dialog

    @Slot()
    def _on_sources_changed(self) -> None:
        self.reload()
        self._notify_changed()

    # --- drag and drop on the window -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if _dropped_file(event) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = _dropped_file(event)
            if path is not None:
                event.acceptProposedAction()
                window = getattr(self, "_window", None)
                if window is not None and hasattr(window, "show_tab"):
                    window.show_tab("programs")
                self.import_file(path)
                return True
        return super().eventFilter(watched, event)


def _dropped_file(event: Any) -> Path | None:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in IMPORTABLE:
                return path
    return None
