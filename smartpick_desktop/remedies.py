"""How to fix an error, in each front end's words: one table for both front ends.

A core ``SmartPickError`` names its remedy with ``fix`` (one of ``core.errors.FIXES``) and never
a command or a menu; the command line says which command to run, the app where to click.
``cli/fixes.py`` and ``ui/fixes.py`` pick their column. (Outside ``core/``: these are front-end
words.)
"""

from __future__ import annotations

from typing import Literal

from smartpick_desktop.core.errors import FIXES

FrontEnd = Literal["cli", "app"]

#: fix -> {front end: what to do}
FIX_WORDS: dict[str, dict[FrontEnd, str]] = {
    "no_profile": {
        "cli": "Run 'smartpick profile import FILE.json' (or create one in the app).",
        "app": "Create your profile first: Profile → Edit profile…"},
    "no_plan": {
        "cli": "Run 'smartpick optimize' (or choose a list in the Plan tab).",
        "app": "Choose a list in the Plan tab first."},
    "map_columns": {
        "cli": "Name the column with --map \"COLUMN=field\".",
        "app": "Choose the matching column in the menu beside each field."},
    "replace_own_data": {
        "cli": "Add --force to replace it.",
        "app": "Answer Yes to replace it; a backup of it is made first."},
    "restore_backup": {
        "cli": "Restore a backup with 'smartpick restore FILE'.",
        "app": "Restore it from Edit → Settings… → Backups."},
    "skip_invalid": {
        "cli": "Add --skip-invalid to import the other rows.",
        "app": "Tick \u201cSkip invalid rows (import the others)\u201d to import the rest."},
    "program_id": {
        "cli": "Use the id shown by 'smartpick programs list' or 'smartpick plan show'.",
        "app": "Choose the program from the list instead."},
    "add_to_list": {
        "cli": "Add it first with 'smartpick plan add ID'.",
        "app": "Add it to your list first."},
    "free_a_signal": {
        "cli": "Remove one first with 'smartpick plan signal ID none'.",
        "app": "Take that signal off another program first."},
}
assert set(FIX_WORDS) == set(FIXES), "every fix needs words for both front ends"


def with_fix(err: BaseException, front_end: FrontEnd) -> str:
    """The error's sentence followed by what fixes it in ``front_end``, if anything helps."""
    words = FIX_WORDS.get(getattr(err, "fix", None) or "", {}).get(front_end)
    return f"{err} {words}" if words else str(err)
