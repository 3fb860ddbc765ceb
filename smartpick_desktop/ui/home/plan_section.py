"""Home card: plan status — P(match) of the current list, applications, signals, fee."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from smartpick_desktop.core.model.percent import likely_text, percent_text
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.widgets import Card, wrapped_label


class PlanSection(Card):
    """The current plan at a glance; refreshes when the plan, programs or profile change."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Your plan", parent)
        self.ctx = ctx
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
        from smartpick_desktop.core.plan.figures import fresh_plan
        from smartpick_desktop.core.profile import load_profile

        with self.ctx.store.session() as session:
            profile = load_profile(session)
            plan = fresh_plan(session, profile).plan  # figures match today's inputs
            from smartpick_desktop.core.plan.figures import season_now

            outlook = season_now(session, profile, plan) if plan is not None else None
        if plan is None:
            self.headline.setText("No list chosen yet.")
            self.details.setText("The Plan tab builds the list that gives you the best chance "
                                 "of matching within your budget, and places your signals.")
            self.season.setText("")
            self.season.hide()  # no blank line where there is nothing to say
            self.source.setText("")
            self.open_button.setText("Build my list")
            return
        self.open_button.setText("Open the plan")
        used: dict[str, int] = {}
        for level in plan.signals.values():
            used[level] = used.get(level, 0) + 1
        signals = ", ".join(f"{k} {level}" for level, k in sorted(used.items())) or "none"
        per = "; ".join(f"{p['specialty']} {p['applications']}" for p in plan.fee_breakdown)
        low_high = plan.details.get("p_match_range")
        likely = f" ({likely_text(low_high)})" if low_high else ""
        self.headline.setText(f"P(match) of your list: {percent_text(plan.p_match)}{likely}")
        primary = plan.details.get("p_match_primary")
        if plan.backup_specialty and primary is not None:
            self.headline.setText(f"P(match) of your list: {percent_text(plan.p_match)}{likely} "
                                  f"for any position ({plan.specialty} alone "
                                  f"{percent_text(primary)})")
        any_p = plan.details.get("p_match_any")
        if any_p is not None and any_p > plan.p_match + 1e-9:
            self.headline.setText(self.headline.text() + f"; with the preliminary safety net, "
                                  f"any position {percent_text(any_p)}")
        self.details.setText(
            f"{len(plan.program_ids)} applications ({per}) · signals used: {signals} · "
            f"Application fees ${plan.fee_usd:,} · expected interviews {plan.expected_interviews:.1f}.")
        self.season.setText("")
        if outlook is not None and outlook.posterior.evidence:
            self.season.setText(
                f"Interview season: now {percent_text(outlook.p_match_now)} "
                f"({outlook.invited} invited, {outlook.rejected} rejected, "
                f"{outlook.pending} pending).")
        self.season.setVisible(bool(self.season.text()))
        from smartpick_desktop.core.model.basis import model_basis
        from smartpick_desktop.core.season import fee_rule_text, season_in_force

        with self.ctx.store.session() as session:
            season = season_in_force(session).season
        groups = [str(p["specialty"]) for p in plan.fee_breakdown]
        self.source.setText(f"{model_basis()}; fees: {fee_rule_text(season, groups)}.")
