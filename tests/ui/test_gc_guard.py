"""The app collects cyclic garbage on the GUI thread only."""

from __future__ import annotations

import gc

from smartpick_desktop.ui.gc_guard import MainThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collector_turns_off_automatic_collection_and_collects_on_its_timer(qapp, qtbot):
    collector = MainThreadGarbageCollector(qapp, interval_ms=10)
    try:
        assert not gc.isenabled()
        gc.collect()
        for _ in range(gc.get_threshold()[0] + 50):
            _Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=2000)
    finally:
        collector.deleteLater()
