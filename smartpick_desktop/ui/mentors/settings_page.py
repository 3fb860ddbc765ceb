"""Settings → Mentors: the follow-up rules."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QSpinBox, QWidget

from smartpick_desktop.core.mentors.rules import FollowUpRules, load_rules, save_rules
from smartpick_desktop.ui.context import AppContext


def _spin(low: int, high: int, value: int, one: str, many: str) -> QSpinBox:
    """A spin box whose unit agrees with the number ("1 e-mail a week", "2 e-mails a week")."""
    spin = QSpinBox()
    spin.setRange(low, high)

    def agree(number: int) -> None:
        spin.setSuffix(one if number == 1 else many)

    spin.valueChanged.connect(agree)
    spin.setValue(value)
    agree(value)
    return spin


class FollowUpSettingsPage(QWidget):
    """Edit the follow-up rules; ``apply()`` saves them (called on OK)."""

    title = "Mentors"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        with ctx.store.session() as s:
            rules = load_rules(s)
        form = QFormLayout(self)
        intro = QLabel("Reminders drawn from good practice. Items due today show on Home and in "
                       "the Mentors tab; later they turn overdue.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.thank_you_enabled = QCheckBox("Remind me to say thank you after a meeting")
        self.thank_you_enabled.setChecked(rules.thank_you_enabled)
        self.thank_you_days = _spin(0, 60, rules.thank_you_days, " day after", " days after")
        self.event_enabled = QCheckBox("Remind me to follow up with someone new from an event")
        self.event_enabled.setChecked(rules.event_enabled)
        self.event_days = _spin(0, 90, rules.event_follow_up_days, " day after", " days after")
        self.check_in_enabled = QCheckBox("Remind me to check in with mentors and letter writers")
        self.check_in_enabled.setChecked(rules.check_in_enabled)
        self.quiet_weeks = _spin(1, 104, rules.quiet_weeks, " quiet week", " quiet weeks")
        self.weekly_goal = _spin(0, 50, rules.weekly_goal, " e-mail a week", " e-mails a week")
        self.weekly_goal.setSpecialValueText("Off")
        form.addRow(self.thank_you_enabled)
        form.addRow("Thank-you due", self.thank_you_days)
        form.addRow(self.event_enabled)
        form.addRow("Follow-up due", self.event_days)
        form.addRow(self.check_in_enabled)
        form.addRow("Check in after", self.quiet_weeks)
        form.addRow("Weekly outreach goal", self.weekly_goal)

    def rules(self) -> FollowUpRules:
        return FollowUpRules(
            thank_you_enabled=self.thank_you_enabled.isChecked(),
            thank_you_days=self.thank_you_days.value(),
            event_enabled=self.event_enabled.isChecked(),
            event_follow_up_days=self.event_days.value(),
            check_in_enabled=self.check_in_enabled.isChecked(),
            quiet_weeks=self.quiet_weeks.value(), weekly_goal=self.weekly_goal.value(),
        )

    def apply(self) -> None:
        with self.ctx.store.session() as s:
            save_rules(s, self.rules())
        self.ctx.mentors_changed.emit()
