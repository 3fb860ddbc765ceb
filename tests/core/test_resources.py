"""``core.resources``: one lookup for shipped files in a checkout, an installed wheel and a
PyInstaller bundle."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from smartpick_desktop.core import resources
from smartpick_desktop.core.resources import package_root, resource_path, resources_root

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_checkout_reads_the_top_level_resources_folder():
    assert resources_root() == ROOT / "resources"
    assert resource_path("reference", "model.json") == ROOT / "resources/reference/model.json"
    assert json.loads(resource_path("reference", "model.json").read_text("utf-8"))
    # A leftover folder inside the package would win over the real one.
    assert not (ROOT / "smartpick_desktop" / "resources").exists()


def _bundle(folder: Path) -> Path:
    model = folder / "smartpick_desktop" / "resources" / "reference" / "model.json"
    model.parent.mkdir(parents=True)
    model.write_text("{}", encoding="utf-8")
    return model


def test_a_frozen_bundle_reads_the_copy_under_meipass(tmp_path, monkeypatch):
    model = _bundle(tmp_path)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert package_root() == tmp_path / "smartpick_desktop"
    assert resource_path("reference", "model.json") == model
    assert resource_path() == model.parents[1]


def test_an_installed_package_reads_its_own_copy(tmp_path, monkeypatch):
    """Installed from a wheel, ``resources`` sits inside the package folder."""
    model = _bundle(tmp_path)
    (tmp_path / "resources").mkdir()  # a stray top-level folder in site-packages is not ours
    monkeypatch.setattr(resources, "__file__", str(tmp_path / "smartpick_desktop/core/resources.py"))
    assert resource_path("reference", "model.json") == model


def test_a_bundle_without_meipass_is_not_taken_for_frozen(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources_root() == ROOT / "resources"
