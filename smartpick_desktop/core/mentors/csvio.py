"""CSV import and export of contacts (formula cells neutralised on export)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.files import write_atomic
from smartpick_desktop.core.mentors.contacts import Contact, validate
from smartpick_desktop.core.mentors.vcard import read_text

COLUMNS = ("name", "email", "phone", "organization", "title", "role", "specialty", "stage",
           "tags", "how_met", "where_met", "notes")
#: Header spellings accepted on import (folded) -> column.
ALIASES = {
    "name": "name", "full name": "name", "fn": "name",
    "email": "email", "e-mail": "email", "email address": "email", "e-mail address": "email",
    "phone": "phone", "telephone": "phone", "mobile": "phone",
    "organization": "organization", "organisation": "organization", "institution": "organization",
    "company": "organization",
    "title": "title", "job title": "title", "role": "role", "specialty": "specialty",
    "stage": "stage", "tags": "tags", "how_met": "how_met", "how met": "how_met",
    "where_met": "where_met", "where met": "where_met", "notes": "notes", "note": "notes",
}
#: A spreadsheet runs a cell starting with these as a formula (TAB and CR too: some strip them).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with an apostrophe."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def unneutralize(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


def write_csv(contacts: list[Contact], path: Path) -> None:
    write_atomic(path, csv_text(contacts), "Contacts file", encoding="utf-8-sig")


def csv_text(contacts: list[Contact]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in contacts:
        values = (c.name, c.email, c.phone, c.institution, c.title, c.role, c.specialty, c.stage,
                  ", ".join(c.tags), c.how_met, c.where_met, c.notes)
        writer.writerow([neutralize(v) for v in values])
    return buffer.getvalue()


def read_csv(path: Path) -> list[Contact]:
    """Parse a contacts CSV (header row required, a "name" or "email" column).

    Raises:
        InputError: naming the file, row and column of the first problem.
    """
    text = read_text(path)
    if not text.strip():
        raise InputError(f"{path} is empty.")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as err:
        raise InputError(f"{path} is not a readable CSV file: {err}.") from err
    header = [ALIASES.get(" ".join(h.casefold().split())) for h in rows[0]]
    if "name" not in header and "email" not in header:
        raise InputError(f"{path} row 1: the header needs a \"name\" or \"email\" column "
                         f"(found {', '.join(rows[0]) or 'nothing'}).")
    contacts = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(f"{path} row {number}: {len(row)} cells but the header has "
                             f"{len(header)} columns.")
        values = {col: unneutralize(cell) for col, cell in zip(header, row, strict=False)
                  if col}
        contact = Contact(
            name=values.get("name", "").strip() or values.get("email", "").strip(),
            email=values.get("email", ""), phone=values.get("phone", ""),
            institution=values.get("organization", ""), title=values.get("title", ""),
            role=(values.get("role", "").strip() or "other").lower(),
            specialty=values.get("specialty", ""),
            stage=(values.get("stage", "").strip() or "new").lower(),
            tags=values.get("tags", ""), how_met=values.get("how_met", ""),
            where_met=values.get("where_met", ""), notes=values.get("notes", ""),
        )
        validate(contact, f"{path} row {number}")
        contacts.append(contact)
    return contacts
