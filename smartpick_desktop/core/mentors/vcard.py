"""vCard (.vcf) import and export through vobject.

Real address books write vCard 2.1, 3.0 and 4.0 with quirks vobject alone trips on (unindented
base64 photos, quoted-printable soft line breaks, ``PROFILE:VCard`` lines, CHARSET parameters). So
each file is first cut into logical lines here: folded lines are joined, quoted-printable values
decoded, binary properties (PHOTO, LOGO, SOUND, KEY) dropped, and only the properties SmartPick
keeps are handed to vobject, as vCard 3.0. Export writes vCard 3.0 with vobject.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass
from pathlib import Path

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.files import write_atomic
from smartpick_desktop.core.mentors.contacts import ROLES, STAGES, Contact, normalize_tags
from smartpick_desktop.core.textio import decode_text, read_limited

#: Properties read from a card; everything else is ignored.
KEPT = {"VERSION", "N", "FN", "EMAIL", "TEL", "ORG", "TITLE", "NOTE", "CATEGORIES", "X-SMARTPICK-ROLE",
        "X-SMARTPICK-STAGE", "X-SMARTPICK-SPECIALTY", "X-SMARTPICK-HOW-MET",
        "X-SMARTPICK-WHERE-MET"}
BINARY = {"PHOTO", "LOGO", "SOUND", "KEY"}
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)((?:;[^:]*)?):(.*)$", re.S)
_NAME_START = re.compile(r"^(?:[A-Za-z0-9_-]+\.)?[A-Za-z0-9_-]+[;:]")


@dataclass
class _Line:
    name: str
    params: list[str]
    value: str


#: An address book of thousands of contacts is a few MB (photos are dropped anyway).
MAX_CONTACTS_BYTES = 64 * 1024 * 1024
#: Character sets a quoted-printable value may declare (UTF-7 and UTF-16 can smuggle broken
#: characters in; no address book writes them).
_CHARSETS = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1",
             "iso-8859-2", "iso-8859-15", "windows-1250", "windows-1252", "cp1252", "cp1250"}


def read_text(path: Path) -> str:
    """Read a contacts file as UTF-8 (with or without BOM), else clean Windows-1252; a file
    mixing both is refused (see ``textio.decode_text``)."""
    raw = read_limited(path, MAX_CONTACTS_BYTES, "Contacts file")
    head = raw[:8192]
    if b"\0" in head or sum(1 for b in head if b < 32 and b not in b"\r\n\t\f") > 8:
        kind = "CSV" if Path(path).suffix.lower() == ".csv" else "vCard"
        raise InputError(f"{path} is not a {kind} file (it holds binary data).")
    return decode_text(raw, f"Contacts file {path}")[0]


def read_vcards(path: Path) -> list[Contact]:
    """Parse every card of a .vcf file into contacts (not saved).

    Raises:
        InputError: the file is empty, is not a vCard file, is cut off inside a card, or has a
            card with no name, e-mail or organization.
    """
    return parse_vcards(read_text(path), str(path))


def parse_vcards(text: str, where: str = "The vCard file") -> list[Contact]:
    if not text.strip():
        raise InputError(f"{where} is empty.")
    cards = _split_cards(text, where)
    if not cards:
        raise InputError(f"{where} is not a vCard file (no BEGIN:VCARD line).")
    return [_card_to_contact(lines, where, number) for number, lines in enumerate(cards, 1)]


def _logical_lines(text: str) -> list[str]:
    """Unfold lines: RFC folding (leading space/tab) and quoted-printable soft breaks."""
    out: list[str] = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    qp_open = False
    for raw in raw_lines:
        if qp_open and out:
            out[-1] = out[-1][:-1] + raw  # soft break: drop the '=' and join verbatim
        elif raw[:1] in (" ", "\t") and out:
            out[-1] += raw[1:]
        elif not raw.strip():
            out.append("")
            continue
        else:
            out.append(raw)
        last = out[-1]
        head = last.split(":", 1)[0].upper()
        qp_open = "QUOTED-PRINTABLE" in head and last.endswith("=") and ":" in last
    return out


def _split_cards(text: str, where: str) -> list[list[_Line]]:
    cards: list[list[_Line]] = []
    current: list[_Line] | None = None
    depth = 0
    skipping_binary = False
    for line in _logical_lines(text):
        match = _PROPERTY.match(line) if _NAME_START.match(line) else None
        if match is None:
            continue  # blank line, unindented base64 of a photo, or stray text
        name = match.group(1).upper()
        value = match.group(3)
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if current is None:
                current, depth = [], 1
            else:
                depth += 1  # a nested card (agent): ignored
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            if current is None:
                raise InputError(f"{where} has END:VCARD without a BEGIN:VCARD.")
            depth -= 1
            if depth == 0:
                cards.append(current)
                current = None
            continue
        if current is None or depth > 1:
            continue
        skipping_binary = name in BINARY
        if skipping_binary or name not in KEPT:
            continue
        params = [p for p in match.group(2).split(";") if p]
        current.append(_Line(name, params, value))
    if current is not None:
        raise InputError(f"{where} ends inside card {len(cards) + 1} (no END:VCARD): the file "
                         "looks truncated.")
    return cards


def _decode(line: _Line, where: str, number: int) -> str:
    """The line's value as text, quoted-printable and charset decoded."""
    upper = [p.upper() for p in line.params]
    qp = any(p in ("ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE") for p in upper)
    if not qp:
        return line.value
    charset = next((p.split("=", 1)[1].strip('"') for p in upper if p.startswith("CHARSET=")),
                   "UTF-8")
    if charset.lower() not in _CHARSETS:
        raise InputError(f"{where} card {number}: {line.name} uses the character set "
                         f"{charset}, which SmartPick does not read; export the contacts as "
                         "UTF-8.")
    raw = quopri.decodestring(line.value.encode("latin-1", errors="replace"))
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return raw.decode("latin-1")


def _types(line: _Line) -> set[str]:
    types: set[str] = set()
    for p in line.params:
        key, eq, value = p.partition("=")
        if not eq:
            types.add(key.upper())
        elif key.upper() == "TYPE":
            types.update(v.strip('"').upper() for v in value.split(","))
        elif key.upper() == "PREF":
            types.add("PREF")
    return types


def _card_to_contact(lines: list[_Line], where: str, number: int) -> Contact:
    import vobject

    version_21 = any(line.name == "VERSION" and line.value.strip() == "2.1" for line in lines)
    clean: list[str] = ["BEGIN:VCARD", "VERSION:3.0"]
    ranked: dict[str, list[tuple[int, str]]] = {"EMAIL": [], "TEL": []}
    texts: dict[str, str] = {}
    for index, line in enumerate(lines):
        if line.name == "VERSION":
            continue
        value = _decode(line, where, number)
        if line.name in _TEXT_PROPS:
            texts.setdefault(line.name, _unescape(value, version_21))
            continue
        if line.name in ("EMAIL", "TEL"):
            types = _types(line)
            rank = 0 if "PREF" in types else (1 if line.name == "TEL" and "CELL" in types
                                              else 2)
            if line.name == "TEL" and "FAX" in types:
                rank = 4
            ranked[line.name].append((rank * 1000 + index, _plain(value, version_21)))
            continue
        if version_21:  # 2.1: commas and backslashes are literal, only ';' separates
            value = value.replace("\\;", "\0").replace("\\", "\\\\").replace(",", "\\,")
            value = value.replace("\0", "\\;")
        if "\n" in value:
            value = value.replace("\r\n", "\n").replace("\n", "\\n")
        clean.append(f"{line.name}:{value}")
    clean.append("END:VCARD")
    try:
        card = vobject.readOne("\r\n".join(clean) + "\r\n", ignoreUnreadable=True)
    except Exception as err:  # noqa: BLE001 - vobject raises many types
        raise InputError(f"{where}: card {number} cannot be read: {err}.") from err

    def first(name: str) -> object:
        items = card.contents.get(name.lower())
        return items[0].value if items else None

    name = texts.get("FN", "")
    if not name:
        n = first("n")
        if n is not None:
            parts = [n.prefix, n.given, n.additional, n.family, n.suffix]
            name = " ".join(" ".join(_flat(p)) for p in parts if _flat(p)).strip()
    org = first("org")
    organisation = _flat(org)[0] if org is not None and _flat(org) else ""
    email = _pick(ranked["EMAIL"])
    phone = _pick(ranked["TEL"])
    name = " ".join(name.split())
    if not name:
        name = organisation or email
    if not name:
        raise InputError(f"{where}: card {number} has no name, e-mail or organization.")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        email = ""
    role = texts.get("X-SMARTPICK-ROLE", "").lower()
    stage = texts.get("X-SMARTPICK-STAGE", "").lower()
    categories = card.contents.get("categories", [])
    tags = normalize_tags(part for c in categories for t in _flat(c.value)
                          for part in t.split(","))
    return Contact(
        name=name[:200], email=email[:320], phone=phone[:80], institution=organisation[:200],
        title=texts.get("TITLE", "")[:200], notes=texts.get("NOTE", "").strip("\n"),
        role=role if role in ROLES else "other", stage=stage if stage in STAGES else "new",
        specialty=texts.get("X-SMARTPICK-SPECIALTY", "")[:120],
        how_met=texts.get("X-SMARTPICK-HOW-MET", "")[:200],
        where_met=texts.get("X-SMARTPICK-WHERE-MET", "")[:200], tags=tags,
    )


_TEXT_PROPS = {"FN", "TITLE", "NOTE", "X-SMARTPICK-ROLE", "X-SMARTPICK-STAGE",
               "X-SMARTPICK-SPECIALTY", "X-SMARTPICK-HOW-MET", "X-SMARTPICK-WHERE-MET"}
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


def _unescape(value: str, version_21: bool) -> str:
    """Text value of a single-valued property (3.0/4.0 backslash escapes; 2.1 only ``\\;``)."""
    value = value.replace("\r\n", "\n")
    if version_21:
        return value.replace("\\;", ";").strip()
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), value).strip()


def _plain(value: str, _v21: bool) -> str:
    value = value.strip()
    if value.lower().startswith("tel:"):
        value = value[4:].replace(";ext=", " ext. ")
    if value.lower().startswith("mailto:"):
        value = value[7:]
    return value.replace("\\,", ",").replace("\\;", ";")


def _pick(ranked: list[tuple[int, str]]) -> str:
    for _, value in sorted(ranked):
        if value:
            return value
    return ""


def _flat(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [s for v in value for s in _flat(v)]
    text = str(value).strip()
    return [text] if text else []


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_flat(value))
    return str(value).strip()


def write_vcards(contacts: list[Contact], path: Path) -> None:
    """Write contacts as vCard 3.0 (UTF-8, CRLF, folded by vobject)."""
    write_atomic(path, vcards_text(contacts), "Contacts file")


def vcards_text(contacts: list[Contact]) -> str:
    import vobject

    chunks = []
    for c in contacts:
        card = vobject.vCard()
        card.add("fn").value = c.name
        words = c.name.split()
        family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (c.name, "")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if c.email:
            email = card.add("email")
            email.value = c.email
            email.type_param = "INTERNET"
        if c.phone:
            card.add("tel").value = c.phone
        if c.institution:
            card.add("org").value = [c.institution]
        if c.title:
            card.add("title").value = c.title
        if c.notes:
            card.add("note").value = c.notes
        if c.tags:
            card.add("categories").value = list(c.tags)
        card.add("x-smartpick-role").value = c.role
        card.add("x-smartpick-stage").value = c.stage
        for key, value in (("x-smartpick-specialty", c.specialty),
                           ("x-smartpick-how-met", c.how_met),
                           ("x-smartpick-where-met", c.where_met)):
            if value:
                card.add(key).value = value
        chunks.append(card.serialize())
    return "".join(chunks)
