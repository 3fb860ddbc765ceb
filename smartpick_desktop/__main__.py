"""Entry point: ``smartpick`` with no command starts the GUI, with a command runs the CLI.

The CLI never imports Qt (an import-linter contract): the GUI launch is handed to it from here.
"""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path, *, smoke: bool = False, debug: bool = False) -> int:
    """Start the GUI (Qt is imported only now)."""
    from smartpick_desktop.app import run_gui as run

    return run(data_dir, smoke=smoke, debug=debug)


def main(argv: list[str] | None = None) -> int:
    from smartpick_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
