"""Locate the shipped resources (``resources/`` at the top of the repository) and package files.

The one way to find a shipped file is :func:`resource_path`. It works in three settings:

- a source checkout or an editable install: ``resources/`` beside the ``smartpick_desktop``
  package folder;
- an installed wheel: ``pyproject.toml`` maps ``resources/`` into the package as
  ``smartpick_desktop/resources``;
- a PyInstaller bundle: ``build.spec`` collects it to ``smartpick_desktop/resources`` under
  ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def package_root() -> Path:
    """Return the folder that holds the ``smartpick_desktop`` package files.

    In a PyInstaller bundle data files live under ``sys._MEIPASS``; otherwise it is the folder of
    this module's package.
    """
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        return Path(sys._MEIPASS) / "smartpick_desktop"
    return Path(__file__).resolve().parent.parent


def resources_root() -> Path:
    """Return the folder of shipped resources: inside the package once installed or frozen,
    else the repository's top-level ``resources/``."""
    inside = package_root() / "resources"
    return inside if inside.is_dir() else package_root().parent / "resources"


def resource_path(*parts: str) -> Path:
    """Return the path of a shipped resource, e.g. ``resource_path("reference", "fees.json")``."""
    return resources_root().joinpath(*parts)
