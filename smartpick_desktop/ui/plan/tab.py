"""The Plan tab: the list optimizer and the list the student steers (add, remove, lock, move
signals, undo), its figures and curve, the application tracker, interviews, comparison, and the
interview season with the rank order list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.core.model.basis import model_basis
from smartpick_desktop.core.model.percent import likely_text, percent_text, percent_text_1
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.jobs import Job, JobRunner
from smartpick_desktop.ui.plan.chart import CurveChart
from smartpick_desktop.ui.plan.jobs import optimize_job
from smartpick_desktop.ui.plan.list_edit import AddProgramDialog, ListEditBar
from smartpick_desktop.ui.plan.list_model import PlanListModel, PlanRowView
from smartpick_desktop.ui.plan.season_page import WARNING_STYLE, SeasonCostPage
from smartpick_desktop.ui.plan.season_panel import RankOrderPanel, SeasonPanel
from smartpick_desktop.ui.tabs import TabDefaults
from smartpick_desktop.ui.widgets import heading, us_datetime, wrapped_label

SPLITTER_KEY = "plan/splitter"
MAX_APPS_LIMIT = 400


class PlanTab(TabDefaults, QWidget):
    """Controls, the recommended list, figures, the curve; season and rank order list pages."""

    help_page = "plan"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = JobRunner(self)
        self.job: Job | None = None
        self.result: Any = None   # the latest optimizer result not yet used
        self.saved: Any = None    # the current plan in the store
        self._dirty = True

        outer = QVBoxLayout(self)
        self.controls = self._build_controls()
        outer.addWidget(self.controls)
        self.pages = QTabWidget()
        self.pages.addTab(self._build_list_page(), "Application &list")
        season = QWidget()
        season_layout = QHBoxLayout(season)
        self.season_panel = SeasonPanel(ctx)
        self.rol_panel = RankOrderPanel(ctx)
        season_layout.addWidget(self.season_panel, 2)
        season_layout.addWidget(self.rol_panel, 3)
        from smartpick_desktop.ui.plan.compare_page import ComparePage
        from smartpick_desktop.ui.plan.interviews_page import InterviewsPage
        from smartpick_desktop.ui.plan.tracker_page import TrackerPage

        self.tracker_page = TrackerPage(ctx)
        self.interviews_page = InterviewsPage(ctx)
        self.compare_page = ComparePage(ctx)
        self.pages.addTab(self.tracker_page, "&Tracker")
        self.pages.addTab(self.interviews_page, "Intervie&ws")
        self.pages.addTab(self.compare_page, "Co&mpare")
        self.pages.addTab(season, "Season and &rank order list")
        self.season_page = SeasonCostPage(ctx)
        self.season_page.season_changed.connect(self._on_season_changed)
        self.pages.addTab(self.season_page, "Season, &dates and costs")
        outer.addWidget(self.pages, 1)
        # The list's controls show with the list only: the other pages get their height.
        self.pages.currentChanged.connect(
            lambda index: self.controls.setVisible(index == 0))
        self.view: Any = None     # core.plan.view.PlanView of the saved plan
        self._result_stale = False

        ctx.plan_changed.connect(self._on_ctx_plan_changed)
        ctx.programs_changed.connect(self._on_ctx_programs_changed)
        ctx.profile_changed.connect(self._on_ctx_profile_changed)

    # --- building ------------------------------------------------------------------------

    def _build_controls(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = heading("Build my list", 1.4)
        self.heading.setAccessibleName("Build my list")
        column.addWidget(self.heading)
        row = QHBoxLayout()
        column.addLayout(row)
        form = QFormLayout()
        self.max_apps = QSpinBox()
        self.max_apps.setRange(0, MAX_APPS_LIMIT)
        self.max_apps.setSpecialValueText("No limit")
        self.max_apps.setAccessibleName("Maximum applications")
        self.budget = QSpinBox()
        self.budget.setRange(0, 50_000)
        self.budget.setSingleStep(50)
        self.budget.setPrefix("$")
        self.budget.setSpecialValueText("No limit")
        self.budget.setAccessibleName("Budget for application fees")
        self.target = QDoubleSpinBox()
        self.target.setRange(0, 99.5)
        self.target.setDecimals(1)
        self.target.setSuffix(" %")
        self.target.setSpecialValueText("None")
        self.target.setAccessibleName("Target chance of matching")
        form.addRow("Maximum applications:", self.max_apps)
        form.addRow("Budget (application fees):", self.budget)
        form.addRow("Target P(match):", self.target)
        self.prelim = QSpinBox()
        self.prelim.setRange(0, 40)
        self.prelim.setSpecialValueText("None")
        self.prelim.setAccessibleName("Preliminary programs as a safety net")
        self.prelim.setToolTip(
            "Add up to this many preliminary (one-year) programs of your specialty after your "
            "categorical list: a safety net that the plan counts as “any position”.")
        form.addRow("Preliminary safety net:", self.prelim)
        row.addLayout(form)
        side = QVBoxLayout()
        buttons = QHBoxLayout()
        self.optimize_button = QPushButton("Optimize my list")
        self.optimize_button.setDefault(True)
        self.optimize_button.clicked.connect(self._on_optimize_clicked)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.use_button = QPushButton("Use this list")
        self.use_button.setEnabled(False)
        self.use_button.setToolTip("Save this list as your plan and mark its programs Applying")
        self.use_button.clicked.connect(self._on_use_clicked)
        for b in (self.optimize_button, self.cancel_button, self.use_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        side.addWidget(self.progress)
        state_row = QHBoxLayout()
        self.state_label = wrapped_label(muted=True)
        state_row.addWidget(self.state_label, 1)
        self.refresh_button = QPushButton("Refre&sh")
        self.refresh_button.setToolTip("Optimize again with your current profile and catalog")
        self.refresh_button.setVisible(False)
        self.refresh_button.clicked.connect(self._on_optimize_clicked)
        state_row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        side.addLayout(state_row)
        row.addLayout(side, 1)
        return box

    def _build_list_page(self) -> QWidget:
        page = QWidget()
        self.list_page = page
        layout = QVBoxLayout(page)
        self.edit_bar = ListEditBar()
        self.edit_bar.requested.connect(self._on_edit_bar_requested)
        self.edit_bar.signal_choice_changed.connect(self._on_edit_bar_signal_choice_changed)
        layout.addWidget(self.edit_bar)
        self.splitter = QSplitter()
        self.model = PlanListModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Your application list")
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 300)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.splitter.addWidget(self.table)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.p_match_label = QLabel()
        font = self.p_match_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.p_match_label.setFont(font)
        self.p_match_label.setWordWrap(True)
        rl.addWidget(self.p_match_label)
        self.figures_label = wrapped_label()
        rl.addWidget(self.figures_label)
        self.warning_label = wrapped_label()
        self.warning_label.setObjectName("plan_warning")
        self.warning_label.setStyleSheet("color: #b45309; font-weight: bold;")
        rl.addWidget(self.warning_label)
        self.chart = CurveChart()
        rl.addWidget(self.chart, 1)
        self.chart_note = wrapped_label(muted=True)
        rl.addWidget(self.chart_note)
        self.fee_label = wrapped_label()
        rl.addWidget(self.fee_label)
        self.budget_warning = wrapped_label()
        self.budget_warning.setStyleSheet(WARNING_STYLE)
        self.budget_warning.setVisible(False)
        rl.addWidget(self.budget_warning)
        self.source_label = wrapped_label(muted=True)
        rl.addWidget(self.source_label)
        from PySide6.QtWidgets import QFrame, QScrollArea

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        layout.addWidget(self.splitter, 1)
        self.undo_action = QAction("&Undo list change", page)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(lambda: self._edit("undo"))
        self.addAction(self.undo_action)  # anywhere in the Plan tab (text fields keep theirs)
        for keys, action in (("Del", "remove"), ("Ins", "add")):
            shortcut = QAction(page)
            shortcut.setShortcut(QKeySequence(keys))
            shortcut.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.triggered.connect(lambda _=False, a=action: self._edit(a))
            self.table.addAction(shortcut)
        return page

    def install_actions(self, window: Any) -> None:
        self.optimize_action = QAction("&Optimize my list", self)
        self.optimize_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.optimize_action.triggered.connect(self._on_optimize_clicked)
        self.use_action = QAction("&Use this list", self)
        self.use_action.setEnabled(False)
        self.use_action.triggered.connect(self._on_use_clicked)
        self.season_action = QAction("Import a &season pack…", self)
        self.season_action.setStatusTip("Load a season's fees, signals, dates and match rates "
                                        "from a file an advisor gives you")
        self.season_action.triggered.connect(self._on_season_import)
        menu = window.menu("Plan")
        menu.addAction(self.optimize_action)
        menu.addAction(self.use_action)
        menu.addAction(self.undo_action)
        menu.addAction(self.season_action)

    @Slot()
    def _on_season_import(self) -> None:
        self.pages.setCurrentWidget(self.season_page)
        self.season_page.import_button.click()

    # --- state ---------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        """Read profile, current plan and programs; show the plan (or the latest result)."""
        from smartpick_desktop.core.plan.edits import undo_label
        from smartpick_desktop.core.plan.figures import applied_programs
        from smartpick_desktop.core.plan.view import plan_view
        from smartpick_desktop.core.profile import load_profile

        self._dirty = False
        with self.ctx.store.session() as session:
            profile = load_profile(session)
            self.view = plan_view(session)
            self.saved = self.view.plan
            self._undo_text = undo_label(session)
            programs = (applied_programs(session, profile, self.saved)
                        if profile is not None else [])
        self.profile = profile
        self.optimize_button.setEnabled(profile is not None and self.job is None)
        self.programs = programs
        if profile is None:
            self.state_label.setText("Create your profile first: the list is built from it.")
            self.season_page.refresh(None, None, [])
            self._show_empty()
            return
        self.season_page.refresh(profile, self.result or self.saved, programs)
        if self.result is None:
            self.budget.setValue(profile.budget_usd or 0)
            self.max_apps.setValue(profile.target_programs or 0)
        own = programs  # core.plan.figures.applied_programs: the set Home and the PDF use
        signals = dict(self.saved.signals) if self.saved else {}
        self.season_panel.refresh(profile, own, signals)
        post = self.season_panel.outlook.posterior if self.season_panel.outlook else None
        self.rol_panel.refresh(profile, own, post if post is not None and post.evidence else None)
        if self.result is not None:
            self._show_result(self.result)
        elif self.saved is not None:
            self._show_saved(self.saved, programs)
        else:
            self.state_label.setText("No list yet: choose your limits and press "
                                     "“Optimize my list”, or add programs by hand.")
            self._show_empty()
        self.tracker_page.refresh(self.saved)
        self.interviews_page.refresh()
        self.compare_page.refresh(self.saved)
        self._update_edit_bar()

    def _show_empty(self) -> None:
        self.model.set_rows([])
        self.chart.set_curve([])
        self.p_match_label.setText("")
        self.figures_label.setText("")
        self.warning_label.setText("")
        self.fee_label.setText("")
        self.budget_warning.setVisible(False)
        self.source_label.setText("")
        self.chart_note.setText("")
        self._set_use_enabled(False)

    def _show_saved(self, plan: Any, programs: list[Any]) -> None:
        rows = [_row(r.program, r.signal, r.p_interview, r.fit, r.tier, r.gain, r.reasons,
                     locked=r.locked, status=r.status) for r in self.view.rows]
        self.model.set_rows(rows)
        recomputed = (" Its figures were just recomputed for your current profile and catalog."
                      if self.view.recomputed else "")
        edited = " (edited by you)" if plan.details.get("recomputed") else ""
        self.state_label.setText(f"Your current plan{edited}, chosen "
                                 f"{us_datetime(plan.created)}.{recomputed} Edit it below, "
                                 "or optimize again (your locks are kept).")
        flatten = (plan.details or {}).get("flatten_at")
        self._show_figures(plan.p_match, plan.expected_interviews, plan.fee_usd,
                           plan.fee_breakdown, plan.curve, len(rows), flatten, plan.signals,
                           details=plan.details,
                           primary=self.view.p_match_primary if plan.backup_specialty else None)
        self._set_use_enabled(False)

    def _show_result(self, result: Any) -> None:
        rows = [_row(r.program, r.signal, r.p_interview, r.fit, r.tier, r.gain, r.reasons)
                for r in result.rows]
        self.model.set_rows(rows)
        if result.rows:
            self.state_label.setText("A new list — not saved yet. “Use this list” makes it "
                                     "your plan and marks its programs Applying.")
        else:
            self.state_label.setText("No program fits these limits: raise the budget or the "
                                     "maximum, or add programs of your specialty.")
        self._show_figures(result.p_match, result.expected_interviews, result.fee_usd,
                           result.fee_breakdown, result.curve, len(rows), result.flatten_at,
                           result.signals, allowed=result.signals_allowed,
                           evidence=result.details.get("posterior", False),
                           details=result.details)
        self._set_use_enabled(bool(result.rows))

    def _show_figures(self, p_match: float, interviews: float, fee: int, breakdown: list,
                      curve: list, n: int, flatten: int | None, signals: dict,
                      allowed: dict | None = None, evidence: bool = False,
                      details: dict | None = None,
                      primary: float | None = None) -> None:
        from smartpick_desktop.core.model.optimizer import signal_allowance
        from smartpick_desktop.core.plan.document import reach_marks
        from smartpick_desktop.core.reference import load_reference
        from smartpick_desktop.core.season import application_fees, fee_rule_text

        ref = load_reference()
        self.p_match_label.setText(headline_text(p_match, details or {}, primary,
                                                 breakdown))
        if allowed is None:
            allowed = {part["specialty"]: signal_allowance(part["specialty"],
                                                           self.season_page.season)
                       for part in breakdown}
        from smartpick_desktop.core.plan.figures import canonical

        group_of = {r.program_id: canonical(r.specialty) for r in self.model.rows}
        parts = []
        for group, per in allowed.items():
            used: dict[str, int] = {}
            for pid, level in signals.items():
                if group_of.get(pid, group) == group:
                    used[level] = used.get(level, 0) + 1
            text = ", ".join(f"{used.get(level, 0)} of {k} {level}" for level, k in per.items())
            if text:
                parts.append(f"{group}: {text}" if len(allowed) > 1 else text)
        sig_text = "; ".join(parts) or "none in this specialty"
        season = " (updated with your invitations and rejections)" if evidence else ""
        outlook = self.season_panel.outlook
        if outlook is not None and outlook.posterior.evidence and not evidence:
            season = (f". Interview season: P(match) now {percent_text(outlook.p_match_now)} "
                      f"({outlook.invited} invited, {outlook.rejected} rejected — see "
                      "“Season and rank order list”)")
        self.figures_label.setText(
            f"{n} applications · expected interviews {interviews:.1f} · signals used: "
            f"{sig_text}{season}.")
        from smartpick_desktop.core.plan.warnings import list_warnings

        self.warning_label.setText(" ".join(list_warnings([r.tier for r in self.model.rows],
                                                          p_match)))
        values = [float(c["p_match"]) for c in curve]
        target = self.target.value() / 100 or None
        # the curve is of categorical positions: the preliminary safety net comes after it
        n_cat = n - len((details or {}).get("preliminary") or [])
        self.chart.set_curve(values, chosen=n_cat or None, flatten_at=flatten, target=target)
        note = self.chart.describe()
        marks = reach_marks(values)
        if marks:
            note += " " + "; ".join(marks) + "."
        if (details or {}).get("stop_text"):
            note += " " + details["stop_text"]
        if target:
            reach = next((k + 1 for k, v in enumerate(values) if v >= target), None)
            note += (f" Your target {target * 100:.0f}% is reached with {reach} applications."
                     if reach else f" Your target {target * 100:.0f}% is not reached within "
                     f"{len(values)} applications.")
        self.chart_note.setText(note)
        season = self.season_page.season
        counts = {str(p["specialty"]): int(p["applications"]) for p in breakdown}
        lines = application_fees(season, counts)
        fee = sum(int(x["fee_usd"]) for x in lines)
        parts = [f"{x['specialty']} on {x['platform']}: {x['applications']} applications, "
                 f"${x['fee_usd']:,}" for x in lines]
        text = f"Application fees ${fee:,}" + (" (" + "; ".join(parts) + ")" if parts else "")
        cost = self.season_page.cost
        if cost is not None:
            text += (f". Whole cost with NRMP ranks, transcripts and travel (estimate): "
                     f"${cost.total_usd:,} — see “Season, dates and costs”.")
        self.fee_label.setText(text)
        warning = cost.warning() if cost is not None else None
        self.budget_warning.setText(warning or "")
        self.budget_warning.setVisible(bool(warning))
        signal_fig = ref.signal_odds_multiplier
        self.source_label.setText(
            f"Fees: {fee_rule_text(season, list(counts) or [self.profile.specialty])}. "
            f"Signal effect ×{signal_fig.value} odds "
            f"({signal_fig.cite()}). {model_basis()}. P(match) is a model estimate (20,000 "
            "simulated seasons), not a promise: Help → How good are these numbers?")

    def _set_use_enabled(self, on: bool) -> None:
        self.use_button.setEnabled(on)
        if hasattr(self, "use_action"):
            self.use_action.setEnabled(on)

    # --- slots ---------------------------------------------------------------------------

    @Slot()
    def _on_optimize_clicked(self) -> None:
        if self.job is not None:
            return
        profile = self.ctx.profile()
        if profile is None:
            self.ctx.dialogs.info(self, "Plan", "Create your profile first.")
            return
        options = {
            "max_apps": self.max_apps.value() or None,
            "budget": self.budget.value() or None,
            "target": (self.target.value() / 100) or None,
            "curve_to": max(60, self.max_apps.value() or 0),
            "prelim_apps": self.prelim.value(),
            "use_profile_defaults": False,
        }
        self.job = self.jobs.start(
            optimize_job(self.ctx.store, profile, options), name="The optimizer",
            progress=self._on_job_progress, finished=self._on_job_finished,
            failed=self._on_job_failed, cancelled=self._on_job_cancelled)
        self.optimize_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.state_label.setText("Optimizing… (20,000 simulated seasons per list)")
        self.ctx.status_message.emit("Optimizing your list…")

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.state_label.setText("Canceling…")

    def _on_job_progress(self, step: float, total: float) -> None:
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(int(step))

    def _done(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.optimize_button.setEnabled(True)

    def _on_job_finished(self, result: Any) -> None:
        self._done()
        self.result = result
        if self.profile is not None:
            self.season_page.refresh(self.profile, result, getattr(self, "programs", []))
        self._result_stale = False
        self.refresh_button.setVisible(False)
        self._show_result(result)
        self._update_edit_bar()
        self.ctx.status_message.emit(f"New list: {len(result.rows)} programs, P(match) "
                                     f"{percent_text_1(result.p_match)}.")

    def _on_job_failed(self, message: str) -> None:
        self._done()
        self.state_label.setText(message)
        self.ctx.dialogs.error(self, "Plan", message)

    def _on_job_cancelled(self) -> None:
        self._done()
        self.state_label.setText("Canceled: nothing was changed.")
        self.ctx.status_message.emit("Optimization canceled.")

    @Slot()
    def _on_use_clicked(self) -> None:
        from smartpick_desktop.core.plan.saved import save_plan

        if self.result is None or not self.result.rows:
            return
        with self.ctx.store.session() as session:
            save_plan(session, self.result)
        n = len(self.result.rows)
        self.result = None
        self._result_stale = False
        self.refresh_button.setVisible(False)
        self._dirty = True
        self.ctx.plan_changed.emit()
        self.ctx.programs_changed.emit()
        self.ctx.status_message.emit(f"Saved your list of {n} programs; they are marked "
                                     "Applying.")

    @Slot(object)
    def _on_table_double_clicked(self, index: Any) -> None:
        pid = self.model.data(index, 256)  # Qt.UserRole
        if pid is not None:
            self.ctx.navigate("programs", {"program_id": int(pid)})

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.reload()

    @Slot()
    def _on_season_changed(self) -> None:
        self._mark_dirty()

    @Slot()
    def _on_ctx_plan_changed(self) -> None:
        self._mark_dirty()

    @Slot()
    def _on_ctx_programs_changed(self) -> None:
        if self.result is not None and not self._result_stale:
            self._result_stale = True
        self._mark_dirty()
        self._show_result_staleness()

    @Slot()
    def _on_ctx_profile_changed(self) -> None:
        self.result = None
        self._result_stale = False
        self.refresh_button.setVisible(False)
        self._mark_dirty()

    def _show_result_staleness(self) -> None:
        """An unsaved new list computed before the catalog changed is marked out of date."""
        if self.result is None or not self._result_stale:
            return
        self.state_label.setText("Out of date: this new list was computed before your programs "
                                 "changed. Refresh to optimize again.")
        self.refresh_button.setVisible(True)

    # --- editing the saved list -----------------------------------------------------------

    def _selected_row(self) -> PlanRowView | None:
        index = self.table.currentIndex()
        if not index.isValid() or not 0 <= index.row() < len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _editable(self) -> bool:
        return self.result is None and self.profile is not None

    def _update_edit_bar(self) -> None:
        row = self._selected_row()
        editable = self._editable()
        self.edit_bar.set_state(editable=editable, selected=row is not None,
                                locked=bool(row and row.locked),
                                can_undo=bool(getattr(self, "_undo_text", None)) and editable,
                                undo_text=getattr(self, "_undo_text", None))
        self.undo_action.setEnabled(self.edit_bar.undo_button.isEnabled())
        if row is not None and editable:
            self.edit_bar.show_signal(row.signal)

    @Slot(object, object)
    def _on_table_current_row_changed(self, current: Any, previous: Any) -> None:
        self._update_edit_bar()

    @Slot(str)
    def _on_edit_bar_requested(self, action: str) -> None:
        self._edit(action)

    @Slot(str)
    def _on_edit_bar_signal_choice_changed(self, level: str) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan.edits import preview_signal

        row = self._selected_row()
        if row is None:
            return
        if level == (row.signal or "none"):
            self.edit_bar.apply_signal_button.setEnabled(False)
            self.edit_bar.set_preview("")
            return
        try:
            with self.ctx.store.session() as session:
                before, after = preview_signal(session, row.program_id, level)
        except InputError as err:
            self.edit_bar.apply_signal_button.setEnabled(False)
            self.edit_bar.set_preview(str(err))
            return
        self.edit_bar.apply_signal_button.setEnabled(True)
        self.edit_bar.set_preview(
            f"P(match) {percent_text_1(before)} → {percent_text_1(after)} "
            f"({(after - before) * 100:+.1f} points) if you apply this.")

    def ask_program(self, candidates: list[Any]) -> int | None:
        """Ask which program to add (tests replace this)."""
        dialog = AddProgramDialog(candidates, self)
        if dialog.exec() != AddProgramDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def _add_candidates(self) -> list[Any]:
        from smartpick_desktop.core.plan.figures import season_programs

        listed = set(self.saved.program_ids) if self.saved else set()
        with self.ctx.store.session() as session:
            programs = season_programs(session, self.profile)
        return [p for p in programs if p.program_id not in listed]

    def _edit(self, action: str) -> None:
        """Run one edit of the saved list through core.plan.edits and show what it did."""
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.plan import edits

        if action == "undo":
            if not self._editable():
                return
            with self.ctx.store.session() as session:
                label = edits.undo(session)
            if label:
                self._after_edit(f"Undone: {label}.")
            return
        if not self._editable():
            return
        row = self._selected_row()
        pid = None
        if action == "add":
            pid = self.ask_program(self._add_candidates())
            if pid is None:
                return
        elif row is None:
            return
        else:
            pid = row.program_id
        try:
            with self.ctx.store.session() as session:
                if action == "add":
                    result = edits.add_program(session, pid)
                elif action in ("remove", "lock_out"):
                    result = edits.remove_program(session, pid)
                elif action == "lock_in":
                    result = edits.lock_program(session, pid, "in")
                elif action == "unlock":
                    result = edits.unlock_program(session, pid)
                elif action == "apply_signal":
                    level = str(self.edit_bar.signal_combo.currentData())
                    result = edits.set_signal(session, pid, level)
                else:
                    return
        except InputError as err:
            self.ctx.dialogs.error(self, "Plan", str(err))
            return
        text = result.message
        if result.p_before is not None and result.p_after is not None \
                and result.p_before != result.p_after:
            text += (f" P(match) {percent_text_1(result.p_before)} → "
                     f"{percent_text_1(result.p_after)}.")
        self._after_edit(text, select=pid if action in ("add", "lock_in", "apply_signal",
                                                        "unlock") else None,
                         statuses=action in ("add", "lock_in"))

    def _after_edit(self, message: str, select: int | None = None,
                    statuses: bool = True) -> None:
        keep = self.table.currentIndex().row()
        self._dirty = True
        self.ctx.plan_changed.emit()
        if statuses:  # a program added is marked Applying
            self.ctx.programs_changed.emit()
        if self._dirty:
            self.reload()
        rows = [r.program_id for r in self.model.rows]
        target = rows.index(select) if select in rows else min(keep, len(rows) - 1)
        if target >= 0:
            self.table.setCurrentIndex(self.model.index(target, 1))
        self.table.setFocus()
        self.ctx.status_message.emit(message)
        self.last_message = message

    # --- persistence ---------------------------------------------------------------------

    def save_state(self, settings: Any) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_state(self, settings: Any) -> None:
        state = settings.value(SPLITTER_KEY)
        if state is not None:
            self.splitter.restoreState(state)

    def show_payload(self, payload: Any) -> None:
        pages = {"list": self.pages.indexOf(self.list_page),
                 "tracker": self.pages.indexOf(self.tracker_page),
                 "interviews": self.pages.indexOf(self.interviews_page),
                 "compare": self.pages.indexOf(self.compare_page),
                 "season": self.pages.count() - 1, "rol": self.pages.count() - 1}
        if isinstance(payload, str) and payload in pages:
            self.pages.setCurrentIndex(pages[payload])


def _row(program: Any, signal: str | None, p: float, fit: float, tier: str, gain: float | None,
         reasons: Any, *, locked: bool = False, status: str | None = None) -> PlanRowView:
    return PlanRowView(int(program.program_id), program.display_name, program.location,
                       str(tier), float(p), float(fit), signal,
                       None if gain is None else float(gain), tuple(reasons or ()),
                       program.specialty, locked, status or program.status)


def headline_text(p_match: float, details: dict, primary: float | None = None,
                  breakdown: list | None = None) -> str:
    """"P(match) 84.0% (likely 74–91%)", the primary specialty alone when there is a backup,
    and the chance of any position with a preliminary safety net."""
    text = f"P(match) {percent_text_1(p_match)}"
    if primary is not None and breakdown:
        text += " any position"
    low_high = details.get("p_match_range")
    if low_high:
        text += f" ({likely_text(low_high)})"
    if primary is not None and breakdown:
        text += f" · {breakdown[0]['specialty']} {percent_text_1(primary)}"
    any_p = details.get("p_match_any")
    if any_p is not None and any_p > p_match + 1e-9:
        text += f" · with the preliminary safety net {percent_text(any_p)}"
    return text

