"""Markdown rendering, link handling and HTML sanitising."""

from __future__ import annotations

from smartpick_desktop.core.articles import render

MD = """Intro with [Use this outreach email](smartpick:template/thank_you) and
[bad action](smartpick:template/nope), [site](https://example.org/x),
[evil](javascript:alert(1)), [relative](page.html) and ![pic](https://tracker.example/p.png).

## A heading

<script>alert('raw')</script>
"""


def test_markdown_marks_actions_and_external_links_and_drops_the_rest(caplog):
    html = render.markdown_to_html(MD, trusted=False)
    assert "Article link 'javascript:alert(1)' is not supported" in caplog.text
    assert 'href="smartpick:template/thank_you"' in html
    assert "\u2709" in html  # the template icon precedes the label
    assert "bad action" in html and "smartpick:template/nope" not in html
    assert 'href="https://example.org/x"' in html and "nofollow" in html
    assert "javascript" not in html and "page.html" not in html
    assert "tracker.example" not in html and "<img" not in html
    assert "<script" not in html  # raw HTML in Markdown is never markup
    assert "<h2>A heading</h2>" in html


def test_markdown_plain_text_has_words_not_markup():
    plain = render.markdown_plain("## Title\n\nSome **bold** [link](smartpick:screen/plan).")
    assert plain.splitlines() == ["Title", "Some bold link."]


def test_sanitize_html_keeps_text_and_structure_only():
    raw = ('<h1 onclick="x()">Head</h1><p style="color:red">Para <a href="//cdn.example/a">'
           'rel</a> <a href="https://ok.example/">ok</a></p><iframe src="https://f.example">'
           'fallback</iframe><img src="https://t.example/i.gif" onerror="steal()">')
    clean = render.sanitize_html(raw)
    assert "<h1>Head</h1>" in clean
    assert "style" not in clean and "onclick" not in clean and "onerror" not in clean
    assert "cdn.example" not in clean and ">rel</a>" in clean
    assert 'href="https://ok.example/"' in clean
    assert "iframe" not in clean and "fallback" not in clean and "<img" not in clean


def test_html_plain_and_title():
    page = "<html><head><title> My  page </title></head><body><p>One</p><p>Two<br>Three</p>"
    assert render.html_title(page) == "My page"
    assert render.html_plain(render.sanitize_html(page)) == "One\n\nTwo\nThree"


def test_text_to_html_escapes():
    assert render.text_to_html("a < b\n\nc & d") == "<p>a &lt; b</p>\n<p>c &amp; d</p>"
