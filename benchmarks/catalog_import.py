"""Import of a 15,000-row CSV into a fresh store (target: under 5 s). Prints the figures."""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smartpick_desktop.core.catalog.queries import count_programs  # noqa: E402
from smartpick_desktop.core.catalog.spreadsheet import import_file  # noqa: E402
from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.states import US_STATES  # noqa: E402

ROWS = 15_000
CITIES = ["Columbus", "Springfield", "Austin", "Denver", "Boston", "Madison", "Nowhereville"]
SPECIALTIES = ["Internal medicine", "Pediatrics", "Family Medicine", "Anesthesiology", "EM"]


def write_csv(path: Path, rows: int = ROWS, seed: int = 1) -> None:
    rng = random.Random(seed)
    states = sorted(US_STATES)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Program ID", "Program Name", "Institution", "City", "State", "Specialty",
                      "First Year Positions", "% DO", "% IMG", "% US MD",
                      "Program best described as", "Visa Statuses Accepted"])
        for i in range(rows):
            out.writerow([f"{1400000000 + i}", f"Bench Program {i}", f"Bench Hospital {i % 900}",
                          rng.choice(CITIES), rng.choice(states), rng.choice(SPECIALTIES),
                          f"{rng.randint(1, 60):,}", f"{rng.randint(0, 40)}%",
                          f"{rng.randint(0, 60)}%", f"{rng.randint(10, 90)}%",
                          rng.choice(["University-based", "Community-based",
                                      "Community-based university affiliated hospital"]),
                          rng.choice(["J-1", "J-1, H-1B", "None", ""])])


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "programs.csv"
        write_csv(path)
        t0 = time.perf_counter()
        store = open_store(Path(tmp) / "data")
        t1 = time.perf_counter()
        with store.session() as session:
            result = import_file(session, path)
        t2 = time.perf_counter()
        with store.session() as session:
            again = import_file(session, path)
        t3 = time.perf_counter()
        with store.session() as session:
            total = count_programs(session)
        store.close()
    print(f"open fresh store + demo pack: {t1 - t0:.2f} s")
    print(f"import {ROWS:,}-row CSV: {t2 - t1:.2f} s ({result.summary()}) [target < 5 s]")
    print(f"re-import same file: {t3 - t2:.2f} s ({again.summary()})")
    print(f"programs in store: {total:,}")
    return 0 if t2 - t1 < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
