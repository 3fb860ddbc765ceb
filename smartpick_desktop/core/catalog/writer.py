"""Bulk writing of checked program records into the store (packs and spreadsheet imports).

Rows are written with Core ``insert``/``update`` executemany in the caller's transaction, not
one ORM object per row, so 15,000 programs take about a second. User fields are never touched.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog import geography
from smartpick_desktop.core.catalog.program import PACK_FIELDS, match_key
from smartpick_desktop.core.catalog.tables import CatalogSource, ProgramRow
from smartpick_desktop.core.words import plural

_TABLE = ProgramRow.__table__
_COMPARED = (*PACK_FIELDS, "is_demo", "provenance", "source_id")
CITY_FOUND = "Looked up offline from the city (GeoNames)"
CITY_NOT_FOUND = "Center of the state: city not found offline (GeoNames)"


@dataclass
class WriteResult:
    """What an import did; ``problems`` lists skipped rows as sentences."""

    source: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged")
        if self.removed:
            text += f", {self.removed} removed"
        if self.skipped:
            text += f", {plural(self.skipped, 'invalid row')} skipped"
        return text


def get_or_create_source(session: Session, *, name: str, kind: str, version: str = "",
                         season: str = "", created: str = "", publisher: str = "",
                         licence: str = "", today: dt.date | None = None) -> CatalogSource:
    """Return the source called ``name`` (updated to these details), creating it if needed."""
    source = session.scalar(select(CatalogSource).where(CatalogSource.name == name))
    if source is None:
        source = CatalogSource(name=name, kind=kind)
        session.add(source)
    source.kind = kind
    source.version, source.season, source.created = version, season, created
    source.publisher, source.licence = publisher, licence
    source.imported = (today or dt.date.today()).isoformat()
    session.flush()
    return source


def add_coordinates(record: dict[str, Any], provenance: dict[str, str]) -> None:
    """Fill latitude/longitude from city + state when missing, noting how in ``provenance``."""
    if record.get("latitude") is not None and record.get("longitude") is not None:
        return
    place = geography.locate(record.get("city") or "", record.get("state"))
    if place is None:
        record["latitude"] = record["longitude"] = None
        return
    record["latitude"], record["longitude"] = place.latitude, place.longitude
    label = CITY_FOUND if place.exact else CITY_NOT_FOUND
    provenance["latitude"] = provenance["longitude"] = label


def write_records(session: Session, source: CatalogSource, records: list[dict[str, Any]], *,
                  replace: bool, is_demo: bool = False,
                  match_all_sources: bool = False) -> WriteResult:
    """Insert or update ``records`` (checked, every pack field present) under ``source``.

    Matching is by ACGME ID, else name + specialty + city + state. ``replace`` (a pack's new
    version) deletes the source's programs missing from ``records``; ``match_all_sources`` (a
    spreadsheet) matches programs from any non-demo source and moves them to this one.
    """
    result = WriteResult(source=source.name)
    query = select(_TABLE.c.id, _TABLE.c.match_key, *[_TABLE.c[n] for n in _COMPARED])
    if match_all_sources:
        query = query.where(_TABLE.c.is_demo.is_(False))
    else:
        query = query.where(_TABLE.c.source_id == source.id)
    existing: dict[str, dict[str, Any]] = {}
    for row in session.execute(query).mappings():
        existing.setdefault(row["match_key"], dict(row))
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in records:
        provenance: dict[str, str] = dict(record.pop("_provenance", None) or {})
        add_coordinates(record, provenance)
        key = match_key(record["acgme_id"], record["name"], record["specialty"], record["city"],
                        record["state"])
        seen.add(key)
        row = {name: record.get(name) for name in PACK_FIELDS}
        row.update(match_key=key, source_id=source.id, is_demo=is_demo,
                   provenance=json.dumps(provenance, sort_keys=True))
        old = existing.get(key)
        if old is None:
            inserts.append(row)
        elif any(old[name] != row[name] for name in _COMPARED):
            row["_id"] = old["id"]
            updates.append(row)
        else:
            result.unchanged += 1
    if inserts:
        session.execute(insert(_TABLE), inserts)
    if updates:
        values = {name: bindparam(name) for name in updates[0] if name != "_id"}
        session.execute(update(_TABLE).where(_TABLE.c.id == bindparam("_id")).values(values),
                        updates, execution_options={"synchronize_session": False})
    if replace:
        gone = [old["id"] for key, old in existing.items() if key not in seen]
        for start in range(0, len(gone), 500):
            session.execute(delete(_TABLE).where(_TABLE.c.id.in_(gone[start:start + 500])),
                            execution_options={"synchronize_session": False})
        result.removed = len(gone)
    result.added, result.updated = len(inserts), len(updates)
    return result
