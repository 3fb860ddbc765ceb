"""File → Import programs…: a column-mapping dialog with a preview and the rows' problems;
the import itself runs on a worker thread with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.importing import (
    Imported,
    import_pack_file,
    import_spreadsheet,
    is_pack,
)
from smartpick_desktop.core.catalog.spreadsheet import (
    IGNORE,
    IMPORT_FIELDS,
    CheckedRows,
    Table,
    check_mapping,
    check_rows,
    guess_mapping,
    read_table,
)
from smartpick_desktop.core.errors import InputError, SmartPickError
from smartpick_desktop.core.words import plural
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.jobs import Job, JobRunner
from smartpick_desktop.ui.widgets import resize_to_fit

PREVIEW_ROWS = 30
LIVE_CHECK_ROWS = 5000
MAX_SHOWN_PROBLEMS = 500


def start_import(tab: Any, path: Path) -> None:
    """Import a pack at once, or open the mapping dialog for a spreadsheet."""
    if is_pack(path):
        _import_pack(tab, path)
        return
    try:
        table = read_table(path)
    except SmartPickError as err:
        tab.ctx.dialogs.error(tab, "Import programs", with_fix(err))
        return
    dialog = ImportDialog(tab.ctx, table, tab)
    dialog.finished_import.connect(tab.imported)
    tab._import_dialog = dialog
    dialog.open()


def _import_pack(tab: Any, path: Path) -> None:
    try:
        imported = import_pack_file(tab.ctx.store.session, path)
    except SmartPickError as err:
        tab.ctx.dialogs.error(tab, "Import programs", with_fix(err))
        return
    tab.imported(imported.message)


class ImportDialog(QDialog):
    """Map the file's columns to program fields, preview, see problems, import.

    Signals:
        finished_import: (message) after a successful import.
    """

    finished_import = Signal(str)

    def __init__(self, ctx: AppContext, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.table = ctx, table
        self.setWindowTitle(f"Import programs — {table.path.name}")
        resize_to_fit(self, 980, 680)
        self.jobs = JobRunner(self)
        self.job: Job | None = None
        self.checked = CheckedRows()
        layout = QVBoxLayout(self)
        intro = QLabel(f"{plural(len(table.rows), 'row')} in {table.path.name}"
                       + (f" ({table.encoding})" if table.encoding else "")
                       + ". Choose which field each column fills; columns left on "
                       "“Ignore” are not imported.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.mapping_table = QTableWidget(len(table.header), 3)
        self.mapping_table.setObjectName("mapping_table")
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "Field",
                                                      "First value"])
        self.mapping_table.verticalHeader().setVisible(False)
        guessed = guess_mapping(table.header)
        self.boxes: list[QComboBox] = []
        for i, header in enumerate(table.header):
            self.mapping_table.setItem(i, 0, QTableWidgetItem(header))
            box = QComboBox()
            box.addItem("Ignore", IGNORE)
            for key, label in IMPORT_FIELDS.items():
                box.addItem(label, key)
            box.setCurrentIndex(max(0, box.findData(guessed.get(i, IGNORE))))
            box.currentIndexChanged.connect(self._on_mapping_changed)
            self.mapping_table.setCellWidget(i, 1, box)
            self.boxes.append(box)
            first = table.rows[0][i] if i < len(table.rows[0]) else ""
            self.mapping_table.setItem(i, 2, QTableWidgetItem(str(first)))
        self.mapping_table.resizeColumnsToContents()
        splitter.addWidget(self.mapping_table)
        self.preview = QTableWidget()
        self.preview.setObjectName("preview_table")
        self.preview.verticalHeader().setVisible(False)
        splitter.addWidget(self.preview)
        self.problems = QListWidget()
        self.problems.setObjectName("problems_list")
        splitter.addWidget(self.problems)
        for index, stretch in enumerate((3, 2, 1)):  # the mapping first, problems least
            splitter.setStretchFactor(index, stretch)
        layout.addWidget(splitter, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        bottom = QHBoxLayout()
        self.skip_invalid = QCheckBox("Skip invalid rows (import the others)")
        self.skip_invalid.toggled.connect(self._update_buttons)
        bottom.addWidget(self.skip_invalid)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        bottom.addWidget(self.progress, 1)
        self.cancel_import = QPushButton("Cancel import")
        self.cancel_import.setVisible(False)
        self.cancel_import.clicked.connect(self._on_cancel_import_clicked)
        bottom.addWidget(self.cancel_import)
        layout.addLayout(bottom)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.start)
        layout.addWidget(self.buttons)
        self._on_mapping_changed()

    def mapping(self) -> dict[int, str]:
        return {i: box.currentData() for i, box in enumerate(self.boxes)
                if box.currentData() != IGNORE}

    @Slot()
    def _on_mapping_changed(self) -> None:
        mapping = self.mapping()
        # one field per column: a field chosen twice keeps the later choice
        seen: dict[str, int] = {}
        for i, name in sorted(mapping.items()):
            seen[name] = i
        mapping = {i: name for name, i in seen.items()}
        self._fill_preview(mapping)
        self.problems.clear()
        try:
            check_mapping(self.table, mapping)
        except InputError as err:
            self.mapping_error = with_fix(err)
            self.summary.setText(with_fix(err))
            self.checked = CheckedRows()
            self._update_buttons()
            return
        self.mapping_error = ""
        part = Table(self.table.path, self.table.header, self.table.rows[:LIVE_CHECK_ROWS],
                     self.table.row_numbers[:LIVE_CHECK_ROWS], self.table.encoding)
        self.checked = check_rows(part, mapping)
        for problem in self.checked.problems[:MAX_SHOWN_PROBLEMS]:
            self.problems.addItem(problem.sentence().capitalize())
        checked_rows = len(part.rows)
        bad = self.checked.invalid_rows
        text = (f"{len(self.checked.records):,} of {plural(checked_rows, 'row')} "
                f"{'is' if checked_rows == 1 else 'are'} ready; "
                f"{plural(bad, 'row')} {'has' if bad == 1 else 'have'} problems.")
        if checked_rows < len(self.table.rows):
            rest = len(self.table.rows) - checked_rows
            text += f" The other {plural(rest, 'row')} {'is' if rest == 1 else 'are'} checked on import."
        if self.checked.problems:
            text += (" Without “Skip invalid rows” nothing is imported while any row has a "
                     "problem.")
        self.summary.setText(text)
        self._update_buttons()

    def _fill_preview(self, mapping: dict[int, str]) -> None:
        columns = sorted(mapping.items())
        self.preview.clear()
        self.preview.setColumnCount(len(columns) + 1)
        self.preview.setHorizontalHeaderLabels(
            ["Row"] + [IMPORT_FIELDS.get(name, name) for _, name in columns])
        rows = self.table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(str(self.table.row_numbers[r])))
            for c, (index, _name) in enumerate(columns, start=1):
                value = row[index] if index < len(row) else ""
                self.preview.setItem(r, c, QTableWidgetItem(str(value)))
        self.preview.resizeColumnsToContents()

    @Slot()
    def _update_buttons(self) -> None:
        ok = not getattr(self, "mapping_error", "") and (
            not self.checked.problems or self.skip_invalid.isChecked())
        self.import_button.setEnabled(ok and self.job is None)

    @Slot()
    def start(self) -> None:
        """Run the import on a worker thread."""
        if not self.import_button.isEnabled():
            return
        session, table = self.ctx.store.session, self.table
        mapping, skip = self.mapping(), self.skip_invalid.isChecked()
        self.job = self.jobs.start(
            lambda job: import_spreadsheet(session, table, mapping, skip_invalid=skip,
                                           progress=job.progress,
                                           should_cancel=job.should_cancel),
            name=f"Import of {table.path.name}", progress=self._on_job_progress,
            finished=self._on_job_finished, failed=self._on_job_failed,
            cancelled=self._on_job_cancelled)
        self.progress.setVisible(True)
        self.progress.setRange(0, len(self.table.rows))
        self.cancel_import.setVisible(True)
        self._update_buttons()

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the import job (tests)."""
        return self.jobs.wait(msecs)

    def _on_job_progress(self, done: float, total: float) -> None:
        self.progress.setValue(int(done))

    @Slot()
    def _on_cancel_import_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _end_job(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_import.setVisible(False)
        self._update_buttons()

    def _on_job_finished(self, imported: Imported) -> None:
        self._end_job()
        self.finished_import.emit(imported.message)
        self.accept()

    def _on_job_cancelled(self) -> None:
        self._end_job()
        self.summary.setText(f"Import of {self.table.path.name} canceled; nothing was "
                             "imported.")

    def _on_job_failed(self, message: str) -> None:
        self._end_job()
        self.summary.setText(message)
        self.ctx.dialogs.error(self, "Import programs", message)
