#!/usr/bin/env python3
"""Rewrite section 13 of docs/model.md ("Every constant") from model.json.

    .venv/bin/python scripts/constants_table.py

Run after any change to model.json (``scripts/fit_model.py`` does it); a test fails when the
table and model.json disagree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smartpick_desktop.core.resources import resource_path  # noqa: E402

DOC = ROOT / "docs" / "model.md"
HEADING = "## 13. Every constant"


def basis(source_id: str) -> str:
    """How a constant was set, from the kind of its source."""
    if source_id == "smartpick_assumption":
        return "assumption"
    if source_id == "smartpick_survey_levels":
        return "derived from a published survey"
    if source_id.startswith("smartpick_fit"):
        return "fitted on individual outcomes"
    if source_id.startswith("smartpick_calibration"):
        return "calibrated"
    return "published figure"


def source_text(src: dict) -> str:
    flags = [w for w, on in (("secondary", src.get("secondary")),
                             ("uncertain", src.get("uncertain"))) if on]
    extra = f" ({', '.join(flags)})" if flags else ""
    return f"{src.get('publisher', '')}, {src['title']}, {src.get('year', '')}{extra}"


def table() -> str:
    data = json.loads(resource_path("reference", "model.json").read_text(encoding="utf-8"))
    lines = [HEADING, "",
             "Generated from `model.json` by `scripts/constants_table.py`.", "",
             "| constant | value | basis | source |", "|---|---|---|---|"]
    for key, fig in data["constants"].items():
        src = data["sources"][fig["source"]]
        est = " (estimate)" if fig.get("estimated") else ""
        note = fig.get("note", "").replace("|", "/")
        lines.append(f"| `{key}` | {fig['value']} | {basis(fig['source'])}{est}: {note} | "
                     f"{source_text(src).replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = DOC.read_text(encoding="utf-8")
    head, sep, _ = text.partition(HEADING)
    if not sep:
        print(f"{DOC}: no '{HEADING}' section", file=sys.stderr)
        return 1
    DOC.write_text(head + table(), encoding="utf-8")
    print(f"Wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
