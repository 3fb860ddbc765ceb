"""Ranking of a whole catalog, computed once per change (the Programs tab; any front end).

Scores every program at once with the model's vectorised ``score_programs``; each program gets
a :class:`RankedProgram` whose rank is its position among programs of the same specialty
(1 = best). Reasons are made on demand for one program (the detail pane shows one), so 15,000
programs re-rank in well under a second. ``rank_programs`` is the same with every reason made
at once, for short lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.model.ranking import RankedProgram, explain, score_programs


class CatalogRanking:
    """Scores of a program list for one profile and signal choice.

    Attributes:
        info: program_id -> :class:`RankedProgram` (its reasons empty: see :meth:`reasons`).
    """

    def __init__(self, profile: Any, programs: Sequence[Program],
                 signals: Mapping[int, str]) -> None:
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
        self.info: dict[int, RankedProgram] = {}
        for i in sc.order.tolist():
            program = self._programs[i]
            rank = counters.get(program.specialty, 0) + 1
            counters[program.specialty] = rank
            self.info[program.program_id] = RankedProgram(
                program=program, rank=rank, fit=float(fit[i]), p_interview=float(p[i]),
                p_interview_signal=float(p_sig[i]), tier=tiers[i], eligible=eligible[i],
                signal=signals.get(program.program_id))

    def reasons(self, program_id: int) -> tuple[list[str], list[str]]:
        """(chance reasons, fit reasons) in plain words for one program."""
        i = self._index.get(program_id)
        if i is None:
            return [], []
        chance = explain(self._scores, i, self._consts)
        fit = self._scores.fit.reasons(i, self._programs[i], self._profile)
        return list(chance), list(fit)


def build_ranking(profile: Any, programs: Sequence[Program],
                  signals: Mapping[int, str]) -> CatalogRanking | None:
    """The ranking, or None without a profile or programs."""
    if profile is None or not programs:
        return None
    return CatalogRanking(profile, programs, signals)
