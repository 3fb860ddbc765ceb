"""Small JSON settings kept in the store (follow-up rules, current plan options, …)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from smartpick_desktop.core.store.base import Base


class Setting(Base):
    """One named setting; ``value`` is JSON text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    """Return the decoded value of ``key``, or ``default`` when it is not set."""
    raw = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if raw is None else json.loads(raw)


def set_setting(session: Session, key: str, value: Any) -> None:
    """Store ``value`` (anything JSON can hold) under ``key``."""
    session.merge(Setting(key=key, value=json.dumps(value, sort_keys=True)))
