"""Bookmarks, highlights with notes, and reading progress of articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from smartpick_desktop.core.articles.tables import (
    ArticleRow,
    BookmarkRow,
    HighlightRow,
    ProgressRow,
)
from smartpick_desktop.core.errors import InputError

MAX_NOTE = 5000
MAX_QUOTE = 5000


@dataclass
class Bookmark:
    id: int
    article_id: int
    position: float  # scroll fraction 0..1
    label: str
    created: dt.datetime


@dataclass
class Highlight:
    id: int
    article_id: int
    start: int
    end: int
    quote: str
    note: str
    created: dt.datetime


def _check_article(session: Session, article_id: int) -> None:
    if session.get(ArticleRow, article_id) is None:
        raise InputError(f"There is no article with id {article_id}.")


def _fraction(position: float, what: str) -> float:
    value = float(position)
    if not 0.0 <= value <= 1.0:
        raise InputError(f"The {what} position must be between 0 and 1 (got {value}).")
    return value


# --- bookmarks -----------------------------------------------------------------------------------

def add_bookmark(session: Session, article_id: int, position: float, label: str = ""
                 ) -> Bookmark:
    _check_article(session, article_id)
    row = BookmarkRow(article_id=article_id, position=_fraction(position, "bookmark"),
                      label=" ".join(label.split())[:200], created=dt.datetime.now())
    session.add(row)
    session.flush()
    return _bookmark(row)


def _bookmark(row: BookmarkRow) -> Bookmark:
    return Bookmark(row.id, row.article_id, float(row.position), row.label, row.created)


def list_bookmarks(session: Session, article_id: int | None = None) -> list[Bookmark]:
    query = select(BookmarkRow).order_by(BookmarkRow.article_id, BookmarkRow.position)
    if article_id is not None:
        query = query.where(BookmarkRow.article_id == article_id)
    return [_bookmark(row) for row in session.scalars(query)]


def delete_bookmark(session: Session, bookmark_id: int) -> None:
    row = session.get(BookmarkRow, bookmark_id)
    if row is not None:
        session.delete(row)


# --- highlights ----------------------------------------------------------------------------------

def add_highlight(session: Session, article_id: int, start: int, end: int, quote: str,
                  note: str = "") -> Highlight:
    """Store a highlight: ``start``/``end`` are offsets in the reader's text, ``quote`` its text."""
    _check_article(session, article_id)
    if not 0 <= start < end:
        raise InputError(f"A highlight needs 0 <= start < end (got {start}..{end}).")
    quote = quote.strip()
    if not quote:
        raise InputError("A highlight needs some selected text.")
    if len(quote) > MAX_QUOTE or len(note) > MAX_NOTE:
        raise InputError(f"A highlight can quote at most {MAX_QUOTE} characters and its note "
                         f"at most {MAX_NOTE}.")
    row = HighlightRow(article_id=article_id, start=int(start), end=int(end), quote=quote,
                       note=note.strip(), created=dt.datetime.now())
    session.add(row)
    session.flush()
    return _highlight(row)


def _highlight(row: HighlightRow) -> Highlight:
    return Highlight(row.id, row.article_id, row.start, row.end, row.quote, row.note, row.created)


def set_note(session: Session, highlight_id: int, note: str) -> None:
    if len(note) > MAX_NOTE:
        raise InputError(f"A note can be at most {MAX_NOTE} characters.")
    row = session.get(HighlightRow, highlight_id)
    if row is None:
        raise InputError(f"There is no highlight with id {highlight_id}.")
    row.note = note.strip()


def list_highlights(session: Session, article_id: int | None = None) -> list[Highlight]:
    query = select(HighlightRow).order_by(HighlightRow.article_id, HighlightRow.start)
    if article_id is not None:
        query = query.where(HighlightRow.article_id == article_id)
    return [_highlight(row) for row in session.scalars(query)]


def delete_highlight(session: Session, highlight_id: int) -> None:
    row = session.get(HighlightRow, highlight_id)
    if row is not None:
        session.delete(row)


def locate(text: str, highlight: Highlight) -> tuple[int, int] | None:
    """Find a highlight in ``text``: at its offsets if the quote still matches there, else the
    occurrence of the quote nearest to them; None when the quote is gone."""
    if text[highlight.start:highlight.end] == highlight.quote:
        return highlight.start, highlight.end
    best = None
    index = text.find(highlight.quote)
    while index != -1:
        if best is None or abs(index - highlight.start) < abs(best - highlight.start):
            best = index
        index = text.find(highlight.quote, index + 1)
    return None if best is None else (best, best + len(highlight.quote))


# --- progress ------------------------------------------------------------------------------------

def set_progress(session: Session, article_id: int, position: float) -> None:
    _check_article(session, article_id)
    value = min(1.0, max(0.0, float(position)))
    row = session.get(ProgressRow, article_id)
    if row is None:
        session.add(ProgressRow(article_id=article_id, position=value,
                                updated=dt.datetime.now()))
    else:
        row.position = value
        row.updated = dt.datetime.now()


def get_progress(session: Session, article_id: int) -> float | None:
    row = session.get(ProgressRow, article_id)
    return None if row is None else float(row.position)
