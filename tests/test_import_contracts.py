"""The import contracts bite: on a temporary copy of the package, a forbidden import makes
``lint-imports`` fail (the copy first passes as it is)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "smartpick_desktop"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

#: One module per part of the core (every file is covered by the same contracts; these prove
#: each subpackage is seen at all, e.g. that it has an ``__init__.py``).
CORE_FILES = ["plan/pdf.py", "plan/assemble.py", "model/optimizer.py", "catalog/packs.py",
              "store/engine.py", "mentors/contacts.py", "articles/library.py",
              "reference/loader.py", "season/service.py", "profile.py", "progress.py",
              "textio.py", "words.py", "datafolder.py", "portable.py"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The package and its contracts in a temporary folder (restored after each change)."""
    root = tmp_path_factory.mktemp("contracts")
    shutil.copytree(PACKAGE, root / "smartpick_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def lint(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def with_line(root: Path, relative: str, line: str) -> subprocess.CompletedProcess:
    path = root / "smartpick_desktop" / relative
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original + f"\n{line}\n", encoding="utf-8")
        return lint(root)
    finally:
        path.write_text(original, encoding="utf-8")


def test_the_copy_keeps_every_contract(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout[-2000:]
    assert str(copy) in subprocess.run(
        [sys.executable, "-c", "import smartpick_desktop; print(smartpick_desktop.__file__)"],
        env={**os.environ, "PYTHONPATH": str(copy)}, cwd=copy, capture_output=True,
        text=True).stdout  # the copy is what was checked


@pytest.mark.parametrize("relative", CORE_FILES)
def test_qt_in_the_core_breaks_the_build(copy, relative):
    result = with_line(copy, f"core/{relative}", "import PySide6.QtCore  # noqa")
    assert result.returncode != 0
    assert "The core never imports Qt BROKEN" in result.stdout


def test_qt_in_the_cli_breaks_the_build(copy):
    result = with_line(copy, "cli/programs_cmd.py", "from PySide6 import QtWidgets  # noqa")
    assert result.returncode != 0
    assert "The CLI imports neither Qt nor the UI" in result.stdout
    assert "BROKEN" in result.stdout


def test_the_ui_talking_sql_breaks_the_build(copy):
    result = with_line(copy, "ui/programs/detail.py", "from sqlalchemy import select  # noqa")
    assert result.returncode != 0 and "The UI never talks SQL" in result.stdout


@pytest.mark.parametrize(("relative", "higher"), [
    ("catalog/packs.py", "model"),
    ("season/service.py", "catalog"),
    ("textio.py", "store"),
])
def test_a_lower_core_layer_importing_a_higher_one_breaks_the_build(copy, relative, higher):
    result = with_line(copy, f"core/{relative}",
                       f"import smartpick_desktop.core.{higher}  # noqa")
    assert result.returncode != 0 and "Layers inside the core" in result.stdout


def test_every_part_of_the_core_has_a_layer():
    """A new core package or module must be placed in the layers contract, or nothing checks
    which way its imports run."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    [layers] = [c["layers"] for c in contracts["contracts"] if c["type"] == "layers"
                and c["containers"] == ["smartpick_desktop.core"]]
    layered = {name.strip() for layer in layers for name in layer.split("|")}
    core = PACKAGE / "core"
    parts = {p.stem for p in core.glob("*.py") if p.name != "__init__.py"}
    packages = {p for p in core.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert [p.name for p in packages if not (p / "__init__.py").is_file()] == []
    assert parts | {p.name for p in packages} == layered
