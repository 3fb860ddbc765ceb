"""Background jobs of the plan export: assemble the plan and render it off the GUI thread.

Each job opens its own store session in the worker thread (sessions never cross threads) and
reports progress through Qt signals, which arrive queued in the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.store import Store

#: A job: (store, progress(fraction), cancelled()) -> result.
Job = Callable[[Store, Callable[[float], None], Callable[[], bool]], Any]


class JobSignals(QObject):
    """Signals:
        progress: a fraction 0..1.
        finished: the job's result.
        failed: one sentence for the user.
        cancelled: the user canceled; nothing was written.
    """

    progress = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class ExportWorker(QRunnable):
    """Run one job in the thread pool; ``cancel()`` asks it to stop."""

    def __init__(self, store: Store, job: Job) -> None:
        super().__init__()
        self.store = store
        self.job = job
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from smartpick_desktop.core.plan.pdf import ExportCancelled

        try:
            result = self.job(self.store, self.signals.progress.emit, self._cancel.is_set)
        except ExportCancelled:
            self.signals.cancelled.emit()
        except SmartPickError as err:
            self.signals.failed.emit(str(err))
        except OSError as err:
            name = f" '{err.filename}'" if err.filename else ""
            self.signals.failed.emit(f"Cannot write{name}: {err.strerror or err}.")
        except Exception as err:  # noqa: BLE001 - reported in one sentence, never a crash
            self.signals.failed.emit(f"The export failed: {type(err).__name__}: {err}.")
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.finished.emit(result)


def pdf_job(path: Path | None, pagesize: tuple[float, float]) -> Job:
    """Assemble the plan and write it to ``path`` (or return the PDF bytes when None).

    The result is ``(pages, path_or_bytes)``.
    """

    def job(store: Store, progress, cancelled):
        import io

        from smartpick_desktop.core.plan.assemble import assemble_plan
        from smartpick_desktop.core.plan.pdf import render_pdf

        with store.session() as session:
            document = assemble_plan(session)
        progress(0.05)
        if path is None:
            buffer = io.BytesIO()
            pages = render_pdf(document, buffer, pagesize=pagesize, progress=progress,
                               cancelled=cancelled)
            return pages, buffer.getvalue()
        pages = render_pdf(document, path, pagesize=pagesize, progress=progress,
                           cancelled=cancelled)
        return pages, path

    return job


def ics_job(path: Path) -> Job:
    """Assemble the plan and write its calendar; the result is the number of events."""

    def job(store: Store, progress, cancelled):
        from smartpick_desktop.core.plan.assemble import assemble_plan
        from smartpick_desktop.core.plan.ics import write_calendar

        with store.session() as session:
            document = assemble_plan(session)
        progress(0.5)
        return write_calendar(document, path)

    return job
