"""Import and export of contacts by file type (.vcf or .csv), with de-duplication."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import (
    Contact,
    add_contact,
    dedupe_key,
    list_contacts,
    update_contact,
    validate,
)

FORMATS = {".vcf": "vCard", ".vcard": "vCard", ".csv": "CSV"}
#: Fields an import fills in on an existing contact when they are empty there.
_MERGED = ("email", "phone", "institution", "title", "specialty", "how_met", "where_met", "notes")


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int

    def describe(self, path: Path) -> str:
        return (f"Imported {path.name}: {self.added} added, {self.updated} updated, "
                f"{self.unchanged} already there.")


def _format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: unknown contact file type {suffix or '(none)'!r}; use .vcf "
                         "or .csv.")
    return suffix


def read_contacts_file(path: Path) -> list[Contact]:
    """Parse and validate every contact of a .vcf or .csv file (the store is not touched)."""
    suffix = _format(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist or is not a file.")
    if suffix == ".csv":
        from smartpick_desktop.core.mentors.csvio import read_csv

        return read_csv(path)
    from smartpick_desktop.core.mentors.vcard import read_vcards

    contacts = read_vcards(path)
    for number, contact in enumerate(contacts, 1):
        validate(contact, f"{path} card {number}")
    return contacts


def import_contacts(session: Session, contacts: list[Contact]) -> ImportResult:
    """Add new contacts; merge ones already known (same e-mail, else same name) by filling
    their empty fields and adding new tags."""
    existing = {dedupe_key(c): c for c in list_contacts(session)}
    by_name = {"name:" + " ".join(c.name.casefold().split()): c for c in existing.values()}
    added = updated = unchanged = 0
    for incoming in contacts:
        key = dedupe_key(incoming)
        known = existing.get(key)
        if known is None:
            same_name = by_name.get("name:" + " ".join(incoming.name.casefold().split()))
            if same_name is not None and not (same_name.email and incoming.email):
                known = same_name
        if known is None:
            saved = add_contact(session, incoming)
            existing[key] = saved
            by_name["name:" + " ".join(saved.name.casefold().split())] = saved
            added += 1
            continue
        changed = False
        for name in _MERGED:
            if not getattr(known, name) and getattr(incoming, name):
                setattr(known, name, getattr(incoming, name))
                changed = True
        new_tags = [t for t in incoming.tags if t.casefold() not in
                    {k.casefold() for k in known.tags}]
        if new_tags:
            known.tags = [*known.tags, *new_tags]
            changed = True
        if changed:
            update_contact(session, known)
            updated += 1
        else:
            unchanged += 1
    return ImportResult(added, updated, unchanged)


def import_file(session: Session, path: Path) -> ImportResult:
    """Read, validate, then import a whole file in the caller's transaction."""
    return import_contacts(session, read_contacts_file(path))


def export_file(session: Session, path: Path) -> int:
    """Write every contact to ``path`` (.vcf or .csv); return how many."""
    suffix = _format(path)
    contacts = list_contacts(session)
    try:
        if suffix == ".csv":
            from smartpick_desktop.core.mentors.csvio import write_csv

            write_csv(contacts, path)
        else:
            from smartpick_desktop.core.mentors.vcard import write_vcards

            write_vcards(contacts, path)
    except OSError as err:
        raise InputError(f"{path} cannot be written: {err.strerror}.") from err
    return len(contacts)
