"""``mailto:`` URLs (RFC 6068) that decode back to exactly the subject and body written."""

from __future__ import annotations

from urllib.parse import quote, unquote


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def mailto_url(to: str, subject: str, body: str) -> str:
    """Build ``mailto:TO?subject=…&body=…``; every reserved or non-ASCII character is
    percent-encoded (UTF-8) and line breaks become ``%0D%0A``."""
    address = quote(to.strip(), safe="@")
    subject_q = quote(_lines(subject).replace("\n", " "), safe="")
    body_q = quote(_lines(body).replace("\n", "\r\n"), safe="")
    return f"mailto:{address}?subject={subject_q}&body={body_q}"


def parse_mailto(url: str) -> tuple[str, str, str]:
    """Decode a URL made by :func:`mailto_url` into ``(to, subject, body)`` (``\\n`` lines)."""
    if not url.startswith("mailto:"):
        raise ValueError("not a mailto: URL")
    address, _, query = url[len("mailto:"):].partition("?")
    fields = {}
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        fields[name.lower()] = unquote(value, errors="strict")
    body = fields.get("body", "").replace("\r\n", "\n")
    return unquote(address), fields.get("subject", ""), body
