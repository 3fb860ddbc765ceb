"""Originality: no run of 8 words is shared between two bundled articles, or with the design
documents' prose (PRODUCT.md, FIGURES.md) when those are present beside the project.

Runs are counted inside one paragraph, list item or heading (never across blocks), and skip
action-link labels ("Add to my plan") and parenthesised citations, which repeat by design.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from smartpick_desktop.core.articles import bundle, frontmatter

RUN = 8
_ACTION_LINK = re.compile(r"\[[^\]]*\]\(smartpick:[^)]*\)")
_PAREN = re.compile(r"\([^()]*\)")
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents
               if (p / "shared" / "design").is_dir()), Path("/nonexistent"))
OTHER_SOURCES = [SHARED / "design" / "PRODUCT.md", SHARED / "reference" / "FIGURES.md"]


def runs(markdown: str) -> dict[tuple[str, ...], str]:
    """Every 8-word run of each block, mapped to the block it came from."""
    found: dict[tuple[str, ...], str] = {}
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)|\n(?=#)", markdown):
        text = _PAREN.sub(" ", _ACTION_LINK.sub(" ", block))
        words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())
        for i in range(len(words) - RUN + 1):
            found.setdefault(tuple(words[i:i + RUN]), block.strip()[:120])
    return found


def _article_runs() -> dict[str, dict]:
    result = {}
    for slug, text in bundle.bundled_texts():
        _, body = frontmatter.parse(text, slug, strict=True)
        result[slug] = runs(body)
    return result


def test_run_detector_finds_a_shared_run_and_ignores_labels():
    a = runs("The quick brown fox jumps over the lazy dog today.\n\n[Add to my plan](smartpick:x)")
    b = runs("Yesterday the quick brown fox jumps over the lazy dog again.")
    assert set(a) & set(b)
    c = runs("[Add to my plan now and later](smartpick:x/y) [Use this outreach email](smartpick:z)")
    assert not c


def test_no_two_bundled_articles_share_an_eight_word_run():
    articles = _article_runs()
    assert len(articles) >= 12
    shared = []
    for (a, runs_a), (b, runs_b) in itertools.combinations(articles.items(), 2):
        for run in sorted(set(runs_a) & set(runs_b))[:2]:
            shared.append(f"{a} / {b}: {' '.join(run)!r}")
    assert not shared, "shared 8-word runs:\n" + "\n".join(shared)


# Only where the design documents sit beside the checkout (the team's workspace): a fresh clone has
# none to compare with, so the test is not generated there rather than skipped.
PRESENT_SOURCES = [p for p in OTHER_SOURCES if p.exists()]
if PRESENT_SOURCES:
    @pytest.mark.parametrize("source", PRESENT_SOURCES, ids=lambda p: p.name)
    def test_no_article_copies_design_prose(source: Path):
        theirs = runs(source.read_text(encoding="utf-8"))
        copied = [f"{slug}: {' '.join(run)!r}" for slug, ours in _article_runs().items()
                  for run in sorted(set(ours) & set(theirs))[:2]]
        assert not copied, "runs copied from " + source.name + ":\n" + "\n".join(copied)
