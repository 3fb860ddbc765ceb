"""Letters of recommendation: who writes, when they are due, where each one stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.tables import ContactRow, LetterRow

LETTER_STATUSES: dict[str, str] = {
    "asked": "Asked",
    "agreed": "Agreed",
    "submitted": "Submitted (letter portal)",
    "thank_you_sent": "Thank-you sent",
}
#: Statuses of a letter that is not written yet.
OPEN_STATUSES = frozenset({"asked", "agreed"})

#: How many letters programs usually expect, and where that comes from.
DEFAULT_LETTERS_EXPECTED = 3
LETTERS_SOURCE = ("Convention: ERAS lets an applicant assign up to four letters to each program "
                  "and most programs ask for three; check each program's own requirement.")
#: Specialties whose programs expect a standardised letter, with what it is called.
STANDARDIZED_LETTERS: dict[str, str] = {
    "Emergency Medicine": "SLOE (Standardized Letter of Evaluation) from an EM rotation",
    "Orthopaedic Surgery": "Standardized letter of recommendation (SLOR)",
    "Otolaryngology": "Standardized letter of recommendation",
    "Dermatology": "Standardized letter of recommendation",
    "Plastic Surgery": "Standardized letter of recommendation",
}


@dataclass
class Letter:
    """A letter of recommendation, as the plan and Home read it."""

    id: int
    writer: str
    contact_id: int | None
    requested: dt.date | None
    due: dt.date | None
    status: str  # asked | agreed | submitted | thank_you_sent
    specialty: str | None
    standardized: bool
    notes: str

    @property
    def status_label(self) -> str:
        return LETTER_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def letters_expected(specialty: str) -> int:
    """How many letters programs of ``specialty`` usually expect (see ``LETTERS_SOURCE``)."""
    return DEFAULT_LETTERS_EXPECTED


def standardized_letter(specialty: str | None) -> str | None:
    """The standardised letter the specialty expects, if any."""
    return STANDARDIZED_LETTERS.get(specialty or "")


def list_letters(session: Session) -> list[Letter]:
    """All letters, open ones first, then by due date."""
    rows = session.scalars(select(LetterRow))
    letters = [_to_letter(r) for r in rows]
    return sorted(letters, key=lambda x: (not x.is_open, x.due or dt.date.max, x.writer.casefold(),
                                          x.id))


def add_letter(session: Session, writer: str, *, contact_id: int | None = None,
               requested: dt.date | None = None, due: dt.date | None = None,
               status: str = "asked", specialty: str | None = None, standardized: bool = False,
               notes: str = "") -> Letter:
    """Record a letter; ``writer`` defaults to the contact's name when empty."""
    if contact_id is not None:
        contact = session.get(ContactRow, contact_id)
        if contact is None:
            raise InputError(f"There is no contact with id {contact_id}.")
        writer = writer.strip() or contact.name
    row = LetterRow(writer="", notes="")
    _fill(row, writer, contact_id, requested, due, status, specialty, standardized, notes)
    session.add(row)
    session.flush()
    return _to_letter(row)


def update_letter(session: Session, letter: Letter) -> Letter:
    row = session.get(LetterRow, letter.id)
    if row is None:
        raise InputError(f"There is no letter with id {letter.id}.")
    _fill(row, letter.writer, letter.contact_id, letter.requested, letter.due, letter.status,
          letter.specialty, letter.standardized, letter.notes)
    session.flush()
    return _to_letter(row)


def set_letter_status(session: Session, letter_id: int, status: str) -> None:
    row = session.get(LetterRow, letter_id)
    if row is None:
        raise InputError(f"There is no letter with id {letter_id}.")
    _check_status(status)
    row.status = status


def delete_letter(session: Session, letter_id: int) -> None:
    session.execute(delete(LetterRow).where(LetterRow.id == letter_id))


def _check_status(status: str) -> None:
    if status not in LETTER_STATUSES:
        raise InputError(f'The letter: field "status" must be one of '
                         f'{", ".join(LETTER_STATUSES)}, not {status!r}.')


def _fill(row: LetterRow, writer: str, contact_id: int | None, requested: dt.date | None,
          due: dt.date | None, status: str, specialty: str | None, standardized: bool,
          notes: str) -> None:
    writer = " ".join((writer or "").split())
    if not writer:
        raise InputError("The letter: the writer's name is missing; say who writes it.")
    if len(writer) > 200:
        raise InputError('The letter: field "writer" is longer than 200 characters.')
    _check_status(status)
    if requested is not None and due is not None and due < requested:
        raise InputError(f"The letter: the due date {due.isoformat()} is before the date it was "
                         f"requested ({requested.isoformat()}).")
    row.writer = writer
    row.contact_id = contact_id
    row.requested = requested
    row.due = due
    row.status = status
    row.specialty = (specialty or "").strip() or None
    row.standardized = bool(standardized)
    row.notes = notes or ""


def _to_letter(row: LetterRow) -> Letter:
    return Letter(row.id, row.writer, row.contact_id, row.requested, row.due, row.status,
                  row.specialty, bool(row.standardized), row.notes)
