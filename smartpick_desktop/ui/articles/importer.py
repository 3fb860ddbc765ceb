"""Importing an article file in a worker thread, with a cancellable progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from smartpick_desktop.ui.articles.workers import ImportWorker
from smartpick_desktop.ui.context import AppContext

ARTICLE_FILTERS = "Articles (*.md *.markdown *.txt *.html *.htm);;All files (*)"


class ArticleImporter(QObject):
    """Runs one import at a time and calls ``imported(article_id, title)`` when it is done."""

    def __init__(self, ctx: AppContext, parent: QWidget,
                 imported: Callable[[int, str], None]) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._parent = parent
        self._imported = imported
        self.worker: ImportWorker | None = None
        self._progress_dialog: QProgressDialog | None = None

    def choose(self) -> Path | None:
        return self.ctx.dialogs.open_file(self._parent, "Import an article", ARTICLE_FILTERS)

    def start(self, path: Path) -> ImportWorker:
        worker = ImportWorker(self.ctx.store, path)
        dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 0, self._parent)
        dialog.setWindowTitle("Import article")
        dialog.setMinimumDuration(400)
        dialog.canceled.connect(worker.cancel)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        self.worker, self._progress_dialog = worker, dialog
        QThreadPool.globalInstance().start(worker)
        return worker

    def _close_progress(self) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.reset()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None
        self.worker = None

    @Slot(int, str)
    def _on_finished(self, article_id: int, title: str) -> None:
        self._close_progress()
        self._imported(article_id, title)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.ctx.dialogs.error(self._parent, "Import article", message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._close_progress()
        self.ctx.status_message.emit("Import canceled; nothing was added.")
