"""Collect Python's garbage on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a threshold
is crossed — also in a worker thread (ranking, optimizing, exporting). If that collection frees
the wrapper of a Qt object that belongs to the GUI thread, Qt crashes. So automatic collection
is switched off and a timer on the GUI thread collects instead, generation by generation, as the
thresholds say. Reference counting still frees almost everything at once; only cycles wait for
the timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    """Owns the timer; create one, parented to the QApplication, at start-up."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def stop(self) -> None:
        """Stop the timer (automatic collection stays off)."""
        self._timer.stop()

    def check(self) -> None:
        """Collect the generations whose counts crossed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._threshold[generation]:
                gc.collect(generation)
                return
