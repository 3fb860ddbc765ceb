"""Spreadsheet import (CSV, XLSX) and CSV export of programs.

Reading is split so the GUI can preview: :func:`read_table` gives the header and rows,
:func:`guess_mapping` maps headers to fields (aliases; case, spaces and punctuation do not
matter), :func:`check_rows` turns rows into records and row problems, and
:func:`import_records` writes them in the caller's transaction. :func:`import_file` does all of
it for the CLI.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog.program import PACK_FIELDS, SHARE_FIELDS, Program, match_key
from smartpick_desktop.core.catalog.records import VISA_FIELD, CellError, check_record, parse_cell
from smartpick_desktop.core.catalog.writer import (
    WriteResult,
    get_or_create_source,
    write_records,
)
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.files import write_atomic
from smartpick_desktop.core.progress import Progress, ShouldCancel, checkpoint, report
from smartpick_desktop.core.textio import decode_text, read_limited

IGNORE = "ignore"
MAX_ROWS = 100_000
MAX_BYTES = 200 * 1024 * 1024
#: Columns read from a sheet (a program list has a few dozen).
MAX_COLUMNS = 256
#: An XLSX is a zip: refuse one whose parts unpack to more than this (a decompression bomb).
MAX_XLSX_UNPACKED = 512 * 1024 * 1024
MAX_SHARED_STRINGS = 64 * 1024 * 1024
#: Sheet rows read (blank ones included) before a sheet counts as too long.
MAX_SHEET_ROWS = MAX_ROWS + 10_000

#: Fields a spreadsheet column can map to, with a label for the mapping dialog.
IMPORT_FIELDS: dict[str, str] = {
    **{k: v for k, v in PACK_FIELDS.items() if k not in ("latitude", "longitude")},
    VISA_FIELD: "Visas sponsored (J-1, H-1B)",
    "latitude": "Latitude", "longitude": "Longitude",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "acgme_id": ("acgme id", "acgme", "acgme number", "acgme program id", "program id",
                 "program code", "program number", "program #", "id acgme", "freida id"),
    "name": ("program name", "program", "name", "program title", "residency program",
             "residency", "program full name"),
    "institution": ("institution", "sponsoring institution", "sponsor", "institution name",
                    "hospital", "sponsoring institution name", "primary teaching site",
                    "program sponsor"),
    "specialty": ("specialty", "specialty name", "program specialty", "discipline",
                  "specialty title", "program type specialty"),
    "city": ("city", "program city", "town", "location city"),
    "state": ("state", "st", "state code", "program state", "state province",
              "location state", "state abbreviation"),
    "setting": ("setting", "program setting", "program best described as",
                "best described as", "program type", "type of program", "hospital type"),
    "track": ("track", "position track", "program track", "track type", "position type",
              "categorical or preliminary"),
    "positions": ("first year positions", "first-year positions", "pgy1 positions",
                  "pgy-1 positions", "pgy 1 positions", "positions", "number of positions",
                  "positions offered", "quota", "total positions pgy1", "pgy1 spots", "spots",
                  "available positions pgy 1", "positions available"),
    "share_md": ("% us md", "% usmd", "us md %", "percent us md", "% md", "md %",
                 "share md", "us md share", "% us md graduates", "us md", "md share",
                 "percent md", "% us md residents"),
    "share_do": ("% do", "do %", "% us do", "percent do", "share do", "do share",
                 "% do graduates", "us do", "% do residents", "percent us do"),
    "share_img": ("% img", "img %", "% imgs", "percent img", "share img", "img share",
                  "% img graduates", "% international medical graduates", "img",
                  "% img residents", "percent imgs", "% foreign graduates"),
    VISA_FIELD: ("visa statuses accepted", "visas", "visa", "visa sponsorship",
                 "visas sponsored", "visa types sponsored", "visa status",
                 "visas accepted", "sponsors visas"),
    "visa_j1": ("j-1", "j1", "sponsors j-1", "j-1 visa", "j1 visa", "visa j1",
                "j-1 sponsorship", "j1 sponsorship"),
    "visa_h1b": ("h-1b", "h1b", "sponsors h-1b", "h-1b visa", "h1b visa", "visa h1b",
                 "h-1b sponsorship", "h1b sponsorship"),
    "min_step2": ("minimum step 2", "min step 2", "min step 2 ck", "minimum step 2 ck",
                  "minimum step 2 ck score", "step 2 ck minimum", "step 2 minimum",
                  "usmle step 2 ck minimum", "usmle step 2 ck minimum score",
                  "step 2 ck cutoff", "step 2 cutoff", "min step2"),
    "typical_step2": ("typical step 2 ck", "typical step 2", "average step 2 ck",
                      "average step 2", "avg step 2 ck", "avg step 2", "mean step 2 ck",
                      "median step 2 ck", "step 2 ck average", "step 2 ck mean",
                      "average usmle step 2 ck", "step 2 ck", "step 2", "typical step2",
                      "average step 2 ck score of residents"),
    "interviews_per_year": ("interviews per year", "interviews", "number of interviews",
                            "interviews conducted", "interviews conducted last year",
                            "interviews conducted last year for first year positions",
                            "interviews last year", "interview count"),
    "signals_accepted": ("signals accepted", "signals", "preference signals",
                         "accepts signals", "participates in signaling",
                         "program signaling", "signaling", "signal"),
    "website": ("website", "url", "program website", "web site", "web", "homepage",
                "program url", "link"),
    "reputation": ("reputation", "reputation score", "rank score", "doximity score",
                   "prestige"),
    "grad_year_cutoff": ("graduation year cutoff", "graduated after", "graduated in or after",
                         "year of graduation cutoff", "yog cutoff", "oldest graduation year",
                         "graduation year minimum", "minimum graduation year",
                         "grad year cutoff"),
    "max_failed_attempts": ("max failed attempts", "maximum failed attempts",
                            "failed attempts accepted", "attempts accepted", "attempt limit",
                            "usmle attempts allowed", "max attempts", "maximum attempts"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
}


def aliases_of(field: str) -> tuple[str, ...]:
    """The column names read as ``field`` (lower case)."""
    return _ALIASES.get(field, ())


def fold_header(text: str) -> str:
    """Fold a header for matching: case, spaces and punctuation ignored ("%" kept)."""
    text = str(text).casefold().replace("percent", "%").replace("&", "and")
    return re.sub(r"[^0-9a-z%#]", "", text)


_INDEX: dict[str, str] = {}
for _field, _names in _ALIASES.items():
    for _name in (_field, *_names):
        _INDEX.setdefault(fold_header(_name), _field)


def field_for_header(header: str) -> str | None:
    """The field a header names, or None."""
    return _INDEX.get(fold_header(header))


@dataclass
class Table:
    """A spreadsheet read into text/number cells; ``first_row`` is the header's row number."""

    path: Path
    header: list[str]
    rows: list[list[Any]]
    row_numbers: list[int]
    encoding: str = ""


@dataclass
class RowProblem:
    """A rejected row: spreadsheet row number, column header (or field) and reason."""

    row: int
    column: str
    reason: str

    def sentence(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class CheckedRows:
    """Records ready to import, their row numbers, and problems of the rejected rows."""

    records: list[dict[str, Any]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def invalid_rows(self) -> int:
        return len({p.row for p in self.problems})


# --- reading -----------------------------------------------------------------------------------

def read_table(path: Path) -> Table:
    """Read a CSV or XLSX file; raise InputError for unreadable, binary, empty or header-only
    files (one sentence naming the file)."""
    path = Path(path)
    raw = read_limited(path, MAX_BYTES, "File")
    if not raw.strip():
        raise InputError(f"File {path.name}: the file is empty.")
    if raw[:4] == b"PK\x03\x04":
        table = _read_xlsx(path, raw)
    elif path.suffix.lower() in (".xlsx", ".xlsm"):
        raise InputError(f"File {path.name}: not a readable XLSX workbook.")
    elif path.suffix.lower() == ".xls" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(f"File {path.name}: old Excel .xls files cannot be read; save it as "
                         ".xlsx or .csv.")
    else:
        table = _read_csv(path, raw)
    if not table.header:
        raise InputError(f"File {path.name}: no header row found.")
    if not table.rows:
        raise InputError(f"File {path.name}: it has a header row but no programs.")
    if len(table.rows) > MAX_ROWS:
        raise InputError(f"File {path.name}: more than {MAX_ROWS:,} rows.")
    return table


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Decode the whole file as one encoding (see ``textio.decode_text``)."""
    if b"\x00" in raw[:8192]:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            try:
                return raw.decode("utf-16"), "utf-16"
            except UnicodeDecodeError:
                pass
        raise InputError(f"File {path.name}: a binary file, not a CSV or XLSX spreadsheet.")
    controls = sum(1 for byte in raw[:8192] if byte < 32 and byte not in b"\r\n\t")
    if controls > 8:
        raise InputError(f"File {path.name}: a binary file, not a CSV or XLSX spreadsheet.")
    return decode_text(raw, f"File {path.name}")


def _read_csv(path: Path, raw: bytes) -> Table:
    text, encoding = _decode(path, raw)
    sample = text[:16384]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as err:
        raise InputError(f"File {path.name}: not a readable CSV file ({err}).") from None
    return _table(path, records, encoding)


def _read_xlsx(path: Path, raw: bytes) -> Table:
    _check_xlsx_size(path, raw)
    from openpyxl import load_workbook

    _quick_sheet_size()
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001 - damaged zip, bad XML, DTD entities (defusedxml)
        raise InputError(f"File {path.name}: not a readable XLSX workbook "
                         f"({_xlsx_reason(err)}).") from None
    records: list[list[Any]] = []
    width: int | None = None
    try:
        sheet = book.active or book.worksheets[0]
        _count_rows(path, raw, getattr(sheet, "_worksheet_path", None))
        # The row limit is checked while streaming: a sheet of millions of rows is refused
        # after reading just past the limit, not after reading it all. An explicit max_row
        # also keeps openpyxl from scanning the whole sheet first for its size.
        for row in sheet.iter_rows(max_row=MAX_SHEET_ROWS + 1, max_col=MAX_COLUMNS,
                                   values_only=True):
            if len(records) >= MAX_SHEET_ROWS:
                raise InputError(f"File {path.name}: more than {MAX_ROWS:,} rows.")
            if width is None:  # up to the header: trim the padding openpyxl adds
                values = list(row)
                while values and values[-1] is None:
                    values.pop()
                if not _blank(values):
                    width = len(values)
            else:  # columns past the header's are never mapped
                values = row[:width]
            records.append(["" if v is None else v for v in values])
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds on damaged files
        raise InputError(f"File {path.name}: the workbook cannot be read "
                         f"({_xlsx_reason(err)}).") from None
    finally:
        book.close()
    return _table(path, records, "xlsx")


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _count_rows(path: Path, raw: bytes, member: str | None) -> None:
    """Count the sheet's rows while inflating its XML (C speed, a fraction of openpyxl's
    parse) and refuse a sheet past the row limit before openpyxl parses a single row."""
    import zipfile

    if not member:
        return
    count = 0
    tail = b""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, \
                archive.open(member.lstrip("/")) as fh:
            while chunk := fh.read(4 * 1024 * 1024):
                data = tail + chunk
                count += len(_ROW_TAG.findall(data, 0, max(0, len(data) - 16)))
                tail = data[max(0, len(data) - 16):]
                if count > MAX_SHEET_ROWS:
                    raise InputError(f"File {path.name}: more than {MAX_ROWS:,} rows.")
    except (KeyError, zipfile.BadZipFile, OSError, zlib.error):
        return  # openpyxl reports a damaged workbook in its own words


def _quick_sheet_size() -> None:
    """Make openpyxl's read-only sheets find their size in the sheet's first 64 KB.

    openpyxl looks for the optional ``<dimension>`` element by parsing the whole sheet when it
    is absent (minutes for a sheet of millions of rows) although the element always comes
    first; SmartPick passes the rows and columns it wants, so the size is only a hint.
    """
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(ReadOnlyWorksheet, "_smartpick_quick_size", False):
        return

    def get_size(self) -> None:
        with self._get_source() as src:
            head = src.read(65536)
        match = re.search(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)\"",
                          head)
        if match:
            try:
                bounds = range_boundaries(match.group(1).decode("ascii"))
            except ValueError:
                return
            self._min_column, self._min_row, self._max_column, self._max_row = bounds

    ReadOnlyWorksheet._get_size = get_size
    ReadOnlyWorksheet._smartpick_quick_size = True


def _xlsx_reason(err: BaseException) -> str:
    """One line on why openpyxl failed (the cause chain is searched for defusedxml's refusal)."""
    seen: BaseException | None = err
    while seen is not None:
        if "Forbidden" in type(seen).__name__:
            return "it declares XML entities or a DTD, which a spreadsheet never needs"
        seen = seen.__cause__ or seen.__context__
    first = " ".join(str(err).split(".")[0].split())
    return first[:200] or type(err).__name__


def _check_xlsx_size(path: Path, raw: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than a real program list (the sizes
    in the zip directory bound what the zip reader inflates)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InputError(f"File {path.name}: not a readable XLSX workbook ({err}).") from None
    total = sum(i.file_size for i in infos)
    strings = sum(i.file_size for i in infos if i.filename.endswith("sharedStrings.xml"))
    if total > MAX_XLSX_UNPACKED or strings > MAX_SHARED_STRINGS:
        raise InputError(f"File {path.name}: the workbook unpacks to "
                         f"{max(total, strings) // 2**20:,} MB, more than a program list "
                         "ever needs.")


def _blank(row: Sequence[Any]) -> bool:
    return all(isinstance(v, str) and not v.strip() or v is None for v in row)


def _table(path: Path, records: list[list[Any]], encoding: str) -> Table:
    header: list[str] = []
    rows: list[list[Any]] = []
    numbers: list[int] = []
    for number, record in enumerate(records, start=1):
        if _blank(record):
            continue
        if not header:
            header = [str(v).strip() for v in record]
            while header and not header[-1]:
                header.pop()
            continue
        rows.append(list(record))
        numbers.append(number)
    return Table(path, header, rows, numbers, encoding)


# --- mapping -----------------------------------------------------------------------------------

def guess_mapping(header: Sequence[str]) -> dict[int, str]:
    """Column index -> field for the headers recognised (first column wins for a field)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, text in enumerate(header):
        found = field_for_header(text)
        if found and found not in taken:
            mapping[index] = found
            taken.add(found)
    return mapping


def apply_overrides(table: Table, mapping: dict[int, str],
                    overrides: Iterable[str]) -> dict[int, str]:
    """Apply ``--map COLUMN=field`` overrides (``field`` may be ``ignore``)."""
    mapping = dict(mapping)
    folded = {fold_header(h): i for i, h in reversed(list(enumerate(table.header)))}
    for item in overrides:
        column, sep, target = item.rpartition("=")
        column, target = column.strip(), target.strip()
        if not sep or not column or not target:
            raise InputError(f"Column mapping '{item}': write it as COLUMN=field, e.g. "
                             "\"Program Name=name\".")
        if target != IGNORE and target not in IMPORT_FIELDS:
            raise InputError(f"Column mapping '{item}': unknown field '{target}' (fields: "
                             f"{', '.join(IMPORT_FIELDS)}, or ignore).")
        index = folded.get(fold_header(column))
        if index is None:
            raise InputError(f"Column mapping '{item}': file {table.path.name} has no column "
                             f"'{column}'.")
        for other, name in list(mapping.items()):
            if name == target and other != index:
                del mapping[other]
        if target == IGNORE:
            mapping.pop(index, None)
        else:
            mapping[index] = target
    return mapping


def check_mapping(table: Table, mapping: dict[int, str]) -> None:
    """Refuse a mapping without the columns every program needs."""
    fields = set(mapping.values())
    for needed, label in (("name", "program name"), ("specialty", "specialty")):
        if needed not in fields:
            raise InputError(f"File {table.path.name}: no column for the {label} (columns: "
                             f"{', '.join(h for h in table.header if h)[:300]}).",
                             fix="map_columns")


# --- rows --------------------------------------------------------------------------------------

def _percent_column(header: str) -> bool:
    return "%" in header or "percent" in header.casefold()


def check_rows(table: Table, mapping: dict[int, str], *, progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> CheckedRows:
    """Parse and validate every row; duplicates within the file are problems too.

    ``progress`` and ``should_cancel`` as in ``core/progress.py``.
    """
    out = CheckedRows()
    seen: dict[str, int] = {}
    columns = sorted(mapping.items())
    percent = {i: _percent_column(table.header[i]) for i, f in columns if f in SHARE_FIELDS}
    for position, (row, number) in enumerate(zip(table.rows, table.row_numbers, strict=True)):
        if position % 500 == 0:
            checkpoint(should_cancel, f"Import of {table.path.name} canceled; nothing was "
                                      "imported.")
            report(progress, position, len(table.rows))
        values: dict[str, Any] = {}
        problems: list[RowProblem] = []
        for index, name in columns:
            cell = row[index] if index < len(row) else ""
            try:
                value = parse_cell(name, cell, percent=percent.get(index, False))
            except CellError as err:
                problems.append(RowProblem(number, table.header[index],
                                           f"'{_show(cell)}' {err}"))
                continue
            if name == VISA_FIELD:
                j1, h1b = value
                values.setdefault("visa_j1", j1)
                values.setdefault("visa_h1b", h1b)
            else:
                values[name] = value
        record, issues = check_record(values)
        headers = {name: table.header[i] for i, name in columns}
        for name, reason in issues:
            if not any(p.column == headers.get(name) for p in problems):
                problems.append(RowProblem(number, headers.get(name, name), reason))
        if not problems:
            key = match_key(record["acgme_id"], record["name"], record["specialty"],
                            record["city"], record["state"])
            if key in seen:
                problems.append(RowProblem(number, "", f"the same program as row {seen[key]}"))
            else:
                seen[key] = number
        if problems:
            out.problems.extend(problems)
        else:
            out.records.append(record)
            out.row_numbers.append(number)
    return out


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def import_records(session: Session, table: Table, checked: CheckedRows,
                   today: dt.date | None = None) -> WriteResult:
    """Write checked records under a source named after the file (one per file name)."""
    source = get_or_create_source(session, name=table.path.name, kind="file",
                                  created=(today or dt.date.today()).isoformat(), today=today)
    records = []
    for record in checked.records:
        copy = dict(record)
        records.append(copy)
    demo = [r for r in records if r["name"].startswith("Demo — ")]
    real = [r for r in records if not r["name"].startswith("Demo — ")]
    result = write_records(session, source, real, replace=False, match_all_sources=True)
    if demo:  # re-imported demo programs stay labelled demo
        extra = write_records(session, source, demo, replace=False, is_demo=True)
        result.added += extra.added
        result.updated += extra.updated
        result.unchanged += extra.unchanged
    result.skipped = checked.invalid_rows
    result.problems = [p.sentence() for p in checked.problems]
    return result


def import_file(session: Session, path: Path, *, overrides: Iterable[str] = (),
                skip_invalid: bool = False, today: dt.date | None = None) -> WriteResult:
    """Read, check and import a CSV/XLSX file. With any invalid row and not ``skip_invalid``,
    raise InputError (nothing written); the error's ``problems`` attribute lists them all."""
    table = read_table(path)
    mapping = apply_overrides(table, guess_mapping(table.header), overrides)
    check_mapping(table, mapping)
    checked = check_rows(table, mapping)
    if checked.problems and not skip_invalid:
        raise rows_rejected(table.path.name, checked)
    if not checked.records:
        raise rows_rejected(table.path.name, checked, all_rows=True)
    return import_records(session, table, checked, today)


def rows_rejected(name: str, checked: CheckedRows, *, all_rows: bool = False) -> InputError:
    first = checked.problems[0]
    count = checked.invalid_rows
    rows = "1 row is" if count == 1 else f"{count} rows are"
    tail = "no row can be imported" if all_rows else "nothing was imported"
    err = InputError(f"File {name}: {rows} invalid ({first.sentence()}); {tail}.",
                     fix=None if all_rows else "skip_invalid")
    err.problems = [p.sentence() for p in checked.problems]  # type: ignore[attr-defined]
    return err


# --- export ------------------------------------------------------------------------------------

EXPORT_COLUMNS: tuple[str, ...] = (
    "smartpick_id", "acgme_id", "name", "institution", "specialty", "city", "state", "setting",
    "track", "positions", "share_md", "share_do", "share_img", "visa_j1", "visa_h1b", "min_step2",
    "typical_step2", "interviews_per_year", "signals_accepted", "website", "reputation",
    "grad_year_cutoff", "max_failed_attempts", "source", "demo", "stars", "status", "tags",
    "notes",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        value = f"{value:g}"
    text = str(value)
    return "'" + text if text.startswith(_DANGEROUS) else text


def export_row(program: Program) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(program, name) for name in PACK_FIELDS}
    values.update(smartpick_id=program.program_id, source=program.source, demo=program.is_demo,
                  stars=program.stars, status=program.status, tags="; ".join(program.tags),
                  notes=program.notes)
    return values


def write_csv(path: Path, programs: Iterable[Program],
              extra: Sequence[tuple[str, Callable[[Program], Any]]] = ()) -> int:
    """Write programs as UTF-8 CSV (with BOM for spreadsheets), formulas neutralised; return
    the row count. ``extra`` adds (header, getter) columns such as the ranking."""
    header = [*EXPORT_COLUMNS, *(name for name, _ in extra)]
    count = 0
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for program in programs:
        values = export_row(program)
        row = [neutralise(values[c]) for c in EXPORT_COLUMNS]
        row.extend(neutralise(get(program)) for _, get in extra)
        writer.writerow(row)
        count += 1
    write_atomic(path, buffer.getvalue(), "File", encoding="utf-8-sig")
    return count
