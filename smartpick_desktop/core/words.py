"""Small helpers for sentences a student reads: counts with the right plural."""

from __future__ import annotations


def plural(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, "e-mail")`` → "1 e-mail"; ``plural(3, "e-mail")`` → "3 e-mails"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    number = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{number} {word}"


def parse_amount(text: str, *, dollars: bool = False) -> int:
    """A whole number as people type it: "1500", "1,500", and with ``dollars`` also "$1,500"
    or "1500.00". Raises ValueError for anything else."""
    cleaned = text.strip()
    if dollars:
        cleaned = cleaned.removeprefix("$").strip()
        if cleaned.endswith(".00"):
            cleaned = cleaned[:-3]
    cleaned = cleaned.replace(",", "")
    if not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)
