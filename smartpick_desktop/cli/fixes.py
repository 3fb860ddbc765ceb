"""How to fix an error, in command-line words (the table is ``remedies.py``)."""

from __future__ import annotations

from smartpick_desktop import remedies

CLI_FIXES = {fix: words["cli"] for fix, words in remedies.FIX_WORDS.items()}


def with_fix(err: BaseException) -> str:
    """The error's sentence followed by the command that fixes it, if any."""
    return remedies.with_fix(err, "cli")
