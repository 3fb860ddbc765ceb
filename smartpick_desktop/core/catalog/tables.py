"""The catalog's tables: sources (packs and imported files), programs, and user fields.

User fields (stars, notes, tags, status) live in ``program_user``, apart from the pack data in
``programs``, keyed by the program's stable match key (ACGME ID, else name + specialty + city +
state), so a pack update never touches them and removing a pack then importing it again (or a
newer version) gives the student's fields back.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smartpick_desktop.core.store.base import Base


class CatalogSource(Base):
    """Where programs came from: a data pack, the demo pack, an imported file, or the user.

    ``kind``: ``demo`` | ``pack`` | ``file`` | ``user``; ``name`` is unique (a pack's name, a
    file's name, or ``user``); ``imported`` is the ISO date of the last import.
    """

    __tablename__ = "catalog_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(10))
    version: Mapped[str] = mapped_column(String(40), default="")
    season: Mapped[str] = mapped_column(String(40), default="")
    created: Mapped[str] = mapped_column(String(40), default="")
    publisher: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[str] = mapped_column(Text, default="")
    imported: Mapped[str] = mapped_column(String(10), default="")


class ProgramRow(Base):
    """Pack data of one program; ``provenance`` is JSON of per-field labels that differ from
    the source's label (user edits, model estimates, coordinates from a state centroid)."""

    __tablename__ = "programs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_sources.id", ondelete="CASCADE"), index=True)
    match_key: Mapped[str] = mapped_column(String(400), index=True)
    acgme_id: Mapped[str | None] = mapped_column(String(10), nullable=True)
    name: Mapped[str] = mapped_column(String(300))
    institution: Mapped[str] = mapped_column(String(300), default="")
    specialty: Mapped[str] = mapped_column(String(100), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    state: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    setting: Mapped[str | None] = mapped_column(String(30), nullable=True)
    track: Mapped[str | None] = mapped_column(String(20), nullable=True)
    positions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    share_md: Mapped[float | None] = mapped_column(Float, nullable=True)
    share_do: Mapped[float | None] = mapped_column(Float, nullable=True)
    share_img: Mapped[float | None] = mapped_column(Float, nullable=True)
    visa_j1: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    visa_h1b: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    min_step2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    typical_step2: Mapped[int | None] = mapped_column(Integer, nullable=True)
    interviews_per_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    signals_accepted: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    website: Mapped[str] = mapped_column(String(500), default="")
    reputation: Mapped[float | None] = mapped_column(Float, nullable=True)
    grad_year_cutoff: Mapped[int | None] = mapped_column(Integer, nullable=True)
    max_failed_attempts: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    provenance: Mapped[str] = mapped_column(Text, default="{}")


class ProgramUser(Base):
    """The student's own fields of a program (a row only once something was set), keyed by
    ``programs.match_key``; a row outlives its program so a re-import finds it again."""

    __tablename__ = "program_user"
    program_key: Mapped[str] = mapped_column(String(400), primary_key=True)
    stars: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    status: Mapped[str] = mapped_column(String(20), default="considering")
    status_dates: Mapped[str] = mapped_column(Text, default="{}")
