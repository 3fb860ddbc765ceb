"""The :class:`Program` record, its fields, settings, statuses and provenance labels."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from smartpick_desktop.core.profile import SETTINGS as PROFILE_SETTINGS

#: Program settings (FREIDA's "Program best described as"), key -> label: the same choices the
#: profile's preferences offer.
SETTINGS: dict[str, str] = PROFILE_SETTINGS

#: Position tracks, key -> label: categorical (the whole residency), preliminary (one or two
#: years before an advanced position, or a safety net) and transitional year. Unknown = None,
#: read as categorical.
TRACKS: dict[str, str] = {
    "categorical": "Categorical",
    "preliminary": "Preliminary",
    "transitional": "Transitional year",
}

#: Tracking statuses in the order a season goes, key -> label.
STATUSES: dict[str, str] = {
    "considering": "Considering",
    "applying": "Applying",
    "applied": "Applied",
    "invited": "Invited",
    "interview_scheduled": "Interview scheduled",
    "interviewed": "Interviewed",
    "ranked": "Ranked",
    "withdrawn": "Withdrawn",
    "rejected": "Rejected",
}

#: Pack fields of a program (stored in the ``programs`` table) in display order, with labels.
PACK_FIELDS: dict[str, str] = {
    "acgme_id": "ACGME ID",
    "name": "Program",
    "institution": "Institution",
    "specialty": "Specialty",
    "city": "City",
    "state": "State",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "setting": "Setting",
    "track": "Track",
    "positions": "PGY-1 positions",
    "share_md": "US MD share",
    "share_do": "DO share",
    "share_img": "IMG share",
    "visa_j1": "Sponsors J-1",
    "visa_h1b": "Sponsors H-1B",
    "min_step2": "Minimum Step 2 CK",
    "typical_step2": "Typical Step 2 CK",
    "interviews_per_year": "Interviews per year",
    "signals_accepted": "Accepts signals",
    "website": "Website",
    "reputation": "Reputation (0–100)",
    "grad_year_cutoff": "Graduated in or after",
    "max_failed_attempts": "Failed attempts accepted",
}

INT_FIELDS = ("positions", "min_step2", "typical_step2", "interviews_per_year",
              "grad_year_cutoff", "max_failed_attempts")
SHARE_FIELDS = ("share_md", "share_do", "share_img")
BOOL_FIELDS = ("visa_j1", "visa_h1b", "signals_accepted")
FLOAT_FIELDS = ("latitude", "longitude", "reputation")
TEXT_FIELDS = ("acgme_id", "name", "institution", "specialty", "city", "state", "setting",
               "track", "website")

ENTERED_BY_YOU = "Entered by you"
MODEL_ESTIMATE = "Estimated by the model"
MAX_STARS = 5
MAX_NOTES = 20_000
MAX_TAG = 40


@dataclass
class Program:
    """One residency program: pack data (with per-field provenance) and the student's fields."""

    program_id: int | None
    acgme_id: str | None
    name: str
    institution: str
    specialty: str
    city: str
    state: str | None
    latitude: float | None = None
    longitude: float | None = None
    setting: str | None = None
    track: str | None = None
    positions: int | None = None
    share_md: float | None = None
    share_do: float | None = None
    share_img: float | None = None
    visa_j1: bool | None = None
    visa_h1b: bool | None = None
    min_step2: int | None = None
    typical_step2: int | None = None
    interviews_per_year: int | None = None
    signals_accepted: bool | None = None
    website: str = ""
    reputation: float | None = None
    grad_year_cutoff: int | None = None       # oldest medical school graduation year accepted
    max_failed_attempts: int | None = None    # most failed USMLE/COMLEX attempts accepted
    source: str = "user"
    is_demo: bool = False
    provenance: dict[str, str] = field(default_factory=dict)
    stars: int = 0
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    status: str = "considering"
    status_dates: dict[str, str] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name with the demo label, for every view that shows a program."""
        if self.is_demo and not self.name.startswith("Demo"):
            return f"Demo — {self.name}"
        return self.name

    @property
    def location(self) -> str:
        """"City, ST" (or whichever part is known)."""
        return ", ".join(part for part in (self.city, self.state or "") if part)

    def pack_values(self) -> dict[str, object]:
        """The pack fields as a plain mapping (for storage, export and comparison)."""
        return {name: getattr(self, name) for name in PACK_FIELDS}


def source_label(kind: str, name: str, version: str | None, created: str | None,
                 imported: dt.date | None = None) -> str:
    """Human provenance label of a source, e.g. ``"Demo pack 2026.1 (2026-11-20)"``."""
    if kind == "demo":
        return f"Demo pack {version} ({created})"
    if kind == "pack":
        return f"Pack {name} {version} ({created})"
    if kind == "file":
        day = imported.isoformat() if imported else created
        return f"File {name} ({day})"
    return ENTERED_BY_YOU


def match_key(acgme_id: str | None, name: str, specialty: str, city: str,
              state: str | None) -> str:
    """The de-duplication key: the ACGME ID, else name + specialty + city + state (folded)."""
    if acgme_id:
        return f"acgme:{acgme_id}"
    parts = (name, specialty, city, state or "")
    return "nscs:" + "|".join(re.sub(r"[^0-9a-z]+", " ", p.casefold()).strip() for p in parts)


def normalise_tags(tags: list[str] | str) -> list[str]:
    """Split, trim and de-duplicate tags (case-insensitively), keeping their first spelling."""
    if isinstance(tags, str):
        tags = re.split(r"[;,]", tags)
    seen: dict[str, str] = {}
    for tag in tags:
        text = " ".join(str(tag).split())[:MAX_TAG]
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())
