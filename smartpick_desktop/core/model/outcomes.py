"""Self-reported applicant outcomes: the file format, strict reading, and the profile each row
stands for (docs/model.md, "Validation").

One applicant a row, UTF-8 with a header. Every cell is checked as the importers check theirs: a
bad cell is refused with its row and column, and nothing is read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartpick_desktop.core.errors import InputError

APPLICANT_TYPES = ("us_md", "us_do", "us_img", "non_us_img")
OUTCOMES = ("matched", "matched_prelim", "unmatched", "other_specialty")
HONORS = ("aoa", "gold_humanism", "sigma_sigma_phi")
VISAS = ("none", "j1", "h1b")
REQUIRED = ("id", "specialty", "season", "applicant_type", "applications", "interviews")
COUNT_COLUMNS = ("research_items", "work_experiences", "volunteer_experiences",
                 "clerkship_honors", "failed_attempts", "us_clinical_months")
MAX_BYTES = 20_000_000
MAX_ROWS = 100_000


@dataclass(frozen=True)
class OutcomeRow:
    """One applicant's self-reported season."""

    row: int                     # 1-based data row number (header is row 1, so first is 2)
    id: str
    specialty: str
    season: int
    applicant_type: str
    graduation_year: int | None
    step2_ck: int | None
    comlex_level2: int | None
    research_items: int
    work_experiences: int
    volunteer_experiences: int
    clerkship_honors: int
    failed_attempts: int
    us_clinical_months: int
    honors: tuple[str, ...]
    visa: str
    couples: bool
    applications: int
    interviews: int
    signals_sent: int | None
    signalled_interviews: int | None
    outcome: str | None

    @property
    def reported_yield(self) -> float:
        return self.interviews / self.applications

    @property
    def matched_categorical(self) -> bool | None:
        """Matched a categorical position in this specialty (None when not reported)."""
        return None if self.outcome is None else self.outcome == "matched"

    @property
    def years_since_graduation(self) -> int:
        """Years between graduation and the season the applications went out (never today)."""
        return 0 if self.graduation_year is None else max(0, self.season - self.graduation_year)

    def profile(self) -> Any:
        """The profile a student of this kind would enter (years counted from the season)."""
        from smartpick_desktop.core.profile import Profile

        prof = Profile(applicant_type=self.applicant_type, specialty=self.specialty,
                       graduation_year=self.graduation_year, step2_ck=self.step2_ck,
                       comlex_level2=self.comlex_level2, research_items=self.research_items,
                       work_experiences=self.work_experiences,
                       volunteer_experiences=self.volunteer_experiences,
                       clerkship_honors=self.clerkship_honors,
                       failed_attempts=self.failed_attempts,
                       us_clinical_months=self.us_clinical_months, honors=list(self.honors),
                       visa=self.visa, couples=self.couples)
        return AsOfSeason(prof, self.years_since_graduation)


class AsOfSeason:
    """A profile seen in an earlier season: years since graduation fixed, the rest unchanged."""

    def __init__(self, profile: Any, years: int) -> None:
        self._profile = profile
        self._years = years

    def __getattr__(self, name: str) -> Any:
        return getattr(self._profile, name)

    def years_since_graduation(self, today: Any = None) -> int:
        return self._years


def _where(path: Path, row: int, column: str) -> str:
    return f"{path.name}, row {row}, column '{column}'"


def _int(path: Path, row: int, column: str, text: str, low: int, high: int,
         *, optional: bool) -> int | None:
    text = text.strip()
    if not text:
        if optional:
            return None
        raise InputError(f"{_where(path, row, column)}: a value is required.")
    if len(text) > 12 or not text.lstrip("+-").isdigit():
        raise InputError(f"{_where(path, row, column)}: '{text[:20]}' is not a whole number.")
    value = int(text)
    if not low <= value <= high:
        raise InputError(f"{_where(path, row, column)}: {value} is outside {low}–{high}.")
    return value


def _choice(path: Path, row: int, column: str, text: str, choices: tuple[str, ...],
            *, optional: bool, default: str | None = None) -> str | None:
    text = text.strip().lower()
    if not text:
        if optional:
            return default
        raise InputError(f"{_where(path, row, column)}: a value is required.")
    if text not in choices:
        raise InputError(f"{_where(path, row, column)}: '{text[:30]}' is not one of "
                         f"{', '.join(choices)}.")
    return text


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    if not path.is_file():
        raise InputError(f"{path}: is not a file.")
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES or size > MAX_BYTES:
        raise InputError(f"{path.name}: larger than {MAX_BYTES // 1_000_000} MB; an outcomes "
                         "file holds one short row per applicant.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name}: is not UTF-8 text (byte {exc.start}).") from exc


def read_outcomes(path: Path | str) -> list[OutcomeRow]:
    """Read and check an outcomes file; raise InputError naming the row and column."""
    from smartpick_desktop.core.reference import load_reference

    path = Path(path)
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise InputError(f"{path.name}: empty file; the first row must name the columns.")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{path.name}: the header has no column '{missing[0]}' "
                         f"(required: {', '.join(REQUIRED)}).")
    reader.fieldnames = header
    ref = load_reference()
    rows: list[OutcomeRow] = []
    seen: set[str] = set()
    try:
        for number, raw in enumerate(reader, start=2):
            if len(rows) >= MAX_ROWS:
                raise InputError(f"{path.name}: more than {MAX_ROWS:,} rows.")
            if None in raw:
                raise InputError(f"{path.name}, row {number}: more cells than the header has "
                                 "columns.")
            cell = {k: (v or "") for k, v in raw.items()}
            rows.append(_row(path, number, cell, ref, seen))
    except csv.Error as exc:
        raise InputError(f"{path.name}, row {reader.line_num}: not valid CSV ({exc}).") from exc
    if not rows:
        raise InputError(f"{path.name}: no applicant rows under the header.")
    return rows


def _row(path: Path, n: int, cell: dict[str, str], ref: Any, seen: set[str]) -> OutcomeRow:
    ident = cell["id"].strip()
    if not ident:
        raise InputError(f"{_where(path, n, 'id')}: a value is required.")
    if ident in seen:
        raise InputError(f"{_where(path, n, 'id')}: '{ident[:40]}' appears twice.")
    seen.add(ident)
    spec = ref.find_specialty(cell["specialty"].strip())
    if spec is None:
        raise InputError(f"{_where(path, n, 'specialty')}: unknown specialty "
                         f"'{cell['specialty'].strip()[:60]}'.")

    def count(col: str) -> int:
        return _int(path, n, col, cell.get(col, ""), 0, 10_000, optional=True) or 0

    honors = []
    for part in (cell.get("honors", "") or "").split(";"):
        part = part.strip().lower()
        if part:
            if part not in HONORS:
                raise InputError(f"{_where(path, n, 'honors')}: '{part[:30]}' is not one of "
                                 f"{', '.join(HONORS)}.")
            honors.append(part)
    apps = _int(path, n, "applications", cell["applications"], 1, 2_000, optional=False)
    interviews = _int(path, n, "interviews", cell["interviews"], 0, 2_000, optional=False)
    if interviews > apps:
        raise InputError(f"{_where(path, n, 'interviews')}: {interviews} interviews from "
                         f"{apps} applications.")
    couples = _choice(path, n, "couples", cell.get("couples", ""), ("yes", "no"),
                      optional=True, default="no")
    return OutcomeRow(
        row=n, id=ident, specialty=spec.name,
        season=_int(path, n, "season", cell["season"], 1990, 2100, optional=False),
        applicant_type=_choice(path, n, "applicant_type", cell["applicant_type"],
                               APPLICANT_TYPES, optional=False),
        graduation_year=_int(path, n, "graduation_year", cell.get("graduation_year", ""),
                             1950, 2100, optional=True),
        step2_ck=_int(path, n, "step2_ck", cell.get("step2_ck", ""), 1, 300, optional=True),
        comlex_level2=_int(path, n, "comlex_level2", cell.get("comlex_level2", ""), 9, 999,
                           optional=True),
        research_items=count("research_items"), work_experiences=count("work_experiences"),
        volunteer_experiences=count("volunteer_experiences"),
        clerkship_honors=count("clerkship_honors"), failed_attempts=count("failed_attempts"),
        us_clinical_months=count("us_clinical_months"), honors=tuple(honors),
        visa=_choice(path, n, "visa", cell.get("visa", ""), VISAS, optional=True,
                     default="none"),
        couples=couples == "yes", applications=apps, interviews=interviews,
        signals_sent=_int(path, n, "signals_sent", cell.get("signals_sent", ""), 0, 100,
                          optional=True),
        signalled_interviews=_int(path, n, "signalled_interviews",
                                  cell.get("signalled_interviews", ""), 0, 100, optional=True),
        outcome=_choice(path, n, "outcome", cell.get("outcome", ""), OUTCOMES, optional=True))
