"""Frozen smoke test (``make dist-check``): the built app and .deb work away from the source tree.

1. Copies ``dist/smartpick`` to a temporary folder and runs it there (offscreen) with
   ``--version``, ``--smoke``, ``profile import`` / ``profile show`` of packaging/sample-profile.json
   and ``plan export`` (required once ``cli/plan_cmd.py`` exists); every run must exit 0 with no
   unexpected stderr, the log must hold no errors and the bundle must stay unchanged.
2. Unpacks ``dist/smartpick_<version>_<arch>.deb`` with ``dpkg-deb -x`` and checks the executable,
   the launcher, the ``.desktop`` entry (Exec, Icon) and the icons, then runs ``--smoke``.
3. Checks sizes: bundle <= 230 MiB, .deb <= 110 MiB.
4. As root with ``DIST_CHECK_INSTALL=1`` (CI): ``dpkg -i``, ``smartpick --version``,
   ``dpkg --purge`` and checks nothing is left behind (skipped if smartpick is already installed).

Exits 1 with one line per failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SAMPLE_PROFILE = ROOT / "packaging" / "sample-profile.json"
EXE_NAME = "smartpick.exe" if sys.platform == "win32" else "smartpick"
MAX_BUNDLE_MIB = 230
MAX_DEB_MIB = 110
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
#: stderr lines that are expected and harmless.
ALLOWED_STDERR = (
    re.compile(r"^This plugin does not support propagateSizeHints\(\)$"),  # offscreen platform
)
#: Paths an installed package may own; all must be gone after ``dpkg --purge``.
INSTALLED_PATHS = ("/opt/smartpick", "/usr/bin/smartpick",
                   "/usr/share/applications/smartpick.desktop", "/usr/share/doc/smartpick",
                   "/usr/share/icons/hicolor/scalable/apps/smartpick.svg",
                   *(f"/usr/share/icons/hicolor/{s}x{s}/apps/smartpick.png" for s in ICON_SIZES))

failures: list[str] = []


def version() -> str:
    text = (ROOT / "smartpick_desktop" / "__init__.py").read_text()
    return re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M).group(1)


def fail(message: str) -> None:
    failures.append(message)
    print(f"FAIL: {message}")


def ok(message: str) -> None:
    print(f"ok:   {message}")


def folder_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 2**20


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, int(p.lstat().st_mtime))
            for p in folder.rglob("*")}


def run(exe: Path, *args: str, home: Path) -> subprocess.CompletedProcess | None:
    """Run the frozen app; record a failure for a non-zero exit or unexpected stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SMARTPICK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"))
    label = " ".join([exe.name, *args]).replace(str(home), "~")
    try:
        proc = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env,
                              timeout=120, cwd=home)
    except (OSError, subprocess.TimeoutExpired) as err:
        fail(f"{label}: {err}")
        return None
    unexpected = [line for line in proc.stderr.splitlines()
                  if line.strip() and not any(p.match(line.strip()) for p in ALLOWED_STDERR)]
    if proc.returncode != 0:
        fail(f"{label}: exit code {proc.returncode}; stderr: {proc.stderr.strip()[-800:]}")
        return None
    if unexpected:
        fail(f"{label}: unexpected stderr: {' | '.join(unexpected)[:800]}")
        return None
    ok(label)
    return proc


def check_bundle(bundle: Path, work: Path) -> None:
    """Run the one-folder app from a copy in another folder."""
    check_qt_modules(bundle)
    check_qt_libraries(bundle)
    copy = work / "elsewhere" / "SmartPick"
    shutil.copytree(bundle, copy, symlinks=True)
    exe = copy / EXE_NAME
    data = work / "data"
    before = snapshot(copy)

    proc = run(exe, "--version", home=work)
    if proc and proc.stdout.strip() != f"SmartPick {version()}":
        fail(f"--version printed {proc.stdout.strip()!r}, expected 'SmartPick {version()}'")
    proc = run(exe, "--data-dir", str(data), "--smoke", home=work)
    if proc and "smoke test passed" not in proc.stdout:
        fail(f"--smoke did not report success: {proc.stdout.strip()!r}")
    run(exe, "--data-dir", str(data), "profile", "import", str(SAMPLE_PROFILE), home=work)
    proc = run(exe, "--data-dir", str(data), "profile", "show", home=work)
    expected_name = json.loads(SAMPLE_PROFILE.read_text())["name"]
    if proc and expected_name not in proc.stdout:
        fail(f"profile show does not show the imported profile {expected_name!r}")
    check_plan_export(exe, data, work)
    run(exe, "--data-dir", str(data), "--smoke", home=work)  # with a profile (and a plan)

    log = data / "smartpick.log"
    if not log.exists():
        fail(f"the frozen app wrote no log file at {log}")
    elif bad := [line for line in log.read_text(errors="replace").splitlines()
                 if " ERROR " in line or " CRITICAL " in line or "Traceback" in line]:
        fail(f"smartpick.log holds errors: {' | '.join(bad)[:800]}")
    else:
        ok("smartpick.log written in the data folder, no errors")
    if snapshot(copy) != before:
        changed = set(snapshot(copy).items()) ^ set(before.items())
        fail(f"the app wrote into its own folder: {sorted(name for name, _ in changed)[:5]}")
    else:
        ok("the bundle folder is unchanged after running")


def check_qt_modules(bundle: Path) -> None:
    """Every ``PySide6.QtX`` our sources import (even lazily) must be in the bundle."""
    pattern = re.compile(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", re.M)
    used = {name for source in (ROOT / "smartpick_desktop").rglob("*.py")
            for name in pattern.findall(source.read_text(encoding="utf-8"))}
    folders = [p for p in bundle.rglob("PySide6") if p.is_dir()]
    missing = [m for m in sorted(used)
               if not any(list(folder.glob(f"{m}.*")) for folder in folders)]
    if missing:
        fail(f"Qt modules imported by smartpick_desktop are missing from the bundle: {missing}")
    else:
        ok(f"the bundle holds every Qt module the sources import ({', '.join(sorted(used))})")


def check_qt_libraries(bundle: Path) -> None:
    """Linux: every Qt/PySide library a bundled binary needs is in the bundle (pruning check)."""
    if not sys.platform.startswith("linux") or not shutil.which("objdump"):
        return
    dangling = [str(p.relative_to(bundle)) for p in bundle.rglob("*")
                if p.is_symlink() and not p.exists()]
    if dangling:
        fail(f"dangling links in the bundle (pruned targets): {dangling[:5]}")
    present = {p.name for p in bundle.rglob("*.so*") if p.exists()}
    missing: dict[str, str] = {}
    for path in bundle.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "NEEDED" and parts[1] not in present and \
                    parts[1].startswith(("libQt6", "libpyside6", "libshiboken6", "libicu")):
                missing.setdefault(parts[1], str(path.relative_to(bundle)))
    if missing:
        fail("Qt libraries needed but not bundled: "
             + ", ".join(f"{lib} (by {by})" for lib, by in sorted(missing.items())))
    else:
        ok("every Qt library a bundled binary needs is in the bundle")


def check_plan_export(exe: Path, data: Path, work: Path) -> None:
    """``plan export`` must work in the frozen app once the plan command exists in the source."""
    if not (ROOT / "smartpick_desktop" / "cli" / "plan_cmd.py").exists():
        print("skip: plan export (smartpick_desktop/cli/plan_cmd.py does not exist yet)")
        return
    pdf = work / "plan.pdf"
    if run(exe, "--data-dir", str(data), "plan", "export", str(pdf), home=work) is None:
        return
    if not pdf.exists() or pdf.read_bytes()[:5] != b"%PDF-" or pdf.stat().st_size < 1000:
        fail(f"plan export did not write a PDF at {pdf}")
    else:
        ok(f"plan export wrote a {pdf.stat().st_size // 1024} KiB PDF")


def desktop_entry(path: Path) -> dict[str, str]:
    entry: dict[str, str] = {}
    section = None
    for line in path.read_text().splitlines():
        if line.startswith("["):
            section = line.strip()
        elif section == "[Desktop Entry]" and "=" in line:
            key, value = line.split("=", 1)
            entry[key.strip()] = value.strip()
    return entry


def check_deb(deb: Path, work: Path) -> None:
    """Unpack the .deb and check its contents; run the unpacked app."""
    root = work / "deb-root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"],
                            capture_output=True, text=True, check=True).stdout
    if "Package: smartpick" not in fields or f"Version: {version()}" not in fields:
        fail(f"{deb.name}: unexpected control fields: {fields!r}")
    for lib in ("libgl1", "libegl1", "libfontconfig1", "libxkbcommon0", "libdbus-1-3"):
        if lib not in fields:
            fail(f"{deb.name}: Depends lacks {lib}")
    exe = root / "opt" / "smartpick" / "smartpick"
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        fail(f"{deb.name}: /opt/smartpick/smartpick is missing or not executable")
        return
    launcher = root / "usr" / "bin" / "smartpick"
    if not launcher.is_symlink() or os.readlink(launcher) != "/opt/smartpick/smartpick":
        fail(f"{deb.name}: /usr/bin/smartpick is not a link to /opt/smartpick/smartpick")
    desktop = root / "usr" / "share" / "applications" / "smartpick.desktop"
    if not desktop.exists():
        fail(f"{deb.name}: /usr/share/applications/smartpick.desktop is missing")
    else:
        entry = desktop_entry(desktop)
        exec_cmd = entry.get("Exec", "").split()[:1]
        if exec_cmd not in (["smartpick"], ["/usr/bin/smartpick"], ["/opt/smartpick/smartpick"]):
            fail(f"{desktop.name}: Exec={entry.get('Exec')!r} does not start smartpick")
        if entry.get("Icon") != "smartpick" or entry.get("Type") != "Application":
            fail(f"{desktop.name}: expected Icon=smartpick and Type=Application, got {entry}")
        if shutil.which("desktop-file-validate"):
            res = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                                 text=True)
            if res.returncode != 0:
                fail(f"{desktop.name}: desktop-file-validate: {res.stdout.strip()}")
        ok(f"{desktop.name}: Exec={entry.get('Exec')} Icon={entry.get('Icon')}")
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    missing = [f"{s}x{s}" for s in ICON_SIZES if not (hicolor / f"{s}x{s}/apps/smartpick.png")
               .is_file()]
    if not (hicolor / "scalable/apps/smartpick.svg").is_file():
        missing.append("scalable svg")
    if missing:
        fail(f"{deb.name}: icons missing: {', '.join(missing)}")
    else:
        ok(f"{deb.name}: icons {', '.join(f'{s}px' for s in ICON_SIZES)} and scalable SVG")
    run(exe, "--data-dir", str(work / "deb-data"), "--smoke", home=work)


def check_sizes(bundle: Path, deb: Path | None) -> None:
    size = folder_mib(bundle)
    (ok if size <= MAX_BUNDLE_MIB else fail)(
        f"one-folder bundle is {size:.1f} MiB (budget {MAX_BUNDLE_MIB} MiB)")
    if deb is not None:
        deb_size = deb.stat().st_size / 2**20
        (ok if deb_size <= MAX_DEB_MIB else fail)(
            f"{deb.name} is {deb_size:.1f} MiB (budget {MAX_DEB_MIB} MiB)")


def check_install(deb: Path) -> None:
    """Install the .deb, run the installed app, purge it and check that nothing is left."""
    if os.environ.get("DIST_CHECK_INSTALL") != "1" or os.geteuid() != 0:
        print("skip: dpkg -i / --purge round trip (needs root and DIST_CHECK_INSTALL=1)")
        return
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "smartpick"],
                            capture_output=True, text=True)
    if "installed" in status.stdout:
        print("skip: dpkg -i round trip (a smartpick package is already installed here)")
        return
    leftovers_before = [p for p in INSTALLED_PATHS if os.path.lexists(p)]
    if leftovers_before:
        print(f"skip: dpkg -i round trip ({leftovers_before[0]} exists already)")
        return
    try:
        res = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True)
        if res.returncode != 0:
            fail(f"dpkg -i {deb.name}: {res.stderr.strip()[-600:]}")
            return
        ok(f"dpkg -i {deb.name}")
        with tempfile.TemporaryDirectory() as home:
            proc = run(Path("/usr/bin/smartpick"), "--version", home=Path(home))
            if proc and proc.stdout.strip() != f"SmartPick {version()}":
                fail(f"installed smartpick --version printed {proc.stdout.strip()!r}")
    finally:
        for action in ("--remove", "--purge"):
            res = subprocess.run(["dpkg", action, "smartpick"], capture_output=True, text=True)
            if res.returncode != 0:
                fail(f"dpkg {action} smartpick: {res.stderr.strip()[-600:]}")
            left = [p for p in INSTALLED_PATHS if os.path.lexists(p)]
            (fail if left else ok)(f"dpkg {action} left {left}" if left
                                   else f"dpkg {action} smartpick left nothing behind")


def main() -> int:
    bundle = DIST / "smartpick"
    if not (bundle / EXE_NAME).exists():
        print(f"FAIL: {bundle / EXE_NAME} does not exist; run make dist first.")
        return 1
    debs = sorted(DIST.glob(f"smartpick_{version()}_*.deb"))
    deb = debs[-1] if debs else None
    with tempfile.TemporaryDirectory(prefix="smartpick-dist-check-") as tmp:
        work = Path(tmp)
        check_bundle(bundle, work)
        if sys.platform.startswith("linux"):
            if deb is None:
                fail(f"dist/smartpick_{version()}_<arch>.deb does not exist")
            else:
                check_deb(deb, work)
        check_sizes(bundle, deb)
        if deb is not None:
            check_install(deb)
    if failures:
        print(f"dist-check: {len(failures)} failure(s).")
        return 1
    print("dist-check: all checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
