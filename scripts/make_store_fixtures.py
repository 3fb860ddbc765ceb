"""Write tests/store_fixtures/store-NNNN.db: stores at each earlier schema revision, with rows.

Run once a migration is final (``.venv/bin/python scripts/make_store_fixtures.py``) and commit
the files: tests/core/store/test_migrations.py upgrades each to the newest schema and checks no
row is lost. Rows come from a head store filled through the features' own functions (demo pack,
profile, contacts, an article, program notes), copied into the tables that exist at each
revision (generic: reflected, never listed here); big tables are trimmed to keep files small.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.portable import Snapshot, _write_rows, dump_database  # noqa: E402
from smartpick_desktop.core.profile import demo_profile, save_profile  # noqa: E402
from smartpick_desktop.core.store import migrate  # noqa: E402
from smartpick_desktop.core.store.engine import Store  # noqa: E402

OUT = ROOT / "tests" / "store_fixtures"
KEEP_ROWS = 40


def _fill(data_dir: Path) -> None:
    """A head store with something in every feature that exists."""
    store = open_store(data_dir)
    try:
        with store.session() as s:
            profile = demo_profile()
            profile.name = "Fixture Student"
            save_profile(s, profile)
            from smartpick_desktop.core.checklist import add_item

            add_item(s, "Ask for letters early", "Fixture")
        try:
            from smartpick_desktop.core.mentors.exchange import import_file

            with store.session() as s:
                import_file(s, ROOT / "tests/core/mentors/data/vcards/gmail-list.vcf")
        except ImportError:
            pass
        try:
            from smartpick_desktop.core.articles.library import import_file as import_article

            page = data_dir / "article.html"
            page.write_text("<title>Fixture article</title><p>Kept across upgrades.</p>")
            with store.session() as s:
                import_article(s, page)
        except ImportError:
            pass
        try:
            from smartpick_desktop.core.catalog.queries import load_programs, update_user_fields

            with store.session() as s:
                first = min(load_programs(s), key=lambda p: p.program_id)
                update_user_fields(s, first.program_id, stars=5, notes="Fixture note",
                                   tags=["fixture"], status="applying")
        except ImportError:
            pass
    finally:
        store.close()


def _trim(snapshot: Snapshot) -> Snapshot:
    for dump in snapshot.tables.values():
        dump.rows = dump.rows[:KEEP_ROWS]
    return snapshot


def _drop_orphans(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        while broken := conn.execute("PRAGMA foreign_key_check").fetchall():
            for table, rowid, _parent, _fk in broken:
                conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def main() -> int:
    head = migrate.head_revision()
    revisions = sorted(p.name[:4] for p in (migrate.migrations_dir() / "versions").glob("0*.py"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full"
        _fill(full)
        rows = _trim(dump_database(full / "smartpick.db"))
        for revision in revisions:
            if revision == head:
                continue
            folder = Path(tmp) / revision
            folder.mkdir()
            store = Store(folder)
            migrate.upgrade(store, revision)
            store.close()
            conn = sqlite3.connect(store.path)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            cols = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.close()
            part = Snapshot(revision, {})
            for name, dump in rows.tables.items():
                if name not in tables:
                    continue
                keep = [i for i, c in enumerate(dump.columns) if c in cols[name]]
                offset = int(dump.rowid)
                part.tables[name] = type(dump)(
                    [dump.columns[i] for i in keep], dump.rowid,
                    [([r[0]] if dump.rowid else []) + [r[i + offset] for i in keep]
                     for r in dump.rows])
            for attempt in range(2):
                try:
                    _write_rows(store.path, part, f"fixture {revision}")
                    break
                except Exception:  # noqa: BLE001 - trimmed rows may orphan children: drop them
                    if attempt:
                        raise
                    _drop_children(part, store.path)
            _drop_orphans(store.path)
            target = OUT / f"store-{revision}.db"
            target.write_bytes(store.path.read_bytes())
            conn = sqlite3.connect(target)
            counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                      for t in sorted(part.tables)}
            conn.close()
            print(f"{target.relative_to(ROOT)}: {counts}")
    return 0


def _drop_children(part: Snapshot, path: Path) -> None:
    """Keep only rows whose foreign keys point at kept rows (parents were trimmed)."""
    conn = sqlite3.connect(path)
    try:
        for name, dump in part.tables.items():
            for fk in conn.execute(f'PRAGMA foreign_key_list("{name}")').fetchall():
                parent, child_col, parent_col = fk[2], fk[3], fk[4] or "rowid"
                pdump = part.tables.get(parent)
                if pdump is None or child_col not in dump.columns:
                    continue
                if parent_col == "rowid" or parent_col not in pdump.columns:
                    keys = {r[0] for r in pdump.rows}
                else:
                    keys = {r[pdump.columns.index(parent_col) + int(pdump.rowid)]
                            for r in pdump.rows}
                index = dump.columns.index(child_col) + int(dump.rowid)
                dump.rows = [r for r in dump.rows if r[index] is None or r[index] in keys]
    finally:
        conn.close()


if __name__ == "__main__":
    sys.exit(main())
