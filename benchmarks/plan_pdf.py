"""Plan PDF export speed: a 60-program plan must export in < 1 s, a 200-program plan in < 3 s.

Renders made-up plans (core.plan.sample) to memory and prints the best of three runs, after one
cold export (also printed) that registers the fonts. Run with ``make bench`` or ``python benchmarks/plan_pdf.py``.
"""

from __future__ import annotations

import io
import sys
import time

from smartpick_desktop.core.plan.ics import build_calendar
from smartpick_desktop.core.plan.pdf import render_pdf
from smartpick_desktop.core.plan.sample import sample_document

TARGETS = {60: 1.0, 200: 3.0}


def best_of(n_programs: int, runs: int = 3) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(runs):
        doc = sample_document(n_programs)
        start = time.perf_counter()
        pages = render_pdf(doc, io.BytesIO())
        build_calendar(doc)
        best = min(best, time.perf_counter() - start)
    return best, pages


def main() -> int:
    start = time.perf_counter()
    render_pdf(sample_document(60), io.BytesIO())  # cold: registers and parses the fonts
    print(f"plan PDF,  60 programs, first export in this process: "
          f"{time.perf_counter() - start:.3f} s")
    failed = False
    for n_programs, limit in TARGETS.items():
        seconds, pages = best_of(n_programs)
        ok = seconds < limit
        failed |= not ok
        print(f"plan PDF, {n_programs:>3} programs: {seconds:.3f} s ({pages} pages; "
              f"target < {limit:.0f} s) {'OK' if ok else 'TOO SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
