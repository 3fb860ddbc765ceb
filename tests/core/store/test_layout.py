"""The store's modules import each other one way, at the top of the file: no import hidden
inside a function to dodge a cycle (a lazy import of a heavy third-party library is fine)."""

from __future__ import annotations

import ast
from pathlib import Path

import smartpick_desktop.core.store as store_package

STORE = Path(store_package.__file__).parent


def _local_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (
                        inner.level or (inner.module or "").startswith("smartpick_desktop")):
                    found.append(f"{path.name}:{inner.lineno} {inner.module}")
                elif isinstance(inner, ast.Import):
                    found += [f"{path.name}:{inner.lineno} {alias.name}" for alias in inner.names
                              if alias.name.startswith("smartpick_desktop")]
    return found


def test_no_function_local_import_of_our_own_modules():
    found = [hit for path in sorted(STORE.glob("*.py")) for hit in _local_imports(path)]
    assert found == []


def test_the_check_sees_a_local_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from smartpick_desktop.core.store import engine\n"
                      "    import smartpick_desktop.core.files\n    from . import backup\n")
    assert _local_imports(sample) == ["sample.py:2 smartpick_desktop.core.store",
                                      "sample.py:3 smartpick_desktop.core.files",
                                      "sample.py:4 None"]
