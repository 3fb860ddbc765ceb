"""Decompression and complexity bombs are refused fast and small (issue 16, point 7).

Builds, in a temporary folder: a 2 MB XLSX with 3 million rows, a ~4 MB gzip pack that inflates
to over 4 GB, a 2.2 MB HTML page of 200,000 nested <div>s, and a backup zip that inflates to
3.6 GB. Each is handed to the CLI (a subprocess, as a user would); the script prints the exit
code, the time to refusal and the process's peak memory. Target: each refused (exit 3) in under
10 s with under 500 MB peak memory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

SECONDS, MEGABYTES = 10.0, 500.0
MB = 1024 * 1024
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_bomb(path: Path, rows: int = 3_000_000, *, references: bool = False) -> None:
    """A real workbook whose sheet holds ``rows`` one-cell rows (the sheet part is streamed);
    ``references`` writes each row's and cell's position as spreadsheet apps do."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["name", "specialty"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name in src.namelist():
            if name != "xl/worksheets/sheet1.xml":
                dst.writestr(name, src.read(name))
        with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<worksheet xmlns="{SHEET_NS}"><sheetData>'
                        '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
                        .encode())
            chunk = []
            for n in range(2, rows + 2):
                chunk.append(f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' if references
                             else "<row><c><v>1</v></c></row>")  # positions are optional
                if len(chunk) == 50_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())


def gzip_pack_bomb(path: Path, inflated: int = 4200 * MB) -> None:
    """A pack whose gzip member inflates to ``inflated`` bytes (mostly spaces)."""
    head = (b'{"format": "smartpick-pack", "format_version": 1, "manifest": {"name": "Bomb", '
            b'"version": "1", "season": "2026-27", "created": "2026-11-20", "source": "x", '
            b'"licence": "x"}, "programs": [')
    deflate = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * (8 * MB)
    with open(path, "wb") as out:
        out.write(deflate.compress(head))
        for _ in range(inflated // len(block)):
            out.write(deflate.compress(block))
        out.write(deflate.compress(b"]}"))
        out.write(deflate.flush())


def nested_html(path: Path, depth: int = 200_000) -> None:
    path.write_text("<!doctype html><html><head><title>Deep</title></head><body>"
                    + "<div>" * depth + "text" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")


def backup_zip_bomb(path: Path, inflated: int = 3600 * MB) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("manifest.json", '{"format": "smartpick-backup", "format_version": 1, '
                                          '"schema_revision": "0001", "tables": {}}')
        block = b" " * (8 * MB)
        with archive.open("tables/programs.json", "w", force_zip64=True) as member:
            for _ in range(inflated // len(block)):
                member.write(block)


def run(data_dir: Path, *args: str) -> tuple[int, float, float, str]:
    """Run the CLI; return (exit code, seconds, peak MB of the process, first stderr line)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                             str(data_dir), *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, seconds, usage.ru_maxrss / 1024, stderr.strip()[:110]


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="smartpick-bench-bombs-") as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        assert run(data, "programs", "list")[0] == 0  # a store to import into
        cases = [
            ("XLSX, 3,000,000 rows", tmp / "bomb.xlsx", xlsx_bomb, ("programs", "import")),
            ("XLSX, 3,000,000 rows, cell refs", tmp / "bomb2.xlsx",
             lambda p: xlsx_bomb(p, references=True), ("programs", "import")),
            ("gzip pack, inflates to 4.2 GB", tmp / "bomb.json.gz", gzip_pack_bomb,
             ("programs", "import")),
            ("HTML, 200,000 nested <div>s", tmp / "deep.html", nested_html,
             ("articles", "import")),
            ("backup zip, inflates to 3.6 GB", tmp / "bomb.zip", backup_zip_bomb,
             ("restore",)),
        ]
        print(f"{'case':34} {'file':>9} {'exit':>4} {'seconds':>8} {'peak MB':>8}  verdict")
        for label, path, build, command in cases:
            build(path)
            size = path.stat().st_size / MB
            code, seconds, peak, message = run(data, *command, str(path))
            ok = code == 3 and seconds < SECONDS and peak < MEGABYTES
            failures += not ok
            print(f"{label:34} {size:7.1f}MB {code:>4} {seconds:8.2f} {peak:8.0f}  "
                  f"{'ok' if ok else 'FAIL'}")
            print(f"    {message}")
    print(f"Target: exit 3 in under {SECONDS:g} s with under {MEGABYTES:g} MB peak memory.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
