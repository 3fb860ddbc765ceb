"""Shared fixtures: offscreen Qt, a temporary data folder per test, no network."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import socket
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.profile import Profile  # noqa: E402

#: Test data referenced beside the project (``../shared/testdata``, never copied in): where it is
#: not there (a fresh clone), the modules that need it are not collected rather than skipped.
_SHARED = next((p / "shared" for p in Path(__file__).resolve().parents
                if (p / "shared" / "testdata").is_dir()), None)
collect_ignore = [] if _SHARED else ["cli/test_model_validate_cli.py",
                                     "core/model/test_validation.py"]


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.tool("pdftotext", ...)``: skip when a program the test runs is missing
    (``make test`` installs them; in CI that skip fails the run)."""
    for mark in item.iter_markers("tool"):
        missing = [name for name in mark.args if shutil.which(name) is None]
        if missing:
            pytest.skip(f"{', '.join(missing)} is not installed (`make test` installs it)")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI (``CI`` set), a skip is a failure unless its reason starts with "platform:"."""
    outcome = yield
    report = outcome.get_result()
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if not reason.removeprefix("Skipped: ").startswith("platform:"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI without a platform reason: {reason}"


class _LoggedWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fail_on_logged_warning(request):
    """A warning or error logged during a test fails it, unless the test reads the log itself
    (it uses ``caplog`` and asserts what it expects)."""
    handler = _LoggedWarnings()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if handler.records and "caplog" not in request.fixturenames:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records[:5]]
        pytest.fail("logged during the test (use caplog to expect it):\n" + "\n".join(lines),
                    pytrace=False)


class NetworkUsed(AssertionError):
    """A test tried to open a network connection; SmartPick never does."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that connects or sends through an internet socket (local Unix sockets are
    fine), and keep Qt's printer lookup off TCP as the app does (see app.keep_printing_local)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_sendto = socket.socket.sendto

    def _check(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkUsed(f"network connection attempted to {address!r}")

    def guarded(self: socket.socket, address: object) -> object:
        _check(self, address)
        return real_connect(self, address)

    def guarded_ex(self: socket.socket, address: object) -> int:
        _check(self, address)
        return real_connect_ex(self, address)

    def guarded_sendto(self: socket.socket, data: bytes, *args: object) -> int:
        _check(self, args[-1])
        return real_sendto(self, data, *args)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)
    monkeypatch.setattr(socket.socket, "sendto", guarded_sendto)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: (_ for _ in ()).throw(NetworkUsed(f"connect {a!r}")))
    if "CUPS_SERVER" not in os.environ:
        from smartpick_desktop.app import keep_printing_local

        keep_printing_local()


@pytest.fixture(autouse=True, scope="session")
def _collect_garbage_on_the_main_thread():
    """As the app does (ui/gc_guard.py): never let the cyclic collector run in a worker thread,
    where freeing a Qt object's wrapper crashes; collect between tests instead."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    """Between tests, collect the generations past their thresholds (as the app's timer does)."""
    yield
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            break


@pytest.fixture(autouse=True)
def _no_job_or_timer_left(request):
    """Fail a test that leaves a background job running (ui/jobs.py) or an app-wide timer
    ticking on the shared QApplication: the next tests would run beside it."""
    yield
    import sys

    leftovers = []
    jobs = sys.modules.get("smartpick_desktop.ui.jobs")
    if jobs is not None:
        running = jobs.running_jobs()
        if running:
            jobs.wait_for_all(30)  # do not let it run into the next test
            leftovers += [f"job '{job.name}'" for job in running]
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QTimer

        app = QCoreApplication.instance()
        if app is not None:
            for timer in app.findChildren(QTimer):
                if timer.isActive():
                    timer.stop()
                    leftovers.append(f"timer {timer.objectName() or timer.parent()!r} on the "
                                     "application")
    if leftovers:
        pytest.fail(f"{request.node.nodeid} left running: {', '.join(leftovers)}",
                    pytrace=False)


@pytest.fixture
def data_dir(tmp_path):
    """An empty data folder for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def store(data_dir):
    """An open, migrated store in the test's data folder."""
    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def sample_profile() -> Profile:
    """A valid US MD profile in Internal Medicine."""
    return Profile(
        name="Alex Doe", applicant_type="us_md", graduation_year=2027, home_state="OH",
        home_city="Columbus", step1="pass", step2_ck=248, research_items=6,
        work_experiences=3, volunteer_experiences=5, honors=["aoa"], specialty="Internal Medicine",
        budget_usd=1500, preferred_states=["OH", "MI", "PA"], preferred_settings=["university"],
    )


@pytest.fixture
def ctx(store, qapp):
    """The GUI application context over the test's store (dialogs must be faked by the test)."""
    from smartpick_desktop.ui.context import AppContext

    return AppContext(store)


@pytest.fixture
def main_window(ctx, qtbot):
    """The main window over an empty store."""
    from smartpick_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def open_main_window(ctx, qtbot, sample_profile):
    """Make the main window over the sample profile, shown (at ``size``, if given) and, when
    ``active``, the active window."""
    from smartpick_desktop.core.profile import save_profile
    from smartpick_desktop.ui.main_window import MainWindow

    def make(size: tuple[int, int] | None = None, *, active: bool = True):
        with ctx.store.session() as s:
            save_profile(s, sample_profile)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        if size is not None:
            window.resize(*size)
        window.show()
        if active:
            window.windowHandle().requestActivate()
            qtbot.waitUntil(window.isActiveWindow)
        return window

    return make


@pytest.fixture
def open_programs_tab(ctx, qtbot, sample_profile):
    """Make a Programs tab of a given size over the sample profile, shown and loaded."""
    from smartpick_desktop.core.profile import save_profile
    from smartpick_desktop.ui.programs.tab import ProgramsTab

    def make(width: int, height: int, *, wait: bool = True):
        with ctx.store.session() as s:
            save_profile(s, sample_profile)
        tab = ProgramsTab(ctx)
        qtbot.addWidget(tab)
        tab.resize(width, height)
        tab.show()
        if not wait:
            tab.ensure_loaded()
            return tab  # the load has just started
        qtbot.waitExposed(tab)
        tab.ensure_loaded()
        qtbot.waitUntil(lambda: tab.loaded and not tab.busy, timeout=20000)
        return tab

    return make


@pytest.fixture(autouse=True)
def _no_real_discard_question(monkeypatch):
    """A dialog asking "Discard what you typed?" would block the test on exec(): answer
    "Discard" instead (as closing widgets at teardown needs); tests about the question replace
    ``confirm_discard`` on the dialog and assert it was asked."""
    try:
        from smartpick_desktop.ui.discard_guard import DiscardGuard
    except ImportError:  # Qt-free test runs
        return
    monkeypatch.setattr(DiscardGuard, "confirm_discard", lambda self: True)
