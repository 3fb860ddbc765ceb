"""PyInstaller runtime hook: give a windowed (console=False) build usable stdout/stderr.

A windowed build on Windows and a macOS ``.app`` start with ``sys.stdout``/``sys.stderr`` set to
``None``; the CLI (``smartpick --version``, ``plan export`` …) must still print when it is run from a
terminal. On Windows we attach to the parent's console when there is one; elsewhere we reopen the
process's own descriptors 1 and 2 (or ``/dev/stdout``). When nothing is attached (double-click),
output goes to ``os.devnull`` so that a stray ``print`` never crashes; logs go to
``smartpick.log`` in the data folder (``app.setup_logging``).
"""

import os
import sys


def _open_windows_console(name: str):
    import ctypes

    attach_parent_process = -1
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    if not kernel32.GetConsoleWindow() and not kernel32.AttachConsole(attach_parent_process):
        return None
    return open(name, "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115


def _reopen(fd: int, device: str):
    try:
        os.fstat(fd)
        return os.fdopen(os.dup(fd), "w", encoding="utf-8", errors="replace", buffering=1)
    except OSError:
        pass
    try:
        return open(device, "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
    except OSError:
        return None


def reattach_stdio() -> None:
    """Replace a ``None`` ``sys.stdout``/``sys.stderr`` with a usable stream."""
    for attr, fd, device, console in (("stdout", 1, "/dev/stdout", "CONOUT$"),
                                      ("stderr", 2, "/dev/stderr", "CONOUT$")):
        if getattr(sys, attr) is not None:
            continue
        stream = None
        try:
            stream = _open_windows_console(console) if os.name == "nt" else _reopen(fd, device)
        except Exception:  # noqa: BLE001 - never stop the app from starting over a console
            stream = None
        if stream is None:
            stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        setattr(sys, attr, stream)


reattach_stdio()
