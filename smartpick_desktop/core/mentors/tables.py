"""The mentors tables: contacts, interactions and letters of recommendation (migration 0005)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smartpick_desktop.core.store.base import Base


class ContactRow(Base):
    """One person the student knows; ``tags`` is a JSON list of strings."""

    __tablename__ = "mentor_contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40), default="other")
    specialty: Mapped[str] = mapped_column(String(120), default="")
    institution: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(80), default="")
    how_met: Mapped[str] = mapped_column(String(200), default="")
    where_met: Mapped[str] = mapped_column(String(200), default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(40), default="new")
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    follow_up_note: Mapped[str] = mapped_column(String(300), default="")
    follow_up_set_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created: Mapped[dt.date] = mapped_column(Date)


class InteractionRow(Base):
    """One dated event with a contact (meeting, email sent, …); ``template`` if one was used."""

    __tablename__ = "mentor_interactions"
    __table_args__ = (Index("ix_mentor_interactions_contact_kind_date", "contact_id", "kind",
                            "date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("mentor_contacts.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    template: Mapped[str] = mapped_column(String(40), default="")


class LetterRow(Base):
    """One letter of recommendation being asked for, written or thanked for."""

    __tablename__ = "mentor_letters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    writer: Mapped[str] = mapped_column(String(200))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("mentor_contacts.id", ondelete="SET NULL"), nullable=True)
    requested: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="asked")
    specialty: Mapped[str | None] = mapped_column(String(120), nullable=True)
    standardized: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
