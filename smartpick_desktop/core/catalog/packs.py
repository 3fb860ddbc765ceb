"""Data packs: a versioned, dated file of programs (format in docs/programs.md).

A pack is JSON, optionally gzip-compressed::

    {"format": "smartpick-pack", "format_version": 1,
     "manifest": {"name", "version", "season", "created", "source", "licence", "demo"?},
     "programs": [{"name": ..., "specialty": ..., ...}, ...]}

or, more compactly, ``"columns": [field, ...]`` with ``"rows": [[value, ...], ...]`` instead of
``"programs"``. Importing a pack replaces that pack's previous version (matched by name) and never
touches the student's fields of programs that stay.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog.program import PACK_FIELDS
from smartpick_desktop.core.catalog.records import check_record
from smartpick_desktop.core.catalog.writer import (
    WriteResult,
    get_or_create_source,
    write_records,
)
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.textio import read_limited, strict_json

PACK_FORMAT = "smartpick-pack"
PACK_FORMAT_VERSION = 1
MANIFEST_KEYS = ("name", "version", "season", "created", "source", "licence")
GZIP_MAGIC = b"\x1f\x8b"
#: A pack file as stored, and what it may unpack to (100,000 programs take about 40 MB).
MAX_PACK_BYTES = 64 * 1024 * 1024
MAX_PACK_UNPACKED = 128 * 1024 * 1024


@dataclass
class Pack:
    """A read and checked pack: its manifest and program records (every pack field set)."""

    manifest: dict[str, str]
    records: list[dict[str, Any]]

    @property
    def is_demo(self) -> bool:
        return bool(self.manifest.get("demo"))


def looks_like_pack(raw: bytes) -> bool:
    """True for gzip data or JSON that declares the pack format (cheap sniffing)."""
    if raw[:2] == GZIP_MAGIC:
        return True
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"{" and PACK_FORMAT.encode() in head


def parse_pack(raw: bytes, label: str, *, check: bool = True) -> Pack:
    """Decode and validate pack bytes; raise InputError naming ``label`` and the program."""
    try:
        if raw[:2] == GZIP_MAGIC:
            raw = _gunzip_capped(raw, label)
        data = strict_json(raw.decode("utf-8-sig"))
    except (OSError, EOFError, UnicodeDecodeError, ValueError, zlib.error) as err:
        raise InputError(f"Pack {label}: not a readable pack file ({err}).") from None
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
        raise InputError(f"Pack {label}: not a SmartPick pack ('format' must be "
                         f"'{PACK_FORMAT}').")
    version = data.get("format_version")
    if not isinstance(version, int) or version > PACK_FORMAT_VERSION:
        raise InputError(f"Pack {label}: format_version {version!r} is not supported "
                         f"(this app reads version {PACK_FORMAT_VERSION}).")
    manifest = data.get("manifest")
    if not isinstance(manifest, dict):
        raise InputError(f"Pack {label}: the 'manifest' object is missing.")
    clean_manifest: dict[str, Any] = {}
    for key in MANIFEST_KEYS:
        value = manifest.get(key)
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"Pack {label}: manifest '{key}' must be a non-empty text.")
        clean_manifest[key] = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean_manifest["created"]):
        raise InputError(f"Pack {label}: manifest 'created' must be a date such as "
                         "2026-11-20.")
    clean_manifest["demo"] = bool(manifest.get("demo", False))
    rows = _program_dicts(data, label)
    records = []
    for number, values in enumerate(rows, start=1):
        if not isinstance(values, dict):
            raise InputError(f"Pack {label}: program {number} is not an object.")
        if not check:
            records.append({name: values.get(name) for name in PACK_FIELDS}
                           | {"institution": values.get("institution") or "",
                              "city": values.get("city") or "",
                              "website": values.get("website") or ""})
            continue
        unknown = sorted(set(values) - set(PACK_FIELDS))
        if unknown:
            raise InputError(f"Pack {label}: program {number} has unknown field "
                             f"'{unknown[0]}'.")
        record, problems = check_record(values)
        if problems:
            name, reason = problems[0]
            raise InputError(f"Pack {label}: program {number}, field '{name}' {reason}.")
        records.append(record)
    if not records:
        raise InputError(f"Pack {label}: it holds no programs.")
    return Pack(clean_manifest, records)


def _gunzip_capped(raw: bytes, label: str) -> bytes:
    """Inflate gzip data, refusing it as soon as it passes :data:`MAX_PACK_UNPACKED` (a
    decompression bomb is stopped after a fraction of a second, not after gigabytes)."""
    out = bytearray()
    data = raw
    while data:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # one gzip member
        while data:
            chunk = inflater.decompress(data, 1024 * 1024)
            out += chunk
            if len(out) > MAX_PACK_UNPACKED:
                raise InputError(f"Pack {label}: it unpacks to more than "
                                 f"{MAX_PACK_UNPACKED // 2**20} MB, more than any pack holds.")
            data = inflater.unconsumed_tail
            if inflater.eof:
                break
            if not chunk and not data:
                raise EOFError("the compressed data ends too early")
        data = inflater.unused_data.lstrip(b"\0")  # another member follows, or padding
    return bytes(out)


def _program_dicts(data: dict, label: str) -> list[Any]:
    if "programs" in data:
        if not isinstance(data["programs"], list):
            raise InputError(f"Pack {label}: 'programs' must be a list.")
        return data["programs"]
    columns, rows = data.get("columns"), data.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        raise InputError(f"Pack {label}: it needs 'programs' or 'columns' and 'rows'.")
    bad = [c for c in columns if c not in PACK_FIELDS]
    if bad:
        raise InputError(f"Pack {label}: unknown column '{bad[0]}'.")
    out = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise InputError(f"Pack {label}: row {number} does not have {len(columns)} values.")
        out.append(dict(zip(columns, row, strict=True)))
    return out


def read_pack(path: Path) -> Pack:
    return parse_pack(read_limited(path, MAX_PACK_BYTES, "Pack"), str(path))


def import_pack(session: Session, pack: Pack, today: dt.date | None = None) -> WriteResult:
    """Write a checked pack, replacing the previous version of the same pack."""
    m = pack.manifest
    kind = "demo" if pack.is_demo else "pack"
    source = get_or_create_source(session, name=m["name"], kind=kind, version=m["version"],
                                  season=m["season"], created=m["created"],
                                  publisher=m["source"], licence=m["licence"], today=today)
    records = [dict(r) for r in pack.records]
    return write_records(session, source, records, replace=True, is_demo=pack.is_demo)


def pack_bytes(manifest: dict[str, Any], records: list[dict[str, Any]]) -> bytes:
    """Encode a compact gzip pack (columns + rows) reproducibly (no timestamp in gzip)."""
    columns = [name for name in PACK_FIELDS
               if any(r.get(name) not in (None, "") for r in records)]
    data = {"format": PACK_FORMAT, "format_version": PACK_FORMAT_VERSION,
            "manifest": manifest, "columns": columns,
            "rows": [[r.get(c) for c in columns] for r in records]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
