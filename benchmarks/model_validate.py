"""``model validate`` on 1,000 applicants (target: under 30 s).

The applicants are synthetic (fictional rows in the outcomes format: the four applicant types,
scores, counts and outcomes drawn at random), scored against the shipped demo catalog with the
default list rule, as ``smartpick model validate`` does.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.model.validation import validate_file

N = 1_000
TARGET_S = 30.0
SPECIALTIES = ("General Surgery", "Internal Medicine", "Emergency Medicine", "Pediatrics")
HEADER = ("id,specialty,season,applicant_type,graduation_year,step2_ck,comlex_level2,"
          "research_items,clerkship_honors,failed_attempts,us_clinical_months,honors,visa,"
          "couples,applications,interviews,outcome\n")


def synthetic_file(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    lines = [HEADER]
    for i in range(n):
        kind = rng.choices(("us_md", "us_do", "us_img", "non_us_img"), (55, 20, 10, 15))[0]
        img = kind.endswith("img")
        apps = rng.randint(90, 250) if img else rng.randint(25, 110)
        interviews = rng.randint(0, max(1, apps // (20 if img else 5)))
        step2 = rng.randint(215, 275)
        comlex = rng.randint(450, 750) if kind == "us_do" and rng.random() < 0.3 else ""
        outcome = rng.choice(("matched", "unmatched", "matched_prelim", ""))
        lines.append(f"S{i},{rng.choice(SPECIALTIES)},2025,{kind},{2026 - rng.randint(0, 6)},"
                     f"{'' if comlex else step2},{comlex},{rng.randint(0, 12)},"
                     f"{rng.randint(0, 6)},{int(rng.random() < 0.05)},"
                     f"{rng.randint(0, 12) if img else 0},{'aoa' if rng.random() < 0.1 else ''},"
                     f"{'j1' if kind == 'non_us_img' else 'none'},no,{apps},{interviews},"
                     f"{outcome}\n")
    path.write_text("".join(lines), encoding="utf-8")


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    path = folder / "outcomes.csv"
    synthetic_file(path, N)
    store = open_store(folder / "data")
    start = time.perf_counter()
    report = validate_file(store, path)
    seconds = time.perf_counter() - start
    store.close()
    ok = seconds < TARGET_S
    print(f"model validate, {report['applicants']:,} applicants in "
          f"{len(SPECIALTIES)} specialties: {seconds:.1f} s (target < {TARGET_S:.0f} s) -> "
          f"{'OK' if ok else 'TOO SLOW'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
