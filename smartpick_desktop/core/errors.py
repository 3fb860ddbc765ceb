"""Errors the core raises for the CLI and the GUI to report in one sentence.

Each carries the CLI exit code of PRODUCT.md section 9.
"""

from __future__ import annotations


class SmartPickError(Exception):
    """Base of the errors a user should read; ``str(err)`` is one clear sentence."""

    exit_code = 1


class InputError(SmartPickError):
    """A file or value was rejected; nothing was changed (exit 3)."""

    exit_code = 3


class StoreError(SmartPickError):
    """The data store cannot be used, e.g. it is damaged; nothing was changed (exit 4)."""

    exit_code = 4
