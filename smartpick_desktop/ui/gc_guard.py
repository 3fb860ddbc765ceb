"""Collect Python's garbage on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a threshold
is crossed — also in a worker thread (ranking, optimizing, exporting). If that collection frees
the wrapper of a Qt object that belongs to the GUI thread, Qt crashes. So automatic collection
is switched off and a timer on the GUI thread collects instead, generation by generation, as the
thresholds say. Reference counting still frees almost everything at once; only cycles wait for
the timer.

A full collection walks every object (with 15,000 programs loaded, over 100 ms of a stalled
window). So: what exists once the window is built (modules, classes, widgets) is frozen out of
later collections (:meth:`MainThreadGarbageCollector.freeze_startup`); as CPython's own rule
does, the oldest generation is collected only once it has grown by a quarter since the last full
collection; and never while a background job runs (the student is waiting for its result), only
the younger generations then.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 50  # often: each pass then has few young objects to walk (a few ms)


class MainThreadGarbageCollector(QObject):
    """Owns the timer; create one, parented to the QApplication, at start-up."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._long_lived = len(gc.get_objects(2))  # the oldest generation after a full pass
        self.full_collections = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def stop(self) -> None:
        """Stop the timer (automatic collection stays off)."""
        self._timer.stop()

    def freeze_startup(self) -> None:
        """Once the window is built: collect, then keep everything that exists now out of
        every later collection (it lives as long as the app anyway)."""
        gc.collect()
        gc.freeze()
        self._long_lived = len(gc.get_objects(2))

    def check(self) -> None:
        """Collect the generations whose counts crossed their thresholds (the oldest only when
        it grew by a quarter)."""
        counts = gc.get_count()
        if counts[2] > self._threshold[2] and not _jobs_running():
            old = len(gc.get_objects(2))
            if old - self._long_lived > self._long_lived / 4:
                gc.collect(2)
                self._long_lived = len(gc.get_objects(2))
                self.full_collections += 1
                return
        for generation in (1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return


def _jobs_running() -> bool:
    jobs = sys.modules.get("smartpick_desktop.ui.jobs")
    return bool(jobs is not None and jobs.running_jobs())
