"""The SQLite data store: engine, sessions, migrations, settings."""

from smartpick_desktop.core.store.base import Base
from smartpick_desktop.core.store.engine import Store, default_data_dir, open_store

__all__ = ["Base", "Store", "default_data_dir", "open_store"]
