"""``smartpick --smoke`` with 100,000 programs on a busy CPU, 20 times: nothing on stderr.

The window closes while the Programs tab is still loading and ranking in a worker thread; a
job that outlived its signal carrier once printed "Signal source has been deleted". Other
processes keep every core busy meanwhile. Prints how many runs wrote to stderr (target: 0) and
exits 1 if any did. ``--runs N`` and ``--programs N`` change the defaults.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_import import write_csv  # noqa: E402

from smartpick_desktop.core.catalog.queries import count_programs  # noqa: E402
from smartpick_desktop.core.catalog.spreadsheet import import_file  # noqa: E402
from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.profile import demo_profile, save_profile  # noqa: E402

BUSY = "import time\nend = time.time() + 3600\nwhile time.time() < end: pass\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--programs", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        store = open_store(data)
        with store.session() as session:
            rows = args.programs - count_programs(session)
            save_profile(session, demo_profile())
        path = Path(tmp) / "programs.csv"
        write_csv(path, rows=rows)
        with store.session() as session:
            import_file(session, path)
            total = count_programs(session)
        store.close()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        load = [subprocess.Popen([sys.executable, "-c", BUSY])
                for _ in range(os.cpu_count() or 2)]
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop the load
        noisy, seconds = [], []
        try:
            for run in range(args.runs):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                                       str(data), "--smoke"], capture_output=True, text=True,
                                      env=env, timeout=300)
                seconds.append(time.perf_counter() - start)
                quiet = not done.stderr.strip() and done.returncode == 0
                if not quiet:
                    noisy.append(run)
                print(f"run {run + 1}: exit {done.returncode}, {seconds[-1]:.1f} s, "
                      f"{'nothing on stderr' if quiet else 'stderr:'}", flush=True)
                if not quiet:
                    print(done.stderr, flush=True)
        finally:
            for process in load:
                process.kill()
                process.wait()
    print(f"--smoke with {total:,} programs beside {len(load)} busy processes: "
          f"{args.runs} runs, {len(noisy)} wrote to stderr or failed (target 0); "
          f"{min(seconds):.1f}–{max(seconds):.1f} s per run")
    return 1 if noisy else 0


if __name__ == "__main__":
    sys.exit(main())
