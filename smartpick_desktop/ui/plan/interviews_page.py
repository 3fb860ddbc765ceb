"""Interviews: record an invitation with its offered dates, pick one, see conflicts (two on one
day, travel days), then write notes and score the program on your own criteria."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.catalog.program import STATUSES
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.plan.tracker_page import pydate, qdate
from smartpick_desktop.ui.widgets import wrapped_label

COLUMNS = ("Program", "Status", "Offered dates", "Interview date", "Your score", "Conflict")


class CriteriaDialog(QDialog):
    """Edit the criteria (one per line: name and weight 1–5)."""

    def __init__(self, criteria: list[tuple[str, int]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your interview criteria")
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label("Name what matters to you and how much (weight 1–5). "
                                       "Leave a name empty to drop it."))
        self.table = QTableWidget(len(criteria) + 3, 2)
        self.table.setHorizontalHeaderLabels(("Criterion", "Weight (1–5)"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, (name, weight) in enumerate(criteria):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(str(weight)))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> list[tuple[str, int]]:
        out = []
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0)
            weight = self.table.item(r, 1)
            text = name.text().strip() if name else ""
            if not text:
                continue
            try:
                value = int((weight.text() if weight else "3").strip() or 3)
            except ValueError:
                value = 0  # reported by core as an invalid weight
            out.append((text, value))
        return out


class InterviewsPage(QWidget):
    """A table of invited programs and a form for the selected one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[tuple[Any, Any]] = []   # (program, interview or None)
        self.criteria: list[Any] = []
        self.score_boxes: dict[int, QSpinBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped_label(
            "Programs that invited you (and the rest of your tracked applications). Record the "
            "dates offered, pick one, and see clashes: two interviews on one day, or inside "
            "each other's travel days. The Plan menu's “Export calendar” puts your interviews "
            "in your calendar. After each interview, write notes and score it on your own "
            "criteria."))
        split = QSplitter()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Interviews")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 220)
        header.resizeSection(1, 120)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        split.addWidget(self.table)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        invite = QGroupBox("Invitation")
        form = QFormLayout(invite)
        self.offered = QLineEdit()
        self.offered.setPlaceholderText("YYYY-MM-DD, YYYY-MM-DD")
        self.offered.setAccessibleName("Dates offered")
        self.date = _date_edit()
        self.travel = QSpinBox()
        self.travel.setRange(0, 5)
        self.travel.setAccessibleName("Travel days before and after")
        self.travel.setSpecialValueText("None (virtual)")
        self.save_invite_button = QPushButton("Save &invitation with this date")
        self.save_invite_button.clicked.connect(self._on_save_invite_clicked)
        self.conflict_label = wrapped_label()
        form.addRow("Dates &offered:", self.offered)
        form.addRow("Interview da&y:", self.date)
        form.addRow("Travel &buffer (days):", self.travel)
        form.addRow("", self.save_invite_button)
        form.addRow(self.conflict_label)
        column.addWidget(invite)
        review = QGroupBox("After the interview")
        self.review_form = QFormLayout(review)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Interview notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText("What stood out: people, teaching, schedule, city…")
        self.notes.setMinimumHeight(60)
        self.review_form.addRow("&Notes:", self.notes)
        self.scores_row = QWidget()
        self.scores_layout = QFormLayout(self.scores_row)
        self.scores_layout.setContentsMargins(0, 0, 0, 0)
        self.review_form.addRow(self.scores_row)
        buttons = QHBoxLayout()
        self.save_review_button = QPushButton("Save notes and &scores")
        self.save_review_button.clicked.connect(self._on_save_review_clicked)
        self.interviewed_button = QPushButton("Mar&k interviewed")
        self.interviewed_button.clicked.connect(self._on_interviewed_clicked)
        self.criteria_button = QPushButton("&Criteria…")
        self.criteria_button.clicked.connect(self._on_criteria_clicked)
        for b in (self.save_review_button, self.interviewed_button, self.criteria_button):
            buttons.addWidget(b)
        self.review_form.addRow(buttons)
        column.addWidget(review, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    # --- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        from smartpick_desktop.core.plan import interviews as iv
        from smartpick_desktop.core.plan.saved import current_plan
        from smartpick_desktop.core.plan.tracker import tracked_programs

        keep = self.selected_id()
        with self.ctx.store.session() as session:
            plan = current_plan(session)
            programs = tracked_programs(session, plan)
            self.criteria = iv.ensure_criteria(session)
            records = {i.program_id: i for i in iv.list_interviews(session)}
        clashes = iv.conflicts(records.values())
        invited = [p for p in programs if p.program_id in records]
        rest = [p for p in programs if p.program_id not in records]
        self.rows = [(p, records.get(p.program_id)) for p in invited + rest]
        self.table.setRowCount(len(self.rows))
        for r, (p, rec) in enumerate(self.rows):
            score = iv.weighted_score(rec, self.criteria)
            mine = [c for c in clashes if p.program_id in (c.a.program_id, c.b.program_id)]
            texts = (p.display_name, STATUSES.get(p.status, p.status),
                     ", ".join(d.isoformat() for d in rec.offered) if rec else "",
                     rec.chosen.isoformat() if rec and rec.chosen else "",
                     "" if score is None else f"{score:.1f} / 5",
                     " ".join(("Same day: " if c.kind == "same_day" else "Travel: ")
                              + (c.b if c.a.program_id == p.program_id else c.a).program
                              for c in mine))
            for c, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        self._build_scores()
        ids = [p.program_id for p, _ in self.rows]
        if keep in ids:
            self.table.setCurrentCell(ids.index(keep), 0)
        elif ids:
            self.table.setCurrentCell(0, 0)
        self._show_selected()

    def _build_scores(self) -> None:
        while self.scores_layout.rowCount():
            self.scores_layout.removeRow(0)
        self.score_boxes = {}
        for c in self.criteria:
            box = QSpinBox()
            box.setRange(0, 5)
            box.setSpecialValueText("not scored")
            box.setAccessibleName(f"Score for {c.name}")
            self.score_boxes[c.id] = box
            self.scores_layout.addRow(f"{c.name} (weight {c.weight}):", box)

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return None
        return int(self.rows[row][0].program_id)

    def select_program(self, program_id: int) -> bool:
        ids = [p.program_id for p, _ in self.rows]
        if program_id not in ids:
            return False
        self.table.setCurrentCell(ids.index(program_id), 0)
        return True

    def _show_selected(self) -> None:
        from smartpick_desktop.ui.mentors import models

        row = self.table.currentRow()
        on = 0 <= row < len(self.rows)
        for w in (self.offered, self.date, self.travel, self.save_invite_button, self.notes,
                  self.save_review_button, self.interviewed_button):
            w.setEnabled(on)
        if not on:
            self.conflict_label.setText("")
            return
        program, rec = self.rows[row]
        offered = [d for d in (rec.offered if rec else []) if not rec or d != rec.chosen]
        self.offered.setText(", ".join(d.isoformat() for d in offered))
        day = rec.chosen if rec and rec.chosen else models.today() + dt.timedelta(days=14)
        self.date.setDate(qdate(day))
        self.travel.setValue(rec.travel_days if rec else 0)
        self.notes.setPlainText(rec.notes if rec else "")
        for cid, box in self.score_boxes.items():
            box.setValue(rec.scores.get(cid, 0) if rec else 0)
        text = self.table.item(row, 5).text() if self.table.item(row, 5) else ""
        self.conflict_label.setText(f"⚠ Conflict — {text}" if text else "")
        self.conflict_label.setStyleSheet("color: #9C3D2E; font-weight: bold;" if text else "")

    # --- actions ---------------------------------------------------------------------------

    def _changed(self, message: str) -> None:
        self.refresh()
        self.ctx.plan_changed.emit()
        self.ctx.programs_changed.emit()
        self.ctx.status_message.emit(message)

    @Slot()
    def _on_save_invite_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan import interviews as iv
        from smartpick_desktop.core.plan.tracker import parse_date

        pid = self.selected_id()
        if pid is None:
            return
        try:
            offered = [parse_date(x, "Dates offered") for x in
                       self.offered.text().replace(";", ",").split(",") if x.strip()]
            with self.ctx.store.session() as session:
                iv.record_invitation(session, pid, offered=offered,
                                     chosen=pydate(self.date.date()),
                                     travel_days=self.travel.value())
                clashes = iv.conflicts_for(session, pid)
        except InputError as err:
            self.ctx.dialogs.error(self, "Interviews", str(err))
            return
        message = "Interview saved."
        if clashes:
            message += " Conflict: " + " ".join(c.describe() for c in clashes)
        self._changed(message)
        self.last_message = message

    @Slot()
    def _on_save_review_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan import interviews as iv

        pid = self.selected_id()
        if pid is None:
            return
        scores = {cid: box.value() for cid, box in self.score_boxes.items()}
        try:
            with self.ctx.store.session() as session:
                iv.save_review(session, pid, notes=self.notes.toPlainText(), scores=scores)
        except InputError as err:
            self.ctx.dialogs.error(self, "Interviews", str(err))
            return
        self._changed("Notes and scores saved.")

    @Slot()
    def _on_interviewed_clicked(self) -> None:
        from smartpick_desktop.core.plan.tracker import set_program_status

        pid = self.selected_id()
        if pid is None:
            return
        with self.ctx.store.session() as session:
            set_program_status(session, pid, "interviewed")
        self._changed("Marked interviewed: the program is on your rank order list.")

    def ask_criteria(self, current: list[tuple[str, int]]) -> list[tuple[str, int]] | None:
        """Ask for the criteria (tests replace this)."""
        dialog = CriteriaDialog(current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    @Slot()
    def _on_criteria_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan.interviews import set_criteria

        values = self.ask_criteria([(c.name, c.weight) for c in self.criteria])
        if values is None:
            return
        try:
            with self.ctx.store.session() as session:
                set_criteria(session, values)
        except InputError as err:
            self.ctx.dialogs.error(self, "Interviews", str(err))
            return
        self._changed("Criteria saved.")


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName("Interview date")
    return edit
