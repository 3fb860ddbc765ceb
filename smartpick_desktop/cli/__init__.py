"""The command line (PRODUCT.md section 9): the same core as the GUI, without a window.

Each feature keeps its commands in ``cli/<feature>_cmd.py`` with a ``register(subparsers)``
function; handlers take ``(args, ctx)`` and return an exit code. Keep heavy imports (NumPy,
reportlab) inside handlers so that ``smartpick`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable

from smartpick_desktop import __version__
from smartpick_desktop.cli.context import CliContext, UsageError
from smartpick_desktop.core.errors import SmartPickError

#: Starts the GUI: (data folder, smoke=, debug=) -> exit code.
GuiLauncher = Callable[..., int]

#: Command modules, in the order their commands appear in ``--help``.
COMMAND_MODULES: tuple[str, ...] = (
    "profile_cmd",
    "programs_cmd",
    "model_cmd",
    "plan_cmd",
    "season_cmd",
    "articles_cmd",
    "mentors_cmd",
    "backup_cmd",
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse override
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="smartpick", description="SmartPick Desktop — residency application "
                     "planner. With no command, starts the app.")
    parser.add_argument("--data-dir", metavar="DIR", help="use DIR instead of the per-user data "
                        "folder")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--version", action="version", version=f"SmartPick {__version__}")
    parser.add_argument("--smoke", action="store_true", help="start the GUI, visit every tab and "
                        "quit (packaging check)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"smartpick_desktop.cli.{name}").register(sub)
    return parser


def main(argv: list[str], *, gui: GuiLauncher | None = None) -> int:
    """Run the command line and return the process exit code. With no command, start the
    GUI through ``gui`` (``__main__`` passes it; the CLI itself never imports Qt)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = CliContext(args.data_dir, debug=args.debug)
    # Everything SmartPick creates holds the user's data: files 0600, folders 0700.
    previous_umask = os.umask(0o077)
    root = logging.getLogger()
    if args.command is not None and not args.debug and not root.handlers:
        # A command tells the user in its own sentences (store notices, errors); log records
        # must not reach stderr a second time through logging's last-resort handler.
        root.addHandler(logging.NullHandler())
    try:
        if args.command is None:
            if gui is None:
                raise UsageError("give a command (see --help).")
            return gui(ctx.data_dir, smoke=args.smoke, debug=args.debug)
        return int(args.func(args, ctx) or 0)
    except UsageError as err:
        print(f"smartpick: {err}", file=sys.stderr)
        return 2
    except SmartPickError as err:
        if args.debug:
            traceback.print_exc()
        from smartpick_desktop.cli.fixes import with_fix

        print(f"smartpick: {with_fix(err)}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("smartpick: interrupted.", file=sys.stderr)
        return 130
    except Exception as err:  # noqa: BLE001 - last resort: one line, never a traceback
        from smartpick_desktop.core.store.engine import busy_error

        busy = busy_error(ctx.data_dir / "smartpick.db", err)
        if busy is not None and "OperationalError" in type(err).__name__:
            print(f"smartpick: {busy}", file=sys.stderr)
            return busy.exit_code
        if args.debug:
            traceback.print_exc()
        print(f"smartpick: unexpected error: {type(err).__name__}: {err} "
              "(run with --debug for details).", file=sys.stderr)
        return 1
    finally:
        ctx.close()
        os.umask(previous_umask)
