"""Checking every row of a backup before it replaces anything (restore, issue 16 point 4).

A backup's checksums only prove the file was not damaged in transit; its content can still be
wrong (edited by hand, written by a faulty tool). SQLite would store a word in a whole-number
column, so each value is checked against the column's declared type, JSON text columns must hold
strict JSON of the right shape, the profile must pass the same checks as ``profile import``, and
finally the staged store is read through the same core functions the tabs use.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from pathlib import Path
from typing import Any

from smartpick_desktop.core.articles.library import list_articles
from smartpick_desktop.core.catalog.queries import load_programs
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import list_contacts
from smartpick_desktop.core.profile import Profile, ProfileError, load_profile
from smartpick_desktop.core.textio import strict_json

INT64 = (-(2**63), 2**63 - 1)
#: Text columns that hold JSON: (table, column) -> the JSON kind they must hold.
JSON_COLUMNS: dict[tuple[str, str], type] = {
    ("profile", "data"): dict, ("programs", "provenance"): dict,
    ("program_user", "tags"): list, ("program_user", "status_dates"): dict,
    ("mentor_contacts", "tags"): list, ("articles", "tags"): list, ("plans", "details"): dict,
}


def _declared(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    quoted = '"' + table.replace('"', '""') + '"'
    return {row[1]: (row[2] or "").upper() for row in conn.execute(f"PRAGMA table_info({quoted})")}


def _value_problem(kind: str, value: Any) -> str | None:
    """Why ``value`` does not fit a column declared ``kind``, or None."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "is not a finite number"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "holds a broken character"
    if kind in ("INTEGER", "BIGINT", "SMALLINT", "INT"):
        if not isinstance(value, int):
            return "must be a whole number"
        if not INT64[0] <= value <= INT64[1]:
            return "is too large"
    elif kind == "BOOLEAN":
        if value not in (0, 1) or not isinstance(value, int):
            return "must be true or false (1 or 0)"
    elif kind in ("FLOAT", "REAL", "NUMERIC", "DOUBLE") or kind.startswith(("NUMERIC", "DECIMAL")):
        if isinstance(value, str | bytes):
            return "must be a number"
    elif kind.startswith(("VARCHAR", "TEXT", "CHAR")):
        if not isinstance(value, str):
            return "must be text"
    elif kind == "DATE":
        if not isinstance(value, str):
            return "must be a date"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return "must be a date such as 2026-11-28"
    elif kind == "DATETIME":
        if not isinstance(value, str):
            return "must be a date and time"
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            return "must be a date and time such as 2026-11-28 10:00:00"
    return None


def check_rows(path: Path, source: str) -> None:
    """Check every row of the staged store at ``path`` (at the newest schema).

    Raises:
        InputError: naming the table, row and column of the first bad value.
    """
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for table in tables:
            declared = _declared(conn, table)
            names = list(declared)
            quoted = ", ".join('"' + n.replace('"', '""') + '"' for n in names)
            qt = '"' + table.replace('"', '""') + '"'
            for number, row in enumerate(conn.execute(f"SELECT {quoted} FROM {qt}"), 1):
                for column, value in zip(names, row, strict=True):
                    problem = _value_problem(declared[column], value)
                    if problem is None and (table, column) in JSON_COLUMNS and value is not None:
                        problem = _json_problem(value, JSON_COLUMNS[(table, column)])
                    if problem is None and (table, column) == ("profile", "data"):
                        problem = _profile_problem(value)
                    if problem is not None:
                        raise InputError(f"{source}: table {table!r} row {number}, column "
                                         f"{column!r} {problem}; nothing was changed.")
    except sqlite3.Error as err:
        raise InputError(f"{source}: cannot be checked ({err}); nothing was changed.") from err
    finally:
        conn.close()


def _json_problem(value: Any, kind: type) -> str | None:
    try:
        parsed = strict_json(value)
    except (ValueError, TypeError) as err:
        return f"is not valid JSON ({err})"
    if not isinstance(parsed, kind):
        return f"must hold a JSON {'object' if kind is dict else 'list'}"
    return None


def _profile_problem(value: Any) -> str | None:
    try:
        Profile.from_dict(strict_json(value))
    except (ProfileError, ValueError) as err:
        return f"is not a valid profile ({err})"
    return None


def read_everything(store: Any, source: str) -> None:
    """Read the staged store through the core loaders the tabs use; any failure refuses it.

    Raises:
        InputError: a loader could not read the staged data.
    """
    try:
        with store.session() as session:
            load_profile(session)
            load_programs(session)
            list_contacts(session)
            list_articles(session)
    except InputError as err:
        raise InputError(f"{source}: holds data SmartPick cannot read ({err}); nothing was "
                         "changed.") from err
    except Exception as err:  # noqa: BLE001 - whatever breaks a loader breaks the tabs too
        raise InputError(f"{source}: holds data SmartPick cannot read ({type(err).__name__}: "
                         f"{err}); nothing was changed.") from err
