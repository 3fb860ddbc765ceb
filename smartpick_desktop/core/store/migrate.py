"""Apply the Alembic migrations shipped inside the package, programmatically.

Revisions are numbered ``0001``, ``0002``, … in ``migrations/versions/NNNN_name.py`` and form one
line, so the newest ("head") is known from the file names without importing Alembic — start-up
only pays for Alembic when a migration is actually due.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import inspect, text

from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.resources import package_root
from smartpick_desktop.core.store.engine import Store

_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")

#: Called with (store, current revision, head) just before a migration runs.
BeforeMigration = Callable[[Store, str | None, str], None]


def migrations_dir() -> Path:
    return package_root() / "core" / "store" / "migrations"


def head_revision() -> str:
    """Return the newest revision id shipped with this build."""
    ids = [m.group(1) for p in (migrations_dir() / "versions").iterdir()
           if (m := _REVISION_FILE.match(p.name))]
    return max(ids)


def current_revision(store: Store) -> str | None:
    """Return the revision the store's schema is at, or None for an empty file."""
    with store.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(store: Store):
    from alembic.config import Config

    cfg = Config()
    # Config values go through ConfigParser interpolation: a '%' in a folder name must be
    # doubled. The URL is rendered from its parts (``env.py`` uses the connection it is handed).
    cfg.set_main_option("script_location", _ini_value(str(migrations_dir())))
    url = store.engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", _ini_value(url))
    return cfg


def _ini_value(value: str) -> str:
    """Escape a value for Alembic's ConfigParser (``%`` starts an interpolation)."""
    return value.replace("%", "%%")


def upgrade(store: Store, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` inside one transaction."""
    from alembic import command

    cfg = _alembic_config(store)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def upgrade_to_head(store: Store, *, before: BeforeMigration | None = None) -> bool:
    """Bring the schema to the newest revision; return True when a migration ran.
    ``before(store, current, head)`` runs first (opening a data folder backs it up there)."""
    current = current_revision(store)
    head = head_revision()
    if current == head:
        return False
    if current is not None and current > head:
        raise StoreError(
            f"The data file {store.path} was written by a newer SmartPick (schema {current}); "
            "please update the app."
        )
    if before is not None:
        before(store, current, head)
    upgrade(store)
    return True
