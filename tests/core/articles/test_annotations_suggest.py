"""Bookmarks, highlights with notes, reading progress, and Home's suggestions."""

from __future__ import annotations

import datetime as dt

import pytest

from smartpick_desktop.core.articles import annotations, bundle, library
from smartpick_desktop.core.articles.suggest import reading_suggestions
from smartpick_desktop.core.errors import InputError


@pytest.fixture
def article_id(store):
    with store.session() as session:
        library.sync_bundled(session)
        return library.get_article_by_slug(session, "interviews").id


def test_highlights_store_quote_offsets_and_notes(store, article_id):
    with store.session() as session:
        h = annotations.add_highlight(session, article_id, 10, 20, "  some text ", "why")
        annotations.set_note(session, h.id, "because")
    with store.session() as session:
        (saved,) = annotations.list_highlights(session, article_id)
    assert (saved.start, saved.end, saved.quote, saved.note) == (10, 20, "some text", "because")
    with store.session() as session:
        annotations.delete_highlight(session, saved.id)
        assert annotations.list_highlights(session) == []


@pytest.mark.parametrize(("start", "end", "quote"), [(5, 5, "x"), (-1, 3, "x"), (0, 3, "  ")])
def test_bad_highlights_are_refused(store, article_id, start, end, quote):
    with store.session() as session, pytest.raises(InputError):
        annotations.add_highlight(session, article_id, start, end, quote)


def test_locate_finds_a_moved_quote():
    h = annotations.Highlight(1, 1, 4, 9, "world", "", dt.datetime.now())
    assert annotations.locate("helloworld", h) == (5, 10)
    assert annotations.locate("abc world world", h) == (4, 9)
    assert annotations.locate("nothing here", h) is None


def test_bookmarks_and_progress(store, article_id):
    with store.session() as session:
        annotations.add_bookmark(session, article_id, 0.6, "Before the day")
        annotations.add_bookmark(session, article_id, 0.1, "Start")
        annotations.set_progress(session, article_id, 1.7)
    with store.session() as session:
        marks = annotations.list_bookmarks(session, article_id)
        assert [m.label for m in marks] == ["Start", "Before the day"]
        assert annotations.get_progress(session, article_id) == 1.0
        with pytest.raises(InputError):
            annotations.add_bookmark(session, article_id, 2.0)
        with pytest.raises(InputError):
            annotations.set_progress(session, 99999, 0.5)


def test_suggestions_follow_profile_and_season():
    headers = bundle.bundled_headers()
    august = reading_suggestions(headers, applicant_type="us_md", today=dt.date(2026, 8, 1))
    assert [h.slug for h in august][0] == "preference-signals" and len(august) == 3
    img = reading_suggestions(headers, applicant_type="non_us_img", today=dt.date(2027, 1, 5))
    assert img[0].slug == "do-and-img-applicants"
    assert [h.slug for h in img][1] == "rank-order-list"
    nobody = reading_suggestions(headers, applicant_type=None)
    assert [h.slug for h in nobody] == ["study-groups", "peer-mentors",
                                        "letters-of-recommendation"]
