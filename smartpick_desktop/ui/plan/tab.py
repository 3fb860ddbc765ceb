"""The Plan tab: the list optimizer, its figures and curve, "Use this list", interview season."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QThreadPool, Slot
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

from smartpick_desktop.core.model.percent import percent_text, percent_text_1
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.plan.chart import CurveChart
from smartpick_desktop.ui.plan.list_model import PlanListModel, PlanRowView
from smartpick_desktop.ui.plan.season_page import WARNING_STYLE, SeasonCostPage
from smartpick_desktop.ui.plan.season_panel import RankOrderPanel, SeasonPanel
from smartpick_desktop.ui.plan.worker import OptimizeWorker
from smartpick_desktop.ui.tabs import TabDefaults
from smartpick_desktop.ui.widgets import heading, wrapped_label

SPLITTER_KEY = "plan/splitter"
MAX_APPS_LIMIT = 400


class PlanTab(TabDefaults, QWidget):
    """Controls, the recommended list, figures, the curve; season and rank order list pages."""

    help_page = "plan"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pool = QThreadPool.globalInstance()
        self.worker: OptimizeWorker | None = None
        self.result: Any = None   # the latest optimizer result not yet used
        self.saved: Any = None    # the current plan in the store
        self._dirty = True

        outer = QVBoxLayout(self)
        outer.addWidget(self._build_controls())
        self.pages = QTabWidget()
        self.pages.addTab(self._build_list_page(), "&Application list")
        season = QWidget()
        season_layout = QHBoxLayout(season)
        self.season_panel = SeasonPanel(ctx)
        self.rol_panel = RankOrderPanel(ctx)
        season_layout.addWidget(self.season_panel, 2)
        season_layout.addWidget(self.rol_panel, 3)
        self.pages.addTab(season, "&Interview season and rank order list")
        self.season_page = SeasonCostPage(ctx)
        self.season_page.season_changed.connect(self._on_season_changed)
        self.pages.addTab(self.season_page, "Season, &dates and costs")
        outer.addWidget(self.pages, 1)

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
        self.state_label = wrapped_label(muted=True)
        side.addWidget(self.state_label)
        row.addLayout(side, 1)
        return box

    def _build_list_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.splitter = QSplitter()
        self.model = PlanListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
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
        rl.addWidget(self.p_match_label)
        self.figures_label = wrapped_label()
        rl.addWidget(self.figures_label)
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
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 480])
        layout.addWidget(self.splitter)
        return page

    def install_actions(self, window: Any) -> None:
        self.optimize_action = QAction("&Optimize my list", self)
        self.optimize_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.optimize_action.triggered.connect(self._on_optimize_clicked)
        self.use_action = QAction("&Use this list", self)
        self.use_action.setEnabled(False)
        self.use_action.triggered.connect(self._on_use_clicked)
        menu = window.menu("Plan")
        menu.addAction(self.optimize_action)
        menu.addAction(self.use_action)

    # --- state ---------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        """Read profile, current plan and programs; show the plan (or the latest result)."""
        from smartpick_desktop.core.catalog.queries import load_programs
        from smartpick_desktop.core.model.plan_store import current_plan
        from smartpick_desktop.core.profile import load_profile

        self._dirty = False
        with self.ctx.store.session() as session:
            profile = load_profile(session)
            self.saved = current_plan(session)
            programs = load_programs(session) if profile is not None else []
        self.profile = profile
        self.optimize_button.setEnabled(profile is not None and self.worker is None)
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
        mine = {profile.specialty, profile.backup_specialty}
        own = [p for p in programs if p.specialty in mine]
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
                                     "“Optimize my list”.")
            self._show_empty()

    def _show_empty(self) -> None:
        self.model.set_rows([])
        self.chart.set_curve([])
        self.p_match_label.setText("")
        self.figures_label.setText("")
        self.fee_label.setText("")
        self.budget_warning.setVisible(False)
        self.source_label.setText("")
        self.chart_note.setText("")
        self._set_use_enabled(False)

    def _show_saved(self, plan: Any, programs: list[Any]) -> None:
        from smartpick_desktop.core.model.ranking import rank_programs

        by_id = {p.program_id: p for p in programs}
        chosen = [by_id[i] for i in plan.program_ids if i in by_id]
        ranked = {r.program.program_id: r for r in
                  rank_programs(self.profile, chosen, signalled=plan.signals)}
        curve = [0.0] + [float(c["p_match"]) for c in plan.curve]
        gains = {pid: curve[k + 1] - curve[k] for k, pid in enumerate(plan.program_ids)
                 if k + 1 < len(curve)}
        rows = [_row(ranked[i].program, plan.signals.get(i), ranked[i].p_interview,
                     ranked[i].fit, ranked[i].tier, gains.get(i), ranked[i].reasons)
                for i in plan.program_ids if i in ranked]
        self.model.set_rows(rows)
        self.state_label.setText(f"Your current plan, chosen {plan.created:%d %b %Y %H:%M}. "
                                 "Optimize again to compare a new list.")
        flatten = (plan.details or {}).get("flatten_at")
        self._show_figures(plan.p_match, plan.expected_interviews, plan.fee_usd,
                           plan.fee_breakdown, plan.curve, len(rows), flatten, plan.signals)
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
                           evidence=result.details.get("posterior", False))
        self._set_use_enabled(bool(result.rows))

    def _show_figures(self, p_match: float, interviews: float, fee: int, breakdown: list,
                      curve: list, n: int, flatten: int | None, signals: dict,
                      allowed: dict | None = None, evidence: bool = False) -> None:
        from smartpick_desktop.core.model.optimizer import signal_allowance
        from smartpick_desktop.core.plan.document import reach_marks
        from smartpick_desktop.core.reference import load_reference
        from smartpick_desktop.core.season import application_fees, fee_rule_text

        ref = load_reference()
        self.p_match_label.setText(f"P(match) {percent_text_1(p_match)}")
        used: dict[str, int] = {}
        for level in signals.values():
            used[level] = used.get(level, 0) + 1
        if allowed is None:
            allowed = {part["specialty"]: signal_allowance(part["specialty"],
                                                           self.season_page.season)
                       for part in breakdown}
        allow_total: dict[str, int] = {}
        for per in allowed.values():
            for level, k in per.items():
                allow_total[level] = allow_total.get(level, 0) + k
        sig_text = ", ".join(f"{used.get(level, 0)} of {k} {level}"
                             for level, k in allow_total.items()) or "none in this specialty"
        season = " (updated with your invitations and rejections)" if evidence else ""
        outlook = self.season_panel.outlook
        if outlook is not None and outlook.posterior.evidence and not evidence:
            season = (f". Interview season: P(match) now {percent_text(outlook.p_match_now)} "
                      f"({outlook.invited} invited, {outlook.rejected} rejected — see "
                      "“Interview season”)")
        self.figures_label.setText(
            f"{n} applications · expected interviews {interviews:.1f} · signals used: "
            f"{sig_text}{season}.")
        values = [float(c["p_match"]) for c in curve]
        target = self.target.value() / 100 or None
        self.chart.set_curve(values, chosen=n or None, flatten_at=flatten, target=target)
        note = self.chart.describe()
        marks = reach_marks(values)
        if marks:
            note += " " + "; ".join(marks) + "."
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
            f"({signal_fig.cite()}). Match rates calibrated to "
            f"{ref.match_rates['us_md'].cite()}. P(match) is a model estimate (20,000 "
            "simulated seasons), not a promise.")

    def _set_use_enabled(self, on: bool) -> None:
        self.use_button.setEnabled(on)
        if hasattr(self, "use_action"):
            self.use_action.setEnabled(on)

    # --- slots ---------------------------------------------------------------------------

    @Slot()
    def _on_optimize_clicked(self) -> None:
        if self.worker is not None:
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
            "use_profile_defaults": False,
        }
        self.worker = OptimizeWorker(self.ctx.store, profile, options)
        self.worker.signals.progress.connect(self._on_worker_progress)
        self.worker.signals.finished.connect(self._on_worker_finished)
        self.worker.signals.failed.connect(self._on_worker_failed)
        self.worker.signals.cancelled.connect(self._on_worker_cancelled)
        self.optimize_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.state_label.setText("Optimizing… (20,000 simulated seasons per list)")
        self.ctx.status_message.emit("Optimizing your list…")
        self.pool.start(self.worker)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.state_label.setText("Cancelling…")

    @Slot(int, int)
    def _on_worker_progress(self, step: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(step)

    def _done(self) -> None:
        self.worker = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self.optimize_button.setEnabled(True)

    @Slot(object)
    def _on_worker_finished(self, result: Any) -> None:
        self._done()
        self.result = result
        if self.profile is not None:
            self.season_page.refresh(self.profile, result, getattr(self, "programs", []))
        self._show_result(result)
        self.ctx.status_message.emit(f"New list: {len(result.rows)} programs, P(match) "
                                     f"{percent_text_1(result.p_match)}.")

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._done()
        self.state_label.setText(message)
        self.ctx.dialogs.error(self, "Plan", message)

    @Slot()
    def _on_worker_cancelled(self) -> None:
        self._done()
        self.state_label.setText("Cancelled: nothing was changed.")
        self.ctx.status_message.emit("Optimization cancelled.")

    @Slot()
    def _on_use_clicked(self) -> None:
        from smartpick_desktop.core.model.plan_store import save_plan

        if self.result is None or not self.result.rows:
            return
        with self.ctx.store.session() as session:
            save_plan(session, self.result)
        n = len(self.result.rows)
        self.result = None
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
        self._mark_dirty()

    @Slot()
    def _on_ctx_profile_changed(self) -> None:
        self.result = None
        self._mark_dirty()

    # --- persistence ---------------------------------------------------------------------

    def save_state(self, settings: Any) -> None:
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def restore_state(self, settings: Any) -> None:
        state = settings.value(SPLITTER_KEY)
        if state is not None:
            self.splitter.restoreState(state)

    def show_payload(self, payload: Any) -> None:
        if payload == "season":
            self.pages.setCurrentIndex(1)


def _row(program: Any, signal: str | None, p: float, fit: float, tier: str, gain: float | None,
         reasons: Any) -> PlanRowView:
    return PlanRowView(int(program.program_id), program.display_name, program.location,
                       str(tier), float(p), float(fit), signal,
                       None if gain is None else float(gain), tuple(reasons or ()),
                       program.specialty)
