"""Importing an article file as a job (``ui/articles/jobs.py``), with a cancellable progress
dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressDialog, QWidget

from smartpick_desktop.core.articles.library import ArticleInfo
from smartpick_desktop.ui.articles.jobs import import_job
from smartpick_desktop.ui.context import AppContext
from smartpick_desktop.ui.jobs import Job, JobRunner

ARTICLE_FILTERS = "Articles (*.md *.markdown *.txt *.html *.htm);;All files (*)"


class ArticleImporter(QObject):
    """Runs one import at a time and calls ``imported(article_id, title)`` when it is done."""

    def __init__(self, ctx: AppContext, parent: QWidget,
                 imported: Callable[[int, str], None]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._imported = imported
        self.jobs = JobRunner(self)
        self.job: Job | None = None
        self._progress_dialog: QProgressDialog | None = None

    def choose(self) -> Path | None:
        return self.ctx.dialogs.open_file(self._parent, "Import an article", ARTICLE_FILTERS)

    def start(self, path: Path) -> Job:
        job = self.jobs.start(import_job(self.ctx.store, path), name=f"Import of {path.name}",
                              finished=self._on_finished, failed=self._on_failed,
                              cancelled=self._on_cancelled)
        dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Import article")
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(job.cancel)
        self.job, self._progress_dialog = job, dialog
        return job

    def _close_progress(self) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.reset()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None
        self.job = None

    def _on_finished(self, info: ArticleInfo) -> None:
        self._close_progress()
        self._imported(info.id, info.title)

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.ctx.dialogs.error(self._parent, "Import article", message)

    def _on_cancelled(self) -> None:
        self._close_progress()
        self.ctx.status_message.emit("Import canceled; nothing was added.")
