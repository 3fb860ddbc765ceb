"""The student's action checklist (items added from articles or by hand), shown in the plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.store.settings import get_setting, set_setting

_KEY = "checklist"
MAX_TEXT = 300


@dataclass
class ChecklistItem:
    """One action: ``origin`` says where it came from (e.g. "Article: Asking for letters")."""

    id: int
    text: str
    origin: str
    added: str  # ISO date
    done: bool = False


def list_items(session: Session) -> list[ChecklistItem]:
    return [ChecklistItem(**raw) for raw in get_setting(session, _KEY, [])]


def add_item(session: Session, text: str, origin: str, today: dt.date | None = None
             ) -> ChecklistItem:
    """Add an item unless the same text is already on the list; return the item."""
    text = " ".join(text.split())
    if not text:
        raise InputError("A checklist item needs some text.")
    if len(text) > MAX_TEXT:
        raise InputError(f"A checklist item must be at most {MAX_TEXT} characters.")
    items = list_items(session)
    for item in items:
        if item.text.casefold() == text.casefold():
            return item
    item = ChecklistItem(id=max((i.id for i in items), default=0) + 1, text=text, origin=origin,
                         added=(today or dt.date.today()).isoformat())
    _save(session, [*items, item])
    return item


def set_done(session: Session, item_id: int, done: bool) -> None:
    items = list_items(session)
    for item in items:
        if item.id == item_id:
            item.done = done
    _save(session, items)


def remove_item(session: Session, item_id: int) -> None:
    _save(session, [i for i in list_items(session) if i.id != item_id])


def _save(session: Session, items: list[ChecklistItem]) -> None:
    set_setting(session, _KEY, [asdict(i) for i in items])
