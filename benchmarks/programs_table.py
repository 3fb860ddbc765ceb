"""The Programs tab with 15,000 programs: load + rank, filter per keystroke, sort, memory.

Targets: proxy filter update < 50 ms, sort < 200 ms, RSS < 300 MB. Prints the figures.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_import import write_csv  # noqa: E402

from smartpick_desktop.core.catalog.spreadsheet import import_file  # noqa: E402
from smartpick_desktop.core.profile import demo_profile, save_profile  # noqa: E402
from smartpick_desktop.core.store import open_store  # noqa: E402


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from smartpick_desktop.ui.context import AppContext
    from smartpick_desktop.ui.programs.tab import ProgramsTab
    from smartpick_desktop.ui.programs.table_model import COL

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "data")
        path = Path(tmp) / "p.csv"
        with store.session() as session:
            from smartpick_desktop.core.catalog.queries import count_programs

            demo = count_programs(session)
            write_csv(path, rows=15_000 - demo)
            import_file(session, path)
            save_profile(session, demo_profile())
        ctx = AppContext(store)
        tab = ProgramsTab(ctx)
        tab.resize(1300, 800)
        tab.show()
        app.processEvents()
        t = time.perf_counter()
        tab.reload()
        load = time.perf_counter() - t
        tab.specialty_box.setCurrentIndex(0)  # all specialties: 15,000 rows
        rows = tab.model.rowCount()
        t = time.perf_counter()
        tab.rerank()
        rerank = time.perf_counter() - t
        timings = []
        for text in ("b", "be", "ben", "benc", "bench 1", "bench 12", "bench 1", ""):
            t = time.perf_counter()
            tab.proxy.update_filters(text=text)
            app.processEvents()
            timings.append(time.perf_counter() - t)
        t = time.perf_counter()
        tab.proxy.update_filters(place="Midwest")
        app.processEvents()
        region = time.perf_counter() - t
        tab.proxy.update_filters(place="")
        sorts = []
        for column in ("positions", "name", "chance", "location"):
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                t = time.perf_counter()
                tab.table.sortByColumn(COL[column], order)
                app.processEvents()
                sorts.append(time.perf_counter() - t)
        memory = rss_mb()
        tab.close()
        store.close()
    print(f"rows in the table: {rows:,}")
    print(f"load + rank {rows:,} programs: {load * 1000:.0f} ms; re-rank: {rerank * 1000:.0f} ms")
    print("keystrokes (ms):", ", ".join(f"{x * 1000:.0f}" for x in timings))
    print(f"filter per keystroke: max {max(timings) * 1000:.1f} ms, mean "
          f"{sum(timings) / len(timings) * 1000:.1f} ms [target < 50 ms]")
    print(f"region filter: {region * 1000:.1f} ms")
    print(f"sort a column: max {max(sorts) * 1000:.1f} ms [target < 200 ms]")
    print(f"RSS with {rows:,} programs loaded: {memory:.0f} MB [target < 300 MB]")
    ok = max(timings) < 0.05 and max(sorts) < 0.2 and memory < 300
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
