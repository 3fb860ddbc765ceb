"""The applicant profile: a dataclass, its validation, JSON version 1 and its storage.

Validation lives in one table of per-field checks (``FIELD_CHECKS``) that the JSON import, the
CLI and the wizard's live validation all use, so a reason reads the same everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Integer, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.states import US_STATES
from smartpick_desktop.core.store.base import Base
from smartpick_desktop.core.textio import check_json_value, read_limited, strict_json

#: A profile file is a few KB; anything past this is not one.
MAX_PROFILE_BYTES = 1024 * 1024

PROFILE_VERSION = 1

APPLICANT_TYPES: dict[str, str] = {
    "us_md": "US MD",
    "us_do": "US DO",
    "us_img": "US IMG",
    "non_us_img": "Non-US IMG",
}
HONORS: dict[str, str] = {
    "aoa": "Alpha Omega Alpha (AOA)",
    "gold_humanism": "Gold Humanism Honor Society",
    "sigma_sigma_phi": "Sigma Sigma Phi",
}
VISAS: dict[str, str] = {"none": "No visa needed", "j1": "J-1", "h1b": "H-1B"}
ECFMG_STATUSES: dict[str, str] = {
    "certified": "ECFMG certified",
    "in_progress": "In progress (exams or credentials pending)",
    "not_started": "Not started",
    "not_applicable": "Not applicable (US graduate)",
}
SETTINGS: dict[str, str] = {
    "university": "University-based",
    "community_university": "Community-based, university-affiliated",
    "community": "Community-based",
    "military": "Military",
}
SIZES: dict[str, str] = {"small": "Small (≤ 6 PGY-1)", "medium": "Medium (7–15)",
                         "large": "Large (16+)"}
WEIGHT_KEYS: tuple[str, ...] = ("location", "setting", "size", "reputation", "chance")
DEFAULT_WEIGHTS: dict[str, float] = {
    "location": 0.3, "setting": 0.15, "size": 0.05, "reputation": 0.2, "chance": 0.3,
}


class ProfileError(InputError):
    """A profile value was rejected; ``field`` names the key."""

    def __init__(self, field_name: str, reason: str) -> None:
        self.field = field_name
        self.reason = reason
        super().__init__(f'field "{field_name}" {reason}')


@dataclass
class Profile:
    """Everything the student tells SmartPick about themselves (JSON v1 keys)."""

    applicant_type: str = "us_md"
    specialty: str = "Internal Medicine"
    name: str = ""
    graduation_year: int | None = None
    home_state: str | None = None
    home_city: str = ""
    step1: str | int | None = None
    step2_ck: int | None = None
    step2_ck_expected: int | None = None
    comlex_level1: str | int | None = None
    comlex_level2: int | None = None
    failed_attempts: int = 0
    research_items: int = 0
    work_experiences: int = 0
    volunteer_experiences: int = 0
    honors: list[str] = field(default_factory=list)
    clerkship_honors: int = 0
    us_clinical_months: int = 0
    red_flags: str = ""
    visa: str = "none"
    ecfmg_status: str | None = None
    backup_specialty: str | None = None
    couples: bool = False
    budget_usd: int | None = None
    target_programs: int | None = None
    preferred_states: list[str] = field(default_factory=list)
    max_distance_miles: int | None = None
    preferred_settings: list[str] = field(default_factory=list)
    preferred_size: str | None = None
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def step2_for_model(self) -> int | None:
        """The Step 2 CK the model uses: the real score, else the expected one."""
        return self.step2_ck if self.step2_ck is not None else self.step2_ck_expected

    @property
    def step2_is_expected(self) -> bool:
        return self.step2_ck is None and self.step2_ck_expected is not None

    def years_since_graduation(self, today: dt.date | None = None) -> int:
        """Whole years since graduation (0 before or in the graduation year)."""
        if self.graduation_year is None:
            return 0
        year = (today or dt.date.today()).year
        return max(0, year - self.graduation_year)

    def has_graduated(self, today: dt.date | None = None) -> bool:
        """True once the graduation year is over (a graduate, no longer a student)."""
        return (self.graduation_year is not None
                and self.graduation_year < (today or dt.date.today()).year)

    @property
    def is_img(self) -> bool:
        return self.applicant_type in ("us_img", "non_us_img")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON v1 mapping (unknown keys read earlier are written back)."""
        data: dict[str, Any] = dict(self.extra)
        data["version"] = PROFILE_VERSION
        for f in dataclasses.fields(self):
            if f.name != "extra":
                value = getattr(self, f.name)
                data[f.name] = list(value) if isinstance(value, list) else value
        data["weights"] = dict(self.weights)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Profile:
        """Build and validate a profile from a JSON v1 mapping; raise ProfileError."""
        if not isinstance(data, dict):
            raise ProfileError("(top level)", "must be a JSON object {…}, not "
                               f"{_json_kind(data)}")
        version = data.get("version", PROFILE_VERSION)
        if isinstance(version, bool) or not isinstance(version, int):
            raise ProfileError("version", "must be the number 1")
        if version > PROFILE_VERSION:
            raise ProfileError("version", f"is {version}, newer than this app reads "
                               f"(version {PROFILE_VERSION}); please update SmartPick")
        if version < 1:
            raise ProfileError("version", f"is {version}; only version 1 exists")
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        values: dict[str, Any] = {}
        for key in known:
            if key in data:
                values[key] = FIELD_CHECKS[key](data[key])
        if "applicant_type" not in data:
            raise ProfileError("applicant_type", "is missing; use one of "
                               + ", ".join(APPLICANT_TYPES))
        if "specialty" not in data:
            raise ProfileError("specialty", "is missing")
        extra = {k: v for k, v in data.items() if k not in known and k != "version"}
        for key, value in extra.items():  # kept and written back: must be valid JSON too
            try:
                check_json_value([key, value])
            except ValueError as err:
                raise ProfileError(str(key), str(err)) from None
        profile = cls(**values, extra=extra)
        check_consistency(profile)
        return profile

    def copy(self) -> Profile:
        return Profile.from_dict(json.loads(json.dumps(self.to_dict())))


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list [...]"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


def _describe(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "…"
        return f'the text "{shown}"'
    return json.dumps(value)[:40]


# --- per-field checks: each returns the cleaned value or raises ProfileError ---------------------

def _int_range(name: str, low: int, high: int, *, nullable: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer() and low <= value <= high:
                return int(value)
            raise ProfileError(name, f"must be a whole number from {low} to {high}, "
                               f"not {_describe(value)}")
        if not low <= value <= high:
            raise ProfileError(name, f"must be from {low} to {high} (got {value})")
        return value
    return check


def _choice(name: str, choices: dict[str, str], *, nullable: bool = False) -> Callable:
    def check(value: Any) -> str | None:
        if value is None and nullable:
            return None
        if not isinstance(value, str) or value not in choices:
            raise ProfileError(name, f"must be one of {', '.join(choices)} "
                               f"(got {_describe(value)})")
        return value
    return check


def _text(name: str, max_len: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ProfileError(name, f"must be text, not {_describe(value)}")
        if len(value) > max_len:
            raise ProfileError(name, f"is longer than {max_len} characters")
        return value.strip()
    return check


def _pass_fail_or_score(name: str, low: int, high: int) -> Callable[[Any], Any]:
    score = _int_range(name, low, high, nullable=True)

    def check(value: Any) -> str | int | None:
        if value in ("pass", "fail"):
            return value
        if isinstance(value, str):
            raise ProfileError(name, f'must be "pass", "fail", null or a score from {low} to '
                               f"{high} (got {_describe(value)})")
        return score(value)
    return check


def check_state(value: Any, name: str = "home_state") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.upper() not in US_STATES:
        raise ProfileError(name, f"must be a two-letter US state code such as OH, or null "
                           f"(got {_describe(value)})")
    return value.upper()


def _state_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ProfileError("preferred_states", "must be a list of two-letter state codes")
    return list(dict.fromkeys(check_state(v, "preferred_states") for v in value if v is not None))


def _list_of(name: str, choices: dict[str, str]) -> Callable[[Any], list[str]]:
    one = _choice(name, choices)

    def check(value: Any) -> list[str]:
        if not isinstance(value, list):
            raise ProfileError(name, f"must be a list of: {', '.join(choices)}")
        return list(dict.fromkeys(one(v) for v in value))
    return check


def check_specialty(value: Any, name: str = "specialty", *, nullable: bool = False) -> str | None:
    """Resolve a specialty name or alias to its canonical name from the reference data."""
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(name, "must name a specialty, e.g. \"Internal Medicine\"")
    from smartpick_desktop.core.reference import load_reference

    try:
        return load_reference().specialty(value).name
    except KeyError:
        raise ProfileError(name, f"is not a specialty SmartPick knows ({_describe(value)})") \
            from None


def _bool(name: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise ProfileError(name, f"must be true or false, not {_describe(value)}")
        return value
    return check


def _weights(value: Any) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ProfileError("weights", "must be an object such as {\"location\": 0.3, …}")
    weights = dict(DEFAULT_WEIGHTS)
    for key, weight in value.items():
        if key not in WEIGHT_KEYS:
            raise ProfileError(f"weights.{key}", f"is not a factor; use {', '.join(WEIGHT_KEYS)}")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight != weight:
            raise ProfileError(f"weights.{key}", f"must be a number, not {_describe(weight)}")
        if weight < 0 or weight > 1:
            raise ProfileError(f"weights.{key}", f"must be from 0 to 1 (got {weight})")
        weights[key] = float(weight)
    return weights


def _honors(value: Any) -> list[str]:
    return _list_of("honors", HONORS)(value)


FIELD_CHECKS: dict[str, Callable[[Any], Any]] = {
    "name": _text("name", 200),
    "applicant_type": _choice("applicant_type", APPLICANT_TYPES),
    "graduation_year": _int_range("graduation_year", 1950, 2040, nullable=True),
    "home_state": check_state,
    "home_city": _text("home_city", 120),
    "step1": _pass_fail_or_score("step1", 1, 300),
    "step2_ck": _int_range("step2_ck", 1, 300, nullable=True),
    "step2_ck_expected": _int_range("step2_ck_expected", 1, 300, nullable=True),
    "comlex_level1": _pass_fail_or_score("comlex_level1", 9, 999),
    "comlex_level2": _int_range("comlex_level2", 9, 999, nullable=True),
    "failed_attempts": _int_range("failed_attempts", 0, 20, nullable=False),
    "research_items": _int_range("research_items", 0, 500, nullable=False),
    "work_experiences": _int_range("work_experiences", 0, 100, nullable=False),
    "volunteer_experiences": _int_range("volunteer_experiences", 0, 100, nullable=False),
    "honors": _honors,
    "clerkship_honors": _int_range("clerkship_honors", 0, 20, nullable=False),
    "us_clinical_months": _int_range("us_clinical_months", 0, 240, nullable=False),
    "red_flags": _text("red_flags", 2000),
    "visa": _choice("visa", VISAS),
    "ecfmg_status": _choice("ecfmg_status", ECFMG_STATUSES, nullable=True),
    "specialty": check_specialty,
    "backup_specialty": lambda v: check_specialty(v, "backup_specialty", nullable=True),
    "couples": _bool("couples"),
    "budget_usd": _int_range("budget_usd", 0, 100_000, nullable=True),
    "target_programs": _int_range("target_programs", 1, 1000, nullable=True),
    "preferred_states": _state_list,
    "max_distance_miles": _int_range("max_distance_miles", 1, 10_000, nullable=True),
    "preferred_settings": _list_of("preferred_settings", SETTINGS),
    "preferred_size": _choice("preferred_size", SIZES, nullable=True),
    "weights": _weights,
}


def check_consistency(profile: Profile) -> None:
    """Checks across fields (raise ProfileError naming the field to fix)."""
    if profile.backup_specialty and profile.backup_specialty == profile.specialty:
        raise ProfileError("backup_specialty", "must differ from the primary specialty")
    if sum(profile.weights.values()) <= 0:
        raise ProfileError("weights", "must not all be zero")


# --- storage -----------------------------------------------------------------------------------

class ProfileRow(Base):
    """The single stored profile (JSON v1 text)."""

    __tablename__ = "profile"
    __table_args__ = (CheckConstraint("id = 1", name="ck_profile_single_row"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


def load_profile(session: Session) -> Profile | None:
    """Return the saved profile, or None before the student has made one."""
    row = session.get(ProfileRow, 1)
    if row is None:
        return None
    try:
        data = strict_json(row.data)
    except (ValueError, TypeError) as err:
        raise ProfileError("(saved profile)", f"cannot be read ({err}); import a profile "
                           "file again") from None
    return Profile.from_dict(data)


def save_profile(session: Session, profile: Profile) -> None:
    """Validate and save the profile, replacing the previous one."""
    checked = Profile.from_dict(profile.to_dict())
    session.merge(ProfileRow(id=1, data=json.dumps(checked.to_dict(), ensure_ascii=False),
                             updated_at=dt.datetime.now()))


def read_profile_file(path: Path) -> Profile:
    """Read and validate a profile JSON file; raise InputError naming the file and field."""
    raw = read_limited(path, MAX_PROFILE_BYTES, "Profile file")
    if not raw.strip():
        raise InputError(f"Profile file {path}: the file is empty.")
    try:
        data = strict_json(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"Profile file {path}: not UTF-8 text.") from None
    except json.JSONDecodeError as err:
        raise InputError(f"Profile file {path}: not valid JSON (line {err.lineno}, column "
                         f"{err.colno}: {err.msg}).") from None
    except ValueError as err:
        raise InputError(f"Profile file {path}: not valid JSON ({err}).") from None
    try:
        return Profile.from_dict(data)
    except ProfileError as err:
        raise InputError(f"Profile file {path}: {err}.") from None


def write_profile_file(profile: Profile, path: Path) -> None:
    """Write the profile as JSON v1 (UTF-8, keys sorted, readable)."""
    from smartpick_desktop.core.files import write_atomic

    text = json.dumps(profile.to_dict(), ensure_ascii=False, indent=2, sort_keys=True,
                      allow_nan=False)
    write_atomic(path, text + "\n", "Profile file")


def demo_profile() -> Profile:
    """A made-up US MD applicant in Internal Medicine for exploring the app (labelled demo)."""
    return Profile(
        name="Demo Student (demo profile)", applicant_type="us_md", graduation_year=2027,
        home_state="OH", home_city="Columbus", step1="pass", step2_ck=248, research_items=6,
        work_experiences=3, volunteer_experiences=5, honors=["gold_humanism"], clerkship_honors=3,
        specialty="Internal Medicine", budget_usd=1500, preferred_states=["OH", "MI", "PA"],
        preferred_settings=["university"], extra={"demo": True},
    )
