"""Build ``resources/store/fresh-store.db.gz``: the store a first start would create.

Run it after changing a migration or the demo pack (a test says when it is stale):

    .venv/bin/python scripts/make_store_template.py
"""

from __future__ import annotations

import gzip
import sqlite3
import sys
import tempfile
from pathlib import Path

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.store.template import template_path


def build() -> bytes:
    """Return the bytes of a freshly created, compacted store (built without the template)."""
    with tempfile.TemporaryDirectory() as folder:
        target = template_path()
        moved = target.with_suffix(".off")
        if target.exists():
            target.rename(moved)  # build from scratch, not from the old template
        try:
            open_store(Path(folder)).close()
        finally:
            if moved.exists():
                moved.rename(target)
        compact = Path(folder) / "compact.db"
        with sqlite3.connect(Path(folder) / "smartpick.db") as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute(f"VACUUM INTO '{compact}'")
        with sqlite3.connect(compact) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
        return compact.read_bytes()


def main() -> int:
    data = build()
    template_path().parent.mkdir(parents=True, exist_ok=True)
    template_path().write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"Wrote {template_path()} ({template_path().stat().st_size / 1e6:.2f} MB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
