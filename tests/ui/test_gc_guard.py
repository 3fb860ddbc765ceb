"""The app collects cyclic garbage on the GUI thread only."""

from __future__ import annotations

import gc
import weakref

from smartpick_desktop.ui.gc_guard import MainThreadGarbageCollector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collector_turns_off_automatic_collection_and_collects_on_its_timer(qapp, qtbot):
    gc.enable()  # as at start-up: the guard, not the test suite, must switch it off
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    try:
        assert not gc.isenabled()
        gc.collect()
        cycles = [_Cycle() for _ in range(gc.get_threshold()[0] + 50)]
        alive = [weakref.ref(c) for c in cycles]
        del cycles
        assert all(ref() is not None for ref in alive)  # a cycle outlives its last reference
        qtbot.waitUntil(lambda: all(ref() is None for ref in alive), timeout=2000)
    finally:
        collector.stop()
        collector.deleteLater()
    assert not gc.isenabled()


def test_without_the_timer_cycles_stay(qapp, qtbot):
    """The check above can fail: with the timer stopped, nothing collects the cycles."""
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    collector.stop()
    try:
        gc.collect()
        cycles = [_Cycle() for _ in range(gc.get_threshold()[0] + 50)]
        alive = [weakref.ref(c) for c in cycles]
        del cycles
        qtbot.wait(100)
        assert all(ref() is not None for ref in alive)
    finally:
        collector.deleteLater()
        gc.collect()


def test_a_full_collection_waits_until_the_old_generation_grew_by_a_quarter(qapp, qtbot):
    """Full passes walk every object (100+ ms with a large catalog): not every tenth check."""
    gc.collect()
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    collector.stop()
    try:
        for _ in range(gc.get_threshold()[2] + 2):  # younger passes: the oldest count grows
            gc.collect(1)
        collector.check()
        assert collector.full_collections == 0  # ... but the old generation did not
        keep = [[_Cycle()] for _ in range(len(gc.get_objects(2)) // 3)]
        gc.collect(1)  # the survivors move to the oldest generation
        collector.check()
        assert collector.full_collections == 1
        del keep
    finally:
        collector.deleteLater()
        gc.collect()


def test_while_a_job_runs_only_young_objects_are_walked_and_its_leftovers_are_frozen(
        qapp, qtbot, monkeypatch):
    """The student waits for the job: no long pass then, and none later for what it loaded."""
    from smartpick_desktop.ui import gc_guard

    gc.collect()
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    collector.stop()
    try:
        monkeypatch.setattr(gc_guard, "_jobs_running", lambda: True)
        keep = [[_Cycle()] for _ in range(len(gc.get_objects(2)) // 3)]
        for _ in range(gc.get_threshold()[2] + 2):
            gc.collect(1)
        junk = [_Cycle() for _ in range(gc.get_threshold()[0] + 10)]
        del junk
        collector.check()
        assert collector.full_collections == 0
        assert gc.get_count()[0] < gc.get_threshold()[0]  # the youngest were collected
        frozen = gc.get_freeze_count()
        monkeypatch.setattr(gc_guard, "_jobs_running", lambda: False)
        collector.check()  # the job ended
        assert gc.get_freeze_count() >= frozen + len(keep)
        assert collector.full_collections == 0
        del keep
    finally:
        gc.unfreeze()
        collector.deleteLater()
        gc.collect()


def test_frozen_cycles_are_freed_once_quiet_for_a_while(qapp, qtbot, monkeypatch):
    from smartpick_desktop.ui import gc_guard

    gc.collect()
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    collector.stop()
    try:
        monkeypatch.setattr(gc_guard, "_jobs_running", lambda: True)
        collector.check()
        cycles = [_Cycle() for _ in range(gc.get_freeze_count() + 100)]
        alive = [weakref.ref(c) for c in cycles]
        monkeypatch.setattr(gc_guard, "_jobs_running", lambda: False)
        collector.check()  # the job ended: the cycles are frozen with the rest
        del cycles
        collector.check()
        assert all(ref() is not None for ref in alive)  # not yet: a job ran just now
        monkeypatch.setattr(gc_guard, "IDLE_S", 0.0)
        collector.check()
        assert collector.full_collections == 1
        assert all(ref() is None for ref in alive)
    finally:
        gc.unfreeze()
        collector.deleteLater()
        gc.collect()


def test_the_frozen_objects_are_counted_seldom_when_idle(qapp, qtbot, monkeypatch):
    from smartpick_desktop.ui import gc_guard

    collector = MainThreadGarbageCollector(None, interval_ms=10)
    collector.stop()
    counts = []
    real = gc.get_freeze_count
    try:
        monkeypatch.setattr(gc_guard, "IDLE_S", 0.0)
        monkeypatch.setattr(gc_guard.gc, "get_freeze_count",
                            lambda: counts.append(1) or real())
        for _ in range(5):  # five ticks, quiet: a count walks every frozen object
            collector.check()
        assert len(counts) == 1
    finally:
        collector.deleteLater()


def test_freezing_start_up_keeps_collections_working(qapp, qtbot):
    collector = MainThreadGarbageCollector(None, interval_ms=10)
    try:
        collector.freeze_startup()
        assert gc.get_freeze_count() > 0
        cycles = [_Cycle() for _ in range(gc.get_threshold()[0] + 50)]
        alive = [weakref.ref(c) for c in cycles]
        del cycles
        qtbot.waitUntil(lambda: all(ref() is None for ref in alive), timeout=2000)
    finally:
        gc.unfreeze()
        collector.stop()
        collector.deleteLater()
