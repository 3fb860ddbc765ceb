"""Composition root: open the store, build the context and the main window, run Qt."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from smartpick_desktop import APP_NAME, ORG_NAME, __version__
from smartpick_desktop.core.errors import StoreError
from smartpick_desktop.core.store import open_store

log = logging.getLogger("smartpick")


def setup_logging(data_dir: Path, *, debug: bool) -> None:
    """Log to ``smartpick.log`` in the data folder (windowed builds have no stderr)."""
    level = logging.DEBUG if debug or os.environ.get("SMARTPICK_DEBUG") else logging.INFO
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(data_dir / "smartpick.log",
                                                       encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)


def create_application(argv: list[str] | None = None):
    """Return the QApplication (creating it once)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    return app


def build_window(data_dir: Path):
    """Open the store and build the main window (raises StoreError)."""
    from smartpick_desktop.ui.context import AppContext
    from smartpick_desktop.ui.main_window import MainWindow

    store = open_store(data_dir)
    return MainWindow(AppContext(store))


def _report_store_error(err: StoreError) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "SmartPick cannot open your data", str(err))


def run_gui(data_dir: Path, *, smoke: bool = False, debug: bool = False) -> int:
    """Start the GUI; with ``smoke`` visit every tab and quit with 0."""
    setup_logging(data_dir, debug=debug)
    log.info("SmartPick %s starting with data folder %s", __version__, data_dir)
    app = create_application()
    try:
        window = build_window(data_dir)
    except StoreError as err:
        log.error("%s", err)
        if smoke:
            print(f"smartpick: {err}", file=sys.stderr)
        else:
            _report_store_error(err)
        return err.exit_code
    window.show()
    if smoke:
        return _smoke(app, window)
    code = app.exec()
    window.ctx.store.close()
    return code


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
