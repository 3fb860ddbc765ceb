"""Front matter parsing and action links."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.articles import frontmatter
from smartpick_desktop.core.articles.actions import Action, parse_action
from smartpick_desktop.core.errors import InputError

GOOD = """---
title: "Study groups: a guide"
summary: Short summary, with a comma.
tags: [study, "thank-you", DO]
reading_time: 5
date: 2026-11-20
---

Body text.
"""


def test_strict_front_matter_reads_every_key():
    meta, body = frontmatter.parse(GOOD, "a.md", strict=True)
    assert meta.title == "Study groups: a guide"
    assert meta.summary == "Short summary, with a comma."
    assert meta.tags == ["study", "thank-you", "DO"]
    assert (meta.reading_time, meta.date) == (5, "2026-11-20")
    assert body.strip() == "Body text."


@pytest.mark.parametrize(("change", "message"), [
    (("reading_time: 5\n", ""), "lacks reading_time"),
    (("date: 2026-11-20\n", "date: 2026-11-20\nauthor: me\n"), "unknown front matter key"),
    (("date: 2026-11-20", "date: 2026-13-40"), "YYYY-MM-DD"),
    (("reading_time: 5", "reading_time: five"), "whole minutes"),
    (("tags: [study, \"thank-you\", DO]", "tags: [study, \"oops]"), "line 4"),
    (("summary: Short", "summary Short"), "line 3"),
    (("title: \"Study", "title: \"Study\"\ntitle: \"Study"), "appears twice"),
    (("---\n\nBody text.\n", ""), "never closed"),
])
def test_strict_front_matter_rejects_mistakes_with_file_and_reason(change, message):
    text = GOOD.replace(*change, 1)
    with pytest.raises(InputError, match=message) as info:
        frontmatter.parse(text, "a.md", strict=True)
    assert "a.md" in str(info.value)


def test_lenient_front_matter_allows_missing_and_unknown_keys():
    meta, body = frontmatter.parse("---\ntitle: Mine\nauthor: me\n---\nHello", "b.md",
                                   strict=False)
    assert meta.title == "Mine" and meta.tags == [] and body == "Hello"
    meta, body = frontmatter.parse("No header here", "c.md", strict=False)
    assert meta.title == "" and body == "No header here"


@pytest.mark.parametrize(("url", "expected"), [
    ("smartpick:template/thank_you", Action("template", "thank_you")),
    ("smartpick:checklist/Ask%20two%20faculty%20by%20August%201",
     Action("checklist", "Ask two faculty by August 1")),
    ("smartpick:article/letters-of-recommendation",
     Action("article", "letters-of-recommendation")),
    ("smartpick:screen/plan", Action("screen", "plan")),
    ("smartpick:template/unknown_key", None),
    ("smartpick:screen/settings", None),
    ("smartpick:launch/rockets", None),
    ("smartpick:checklist/", None),
    ("smartpick:article/../../etc", None),
    ("https://example.org", None),
])
def test_parse_action(url, expected):
    assert parse_action(url) == expected


def test_action_url_round_trips():
    action = Action("checklist", "Email three mentors")
    assert parse_action(action.url) == action
