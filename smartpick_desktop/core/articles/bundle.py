"""The articles shipped in ``resources/articles/*.md`` (slug = file name without ``.md``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from smartpick_desktop.core.articles import frontmatter
from smartpick_desktop.core.resources import resource_path


@dataclass(frozen=True)
class ArticleHeader:
    """What the list and Home need, read from the front matter alone (no rendering)."""

    slug: str
    title: str
    summary: str
    tags: tuple[str, ...]
    reading_time: int
    date: str


def bundle_dir() -> Path:
    return resource_path("articles")


def bundled_texts(folder: Path | None = None) -> list[tuple[str, str]]:
    """Return (slug, text) of every shipped article, sorted by slug."""
    folder = folder or bundle_dir()
    if not folder.is_dir():
        return []
    return [(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(folder.glob("*.md"))]


def bundle_hash(texts: list[tuple[str, str]]) -> str:
    """One hash of every shipped article, to skip a sync when nothing changed."""
    digest = hashlib.sha256()
    for slug, text in texts:
        digest.update(slug.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def bundled_headers(folder: Path | None = None) -> list[ArticleHeader]:
    """Front matter of the shipped articles (cheap: used at start-up by the Home card)."""
    headers = []
    for slug, text in bundled_texts(folder):
        meta, _ = frontmatter.parse(text, f"{slug}.md", strict=True)
        headers.append(ArticleHeader(slug, meta.title, meta.summary, tuple(meta.tags),
                                     meta.reading_time or 1, meta.date or ""))
    return headers
