"""Runs the optimizer off the GUI thread with progress and Cancel (own store session)."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal


class OptimizeSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class OptimizeWorker(QRunnable):
    """``compute_plan`` in a pool thread; ``cancel()`` stops it at the next step."""

    def __init__(self, store: Any, profile: Any, options: dict[str, Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.store, self.profile, self.options = store, profile, dict(options)
        self.signals = OptimizeSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, step: int, total: int) -> bool:
        if self._cancel.is_set():
            return False
        self.signals.progress.emit(step, total)
        return True

    def run(self) -> None:
        from smartpick_desktop.core.errors import SmartPickError
        from smartpick_desktop.core.model.optimizer import Cancelled
        from smartpick_desktop.core.plan.saved import compute_plan

        try:
            with self.store.session() as session:
                result = compute_plan(session, self.profile, progress=self._progress,
                                      **self.options)
        except Cancelled:
            self.signals.cancelled.emit()
            return
        except SmartPickError as err:
            self.signals.failed.emit(str(err))
            return
        except Exception as err:  # noqa: BLE001 - report, never crash the GUI thread
            self.signals.failed.emit(f"The optimizer stopped: {type(err).__name__}: {err}")
            return
        if self._cancel.is_set():
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)
