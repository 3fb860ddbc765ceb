"""docs/model.md's table of every constant agrees with the shipped model.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

from smartpick_desktop.core.resources import resource_path

DOC = Path(__file__).resolve().parents[3] / "docs" / "model.md"
ROW = re.compile(r"^\| `(\w+)` \| ([^|]+) \|", re.M)


def test_every_constant_is_in_the_docs_table_with_its_shipped_value():
    data = json.loads(resource_path("reference", "model.json").read_text(encoding="utf-8"))
    section = DOC.read_text(encoding="utf-8").partition("## 13. Every constant")[2]
    documented = {key: value.strip() for key, value in ROW.findall(section)}
    shipped = {key: str(fig["value"]) for key, fig in data["constants"].items()}
    assert documented == shipped, "run scripts/constants_table.py"


def test_general_surgery_interview_offset_is_documented_with_its_sources():
    data = json.loads(resource_path("reference", "model.json").read_text(encoding="utf-8"))
    fig = data["constants"]["interview_offset_general_surgery"]
    assert fig["value"] < 0          # surgery invites a smaller share of its applicants
    survey = data["constants"]["interview_survey_applications_surgery"]
    assert data["sources"][survey["source"]]["year"] == 2014
