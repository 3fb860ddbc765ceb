"""Helpers for the plan tests: hostile strings, and reading a PDF back with poppler (``make
test`` installs it)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

HOSTILE_NAME = "Zoë <b>O'Brien</b> & Núñez"
HOSTILE_NOTE = "Call back <img src=http://x/y.png> & ask if 3 < 4"

needs_poppler = pytest.mark.tool("pdftotext", "pdfinfo", "pdffonts")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))


def text(pdf: Path, page: int | None = None) -> str:
    """The PDF's text (one page or all) in layout mode, whitespace runs folded to one space."""
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    raw = run(*args, str(pdf), "-")
    return re.sub(r"[ \t]+", " ", raw)


def flat(pdf: Path) -> str:
    """The PDF's text in reading order with every whitespace run (line breaks too) as one
    space, for phrases that may wrap inside a table cell."""
    return re.sub(r"\s+", " ", run("pdftotext", str(pdf), "-"))


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded "yes"/"no") for every font of the PDF."""
    lines = run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object-id generation
        out.append((parts[0], parts[-5]))
    return out
