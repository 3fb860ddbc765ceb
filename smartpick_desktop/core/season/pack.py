"""Read and validate a season pack (``docs/season-packs.md``) into a :class:`Season`.

Every problem raises :class:`SeasonPackError` (an InputError: exit 3) naming the file and the key,
e.g. ``Season pack next.json, platforms.ERAS.fee_rule.tiers[1].from: tiers must follow on
without gaps (expected 31).`` Nothing is stored by this module.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any, NoReturn

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.reference.types import APPLICANT_TYPES, FeeTier, Source
from smartpick_desktop.core.season.types import (
    CostItem,
    MatchRate,
    Platform,
    PlatformFeeRule,
    Season,
    SeasonDate,
    SpecialtySeason,
    Step2Figures,
)

FORMAT = "smartpick-season"
VERSION = 1
MAX_BYTES = 1_000_000
MAX_USD = 100_000
MAX_ITEMS = 500
DATE_KINDS = ("eras", "residencycas", "nrmp")
DATE_ROLES = ("submit", "rank_deadline", "soap", "match_day")
COST_KINDS = ("once", "per_platform", "per_rank_beyond")
SIGNAL_LEVELS = ("gold", "silver", "signal")
_SEASON_ID = re.compile(r"^(20\d\d)-(\d\d)$")


class SeasonPackError(InputError):
    """A season pack was refused; ``str(err)`` names the file and key. Nothing was changed."""


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.sources: dict[str, Source] = {}

    def fail(self, key: str, problem: str) -> NoReturn:
        where = f", {key}" if key else ""
        raise SeasonPackError(f"Season pack {self.name}{where}: {problem}.")

    def obj(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(key, "expected an object {…}")
        return value

    def items(self, value: Any, key: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(key, "expected a list […]")
        if len(value) > MAX_ITEMS:
            self.fail(key, f"too many entries (at most {MAX_ITEMS})")
        return value

    def text(self, obj: dict, field: str, key: str, *, optional: bool = False,
             limit: int = 500) -> Any:
        value = obj.get(field)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{key}.{field}", "expected non-empty text")
        if len(value) > limit:
            self.fail(f"{key}.{field}", f"text longer than {limit} characters")
        return value.strip()

    def integer(self, obj: dict, field: str, key: str, low: int, high: int, *,
                optional: bool = False) -> Any:
        value = obj.get(field)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(f"{key}.{field}", f"expected a whole number, got {_show(value)}")
        if not low <= value <= high:
            self.fail(f"{key}.{field}", f"must be from {low} to {high}, got {value}")
        return value

    def flag(self, obj: dict, field: str, key: str, default: bool = False) -> bool:
        value = obj.get(field, default)
        if not isinstance(value, bool):
            self.fail(f"{key}.{field}", f"expected true or false, got {_show(value)}")
        return value

    def date(self, obj: dict, field: str, key: str) -> dt.date:
        text = self.text(obj, field, key, limit=10)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{key}.{field}", f"expected a date as YYYY-MM-DD, got {_show(text)}")

    def source(self, obj: dict, field: str, key: str, *, optional: bool = False) -> Any:
        sid = obj.get(field)
        if sid is None and optional:
            return None
        if not isinstance(sid, str) or sid not in self.sources:
            self.fail(f"{key}.{field}", f"unknown source id {_show(sid)} (list it under "
                      "\"sources\")")
        return self.sources[sid]


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_pack_file(path: str | Path) -> tuple[Season, str]:
    """Read and validate the pack at ``path``; return the season and the pack's JSON text."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise SeasonPackError(f"Season pack {path.name}: cannot be read "
                              f"({err.strerror or err}).") from None
    if not path.is_file():
        raise SeasonPackError(f"Season pack {path.name}: not a file.")
    if size > MAX_BYTES:
        raise SeasonPackError(f"Season pack {path.name}: the file is {size:,} bytes; a season "
                              f"pack is at most {MAX_BYTES:,}.")
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SeasonPackError(f"Season pack {path.name}: not UTF-8 text (a season pack is a "
                              "JSON file).") from None
    except OSError as err:
        raise SeasonPackError(f"Season pack {path.name}: cannot be read "
                              f"({err.strerror or err}).") from None
    return parse_pack_text(raw, path.name), raw


def parse_pack_text(text: str, name: str = "(pack)", origin: str = "imported") -> Season:
    """Parse and validate pack JSON text."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise SeasonPackError(f"Season pack {name}: larger than {MAX_BYTES:,} bytes.")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as err:
        raise SeasonPackError(f"Season pack {name}: not valid JSON (line {err.lineno}, "
                              f"column {err.colno}).") from None
    except (ValueError, RecursionError) as err:
        raise SeasonPackError(f"Season pack {name}: {err}.") from None
    from smartpick_desktop.core.textio import check_json_value

    try:
        check_json_value(data)  # no lone surrogates (they cannot be stored or printed)
    except ValueError as err:
        raise SeasonPackError(f"Season pack {name}: {err}.") from None
    return parse_pack(data, name, origin)


def parse_pack(data: Any, name: str = "(pack)", origin: str = "imported") -> Season:
    """Validate a decoded pack mapping."""
    from smartpick_desktop.core.reference import load_reference

    r = _Reader(name)
    top = r.obj(data, "")
    if top.get("format") != FORMAT:
        r.fail("format", f'expected "{FORMAT}" (this is not a SmartPick season pack)')
    if top.get("version") != VERSION:
        r.fail("version", f"expected {VERSION}, got {_show(top.get('version'))}")
    season_id = r.text(top, "season", "", limit=7)
    found = _SEASON_ID.match(season_id)
    if not found or int(found.group(2)) != (int(found.group(1)) + 1) % 100:
        r.fail("season", f"expected two following years such as \"2026-27\", got "
               f"{_show(season_id)}")
    match_year = r.integer(top, "match_year", "", 2000, 2100)
    if match_year != int(found.group(1)) + 1:
        r.fail("match_year", f"season {season_id} leads to the {int(found.group(1)) + 1} "
               f"Match, not {match_year}")
    for sid, raw in r.obj(top.get("sources"), "sources").items():
        key = f"sources.{sid}"
        obj = r.obj(raw, key)
        r.sources[sid] = Source(
            id=sid, title=r.text(obj, "title", key), publisher=r.text(obj, "publisher", key),
            year=r.integer(obj, "year", key, 1950, 2100, optional=True),
            url=r.text(obj, "url", key, optional=True),
            secondary=r.flag(obj, "secondary", key), uncertain=r.flag(obj, "uncertain", key))
    if len(r.sources) > MAX_ITEMS:
        r.fail("sources", f"too many entries (at most {MAX_ITEMS})")
    starts, ends = r.date(top, "starts", ""), r.date(top, "ends", "")
    if ends <= starts:
        r.fail("ends", "must come after starts")
    platforms = _platforms(r, top.get("platforms"))
    default = r.text(top, "default_platform", "")
    if default not in platforms or not platforms[default].in_match:
        r.fail("default_platform", f"{_show(default)} is not a platform of this pack that the "
               "Match uses")
    ref = load_reference()
    specialties: dict[str, SpecialtySeason] = {}
    for spec_name, raw in r.obj(top.get("specialties", {}), "specialties").items():
        key = f"specialties.{spec_name}"
        spec = ref.find_specialty(spec_name)
        if spec is None:
            r.fail(key, "unknown specialty (use a name SmartPick knows, such as "
                   "\"Internal Medicine\")")
        obj = r.obj(raw, key)
        platform = r.text(obj, "platform", key, limit=40)
        if platform not in platforms:
            r.fail(f"{key}.platform", f"{_show(platform)} is not listed under \"platforms\"")
        signals = _signals(r, obj.get("signals", {}), f"{key}.signals")
        specialties[spec.name] = SpecialtySeason(
            spec.name, platform, signals,
            r.source(obj, "signals_source", key, optional=not signals),
            r.text(obj, "note", key, optional=True))
    dates = tuple(sorted((_date(r, raw, f"dates[{i}]", platforms)
                          for i, raw in enumerate(r.items(top.get("dates"), "dates"))),
                         key=lambda d: (d.date, d.name)))
    if not dates:
        r.fail("dates", "a season needs its dates")
    for d in dates:
        if not dt.date(starts.year - 1, 1, 1) <= d.date <= dt.date(ends.year + 1, 12, 31):
            r.fail("dates", f"{d.name} ({d.date.isoformat()}) lies far outside the season")
    costs = tuple(_cost(r, raw, f"costs[{i}]")
                  for i, raw in enumerate(r.items(top.get("costs", []), "costs")))
    not_included = tuple(
        r.text({"t": t}, "t", f"not_included[{i}]")
        for i, t in enumerate(r.items(top.get("not_included", []), "not_included")))
    return Season(
        id=season_id, match_year=match_year, title=r.text(top, "title", ""),
        created=r.date(top, "created", ""), publisher=r.text(top, "publisher", ""),
        starts=starts, ends=ends, platforms=platforms, default_platform=default,
        specialties=specialties, dates=dates, costs=costs, not_included=not_included,
        match_rates=_rates(r, top.get("match_rates")), step2=_step2(r, top.get("step2")),
        sources=dict(r.sources), origin=origin)


def _platforms(r: _Reader, raw: Any) -> dict[str, Platform]:
    out = {}
    for name, value in r.obj(raw, "platforms").items():
        key = f"platforms.{name}"
        if not name.strip() or len(name) > 40:
            r.fail(key, "a platform needs a short name")
        obj = r.obj(value, key)
        in_match = r.flag(obj, "in_match", key, default=True)
        rule = _fee_rule(r, obj.get("fee_rule"), f"{key}.fee_rule") if in_match else None
        out[name] = Platform(name, r.text(obj, "label", key, optional=True) or name, in_match,
                             rule, r.text(obj, "note", key, optional=True))
    if not any(p.in_match for p in out.values()):
        r.fail("platforms", "no platform of the Match is listed")
    return out


def _fee_rule(r: _Reader, raw: Any, key: str) -> PlatformFeeRule:
    obj = r.obj(raw, key)
    tiers: list[FeeTier] = []
    for i, value in enumerate(r.items(obj.get("tiers"), f"{key}.tiers")):
        tkey = f"{key}.tiers[{i}]"
        t = r.obj(value, tkey)
        first = r.integer(t, "from", tkey, 1, 10_000)
        last = r.integer(t, "to", tkey, 1, 10_000, optional=True)
        usd = r.integer(t, "usd", tkey, 0, MAX_USD)
        if tiers and tiers[-1].last is None:
            r.fail(tkey, "no tier can follow a tier without an upper bound (\"to\": null)")
        expected = tiers[-1].last + 1 if tiers else 1
        if first != expected:
            r.fail(f"{tkey}.from", f"tiers must follow on without gaps (expected {expected})")
        if last is not None and last < first:
            r.fail(f"{tkey}.to", f"must be at least \"from\" ({first})")
        flat = r.flag(t, "flat", tkey)
        if flat and last is None:
            r.fail(f"{tkey}.to", "a flat tier needs an upper bound")
        tiers.append(FeeTier(first, last, usd, flat))
    if not tiers or tiers[-1].last is not None:
        r.fail(f"{key}.tiers", "the last tier must have \"to\": null (no upper bound)")
    return PlatformFeeRule(
        text=r.text(obj, "text", key), tiers=tuple(tiers),
        per_specialty=r.flag(obj, "per_specialty", key, default=True),
        season_year=r.integer(obj, "season_year", key, 2000, 2100),
        source=r.source(obj, "source", key), note=r.text(obj, "note", key, optional=True))


def _signals(r: _Reader, raw: Any, key: str) -> dict[str, int]:
    obj = r.obj(raw, key)
    out = {}
    for level in obj:
        if level not in SIGNAL_LEVELS:
            r.fail(f"{key}.{level}", f"expected a level among {', '.join(SIGNAL_LEVELS)}")
        out[level] = r.integer(obj, level, key, 0, 100)
    if ("gold" in out) != ("silver" in out) or ("signal" in out and "gold" in out):
        r.fail(key, "give gold and silver together, or a single \"signal\" count")
    return {k: v for k, v in out.items() if v}


def _date(r: _Reader, raw: Any, key: str, platforms: dict[str, Platform]) -> SeasonDate:
    obj = r.obj(raw, key)
    kind = obj.get("kind")
    if kind not in DATE_KINDS:
        r.fail(f"{key}.kind", f"expected one of {', '.join(DATE_KINDS)}, got {_show(kind)}")
    role = obj.get("role")
    if role is not None and role not in DATE_ROLES:
        r.fail(f"{key}.role", f"expected one of {', '.join(DATE_ROLES)}, got {_show(role)}")
    platform = r.text(obj, "platform", key, optional=True, limit=40)
    if platform is not None and platform not in platforms:
        r.fail(f"{key}.platform", f"{_show(platform)} is not listed under \"platforms\"")
    estimated = r.flag(obj, "estimated", key)
    note = r.text(obj, "note", key, optional=True)
    if estimated and note is None:
        r.fail(f"{key}.note", "an estimated date needs a note saying how it was estimated")
    return SeasonDate(r.text(obj, "name", key, limit=200), r.date(obj, "date", key), kind,
                      r.source(obj, "source", key), estimated, note, role, platform)


def _cost(r: _Reader, raw: Any, key: str) -> CostItem:
    obj = r.obj(raw, key)
    kind = obj.get("kind")
    if kind not in COST_KINDS:
        r.fail(f"{key}.kind", f"expected one of {', '.join(COST_KINDS)}, got {_show(kind)}")
    types = tuple(r.items(obj.get("applicant_types", []), f"{key}.applicant_types"))
    for t in types:
        if t not in APPLICANT_TYPES:
            r.fail(f"{key}.applicant_types", f"{_show(t)} is not one of "
                   f"{', '.join(APPLICANT_TYPES)}")
    return CostItem(
        id=r.text(obj, "id", key, limit=60), label=r.text(obj, "label", key, limit=200),
        kind=kind, usd=r.integer(obj, "usd", key, 0, MAX_USD), source=r.source(obj, "source", key),
        included=r.integer(obj, "included", key, 0, 1000, optional=True) or 0,
        applicant_types=types, note=r.text(obj, "note", key, optional=True))


def _rates(r: _Reader, raw: Any) -> dict[str, MatchRate]:
    if raw is None:
        return {}
    obj = r.obj(raw, "match_rates")
    year = r.integer(obj, "year", "match_rates", 2000, 2100)
    source = r.source(obj, "source", "match_rates")
    out = {}
    for atype, value in r.obj(obj.get("rates"), "match_rates.rates").items():
        key = f"match_rates.rates.{atype}"
        if atype not in APPLICANT_TYPES:
            r.fail(key, f"expected an applicant type among {', '.join(APPLICANT_TYPES)}")
        item = r.obj(value, key)
        rate = item.get("rate")
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not (
                math.isfinite(rate) and 0 <= rate <= 1):
            r.fail(f"{key}.rate", f"expected a fraction from 0 to 1, got {_show(rate)}")
        active = r.integer(item, "active", key, 0, 1_000_000, optional=True)
        matched = r.integer(item, "matched", key, 0, 1_000_000, optional=True)
        if active is not None and matched is not None and matched > active:
            r.fail(f"{key}.matched", "cannot exceed active")
        out[atype] = MatchRate(float(rate), active, matched, year, source)
    return out


def _step2(r: _Reader, raw: Any) -> Step2Figures:
    if raw is None:
        return Step2Figures(None, None)
    obj = r.obj(raw, "step2")
    key = "step2"
    by = {}
    for spec, value in r.obj(obj.get("by_specialty", {}), "step2.by_specialty").items():
        by[spec] = r.integer({"v": value}, "v", f"step2.by_specialty.{spec}", 180, 300)
    statistic = obj.get("statistic")
    if by and statistic not in ("median", "mean"):
        r.fail("step2.statistic", "expected \"median\" or \"mean\"")
    return Step2Figures(
        pass_mark=r.integer(obj, "pass_mark", key, 150, 300, optional=True),
        pass_mark_source=r.source(obj, "pass_mark_source", key,
                                  optional=obj.get("pass_mark") is None),
        statistic=statistic if by else None,
        year=r.integer(obj, "year", key, 2000, 2100, optional=not by),
        source=r.source(obj, "source", key, optional=not by), by_specialty=by,
        national_mean=r.integer(obj, "national_mean", key, 180, 300, optional=True),
        national_sd=r.integer(obj, "national_sd", key, 1, 60, optional=True),
        national_source=r.source(obj, "national_source", key,
                                 optional=obj.get("national_mean") is None))
