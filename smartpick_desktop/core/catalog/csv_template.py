"""The blank spreadsheet a student fills in with real programs, and the column names the
importer recognizes (both front ends show them)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from smartpick_desktop.core.files import write_atomic

#: Template columns: (header written, what to type in it). Name and specialty are required.
TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Program name", "Required. The program's name, e.g. Riverside Internal Medicine"),
    ("Specialty", "Required. e.g. Internal Medicine, Pediatrics, Family Medicine"),
    ("Institution", "The sponsoring hospital or university"),
    ("City", "e.g. Columbus"),
    ("State", "Two letters, e.g. OH"),
    ("Setting", "University, community, community-university or military"),
    ("First-year positions", "A whole number, e.g. 12"),
    ("% US MD", "Share of residents from US MD schools, e.g. 60%"),
    ("% DO", "Share of residents from DO schools, e.g. 20%"),
    ("% IMG", "Share of international medical graduates, e.g. 20%"),
    ("Visas sponsored", "J-1, H-1B, both, or none"),
    ("Minimum Step 2 CK", "The lowest score the program considers, if it says"),
    ("Typical Step 2 CK", "The average score of its residents, if known"),
    ("Interviews per year", "A whole number, if known"),
    ("Signals accepted", "Yes or no: does it take preference signals"),
    ("Website", "https://…"),
    ("ACGME ID", "10 digits, if you have it"),
)

REQUIRED = ("Program name", "Specialty")


def write_template(path: Path) -> None:
    """Write the header row of the template as UTF-8 CSV (opens in any spreadsheet program)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow([name for name, _ in TEMPLATE_COLUMNS])
    write_atomic(path, buffer.getvalue(), "Template file", encoding="utf-8-sig")


def recognized_columns() -> list[tuple[str, list[str]]]:
    """(field label, a few of the column names read as that field), for the help text."""
    from smartpick_desktop.core.catalog.spreadsheet import IMPORT_FIELDS, aliases_of

    out = []
    for field, label in IMPORT_FIELDS.items():
        names = [n for n in aliases_of(field) if len(n) > 2][:4]
        out.append((label, names))
    return out
