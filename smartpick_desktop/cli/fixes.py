"""How to fix an error, in command-line words (the GUI has its own in ``ui/fixes.py``)."""

from __future__ import annotations

CLI_FIXES = {
    "no_profile": "Run 'smartpick profile import FILE.json' (or create one in the app).",
    "no_plan": "Run 'smartpick optimize' (or choose a list in the Plan tab).",
    "map_columns": "Name the column with --map \"COLUMN=field\".",
    "replace_own_data": "Add --force to replace it.",
    "restore_backup": "Restore a backup with 'smartpick restore FILE'.",
    "skip_invalid": "Add --skip-invalid to import the other rows.",
    "program_id": "Use the id shown by 'smartpick programs list' or 'smartpick plan show'.",
    "add_to_list": "Add it first with 'smartpick plan add ID'.",
    "free_a_signal": "Remove one first with 'smartpick plan signal ID none'.",
}


def with_fix(err: BaseException) -> str:
    """The error's sentence followed by the command that fixes it, if any."""
    fix = CLI_FIXES.get(getattr(err, "fix", None) or "")
    return f"{err} {fix}" if fix else str(err)
