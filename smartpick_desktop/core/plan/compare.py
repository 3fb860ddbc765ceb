"""Side-by-side comparison of 2–4 programs: program data with where each value comes from, fit,
chance of an interview, the plan's signal, and the student's notes and interview scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError

MIN_COMPARE, MAX_COMPARE = 2, 4
COMPARE_FIELDS = ("institution", "specialty", "track", "city", "state", "setting", "positions",
                  "share_md", "share_do", "share_img", "visa_j1", "visa_h1b", "min_step2",
                  "typical_step2", "interviews_per_year", "signals_accepted", "reputation")


@dataclass(frozen=True)
class Cell:
    value: str
    source: str = ""


@dataclass
class Comparison:
    """Rows (label, one Cell per program) under a header of program names."""

    program_ids: list[int]
    names: list[str]
    rows: list[tuple[str, list[Cell]]]
    is_demo: bool

    def as_json(self) -> dict:
        return {"programs": [
            {"program_id": pid, "name": name,
             "fields": {label: {"value": cells[k].value, "source": cells[k].source}
                        for label, cells in self.rows}}
            for k, (pid, name) in enumerate(zip(self.program_ids, self.names, strict=True))]}


def _fmt(name: str, value: object) -> str:
    from smartpick_desktop.core.catalog.program import SETTINGS

    if value is None or value == "":
        return "—"
    if name == "setting":
        return SETTINGS.get(str(value), str(value))
    if name == "track":
        from smartpick_desktop.core.catalog.program import TRACKS

        return TRACKS.get(str(value), str(value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name.startswith("share_") and isinstance(value, float):
        return f"{value * 100:.0f}%"
    if isinstance(value, float):
        return f"{value:.0f}"
    return str(value)


def compare_programs(session: Session, program_ids: Sequence[object]) -> Comparison:
    """Compare 2–4 catalog programs for the saved profile."""
    from smartpick_desktop.core.catalog.program import PACK_FIELDS, STATUSES
    from smartpick_desktop.core.catalog.queries import get_program
    from smartpick_desktop.core.model.ranking import rank_programs
    from smartpick_desktop.core.plan.interviews import (
        get_interview,
        list_criteria,
        weighted_score,
    )
    from smartpick_desktop.core.plan.saved import current_plan
    from smartpick_desktop.core.profile import load_profile

    ids: list[int] = []
    for raw in program_ids:
        try:
            pid = int(str(raw))
        except ValueError:
            raise InputError(f"'{raw}' is not a program id (a number).") from None
        if pid in ids:
            raise InputError(f"Program {pid} is listed twice.")
        ids.append(pid)
    if not MIN_COMPARE <= len(ids) <= MAX_COMPARE:
        raise InputError(f"Compare takes {MIN_COMPARE} to {MAX_COMPARE} programs, not "
                         f"{len(ids)}.")
    programs = []
    for pid in ids:
        program = get_program(session, pid)
        if program is None:
            raise InputError(f"Program {pid} is not in the catalog.")
        programs.append(program)
    profile = load_profile(session)
    plan = current_plan(session)
    signals = plan.signals if plan else {}
    rows: list[tuple[str, list[Cell]]] = [("Program", [Cell(p.display_name, "") for p in programs])]
    for name in COMPARE_FIELDS:
        rows.append((PACK_FIELDS[name], [Cell(_fmt(name, getattr(p, name)),
                                              p.provenance.get(name, ""))
                                         for p in programs]))
    if profile is not None:
        ranked = {r.program.program_id: r for r in rank_programs(profile, programs,
                                                                 signalled=signals)}
        model = "Estimated by the model"
        rows.append(("Fit with your preferences", [Cell(f"{ranked[p].fit:.0f} / 100", model)
                                                   for p in ids]))
        rows.append(("Chance of an interview", [
            Cell(f"{ranked[p].p_interview * 100:.0f}% ({ranked[p].tier})", model)
            for p in ids]))
    rows.append(("Signal in your plan", [Cell((signals.get(p) or "none").capitalize(),
                                              "Your plan") for p in ids]))
    rows.append(("Status", [Cell(STATUSES.get(p.status, p.status), "You") for p in programs]))
    rows.append(("Your notes", [Cell(p.notes or "—", "You") for p in programs]))
    criteria = list_criteria(session)
    interviews = [get_interview(session, p) for p in ids]
    for c in criteria:
        rows.append((f"Interview score: {c.name} (weight {c.weight})",
                     [Cell(str(i.scores.get(c.id, "—")) if i else "—", "You")
                      for i in interviews]))
    rows.append(("Interview score (weighted, 1–5)", [
        Cell("—" if (s := weighted_score(i, criteria)) is None else f"{s:.1f}", "You")
        for i in interviews]))
    rows.append(("Interview notes", [Cell((i.notes if i else "") or "—", "You")
                                     for i in interviews]))
    return Comparison(ids, [p.display_name for p in programs], rows,
                      any(p.is_demo for p in programs))
