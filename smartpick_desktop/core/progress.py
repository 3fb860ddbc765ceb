"""One convention for long work in the core: report how far it is, stop when asked.

A long core function takes two optional keyword arguments and nothing else for this:

- ``progress(done, total)``: how far the work is, in any unit (``done == total`` at the end);
- ``should_cancel()``: true when the caller wants the work to stop. The function then raises
  :class:`Cancelled` before it changes anything (or after rolling back what it began).

The GUI's job runner (``ui/jobs.py``) passes both; the CLI passes neither (Ctrl+C stops it).
"""

from __future__ import annotations

from collections.abc import Callable

#: progress(done, total)
Progress = Callable[[float, float], None]
#: should_cancel() -> True to stop
ShouldCancel = Callable[[], bool]


class Cancelled(Exception):  # noqa: N818 - a request, not a fault: not a SmartPickError
    """The caller asked the work to stop; nothing was changed."""

    def __init__(self, message: str = "Canceled; nothing was changed.") -> None:
        super().__init__(message)


def checkpoint(should_cancel: ShouldCancel | None, message: str | None = None) -> None:
    """Raise :class:`Cancelled` when the caller asked to stop."""
    if should_cancel is not None and should_cancel():
        raise Cancelled(*([message] if message else []))


def report(progress: Progress | None, done: float, total: float) -> None:
    """Call ``progress`` when the caller gave one."""
    if progress is not None:
        progress(done, total)
