"""Programs import (CSV, XLSX, data packs): imports or InputError, never a partial write."""

from __future__ import annotations

import csv
import gzip
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from smartpick_desktop.core.catalog import packs, spreadsheet
from smartpick_desktop.core.catalog.program import PACK_FIELDS

from .conftest import FUZZ, NASTY, TEXT, imports_or_refuses

HEADERS = [*PACK_FIELDS, *PACK_FIELDS.values(), "Program Name", "% IMG", "Visa", "State",
           "Step 2 CK", "Unknown column", ""]
CELL = st.one_of(TEXT, st.integers(-10, 400).map(str), st.floats(allow_nan=True).map(str),
                 st.sampled_from(["Internal Medicine", "Pediatrics", "OH", "Ohio", "CA", "yes",
                                  "no", "J-1, H-1B", "45%", "0.45", "1403800001", "university"]))


def _csv(header, rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _import(path):
    return lambda s: spreadsheet.import_file(s, path)


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
       rows=st.lists(st.lists(CELL, max_size=9), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
def test_csv(fuzz_store, fuzz_dir, header, rows, encoding):
    path = fuzz_dir / "programs.csv"
    path.write_bytes(_csv(header, rows).encode(encoding, errors="replace"))
    imports_or_refuses(fuzz_store, _import(path))


VALID_HEADER = ["name", "institution", "specialty", "city", "state", "positions", "acgme_id"]


@st.composite
def mostly_valid_rows(draw):
    """Plausible rows with a few cells replaced by anything."""
    rows = []
    for i in range(draw(st.integers(1, 5))):
        row = [f"Fuzz Program {draw(st.integers(0, 10**6))}", "Fuzz Hospital",
               draw(st.sampled_from(["Internal Medicine", "Pediatrics", "Family Medicine"])),
               "Columbus", draw(st.sampled_from(["OH", "CA", "Texas"])),
               str(draw(st.integers(1, 40))), f"14{draw(st.integers(0, 10**8 - 1)):08d}"]
        for _ in range(draw(st.integers(0, 2))):
            row[draw(st.integers(0, len(row) - 1))] = draw(CELL)
        rows.append(row)
        del i
    return rows


@FUZZ
@given(rows=mostly_valid_rows(), skip=st.booleans())
def test_csv_mostly_valid(fuzz_store, fuzz_dir, rows, skip):
    path = fuzz_dir / "programs-valid.csv"
    path.write_text(_csv(VALID_HEADER, rows), encoding="utf-8")
    imports_or_refuses(fuzz_store, lambda s: spreadsheet.import_file(s, path, skip_invalid=skip))


@FUZZ
@given(raw=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ""]))
def test_any_bytes(fuzz_store, fuzz_dir, raw, suffix):
    path = fuzz_dir / f"anything{suffix}"
    path.write_bytes(raw)
    imports_or_refuses(fuzz_store, _import(path))


CELL_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(), TEXT,
                       st.dates())


@FUZZ.__class__(FUZZ, max_examples=12)
@given(header=st.lists(st.one_of(st.sampled_from(HEADERS), CELL_VALUE), min_size=1, max_size=6),
       rows=st.lists(st.lists(CELL_VALUE, max_size=7), max_size=4))
def test_xlsx(fuzz_store, fuzz_dir, header, rows):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    try:
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    except (IllegalCharacterError, ValueError):
        return  # openpyxl itself cannot write such a cell
    path = fuzz_dir / "programs.xlsx"
    book.save(path)
    imports_or_refuses(fuzz_store, _import(path))


RECORD = st.dictionaries(st.sampled_from(list(PACK_FIELDS)), CELL_VALUE.filter(
    lambda v: not hasattr(v, "isoformat")), max_size=8)
MANIFEST = st.fixed_dictionaries({"name": st.one_of(st.just("Fuzz pack"), TEXT),
                                   "version": st.one_of(st.just("2026.1"), TEXT),
                                   "season": st.one_of(st.just("2026"), TEXT)}, optional={
    "published": TEXT, "source": TEXT, "notes": NASTY})


@st.composite
def pack_records(draw):
    """Valid-looking pack records from mostly_valid_rows, some with extra random fields."""
    records = [dict(zip(VALID_HEADER, row, strict=True)) for row in draw(mostly_valid_rows())]
    for record in records:
        record.update(draw(RECORD) if draw(st.booleans()) else {})
        if isinstance(record.get("positions"), str) and record["positions"].isdigit():
            record["positions"] = int(record["positions"])
    return records


@FUZZ
@given(manifest=MANIFEST, records=st.one_of(pack_records(), st.lists(RECORD, max_size=5)),
       mode=st.sampled_from(["pack", "pack", "truncated", "json", "json-mutated"]))
def test_packs(fuzz_store, manifest, records, mode):
    try:
        raw = packs.pack_bytes(manifest, records)
    except (ValueError, TypeError):
        return  # not encodable as a pack at all (e.g. infinity)
    if mode == "truncated":
        raw = raw[: len(raw) // 2]
    elif mode.startswith("json"):
        data = json.loads(gzip.decompress(raw))
        if mode == "json-mutated":
            data["rows"] = [row[:-1] for row in data["rows"]] or [[None]]
        raw = json.dumps(data).encode()

    def action(session):
        packs.import_pack(session, packs.parse_pack(raw, "fuzz.smartpick-pack"))

    imports_or_refuses(fuzz_store, action)
