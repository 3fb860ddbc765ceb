"""How to fix an error, in the app's words (the CLI has its own in ``cli/fixes.py``)."""

from __future__ import annotations

GUI_FIXES = {
    "no_profile": "Create your profile first: Profile → Edit profile…",
    "no_plan": "Choose a list in the Plan tab first.",
    "map_columns": "Choose the matching column in the menu beside each field.",
    "replace_own_data": "Answer Yes to replace it; a backup of it is made first.",
    "restore_backup": "Restore it from Edit → Settings… → Backups.",
    "program_id": "Choose the program from the list instead.",
    "add_to_list": "Add it to your list first.",
    "free_a_signal": "Take that signal off another program first.",
    "skip_invalid": "Tick \u201cSkip invalid rows (import the others)\u201d to import the rest.",
}


def with_fix(err: BaseException) -> str:
    """The error's sentence followed by what to do in the app, if anything helps."""
    fix = GUI_FIXES.get(getattr(err, "fix", None) or "")
    return f"{err} {fix}" if fix else str(err)
