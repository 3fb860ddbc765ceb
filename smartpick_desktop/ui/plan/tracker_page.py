"""The application tracker: each program's status with the date of each step, and its own
deadlines and supplemental-application items as a checklist (core.plan.tracker)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import STATUSES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import wrapped_label

COLUMNS = ("Program", "Status", "Steps so far", "Open items")


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class TrackerPage(QWidget):
    """Programs on the left; the selected program's status and checklist on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programs: list[Any] = []
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            "Where each application stands. Statuses go considering → applying → applied → "
            "invited → interview scheduled → interviewed → ranked (or withdrawn / rejected); "
            "each step keeps its date. Add each program's own deadlines and supplemental "
            "items: the ones due this week show on Home and go to the calendar export."))
        split = QSplitter()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Tracked applications")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 300)
        header.resizeSection(1, 140)
        header.resizeSection(2, 260)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)
        split.addWidget(self.table)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        status_box = QGroupBox("Status")
        form = QFormLayout(status_box)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for key, label in STATUSES.items():
            self.status.addItem(label, key)
        self.status_date = QDateEdit()
        self.status_date.setCalendarPopup(True)
        self.status_date.setDisplayFormat("yyyy-MM-dd")
        self.status_date.setAccessibleName("Date of this step")
        self.set_status_button = QPushButton("&Set status")
        self.set_status_button.clicked.connect(self._on_set_status_clicked)
        form.addRow("St&atus:", self.status)
        form.addRow("On:", self.status_date)
        form.addRow("", self.set_status_button)
        side_layout.addWidget(status_box)
        tasks_box = QGroupBox("Deadlines and supplemental items")
        tasks = QVBoxLayout(tasks_box)
        self.tasks = QListWidget()
        self.tasks.setAccessibleName("Checklist of the selected program")
        self.tasks.itemChanged.connect(self._on_tasks_item_changed)
        tasks.addWidget(self.tasks, 1)
        self.task_title = QLineEdit()
        self.task_title.setPlaceholderText("e.g. Secondary essay, or Program deadline")
        self.task_title.setAccessibleName("New checklist item")
        self.task_title.returnPressed.connect(self._on_add_task_clicked)
        self.task_kind = QComboBox()
        self.task_kind.addItem("Supplemental item", "supplemental")
        self.task_kind.addItem("Deadline", "deadline")
        self.task_kind.setAccessibleName("Kind of item")
        self.task_has_due = QCheckBox("D&ue")
        self.task_has_due.setChecked(True)
        self.task_due = QDateEdit()
        self.task_due.setCalendarPopup(True)
        self.task_due.setDisplayFormat("yyyy-MM-dd")
        self.task_due.setAccessibleName("Due date")
        self.task_has_due.toggled.connect(self.task_due.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.task_kind)
        row.addWidget(self.task_has_due)
        row.addWidget(self.task_due)
        tasks.addWidget(self.task_title)
        tasks.addLayout(row)
        buttons = QHBoxLayout()
        self.add_task_button = QPushButton("&Add item")
        self.add_task_button.clicked.connect(self._on_add_task_clicked)
        self.delete_task_button = QPushButton("Delete &item")
        self.delete_task_button.clicked.connect(self._on_delete_task_clicked)
        buttons.addWidget(self.add_task_button)
        buttons.addWidget(self.delete_task_button)
        buttons.addStretch(1)
        tasks.addLayout(buttons)
        side_layout.addWidget(tasks_box, 1)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for w in (self.status, self.status_date, self.set_status_button, self.tasks,
                  self.task_title, self.task_kind, self.task_has_due, self.task_due,
                  self.add_task_button, self.delete_task_button):
            w.setEnabled(on)

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.programs):
            return None
        return int(self.programs[row].program_id)

    def refresh(self, plan: Any = None) -> None:
        from smartpick_desktop.core.plan.tracker import list_tasks, tracked_programs

        keep = self.selected_id()
        with self.ctx.store.session() as session:
            self.programs = tracked_programs(session, plan)
            tasks = list_tasks(session)
        self._tasks = tasks
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.programs))
        for r, p in enumerate(self.programs):
            steps = " · ".join(f"{STATUSES.get(k, k)} {v}" for k, v in
                               sorted(p.status_dates.items(), key=lambda kv: kv[1]))
            open_items = [t for t in tasks if t.program_id == p.program_id and not t.done]
            items = "; ".join(t.title + (f" ({t.due.isoformat()})" if t.due else "")
                              for t in open_items)
            for c, text in enumerate((p.display_name, STATUSES.get(p.status, p.status), steps,
                                      items)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)
        ids = [p.program_id for p in self.programs]
        if keep in ids:
            self.table.setCurrentCell(ids.index(keep), 0)
        elif ids and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
        self._show_selected()

    def select_program(self, program_id: int) -> bool:
        ids = [p.program_id for p in self.programs]
        if program_id not in ids:
            return False
        self.table.setCurrentCell(ids.index(program_id), 0)
        return True

    @Slot(int, int, int, int)
    def _on_table_current_cell_changed(self, row: int, col: int, _prev_row: int,
                                       _prev_col: int) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        pid = self.selected_id()
        self._set_enabled(pid is not None)
        self.tasks.blockSignals(True)
        self.tasks.clear()
        if pid is None:
            self.tasks.blockSignals(False)
            return
        program = self.programs[self.table.currentRow()]
        self.status.setCurrentIndex(max(0, self.status.findData(program.status)))
        from smartpick_desktop.ui.mentors import models

        today = models.today()
        self.status_date.setDate(qdate(today))
        if self.task_due.date() < qdate(today - dt.timedelta(days=365)):
            self.task_due.setDate(qdate(today + dt.timedelta(days=7)))
        for task in getattr(self, "_tasks", []):
            if task.program_id != pid:
                continue
            kind = "Deadline" if task.kind == "deadline" else "Item"
            due = f" — due {task.due.isoformat()}" if task.due else ""
            item = QListWidgetItem(f"{kind}: {task.title}{due}")
            item.setData(Qt.ItemDataRole.UserRole, task.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if task.done else Qt.CheckState.Unchecked)
            self.tasks.addItem(item)
        self.tasks.blockSignals(False)

    def _changed(self, message: str) -> None:
        self.ctx.plan_changed.emit()
        self.ctx.programs_changed.emit()
        self.ctx.status_message.emit(message)

    @Slot()
    def _on_set_status_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan.tracker import set_program_status

        pid = self.selected_id()
        if pid is None:
            return
        key = str(self.status.currentData())
        try:
            with self.ctx.store.session() as session:
                label = set_program_status(session, pid, key, pydate(self.status_date.date()))
        except InputError as err:
            self.ctx.dialogs.error(self, "Tracker", str(err))
            return
        self._changed(f"Status set to {label}.")
        self.refresh_here()

    def refresh_here(self) -> None:
        from smartpick_desktop.core.plan.saved import current_plan

        with self.ctx.store.session() as session:
            plan = current_plan(session)
        self.refresh(plan)

    @Slot()
    def _on_add_task_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan.tracker import add_task

        pid = self.selected_id()
        if pid is None:
            return
        due = pydate(self.task_due.date()) if self.task_has_due.isChecked() else None
        try:
            with self.ctx.store.session() as session:
                add_task(session, pid, self.task_title.text(),
                         kind=str(self.task_kind.currentData()), due=due)
        except InputError as err:
            self.ctx.dialogs.error(self, "Tracker", str(err))
            return
        self.task_title.clear()
        self._changed("Checklist item added.")
        self.refresh_here()

    @Slot()
    def _on_delete_task_clicked(self) -> None:
        from smartpick_desktop.core.plan.tracker import delete_task

        item = self.tasks.currentItem()
        if item is None:
            return
        with self.ctx.store.session() as session:
            delete_task(session, int(item.data(Qt.ItemDataRole.UserRole)))
        self._changed("Checklist item deleted.")
        self.refresh_here()

    @Slot(object)
    def _on_tasks_item_changed(self, item: QListWidgetItem) -> None:
        from smartpick_desktop.core.plan.tracker import set_task_done

        done = item.checkState() == Qt.CheckState.Checked
        with self.ctx.store.session() as session:
            set_task_done(session, int(item.data(Qt.ItemDataRole.UserRole)), done)
        message = "Checklist item done." if done else "Checklist item reopened."
        # rebuild the list after Qt has finished with the item that changed
        QTimer.singleShot(0, lambda: (self._changed(message), self.refresh_here()))
