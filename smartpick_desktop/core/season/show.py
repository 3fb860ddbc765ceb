"""What ``smartpick season show`` prints: the season in force, per specialty."""

from __future__ import annotations

import datetime as dt
from typing import Any

from smartpick_desktop.core.season.service import specialty_season
from smartpick_desktop.core.season.steps import relevant_dates
from smartpick_desktop.core.season.types import Season


def specialty_view(season: Season, name: str, today: dt.date) -> dict[str, Any]:
    """One specialty's platform, fee rule (priced at 1, 18, 30, 31 and 46 programs), signals
    and dates (each with ``past``) — the ``season show --json`` entry."""
    entry = specialty_season(season, name)
    platform = season.platforms[entry.platform]
    if platform.fee_rule is not None:
        rule = {"text": platform.fee_rule.text, "fees": platform.fee_rule.fees_at()}
        dates = relevant_dates(season, [platform.name])
    else:
        rule = {"text": platform.note or f"{platform.label}: not planned by SmartPick",
                "fees": {}}
        dates = []
    return {
        "specialty": entry.specialty, "platform": platform.name, "fee_rule": rule,
        "signals": dict(entry.signals),
        "dates": [{"name": d.name, "date": d.date.isoformat(), "source": d.source.label(),
                   "past": d.date < today} for d in dates],
    }


def season_json(season: Season, specialties: list[str], today: dt.date) -> dict[str, Any]:
    return {"season": season.id, "source": season.source_text,
            "specialties": [specialty_view(season, s, today) for s in specialties]}
