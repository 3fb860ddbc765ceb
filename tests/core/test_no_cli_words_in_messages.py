"""No string a student reads in the GUI, and no core message, names a CLI command or flag.

Core errors are worded for both front ends; the CLI adds its commands (cli/fixes.py) and the
GUI its menus (ui/fixes.py).
"""

from __future__ import annotations

import ast
import json
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


def test_the_user_guide_and_articles_name_no_cli_command_or_flag():
    hits = [f"{folder}/{path.name}" for folder in ("guide", "articles")
            for path in sorted(resource_path(folder).glob("*.md"))
            if CLI_WORDS.search(path.read_text(encoding="utf-8"))]
    assert len(list(resource_path("guide").glob("*.md"))) >= 5
    assert hits == []


def test_the_scan_finds_a_cli_command(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("MESSAGE = \"run 'smartpick profile import FILE.json'\"\nFLAG = 'use --map'\n")
    assert len([t for _, t in _strings(sample) if CLI_WORDS.search(t)]) == 2


def test_every_fix_has_words_in_both_front_ends():
    assert set(CLI_FIXES) == set(FIXES) == set(GUI_FIXES)
    assert all(CLI_WORDS.search(text) is None for text in GUI_FIXES.values())


BRITISH = re.compile(
    r"\b(cancell(ed|ing)|signall(ed|ing)|organis\w*|colour\w*|centre\w*|licence|honour\w*|"
    r"optimis\w*|recognis\w*|behaviour\w*|favour\w*|catalogue\w*|standardis\w*|normalis\w*|"
    r"labell(ed|ing)|modell(ed|ing)|travell(ed|ing|er)|programmes?|enrolment|judgement|"
    r"defence|fulfil|prioritis\w*|summaris\w*|realis(e|ed|es|ing)|apologis\w*|utilis\w*|"
    r"customis\w*|minimis\w*|maximis\w*|emphasis(e|ed|es|ing)|finalis\w*|categoris\w*|"
    r"memoris\w*|visualis\w*|personalis\w*|specialis(e|ed|es|ing|ation)|analys(e|ed|ing)|"
    r"grey|metres?|ageing|paediatric\w*|anaesthe\w*|gynaecolog\w*|orthopaedic|whilst|"
    r"amongst|learnt|practis(e|ed|es|ing)|offence|neighbour\w*|labour|fibre|theatre|"
    r"instalment|counsell\w*)\b", re.IGNORECASE)
#: Proper names spelled as their owners spell them (the NRMP's specialty name).
PROPER_NAMES = re.compile(r"Orthopaedic Surgery")


def british(text: str) -> bool:
    return BRITISH.search(PROPER_NAMES.sub("", text)) is not None


def _json_strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # aliases are what an import recognizes, never shown
        return [s for k, v in value.items() if k != "aliases" for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def test_user_visible_text_is_in_us_spelling():
    """The UI, core messages (the PDF is written there), the articles, the user guide and the
    shipped figures' titles and notes."""
    hits = []
    for folder in (PACKAGE / "ui", PACKAGE / "core"):
        for path in sorted(folder.rglob("*.py")):
            for line, text in _strings(path):
                if " " in text.strip() and british(text):
                    hits.append(f"{path.relative_to(PACKAGE)}:{line}: {text[:60]!r}")
    for folder in ("articles", "guide"):
        pages = sorted(resource_path(folder).glob("*.md"))
        assert pages, folder
        for path in pages:
            if british(path.read_text(encoding="utf-8")):
                hits.append(f"{folder}/{path.name}")
    for folder in ("reference", "seasons"):
        for path in sorted(resource_path(folder).glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            hits += [f"{folder}/{path.name}: {t[:60]!r}" for t in _json_strings(data)
                     if " " in t and british(t)]
    assert hits == []


def test_the_spelling_scan_finds_british_words():
    for text in ("SmartPick normalises them", "labelled demo", "a standardised letter",
                 "modelling assumption", "in orthopaedic surgery"):
        assert british(text), text
    for text in ("Orthopaedic Surgery: 30", "AAMC analyses", "labeled demo", "the center"):
        assert not british(text), text
