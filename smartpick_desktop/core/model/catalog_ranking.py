"""Ranking of a whole catalog, computed once per change (the Programs tab; any front end).

Scores every program at once with the model's vectorised ``score_programs`` and keeps the
results as NumPy columns: a re-rank of 15,000 programs builds no Python object per program, so
it takes a few tens of milliseconds and hardly holds the interpreter (a GUI thread painting
meanwhile is not kept waiting). A program's :class:`RankedProgram` is made when it is asked for
(``info[program_id]``: the cells on screen, the detail pane), and its reasons only through
:meth:`CatalogRanking.reasons`. ``rank_programs`` is the same with every reason made at once,
for short lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.model.chances import SIGNAL_LEVELS
from smartpick_desktop.core.model.constants import load_constants
from smartpick_desktop.core.model.ranking import RankedProgram, explain, score_programs
from smartpick_desktop.core.model.tiers import TIERS


def ranks_within(order: np.ndarray, group: np.ndarray) -> np.ndarray:
    """The 1-based place of each item in ``order`` among the items of its own group."""
    n = len(order)
    rank = np.zeros(n, dtype=np.int64)
    if not n:
        return rank
    by_group = order[np.argsort(group[order], kind="stable")]  # groups, each in ``order``
    groups = group[by_group]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    first = np.repeat(starts, np.diff(np.r_[starts, n]))
    rank[by_group] = np.arange(n) - first + 1
    return rank


class RankInfo(Mapping):
    """program_id -> :class:`RankedProgram` (reasons empty), each made when first asked for."""

    def __init__(self, ranking: CatalogRanking) -> None:
        self._ranking = ranking
        self._made: dict[int, RankedProgram] = {}

    def __getitem__(self, program_id: int) -> RankedProgram:
        made = self._made.get(program_id)
        if made is None:
            r = self._ranking
            i = r.index[program_id]  # KeyError: not in this ranking
            made = self._made[program_id] = RankedProgram(
                program=r.programs[i], rank=int(r.rank[i]), fit=float(r.fit[i]),
                p_interview=float(r.p_interview[i]),
                p_interview_signal=float(r.p_interview_signal[i]), tier=str(r.tiers[i]),
                eligible=bool(r.eligible[i]), signal=r.signals.get(program_id))
        return made

    def __iter__(self) -> Iterator[int]:
        return iter(self._ranking.index)

    def __len__(self) -> int:
        return len(self._ranking.index)


class CatalogRanking:
    """Scores of a program list for one profile and signal choice, as NumPy columns in the
    order of ``programs``.

    Attributes:
        programs: the programs ranked; index: program_id -> place in ``programs``.
        rank: place among programs of the same specialty (1 = best); fit (0–100),
        p_interview, p_interview_signal, tiers (str), eligible: one entry per program.
        signals: program_id -> the plan's signal level.
        info: program_id -> :class:`RankedProgram` (see :class:`RankInfo`).
    """

    def __init__(self, profile: Any, programs: Sequence[Program],
                 signals: Mapping[int, str]) -> None:
        self._profile = profile
        self.programs = list(programs)
        self.signals = dict(signals)
        self._consts = load_constants()
        self._scores = sc = score_programs(profile, self.programs, signalled=self.signals,
                                           consts=self._consts)
        self.index = {p.program_id: i for i, p in enumerate(self.programs)}
        self.fit = sc.fit.fit
        self.p_interview = sc.p_interview
        self.p_interview_signal = sc.p_interview_signal
        self.tiers = sc.tiers
        self.eligible = sc.terms.eligible
        group = sc.arrays.spec_index
        if group is None:  # pragma: no cover - program_arrays always codes the specialties
            names = sorted({p.specialty for p in self.programs})
            group = np.array([names.index(p.specialty) for p in self.programs], dtype=np.int64)
        self.rank = ranks_within(sc.order, np.asarray(group))
        self.info = RankInfo(self)

    def positions(self, programs: Sequence[Program]) -> np.ndarray:
        """Each program's place in this ranking (−1 where it was not ranked)."""
        if programs == self.programs:  # the list ranked (same objects: a C-level check)
            return np.arange(len(programs), dtype=np.int64)
        get = self.index.get
        return np.fromiter((get(p.program_id, -1) for p in programs), dtype=np.int64,
                           count=len(programs))

    def column(self, key: str) -> np.ndarray:
        """A sortable number per ranked program (NaN: none): ``rank``, ``fit``, ``chance``,
        ``tier`` (its place in ``tiers.TIERS``) or ``signal`` (its place in ``SIGNAL_LEVELS``)."""
        if key == "rank":
            return self.rank.astype(float)
        if key == "fit":
            return np.asarray(self.fit, dtype=float)
        if key == "chance":
            return np.asarray(self.p_interview, dtype=float)
        out = np.full(len(self.programs), np.nan)
        if key == "tier":
            for place, tier in enumerate(TIERS):
                out[self.tiers == tier] = place
            return out
        if key == "signal":
            for program_id, level in self.signals.items():
                i = self.index.get(program_id)
                if i is not None and level in SIGNAL_LEVELS:
                    out[i] = SIGNAL_LEVELS.index(level)
            return out
        raise KeyError(key)

    def reasons(self, program_id: int) -> tuple[list[str], list[str]]:
        """(chance reasons, fit reasons) in plain words for one program."""
        i = self.index.get(program_id)
        if i is None:
            return [], []
        chance = explain(self._scores, i, self._consts)
        fit = self._scores.fit.reasons(i, self.programs[i], self._profile)
        return list(chance), list(fit)


def build_ranking(profile: Any, programs: Sequence[Program],
                  signals: Mapping[int, str]) -> CatalogRanking | None:
    """The ranking, or None without a profile or programs."""
    if profile is None or not programs:
        return None
    return CatalogRanking(profile, programs, signals)
