"""Article import as a job (``ui/jobs.py``): read, convert and sanitise in the worker thread,
then store in one go; cancel stops it before anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartpick_desktop.core.articles.library import ArticleInfo, prepare_import, save_import
from smartpick_desktop.core.progress import checkpoint
from smartpick_desktop.core.store import Store


def import_job(store: Store, path: Path) -> Any:
    """A job importing ``path``; its result is the new article's ``ArticleInfo``."""
    path = Path(path)

    def run(job) -> ArticleInfo:
        prepared = prepare_import(path, should_cancel=job.should_cancel)
        checkpoint(job.should_cancel)
        with store.session() as session:
            return save_import(session, prepared)

    return run
