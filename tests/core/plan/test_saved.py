"""The current plan in the store: save, read back, statuses, rank order list."""

from __future__ import annotations

from smartpick_desktop.core.catalog.queries import ensure_demo_pack, load_programs, set_status
from smartpick_desktop.core.plan.saved import (
    compute_plan,
    current_plan,
    rank_order,
    save_plan,
    save_rank_order,
)
from smartpick_desktop.core.profile import save_profile


def test_compute_save_and_read_the_current_plan(store, sample_profile):
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
        assert current_plan(s) is None
    with store.session() as s:
        result = compute_plan(s, sample_profile, max_apps=20, draws=2000, stop_at_knee=False)
        assert len(result.rows) == 20
        someone = result.program_ids[0]
        set_status(s, [someone], "applied")
    with store.session() as s:
        saved = save_plan(s, result)
    with store.session() as s:
        plan = current_plan(s)
        assert plan is not None
        assert plan.program_ids == result.program_ids
        assert plan.signals == result.signals and plan.signals
        assert plan.p_match == result.p_match and plan.fee_usd == result.fee_usd
        assert plan.curve == result.curve and plan.fee_breakdown == result.fee_breakdown
        assert plan.specialty == "Internal Medicine" and plan.max_apps == 20
        assert saved.program_ids == plan.program_ids
        statuses = {p.program_id: p.status for p in load_programs(s)}
        assert statuses[someone] == "applied"  # further along: kept
        assert all(statuses[i] == "applying" for i in result.program_ids[1:])


def test_profile_budget_is_the_default_budget(store, sample_profile):
    sample_profile.budget_usd = 200
    with store.session() as s:
        ensure_demo_pack(s)
        result = compute_plan(s, sample_profile, draws=2000, stop_at_knee=False)
        knee = compute_plan(s, sample_profile, draws=2000)
    assert result.fee_usd <= 200 and result.budget_usd == 200
    assert len(result.rows) == 18 and result.stop_reason == "budget"  # $11 each
    # the budget is a ceiling, not a target: the list may stop earlier where gains flatten
    assert knee.stop_reason in ("gain", "budget") and len(knee.rows) <= 18
    assert knee.program_ids == result.program_ids[:len(knee.rows)]


def test_saving_again_replaces_the_current_plan_and_rank_order(store, sample_profile):
    with store.session() as s:
        ensure_demo_pack(s)
        a = compute_plan(s, sample_profile, max_apps=5, draws=1000)
        b = compute_plan(s, sample_profile, max_apps=8, draws=1000)
        save_plan(s, a)
        save_plan(s, b)
        assert current_plan(s).program_ids == b.program_ids
        save_rank_order(s, b.program_ids[:3])
        assert rank_order(s) == b.program_ids[:3]
        save_rank_order(s, list(reversed(b.program_ids[:3])))
        assert rank_order(s) == list(reversed(b.program_ids[:3]))
