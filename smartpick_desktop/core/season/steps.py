"""The season's dated steps as of today: past ones are done, missed or passed (never things to
do), and a student past the submission window is told what still matters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from smartpick_desktop.core.season.types import Season, SeasonDate

STATE_LABELS = {"upcoming": "Coming up", "today": "Today", "done": "Done", "missed": "Missed",
                "passed": "Passed"}
SENT_STATUSES = ("applied", "invited", "interviewed", "ranked", "rejected")


@dataclass(frozen=True)
class Step:
    """A season date with its state as of today."""

    date: SeasonDate
    state: str                  # upcoming | today | done | missed | passed

    @property
    def past(self) -> bool:
        return self.state not in ("upcoming", "today")

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def relevant_dates(season: Season, platforms: Iterable[str]) -> list[SeasonDate]:
    """The season's dates for the student's platforms (dates without a platform are for all;
    ERAS application dates only when ERAS is used)."""
    used = set(platforms)
    out = []
    for d in season.dates:
        if d.platform is not None and d.platform not in used:
            continue
        if d.platform is None and d.kind == "eras" and "ERAS" not in used and used:
            continue
        out.append(d)
    return out


def season_steps(season: Season, today: dt.date, platforms: Iterable[str],
                 applications_sent: int = 0) -> list[Step]:
    """Every relevant date with its state: a past submission step is done when applications
    are marked sent and missed otherwise; other past dates have passed."""
    steps = []
    for d in relevant_dates(season, platforms):
        if d.date > today:
            state = "upcoming"
        elif d.date == today:
            state = "today"
        elif d.role == "submit":
            state = "done" if applications_sent else "missed"
        else:
            state = "passed"
        steps.append(Step(d, state))
    return steps


def _day(d: dt.date) -> str:
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def submission_notice(season: Season, today: dt.date, platforms: Iterable[str],
                      applications_sent: int = 0) -> str | None:
    """None before the submission window closes; after it, what still matters."""
    dates = relevant_dates(season, list(platforms))
    submits = [d for d in dates if d.role == "submit"]
    if not submits or today <= max(d.date for d in submits):
        return None
    last = max(submits, key=lambda d: d.date)
    text = (f"The usual submission window of the {season.id.replace('-', '–')} season has "
            f"passed ({last.name}, {_day(last.date)}).")
    roles = {d.role: d for d in dates if d.role}
    rank, soap, match = roles.get("rank_deadline"), roles.get("soap"), roles.get("match_day")
    after_match = match is not None and today > match.date
    if not after_match:
        if applications_sent:
            text += (f" You have {applications_sent} application"
                     f"{'s' if applications_sent != 1 else ''} marked sent: what matters now "
                     "is interviews")
            text += (f" and your rank order list (deadline {_day(rank.date)})." if rank and
                     rank.date >= today else ".")
        else:
            text += (" No application is marked sent: programs may still take late "
                     "applications, but most interview invitations have gone out.")
        if soap is not None:
            text += (f" If you do not match, SOAP starts in Match Week ({_day(soap.date)}) "
                     "for positions left unfilled.")
    else:
        text += " This season's Match is over."
    text += (f" The next season ({season.match_year}–{str(season.match_year + 1)[2:]}) opens "
             f"in June {season.match_year}: import its season pack when it is published.")
    return text
