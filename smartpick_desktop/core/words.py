"""Small helpers for sentences a student reads: counts with the right plural."""

from __future__ import annotations


def plural(count: int | float, singular: str, plural_form: str | None = None) -> str:
    """``plural(1, "e-mail")`` → "1 e-mail"; ``plural(3, "e-mail")`` → "3 e-mails"."""
    word = singular if count == 1 else (plural_form or singular + "s")
    number = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{number} {word}"
