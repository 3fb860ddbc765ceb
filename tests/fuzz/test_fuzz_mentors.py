"""Contacts import (vCard 2.1/3.0/4.0 and CSV): imports or InputError, never half-written."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from smartpick_desktop.core.mentors import exchange
from smartpick_desktop.core.mentors.csvio import COLUMNS

from .conftest import FUZZ, TEXT, imports_or_refuses

PROPS = ["FN", "N", "EMAIL", "EMAIL;TYPE=INTERNET", "TEL;TYPE=CELL", "ORG", "TITLE", "NOTE",
         "ROLE", "URL", "ADR;TYPE=WORK", "CATEGORIES", "X-CUSTOM", "PHOTO;ENCODING=b",
         "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8", "item1.EMAIL", "BEGIN", "END"]
LINE = st.tuples(st.sampled_from(PROPS), TEXT).map(lambda p: f"{p[0]}:{p[1]}")


@st.composite
def vcards(draw):
    cards = []
    for _ in range(draw(st.integers(0, 3))):
        lines = ["BEGIN:VCARD",
                 f"VERSION:{draw(st.sampled_from(['2.1', '3.0', '4.0', '9', '']))}"]
        lines += draw(st.lists(LINE, max_size=6))
        if draw(st.booleans()):
            lines.append("END:VCARD")
        cards.append(lines)
    text = "\r\n".join(line for card in cards for line in card)
    if draw(st.booleans()):  # fold long lines as vCard writers do
        text = text.replace("a", "a\r\n ", 2)
    return text


@FUZZ
@given(text=vcards(), encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_vcards(fuzz_store, fuzz_dir, text, encoding):
    path = fuzz_dir / "contacts.vcf"
    path.write_bytes(text.encode(encoding, errors="replace"))
    imports_or_refuses(fuzz_store, lambda s: exchange.import_file(s, path))


@FUZZ
@given(header=st.lists(st.sampled_from([*COLUMNS, "Name", "E-mail", "x", ""]), min_size=1,
                       max_size=6),
       rows=st.lists(st.lists(TEXT, max_size=7), max_size=5))
def test_contacts_csv(fuzz_store, fuzz_dir, header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    path = fuzz_dir / "contacts.csv"
    path.write_text(out.getvalue(), encoding="utf-8", errors="replace")
    imports_or_refuses(fuzz_store, lambda s: exchange.import_file(s, path))


@FUZZ
@given(raw=st.binary(max_size=300), suffix=st.sampled_from([".vcf", ".csv"]))
def test_any_bytes(fuzz_store, fuzz_dir, raw, suffix):
    path = fuzz_dir / f"raw{suffix}"
    path.write_bytes(raw)
    imports_or_refuses(fuzz_store, lambda s: exchange.import_file(s, path))
