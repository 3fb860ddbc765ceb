"""Loading and ranking the catalog off the GUI thread.

:func:`load_catalog` runs as a job of the tab's runner (``ui/jobs.py``): it opens its own store
session (never one shared with the GUI thread), reads the programs (or reuses the ones given,
for a re-rank), the profile and the plan's signals and ranks everything; a load also sorts by
the table's column and builds the filters' columns (search texts included) and the row index. A re-rank does only the
ranking (NumPy columns: a few tens of milliseconds, the interpreter mostly free for the GUI
thread), and the table keeps its rows, order and filter columns. Only plain Python objects cross
back, and the tab applies them on the GUI thread in a few milliseconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt

from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.model.catalog_ranking import CatalogRanking, build_ranking
from smartpick_desktop.core.model.chances import program_arrays
from smartpick_desktop.core.plan.saved import current_plan
from smartpick_desktop.core.progress import ShouldCancel, checkpoint
from smartpick_desktop.ui.fixes import with_fix
from smartpick_desktop.ui.jobs import let_gui_run
from smartpick_desktop.ui.programs.proxy import FilterColumns
from smartpick_desktop.ui.programs.table_model import (
    COLUMNS,
    RANKED,
    RowOrder,
    row_order,
    sort_positions,
)


@dataclass
class LoadedCatalog:
    """What a load job produced (plain Python; ``error`` is a sentence or None)."""

    generation: int
    programs: list[Program] = field(default_factory=list)
    ranking: CatalogRanking | None = None
    profile: Any = None
    columns: FilterColumns | None = None
    rows_by_id: dict[int, int] = field(default_factory=dict)
    specialties: list[str] = field(default_factory=list)
    order: RowOrder | None = None
    sort: tuple[int, Qt.SortOrder] | None = None
    rerank: bool = False
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

    def pause() -> None:  # between steps: stop if asked, let the GUI thread run
        checkpoint(should_cancel)
        let_gui_run()

    start = time.perf_counter()
    out = LoadedCatalog(generation, rerank=programs is not None, sort=sort)
    try:
        with store.session() as session:
            rows = load_programs(session, between=pause) if programs is None else programs
            out.profile = load_profile(session)
            plan = current_plan(session) if out.profile else None
            signals = dict(plan.signals) if plan is not None else {}
        pause()
        if out.profile is not None and not out.rerank:
            program_arrays(rows, between=pause)  # read once, pausing; the ranking reuses it
        out.ranking = build_ranking(out.profile, rows, signals)
        out.programs = list(rows)  # in the ranking's order: a re-rank reuses its columns
        if out.rerank:  # the table keeps its rows and filter columns; sorted by rank or
            if sort is not None and COLUMNS[sort[0]].key in RANKED:  # chance, its new order
                out.order = row_order(out.programs,
                                      sort_positions(out.programs, out.ranking, *sort))
            return out
        pause()
        places = sort_positions(out.programs, out.ranking, *sort) if sort is not None else None
        out.order = row_order(out.programs, places)
        pause()
        out.columns = FilterColumns(out.programs, between=pause)
        pause()
        out.rows_by_id = (out.ranking.index if out.ranking is not None
                          else {p.program_id: i for i, p in enumerate(out.programs)})
        out.specialties = sorted({p.specialty for p in out.programs})
    except SmartPickError as err:
        out.error = with_fix(err)
    except Exception as err:  # noqa: BLE001 - shown to the student instead of a dead worker
        out.error = f"The programs could not be loaded ({type(err).__name__}: {err})."
    finally:
        out.seconds = time.perf_counter() - start
    return out
