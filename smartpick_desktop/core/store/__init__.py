"""The SQLite data store: engine, sessions, migrations, backups, settings.

Opening a data folder (seed, check, back up, migrate, demo pack) is ``core.datafolder``.
"""

from smartpick_desktop.core.store.base import Base
from smartpick_desktop.core.store.engine import Store, default_data_dir

__all__ = ["Base", "Store", "default_data_dir"]
