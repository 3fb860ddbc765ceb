"""Locks: programs locked in are always on the list, programs locked out never."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartpick_desktop.core.model.optimizer import optimize, signal_allowance
from smartpick_desktop.core.model.synthetic import synthetic_programs
from smartpick_desktop.core.profile import Profile

FAST = settings(max_examples=12, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
DRAWS = 2000


def _profile() -> Profile:
    return Profile(specialty="Internal Medicine", step2_ck=240, applicant_type="us_md",
                   home_state="OH", preferred_states=["OH"])


@FAST
@given(seed=st.integers(0, 20), n=st.integers(3, 25), k_in=st.integers(1, 4),
       k_out=st.integers(1, 4))
def test_locked_in_always_chosen_and_locked_out_never(seed, n, k_in, k_out):
    programs = synthetic_programs(60, seed)
    free = optimize(_profile(), programs, max_apps=n, draws=DRAWS, seed=seed)
    chosen = set(free.program_ids)
    # lock in programs the optimizer did not want, lock out some it did
    unwanted = [p.program_id for p in programs if p.program_id not in chosen][-k_in:]
    wanted = list(free.program_ids)[:k_out]
    res = optimize(_profile(), programs, max_apps=n, draws=DRAWS, seed=seed,
                   force_in=unwanted, force_out=wanted)
    ids = res.program_ids
    assert set(unwanted) <= set(ids)
    assert not set(wanted) & set(ids)
    assert len(ids) <= max(n, len(unwanted))
    assert set(ids[:len(unwanted)]) == set(unwanted)  # locked programs come first
    assert len(set(ids)) == len(ids)
    allowed = signal_allowance("Internal Medicine")
    for level, k in allowed.items():
        assert sum(1 for v in res.signals.values() if v == level) <= k
    curve = [c["p_match"] for c in res.curve]
    assert all(b >= a - 1e-12 for a, b in zip(curve, curve[1:], strict=False))


def test_locks_beyond_the_limit_or_budget_are_still_kept():
    programs = synthetic_programs(40, 1)
    locked = [p.program_id for p in programs[:6]]
    res = optimize(_profile(), programs, max_apps=3, budget=0, draws=DRAWS, force_in=locked)
    assert set(locked) <= set(res.program_ids)
    assert len(res.program_ids) == 6


def test_no_locks_gives_the_same_list_as_before():
    programs = synthetic_programs(50, 2)
    a = optimize(_profile(), programs, max_apps=15, draws=DRAWS, seed=4)
    b = optimize(_profile(), programs, max_apps=15, draws=DRAWS, seed=4, force_in=[],
                 force_out=[])
    assert a.program_ids == b.program_ids and a.p_match == b.p_match
