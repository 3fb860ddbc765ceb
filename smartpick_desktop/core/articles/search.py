"""Full-text search over the library with SQLite FTS5: bm25-ranked, with highlighted snippets.

User input never reaches FTS5 syntax: it is cut into words, each quoted (``thank-you`` becomes
the phrase ``"thank you"``, text in double quotes stays one phrase), words are ANDed, and the last
word matches as a prefix while typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from smartpick_desktop.core.articles.library import ArticleInfo, infos_by_id

MARK_START = "\x02"
MARK_END = "\x03"
_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"'})
# Weights of the indexed columns: title, summary, tags, plain text.
_BM25 = "bm25(articles_fts, 10.0, 4.0, 6.0, 1.0)"
_RANK_SQL = text(
    f"SELECT rowid, {_BM25} AS score FROM articles_fts WHERE articles_fts MATCH :query "
    "ORDER BY score LIMIT :limit"
)
# snippet() re-reads and re-tokenises each document, so it runs only for the rows shown first.
_SNIPPET_SQL = text(
    "SELECT rowid, snippet(articles_fts, 3, :start, :end, '\u2026', 14) FROM articles_fts "
    "WHERE articles_fts MATCH :query AND rowid IN :ids"
).bindparams(bindparam("ids", expanding=True))


@dataclass
class SearchHit:
    """One result: the article, a snippet (hits between MARK_START/MARK_END) and its bm25 score
    (lower is better)."""

    article: ArticleInfo
    snippet: str
    score: float

    def snippet_marked(self, start: str = "**", end: str = "**") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def query_words(query: str) -> list[str]:
    """The words of a query, lower-cased (the reader highlights these)."""
    return [w.casefold() for w in _WORD.findall(query)]


def fts_query(query: str, *, prefix: bool = True) -> str | None:
    """Return a safe FTS5 MATCH expression for user text, or None when it has no words."""
    query = query.translate(_QUOTES)
    terms: list[str] = []
    quoted_last = False
    for index, chunk in enumerate(query.split('"')):
        inside = index % 2 == 1
        pieces = [chunk] if inside else chunk.split()
        for piece in pieces:
            words = _WORD.findall(piece)
            if words:
                terms.append('"' + " ".join(words) + '"')
                quoted_last = inside
    if not terms:
        return None
    if prefix and not quoted_last and not query[-1:].isspace():
        terms[-1] += "*"
    return " ".join(terms)


#: More hits than any library holds; a larger limit means "all of them".
MAX_LIMIT = 1_000_000


def search(session: Session, query: str, *, limit: int = 50, tag: str | None = None,
           prefix: bool = True, snippets: int = 10) -> list[SearchHit]:
    """Ranked hits for ``query`` (best first); an empty or word-less query finds nothing.

    The first ``snippets`` hits carry a snippet (hits between MARK_START and MARK_END); the
    others have an empty one (the list shows their summary instead).
    """
    expression = fts_query(query, prefix=prefix)
    if expression is None:
        return []
    limit = max(0, min(int(limit), MAX_LIMIT))  # SQLite takes 64-bit limits only
    snippets = max(0, min(int(snippets), MAX_LIMIT))
    rows = session.execute(_RANK_SQL, {"query": expression, "limit": limit}).all()
    infos = infos_by_id(session, [row[0] for row in rows])
    rows = [row for row in rows if row[0] in infos and (not tag or tag in infos[row[0]].tags)]
    words = query_words(query)
    rows.sort(key=lambda row: row[1] - _header_bonus(infos[row[0]], words))
    wanted = [row[0] for row in rows[:max(0, snippets)]]
    found = dict(session.execute(_SNIPPET_SQL, {"start": MARK_START, "end": MARK_END,
                                                "query": expression, "ids": wanted}).all()
                 ) if wanted else {}
    hits = [SearchHit(infos[article_id], " ".join(found.get(article_id, "").split()),
                      float(score))
            for article_id, score in rows]
    return hits


def _header_bonus(info: ArticleInfo, words: list[str]) -> float:
    """Tie-break for small libraries, where bm25 gives common words almost no weight: an
    article whose title or tags hold every query word (as a word prefix) ranks first."""
    if not words:
        return 0.0

    def holds(field: str) -> bool:
        found = _WORD.findall(field.casefold())
        return all(any(token.startswith(word[:5]) for token in found) for word in words)

    return 0.5 * holds(info.title) + 0.3 * holds(" ".join(info.tags))

