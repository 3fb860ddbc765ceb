"""No string a student reads in the GUI, and no core message, names a CLI command or flag.

Core errors are worded for both front ends; the CLI adds its commands (cli/fixes.py) and the
GUI its menus (ui/fixes.py).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import smartpick_desktop
from smartpick_desktop.cli.fixes import CLI_FIXES
from smartpick_desktop.core.errors import FIXES
from smartpick_desktop.core.resources import resource_path
from smartpick_desktop.ui.fixes import GUI_FIXES

PACKAGE = Path(smartpick_desktop.__file__).parent
CLI_WORDS = re.compile(
    r"\bsmartpick\s+(profile|programs|plan|optimi[sz]e|rank|model|restore|backup|mentors|"
    r"articles)\b|(^|\s|['\"(`])--[a-z][a-z-]+")


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            found.append((node.lineno, text))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in docstrings):
            found.append((node.lineno, node.value))
    return found


def offending(folder: Path) -> list[str]:
    hits = []
    for path in sorted(folder.rglob("*.py")):
        for line, text in _strings(path):
            if CLI_WORDS.search(text):
                hits.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:80]!r}")
    return hits


def test_gui_strings_name_no_cli_command_or_flag():
    assert offending(PACKAGE / "ui") == []


def test_core_messages_name_no_cli_command_or_flag():
    assert offending(PACKAGE / "core") == []


def test_the_scan_finds_a_cli_command(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("MESSAGE = \"run 'smartpick profile import FILE.json'\"\nFLAG = 'use --map'\n")
    assert len([t for _, t in _strings(sample) if CLI_WORDS.search(t)]) == 2


def test_every_fix_has_words_in_both_front_ends():
    assert set(CLI_FIXES) == set(FIXES) == set(GUI_FIXES)
    assert all(CLI_WORDS.search(text) is None for text in GUI_FIXES.values())


BRITISH = re.compile(r"\b(cancelled|cancelling|signalled|signalling|organisation|colours?|"
                     r"centre|licence|honoured|optimise|optimising|recognised|behaviour|"
                     r"favour|catalogue)\b", re.IGNORECASE)


def test_user_visible_text_is_in_us_spelling():
    hits = []
    for folder in (PACKAGE / "ui", PACKAGE / "core"):
        for path in sorted(folder.rglob("*.py")):
            for line, text in _strings(path):
                if " " in text.strip() and BRITISH.search(text):
                    hits.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:60]!r}")
    articles = sorted(resource_path("articles").glob("*.md"))
    assert articles
    for path in articles:
        if BRITISH.search(path.read_text(encoding="utf-8")):
            hits.append(path.name)
    assert hits == []
