"""Follow-up rules and their settings (stored in the store's settings table)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.store.settings import get_setting, set_setting

SETTING_KEY = "mentors.followup_rules"


@dataclass(frozen=True)
class FollowUpRules:
    """How soon each follow-up falls due (good practice by default; all configurable).

    Attributes:
        thank_you_days: a thank-you is due this many days after a meeting.
        event_follow_up_days: a follow-up is due this many days after meeting someone new at
            an event.
        quiet_weeks: a check-in is due when a mentor or letter writer has been quiet this long.
        weekly_goal: outreach e-mails to send each week (0 turns the goal off).
        *_enabled: switch each rule on or off.
    """

    thank_you_enabled: bool = True
    thank_you_days: int = 2
    event_enabled: bool = True
    event_follow_up_days: int = 7
    check_in_enabled: bool = True
    quiet_weeks: int = 6
    weekly_goal: int = 1

    def validated(self) -> FollowUpRules:
        limits = {"thank_you_days": (0, 60), "event_follow_up_days": (0, 90),
                  "quiet_weeks": (1, 104), "weekly_goal": (0, 50)}
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise InputError(f'Follow-up rules: field "{name}" must be a whole number from '
                                 f"{low} to {high}, not {value!r}.")
        for f in fields(self):
            if f.name.endswith("_enabled") and not isinstance(getattr(self, f.name), bool):
                raise InputError(f'Follow-up rules: field "{f.name}" must be true or false.')
        return self


def load_rules(session: Session) -> FollowUpRules:
    """The saved rules, defaults for anything missing or unusable."""
    raw = get_setting(session, SETTING_KEY, {}) or {}
    known = {f.name for f in fields(FollowUpRules)}
    try:
        return FollowUpRules(**{k: v for k, v in raw.items() if k in known}).validated()
    except (InputError, TypeError, AttributeError):
        return FollowUpRules()


def save_rules(session: Session, rules: FollowUpRules) -> None:
    set_setting(session, SETTING_KEY, asdict(rules.validated()))
