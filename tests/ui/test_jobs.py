"""The job runner (ui/jobs.py): one way to run, report and cancel background work, and no job
outlives or signals a deleted receiver."""

from __future__ import annotations

import threading

import pytest

from PySide6.QtWidgets import QWidget

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.progress import Cancelled, checkpoint
from smartpick_desktop.ui.jobs import JobRunner, running_jobs, shutdown_runners


def _held_until_cancelled(release: threading.Event | None = None):
    """A job that reports progress until it is cancelled (or released)."""

    def run(job):
        for step in range(3000):
            checkpoint(job.should_cancel)
            job.progress(step, 3000)
            if release is not None and release.is_set():
                return "released"
            threading.Event().wait(0.005)
        raise AssertionError("never cancelled")

    return run


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_result_progress_and_the_outcome_arrive_on_the_gui_thread(owner, qtbot):
    runner = JobRunner(owner)
    seen: dict[str, object] = {}
    gui = threading.current_thread()

    def work(job):
        job.progress(1, 2)
        return threading.current_thread() is not gui

    def on_progress(done, total):
        seen["progress"] = (done, total, threading.current_thread() is gui)

    runner.start(work, finished=lambda result: seen.setdefault("off_thread", result),
                 progress=on_progress)
    qtbot.waitUntil(lambda: "off_thread" in seen, timeout=5000)
    assert seen["off_thread"] is True and seen["progress"] == (1.0, 2.0, True)
    assert not runner.busy and running_jobs() == []


@pytest.mark.parametrize(("error", "expected"), [
    (InputError("File x.csv: row 3 is invalid."), "File x.csv: row 3 is invalid."),
    (KeyError("boom"), "The export failed: KeyError: 'boom'."),
    (PermissionError(13, "Permission denied", "/nope/plan.pdf"),
     "The export failed: cannot use '/nope/plan.pdf': Permission denied."),
])
def test_errors_become_one_sentence(owner, qtbot, error, expected, caplog):
    runner = JobRunner(owner)
    failed: list[str] = []

    def work(_job):
        raise error

    with caplog.at_level("CRITICAL"):  # the unexpected one is logged with its traceback
        runner.start(work, name="The export", failed=failed.append)
        qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert failed == [expected]


def test_cancel_is_one_flag_the_core_checks(owner, qtbot):
    runner = JobRunner(owner)
    events: list[str] = []
    job = runner.start(_held_until_cancelled(), cancelled=lambda: events.append("cancelled"),
                       finished=lambda _r: events.append("finished"))
    qtbot.waitUntil(lambda: job.running, timeout=5000)
    job.cancel()
    qtbot.waitUntil(lambda: bool(events), timeout=5000)
    assert events == ["cancelled"] and not job.running


def test_cancelled_raised_by_the_core_is_a_cancel_not_a_failure(owner, qtbot):
    runner = JobRunner(owner)
    events: list[str] = []

    def work(_job):
        raise Cancelled

    runner.start(work, cancelled=lambda: events.append("cancelled"), failed=events.append)
    qtbot.waitUntil(lambda: bool(events), timeout=5000)
    assert events == ["cancelled"]


def test_a_queued_job_can_be_replaced_and_never_runs(owner, qtbot):
    runner = JobRunner(owner, max_threads=1)
    release = threading.Event()
    ran: list[str] = []
    first = runner.start(_held_until_cancelled(release), finished=ran.append)
    second = runner.start(lambda _job: "second", finished=ran.append)
    runner.start(lambda _job: "third", finished=ran.append, replace_queued=True)
    release.set()
    qtbot.waitUntil(lambda: len(ran) == 2, timeout=5000)
    assert ran == ["released", "third"]
    assert not first.running and not second.running


def test_closing_the_window_cancels_and_waits_and_calls_nothing_back(owner, qtbot):
    """The issue-16 race: a window closing while a job runs must leave nothing running."""
    child = QWidget(owner)
    runner = JobRunner(child)
    calls: list[str] = []
    job = runner.start(_held_until_cancelled(), finished=calls.append,
                       cancelled=lambda: calls.append("cancelled"), failed=calls.append,
                       progress=lambda *_: calls.append("progress"))
    qtbot.waitUntil(lambda: "progress" in calls, timeout=5000)
    shutdown_runners(owner)
    assert not job.running and running_jobs() == []
    calls.clear()
    qtbot.wait(50)  # the queued signals of the ended job arrive now
    assert calls == []
    with pytest.raises(RuntimeError):
        runner.start(lambda _job: None)


def test_a_job_outliving_its_owner_never_signals_a_deleted_object(qtbot, recwarn):
    """The owner (and its runner) deleted while the job still runs: the job finishes, nothing
    is called back and no thread raises "Signal source has been deleted"."""
    import shiboken6

    owner = QWidget()
    runner = JobRunner(owner)
    release = threading.Event()
    calls: list[object] = []
    job = runner.start(_held_until_cancelled(release), finished=calls.append,
                       progress=lambda *_: calls.append("progress"))
    qtbot.waitUntil(lambda: "progress" in calls, timeout=5000)
    threading.Timer(0.2, release.set).start()
    shiboken6.delete(owner)  # the runner's pool waits for the job as it goes
    assert job.wait(5) and not job.running
    calls.clear()
    qtbot.wait(50)
    assert calls == []
    assert not [w for w in recwarn if "Signal source" in str(w.message)]


def test_a_worker_waits_at_let_gui_run_while_the_gui_thread_paints_a_table():
    import time

    from smartpick_desktop.ui import jobs

    passed = threading.Event()

    def worker() -> None:
        jobs.let_gui_run()
        passed.set()

    with jobs.gui_painting():
        thread = threading.Thread(target=worker)
        thread.start()
        assert not passed.wait(0.04)  # the GUI thread paints: the worker waits
    assert passed.wait(1.0)
    thread.join()
    start = time.perf_counter()
    with jobs.gui_painting():  # a paint that never ends does not hold a worker for long
        jobs.let_gui_run()
        waited = time.perf_counter() - start
    assert jobs.PAINT_WAIT_S <= waited < jobs.PAINT_WAIT_S + 0.5
