"""Packaging pieces that can be checked without building: the spec's pruning, the stdio hook,
the icon set, the .desktop entry, the start-up trace and CI wiring. (The frozen app itself is
checked by ``make dist-check``.)"""

from __future__ import annotations

import ast
import os
import re
import struct
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
HOOK = ROOT / "packaging" / "rthook_stdio.py"


def _spec_values() -> dict[str, object]:
    """Evaluate build.spec's ``QT``, ``PRUNE`` and ``EXCLUDES`` (the spec needs PyInstaller)."""
    tree = ast.parse((ROOT / "build.spec").read_text())
    namespace: dict[str, object] = {"re": re}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ("QT", "PRUNE", "EXCLUDES")
                for t in node.targets):
            exec(compile(ast.Module([node], []), "build.spec", "exec"), namespace)  # noqa: S102
    return namespace


def _spec_prune_patterns() -> list[re.Pattern[str]]:
    return _spec_values()["PRUNE"]  # type: ignore[return-value]


def _qt_modules_used() -> set[str]:
    pattern = re.compile(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", re.M)
    return {name for source in (ROOT / "smartpick_desktop").rglob("*.py")
            for name in pattern.findall(source.read_text(encoding="utf-8"))}


def test_spec_keeps_every_qt_module_our_sources_import():
    values = _spec_values()
    used = _qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    for module in sorted(used):
        assert f"PySide6.{module}" not in values["EXCLUDES"], module
        for path in (f"PySide6/{module}.abi3.so", f"PySide6/Qt/lib/lib{module.replace('Qt', 'Qt6', 1)}.so.6"):
            assert not any(p.search(path) for p in values["PRUNE"]), path


@pytest.mark.parametrize("path", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/QtWidgets.abi3.so",
    "PySide6/QtPrintSupport.abi3.so",
    "PySide6/QtPdf.abi3.so",
    "PySide6/QtPdfWidgets.abi3.so",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "PySide6/Qt/lib/libQt6PdfWidgets.so.6",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/platforms/libqcocoa.dylib",
    "smartpick_desktop/resources/articles/interviews.md",
])
def test_spec_keeps_what_the_app_needs(path):
    assert not any(p.search(path) for p in _spec_prune_patterns()), path


@pytest.mark.parametrize("path", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
])
def test_spec_prunes_unused_qt_parts(path):
    assert any(p.search(path) for p in _spec_prune_patterns()), path


def test_spec_excludes_unused_qt_modules():
    excludes = _spec_values()["EXCLUDES"]
    for module in ("QtNetwork", "QtQml", "QtQuick", "QtSql", "QtTest", "QtOpenGL", "QtDesigner"):
        assert f"PySide6.{module}" in excludes, module


def test_spec_collects_resources_migrations_and_command_modules():
    spec = (ROOT / "build.spec").read_text()
    assert 'RESOURCES = ROOT / "resources"' in spec
    assert '_tree(RESOURCES, "smartpick_desktop/resources")' in spec
    assert '"smartpick_desktop/core/store/migrations"' in spec
    assert 'collect_submodules("smartpick_desktop"' in spec
    assert re.search(r"upx=False", spec) and re.search(r"strip=False", spec)
    assert "BUNDLE(" in spec


def _run_with_hook(code: str) -> subprocess.CompletedProcess[str]:
    prelude = (f"import runpy, sys, os\n{code}\n"
               f"runpy.run_path({str(HOOK)!r})\n"
               "print('to stdout')\nsys.stderr.write('to stderr\\n')\n")
    return subprocess.run([sys.executable, "-c", prelude], capture_output=True, text=True,
                          timeout=30)


def test_stdio_hook_reattaches_missing_streams_to_the_terminal():
    proc = _run_with_hook("sys.stdout = None\nsys.stderr = None")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "to stdout\n"
    assert proc.stderr == "to stderr\n"


def test_stdio_hook_falls_back_to_devnull_without_descriptors():
    proc = _run_with_hook("os.close(1)\nsys.stdout = None")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "to stderr\n"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256, 512])
def test_icon_png_sizes(size):
    assert _png_size(ICONS / f"smartpick-{size}.png") == (size, size)


def test_icon_svg_source_and_windows_ico():
    root = ElementTree.parse(ICONS / "smartpick.svg").getroot()
    assert root.tag.endswith("svg") and root.get("viewBox") == "0 0 512 512"
    ico = (ICONS / "smartpick.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and struct.unpack("<H", ico[4:6])[0] >= 4


def test_window_icon_is_set(qapp):
    from smartpick_desktop.app import create_application

    had_collector = hasattr(qapp, "smartpick_gc")
    app = create_application()
    try:
        assert not app.windowIcon().isNull()
        assert app.windowIcon().pixmap(32, 32).width() == 32
        assert hasattr(app, "smartpick_gc")  # the app collects garbage on the GUI thread
    finally:
        if not had_collector:  # leave the shared QApplication as the other tests know it
            app.smartpick_gc.stop()
            app.smartpick_gc.deleteLater()
            del app.smartpick_gc


def test_desktop_entry_starts_the_launcher_with_our_icon():
    text = (ROOT / "packaging" / "linux" / "smartpick.desktop").read_text()
    entry = dict(line.split("=", 1) for line in text.splitlines()[1:] if "=" in line)
    assert text.startswith("[Desktop Entry]\n")
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "/usr/bin/smartpick"
    assert entry["Icon"] == "smartpick"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_startup_trace_and_sample_profile(tmp_path):
    cmd = [sys.executable, "-m", "smartpick_desktop", "--data-dir", str(tmp_path)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMARTPICK_STARTUP_TRACE="1")
    imported = subprocess.run([*cmd, "profile", "import",
                               str(ROOT / "packaging" / "sample-profile.json")],
                              capture_output=True, text=True, env=env, timeout=60)
    assert imported.returncode == 0, imported.stderr
    proc = subprocess.run([*cmd, "--smoke"], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    match = re.search(r"^startup-trace: main window shown at (\d+\.\d+)", proc.stdout, re.M)
    assert match and float(match.group(1)) > 1.6e9
    assert "smoke test passed" in proc.stdout


def test_ci_runs_the_frozen_smoke_test_after_the_tests():
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.index("CI=1 make test") < ci.index("make dist-check")
    # Whatever the targets need, the Makefile sets up: nothing lives only in the CI script.
    assert "apt-get" not in ci and "pip " not in ci
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^dist-check: dist$", makefile, re.M)
    assert "pyinstaller build.spec --noconfirm" in makefile


def test_make_test_installs_what_the_tests_run():
    """The programs the tests run (``@pytest.mark.tool``) are Debian packages ``make test``
    installs; a test that needs a new one must add it to TEST_TOOLS."""
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\btest-deps\b", makefile, re.M)
    tools = re.search(r"^TEST_TOOLS := (.*)$", makefile, re.M).group(1).split()
    package_of = {"pdftotext": "poppler-utils", "pdfinfo": "poppler-utils",
                  "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
                  "fc-list": "fontconfig", "strace": "strace"}
    used = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for names in re.findall(r"mark\.tool\(([^)]*)\)", path.read_text()):
            used |= set(re.findall(r'"([^"]+)"', names))
    assert used, "no test declares the programs it runs"
    assert used <= set(package_of), f"add the package of {used - set(package_of)} to TEST_TOOLS"
    assert {package_of[name] for name in used} <= set(tools)
