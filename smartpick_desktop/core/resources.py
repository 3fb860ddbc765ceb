"""Locate files shipped in ``smartpick_desktop/resources`` from source and from a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def package_root() -> Path:
    """Return the folder that holds the ``smartpick_desktop`` package files.

    In a PyInstaller bundle data files live under ``sys._MEIPASS``; from source they sit beside
    this module's package.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "smartpick_desktop"
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. ``resource_path("reference", "fees.json")``."""
    return package_root().joinpath("resources", *parts)
