"""A store holding a profile, the demo pack and a saved 10-program plan with signals."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

HOSTILE_NAME = "Zoë <b>O'Brien</b> & Núñez"
HOSTILE_NOTE = "Call back <img src=http://x/y.png> & ask if 3 < 4"


def save_sample_plan(session, profile, n: int = 10):
    """Save ``profile``, load the demo pack and save a plan of ``n`` IM programs; return it."""
    from smartpick_desktop.core.catalog.queries import (
        ensure_demo_pack,
        load_programs,
        update_user_fields,
    )
    from smartpick_desktop.core.plan.saved import save_plan
    from smartpick_desktop.core.profile import save_profile

    save_profile(session, profile)
    ensure_demo_pack(session)
    programs = load_programs(session, specialty=profile.specialty)[:n]
    ids = [p.program_id for p in programs]
    update_user_fields(session, ids[0], notes=HOSTILE_NOTE)
    fee = 11 * min(n, 30) + 30 * max(0, n - 30)
    result = SimpleNamespace(
        program_ids=ids, signals={ids[0]: "gold", ids[1]: "silver"},
        specialty=profile.specialty, backup_specialty=None, p_match=0.91,
        expected_interviews=6.5, fee_usd=fee,
        fee_breakdown=[{"specialty": profile.specialty, "applications": n, "fee_usd": fee}],
        curve=[{"applications": k, "p_match": min(0.99, 0.1 * k)} for k in range(1, n + 1)],
        max_apps=None, budget_usd=profile.budget_usd, details={})
    return save_plan(session, result)


@pytest.fixture
def planned_store(store, sample_profile):
    """The test store with a hostile-named profile, letters, a checklist and a saved plan."""
    from smartpick_desktop.core.checklist import add_item
    from smartpick_desktop.core.mentors.letters import add_letter

    today = dt.date(2026, 8, 1)

    sample_profile.name = HOSTILE_NAME
    with store.session() as session:
        save_sample_plan(session, sample_profile)
        add_letter(session, "Dr. Ana Núñez", requested=dt.date(2026, 7, 1),
                   due=dt.date(2026, 9, 10), status="agreed", notes=HOSTILE_NOTE)
        add_item(session, "Ask the clerkship director for a letter & <b>soon</b>",
                 "Article: Letters of recommendation", today=today)
    return store
