"""Collect Python's garbage on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a threshold
is crossed — also in a worker thread (ranking, optimizing, exporting). If that collection frees
the wrapper of a Qt object that belongs to the GUI thread, Qt crashes. So automatic collection
is switched off and a timer on the GUI thread collects instead, generation by generation, as the
thresholds say. Reference counting still frees almost everything at once; only cycles wait for
the timer.

A collection walks the objects of the generations it collects (with 15,000 programs loaded, a
full one stalls the window for over 100 ms). So: what exists once the window is built is frozen
out of later collections (:meth:`MainThreadGarbageCollector.freeze_startup`); while a background
job runs (the student is waiting for it), only the youngest generation is collected, and what
the job left behind is frozen when it ends, unwalked; the oldest generation is collected, as
CPython's own rule does, only once it has grown by a quarter; and frozen objects are walked
again (cycles among them freed) only after no job has run for a while and they grew by a
quarter.
"""

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 50  # often: each pass then has few young objects to walk (a few ms)
#: Seconds without a job before the frozen objects are walked again.
IDLE_S = 20.0
#: Seconds between two counts of the frozen objects (a count walks them all: 10 ms with 15,000
#: programs loaded, too long to do on every tick).
TIDY_CHECK_S = 5.0


class MainThreadGarbageCollector(QObject):
    """Owns the timer; create one, parented to the QApplication, at start-up."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._long_lived = len(gc.get_objects(2))  # the oldest generation after a full pass
        self._frozen = gc.get_freeze_count()       # frozen objects after the last tidy
        self._busy = False
        self._measured_at = -1
        self._last_job = time.monotonic()
        self._next_tidy_check = 0.0
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
        self._frozen = gc.get_freeze_count()

    def check(self) -> None:
        """Collect the generations whose counts crossed their thresholds (see the module's
        notes for the oldest generation, jobs and frozen objects)."""
        counts = gc.get_count()
        if _jobs_running():
            self._busy = True
            if counts[0] > self._threshold[0]:
                gc.collect(0)  # a few thousand objects: a few ms
            return
        if self._busy:  # a job just ended: keep what it left (a loaded catalog), unwalked
            self._busy = False
            self._last_job = time.monotonic()
            gc.freeze()
            return
        now = time.monotonic()
        if (now - self._last_job > IDLE_S and now >= self._next_tidy_check
                and self._tidy_check(now)):
            gc.unfreeze()  # quiet for a while: free the cycles among frozen objects
            gc.collect()
            gc.freeze()
            self._frozen = gc.get_freeze_count()
            self._long_lived = len(gc.get_objects(2))
            self.full_collections += 1
            return
        if counts[2] > self._threshold[2] and counts[2] != self._measured_at:
            self._measured_at = counts[2]  # measure once per younger pass, not every tick
            old = len(gc.get_objects(2))
            if old - self._long_lived > self._long_lived / 4:
                gc.collect(2)
                self._long_lived = len(gc.get_objects(2))
                self._measured_at = -1
                self.full_collections += 1
                return
        for generation in (1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return


    def _tidy_check(self, now: float) -> bool:
        """Whether the frozen objects grew by a quarter (counted at most every TIDY_CHECK_S)."""
        self._next_tidy_check = now + TIDY_CHECK_S
        return gc.get_freeze_count() > self._frozen * 1.25


def _jobs_running() -> bool:
    jobs = sys.modules.get("smartpick_desktop.ui.jobs")
    return bool(jobs is not None and jobs.running_jobs())
