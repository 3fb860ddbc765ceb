"""Composition root: open the store, build the context and the main window, run Qt."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from smartpick_desktop import APP_NAME, ORG_NAME, __version__
from smartpick_desktop.core.datafolder import open_store
from smartpick_desktop.core.errors import StoreError

log = logging.getLogger("smartpick")


def setup_logging(data_dir: Path, *, debug: bool) -> None:
    """Log to ``smartpick.log`` in the data folder (windowed builds have no stderr)."""
    env_debug = os.environ.get("SMARTPICK_DEBUG", "").strip().lower() not in ("", "0", "false", "no")
    level = logging.DEBUG if debug or env_debug else logging.INFO
    from smartpick_desktop.core.files import make_private, private_dir

    try:
        private_dir(data_dir)
        for name in ("smartpick.log", "smartpick.log.1", "smartpick.log.2"):
            make_private(data_dir / name)  # logs name the user's files: private
        handler: logging.Handler = RotatingFileHandler(
            data_dir / "smartpick.log", maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)


def _qt_message_to_log(mode, _context, message: str) -> None:
    """Route Qt's own messages to the log file (windowed builds have no stderr)."""
    from PySide6.QtCore import QtMsgType

    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


def create_application(argv: list[str] | None = None):
    """Return the QApplication (creating it once)."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from smartpick_desktop.core.resources import resource_path

    qInstallMessageHandler(_qt_message_to_log)
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "smartpick.svg"))))
    if not hasattr(app, "smartpick_gc"):
        from smartpick_desktop.ui.gc_guard import MainThreadGarbageCollector

        app.smartpick_gc = MainThreadGarbageCollector(app)  # workers never run the collector
    return app


def build_window(data_dir: Path):
    """Open the store and build the main window (raises StoreError)."""
    from smartpick_desktop.ui.context import AppContext
    from smartpick_desktop.ui.main_window import MainWindow

    store = open_store(data_dir)
    return MainWindow(AppContext(store), defer_tabs=True)  # run_gui completes it once shown


_CUPS_SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock", "/private/var/run/cupsd")


def keep_printing_local() -> None:
    """Point CUPS at its local socket so Qt's printer lookup never dials localhost:631.

    Without a running local CUPS, libcups falls back to TCP (AF_INET) as soon as Qt creates a
    QPrinter; the app must open no network connection. A server the user configured
    (``CUPS_SERVER`` or a ``client.conf``) is respected.
    """
    if sys.platform == "win32" or os.environ.get("CUPS_SERVER"):
        return
    configs = (Path.home() / ".cups" / "client.conf", Path("/etc/cups/client.conf"))
    if any(p.is_file() for p in configs):
        return
    existing = [s for s in _CUPS_SOCKETS if os.path.exists(s)]
    os.environ["CUPS_SERVER"] = existing[0] if existing else _CUPS_SOCKETS[0]


def _no_display() -> bool:
    """True on a Linux machine without a screen (the smoke test then runs offscreen)."""
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _report_store_error(err: StoreError, data_dir: Path):
    """Tell the user why the store cannot be used; for a damaged one, offer the newest good
    backup or a fresh start. Return the main window when the app can go on, else None."""
    from PySide6.QtWidgets import QMessageBox

    from smartpick_desktop.core.datafolder import restore_newest_backup
    from smartpick_desktop.core.store.integrity import DamagedStoreError

    if not isinstance(err, DamagedStoreError):
        QMessageBox.critical(None, "SmartPick cannot open your data", str(err))
        return None
    from smartpick_desktop.ui.backup import damaged

    choice = damaged.offer_recovery(err)
    try:
        if choice == damaged.RESTORE:
            restored = restore_newest_backup(data_dir)
            log.info("Restored %s after damage", restored)
        elif choice != damaged.FRESH:
            return None
        return build_window(data_dir)
    except StoreError as again:
        log.error("%s", again)
        QMessageBox.critical(None, "SmartPick cannot open your data", str(again))
        return None


def run_gui(data_dir: Path, *, smoke: bool = False, debug: bool = False) -> int:
    """Start the GUI; with ``smoke`` visit every tab and quit with 0."""
    setup_logging(data_dir, debug=debug)
    log.info("SmartPick %s starting with data folder %s", __version__, data_dir)
    keep_printing_local()
    if smoke and _no_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_application()
    try:
        window = build_window(data_dir)
    except StoreError as err:
        log.error("%s", err)
        if smoke:
            print(f"smartpick: {err}", file=sys.stderr)
            return err.exit_code
        window = _report_store_error(err, data_dir)
        if window is None:
            return err.exit_code
    window.show()
    notices = getattr(getattr(window, "ctx", None), "store", None)
    if notices is not None and notices.notices:  # e.g. the daily backup was skipped
        window.ctx.status_message.emit(" ".join(notices.notices))
    app.processEvents()  # let the window appear before the other tabs are built
    if os.environ.get("SMARTPICK_STARTUP_TRACE"):
        _trace_startup()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, window.complete)
    QTimer.singleShot(0, app.smartpick_gc.freeze_startup)  # later collections skip start-up
    if smoke:
        return _smoke(app, window)
    code = app.exec()
    window.ctx.store.close()
    return code


def _trace_startup() -> None:
    """SMARTPICK_STARTUP_TRACE=1: print when the main window is shown (benchmarks/ read it)."""
    import time

    now = time.time()
    since = ""
    try:  # Linux: the process start time, in clock ticks since boot.
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = time.clock_gettime(time.CLOCK_BOOTTIME)
        since = f" {uptime - ticks / os.sysconf('SC_CLK_TCK'):.3f} s after process start"
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    print(f"startup-trace: main window shown at {now:.6f}{since}", flush=True)


def _smoke(app, window) -> int:
    """Visit every tab, let each paint, then close the window."""
    for key in window.tab_keys():
        window.show_tab(key)
        app.processEvents()
    window.close()
    app.processEvents()
    window.ctx.store.close()
    print(f"SmartPick {__version__}: smoke test passed ({len(window.tab_keys())} tabs).")
    return 0
