"""The library: bundled articles synced into the store, imported articles, listing and reading.

Bundled articles are synced lazily (``sync_bundled``): a hash of the shipped files is kept in the
settings table, so a sync with nothing new costs one read of ~20 small files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from smartpick_desktop.core.articles import bundle, frontmatter, render
from smartpick_desktop.core.articles.tables import (
    ArticleRow,
    BookmarkRow,
    HighlightRow,
    ProgressRow,
)
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.progress import ShouldCancel, checkpoint
from smartpick_desktop.core.store.settings import get_setting, set_setting
from smartpick_desktop.core.textio import read_limited

log = logging.getLogger(__name__)

BUNDLE_HASH_KEY = "articles.bundle_hash"
MAX_IMPORT_BYTES = 20 * 1024 * 1024
WORDS_PER_MINUTE = 220
IMPORT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text",
                   ".html": "html", ".htm": "html", ".xhtml": "html"}


@dataclass
class ArticleInfo:
    """An article as the list shows it (no body)."""

    id: int
    slug: str
    title: str
    summary: str
    tags: list[str]
    source: str  # bundled | imported
    reading_time: int
    date: str | None
    progress: float | None = None  # scroll fraction of the last visit
    bookmarks: int = 0
    highlights: int = 0

@dataclass
class Article(ArticleInfo):
    """An article with its body, ready to render."""

    fmt: str = "markdown"
    body: str = ""
    plain: str = ""
    file_name: str | None = None

    def html(self) -> str:
        """The reader HTML (bundled Markdown is trusted; everything else is sanitised)."""
        return render.render_body(self.fmt, self.body, trusted=self.source == "bundled")


@dataclass
class PreparedArticle:
    """An article read and checked, not yet stored (``prepare_import`` → ``save_import``)."""

    title: str
    summary: str
    tags: list[str]
    reading_time: int
    date: str | None
    fmt: str
    body: str
    plain: str
    file_name: str | None = None
    slug_hint: str = ""
    content_hash: str = field(default="")


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _reading_time(plain: str) -> int:
    return max(1, math.ceil(len(plain.split()) / WORDS_PER_MINUTE))


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug[:60].strip("-") or "article"


# --- bundled -------------------------------------------------------------------------------------

def prepare_bundled(slug: str, text: str) -> PreparedArticle:
    meta, body = frontmatter.parse(text, f"{slug}.md", strict=True)
    plain = render.markdown_plain(body)
    return PreparedArticle(meta.title, meta.summary, meta.tags, meta.reading_time or 1,
                           meta.date, "markdown", body, plain, f"{slug}.md", slug,
                           _hash(text))


def sync_bundled(session: Session, *, folder: Path | None = None, force: bool = False) -> bool:
    """Bring the bundled articles in the store up to date; return True when anything changed.

    Article ids stay stable (rows are updated in place by slug), so highlights survive an update.
    A shipped file that fails to parse is logged and skipped.
    """
    if session.info.get("read_only"):  # a read-only data folder shows what it holds
        return False
    texts = bundle.bundled_texts(folder)
    wanted = bundle.bundle_hash(texts)
    if not force and get_setting(session, BUNDLE_HASH_KEY) == wanted:
        return False
    existing = {row.slug: row for row in session.scalars(
        select(ArticleRow).where(ArticleRow.source == "bundled"))}
    changed = False
    now = dt.datetime.now()
    for slug, source_text in texts:
        row = existing.pop(slug, None)
        if row is not None and row.content_hash == _hash(source_text):
            continue
        try:
            prepared = prepare_bundled(slug, source_text)
        except InputError as err:
            log.error("Bundled article skipped: %s", err)
            continue
        if row is None:
            clash = session.scalar(select(ArticleRow).where(ArticleRow.slug == slug))
            if clash is not None:  # an import took the slug: give it a new one
                clash.slug = _free_slug(session, f"import-{slug}")
                session.flush()
            row = ArticleRow(slug=slug, source="bundled", added_at=now)
            session.add(row)
        _fill(row, prepared)
        changed = True
    for row in existing.values():  # no longer shipped
        session.delete(row)
        changed = True
    session.flush()
    set_setting(session, BUNDLE_HASH_KEY, wanted)
    return changed


def _fill(row: ArticleRow, prepared: PreparedArticle) -> None:
    row.title = prepared.title
    row.summary = prepared.summary
    row.tags = json.dumps(prepared.tags, ensure_ascii=False)
    row.reading_time = prepared.reading_time
    row.date = prepared.date
    row.fmt = prepared.fmt
    row.body = prepared.body
    row.plain = prepared.plain
    row.content_hash = prepared.content_hash
    row.file_name = prepared.file_name


# --- reading -------------------------------------------------------------------------------------

def _info(row: ArticleRow, stats: dict | None = None) -> ArticleInfo:
    stats = stats or {}
    return ArticleInfo(row.id, row.slug, row.title, row.summary, json.loads(row.tags), row.source,
                       row.reading_time, row.date, stats.get("progress"),
                       stats.get("bookmarks", 0), stats.get("highlights", 0))


def _stats(session: Session) -> dict[int, dict]:
    stats: dict[int, dict] = {}
    for article_id, position in session.execute(
            select(ProgressRow.article_id, ProgressRow.position)):
        stats.setdefault(article_id, {})["progress"] = float(position)
    for table, key in ((BookmarkRow, "bookmarks"), (HighlightRow, "highlights")):
        for article_id, count in session.execute(
                select(table.article_id, func.count()).group_by(table.article_id)):
            stats.setdefault(article_id, {})[key] = int(count)
    return stats


_INFO_SQL = (
    "SELECT a.id, a.slug, a.title, a.summary, a.tags, a.source, a.reading_time, a.date, "
    "p.position, (SELECT count(*) FROM article_bookmarks b WHERE b.article_id = a.id), "
    "(SELECT count(*) FROM article_highlights h WHERE h.article_id = a.id) "
    "FROM articles a LEFT JOIN article_progress p ON p.article_id = a.id"
)
_LIST_SQL = text(_INFO_SQL + " ORDER BY a.source, lower(a.title)")
_BY_ID_SQL = text(_INFO_SQL + " WHERE a.id IN :ids").bindparams(
    bindparam("ids", expanding=True))


def _info_from_tuple(values) -> ArticleInfo:
    (article_id, slug, title, summary, tags, source, minutes, date, progress, bookmarks,
     highlights) = values
    return ArticleInfo(article_id, slug, title, summary, json.loads(tags), source, minutes, date,
                       None if progress is None else float(progress), int(bookmarks),
                       int(highlights))


def list_articles(session: Session, *, tag: str | None = None) -> list[ArticleInfo]:
    """Every article, bundled first then imported, each by title (bodies are not loaded)."""
    infos = [_info_from_tuple(values) for values in session.execute(_LIST_SQL)]
    if tag:
        infos = [i for i in infos if tag in i.tags]
    return infos


def infos_by_id(session: Session, ids: list[int]) -> dict[int, ArticleInfo]:
    if not ids:
        return {}
    return {values[0]: _info_from_tuple(values)
            for values in session.execute(_BY_ID_SQL, {"ids": list(ids)})}


def all_tags(session: Session) -> list[str]:
    tags: set[str] = set()
    for raw in session.scalars(select(ArticleRow.tags)):
        tags.update(json.loads(raw))
    return sorted(tags, key=str.casefold)


def _article(session: Session, row: ArticleRow | None) -> Article | None:
    if row is None:
        return None
    info = _info(row, _stats(session).get(row.id))
    return Article(**asdict(info), fmt=row.fmt, body=row.body, plain=row.plain,
                   file_name=row.file_name)


def get_article(session: Session, article_id: int) -> Article | None:
    return _article(session, session.get(ArticleRow, article_id))


def get_article_by_slug(session: Session, slug: str) -> Article | None:
    return _article(session, session.scalar(select(ArticleRow).where(ArticleRow.slug == slug)))


# --- import --------------------------------------------------------------------------------------

def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\0" not in data[:8192]:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(f"{name} is not UTF-8 text (undecodable byte at position "
                             f"{err.start}); save it as UTF-8 and import it again.") from None
    raise InputError(f"{name} is a binary file, not a Markdown, text or HTML article.")


def _check_text(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(sample) // 200):
        raise InputError(f"{name} is a binary file, not a Markdown, text or HTML article.")


def detect_format(path: Path, text: str) -> str:
    fmt = IMPORT_SUFFIXES.get(path.suffix.lower())
    if fmt:
        return fmt
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    raise InputError(f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; import "
                     "Markdown (.md), plain text (.txt) or HTML (.html).")


CANCELLED = "The import was canceled; nothing was added."


def prepare_import(path: Path, *, should_cancel: ShouldCancel | None = None
                   ) -> PreparedArticle:
    """Read, check, convert and sanitise a file; touches no store (safe in a worker thread).
    ``should_cancel`` as in ``core/progress.py``."""
    path = Path(path)
    name = path.name
    data = read_limited(path, MAX_IMPORT_BYTES, "Article file")
    text = _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    _check_text(text, name)
    fmt = detect_format(path, text)
    checkpoint(should_cancel, CANCELLED)
    title = summary = ""
    tags: list[str] = []
    date = None
    if fmt == "markdown":
        meta, body = frontmatter.parse(text, name, strict=False)
        title, summary, tags, date = meta.title, meta.summary, meta.tags, meta.date
        plain = render.markdown_plain(body)
        if not title:
            match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
            title = match.group(1) if match else ""
    elif fmt == "html":
        if render.html_depth(text) > render.MAX_HTML_DEPTH:
            raise InputError(f"{name}: its elements nest more than {render.MAX_HTML_DEPTH} "
                             "deep, which no article does; nothing was imported.")
        title = render.html_title(text) or ""
        body = render.sanitize_html(text)
        plain = render.html_plain(body)
    else:
        body = text.strip()
        plain = body
    checkpoint(should_cancel, CANCELLED)
    if not plain.strip():
        raise InputError(f"{name} has no readable text to import.")
    title = " ".join(title.split())[:300] or path.stem.replace("_", " ").replace("-", " ").strip()
    if not summary:
        first = plain.strip().split("\n", 1)[0]
        summary = first if len(first) <= 200 else first[:197].rsplit(" ", 1)[0] + "…"
    return PreparedArticle(title, summary, tags, _reading_time(plain), date, fmt, body, plain,
                           name, slugify(title), _hash(fmt, body))


def _free_slug(session: Session, base: str) -> str:
    taken = set(session.scalars(select(ArticleRow.slug).where(ArticleRow.slug.like(f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def save_import(session: Session, prepared: PreparedArticle) -> ArticleInfo:
    """Store a prepared import (one insert; the FTS index follows by trigger)."""
    row = ArticleRow(slug=_free_slug(session, f"import-{prepared.slug_hint}"), source="imported",
                     added_at=dt.datetime.now())
    _fill(row, prepared)
    session.add(row)
    session.flush()
    return _info(row)


def import_file(session: Session, path: Path) -> ArticleInfo:
    """Import a Markdown, text or HTML file (validated fully before anything is written)."""
    return save_import(session, prepare_import(path))
