"""Reading programs and changing the student's fields (stars, notes, tags, status)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from smartpick_desktop.core.catalog.program import (
    ENTERED_BY_YOU,
    MAX_NOTES,
    MAX_STARS,
    PACK_FIELDS,
    STATUSES,
    Program,
    match_key,
    normalise_tags,
    source_label,
)
from smartpick_desktop.core.catalog.tables import CatalogSource, ProgramRow, ProgramUser
from smartpick_desktop.core.errors import InputError

_P = ProgramRow.__table__
_U = ProgramUser.__table__
_S = CatalogSource.__table__
USER_SOURCE = "user"


@dataclass(frozen=True)
class SourceInfo:
    """A catalog source as listed in Programs → Data sources…"""

    id: int
    name: str
    kind: str
    version: str
    season: str
    created: str
    publisher: str
    licence: str
    imported: str
    programs: int
    label: str


def _labels(session: Session) -> dict[int, tuple[str, str, str]]:
    """source id -> (source name as shown on programs, kind, provenance label)."""
    out = {}
    for row in session.execute(select(_S)).mappings():
        imported = dt.date.fromisoformat(row["imported"]) if row["imported"] else None
        label = source_label(row["kind"], row["name"], row["version"], row["created"], imported)
        shown = "demo" if row["kind"] == "demo" else row["name"]
        out[row["id"]] = (shown, row["kind"], label)
    return out


def _query():
    return (select(_P, _U.c.stars, _U.c.notes, _U.c.tags, _U.c.status, _U.c.status_dates)
            .select_from(_P.outerjoin(_U, _U.c.program_key == _P.c.match_key)))


def _to_program(row: Any, labels: dict[int, tuple[str, str, str]]) -> Program:
    r = row._asdict()  # one C-level copy: dict lookups are several times faster than Row's
    shown, _kind, label = labels[r["source_id"]]
    provenance = {name: label for name in PACK_FIELDS if r[name] not in (None, "")}
    if r["provenance"] != "{}":
        provenance.update(json.loads(r["provenance"]))
    return Program(
        program_id=r["id"], acgme_id=r["acgme_id"], name=r["name"],
        institution=r["institution"], specialty=r["specialty"], city=r["city"],
        state=r["state"], latitude=r["latitude"], longitude=r["longitude"],
        setting=r["setting"], track=r["track"], positions=r["positions"],
        share_md=r["share_md"], share_do=r["share_do"], share_img=r["share_img"],
        visa_j1=r["visa_j1"], visa_h1b=r["visa_h1b"], min_step2=r["min_step2"],
        typical_step2=r["typical_step2"], interviews_per_year=r["interviews_per_year"],
        signals_accepted=r["signals_accepted"], website=r["website"],
        reputation=r["reputation"], grad_year_cutoff=r["grad_year_cutoff"],
        max_failed_attempts=r["max_failed_attempts"], source=shown,
        is_demo=bool(r["is_demo"]), provenance=provenance, stars=r["stars"] or 0,
        notes=r["notes"] or "", tags=json.loads(r["tags"]) if r["tags"] else [],
        status=r["status"] or "considering",
        status_dates=json.loads(r["status_dates"]) if r["status_dates"] else {},
    )


#: Rows read between two calls of ``load_programs``' ``between`` (a few milliseconds of work).
CHUNK_ROWS = 100


def load_programs(session: Session, *, specialty: str | None = None,
                  state: str | None = None,
                  between: Callable[[], None] | None = None) -> list[Program]:
    """All programs (optionally of one specialty and/or state), ordered by specialty and name.

    ``between()``, if given, is called after every CHUNK_ROWS rows: a worker thread pauses
    there so that the GUI thread gets the interpreter (and may raise there to stop)."""
    labels = _labels(session)
    query = _query()
    if specialty:
        query = query.where(_P.c.specialty == specialty)
    if state:
        query = query.where(_P.c.state == state.upper())
    query = query.order_by(_P.c.specialty, _P.c.name, _P.c.id)
    if between is None:
        return [_to_program(row, labels) for row in session.execute(query)]
    out: list[Program] = []
    for rows in session.execute(query).partitions(CHUNK_ROWS):
        out.extend(_to_program(row, labels) for row in rows)
        between()
    return out


def load_programs_where(session: Session, *, ids: Iterable[int] = (),
                        tracked: bool = False) -> list[Program]:
    """Programs with the given ids, plus (``tracked``) every program whose status is past
    "considering" — without reading the whole catalog."""
    from sqlalchemy import or_

    wanted = [int(i) for i in ids]
    conditions = []
    if wanted:
        conditions.append(_P.c.id.in_(wanted))
    if tracked:
        conditions.append(_U.c.status.is_not(None) & (_U.c.status != "considering"))
    if not conditions:
        return []
    labels = _labels(session)
    query = _query().where(or_(*conditions)).order_by(_P.c.specialty, _P.c.name, _P.c.id)
    return [_to_program(row, labels) for row in session.execute(query)]


def get_program(session: Session, program_id: int) -> Program | None:
    row = session.execute(_query().where(_P.c.id == program_id)).first()
    return None if row is None else _to_program(row, _labels(session))


def count_programs(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(_P)) or 0


def _user_row(session: Session, program_id: int) -> ProgramUser:
    """The user row of a program (by its stable match key), created on first use."""
    key = session.scalar(select(_P.c.match_key).where(_P.c.id == program_id))
    if key is None:
        raise InputError(f"Program {program_id} is not in the catalog.")
    row = session.get(ProgramUser, key)
    if row is None:
        row = ProgramUser(program_key=key, stars=0, notes="", tags="[]",
                          status="considering", status_dates="{}")
        session.add(row)
    return row


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise InputError(f"Status '{status}' is not one of: {', '.join(STATUSES)}.")


def set_status(session: Session, program_ids: Iterable[int], status: str,
               today: dt.date | None = None) -> None:
    """Set the status of programs, recording the date each status was first set."""
    _check_status(status)
    day = (today or dt.date.today()).isoformat()
    for program_id in program_ids:
        row = _user_row(session, program_id)
        if row.status != status:
            dates = json.loads(row.status_dates or "{}")
            dates[status] = day
            row.status, row.status_dates = status, json.dumps(dates, sort_keys=True)
    session.flush()


def set_status_date(session: Session, program_id: int, status: str, day: dt.date) -> None:
    """Record (or correct) the date a program reached ``status``."""
    _check_status(status)
    row = _user_row(session, program_id)
    dates = json.loads(row.status_dates or "{}")
    dates[status] = day.isoformat()
    row.status_dates = json.dumps(dates, sort_keys=True)
    session.flush()


def update_user_fields(session: Session, program_id: int, *, stars: int | None = None,
                       notes: str | None = None, tags: list[str] | str | None = None,
                       status: str | None = None, today: dt.date | None = None) -> None:
    """Change the student's fields of one program (None leaves a field as it is)."""
    if stars is not None and (isinstance(stars, bool) or not isinstance(stars, int)
                              or not 0 <= stars <= MAX_STARS):
        raise InputError(f"Stars must be a whole number from 0 to {MAX_STARS}.")
    if notes is not None and len(notes) > MAX_NOTES:
        raise InputError(f"Notes must be at most {MAX_NOTES:,} characters.")
    if status is not None:
        _check_status(status)
    row = _user_row(session, program_id)
    if stars is not None:
        row.stars = stars
    if notes is not None:
        row.notes = notes
    if tags is not None:
        row.tags = json.dumps(normalise_tags(tags), ensure_ascii=False)
    session.flush()
    if status is not None:
        set_status(session, [program_id], status, today)


def save_program(session: Session, program: Program, today: dt.date | None = None) -> int:
    """Add a program entered by hand, or save the student's edits of one; return its id.

    Edited fields are marked "Entered by you" in the provenance; user fields are kept.
    """
    from smartpick_desktop.core.catalog.records import check_record
    from smartpick_desktop.core.catalog.writer import add_coordinates, get_or_create_source

    record, problems = check_record(program.pack_values())
    if problems:
        name, reason = problems[0]
        raise InputError(f"{PACK_FIELDS.get(name, name)} {reason}.")
    day = (today or dt.date.today()).isoformat()
    mark = f"{ENTERED_BY_YOU} ({day})"
    if program.program_id is None:
        source = session.scalar(select(CatalogSource).where(CatalogSource.name == USER_SOURCE))
        if source is None:
            source = get_or_create_source(session, name=USER_SOURCE, kind="user")
        provenance = {name: mark for name, value in record.items() if value not in (None, "")}
        coords: dict[str, str] = {}
        add_coordinates(record, coords)
        provenance.update(coords)
        row = ProgramRow(source_id=source.id, is_demo=False,
                         provenance=json.dumps(provenance, sort_keys=True),
                         match_key=match_key(record["acgme_id"], record["name"],
                                             record["specialty"], record["city"],
                                             record["state"]), **record)
        session.add(row)
        session.flush()
        return row.id
    row = session.get(ProgramRow, program.program_id)
    if row is None:
        raise InputError(f"Program {program.program_id} is not in the catalog.")
    provenance = json.loads(row.provenance or "{}")
    moved = (record["city"], record["state"]) != (row.city, row.state)
    if moved and (record["latitude"], record["longitude"]) == (row.latitude, row.longitude):
        record["latitude"] = record["longitude"] = None
        coords = {}
        add_coordinates(record, coords)
        provenance.update(coords)
    for name, value in record.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            if name not in ("latitude", "longitude") or not moved:
                provenance[name] = mark
    new_key = match_key(row.acgme_id, row.name, row.specialty, row.city, row.state)
    if new_key != row.match_key:
        _move_user_fields(session, row.match_key, new_key)
        row.match_key = new_key
    row.provenance = json.dumps(provenance, sort_keys=True)
    session.flush()
    return row.id


def _move_user_fields(session: Session, old_key: str, new_key: str) -> None:
    """Re-key a program's user fields after an edit changed its identity (name, place, ID),
    unless another program sharing the old key still uses them or the new key has its own."""
    shared = session.scalar(select(func.count()).select_from(_P)
                            .where(_P.c.match_key == old_key)) or 0
    if shared > 1 or session.get(ProgramUser, new_key) is not None:
        return
    session.execute(_U.update().where(_U.c.program_key == old_key)
                    .values(program_key=new_key))


def delete_programs(session: Session, program_ids: Iterable[int], *,
                    keep_user_fields: bool = False) -> int:
    """Delete programs; return how many were deleted.

    Their user fields are deleted too (unless another program has the same key), or kept with
    ``keep_user_fields`` so that importing the program again brings them back.
    """
    ids = list(program_ids)
    done = 0
    keys: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        if not keep_user_fields:
            keys.update(session.scalars(select(_P.c.match_key).where(_P.c.id.in_(chunk))))
        done += session.execute(delete(_P).where(_P.c.id.in_(chunk)),
                                execution_options={"synchronize_session": False}).rowcount
    ordered = sorted(keys)
    for start in range(0, len(ordered), 500):
        chunk = set(ordered[start:start + 500])
        chunk -= set(session.scalars(select(_P.c.match_key).where(_P.c.match_key.in_(chunk))))
        session.execute(delete(_U).where(_U.c.program_key.in_(sorted(chunk))),
                        execution_options={"synchronize_session": False})
    return done


def catalog_is_demo_only(session: Session) -> bool:
    """True when every program in the catalog comes from the demo pack (and there is one)."""
    kinds = {source.kind for source in list_sources(session) if source.programs}
    return kinds == {"demo"}


def list_sources(session: Session) -> list[SourceInfo]:
    """Every catalog source with its program count, demo first then by name."""
    counts = dict(session.execute(select(_P.c.source_id, func.count())
                                  .group_by(_P.c.source_id)).all())
    labels = _labels(session)
    out = []
    for row in session.execute(select(_S)).mappings():
        out.append(SourceInfo(id=row["id"], name=row["name"], kind=row["kind"],
                              version=row["version"], season=row["season"],
                              created=row["created"], publisher=row["publisher"],
                              licence=row["licence"], imported=row["imported"],
                              programs=counts.get(row["id"], 0), label=labels[row["id"]][2]))
    return sorted(out, key=lambda s: (s.kind != "demo", s.name.casefold()))


def remove_source(session: Session, source_id: int) -> int:
    """Remove a source and its programs; return the program count.

    The student's fields (stars, notes, tags, status) are kept under each program's stable key,
    so importing the pack or file again gives them back. Removing the demo pack is remembered,
    so it is not loaded again at the next start.
    """
    from smartpick_desktop.core.catalog.demo import mark_demo_removed

    source = session.get(CatalogSource, source_id)
    if source is None:
        raise InputError(f"Data source {source_id} does not exist.")
    ids = session.scalars(select(_P.c.id).where(_P.c.source_id == source_id)).all()
    removed = delete_programs(session, ids, keep_user_fields=True)
    if source.kind == "demo":
        mark_demo_removed(session)
    session.delete(source)
    session.flush()
    return removed


def ensure_demo_pack(session: Session) -> None:
    """Load the shipped demo pack on first start (idempotent; one query once loaded)."""
    from smartpick_desktop.core.catalog.demo import ensure_demo_pack as ensure

    ensure(session)
