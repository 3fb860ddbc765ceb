"""The catalog ranking the Programs tab shows and the programs a plan is chosen among: one core
function each, for every front end."""

from __future__ import annotations

import dataclasses

import pytest

from smartpick_desktop.core.catalog.for_profile import programs_for_profile
from smartpick_desktop.core.catalog.queries import load_programs
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.model.catalog_ranking import build_ranking
from smartpick_desktop.core.model.ranking import RankedProgram, rank_programs
from smartpick_desktop.core.model.synthetic import synthetic_programs
from smartpick_desktop.core.profile import Profile


def test_ranks_within_each_specialty_with_the_figures_of_rank_programs():
    im = synthetic_programs(30, seed=3)
    peds = synthetic_programs(20, seed=4, specialty="Pediatrics", start_id=100)
    profile = Profile(specialty="Internal Medicine", step2_ck=245)
    ranking = build_ranking(profile, im + peds, {im[0].program_id: "gold"})
    assert all(isinstance(r, RankedProgram) for r in ranking.info.values())
    for group in (im, peds):
        ranks = sorted(ranking.info[p.program_id].rank for p in group)
        assert ranks == list(range(1, len(group) + 1))
    alone = {r.program.program_id: r for r in rank_programs(profile, im,
                                                            signalled={im[0].program_id: "gold"})}
    for program in im:
        mine, theirs = ranking.info[program.program_id], alone[program.program_id]
        assert (mine.rank, mine.tier) == (theirs.rank, theirs.tier)
        assert mine.p_interview == pytest.approx(theirs.p_interview)
        assert mine.reasons == []  # made on demand:
        assert ranking.reasons(program.program_id) == (theirs.reasons, theirs.fit_reasons)
    assert ranking.info[im[0].program_id].signal == "gold"  # the plan's choice, shown as is


def test_ranks_within_groups_follow_the_order():
    import numpy as np

    from smartpick_desktop.core.model.catalog_ranking import ranks_within

    order = np.array([3, 0, 4, 1, 2])  # best first
    group = np.array([0, 1, 0, 1, 0])
    assert ranks_within(order, group).tolist() == [1, 2, 3, 1, 2]
    assert ranks_within(np.array([], dtype=int), np.array([], dtype=int)).tolist() == []


def test_columns_sort_as_the_figures_and_unranked_programs_have_no_place():
    import math

    im = synthetic_programs(25, seed=5)
    profile = Profile(specialty="Internal Medicine", step2_ck=238)
    ranking = build_ranking(profile, im[:20], {im[2].program_id: "silver",
                                               im[7].program_id: "gold"})
    info = [ranking.info[p.program_id] for p in im[:20]]
    assert ranking.column("chance").tolist() == [r.p_interview for r in info]
    assert ranking.column("rank").tolist() == [r.rank for r in info]
    tiers = ("likely", "target", "reach", "ineligible")
    assert ranking.column("tier").tolist() == [tiers.index(r.tier) for r in info]
    signal = ranking.column("signal")
    assert (signal[2], signal[7]) == (1, 0) and math.isnan(signal[0])
    assert ranking.positions(im[:20]).tolist() == list(range(20))
    assert ranking.positions([im[22], im[3]]).tolist() == [-1, 3]
    assert ranking.info.get(im[22].program_id) is None and len(ranking.info) == 20
    assert ranking.info[im[3].program_id] is ranking.info[im[3].program_id]  # made once


def test_no_ranking_without_a_profile_or_programs():
    assert build_ranking(None, synthetic_programs(3), {}) is None
    assert build_ranking(Profile(specialty="Internal Medicine"), [], {}) is None


def test_the_profiles_programs_and_its_backup_specialty(store, sample_profile):
    profile = dataclasses.replace(sample_profile, backup_specialty="Family Medicine")
    with store.session() as session:
        primary = load_programs(session, specialty="Internal Medicine")
        backup = load_programs(session, specialty="Family Medicine")
        assert primary and backup  # the demo pack has both
        both = programs_for_profile(session, profile)
        only = programs_for_profile(session, profile, with_backup=False)
        by_alias = programs_for_profile(session, profile, specialty="FM", with_backup=False)
        with pytest.raises(InputError, match="Unknown specialty 'Basket Weaving'"):
            programs_for_profile(session, profile, specialty="Basket Weaving")
    assert [p.program_id for p in both] == [p.program_id for p in primary + backup]
    assert [p.program_id for p in only] == [p.program_id for p in primary]
    assert [p.program_id for p in by_alias] == [p.program_id for p in backup]
