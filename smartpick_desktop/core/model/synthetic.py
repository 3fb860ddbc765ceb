"""Synthetic, clearly fictional program lists for tests and benchmarks (never shown to users)."""

from __future__ import annotations

import random

from smartpick_desktop.core.catalog.program import Program

STATES = ["OH", "MI", "PA", "CA", "NY", "TX", "IL", "MA"]


def synthetic_programs(n: int, seed: int = 0, specialty: str = "Internal Medicine",
                  start_id: int = 1) -> list[Program]:
    """n varied programs (some with unknown fields), reproducible."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pid = start_id + i
        out.append(Program(
            program_id=pid, acgme_id=None, name=f"Test Program {pid}", institution="Inst",
            specialty=specialty, city="Town", state=rng.choice(STATES + [None]),
            latitude=rng.uniform(30, 45) if rng.random() < 0.8 else None,
            longitude=rng.uniform(-120, -75) if rng.random() < 0.8 else None,
            setting=rng.choice(["university", "community_university", "community", None]),
            positions=rng.choice([None, 4, 8, 12, 20, 40]),
            share_md=rng.choice([None, 0.3, 0.6, 0.9]),
            share_do=rng.choice([None, 0.0, 0.1, 0.3]),
            share_img=rng.choice([None, 0.0, 0.02, 0.25, 0.6]),
            visa_j1=rng.choice([None, True, False]), visa_h1b=rng.choice([None, True, False]),
            min_step2=rng.choice([None, None, 225, 240]),
            typical_step2=rng.choice([None, 236, 242, 247, 251, 256, 262]),
            signals_accepted=rng.choice([None, True, True, False]),
            reputation=rng.choice([None, rng.uniform(0, 100)]),
            stars=rng.choice([0, 0, 0, 3, 5]),
            source="test", is_demo=False))
    return out
