"""The season in force: shipped season packs, packs an advisor imported (kept in the store's
settings), the student's choice, and what a specialty's season looks like.

The season is chosen from today's date unless the student picked one (:func:`choose_season`).
An imported pack replaces a shipped one with the same ``season`` id.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.resources import resource_path
from smartpick_desktop.core.season.pack import parse_pack_text, read_pack_file
from smartpick_desktop.core.season.types import Platform, Season, SpecialtySeason

PACKS_KEY = "season/packs"
CHOICE_KEY = "season/choice"


@functools.lru_cache(maxsize=1)
def shipped_seasons() -> dict[str, Season]:
    """The season packs shipped in ``resources/seasons`` by id (cached)."""
    folder = resource_path("seasons", "2026-27.json").parent
    out = {}
    for path in sorted(folder.glob("*.json")):
        season = parse_pack_text(path.read_text(encoding="utf-8"), path.name, "shipped")
        out[season.id] = season
    return out


@functools.lru_cache(maxsize=16)
def _parse_stored(text: str, imported: str) -> Season:
    return parse_pack_text(text, "(stored pack)", f"imported {imported}")


def stored_packs(session: Session) -> dict[str, Season]:
    """Packs imported into this store, by season id (a damaged entry is skipped)."""
    from smartpick_desktop.core.store.settings import get_setting

    raw = get_setting(session, PACKS_KEY, {}) or {}
    out = {}
    for sid, entry in raw.items() if isinstance(raw, dict) else ():
        try:
            out[sid] = _parse_stored(entry["text"], entry.get("imported", ""))
        except (InputError, KeyError, TypeError):
            continue
    return out


def available_seasons(session: Session | None) -> dict[str, Season]:
    """Every season the app knows, by id, oldest first; imported packs win over shipped ones."""
    seasons = dict(shipped_seasons())
    if session is not None:
        seasons.update(stored_packs(session))
    return dict(sorted(seasons.items()))


def season_for_date(seasons: dict[str, Season], today: dt.date) -> Season:
    """The season covering ``today``; else the latest that started before it; else the first."""
    covering = [s for s in seasons.values() if s.covers(today)]
    if covering:
        return max(covering, key=lambda s: s.starts)
    started = [s for s in seasons.values() if s.starts <= today]
    return max(started, key=lambda s: s.starts) if started else min(
        seasons.values(), key=lambda s: s.starts)


@dataclass(frozen=True)
class SeasonChoice:
    """The season in force and how it was chosen."""

    season: Season
    by_date: bool            # True: chosen from today's date; False: the student's choice
    covers_today: bool
    today: dt.date

    def explain(self) -> str:
        how = ("chosen from today's date" if self.by_date
               else "chosen by you (switch back to “By today's date” to follow the calendar)")
        text = f"{self.season.label}, {how}."
        if not self.covers_today and self.by_date:
            text += (f" No season pack covers {self.today.isoformat()}; import a newer season "
                     "pack when it is published.")
        elif not self.covers_today:
            text += f" It is not the season of today's date ({self.today.isoformat()})."
        return text


def season_in_force(session: Session | None, today: dt.date | None = None,
                    season_id: str | None = None) -> SeasonChoice:
    """The season to plan with: ``season_id`` if given, else the stored choice, else by date."""
    from smartpick_desktop.core.store.settings import get_setting

    today = today or dt.date.today()
    seasons = available_seasons(session)
    wanted = season_id
    if wanted is None and session is not None:
        wanted = get_setting(session, CHOICE_KEY, None)
    if wanted is not None and wanted not in seasons and season_id is not None:
        raise InputError(f"Unknown season '{season_id}'; known seasons: "
                         f"{', '.join(seasons)}.")
    if wanted in seasons:
        season = seasons[wanted]
        return SeasonChoice(season, False, season.covers(today), today)
    season = season_for_date(seasons, today)
    return SeasonChoice(season, True, season.covers(today), today)


def choose_season(session: Session, season_id: str | None) -> None:
    """Remember the student's season (None: follow today's date)."""
    from smartpick_desktop.core.store.settings import set_setting

    if season_id is not None and season_id not in available_seasons(session):
        raise InputError(f"Unknown season '{season_id}'.")
    set_setting(session, CHOICE_KEY, season_id)


def import_season_pack(session: Session, path: str | Path,
                       today: dt.date | None = None) -> Season:
    """Validate the pack at ``path`` and store it (replacing an earlier import of the same
    season). Raises SeasonPackError naming the file and key; nothing is changed then."""
    from smartpick_desktop.core.store.settings import get_setting, set_setting

    season, text = read_pack_file(path)
    imported = (today or dt.date.today()).isoformat()
    packs = dict(get_setting(session, PACKS_KEY, {}) or {})
    packs[season.id] = {"text": text, "imported": imported, "file": Path(path).name}
    set_setting(session, PACKS_KEY, packs)
    return _parse_stored(text, imported)


# --- specialties in a season -------------------------------------------------------------------


def canonical_specialty(name: str) -> str:
    from smartpick_desktop.core.reference import load_reference

    spec = load_reference().find_specialty(name or "")
    return spec.name if spec else (name or "")


def specialty_season(season: Season, name: str) -> SpecialtySeason:
    """A specialty's platform and signals this season; specialties the pack does not list use
    the default platform and the shipped ERAS 2025 signal table."""
    from smartpick_desktop.core.reference import load_reference

    canonical = canonical_specialty(name)
    entry = season.specialties.get(canonical)
    if entry is not None:
        return entry
    spec = load_reference().find_specialty(canonical)
    platform = season.default_platform
    if spec is not None and spec.separate_match:
        platform = next((p.name for p in season.platforms.values()
                         if not p.in_match and p.name == spec.match), platform)
    signals: dict[str, int] = {}
    source = None
    if spec is not None and spec.has_signals:
        signals = ({"gold": spec.signals_gold, "silver": spec.signals_silver}
                   if spec.signals_gold else {"signal": spec.signals_total})
        source = spec.signals_source
    return SpecialtySeason(canonical, platform, signals, source, spec.signals_note if spec else None)


def platform_for(season: Season, name: str) -> Platform:
    return season.platforms[specialty_season(season, name).platform]


def fee_functions(season: Season, groups: list[str]) -> dict[str, Any]:
    """Specialty group -> ``fee_for(count)`` of its platform (what the optimiser takes). A
    specialty outside the Match costs nothing here: SmartPick does not plan it."""
    out = {}
    for group in groups:
        rule = platform_for(season, group).fee_rule
        out[group] = rule.fee_for if rule is not None else (lambda _n: 0)
    return out


def application_fees(season: Season, counts: dict[str, int]) -> list[dict[str, Any]]:
    """Fee lines by specialty: ``{"specialty", "platform", "applications", "fee_usd"}``."""
    lines = []
    for name, count in counts.items():
        platform = platform_for(season, name)
        fee = platform.fee_rule.fee_for(count) if platform.fee_rule else 0
        lines.append({"specialty": name, "platform": platform.name, "applications": count,
                      "fee_usd": fee})
    return lines


def fee_rule_text(season: Season, groups: list[str]) -> str:
    """One sentence per platform used, e.g. "ERAS: $11 per program … (AAMC, …, 2026)"."""
    parts = []
    seen = set()
    for group in groups:
        platform = platform_for(season, group)
        if platform.name in seen:
            continue
        seen.add(platform.name)
        if platform.fee_rule is None:
            parts.append(f"{platform.label}: not planned by SmartPick")
            continue
        rule = platform.fee_rule
        parts.append(f"{platform.name} ({season.id.replace('-', '–')}): {rule.text} "
                     f"({rule.source.label()})")
    return "; ".join(parts)
