"""FTS5 search: the articles a student looks for come first; user input never breaks a query."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartpick_desktop.core.articles import library, search


@pytest.fixture
def synced(store):
    with store.session() as session:
        library.sync_bundled(session)
    return store


@pytest.mark.parametrize(("query", "slug"), [
    ("signal", "preference-signals"),
    ("letter of recommendation", "letters-of-recommendation"),
    ("study group", "study-groups"),
    ("match algorithm", "rank-order-list"),
    ("how many programs", "how-many-programs"),
    ("office hours", "faculty-office-hours"),
])
def test_the_right_article_ranks_first(synced, query, slug):
    with synced.session() as session:
        hits = search.search(session, query)
    assert hits and hits[0].article.slug == slug
    assert search.MARK_START in hits[0].snippet or hits[0].article.title


def test_thank_you_finds_the_thank_you_articles(synced):
    with synced.session() as session:
        hits = search.search(session, "thank-you")
        tagged = {i.slug for i in library.list_articles(session, tag="thank-you")}
    found = [h.article.slug for h in hits]
    assert tagged and tagged <= set(found)
    assert set(found[:len(tagged)]) == tagged  # tagged articles rank first
    assert "letters-of-recommendation" in found
    assert any("thank-you" in h.snippet_marked("", "").lower() for h in hits)


def test_snippet_marks_the_hits(synced):
    with synced.session() as session:
        hit = search.search(session, "study group")[0]
    marked = hit.snippet_marked("[", "]").lower()
    assert "[study]" in marked and "[group" in marked


@pytest.mark.parametrize(("text", "expected"), [
    ("thank-you", '"thank you"*'),
    ('"study group" notes', '"study group" "notes"*'),
    ('"study group"', '"study group"'),
    ("signal ", '"signal"'),
    ("NEAR(a b) OR c*", '"NEAR a" "b" "OR" "c"*'),
    ("it's", '"it s"*'),
    ("  -- ** ", None),
    ("", None),
])
def test_fts_query_quotes_everything(text, expected):
    assert search.fts_query(text) == expected


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_user_input_is_safe(synced, text):
    with synced.session() as session:
        hits = search.search(session, text)
    assert isinstance(hits, list)


def test_tag_filter_and_limit(synced):
    with synced.session() as session:
        hits = search.search(session, "program", tag="signals", limit=50)
        assert hits and all("signals" in h.article.tags for h in hits)
        assert len(search.search(session, "the", limit=3)) == 3
