"""Run one data-safety job off the GUI thread and hand its result back on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """``fn()`` in the global thread pool; ``signals.done(result)`` or ``signals.failed(err)``.

    The job must open its own store connections (the core functions it calls do).
    """

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as err:  # noqa: BLE001 - reported to the user by the caller
            self.signals.failed.emit(err)
        else:
            self.signals.done.emit(result)


def start(job: Job) -> Job:
    QThreadPool.globalInstance().start(job)
    return job
