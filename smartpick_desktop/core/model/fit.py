"""Fit (0–100): how well each program matches the student's weighted preferences.

Components, each scored 0..1 (0.5 = no preference or unknown): location (preferred states and
home state, distance from home where both coordinates are known), setting, size, reputation
(where a pack has it). Fit = 100 × weighted mean over the profile's weights (the ``chance`` weight
is used by the ranking, not here); the student's own stars then pull it: with stars > 0,
fit = 0.75 × fit + 0.25 × stars/5 × 100.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

FIT_KEYS = ("location", "setting", "size", "reputation")
SIZE_BANDS = {"small": (0, 6), "medium": (7, 15), "large": (16, 10_000)}
SETTING_WORDS = {"university": "University-based", "community_university":
                 "University-affiliated community", "community": "Community-based",
                 "military": "Military"}
STAR_SHARE = 0.25


@functools.lru_cache(maxsize=64)
def home_coordinates(city: str, state: str | None) -> tuple[float, float] | None:
    """Latitude/longitude of the student's home city (offline, via the catalog's geography)."""
    if not state:
        return None
    from smartpick_desktop.core.catalog.geography import locate

    try:
        place = locate(city or "", state)
    except Exception:  # noqa: BLE001 - geography is a nicety, never block ranking on it
        return None
    return None if place is None else (place.latitude, place.longitude)


def distance_miles(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Great-circle distance in miles (NaN where coordinates are unknown)."""
    r = 3958.8
    p0, p = math.radians(lat0), np.radians(lat)
    dphi = p - p0
    dl = np.radians(lon) - math.radians(lon0)
    a = np.sin(dphi / 2) ** 2 + math.cos(p0) * np.cos(p) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


@dataclass
class FitResult:
    """Fit 0..100 per program and the component scores behind it."""

    fit: np.ndarray
    components: dict[str, np.ndarray]
    weights: dict[str, float]
    distance: np.ndarray
    stars: np.ndarray
    base: np.ndarray

    def reasons(self, i: int, program: Any, profile: Any) -> list[str]:
        """Sentences for program ``i``, the strongest pull (up or down) first."""
        items: list[tuple[float, str]] = []
        w = self.weights
        total = sum(w.values()) or 1.0

        def add(key: str, text: str) -> None:
            pull = w[key] / total * (self.components[key][i] - 0.5) * 100
            if abs(pull) >= 0.5:
                sign = "raises" if pull > 0 else "lowers"
                items.append((abs(pull), f"{text}: {sign} fit by {abs(pull):.0f}"))

        state = program.state
        preferred = list(getattr(profile, "preferred_states", []) or [])
        d = self.distance[i]
        loc = []
        if state and state == getattr(profile, "home_state", None):
            loc.append(f"in your home state ({state})")
        elif preferred:
            loc.append(f"in your preferred states ({state})" if state in preferred
                       else f"not in your preferred states ({state or 'state unknown'})")
        if not math.isnan(d):
            limit = getattr(profile, "max_distance_miles", None)
            near = f"{d:.0f} miles from home"
            if limit:
                near += f" ({'within' if d <= limit else 'beyond'} your {limit}-mile limit)"
            loc.append(near)
        if loc:
            add("location", "Location " + ", ".join(loc))
        settings = list(getattr(profile, "preferred_settings", []) or [])
        if settings:
            word = SETTING_WORDS.get(program.setting or "", "Setting unknown")
            liked = program.setting in settings
            add("setting", f"{word}{', as you prefer' if liked else ''}"
                if program.setting else "Setting unknown")
        size = getattr(profile, "preferred_size", None)
        if size and program.positions is not None:
            add("size", f"{program.positions} PGY-1 positions (you prefer {size})")
        if getattr(program, "reputation", None) is not None:
            add("reputation", f"Reputation {program.reputation:.0f}/100 (from "
                f"{program.provenance.get('reputation', 'the data pack')})")
        items.sort(key=lambda t: -t[0])
        out = [text for _, text in items]
        stars = int(self.stars[i])
        if stars:
            pull = STAR_SHARE * (stars / 5 * 100 - self.base[i])
            out.insert(0, f"You rated it {stars} star{'s' if stars > 1 else ''}: "
                       f"{'raises' if pull >= 0 else 'lowers'} fit by {abs(pull):.0f}")
        return out


def compute_fit(profile: Any, programs: Sequence[Any], arr: Any = None) -> FitResult:
    """Vectorised fit of every program for this profile (``arr``: ProgramArrays, optional)."""
    if arr is None:
        from smartpick_desktop.core.model.chances import program_arrays

        arr = program_arrays(programs)
    n = arr.n
    weights = {k: max(0.0, float((getattr(profile, "weights", {}) or {}).get(k, 0.0)))
               for k in FIT_KEYS}
    lat, lon = arr.latitude, arr.longitude
    pos, rep, stars = arr.positions, arr.reputation, arr.stars
    home_state = getattr(profile, "home_state", None)
    preferred = set(getattr(profile, "preferred_states", []) or [])
    home = arr.in_states([home_state])
    in_pref = arr.in_states(preferred)
    coords = home_coordinates(getattr(profile, "home_city", "") or "", home_state)
    dist = (distance_miles(coords[0], coords[1], lat, lon) if coords and n
            else np.full(n, np.nan))
    parts = []
    if preferred or home_state:
        parts.append(np.where(home | in_pref, 1.0, 0.3 if preferred else 0.5))
    limit = getattr(profile, "max_distance_miles", None)
    if limit and coords:
        over = np.clip((dist - limit) / limit, 0, 1)
        parts.append(np.where(np.isnan(dist), 0.5, 1.0 - over))
    location = np.mean(parts, axis=0) if parts else np.full(n, 0.5)
    settings = set(getattr(profile, "preferred_settings", []) or [])
    if settings:
        known = ~arr.in_settings([None])
        setting = np.where(known, np.where(arr.in_settings(settings), 1.0, 0.0), 0.5)
    else:
        setting = np.full(n, 0.5)
    band = SIZE_BANDS.get(getattr(profile, "preferred_size", None) or "")
    if band:
        lo, hi = band
        gap = np.where(pos < lo, lo - pos, np.where(pos > hi, pos - hi, 0.0))
        size = np.where(np.isnan(pos), 0.5, np.clip(1.0 - gap / 10.0, 0.0, 1.0))
    else:
        size = np.full(n, 0.5)
    reputation = np.where(np.isnan(rep), 0.5, np.clip(rep / 100.0, 0, 1))
    comps = {"location": location, "setting": setting, "size": size, "reputation": reputation}
    total = sum(weights.values())
    if total > 0:
        base = 100.0 * sum(weights[k] * comps[k] for k in FIT_KEYS) / total
    else:
        base = np.full(n, 50.0)
    fit = np.where(stars > 0, (1 - STAR_SHARE) * base + STAR_SHARE * stars / 5 * 100, base)
    return FitResult(np.clip(fit, 0, 100), comps, weights, dist, stars, base)
