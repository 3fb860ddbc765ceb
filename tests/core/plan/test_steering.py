"""Steering the plan in core: edits with undo, fresh figures, tracker, interviews, ROL, compare."""

from __future__ import annotations

import datetime as dt

import pytest

from smartpick_desktop.core.catalog.queries import (
    ensure_demo_pack,
    get_program,
    load_programs,
    save_program,
)
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan import edits, figures, interviews, rol, tracker
from smartpick_desktop.core.plan.compare import compare_programs
from smartpick_desktop.core.plan.saved import compute_plan, current_plan, save_plan
from smartpick_desktop.core.plan.view import plan_view
from smartpick_desktop.core.profile import save_profile


@pytest.fixture
def planned(store, sample_profile):
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
        save_plan(s, compute_plan(s, sample_profile, max_apps=18, draws=4000))
    return store


def _outside(s, n=1):
    ids = set(current_plan(s).program_ids)
    return [p.program_id for p in load_programs(s, specialty="Internal Medicine")
            if p.program_id not in ids][:n]


def test_unedited_list_keeps_the_optimizers_figures(planned, sample_profile):
    with planned.session() as s:
        plan = current_plan(s)
        fresh = figures.fresh_plan(s)
        assert not fresh.stale and not fresh.recomputed
        by_id = {p.program_id: p for p in load_programs(s)}
        again = figures.evaluate_list(sample_profile, [by_id[i] for i in plan.program_ids],
                                      plan.signals, draws=plan.details["draws"])
        assert again.p_match == pytest.approx(plan.p_match, abs=1e-12)
        assert again.fee_usd == plan.fee_usd


def test_add_remove_lock_and_undo_step_by_step(planned):
    with planned.session() as s:
        start = current_plan(s).program_ids
        extra = _outside(s)[0]
        added = edits.add_program(s, extra)
        assert current_plan(s).program_ids == start + [extra]
        assert added.p_after > added.p_before
        assert get_program(s, extra).status == "applying"
        removed = edits.remove_program(s, start[0])
        assert start[0] not in current_plan(s).program_ids
        assert removed.p_after < removed.p_before
        assert edits.plan_locks(s) == {extra: "in", start[0]: "out"}
        assert edits.undo_label(s).startswith("Remove")
        edits.undo(s)
        assert current_plan(s).program_ids == start + [extra]
        edits.undo(s)
        assert current_plan(s).program_ids == start and edits.plan_locks(s) == {}
        assert current_plan(s).p_match == pytest.approx(added.p_before)


def test_reoptimizing_keeps_locks(planned, sample_profile):
    with planned.session() as s:
        start = current_plan(s).program_ids
        extra = _outside(s)[-1]
        edits.lock_program(s, extra, "in")
        edits.lock_program(s, start[1], "out")
        result = compute_plan(s, sample_profile, max_apps=10, draws=4000)
        assert extra in result.program_ids and start[1] not in result.program_ids
        edits.unlock_program(s, extra)
        assert edits.plan_locks(s) == {start[1]: "out"}


def test_signals_within_the_allowance_only_and_preview_changes_nothing(planned):
    with planned.session() as s:
        plan = current_plan(s)
        gold = [k for k, v in plan.signals.items() if v == "gold"]
        plain = next(k for k, v in plan.signals.items() if v == "silver")
        edits.set_signal(s, plain, "none")
        plan = current_plan(s)
        with pytest.raises(InputError, match="already placed"):
            edits.set_signal(s, plain, "gold")
        with pytest.raises(InputError, match="not on your list"):
            edits.set_signal(s, _outside(s)[0], "silver")
        before, after = edits.preview_signal(s, gold[0], "none")
        assert after < before and current_plan(s).signals == plan.signals
        edits.set_signal(s, gold[0], "none")
        result = edits.set_signal(s, plain, "gold")
        assert current_plan(s).signals[plain] == "gold" and gold[0] not in current_plan(s).signals
        assert result.p_after is not None


def test_profile_or_catalog_changes_recompute_the_figures(planned, sample_profile):
    with planned.session() as s:
        old = current_plan(s).p_match
        sample_profile.step2_ck = 262
        save_profile(s, sample_profile)
        assert figures.fresh_plan(s, refresh=False).stale
        view = plan_view(s)
        assert view.recomputed and not view.stale and view.plan.p_match > old
        # a catalog edit of a listed program counts too
        program = get_program(s, view.plan.program_ids[0])
        program.positions = (program.positions or 5) + 20
        save_program(s, program)
        assert figures.fresh_plan(s, refresh=False).stale


def test_a_program_added_by_hand_to_the_catalog_can_be_planned(planned):
    from smartpick_desktop.core.catalog.program import Program

    with planned.session() as s:
        pid = save_program(s, Program(program_id=None, acgme_id=None, name="Lakeside IM",
                                      institution="Lakeside Hospital",
                                      specialty="Internal Medicine", city="Columbus",
                                      state="OH", positions=12, signals_accepted=True))
        edits.add_program(s, pid)
        assert pid in current_plan(s).program_ids
        with pytest.raises(InputError, match="Pediatrics"):
            peds = load_programs(s, specialty="Pediatrics")[0].program_id
            edits.add_program(s, peds)


def test_tracker_dates_and_whats_due_this_week(planned):
    today = dt.date(2026, 11, 28)
    with planned.session() as s:
        a, b = current_plan(s).program_ids[:2]
        tracker.set_program_status(s, a, "applied", dt.date(2026, 9, 25))
        assert get_program(s, a).status_dates["applied"] == "2026-09-25"
        assert tracker.parse_status("Interview scheduled") == "interview_scheduled"
        with pytest.raises(InputError, match="is not one of"):
            tracker.parse_status("accepted")
        tracker.add_task(s, a, "Secondary essay", kind="supplemental", due=dt.date(2026, 12, 2))
        late = tracker.add_task(s, b, "Program deadline", kind="deadline",
                                due=dt.date(2026, 11, 20))
        tracker.add_task(s, b, "Far away", due=dt.date(2027, 1, 20))
        interviews.record_invitation(s, b, chosen=dt.date(2026, 12, 1))
        due = tracker.due_this_week(s, today)
        assert [(d.kind, d.overdue) for d in due] == [("deadline", True), ("interview", False),
                                                      ("supplemental", False)]
        tracker.set_task_done(s, late.id)
        assert [d.kind for d in tracker.due_this_week(s, today)] == ["interview", "supplemental"]


def test_interviews_conflicts_scores_and_the_rank_order_list(planned):
    with planned.session() as s:
        a, b, c = current_plan(s).program_ids[:3]
        interviews.record_invitation(s, a, offered=[dt.date(2026, 12, 3), dt.date(2026, 12, 9)])
        assert get_program(s, a).status == "invited"
        interviews.record_invitation(s, a, chosen=dt.date(2026, 12, 9))
        assert get_program(s, a).status == "interview_scheduled"
        interviews.record_invitation(s, b, chosen=dt.date(2026, 12, 9))
        interviews.record_invitation(s, c, chosen=dt.date(2026, 12, 11), travel_days=1)
        assert interviews.conflicts_for(s, c) == []
        interviews.record_invitation(s, c, chosen=dt.date(2026, 12, 10), travel_days=1)
        kinds = sorted(x.kind for x in interviews.conflicts(interviews.list_interviews(s)))
        assert kinds == ["same_day", "travel", "travel"]
        crit = interviews.ensure_criteria(s)
        assert [x.name for x in crit] == ["Location", "People", "Training", "Lifestyle"]
        interviews.save_review(s, a, notes="Kind faculty", scores={crit[0].id: 2})
        interviews.save_review(s, b, scores={crit[0].id: 5, crit[1].id: 4})
        with pytest.raises(InputError, match="1–5"):
            interviews.save_review(s, b, scores={crit[0].id: 9})
        for pid in (a, b):
            tracker.set_program_status(s, pid, "interviewed")
        view = rol.order_by_scores(s)
        assert [e.program_id for e in view.entries] == [b, a]
        assert view.p_match_by_length[1]["p_match"] >= view.p_match_by_length[0]["p_match"]
        assert "Roth" in " ".join(view.sources)
        view = rol.save_order(s, [a, b])
        assert [e.program_id for e in view.entries] == [a, b]
        with pytest.raises(InputError, match="cannot be ranked"):
            rol.save_order(s, [a, b, c])
        table = compare_programs(s, [a, b])
        labels = [label for label, _ in table.rows]
        assert "Interview score: Location (weight 3)" in labels
        notes = dict(table.rows)["Interview notes"]
        assert notes[0].value == "Kind faculty"
        with pytest.raises(InputError, match="2 to 4"):
            compare_programs(s, [a, b, c, a + 1000, a + 2000])


def test_backup_specialty_has_its_own_fees_and_signals_and_one_any_position_figure(
        store, sample_profile):
    sample_profile.backup_specialty = "Family Medicine"
    with store.session() as s:
        save_profile(s, sample_profile)
        ensure_demo_pack(s)
        result = compute_plan(s, sample_profile, max_apps=30, draws=4000)
        save_plan(s, result)
        view = plan_view(s)
    groups = [part["specialty"] for part in view.plan.fee_breakdown]
    assert groups == ["Internal Medicine", "Family Medicine"]
    specialties = {r.program.specialty for r in view.rows}
    assert specialties == {"Internal Medicine", "Family Medicine"}
    for part in view.plan.fee_breakdown:
        n = sum(1 for r in view.rows if r.program.specialty == part["specialty"])
        assert part["applications"] == n
    assert set(view.signals_allowed) == {"Internal Medicine", "Family Medicine"}
    assert view.p_match_primary is not None
    assert 0 < view.p_match_primary < view.plan.p_match <= 1


def test_a_preliminary_program_added_by_hand_is_a_safety_net(planned):
    with planned.session() as s:
        prelim = [p for p in load_programs(s, specialty="Internal Medicine")
                  if p.track == "preliminary"]
        assert prelim, "the demo pack has preliminary Internal Medicine positions"
        before = current_plan(s).p_match
        edits.add_program(s, prelim[0].program_id)
        plan = current_plan(s)
        assert prelim[0].program_id in plan.program_ids
        assert plan.p_match == pytest.approx(before, abs=1e-9)  # categorical P(match) unchanged
        assert plan.details["p_match_any"] > plan.p_match       # any position goes up
