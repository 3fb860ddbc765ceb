"""Background work for the GUI: one runner, one way to report progress and to cancel.

A job is a plain function ``fn(job)`` that runs in a worker thread. It opens its own store
session (sessions never cross threads), reports with ``job.progress(done, total)`` and hands
``job.should_cancel`` to the core (the convention of ``core/progress.py``); what it returns
arrives on the GUI thread. Errors become one sentence: a ``SmartPickError`` as it is worded,
anything else named with its type (and logged), never a dead thread.

A :class:`JobRunner` belongs to the widget that starts the jobs (its parent). Each job has its
own signal carrier, and every job is kept referenced from the moment it starts until its last
signal has been handled on the GUI thread, so a worker never emits through a deleted object.
Callbacks go through the runner: once it is shut down or deleted, none is called. The main
window shuts down every runner on close (cancel, then wait), and at exit the process waits for
whatever still runs.

A job that reads many rows from the database calls :func:`let_gui_run` every few milliseconds
(SQLite lets the interpreter go on every row and takes it straight back, and then CPython never
hands it to a waiting GUI thread: the window would stall for tens of milliseconds at a time);
there it also waits while the GUI thread paints a table (:func:`gui_painting`), whose every cell
is a few Python calls.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from smartpick_desktop.core.errors import SmartPickError
from smartpick_desktop.core.progress import Cancelled
from smartpick_desktop.ui.fixes import with_fix

log = logging.getLogger(__name__)

#: A worker's pause in :func:`let_gui_run`, in seconds.
PAUSE_S = 0.0005
#: The longest a worker waits there for the GUI thread to finish painting, in seconds.
PAINT_WAIT_S = 0.1
_gui_free = threading.Event()  # cleared while the GUI thread paints a large view
_gui_free.set()


def let_gui_run() -> None:
    """Pause a worker thread briefly so that the GUI thread takes the interpreter, and wait
    while the GUI thread paints a large view (:func:`gui_painting`; at most PAINT_WAIT_S)."""
    time.sleep(PAUSE_S)
    _gui_free.wait(PAINT_WAIT_S)


@contextmanager
def gui_painting() -> Iterator[None]:
    """Around a paint on the GUI thread that calls Python for every cell (a table's): workers
    at :func:`let_gui_run` wait until it is done instead of taking the interpreter from it."""
    _gui_free.clear()
    try:
        yield
    finally:
        _gui_free.set()

#: How long closing a window waits for its cancelled jobs before it lets them finish alone.
CLOSE_WAIT_MS = 10_000


class JobSignals(QObject):
    """One job's signal carrier (created on the GUI thread). Each signal carries the job first.

    Signals:
        progress: (job, done, total).
        finished: (job, result).
        failed: (job, one sentence for the user).
        cancelled: (job,) — cancel was asked; the core changed nothing.
        ended: (job,) — always last.
    """

    progress = Signal(object, float, float)
    finished = Signal(object, object)
    failed = Signal(object, str)
    cancelled = Signal(object)
    ended = Signal(object)


class Job(QRunnable):
    """``fn(job)`` in a worker thread; see the module docstring."""

    def __init__(self, fn: Callable[[Job], Any], name: str) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (the registry) until its end is handled
        self.fn = fn
        self.name = name
        self.signals = JobSignals()
        self.result: Any = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self._ended = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next check (callable from any thread)."""
        self._cancel.set()

    def should_cancel(self) -> bool:
        """The ``should_cancel`` of ``core/progress.py``."""
        return self._cancel.is_set()

    def progress(self, done: float, total: float) -> None:
        """The ``progress`` of ``core/progress.py`` (dropped once cancel was asked)."""
        if not self._cancel.is_set():
            self.signals.progress.emit(self, float(done), float(total))

    @property
    def running(self) -> bool:
        """True until ``run`` has returned (or the job was taken off the queue)."""
        return not self._ended.is_set()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the job has ended; False on timeout."""
        return self._ended.wait(timeout_s)

    def run(self) -> None:  # the worker thread
        try:
            self.result = self.fn(self)
        except Cancelled:
            self._cancel.set()
        except SmartPickError as err:
            self.error = with_fix(err)
        except OSError as err:
            name = f" '{err.filename}'" if err.filename else ""
            self.error = f"{self.name} failed: cannot use{name}: {err.strerror or err}."
        except Exception as err:  # noqa: BLE001 - reported in one sentence, never a dead thread
            log.exception("%s failed", self.name)
            self.error = f"{self.name} failed: {type(err).__name__}: {err}."
        try:
            if self._cancel.is_set():
                self.signals.cancelled.emit(self)
            elif self.error is not None:
                self.signals.failed.emit(self, self.error)
            else:
                self.signals.finished.emit(self, self.result)
            self.signals.ended.emit(self)
        finally:
            self._ended.set()


class _Registry(QObject):
    """Every started job, referenced until its ``ended`` is handled on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: set[Job] = set()

    @Slot(object)
    def forget(self, job: Job) -> None:
        self.jobs.discard(job)


_registry: _Registry | None = None


def _jobs() -> set[Job]:
    return _registry.jobs if _registry is not None else set()


def running_jobs() -> list[Job]:
    """Jobs whose function has not returned yet (tests fail when one is left behind)."""
    return [job for job in _jobs() if job.running]


def wait_for_all(timeout_s: float | None = None, *, cancel: bool = True) -> bool:
    """Cancel (unless told not to) and wait for every running job; False if one is still
    running after ``timeout_s``."""
    jobs = running_jobs()
    if cancel:
        for job in jobs:
            job.cancel()
    return all(job.wait(timeout_s) for job in jobs)


# A worker that outlives the interpreter's teardown would emit through a freed carrier.
atexit.register(wait_for_all, None, cancel=True)


class JobRunner(QObject):
    """Starts jobs for its parent widget and calls the parent back on the GUI thread.

    ``max_threads`` limits how many of this runner's jobs run at once (1: one after another).
    """

    def __init__(self, parent: QObject | None = None, *, max_threads: int | None = None) -> None:
        super().__init__(parent)
        global _registry
        if _registry is None:
            _registry = _Registry()
        self._pool = QThreadPool(self)
        if max_threads is not None:
            self._pool.setMaxThreadCount(max_threads)
        self._callbacks: dict[Job, dict[str, Callable[..., Any] | None]] = {}
        self._closed = False

    @property
    def jobs(self) -> list[Job]:
        """This runner's jobs whose outcome has not been handled yet."""
        return list(self._callbacks)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def start(self, fn: Callable[[Job], Any], *, name: str = "The task",
              finished: Callable[[Any], Any] | None = None,
              failed: Callable[[str], Any] | None = None,
              cancelled: Callable[[], Any] | None = None,
              progress: Callable[[float, float], Any] | None = None,
              replace_queued: bool = False) -> Job:
        """Run ``fn(job)`` in a worker thread; ``name`` starts an unexpected error's sentence.

        ``replace_queued`` drops this runner's jobs that have not started yet (no callback of
        theirs is called).
        """
        if self._closed:
            raise RuntimeError("this job runner was shut down")
        if replace_queued:
            for queued in list(self._callbacks):
                if self._pool.tryTake(queued):
                    self._drop(queued)
        job = Job(fn, name)
        self._callbacks[job] = {"finished": finished, "failed": failed, "cancelled": cancelled,
                                "progress": progress}
        job.signals.progress.connect(self._on_job_progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        assert _registry is not None
        job.signals.ended.connect(_registry.forget)
        _registry.jobs.add(job)
        self._pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until this runner's jobs have run (tests; closing); False on timeout."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = CLOSE_WAIT_MS) -> bool:
        """Stop for good: drop queued jobs, cancel running ones, wait up to ``msecs`` for them,
        and call no callback any more. False when a job had to be left to finish alone (it
        stays referenced until it ends; the process waits for it at exit)."""
        self._closed = True
        for job in list(self._callbacks):
            if self._pool.tryTake(job):
                self._drop(job)
            else:
                job.cancel()
        self._callbacks.clear()
        done = self._pool.waitForDone(msecs)
        if not done:
            log.warning("Background work still running after %d ms; it will finish alone.",
                        msecs)
        return done

    def _drop(self, job: Job) -> None:
        self._callbacks.pop(job, None)
        job._ended.set()
        if _registry is not None:
            _registry.forget(job)

    def _call(self, job: Job, kind: str, *args: Any) -> None:
        callbacks = (self._callbacks.get(job) if kind == "progress"
                     else self._callbacks.pop(job, None))  # an outcome is the job's last word
        callback = (callbacks or {}).get(kind)
        if callback is not None and not self._closed:
            callback(*args)

    @Slot(object, float, float)
    def _on_job_progress(self, job: Job, done: float, total: float) -> None:
        if not job.should_cancel():
            self._call(job, "progress", done, total)

    @Slot(object, object)
    def _on_job_finished(self, job: Job, result: Any) -> None:
        self._call(job, "finished", result)

    @Slot(object, str)
    def _on_job_failed(self, job: Job, message: str) -> None:
        self._call(job, "failed", message)

    @Slot(object)
    def _on_job_cancelled(self, job: Job) -> None:
        self._call(job, "cancelled")


def shutdown_runners(root: QObject, msecs: int = CLOSE_WAIT_MS) -> None:
    """Shut down every runner under ``root`` (a window closing)."""
    for runner in root.findChildren(JobRunner):
        runner.shutdown(msecs)
