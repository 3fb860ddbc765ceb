"""Compare 2–4 programs side by side (core.plan.compare), and print or save the table."""

from __future__ import annotations

from html import escape as esc
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.plan.compare import MAX_COMPARE, MIN_COMPARE
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import wrapped_label


class ComparePage(QWidget):
    """Tick 2–4 programs, press Compare; Print… or Save as PDF… the table."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.comparison: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            f"Tick {MIN_COMPARE} to {MAX_COMPARE} programs (Space ticks the highlighted one) "
            "and press Compare: program data with where each value comes from, your fit and "
            "chance, the signal, your notes and interview scores."))
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.choices = QListWidget()
        self.choices.setAccessibleName("Programs to compare")
        self.choices.itemChanged.connect(lambda _item: self._update_buttons())
        left_layout.addWidget(self.choices, 1)
        self.compare_button = QPushButton("Compare &now")
        self.compare_button.clicked.connect(self._on_compare_clicked)
        left_layout.addWidget(self.compare_button)
        split.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName("Comparison")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        right_layout.addWidget(self.table, 1)
        self.note = wrapped_label(muted=True)
        right_layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("Pr&int…")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.pdf_button = QPushButton("E&xport PDF…")
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        right_layout.addLayout(buttons)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self._update_buttons()

    def refresh(self, plan: Any = None) -> None:
        from smartpick_desktop.core.plan.tracker import tracked_programs

        ticked = set(self.ticked())
        with self.ctx.store.session() as session:
            programs = tracked_programs(session, plan)
        self.choices.blockSignals(True)
        self.choices.clear()
        for p in programs:
            item = QListWidgetItem(p.display_name)
            item.setData(Qt.ItemDataRole.UserRole, int(p.program_id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.program_id in ticked
                               else Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        self.choices.blockSignals(False)
        if self.comparison is not None:
            still = [i for i in self.comparison.program_ids if i in
                     {p.program_id for p in programs}]
            if len(still) >= MIN_COMPARE:
                self.compare(still)
        self._update_buttons()

    def ticked(self) -> list[int]:
        return [int(self.choices.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.choices.count())
                if self.choices.item(i).checkState() == Qt.CheckState.Checked]

    def tick(self, program_ids: list[int]) -> None:
        for i in range(self.choices.count()):
            item = self.choices.item(i)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in program_ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_buttons(self) -> None:
        n = len(self.ticked())
        self.compare_button.setEnabled(MIN_COMPARE <= n <= MAX_COMPARE)
        self.compare_button.setText(f"Compare &now ({n} ticked)" if n else "Compare &now")
        self.print_button.setEnabled(self.comparison is not None)
        self.pdf_button.setEnabled(self.comparison is not None)

    @Slot()
    def _on_compare_clicked(self) -> None:
        self.compare(self.ticked())

    def compare(self, program_ids: list[int]) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan.compare import compare_programs

        try:
            with self.ctx.store.session() as session:
                self.comparison = table = compare_programs(session, program_ids)
        except InputError as err:
            self.ctx.dialogs.error(self, "Compare", str(err))
            return
        self.table.clear()
        self.table.setColumnCount(len(table.names))
        self.table.setRowCount(len(table.rows))
        self.table.setHorizontalHeaderLabels(table.names)
        self.table.setVerticalHeaderLabels([label for label, _ in table.rows])
        for r, (_label, cells) in enumerate(table.rows):
            for c, cell in enumerate(cells):
                item = QTableWidgetItem(cell.value)
                item.setToolTip(f"{cell.value}\nSource: {cell.source}" if cell.source
                                else cell.value)
                self.table.setItem(r, c, item)
        self.note.setText("Hover a value to see its source. "
                          + ("Demo programs are invented data." if table.is_demo else ""))
        self._update_buttons()

    def html(self) -> str:
        """The comparison as a printable HTML table (sources in small type)."""
        table = self.comparison
        head = "".join(f"<th>{esc(n)}</th>" for n in table.names)
        rows = []
        for label, cells in table.rows:
            if label == "Program":  # the header row names them
                continue
            tds = "".join(f"<td>{esc(c.value)}<br/><small style='color:#5E6B73'>"
                          f"{esc(c.source)}</small></td>" for c in cells)
            rows.append(f"<tr><th align='left'>{esc(label)}</th>{tds}</tr>")
        demo = "<p><i>Demo programs are invented data.</i></p>" if table.is_demo else ""
        return ("<h2>Programs side by side</h2><table border='1' cellspacing='0' "
                f"cellpadding='4' width='100%'><tr><th></th>{head}</tr>{''.join(rows)}</table>"
                f"{demo}<p><small>From SmartPick Desktop. Chances are model estimates, not "
                "promises.</small></p>")

    def print_to(self, printer: Any) -> None:
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.html())
        document.print_(printer)

    @Slot()
    def _on_print_clicked(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.comparison is None:
            return
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    @Slot()
    def _on_pdf_clicked(self) -> None:
        if self.comparison is None:
            return
        path = self.ctx.dialogs.save_file(self, "Save the comparison", "comparison.pdf",
                                          "PDF files (*.pdf)")
        if path is None:
            return
        self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        self.print_to(printer)
        self.ctx.status_message.emit(f"Saved the comparison to {path}.")
