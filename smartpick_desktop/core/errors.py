"""Errors the core raises for the CLI and the GUI to report in one sentence.

Each carries the CLI exit code of PRODUCT.md section 9. Messages are worded for both front
ends: they say what is wrong, never which command or menu fixes it. An error that has a remedy
names it with ``fix`` (one of FIXES); the CLI and the GUI each add their own words for it.
"""

from __future__ import annotations

FIXES = ("no_profile", "no_plan", "map_columns", "replace_own_data", "restore_backup",
         "skip_invalid", "program_id", "add_to_list", "free_a_signal")


class SmartPickError(Exception):
    """Base of the errors a user should read; ``str(err)`` is one clear sentence.

    Attributes:
        fix: what would remedy it (one of FIXES) or None; each front end words the remedy.
    """

    exit_code = 1

    def __init__(self, *args: object, fix: str | None = None) -> None:
        super().__init__(*args)
        if fix is not None and fix not in FIXES:
            raise ValueError(f"unknown fix {fix!r}")
        self.fix = fix


class InputError(SmartPickError):
    """A file or value was rejected; nothing was changed (exit 3)."""

    exit_code = 3


class StoreError(SmartPickError):
    """The data store cannot be used, e.g. it is damaged; nothing was changed (exit 4)."""

    exit_code = 4
