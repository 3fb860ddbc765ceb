"""Plan tab page "Season, dates and costs": the season in force (switchable, a season pack can be
imported), each specialty's platform, fees and signals, the season's steps as of today, and the
plan's whole cost against the budget with an editable travel estimate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import clear_layout, heading, wrapped_label

WARNING_STYLE = "color: #B4540A; font-weight: bold;"
SENT = ("applied", "invited", "interviewed", "ranked", "rejected")


class SeasonCostPage(QWidget):
    """The season in force and the whole cost. ``season_changed`` fires after a switch or an
    import (the plan's fees follow the season)."""

    season_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.profile: Any = None
        self.plan: Any = None
        self.programs: list[Any] = []
        self.cost: Any = None
        self._loading = False
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(heading("Season", 1.2))
        self.season_combo = QComboBox()
        self.season_combo.setAccessibleName("Season")
        self.season_combo.setToolTip("The season SmartPick plans with: by default the one of "
                                     "today's date")
        self.season_combo.currentIndexChanged.connect(self._on_season_chosen)
        row.addWidget(self.season_combo)
        self.import_button = QPushButton("Import season pack…")
        self.import_button.setToolTip("Load next season's fees, signals, dates and match rates "
                                      "from a file an advisor gives you")
        self.import_button.clicked.connect(self._on_import_clicked)
        row.addWidget(self.import_button)
        row.addStretch(1)
        outer.addLayout(row)
        self.season_label = wrapped_label(muted=True)
        outer.addWidget(self.season_label)
        self.splitter = QSplitter()
        outer.addWidget(self.splitter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        self.platforms_label = wrapped_label()
        left_layout.addWidget(self.platforms_label)
        self.notice_label = wrapped_label()
        self.notice_label.setStyleSheet(WARNING_STYLE)
        left_layout.addWidget(self.notice_label)
        self.steps = QTableWidget(0, 4)
        self.steps.setHorizontalHeaderLabels(["Date", "Step", "Status", "Source"])
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.verticalHeader().setVisible(False)
        # Row heights follow the column widths (a few rows: cheap), never stale after a resize.
        self.steps.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setWordWrap(True)
        header = self.steps.horizontalHeader()
        for col in (0, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.steps.setAccessibleName("Season steps")
        left_layout.addWidget(self.steps, 1)
        right = QWidget()
        outer = QVBoxLayout(right)
        outer.setContentsMargins(6, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(right)
        scroll.setMinimumWidth(320)
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        outer.addWidget(heading("Whole cost of your plan", 1.2))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.travel = QSpinBox()
        self.travel.setRange(0, 10_000)
        self.travel.setSingleStep(50)
        self.travel.setPrefix("$")
        self.travel.setAccessibleName("Travel per interview (your estimate)")
        self.travel.setToolTip("An estimate: change it to what your interviews will cost you "
                               "(virtual interviews cost little)")
        self.travel.editingFinished.connect(self._on_travel_changed)
        form.addRow("Travel per interview (estimate):", self.travel)
        outer.addLayout(form)
        self.costs = QWidget()
        self.costs.setAccessibleName("Whole cost")
        self.cost_grid = QGridLayout(self.costs)
        self.cost_grid.setContentsMargins(0, 4, 0, 4)
        self.cost_grid.setColumnStretch(0, 1)
        self.steps.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.steps.horizontalHeader().sectionResized.connect(
            lambda *_a: self.steps.resizeRowsToContents())
        outer.addWidget(self.costs)
        self.total_label = wrapped_label()
        outer.addWidget(self.total_label)
        self.not_included_label = wrapped_label(muted=True)
        outer.addWidget(self.not_included_label)
        outer.addStretch(1)

    # --- state -------------------------------------------------------------------------

    def refresh(self, profile: Any, plan: Any, programs: list[Any]) -> None:
        """Show the season for ``profile`` and the whole cost of ``plan`` (a saved plan or an
        optimizer result with ``fee_breakdown``, ``expected_interviews``, ``budget_usd``)."""
        from smartpick_desktop.core.season import (
            available_seasons,
            season_in_force,
            travel_per_interview,
        )
        from smartpick_desktop.core.store.settings import get_setting

        self.profile, self.plan, self.programs = profile, plan, programs
        today = dt.date.today()
        with self.ctx.store.session() as session:
            choice = season_in_force(session, today)
            seasons = available_seasons(session)
            chosen = get_setting(session, "season/choice", None)
            travel, _own = travel_per_interview(session)
        self._loading = True
        self.season_combo.clear()
        self.season_combo.addItem("By today's date", None)
        for sid, season in seasons.items():
            origin = "" if season.origin == "shipped" else f", {season.origin}"
            self.season_combo.addItem(f"{_short(season)}{origin}", sid)
        self.season_combo.setCurrentIndex(max(0, self.season_combo.findData(chosen))
                                          if chosen else 0)
        self.travel.setValue(int(travel))
        self._travel_shown = int(travel)
        self._loading = False
        season = choice.season
        self.season = season
        self.season_label.setText(f"{season.title}. {choice.explain()} Source: "
                                  f"{season.source_text}.")
        if profile is None:
            self.platforms_label.setText("Create your profile to see your platforms and dates.")
            self.notice_label.setVisible(False)
            self.steps.setRowCount(0)
            self._set_cost_rows([])
            self.total_label.setText("")
            return
        self._show_platforms(season, profile)
        self._show_steps(season, profile, today)
        self._show_costs(season, profile, travel, _own)

    def _names(self, profile: Any) -> list[str]:
        return [profile.specialty] + ([profile.backup_specialty]
                                      if profile.backup_specialty else [])

    def _show_platforms(self, season: Any, profile: Any) -> None:
        from smartpick_desktop.core.season import specialty_season

        lines = []
        for name in self._names(profile):
            entry = specialty_season(season, name)
            platform = season.platforms[entry.platform]
            if platform.fee_rule is None:
                lines.append(f"{name}: {platform.note or platform.label}")
                continue
            signals = " + ".join(f"{n} {lvl}" if lvl != "signal" else f"{n} signals"
                                 for lvl, n in entry.signals.items()) or "no signals"
            text = (f"{name}: applies through {platform.label}. Fees: {platform.fee_rule.text} "
                    f"({platform.fee_rule.source.label()}). Signals: {signals}")
            if entry.signals_source is not None:
                text += f" ({entry.signals_source.label()})"
            text += "."
            if entry.note:
                text += f" {entry.note}"
            lines.append(text)
        self.platforms_label.setText("\n".join(lines))

    def _platforms_used(self, season: Any, profile: Any) -> list[str]:
        from smartpick_desktop.core.season import platform_for

        return list(dict.fromkeys(platform_for(season, n).name for n in self._names(profile)
                                  if platform_for(season, n).in_match))

    def _show_steps(self, season: Any, profile: Any, today: dt.date) -> None:
        from smartpick_desktop.core.season import season_steps, submission_notice

        mine = set(self._names(profile))
        sent = sum(1 for p in self.programs if p.specialty in mine and p.status in SENT)
        platforms = self._platforms_used(season, profile)
        steps = season_steps(season, today, platforms, sent)
        notice = submission_notice(season, today, platforms, sent)
        self.notice_label.setText(notice or "")
        self.notice_label.setVisible(bool(notice))
        self.steps.setRowCount(len(steps))
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for row, step in enumerate(steps):
            d = step.date
            name = d.name + (" (estimated)" if d.estimated else "")
            cells = [f"{d.date:%b} {d.date.day}, {d.date.year}", name, step.label, d.source.label()]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                tip = d.note or ""
                if tip:
                    item.setToolTip(tip)
                if step.past:
                    item.setForeground(muted)
                if col == 2 and step.state == "missed":
                    item.setForeground(QColor("#B42318"))
                self.steps.setItem(row, col, item)
        self.steps.resizeRowsToContents()

    def _show_costs(self, season: Any, profile: Any, travel: int, own: bool) -> None:
        from smartpick_desktop.core.season import application_fees, whole_cost

        plan = self.plan
        if plan is None:
            self._set_cost_rows([])
            self.total_label.setText("Optimize a list to see its whole cost.")
            self.total_label.setStyleSheet("")
            self.not_included_label.setText("")
            self.cost = None
            return
        counts = {str(x["specialty"]): int(x["applications"]) for x in plan.fee_breakdown}
        budget = getattr(plan, "budget_usd", None) or profile.budget_usd
        cost = whole_cost(season, application_fees(season, counts),
                          expected_interviews=float(plan.expected_interviews),
                          applicant_type=profile.applicant_type, budget_usd=budget,
                          travel_usd=travel, travel_is_own=own)
        self.cost = cost
        self._set_cost_rows(cost.lines)
        warning = cost.warning()
        total = f"Estimated whole cost: ${cost.total_usd:,}"
        if budget:
            total += f" (budget ${int(budget):,})"
        self.total_label.setText(total + "." + (f" {warning}" if warning else ""))
        self.total_label.setStyleSheet(WARNING_STYLE if warning else "font-weight: bold;")
        self.not_included_label.setText(("Not included: " + " ".join(cost.not_included))
                                        if cost.not_included else "")

    def _set_cost_rows(self, lines: list[Any]) -> None:
        """One row per cost line: what it is and how it is counted, and the amount."""
        clear_layout(self.cost_grid)
        for row, line in enumerate(lines):
            what = wrapped_label(f"{line.label}{' (an estimate)' if line.estimate else ''}\n"
                                 f"{line.detail}")
            what.setToolTip(f"Source: {line.source}")
            amount = QLabel(f"${line.usd:,}")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.cost_grid.addWidget(what, row, 0)
            self.cost_grid.addWidget(amount, row, 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.steps.resizeRowsToContents()

    # --- slots -------------------------------------------------------------------------

    @Slot(int)
    def _on_season_chosen(self, _index: int) -> None:
        if self._loading:
            return
        from smartpick_desktop.core.season import choose_season

        with self.ctx.store.session() as session:
            choose_season(session, self.season_combo.currentData())
        self.season_changed.emit()

    @Slot()
    def _on_import_clicked(self) -> None:
        from smartpick_desktop.core.errors import InputError
        from smartpick_desktop.core.season import import_season_pack

        path = self.ctx.dialogs.open_file(self, "Import a season pack",
                                          "Season packs (*.json);;All files (*)")
        if path is None:
            return
        try:
            with self.ctx.store.session() as session:
                season = import_season_pack(session, path)
        except InputError as err:
            self.ctx.dialogs.error(self, "Season pack not imported",
                                   f"{err} Nothing was changed.")
            return
        self.ctx.status_message.emit(f"Imported the {_short(season)} season pack.")
        self.season_changed.emit()

    @Slot()
    def _on_travel_changed(self) -> None:
        # editingFinished also fires when the box merely loses focus: write only a change
        if self._loading or int(self.travel.value()) == getattr(self, "_travel_shown", None):
            return
        self._travel_shown = int(self.travel.value())
        from smartpick_desktop.core.season import set_travel_per_interview

        with self.ctx.store.session() as session:
            set_travel_per_interview(session, int(self.travel.value()))
        self.season_changed.emit()


def _short(season: Any) -> str:
    return f"{season.id.replace('-', '–')} (NRMP {season.match_year} Match)"
