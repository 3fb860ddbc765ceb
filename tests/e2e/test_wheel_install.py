"""A regular (non-editable) install finds the shipped resources: the wheel built from the tree
carries every file of the top-level ``resources/`` inside the package, and the app's own loaders
read them when the package is imported from that install, away from the source tree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("smartpick_desktop", "resources", "pyproject.toml", "setup.py", "README.md")

CHECK = """
import json, sys
sys.path.insert(0, sys.argv[1])
import smartpick_desktop
from smartpick_desktop.core.articles.bundle import bundled_headers
from smartpick_desktop.core.model.constants import read_constants
from smartpick_desktop.core.reference import load_reference
from smartpick_desktop.core.resources import resource_path
print(json.dumps({
    "package": smartpick_desktop.__file__,
    "model": str(resource_path("reference", "model.json")),
    "constants": len(read_constants().figures),
    "specialties": len(load_reference().specialties),
    "articles": len(bundled_headers()),
}))
"""


def test_the_wheel_ships_resources_inside_the_package_and_the_app_reads_them(tmp_path):
    source = tmp_path / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-index", "--no-build-isolation",
         "-q", "-w", str(tmp_path / "wheel"), str(source)],
        capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = (tmp_path / "wheel").glob("*.whl")

    shipped = {p.relative_to(ROOT / "resources").as_posix()
               for p in (ROOT / "resources").rglob("*") if p.is_file()}
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    prefix = "smartpick_desktop/resources/"
    assert {n.removeprefix(prefix) for n in names if n.startswith(prefix)} == shipped
    assert not any(n.startswith("resources/") for n in names)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = subprocess.run([sys.executable, "-c", CHECK, str(tmp_path / "site")], cwd=elsewhere,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    site = tmp_path / "site" / "smartpick_desktop"
    assert Path(found["package"]).parent == site
    assert Path(found["model"]) == site / "resources" / "reference" / "model.json"
    assert found["constants"] > 10
    assert found["specialties"] > 10
    assert found["articles"] == len(list((ROOT / "resources" / "articles").glob("*.md")))
