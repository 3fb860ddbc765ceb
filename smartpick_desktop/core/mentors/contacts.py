"""Contacts: the people a student builds relationships with (PRODUCT.md section 8)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.tables import ContactRow
from smartpick_desktop.core.textio import check_text

ROLES: dict[str, str] = {
    "faculty": "Faculty",
    "resident": "Resident",
    "attending": "Attending",
    "program_director": "Program director",
    "peer": "Peer or near-peer",
    "other": "Other",
}
STAGES: dict[str, str] = {
    "new": "New",
    "reached_out": "Reached out",
    "connected": "Connected",
    "mentor": "Mentor",
    "letter_writer": "Letter writer",
    "dormant": "Dormant",
}
#: Stages whose relationships the check-in rule watches.
MENTOR_STAGES = frozenset({"mentor", "letter_writer"})
#: Free-text fields of a contact, with their maximum length.
TEXT_FIELDS: dict[str, int] = {
    "name": 200, "specialty": 120, "institution": 200, "title": 200, "email": 320, "phone": 80,
    "how_met": 200, "where_met": 200, "notes": 10_000,
}


EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def looks_like_email(text: str) -> bool:
    """True for name@domain.tld (a domain without a dot, like name@osumc, is refused)."""
    return EMAIL.fullmatch(text.strip()) is not None


@dataclass
class Contact:
    """A contact as the UI, CLI and importers see it (``id`` None before saving)."""

    name: str
    id: int | None = None
    role: str = "other"
    specialty: str = ""
    institution: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    how_met: str = ""
    where_met: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    stage: str = "new"
    follow_up_on: dt.date | None = None
    follow_up_note: str = ""
    created: dt.date | None = None

    def first_name(self) -> str:
        parts = [p for p in self.name.replace(",", " ").split() if p.rstrip(".").casefold()
                 not in _HONORIFICS]
        return parts[0] if parts else self.name

    def last_name(self) -> str:
        parts = [p for p in self.name.replace(",", " ").split() if p.rstrip(".").casefold()
                 not in _HONORIFICS | _SUFFIXES]
        return parts[-1] if parts else self.name


_HONORIFICS = {"dr", "mr", "mrs", "ms", "miss", "prof", "professor", "mx"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "md", "do", "phd", "mph", "facp", "mba"}


def dedupe_key(contact: Contact) -> str:
    """Import identity: the e-mail address (case-insensitive), else the folded name."""
    if contact.email.strip():
        return "email:" + contact.email.strip().casefold()
    return "name:" + " ".join(contact.name.casefold().split())


def normalize_tags(tags: Iterable[str] | str) -> list[str]:
    """Split on commas, trim, drop blanks and duplicates (keeping the first spelling)."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: dict[str, str] = {}
    for tag in tags:
        tag = " ".join(str(tag).split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def validate(contact: Contact, where: str = "The contact") -> Contact:
    """Check and tidy a contact in place; raise InputError naming ``where`` and the field."""
    for name, limit in TEXT_FIELDS.items():
        value = getattr(contact, name)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InputError(f'{where}: field "{name}" must be text.')
        value = value.strip() if name != "notes" else value.strip("\n")
        if len(value) > limit:
            raise InputError(f'{where}: field "{name}" is longer than {limit} characters.')
        try:
            check_text(value)
        except ValueError as err:
            raise InputError(f'{where}: field "{name}": {err}.') from None
        setattr(contact, name, value)
    if not contact.name:
        raise InputError(f"{where}: the name is missing; every contact needs a name.")
    if contact.email and not looks_like_email(contact.email):
        raise InputError(f"{where}: the e-mail {contact.email!r} is not a complete address "
                         "(it needs a name, an @ and a domain such as osumc.edu).")
    if contact.role not in ROLES:
        raise InputError(f'{where}: field "role" must be one of {", ".join(ROLES)}, '
                         f"not {contact.role!r}.")
    if contact.stage not in STAGES:
        raise InputError(f'{where}: field "stage" must be one of {", ".join(STAGES)}, '
                         f"not {contact.stage!r}.")
    contact.tags = normalize_tags(contact.tags)
    return contact


def _to_contact(row: ContactRow) -> Contact:
    return Contact(
        id=row.id, name=row.name, role=row.role, specialty=row.specialty,
        institution=row.institution, title=row.title, email=row.email, phone=row.phone,
        how_met=row.how_met, where_met=row.where_met, tags=json.loads(row.tags or "[]"),
        notes=row.notes, stage=row.stage, follow_up_on=row.follow_up_on,
        follow_up_note=row.follow_up_note, created=row.created,
    )


def _fill_row(row: ContactRow, contact: Contact) -> None:
    for name in TEXT_FIELDS:
        setattr(row, name, getattr(contact, name))
    row.role = contact.role
    row.stage = contact.stage
    row.tags = json.dumps(contact.tags, ensure_ascii=False)


def add_contact(session: Session, contact: Contact, today: dt.date | None = None) -> Contact:
    """Validate and save a new contact; return it with its id."""
    validate(contact)
    row = ContactRow(created=contact.created or today or dt.date.today(), follow_up_note="")
    _fill_row(row, contact)
    session.add(row)
    session.flush()
    return _to_contact(row)


def update_contact(session: Session, contact: Contact) -> Contact:
    """Save the editable fields of an existing contact."""
    row = _row(session, contact.id)
    validate(contact)
    _fill_row(row, contact)
    session.flush()
    return _to_contact(row)


def get_contact(session: Session, contact_id: int) -> Contact | None:
    row = session.get(ContactRow, contact_id)
    return _to_contact(row) if row else None


def list_contacts(session: Session) -> list[Contact]:
    """All contacts, by name."""
    rows = session.scalars(select(ContactRow).order_by(ContactRow.name, ContactRow.id))
    return [_to_contact(r) for r in rows]


def delete_contact(session: Session, contact_id: int) -> None:
    """Delete a contact and its interactions (its letters keep the writer's name)."""
    session.execute(delete(ContactRow).where(ContactRow.id == contact_id))


def schedule_follow_up(session: Session, contact_id: int, on: dt.date | None, note: str = "",
                       today: dt.date | None = None) -> None:
    """Set (or clear, with ``on=None``) a follow-up for a contact on a given day."""
    row = _row(session, contact_id)
    note = " ".join(note.split())
    if len(note) > 300:
        raise InputError('The follow-up: field "note" is longer than 300 characters.')
    row.follow_up_on = on
    row.follow_up_note = note if on else ""
    row.follow_up_set_on = (today or dt.date.today()) if on else None


def _row(session: Session, contact_id: int | None) -> ContactRow:
    row = session.get(ContactRow, contact_id) if contact_id is not None else None
    if row is None:
        raise InputError(f"There is no contact with id {contact_id}.")
    return row


def filter_contacts(contacts: Iterable[Contact], *, text: str = "", role: str | None = None,
                    stage: str | None = None, tag: str | None = None,
                    only_ids: Collection[int] | None = None) -> list[Contact]:
    """The contacts matching every given filter (``text``: words found in name, e-mail,
    institution, specialty, tags or notes, case-insensitive)."""
    words = text.casefold().split()
    tag_key = tag.casefold() if tag else None
    result = []
    for c in contacts:
        if role and c.role != role:
            continue
        if stage and c.stage != stage:
            continue
        if tag_key and tag_key not in (t.casefold() for t in c.tags):
            continue
        if only_ids is not None and c.id not in only_ids:
            continue
        if words:
            hay = search_text(c)
            if not all(w in hay for w in words):
                continue
        result.append(c)
    return result


def search_text(c: Contact) -> str:
    """The folded text a search looks in."""
    return " ".join((c.name, c.email, c.institution, c.specialty, c.title, c.how_met,
                     c.where_met, " ".join(c.tags), c.notes)).casefold()
