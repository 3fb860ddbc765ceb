"""The rank order list: the programs interviewed at, in the student's own order, with P(match)
by list length, a plain warning when the list is short for its risk, and why true preference
order is the best strategy. The GUI and ``smartpick plan rol`` both read :func:`rol_view`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

ROL_STATUSES = ("interviewed", "ranked")
RISKY_P_MATCH = 0.90


@dataclass(frozen=True)
class RolEntry:
    program_id: int
    name: str
    rank: int
    p_match: float               # P(match) if the list ended here
    score: float | None          # the student's weighted interview score (1–5)
    is_demo: bool = False


@dataclass
class RolView:
    entries: list[RolEntry]
    warning: str | None
    note: str
    sources: list[str] = field(default_factory=list)

    @property
    def p_match_by_length(self) -> list[dict]:
        return [{"length": e.rank, "p_match": e.p_match} for e in self.entries]

    @property
    def p_match(self) -> float:
        return self.entries[-1].p_match if self.entries else 0.0


def preference_note() -> tuple[str, list[str]]:
    """Why to rank in true preference order, with the sources it rests on."""
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    alg = ref.notes.get("applications.match_algorithm")
    rp = ref.sources.get("roth_peranson_1997")
    text = ("Rank programs in the order you truly prefer them. The Match places you at the "
            "highest program on your list that also ranks you high enough (applicant-proposing "
            "deferred acceptance), so moving a program up never costs you a program you "
            "prefer, ranking one lower never helps you there, and guessing where you are "
            "likely to be ranked gains nothing. Adding a program you would rather attend than "
            "not match only adds chances.")
    cites = [x for x in ((alg.cite() if alg else None), (rp.label() if rp else None)) if x]
    return text, cites


def rol_candidates(programs: Sequence[Any]) -> list[Any]:
    """Programs that can be ranked: those marked Interviewed or Ranked."""
    return [p for p in programs if p.status in ROL_STATUSES]


def order_candidates(saved: Sequence[int], candidates: Sequence[Any],
                     scores: dict[int, float | None]) -> list[Any]:
    """The saved order first, then the rest by score (best first), stars and name."""
    by_id = {p.program_id: p for p in candidates}
    first = [by_id[i] for i in saved if i in by_id]
    rest = sorted((p for p in candidates if p.program_id not in set(saved)),
                  key=lambda p: (-(scores.get(p.program_id) or 0), -(p.stars or 0), p.name))
    return first + rest


def _context(session: Session) -> tuple[Any, list[Any], Any, dict[int, float | None]]:
    from smartpick_desktop.core.catalog.queries import load_programs_where
    from smartpick_desktop.core.plan.figures import evidence_programs, season_posterior_for
    from smartpick_desktop.core.plan.interviews import (
        list_criteria,
        list_interviews,
        weighted_score,
    )
    from smartpick_desktop.core.plan.saved import current_plan
    from smartpick_desktop.core.profile import load_profile

    profile = load_profile(session)
    programs = load_programs_where(session, tracked=True)
    candidates = rol_candidates(programs)
    post = None
    if profile is not None:
        plan = current_plan(session)
        post = season_posterior_for(profile, evidence_programs(session, profile),
                                    plan.signals if plan else {})
    criteria = list_criteria(session)
    interviews = {i.program_id: i for i in list_interviews(session)}
    scores = {p.program_id: weighted_score(interviews.get(p.program_id), criteria)
              for p in candidates}
    return profile, candidates, post, scores


def rol_view(session: Session) -> RolView:
    """The list in its saved order (new candidates appended by score) with its figures."""
    from smartpick_desktop.core.model.season import rol_curve
    from smartpick_desktop.core.plan.saved import rank_order

    profile, candidates, post, scores = _context(session)
    ordered = order_candidates(rank_order(session), candidates, scores)
    curve = rol_curve(profile, ordered, post) if profile is not None and ordered else []
    entries = [RolEntry(int(p.program_id), p.display_name, k + 1, float(curve[k]),
                        scores.get(p.program_id), bool(p.is_demo))
               for k, p in enumerate(ordered) if k < len(curve)]
    note, sources = preference_note()
    return RolView(entries, rol_warning(entries), note, sources)


def rol_warning(entries: Sequence[RolEntry]) -> str | None:
    """A plain sentence when the list is empty or short for its risk (else None)."""
    if not entries:
        return ("No programs to rank yet: mark programs Interviewed after each interview and "
                "they appear here.")
    p = entries[-1].p_match
    if p < RISKY_P_MATCH:
        n = len(entries)
        return (f"Risky: with {n} program{'s' if n != 1 else ''} ranked your estimated chance "
                f"of matching is {p * 100:.0f}%, so about {100 - p * 100:.0f} in 100 students "
                "like you would not match. Rank every program you would rather attend than "
                "not match at all; if that is already the case, consider a backup specialty or "
                "preliminary positions.")
    return None


def save_order(session: Session, program_ids: Sequence[int]) -> RolView:
    """Save the student's order (only rankable programs) and return the new view."""
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.plan.saved import save_rank_order

    _profile, candidates, _post, _scores = _context(session)
    allowed = {p.program_id for p in candidates}
    for pid in program_ids:
        if int(pid) not in allowed:
            raise InputError(f"Program {pid} cannot be ranked: only programs marked "
                             "Interviewed or Ranked go on the rank order list.")
    try:
        save_rank_order(session, [int(p) for p in program_ids])
    except ValueError as err:
        raise InputError(str(err)) from None
    return rol_view(session)


def order_by_scores(session: Session) -> RolView:
    """Order the list by the student's weighted interview scores (then stars, name) and save."""
    _profile, candidates, _post, scores = _context(session)
    ordered = order_candidates([], candidates, scores)
    return save_order(session, [p.program_id for p in ordered])
