"""The whole cost of a plan: application fees per platform, NRMP ranks beyond those included,
transcript fees, and interview travel (an estimate the student can edit), against the budget.

Travel is computed from the expected interviews rounded to one decimal, the same number shown,
so "13.0 × $600 = $7,800" always multiplies out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smartpick_desktop.core.season.types import Season

TRAVEL_KEY = "plan/travel_per_interview_usd"
MAX_TRAVEL = 10_000


@dataclass(frozen=True)
class CostLine:
    """One line of the whole cost. ``kind``: fees | rank | transcript | once | travel."""

    label: str
    usd: int
    detail: str
    source: str
    kind: str
    estimate: bool = False


@dataclass
class WholeCost:
    """Every cost line, the total and the budget check."""

    lines: list[CostLine]
    budget_usd: int | None
    not_included: list[str] = field(default_factory=list)

    @property
    def total_usd(self) -> int:
        return sum(line.usd for line in self.lines)

    @property
    def fees_usd(self) -> int:
        return sum(line.usd for line in self.lines if line.kind == "fees")

    @property
    def over_budget(self) -> bool:
        return bool(self.budget_usd) and self.total_usd > int(self.budget_usd or 0)

    def warning(self) -> str | None:
        """A sentence when the whole cost passes the budget, else None."""
        if not self.over_budget:
            return None
        over = self.total_usd - int(self.budget_usd or 0)
        fees = self.fees_usd
        text = (f"Over budget: the whole cost, ${self.total_usd:,}, passes your budget of "
                f"${self.budget_usd:,} by ${over:,}.")
        if fees <= int(self.budget_usd or 0):
            text += (f" Application fees alone (${fees:,}) fit; travel and the other costs "
                     "do not. Raise the budget, plan fewer interviews' travel, or apply to "
                     "fewer programs.")
        else:
            text += " Application fees alone pass it: lower the number of applications."
        return text

    def to_json(self) -> dict[str, Any]:
        return {"lines": [{"label": x.label, "usd": x.usd, "detail": x.detail,
                           "source": x.source, "kind": x.kind, "estimate": x.estimate}
                          for x in self.lines],
                "total_usd": self.total_usd, "budget_usd": self.budget_usd,
                "over_budget": self.over_budget, "warning": self.warning(),
                "not_included": list(self.not_included)}


def travel_default() -> tuple[int, str]:
    """The shipped per-interview travel estimate and its citation."""
    from smartpick_desktop.core.reference import load_reference

    fig = load_reference().interview_travel_usd
    return int(round(float(fig.value))), fig.cite()


def travel_per_interview(session: Any) -> tuple[int, bool]:
    """``(usd, set_by_student)``: the student's own estimate, else the shipped one."""
    from smartpick_desktop.core.store.settings import get_setting

    value = get_setting(session, TRAVEL_KEY, None) if session is not None else None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_TRAVEL:
        return value, True
    return travel_default()[0], False


def set_travel_per_interview(session: Any, usd: int | None) -> None:
    """Store the student's estimate (None: back to the shipped one)."""
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.store.settings import set_setting

    if usd is not None and (isinstance(usd, bool) or not isinstance(usd, int)
                            or not 0 <= usd <= MAX_TRAVEL):
        raise InputError(f"Travel per interview must be a whole number of dollars from 0 to "
                         f"{MAX_TRAVEL:,}.")
    set_setting(session, TRAVEL_KEY, usd)


def whole_cost(season: Season, fee_lines: Iterable[Mapping[str, Any]], *,
               expected_interviews: float, applicant_type: str, budget_usd: int | None,
               travel_usd: int, travel_is_own: bool = False) -> WholeCost:
    """Cost lines for a plan: ``fee_lines`` as :func:`service.application_fees` gives them."""
    from smartpick_desktop.core.season.service import platform_for

    lines: list[CostLine] = []
    used_platforms: list[str] = []
    for line in fee_lines:
        if int(line.get("applications", 0)) <= 0:
            continue
        platform = platform_for(season, str(line["specialty"]))
        rule = platform.fee_rule
        if rule is None:
            continue
        if platform.name not in used_platforms:
            used_platforms.append(platform.name)
        n = int(line["applications"])
        lines.append(CostLine(
            f"{platform.name} fees, {line['specialty']}", int(line["fee_usd"]),
            f"{n} application{'s' if n != 1 else ''}: {rule.text}",
            rule.source.label(), "fees"))
    interviews = round(float(expected_interviews), 1)
    if used_platforms:
        for item in season.costs:
            if not item.applies_to(applicant_type):
                continue
            if item.kind == "per_rank_beyond":
                ranks = int(round(interviews))
                extra = max(0, ranks - item.included)
                detail = (f"about {ranks} rank{'s' if ranks != 1 else ''} (one per expected interview): "
                          + (f"{extra} beyond {item.included} × ${item.usd}" if extra
                             else f"within the {item.included} included"))
                lines.append(CostLine(item.label, extra * item.usd, detail,
                                      item.source.label(), "rank"))
            elif item.kind == "per_platform":
                k = len(used_platforms)
                lines.append(CostLine(item.label, k * item.usd,
                                      f"{k} platform{'s' if k != 1 else ''} "
                                      f"({', '.join(used_platforms)}) × ${item.usd}",
                                      item.source.label(), "transcript"))
            else:
                lines.append(CostLine(item.label, item.usd, item.note or "once",
                                      item.source.label(), "once"))
    travel_total = int(round(interviews * travel_usd))
    origin = "your own estimate" if travel_is_own else "an estimate you can change"
    lines.append(CostLine(
        "Interview travel", travel_total,
        f"{interviews:.1f} expected interviews × ${travel_usd:,} = ${travel_total:,} ({origin})",
        "Your estimate" if travel_is_own else travel_default()[1], "travel", estimate=True))
    return WholeCost(lines, budget_usd, list(season.not_included))


def cost_of_plan(session: Any, profile: Any, fee_breakdown: Iterable[Mapping[str, Any]],
                 expected_interviews: float, budget_usd: int | None = None,
                 season: Season | None = None) -> WholeCost:
    """The whole cost of a plan (an optimiser result or a saved plan) in the season in force,
    with the student's travel estimate; ``budget_usd`` defaults to the profile's."""
    from smartpick_desktop.core.season.service import season_in_force

    season = season or season_in_force(session).season
    travel, own = travel_per_interview(session)
    budget = budget_usd if budget_usd is not None else getattr(profile, "budget_usd", None)
    return whole_cost(season, fee_breakdown, expected_interviews=expected_interviews,
                      applicant_type=getattr(profile, "applicant_type", "us_md"),
                      budget_usd=budget, travel_usd=travel, travel_is_own=own)
