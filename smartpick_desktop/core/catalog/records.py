"""Turning raw values (spreadsheet text or pack JSON) into checked program field values.

``parse_cell`` reads one spreadsheet cell for a field ("45%", "Yes", "J-1, H-1B", "1,234",
"None", empty); ``check_record`` validates a whole record and resolves the specialty. Both report
problems as ``(field, reason)`` pairs so callers can name the row and column.
"""

from __future__ import annotations

import math
import re
from typing import Any

from smartpick_desktop.core.catalog.program import (
    BOOL_FIELDS,
    FLOAT_FIELDS,
    INT_FIELDS,
    PACK_FIELDS,
    SETTINGS,
    SHARE_FIELDS,
    TRACKS,
)
from smartpick_desktop.core.reference import load_reference, normalize_name
from smartpick_desktop.core.states import normalise_state

#: Spreadsheet-only pseudo field: one "Visa Statuses Accepted" column fills J-1 and H-1B.
VISA_FIELD = "visas"

_EMPTY = {"", "none", "n/a", "na", "-", "--", "—", "null", "unknown", "not applicable",
          "not reported", "nr", "?"}
_TRUE = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "sponsors", "accepted", "accepts"}
_FALSE = {"no", "n", "false", "f", "0", "does not sponsor", "not accepted"}

#: Extra specialty spellings seen in FREIDA/NRMP exports (folded as by ``normalize_name``).
_SPECIALTY_EXTRA = {
    "radiologydiagnostic": "Diagnostic Radiology",
    "diagnosticradiologynuclearmedicine": "Diagnostic Radiology",
    "surgerygeneral": "General Surgery",
    "generalsurgery": "General Surgery",
    "obstetricsgynecology": "Obstetrics and Gynecology",
    "pediatricscategorical": "Pediatrics",
    "internalmedicinecategorical": "Internal Medicine",
    "orthopedicsurgery": "Orthopaedic Surgery",
    "physicalmedicinerehabilitation": "Physical Medicine and Rehabilitation",
    "otolaryngologyheadandnecksurgery": "Otolaryngology",
    "plasticsurgeryintegrated": "Plastic Surgery",
    "thoracicsurgeryintegrated": "Thoracic Surgery",
    "vascularsurgeryintegrated": "Vascular Surgery",
    "transitionalyear": "Transitional Year",
    "psychiatrycategorical": "Psychiatry",
}

_LIMITS: dict[str, tuple[float, float]] = {
    "positions": (0, 1000), "min_step2": (1, 300), "typical_step2": (1, 300),
    "interviews_per_year": (0, 10_000), "latitude": (-90, 90), "longitude": (-180, 180),
    "reputation": (0, 100), "grad_year_cutoff": (1950, 2100), "max_failed_attempts": (0, 20),
}
_MAX_LEN = {"name": 300, "institution": 300, "city": 120, "website": 500}


class CellError(ValueError):
    """A cell that cannot be read; ``str`` is the reason."""


def is_empty(text: Any) -> bool:
    return text is None or (isinstance(text, str) and text.strip().casefold() in _EMPTY)


def _number(text: str) -> float:
    cleaned = text.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.lstrip("$").rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        raise CellError("is not a number") from None


def parse_int(value: Any) -> int | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError("is not a whole number")
    try:
        number = float(value) if isinstance(value, int | float) else _number(str(value))
    except CellError:
        raise CellError("is not a whole number") from None
    if number != number or number in (float("inf"), float("-inf")) or number != int(number):
        raise CellError("is not a whole number")
    return int(number)


def parse_float(value: Any) -> float | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError("is not a number")
    number = float(value) if isinstance(value, int | float) else _number(str(value))
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("is not a number")
    return number


def parse_share(value: Any, *, percent: bool = False) -> float | None:
    """A share as a fraction 0..1: "45%", "45" (a percent), "0.45" (a fraction unless the
    column is a percentage column)."""
    if is_empty(value):
        return None
    has_sign = isinstance(value, str) and "%" in value
    number = parse_float(value)
    if number is None:
        return None
    # a number cell <= 1 is a fraction (a spreadsheet's percent format stores 45% as 0.45)
    percent = percent and isinstance(value, str)
    if has_sign or percent or number > 1:
        number /= 100
    if not 0 <= number <= 1:
        raise CellError("is not a share between 0% and 100%")
    return round(number, 4)


def parse_bool(value: Any) -> bool | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("is not Yes or No")


def parse_visas(value: Any) -> tuple[bool | None, bool | None]:
    """"J-1, H-1B" -> (True, True); "None"/"No" -> (False, False); empty -> (None, None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).casefold()
    if text.strip() in {"none", "no", "n", "not applicable", "n/a", "0", "false"}:
        return False, False
    folded = re.sub(r"[^a-z0-9]", "", text)
    j1, h1b = "j1" in folded, "h1b" in folded or "h1" in folded
    if j1 or h1b:
        return j1, h1b
    if text.strip() in {"yes", "y", "true", "1"}:
        return True, None
    if re.sub(r"[^a-z0-9]", "", text) in {"f1", "o1", "e3", "tn", "other"}:
        return False, False
    raise CellError("is not a list of visas such as 'J-1, H-1B' or 'None'")


def parse_setting(value: Any) -> str | None:
    if is_empty(value):
        return None
    text = re.sub(r"[^a-z]+", " ", str(value).casefold()).strip()
    key = text.replace(" ", "_")
    if key in SETTINGS:
        return key
    if "military" in text:
        return "military"
    if "community" in text and ("universit" in text or "affiliat" in text):
        return "community_university"
    if "universit" in text or "academic" in text:
        return "university"
    if "community" in text:
        return "community"
    raise CellError("is not a known setting (university, community-university affiliated, "
                    "community or military)")


def parse_track(value: Any) -> str | None:
    """categorical / preliminary / transitional, from the words exports use (C, P, TY...)."""
    if is_empty(value):
        return None
    text = re.sub(r"[^a-z]+", " ", str(value).casefold()).strip()
    if text in TRACKS:
        return text
    if text in {"c", "cat"} or text.startswith("categorical"):
        return "categorical"
    if text in {"p", "prelim"} or text.startswith("prelim"):
        return "preliminary"
    if text in {"ty", "t", "transitional"} or text.startswith("transitional"):
        return "transitional"
    raise CellError("is not a known track (categorical, preliminary or transitional)")


def parse_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        value = int(value)
    return " ".join(str(value).split())


def parse_cell(field: str, value: Any, *, percent: bool = False) -> Any:
    """Read one cell for ``field``; raise :class:`CellError` with the reason."""
    if field in SHARE_FIELDS:
        return parse_share(value, percent=percent)
    if field in INT_FIELDS:
        return parse_int(value)
    if field in FLOAT_FIELDS:
        return parse_float(value)
    if field in BOOL_FIELDS:
        return parse_bool(value)
    if field == VISA_FIELD:
        return parse_visas(value)
    if field == "setting":
        return parse_setting(value)
    if field == "track":
        return parse_track(value)
    if field == "acgme_id":
        if is_empty(value):
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            if not math.isfinite(value) or not 0 <= value < 10**10:
                raise CellError("is not a 10-digit ACGME ID")
            value = f"{int(value):010d}"  # a spreadsheet drops leading zeros of numbers
        return re.sub(r"[\s-]", "", str(value))
    if field == "state":
        return None if is_empty(value) else parse_text(value)
    return parse_text(value)


def resolve_specialty(name: str) -> str | None:
    """The canonical specialty for a name or alias (reference data plus export spellings)."""
    ref = load_reference()
    found = ref.find_specialty(name)
    if found is not None:
        return found.name
    return _SPECIALTY_EXTRA.get(normalize_name(name))


def _number_text(value: int | float) -> str:
    """A number for a message (a huge integer shortened, never an OverflowError)."""
    text = str(value) if isinstance(value, int) else f"{value:g}"
    return text if len(text) <= 20 else text[:17] + "…"


def check_record(values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Validate typed values; return (clean record with every pack field, problems)."""
    problems: list[tuple[str, str]] = []
    record: dict[str, Any] = {name: None for name in PACK_FIELDS}
    record.update({"institution": "", "city": "", "website": ""})
    for name, value in values.items():
        if name in PACK_FIELDS:
            if isinstance(value, list | dict | tuple | set):
                problems.append((name, "must be a single value, not a list or an object"))
                value = None
            elif isinstance(value, float) and not math.isfinite(value):
                problems.append((name, "is not a finite number"))
                value = None
            record[name] = value
    for name in ("name", "institution", "city", "website", "specialty"):
        record[name] = parse_text(record[name])
    if not record["name"]:
        problems.append(("name", "is empty; every program needs a name"))
    if not record["specialty"]:
        problems.append(("specialty", "is empty"))
    else:
        canonical = resolve_specialty(record["specialty"])
        if canonical is None:
            problems.append(("specialty", f"'{record['specialty']}' is not a known specialty"))
        else:
            record["specialty"] = canonical
    if record["state"] is not None:
        code = normalise_state(str(record["state"]))
        if code is None:
            problems.append(("state", f"'{record['state']}' is not a US state or territory"))
        record["state"] = code
    acgme = record["acgme_id"]
    if acgme is not None:
        acgme = str(acgme)
        if not re.fullmatch(r"\d{10}", acgme):
            problems.append(("acgme_id", f"'{acgme}' is not a 10-digit ACGME ID"))
        record["acgme_id"] = acgme
    if record["setting"] is not None and (not isinstance(record["setting"], str)
                                          or record["setting"] not in SETTINGS):
        problems.append(("setting", f"'{record['setting']}' is not a known setting"))
    if record["track"] is not None and record["track"] not in TRACKS:
        problems.append(("track", f"'{record['track']}' is not a known track"))
    for name, (low, high) in _LIMITS.items():
        value = record[name]
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append((name, f"'{value}' is not a number"))
        elif not low <= value <= high:
            problems.append((name, f"{_number_text(value)} is outside {low:g}–{high:g}"))
        elif name in INT_FIELDS and value != int(value):
            problems.append((name, f"{_number_text(value)} is not a whole number"))
        else:
            record[name] = int(value) if name in INT_FIELDS else float(value)
    for name in SHARE_FIELDS:
        value = record[name]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or not 0 <= value <= 1):
            problems.append((name, f"'{value}' is not a share between 0 and 1"))
    for name in BOOL_FIELDS:
        if record[name] is not None and not isinstance(record[name], bool):
            problems.append((name, f"'{record[name]}' is not true or false"))
    website = record["website"]
    if website and not re.match(r"^https?://", website, re.I):
        if re.match(r"^[\w.-]+\.[a-z]{2,}(/.*)?$", website, re.I):
            record["website"] = "https://" + website
        else:
            problems.append(("website", f"'{website}' is not a web address"))
    for name, limit in _MAX_LEN.items():
        if len(record[name]) > limit:
            problems.append((name, f"is longer than {limit} characters"))
    return record, problems
