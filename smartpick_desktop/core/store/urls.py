"""Addresses of SQLite files that no character of a folder name can break.

A path pasted into ``sqlite:///{path}`` ends at the first ``?`` (the rest becomes URL options)
and one pasted into ``file:{path}?mode=ro`` also breaks at ``#`` and ``%``: build them here.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL


def sqlite_url(path: Path) -> URL:
    """The SQLAlchemy URL of a SQLite file; built from parts, so no character of the path
    (``?``, ``#``, ``%``, ``:``, ``\\`` …) can be read as URL syntax."""
    return URL.create("sqlite", database=str(path))


def sqlite_uri(path: Path, **params: str) -> str:
    """A SQLite ``file:`` URI for ``path`` (every special character percent-encoded) with
    query ``params`` such as ``mode="ro"``; for ``sqlite3.connect(..., uri=True)``."""
    from urllib.parse import quote, urlencode

    absolute = os.path.abspath(path)
    if os.sep != "/":
        absolute = absolute.replace(os.sep, "/")
    if not absolute.startswith("/"):
        absolute = "/" + absolute  # C:/… on Windows
    uri = "file:" + quote(absolute, safe="/")
    return uri + ("?" + urlencode(params) if params else "")
