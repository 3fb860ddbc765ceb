"""Loading and ranking the catalog off the GUI thread.

:func:`load_catalog` runs as a job of the tab's runner (``ui/jobs.py``): it opens its own store
session (never one shared with the GUI thread), reads the programs (or reuses the ones given,
for a re-rank), the profile and the plan's signals, ranks everything, sorts by the table's
column and builds the search texts and the row index. Only plain Python objects cross back, and
the tab applies them on the GUI thread in a few milliseconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.model.catalog_ranking import CatalogRanking, build_ranking
from smartpick_desktop.core.plan.saved import current_plan
from smartpick_desktop.core.progress import ShouldCancel, checkpoint
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.programs.proxy import haystacks
from smartpick_desktop.ui.programs.table_model import sorted_programs


@dataclass
class LoadedCatalog:
    """What a load job produced (plain Python; ``error`` is a sentence or None)."""

    generation: int
    programs: list[Program] = field(default_factory=list)
    ranking: CatalogRanking | None = None
    profile: Any = None
    haystack: dict[int, str] = field(default_factory=dict)
    rows_by_id: dict[int, int] = field(default_factory=dict)
    specialties: list[str] = field(default_factory=list)
    sorted: bool = False
    error: str | None = None
    seconds: float = 0.0


def load_catalog(store: Any, generation: int, programs: list[Program] | None,
                 sort: tuple[int, Qt.SortOrder] | None, *,
                 should_cancel: ShouldCancel | None = None) -> LoadedCatalog:
    """Read (unless ``programs`` is given), rank and sort the catalog (any thread; opens its
    own session). Raises ``Cancelled`` between steps when ``should_cancel()``."""
    from smartpick_desktop.core.catalog.queries import load_programs
    from smartpick_desktop.core.errors import SmartPickError
    from smartpick_desktop.core.profile import load_profile

    start = time.perf_counter()
    out = LoadedCatalog(generation)
    try:
        with store.session() as session:
            rows = load_programs(session) if programs is None else programs
            out.profile = load_profile(session)
            plan = current_plan(session) if out.profile else None
            signals = dict(plan.signals) if plan is not None else {}
        checkpoint(should_cancel)
        out.ranking = build_ranking(out.profile, rows, signals)
        checkpoint(should_cancel)
        if sort is not None:
            rows = sorted_programs(rows, out.ranking, *sort)
            out.sorted = True
        out.programs = list(rows)
        checkpoint(should_cancel)
        out.haystack = haystacks(out.programs)
        out.rows_by_id = {p.program_id: i for i, p in enumerate(out.programs)}
        out.specialties = sorted({p.specialty for p in out.programs})
    except SmartPickError as err:
        out.error = with_fix(err)
    except Exception as err:  # noqa: BLE001 - shown to the student instead of a dead worker
        out.error = f"The programs could not be loaded ({type(err).__name__}: {err})."
    out.seconds = time.perf_counter() - start
    return out
