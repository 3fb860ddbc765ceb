"""Interactions: the dated log of meetings and e-mails with each contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.tables import ContactRow, InteractionRow

KINDS: dict[str, str] = {
    "meeting": "Meeting",
    "office_hours": "Office hours",
    "shadowing": "Shadowing",
    "research_meeting": "Research meeting",
    "conference": "Met at a conference or event",
    "email_sent": "E-mail sent",
    "thank_you": "Thank-you e-mail sent",
    "email_received": "E-mail received",
    "call": "Call",
    "other": "Other",
}
#: Kinds after which a thank-you is due.
MEETING_KINDS = frozenset({"meeting", "office_hours", "shadowing", "research_meeting"})
#: Kinds that count towards the weekly outreach goal.
OUTREACH_KINDS = frozenset({"email_sent", "thank_you"})


@dataclass(frozen=True)
class Interaction:
    id: int
    contact_id: int
    date: dt.date
    kind: str
    notes: str = ""
    template: str = ""

    @property
    def label(self) -> str:
        return KINDS.get(self.kind, self.kind)


def log_interaction(session: Session, contact_id: int, kind: str, on: dt.date, notes: str = "",
                    template: str = "") -> Interaction:
    """Add one interaction; an outgoing contact on or after a scheduled follow-up's day of
    scheduling clears that follow-up."""
    if kind not in KINDS:
        raise InputError(f'The interaction: field "kind" must be one of {", ".join(KINDS)}, '
                         f"not {kind!r}.")
    if not isinstance(on, dt.date):
        raise InputError('The interaction: field "date" must be a date.')
    contact = session.get(ContactRow, contact_id)
    if contact is None:
        raise InputError(f"There is no contact with id {contact_id}.")
    row = InteractionRow(contact_id=contact_id, date=on, kind=kind, notes=notes.strip(),
                         template=template)
    session.add(row)
    if (contact.follow_up_on is not None and kind != "email_received"
            and contact.follow_up_set_on is not None and on >= contact.follow_up_set_on):
        contact.follow_up_on = None
        contact.follow_up_note = ""
        contact.follow_up_set_on = None
    if contact.stage == "new" and kind in OUTREACH_KINDS:
        contact.stage = "reached_out"
    elif contact.stage in ("new", "reached_out") and kind in MEETING_KINDS | {"call"}:
        contact.stage = "connected"
    session.flush()
    return _to_interaction(row)


def list_interactions(session: Session, contact_id: int) -> list[Interaction]:
    """One contact's interactions, newest first."""
    rows = session.scalars(select(InteractionRow).where(InteractionRow.contact_id == contact_id)
                           .order_by(InteractionRow.date.desc(), InteractionRow.id.desc()))
    return [_to_interaction(r) for r in rows]


def _to_interaction(row: InteractionRow) -> Interaction:
    return Interaction(row.id, row.contact_id, row.date, row.kind, row.notes, row.template)
