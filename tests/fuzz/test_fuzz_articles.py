"""Article import (Markdown, text, HTML): imports or InputError, never half-written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smartpick_desktop.core.articles import library

from .conftest import FUZZ, TEXT, imports_or_refuses

TAGS = ["<title>", "</title>", "<script>", "</script>", "<p>", "<a href='javascript:x'>",
        "<img src='http://example.com/x.png'>", "<h1>", "<style>", "<!--", "-->", "<br>",
        "<table><tr><td>", "&nbsp;", "&#0;", "<iframe>", "<![CDATA[", "<meta charset=x>"]
MD = ["# ", "---\n", "title: ", "tags: [a, b]\n", "[link](smartpick:template/thank_you)",
      "[x](smartpick:checklist/Do%20it)", "![img](http://x)", "```\n", "| a | b |\n", "\n\n"]


@FUZZ
@given(parts=st.lists(st.one_of(st.sampled_from(TAGS + MD), TEXT), max_size=12),
       suffix=st.sampled_from([".html", ".md", ".txt", ".htm", ""]))
def test_articles(fuzz_store, fuzz_dir, parts, suffix):
    path = fuzz_dir / f"article{suffix}"
    path.write_text("".join(parts), encoding="utf-8", errors="replace")
    imports_or_refuses(fuzz_store, lambda s: library.import_file(s, path))


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".html", ".md", ".txt"]))
def test_any_bytes(fuzz_store, fuzz_dir, raw, suffix):
    path = fuzz_dir / f"raw{suffix}"
    path.write_bytes(raw)
    imports_or_refuses(fuzz_store, lambda s: library.import_file(s, path))
