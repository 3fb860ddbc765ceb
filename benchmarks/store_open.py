"""What data safety adds to start-up: header check + quick_check, and the daily backup copy.

Prints milliseconds for a fresh store and for one holding 30,000 extra programs-sized rows.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.store import backup
from smartpick_desktop.core.store.integrity import check_store_file


def _ms(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        open_store(data).close()
        print(f"open_store (reopen, no backup due): {_ms(lambda: open_store(data).close()):.1f} ms")
        print(f"integrity check, demo store:        {_ms(lambda: check_store_file(data / 'smartpick.db')):.1f} ms")
        conn = sqlite3.connect(data / "smartpick.db")
        conn.execute("CREATE TABLE bench_rows(id INTEGER PRIMARY KEY, a TEXT, b TEXT, c REAL)")
        conn.executemany("INSERT INTO bench_rows(a, b, c) VALUES (?, ?, ?)",
                         [("x" * 60, "y" * 120, i * 0.5) for i in range(30_000)])
        conn.commit()
        conn.close()
        size = (data / "smartpick.db").stat().st_size / 1024**2
        print(f"integrity check, +30,000 rows ({size:.1f} MB): "
              f"{_ms(lambda: check_store_file(data / 'smartpick.db')):.1f} ms")
        store = open_store(data)
        print(f"daily backup copy, same store:      {_ms(lambda: backup.make_backup(store, 'manual'), 3):.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
