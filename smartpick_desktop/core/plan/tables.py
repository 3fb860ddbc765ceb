"""Tables of the steered plan (migration 0008): locks, undo steps, program deadlines and
checklist items, interviews and the student's interview criteria."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smartpick_desktop.core.catalog import tables as _catalog_tables  # noqa: F401 - "programs"
from smartpick_desktop.core.store.base import Base


class PlanLockRow(Base):
    """A program the student locked in ("in": always on the list) or out ("out": never)."""

    __tablename__ = "plan_locks"
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"),
                                            primary_key=True)
    mode: Mapped[str] = mapped_column(String(3))


class PlanUndoRow(Base):
    """The list as it was before one edit (JSON: program_ids, signals, locks)."""

    __tablename__ = "plan_undo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime)
    label: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(Text)


class ProgramTaskRow(Base):
    """A program's own deadline or supplemental-application item, as a checklist entry."""

    __tablename__ = "program_tasks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class InterviewRow(Base):
    """An invitation: offered dates, the chosen one, travel days, notes and scores."""

    __tablename__ = "interviews"
    program_id: Mapped[int] = mapped_column(ForeignKey("programs.id", ondelete="CASCADE"),
                                            primary_key=True)
    invited_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    offered: Mapped[str] = mapped_column(Text, default="[]")   # ISO dates
    chosen: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    travel_days: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    scores: Mapped[str] = mapped_column(Text, default="{}")    # criterion id -> 1..5


class CriterionRow(Base):
    """One of the student's own interview criteria (e.g. location), with a weight 1–5."""

    __tablename__ = "interview_criteria"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    weight: Mapped[int] = mapped_column(Integer, default=3)
    position: Mapped[int] = mapped_column(Integer, default=0)
