"""The article tables (migration 0004). The FTS5 index ``articles_fts`` and its triggers are
created by the migration only: it is an external-content index over ``articles``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smartpick_desktop.core.store.base import Base


class ArticleRow(Base):
    """One article. ``body`` is Markdown, sanitised HTML or text (``fmt``); ``plain`` is what
    search indexes; ``tags`` is a JSON list."""

    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(String(20))  # bundled | imported
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    reading_time: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    fmt: Mapped[str] = mapped_column(String(10))  # markdown | html | text
    body: Mapped[str] = mapped_column(Text)
    plain: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime)


class BookmarkRow(Base):
    """A saved place in an article: ``position`` is the scroll fraction 0..1."""

    __tablename__ = "article_bookmarks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime)


class HighlightRow(Base):
    """A highlighted passage: character offsets in the reader's text plus the quoted text, so it
    can be found again if the offsets drift; ``note`` is the student's note (may be empty)."""

    __tablename__ = "article_highlights"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime)


class ProgressRow(Base):
    """How far the student has read: the scroll fraction 0..1 of the last visit."""

    __tablename__ = "article_progress"
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    position: Mapped[float] = mapped_column(Float)
    updated: Mapped[dt.datetime] = mapped_column(DateTime)
