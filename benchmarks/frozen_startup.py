"""Start-up time of the frozen one-folder app (issue 8: main window < 1.2 s, median of 5).

Runs ``dist/smartpick/smartpick --smoke`` as ``benchmarks/startup.py`` runs the source app. When
``dist/`` has not been built (``make dist``) it says so and exits 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from startup import measure

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "smartpick" / ("smartpick.exe" if sys.platform == "win32" else "smartpick")
TARGET_S = 1.2


def main() -> int:
    if not FROZEN.exists():
        print(f"frozen start-up: skipped, {FROZEN.relative_to(ROOT)} is not built (run make dist).")
        return 0
    results = measure([str(FROZEN)], "frozen one-folder")
    worst = max(results["empty_window"], results["profile_window"])
    verdict = "within" if worst < TARGET_S else "OVER"
    print(f"frozen one-folder: {verdict} the {TARGET_S} s target for the main window "
          f"(slowest median {worst:.3f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
