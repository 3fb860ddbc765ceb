"""Ranking of the whole catalog for the Programs tab, computed once per change (no Qt).

Scores every program at once with the model's vectorised ``score_programs``; the rank is the
position among programs of the same specialty (1 = best). Reasons are made on demand for the
one program the detail pane shows, so 15,000 programs re-rank in well under a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from smartpick_desktop.core.catalog.program import Program


@dataclass(frozen=True)
class RankInfo:
    """The ranking figures of one program (plain Python numbers)."""

    rank: int
    fit: float
    p_interview: float
    p_interview_signal: float
    tier: str
    eligible: bool
    signal: str | None


class CatalogRanking:
    """Scores of a program list for one profile and signal choice.

    Attributes:
        info: program_id -> :class:`RankInfo`.
    """

    def __init__(self, profile: Any, programs: Sequence[Program],
                 signals: Mapping[int, str]) -> None:
        from smartpick_desktop.core.model.constants import load_constants
        from smartpick_desktop.core.model.ranking import score_programs

        self._profile = profile
        self._programs = list(programs)
        self._consts = load_constants()
        self._scores = score_programs(profile, self._programs, signalled=dict(signals),
                                      consts=self._consts)
        self._index = {p.program_id: i for i, p in enumerate(self._programs)}
        sc = self._scores
        fit = sc.fit.fit.tolist()
        p = sc.p_interview.tolist()
        p_sig = sc.p_interview_signal.tolist()
        tiers = [str(t) for t in sc.tiers.tolist()]
        eligible = [bool(e) for e in sc.terms.eligible.tolist()]
        counters: dict[str, int] = {}
        self.info: dict[int, RankInfo] = {}
        for i in sc.order.tolist():
            program = self._programs[i]
            rank = counters.get(program.specialty, 0) + 1
            counters[program.specialty] = rank
            self.info[program.program_id] = RankInfo(
                rank=rank, fit=float(fit[i]), p_interview=float(p[i]),
                p_interview_signal=float(p_sig[i]), tier=tiers[i], eligible=eligible[i],
                signal=signals.get(program.program_id))

    def reasons(self, program_id: int) -> tuple[list[str], list[str]]:
        """(chance reasons, fit reasons) in plain words for one program."""
        from smartpick_desktop.core.model.ranking import explain

        i = self._index.get(program_id)
        if i is None:
            return [], []
        chance = explain(self._scores, i, self._consts)
        fit = self._scores.fit.reasons(i, self._programs[i], self._profile)
        return list(chance), list(fit)


def build_ranking(profile: Any, programs: Sequence[Program],
                  signals: Mapping[int, str]) -> CatalogRanking | None:
    """The ranking, or None without a profile, programs or the model."""
    if profile is None or not programs:
        return None
    try:
        return CatalogRanking(profile, programs, signals)
    except ImportError:  # pragma: no cover - a build without the model
        return None


def current_signals(session: Any) -> dict[int, str]:
    """program_id -> signal level of the current plan (empty without a plan)."""
    try:
        from smartpick_desktop.core.plan.saved import current_plan
    except ImportError:  # pragma: no cover
        return {}
    plan = current_plan(session)
    return dict(plan.signals) if plan is not None else {}
