"""Front matter: a strict YAML subset between two ``---`` lines at the top of a Markdown file.

Supported values: plain or quoted strings, integers, ``YYYY-MM-DD`` dates and flow lists of
strings (``[a, b, "c, d"]``). Anything else is rejected with the line number, so a typo never
turns into a silently wrong article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from smartpick_desktop.core.errors import InputError

REQUIRED_KEYS = ("title", "summary", "tags", "reading_time", "date")
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:\s+(.*))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class FrontMatter:
    """The header of an article; ``body_line`` is the 1-based line where the body starts."""

    title: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    reading_time: int | None = None
    date: str | None = None
    body_line: int = 1


def split(text: str, where: str) -> tuple[dict[str, object], str, int]:
    """Split ``text`` into (raw header values, body, body's first line number).

    A text without a leading ``---`` line has no header. ``where`` names the file in errors.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 1
    values: dict[str, object] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return values, "\n".join(lines[number:]), number + 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_LINE.match(line.rstrip())
        if not match:
            raise InputError(f"{where}, line {number}: front matter lines must read "
                             f"'key: value' (found {line.strip()[:40]!r}).")
        key, raw = match.group(1), (match.group(2) or "").strip()
        if key in values:
            raise InputError(f"{where}, line {number}: the key {key!r} appears twice.")
        values[key] = _value(raw, where, number)
    raise InputError(f"{where}: the front matter starting on line 1 is never closed by '---'.")


def _value(raw: str, where: str, number: int) -> object:
    if raw.startswith("["):
        if not raw.endswith("]"):
            raise InputError(f"{where}, line {number}: a list must end with ']'.")
        return [_scalar(item, where, number) for item in _split_list(raw[1:-1], where, number)]
    return _scalar(raw, where, number)


def _split_list(inner: str, where: str, number: int) -> list[str]:
    items, current, quote = [], "", ""
    for char in inner:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            current += char
        elif char == ",":
            items.append(current.strip())
            current = ""
        else:
            current += char
    if quote:
        raise InputError(f"{where}, line {number}: a quoted list item is never closed.")
    if current.strip():
        items.append(current.strip())
    elif items:
        raise InputError(f"{where}, line {number}: a list has an empty item.")
    return items


def _scalar(raw: str, where: str, number: int) -> object:
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    if raw[:1] in ("\"", "'", "{", "[", "|", ">", "&", "*", "!"):
        raise InputError(f"{where}, line {number}: unsupported front matter value {raw[:40]!r}.")
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    return raw


def parse(text: str, where: str, *, strict: bool) -> tuple[FrontMatter, str]:
    """Return (front matter, Markdown body).

    ``strict`` (bundled articles): every key of REQUIRED_KEYS present, no others, with the right
    types. Otherwise (imports) missing keys are allowed and unknown keys are ignored, but the
    known ones must still be well-formed.
    """
    values, body, body_line = split(text, where)
    if strict:
        missing = [k for k in REQUIRED_KEYS if k not in values]
        if missing:
            raise InputError(f"{where}: the front matter lacks {', '.join(missing)}.")
        extra = sorted(set(values) - set(REQUIRED_KEYS))
        if extra:
            raise InputError(f"{where}: unknown front matter key {extra[0]!r}.")
    meta = FrontMatter(body_line=body_line)
    for key in ("title", "summary"):
        if key in values:
            value = values[key]
            if not isinstance(value, str) or not value.strip():
                raise InputError(f"{where}: front matter {key!r} must be non-empty text.")
            setattr(meta, key, value.strip())
    if "tags" in values:
        tags = values["tags"]
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            raise InputError(f"{where}: front matter 'tags' must be a list like [a, b].")
        meta.tags = [t.strip() for t in tags]
    if "reading_time" in values:
        minutes = values["reading_time"]
        if not isinstance(minutes, int) or not 1 <= minutes <= 600:
            raise InputError(f"{where}: front matter 'reading_time' must be whole minutes "
                             "between 1 and 600.")
        meta.reading_time = minutes
    if "date" in values:
        date = values["date"]
        try:
            if not isinstance(date, str) or not _DATE.match(date):
                raise ValueError
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"{where}: front matter 'date' must be a date YYYY-MM-DD.") from None
        meta.date = date
    return meta, body
