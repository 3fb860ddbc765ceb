"""``smartpick backup FILE`` and ``smartpick restore FILE [--force]`` (one portable file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartpick_desktop.cli.context import CliContext


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="write everything to one portable backup file")
    backup.add_argument("file", type=Path, help="the backup file to write (e.g. smartpick.zip)")
    backup.set_defaults(func=_backup)
    restore = sub.add_parser("restore", help="bring back everything from a backup file")
    restore.add_argument("file", type=Path,
                         help="a portable backup, or an automatic backup from backups/")
    restore.add_argument("--force", action="store_true",
                         help="replace data you already have (a backup of it is made first)")
    restore.set_defaults(func=_restore)


def _backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.portable import write_backup

    summary = write_backup(ctx.store(), args.file)
    print(f"Backed up {summary.rows} rows from {summary.tables} tables (schema "
          f"{summary.schema_revision}) to {summary.path}.")
    return 0


def _restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.portable import stage_backup
    from smartpick_desktop.core.store.integrity import DamagedStoreError

    # A bad file is refused before the store is even opened (or its folder created).
    staged = stage_backup(args.file, stage_in=ctx.data_dir)
    try:
        store = ctx.store()
    except DamagedStoreError as err:
        print(f"smartpick: {err}", file=sys.stderr)
        store = ctx.store()  # the damaged file was moved aside: restore into a new store
    from smartpick_desktop.core.portable import restore

    result = restore(store, args.file, force=args.force, staged=staged)
    kept = (f"; your previous data was backed up to {result.previous_backup}"
            if result.previous_backup else "")
    print(f"Restored {result.rows} rows from {result.tables} tables of {result.source} "
          f"(schema {result.schema_revision}){kept}.")
    return 0
