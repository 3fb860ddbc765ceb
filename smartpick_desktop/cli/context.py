"""What every CLI handler gets: the data folder, the store (opened on demand), output helpers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.store import Store, default_data_dir


class UsageError(Exception):
    """Arguments that make no sense together (exit 2)."""


class CliContext:
    """Lazily opened store for one CLI run.

    Attributes:
        data_dir: the data folder (``--data-dir`` or the per-user folder).
        debug: whether ``--debug`` was given.
    """

    def __init__(self, data_dir: str | None, *, debug: bool = False) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir else default_data_dir()
        self.debug = debug
        self._store: Store | None = None

    def store(self) -> Store:
        """Open the store (migrating it if needed) on first use."""
        if self._store is None:
            self._store = open_store(self.data_dir)
            for notice in self._store.notices:  # e.g. the daily backup was skipped
                print(f"smartpick: {notice}", file=sys.stderr)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def print_json(value: Any) -> None:
    """Print stable JSON (plain numbers only: NaN or infinity is a bug and raises)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
