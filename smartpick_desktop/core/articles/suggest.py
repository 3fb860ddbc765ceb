"""Home's "Reading suggestions": three articles for the student's profile and the season."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from smartpick_desktop.core.articles.bundle import ArticleHeader

# What matters by month of the application cycle (ERAS opens in June, submission in September,
# interviews October–January, rank lists due in late February, Match Day in March).
SEASON: dict[int, tuple[str, ...]] = {
    1: ("rank-order-list", "interviews", "healthy-mentoring"),
    2: ("rank-order-list", "interviews", "balancing-relationships-exams"),
    3: ("rank-order-list", "peer-mentors", "research-mentors"),
    4: ("letters-of-recommendation", "research-mentors", "faculty-office-hours"),
    5: ("letters-of-recommendation", "how-many-programs", "clinical-teams"),
    6: ("letters-of-recommendation", "preference-signals", "how-many-programs"),
    7: ("preference-signals", "how-many-programs", "professional-presence-online"),
    8: ("preference-signals", "how-many-programs", "interviews"),
    9: ("interviews", "preference-signals", "conferences-follow-up"),
    10: ("interviews", "conferences-follow-up", "balancing-relationships-exams"),
    11: ("interviews", "shadowing-informational-interviews", "introverts"),
    12: ("interviews", "rank-order-list", "healthy-mentoring"),
}
STARTERS = ("study-groups", "peer-mentors", "letters-of-recommendation")
STUDENTS_ONLY = frozenset({"shadowing-informational-interviews", "study-groups"})


def reading_suggestions(headers: Sequence[ArticleHeader], *, applicant_type: str | None,
                        today: dt.date | None = None, count: int = 3,
                        graduated: bool = False) -> list[ArticleHeader]:
    """Pick ``count`` articles: DO/IMG notes first for those applicants, then the season's;
    a graduate is not offered articles written for students (shadowing, study groups)."""
    by_slug = {h.slug: h for h in headers}
    wanted: list[str] = []
    if applicant_type in ("us_do", "us_img", "non_us_img"):
        wanted.append("do-and-img-applicants")
    if applicant_type is None:
        wanted.extend(STARTERS)
    wanted.extend(SEASON[(today or dt.date.today()).month])
    wanted.extend(STARTERS)
    chosen: list[ArticleHeader] = []
    for slug in [*wanted, *by_slug]:
        header = by_slug.get(slug)
        if graduated and slug in STUDENTS_ONLY:
            continue
        if header is not None and header not in chosen:
            chosen.append(header)
        if len(chosen) == count:
            break
    return chosen
