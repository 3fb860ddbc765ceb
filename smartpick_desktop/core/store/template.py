"""A ready-made first store, so the very first start skips migrations and the demo-pack import.

``resources/store/fresh-store.db.gz`` is what ``open_store`` would build in an empty folder
(schema at head, demo pack loaded), made by ``scripts/make_store_template.py``. It is only a
shortcut: a missing or older template still ends at the same store, because ``open_store`` then
migrates and loads the demo pack as usual. A test checks that the shipped one is current.
"""

from __future__ import annotations

import gzip
import logging
import os
import tempfile
from pathlib import Path

from smartpick_desktop.core.files import TEMP_MARK, temp_prefix
from smartpick_desktop.core.resources import resource_path

log = logging.getLogger(__name__)


def template_path() -> Path:
    return resource_path("store", "fresh-store.db.gz")


def seed_new_store(db_path: Path) -> bool:
    """Write the template to ``db_path`` when no store exists there yet; return True if done.

    The copy is written beside the target and renamed into place, so a crash leaves either no
    store (the next start seeds again) or a whole one.
    """
    if db_path.exists() or db_path.with_name(db_path.name + "-wal").exists():
        return False
    try:
        data = gzip.decompress(template_path().read_bytes())
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        log.warning("No usable store template (%s); building the store from scratch.", err)
        return False
    partial = None
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(db_path.name), suffix=TEMP_MARK,
                                    dir=db_path.parent)
        os.close(fd)
        partial = Path(name)  # named with this process's id: swept if it is killed
        partial.write_bytes(data)
        os.chmod(partial, 0o600)  # the user's data: private to the user
        os.replace(partial, db_path)
    except OSError as err:
        if partial is not None:
            partial.unlink(missing_ok=True)
        log.warning("Could not write the store template (%s); building from scratch.", err)
        return False
    return True
