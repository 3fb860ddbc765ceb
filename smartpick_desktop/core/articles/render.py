"""Turn article bodies into reader HTML and searchable plain text.

Markdown goes through markdown-it-py with raw HTML disabled; imported HTML goes through nh3 with
a short allow-list (no scripts, handlers, iframes, styles, images or remote resources). Links are
classified: ``smartpick:`` actions stay (unknown ones become plain text), ``http(s)``/``mailto``
stay as *external* links that the reader shows but never opens, anything else is dropped.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache
from html.parser import HTMLParser

from smartpick_desktop.core.articles.actions import is_action_url, parse_action

log = logging.getLogger(__name__)

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}, "ol": {"start"}}
# Elements removed together with everything inside them.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "title", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "audio", "video", "select", "textarea", "button",
    "head",
})
EXTERNAL_PREFIXES = ("http://", "https://", "mailto:")
ACTION_ICONS = {"template": "\u2709\u00a0", "checklist": "\u2713\u00a0", "article": "\u2192\u00a0",
                "screen": "\u2197\u00a0"}
_BLOCK_TAGS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                         "blockquote", "dt", "dd", "table", "ul", "ol", "figure", "figcaption",
                         "hr"})


def link_kind(href: str) -> str | None:
    """Return "action", "external" or "anchor" for a link target the reader accepts, else None."""
    value = href.strip()
    lower = value.lower()
    if is_action_url(lower):
        return "action" if parse_action(value) else None
    if lower.startswith(EXTERNAL_PREFIXES) and len(value) > len("https://"):
        return "external"
    if value.startswith("#") and len(value) > 1:
        return "anchor"
    return None


# --- Markdown ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # Accept every target here: _rewrite_inline keeps the label of a refused link as text.
    md.validateLink = lambda url: True  # noqa: E731 - markdown-it hook
    return md


def _rewrite_inline(children: list) -> list:
    """Mark action and external links, drop unknown ones, turn images into their alt text."""
    from markdown_it.token import Token

    out: list = []
    skip_close = 0
    for token in children:
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            kind = link_kind(href)
            if kind is None:
                log.warning("Article link %r is not supported; shown as text.", href)
                skip_close += 1
                token.meta["dropped"] = True
                out.append(token)
                continue
            if kind == "action":
                action = parse_action(href)
                token.attrSet("class", f"action {action.kind}")
                out.append(token)
                icon = Token("text", "", 0)
                icon.content = ACTION_ICONS[action.kind]
                out.append(icon)
                continue
            if kind == "external":
                token.attrSet("class", "external")
                token.attrSet("title", f"External link, not opened: {href}")
            out.append(token)
        elif token.type == "image":
            alt = Token("text", "", 0)
            alt.content = token.content or ""
            out.append(alt)
        else:
            out.append(token)
    if skip_close:
        # Pair each dropped link_open with its link_close and remove both.
        result, stack = [], []
        for token in out:
            if token.type == "link_open":
                stack.append(bool(token.meta.get("dropped")))
                if token.meta.get("dropped"):
                    continue
            elif token.type == "link_close" and stack and stack.pop():
                continue
            result.append(token)
        out = result
    return out


def markdown_tokens(source: str) -> list:
    tokens = _markdown().parse(source)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _rewrite_inline(token.children)
    return tokens


def markdown_to_html(source: str, *, trusted: bool = False) -> str:
    """Render Markdown for the reader; untrusted (imported) output is also sanitised."""
    md = _markdown()
    rendered = md.renderer.render(markdown_tokens(source), md.options, {})
    return rendered if trusted else sanitize_html(rendered)


def markdown_plain(source: str) -> str:
    """Return the readable text of a Markdown body (what search indexes)."""
    parts: list[str] = []
    for token in _markdown().parse(source):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            parts.append("\n")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content + "\n")
    return "".join(parts).strip()


# --- HTML ----------------------------------------------------------------------------------------

def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value.strip() if link_kind(value) else None
    return value


#: Elements that never nest (void) or close themselves when a sibling starts (optional end
#: tag): they do not deepen the tree however many a page has.
_FLAT_TAGS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"])
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
#: Deeper than this is no article: parsers then slow down quadratically (200,000 nested
#: <div>s took minutes), so such a page is refused before it is parsed.
MAX_HTML_DEPTH = 256


def html_depth(raw: str, limit: int = MAX_HTML_DEPTH) -> int:
    """The deepest element nesting of ``raw`` found by a quick tag scan (stops past ``limit``)."""
    depth = deepest = 0
    for match in _TAG.finditer(raw):
        closing, tag, self_closing = match.groups()
        if tag.lower() in _FLAT_TAGS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest


def sanitize_html(raw: str) -> str:
    """Return ``raw`` with only harmless, local markup left (see module docstring)."""
    import nh3

    cleaned = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes={"http", "https", "mailto", "smartpick"},
        strip_comments=True,
        link_rel="nofollow noopener noreferrer",
    )
    return cleaned


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self._in_title = False
        self._skip = 0
        self.first_h1: str | None = None
        self._in_h1 = False
        self._h1_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in DROPPED_WITH_CONTENT:
            self._skip += 1
        elif tag == "br" or tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "h1" and self.first_h1 is None:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in DROPPED_WITH_CONTENT:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.first_h1 = " ".join("".join(self._h1_parts).split()) or None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if self._skip:
            return
        self.parts.append(data)
        if self._in_h1:
            self._h1_parts.append(data)


def html_plain(fragment: str) -> str:
    """Return the readable text of (sanitised) HTML, one block per line."""
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_title(raw: str) -> str | None:
    """Return the <title> (or first <h1>) text of an HTML page, read as text only."""
    parser = _TextExtractor()
    parser.feed(raw)
    parser.close()
    title = " ".join((parser.title or "").split())
    return title or parser.first_h1


# --- plain text ----------------------------------------------------------------------------------

def text_to_html(text: str) -> str:
    """Paragraphs (blank-line separated) of escaped text."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>"
                     for p in paragraphs if p.strip())


def render_body(fmt: str, body: str, *, trusted: bool) -> str:
    """Return reader HTML for a stored body of format markdown | html | text."""
    if fmt == "markdown":
        return markdown_to_html(body, trusted=trusted)
    if fmt == "html":
        return sanitize_html(body)
    return text_to_html(body)
