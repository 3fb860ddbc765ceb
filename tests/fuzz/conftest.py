"""Fuzzing helpers: one store per module and the "imports or refuses, never half" check."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.errors import InputError

#: Deterministic (CI-stable) runs; the autouse no-network guard is safe to share across examples.
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

#: Text that has broken importers before: markup, formulas, control and wide characters.
NASTY = st.sampled_from(["", " ", "=1+1", "+cmd", "@SUM(A1)", "<b>x</b>", "&amp;", "<img src=x>",
                         "\x00", "\r\n", "\t", "é", "名前", "🙂", "\u202e", "\ufeff", "a" * 300,
                         "null", "None", "NaN", "inf", "-1", "1e309", "0x10", "12,5", "'", '"'])
TEXT = st.one_of(NASTY, st.text(max_size=40))


def nothing_written(watcher: sqlite3.Connection, before: int) -> bool:
    return watcher.execute("PRAGMA data_version").fetchone()[0] == before


def imports_or_refuses(store, action) -> bool:
    """Run ``action(session)`` in one store session. Pass when it imports (True) or raises
    InputError with one line and the store untouched (False); any other exception fails."""
    watcher = sqlite3.connect(store.path)
    try:
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        try:
            with store.session() as session:
                action(session)
        except InputError as err:
            message = str(err)
            assert message.strip(), "an InputError must say why"
            assert "Traceback" not in message
            assert nothing_written(watcher, before), f"refused input wrote to the store: {err}"
            return False
        return True
    finally:
        watcher.close()


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("fuzz") / "data")
    yield store
    store.close()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("inputs")
