"""Home card: plan status — P(match) of the current list, applications, signals, fee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from smartpick_desktop.core.model.percent import percent_text
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, wrapped_label


class PlanSection(Card):
    """The current plan at a glance; refreshes when the plan, programs or profile change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Your plan", parent)
        self._ctx = ctx
        self.headline = wrapped_label()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.details = wrapped_label()
        self.season = wrapped_label()
        self.source = wrapped_label(muted=True)
        self.open_button = QPushButton("Open the plan")
        self.open_button.clicked.connect(lambda: ctx.navigate("plan", None))
        for widget in (self.headline, self.details, self.season, self.source):
            self.body.addWidget(widget)
        self.body.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        ctx.plan_changed.connect(self.refresh)
        ctx.programs_changed.connect(self.refresh)
        ctx.profile_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        from smartpick_desktop.core.model.plan_store import current_plan
        from smartpick_desktop.core.profile import load_profile

        with self._ctx.store.session() as session:
            plan = current_plan(session)
            profile = load_profile(session)
            programs = []
            if plan is not None and profile is not None:
                from smartpick_desktop.core.catalog.queries import load_programs

                wanted = set(plan.program_ids)
                programs = [p for p in load_programs(session) if p.program_id in wanted]
        if plan is None:
            self.headline.setText("No list chosen yet.")
            self.details.setText("The Plan tab builds the list that gives you the best chance "
                                 "of matching within your budget, and places your signals.")
            self.season.setText("")
            self.source.setText("")
            self.open_button.setText("Build my list")
            return
        self.open_button.setText("Open the plan")
        used: dict[str, int] = {}
        for level in plan.signals.values():
            used[level] = used.get(level, 0) + 1
        signals = ", ".join(f"{k} {level}" for level, k in sorted(used.items())) or "none"
        per = "; ".join(f"{p['specialty']} {p['applications']}" for p in plan.fee_breakdown)
        self.headline.setText(f"P(match) of your list: {percent_text(plan.p_match)}")
        self.details.setText(
            f"{len(plan.program_ids)} applications ({per}) · signals used: {signals} · "
            f"Application fees ${plan.fee_usd:,} · expected interviews {plan.expected_interviews:.1f}.")
        self.season.setText("")
        answered = ("invited", "interviewed", "ranked", "rejected")
        if profile is not None and any(p.status in answered for p in programs):
            from smartpick_desktop.core.model.season import season_outlook

            outlook = season_outlook(profile, programs, plan.signals)
            if outlook.posterior.evidence:
                self.season.setText(
                    f"Interview season: now {percent_text(outlook.p_match_now)} "
                    f"({outlook.invited} invited, {outlook.rejected} rejected, "
                    f"{outlook.pending} pending).")
        from smartpick_desktop.core.reference import load_reference

        ref = load_reference()
        self.source.setText(f"Model estimate calibrated to {ref.match_rates['us_md'].cite()}; "
                            f"fees: {ref.fee_rule.describe()}.")
