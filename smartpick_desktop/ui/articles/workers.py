"""Import off the GUI thread: read, convert and sanitise in a worker, then store in one go."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from smartpick_desktop.core.articles.library import prepare_import, save_import
from smartpick_desktop.core.errors import InputError, SmartPickError
from smartpick_desktop.core.store import Store


class ImportSignals(QObject):
    """Signals: finished(article_id, title), failed(message), cancelled()."""

    finished = Signal(int, str)
    failed = Signal(str)
    cancelled = Signal()


class ImportWorker(QRunnable):
    """Imports one file with its own store session; ``cancel()`` stops it before it writes."""

    def __init__(self, store: Store, path: Path) -> None:
        super().__init__()
        self.store = store
        self.path = Path(path)
        self.signals = ImportSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            prepared = prepare_import(self.path, should_cancel=self._cancel.is_set)
            if self._cancel.is_set():
                raise InputError("The import was canceled.")
            with self.store.session() as session:
                info = save_import(session, prepared)
        except InputError as err:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.failed.emit(str(err))
            return
        except SmartPickError as err:
            self.signals.failed.emit(str(err))
            return
        except Exception as err:  # noqa: BLE001 - reported to the user, never lost in a thread
            self.signals.failed.emit(f"{self.path.name} could not be imported: {err}.")
            return
        self.signals.finished.emit(info.id, info.title)
