"""How to fix an error, in the app's words (the table is ``remedies.py``)."""

from __future__ import annotations

from smartpick_desktop import remedies

GUI_FIXES = {fix: words["app"] for fix, words in remedies.FIX_WORDS.items()}


def with_fix(err: BaseException) -> str:
    """The error's sentence followed by what to do in the app, if anything helps."""
    return remedies.with_fix(err, "app")
