"""Build a :class:`PlanDocument` from the store: profile, current plan, catalog, mentors, checklist.

:func:`assemble_plan` reads everything in one session; :func:`build_document` does the work from
plain objects, so it is testable without a store. :func:`ensure_plan` computes and saves a plan
from the profile's budget when none is chosen yet (``smartpick plan export`` does that).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.plan.document import (
    ChecklistRow,
    CostRow,
    CurvePoint,
    FeeBreakdown,
    FeeLine,
    FollowUpRow,
    LetterRow,
    LettersSection,
    PlanDocument,
    PlanProgram,
    ProfileSnapshot,
    SourceRef,
    TimelineEvent,
)
from smartpick_desktop.core.profile import (
    APPLICANT_TYPES,
    ECFMG_STATUSES,
    HONORS,
    VISAS,
    Profile,
    load_profile,
)

NO_PROFILE = "There is no profile yet, so there is no plan to export."
NO_PLAN = "There is no plan yet: a list of programs must be chosen before exporting."


def require_profile(session: Session) -> Profile:
    profile = load_profile(session)
    if profile is None:
        raise InputError(NO_PROFILE, fix="no_profile")
    return profile


def ensure_plan(session: Session, profile: Profile) -> tuple[Any, bool]:
    """Return ``(current plan, computed)``: with none saved, compute one from the profile's
    budget (and target number of applications) and save it first."""
    from smartpick_desktop.core.plan.saved import compute_plan, current_plan, save_plan

    plan = current_plan(session)
    if plan is not None:
        return plan, False
    result = compute_plan(session, profile, max_apps=profile.target_programs,
                          budget=profile.budget_usd)
    return save_plan(session, result), True


def assemble_plan(session: Session, *, today: dt.date | None = None) -> PlanDocument:
    """Read the profile, the current plan and the rest from the store and build the document.

    Raises InputError (one sentence) when there is no profile or no plan yet.
    """
    from smartpick_desktop.core.catalog.queries import load_programs_where
    from smartpick_desktop.core.checklist import list_items
    from smartpick_desktop.core.plan.figures import fresh_plan
    from smartpick_desktop.core.plan.saved import current_plan

    today = today or dt.date.today()
    profile = require_profile(session)
    plan = fresh_plan(session, profile).plan if current_plan(session) else None
    if plan is None:
        raise InputError(NO_PLAN, fix="no_plan")
    wanted = set(plan.program_ids)
    programs = load_programs_where(session, ids=wanted)
    from smartpick_desktop.core.season import season_in_force, travel_per_interview

    letters, due, coming, available = _mentors(session, today)
    document = build_document(profile, plan, programs, letters=letters, follow_ups=due,
                              upcoming_follow_ups=coming, checklist=list_items(session),
                              catalog_sources=_catalog(session), mentors_available=available,
                              today=today, season=season_in_force(session, today).season,
                              travel=travel_per_interview(session))
    from smartpick_desktop.core.plan.season_doc import add_season

    add_season(session, document, plan)
    return document


def _mentors(session: Session, today: dt.date) -> tuple[list, list, list, bool]:
    """Letters, follow-ups due now, follow-ups due in the next weeks, and whether the
    mentors feature is there (it always is)."""
    from smartpick_desktop.core.mentors.followups import due_items, upcoming_items
    from smartpick_desktop.core.mentors.letters import list_letters

    return (list_letters(session), due_items(session, today), upcoming_items(session, today),
            True)


def _catalog(session: Session) -> list[Any]:
    from smartpick_desktop.core.catalog.queries import list_sources

    return list_sources(session)


# --- pure assembly -----------------------------------------------------------------------------


def build_document(profile: Profile, plan: Any, programs: Sequence[Any], *,
                   letters: Iterable[Any] = (), follow_ups: Iterable[Any] = (),
                   upcoming_follow_ups: Iterable[Any] = (),
                   checklist: Iterable[Any] = (), catalog_sources: Iterable[Any] = (),
                   mentors_available: bool = True, today: dt.date | None = None,
                   reference: Any = None, season: Any = None,
                   travel: tuple[int, bool] | None = None) -> PlanDocument:
    """Build the document from plain objects (a SavedPlan-like ``plan``, catalog Programs, mentor
    Letters and DueItems — due now, and coming up for the timeline — ChecklistItems, catalog
    SourceInfos). ``season``: the core.season Season (default: the shipped one of ``today``);
    ``travel``: ``(usd per interview, set by the student)`` (default: the shipped estimate)."""
    from smartpick_desktop.core.position import position_statement
    from smartpick_desktop.core.reference import load_reference
    from smartpick_desktop.core.season import season_in_force, submission_notice
    from smartpick_desktop.core.season.costs import travel_default

    ref = reference or load_reference()
    today = today or dt.date.today()
    season = season or season_in_force(None, today).season
    travel = travel or (travel_default()[0], False)
    position = position_statement(profile, season)
    wanted = set(plan.program_ids)
    programs = [p for p in programs if p.program_id in wanted]
    chosen = _programs(profile, plan, programs)
    letters = list(letters)
    follow_ups = list(follow_ups)
    specialty = ref.find_specialty(profile.specialty)
    sources = _sources(ref, profile, season, chosen, programs, catalog_sources)
    fee = _fees(ref, plan, profile, season, travel)
    platforms = _platforms(season, fee)
    sent = sum(1 for p in programs if p.status in _SENT)
    return PlanDocument(
        generated=today,
        season=f"{season.label}",
        profile=_snapshot(profile, position),
        programs=chosen,
        curve=[CurvePoint(int(c["applications"]), float(c["p_match"])) for c in plan.curve],
        p_match=float(plan.p_match),
        expected_interviews=float(plan.expected_interviews),
        fee=fee,
        timeline=_timeline(season, today, platforms, sent, letters,
                           follow_ups + list(upcoming_follow_ups)),
        letters=_letters(profile, letters, mentors_available),
        follow_ups=[FollowUpRow(d.contact, d.reason, d.due, bool(d.overdue)) for d in follow_ups],
        checklist=[ChecklistRow(i.text, i.origin, bool(i.done)) for i in checklist],
        sources=sources,
        signals_available=_signals_available(season, profile) if specialty else None,
        season_notice=submission_notice(season, today, platforms, sent),
        **_plan_extras(plan),
    )


def _plan_extras(plan: Any) -> dict[str, Any]:
    """The plan's range, safety-net figure and stopping sentence, when it has them."""
    details = getattr(plan, "details", None) or {}
    low_high = details.get("p_match_range")
    any_p = details.get("p_match_any")
    return {"p_match_range": tuple(low_high) if low_high else None,
            "p_match_any": (float(any_p) if any_p is not None
                            and any_p > float(plan.p_match) + 1e-9 else None),
            "stop_text": str(details.get("stop_text") or "")}


_SENT = ("applied", "invited", "interviewed", "ranked", "rejected")


def _signals_available(season: Any, profile: Profile) -> int | None:
    from smartpick_desktop.core.season import specialty_season

    return sum(specialty_season(season, profile.specialty).signals.values()) or None


def _platforms(season: Any, fee: FeeBreakdown) -> list[str]:
    from smartpick_desktop.core.season import platform_for

    used = [platform_for(season, line.specialty).name for line in fee.lines
            if line.applications]
    return list(dict.fromkeys(used)) or [season.default_platform]


def _snapshot(profile: Profile, position: Any) -> ProfileSnapshot:
    if profile.step2_ck is not None:
        step2 = str(profile.step2_ck)
    elif profile.step2_ck_expected is not None:
        step2 = f"{profile.step2_ck_expected} (expected)"
    else:
        step2 = ""
    step1 = "" if profile.step1 is None else str(profile.step1)
    home = ", ".join(x for x in (profile.home_city, profile.home_state or "") if x)
    return ProfileSnapshot(
        name=profile.name, specialty=profile.specialty,
        applicant_type=APPLICANT_TYPES.get(profile.applicant_type, profile.applicant_type),
        backup_specialty=profile.backup_specialty, graduation_year=profile.graduation_year,
        home=home, step2=step2, step1=step1.capitalize() if step1.isalpha() else step1,
        research_items=profile.research_items,
        honors=[HONORS.get(h, h) for h in profile.honors],
        visa=VISAS.get(profile.visa, profile.visa),
        ecfmg=ECFMG_STATUSES.get(profile.ecfmg_status or "", "") if profile.is_img else "",
        preferred_states=list(profile.preferred_states), budget_usd=profile.budget_usd,
        target_programs=profile.target_programs,
        us_clinical_months=profile.us_clinical_months if profile.is_img else None,
        years_since_graduation=profile.years_since_graduation(), position=position.text,
        position_source=position.source)


def _programs(profile: Profile, plan: Any, programs: Sequence[Any]) -> list[PlanProgram]:
    """The plan's programs in the model's order, with tiers, chances (with the plan's signals)
    and fit. Programs deleted from the catalog since the plan was saved are left out."""
    from smartpick_desktop.core.model.ranking import rank_programs

    signals: Mapping[int, str] = dict(plan.signals)
    by_id = {p.program_id: p for p in programs}
    chosen = [by_id[i] for i in plan.program_ids if i in by_id]
    if not chosen:
        return []
    ranked = rank_programs(profile, chosen, signalled=signals)
    out = []
    for index, item in enumerate(ranked, start=1):
        program = item.program
        out.append(PlanProgram(
            rank=index, name=program.name, institution=program.institution or "",
            city=program.city or "", state=program.state, tier=item.tier,
            p_interview=float(item.p_interview), fit=float(item.fit),
            signal=signals.get(program.program_id), status=program.status,
            specialty=program.specialty, is_demo=bool(program.is_demo),
            notes=program.notes or ""))
    return out


def _fees(ref: Any, plan: Any, profile: Profile, season: Any,
          travel: tuple[int, bool]) -> FeeBreakdown:
    """Application fees recomputed with the season's platform rules (so the PDF agrees with the
    season shown), and the whole cost against the budget."""
    from smartpick_desktop.core.season import application_fees, fee_rule_text, whole_cost

    counts = {str(line["specialty"]): int(line["applications"]) for line in plan.fee_breakdown}
    fee_lines = application_fees(season, counts)
    lines = [FeeLine(str(x["specialty"]), int(x["applications"]), int(x["fee_usd"]))
             for x in fee_lines]
    budget = getattr(plan, "budget_usd", None) or profile.budget_usd
    interviews = round(float(plan.expected_interviews), 1)
    cost = whole_cost(season, fee_lines, expected_interviews=interviews,
                      applicant_type=profile.applicant_type, budget_usd=budget,
                      travel_usd=int(travel[0]), travel_is_own=bool(travel[1]))
    travel_line = next(x for x in cost.lines if x.kind == "travel")
    rules = [p for p in season.platforms.values() if p.fee_rule is not None]
    note = next((p.fee_rule.note for p in rules if p.fee_rule.note
                 and p.fee_rule.season_year < season.match_year - 1), None)
    return FeeBreakdown(
        lines=lines, total_usd=sum(x.fee_usd for x in lines),
        rule_text=fee_rule_text(season, list(counts) or [profile.specialty]),
        season=season.label, source=season.source_text, season_note=note,
        expected_interviews=interviews, travel_per_interview_usd=int(travel[0]),
        travel_usd=travel_line.usd, travel_source=travel_line.source,
        travel_note=("Your own estimate; change it in the Plan tab." if travel[1] else
                     ref.interview_travel_usd.note),
        budget_usd=budget,
        cost_rows=[CostRow(x.label, x.usd, x.detail, x.source, x.estimate) for x in cost.lines],
        warning=cost.warning(), not_included=list(cost.not_included))


def _timeline(season: Any, today: dt.date, platforms: list[str], sent: int,
              letters: list[Any], follow_ups: list[Any]) -> list[TimelineEvent]:
    """The season's dates for the student's platforms, each with its source and its state as of
    today (done, missed or passed once past), plus the student's letter deadlines and
    follow-ups."""
    from smartpick_desktop.core.season import season_steps

    events = [TimelineEvent(step.date.date, step.date.name, step.date.kind,
                            step.date.source.label(), bool(step.date.estimated), step.date.note,
                            step.state)
              for step in season_steps(season, today, platforms, sent)]
    for letter in letters:
        if letter.due is not None and letter.status in ("asked", "agreed"):
            events.append(TimelineEvent(letter.due, f"Letter due: {letter.writer}", "letter",
                                        "Your letters (Mentors tab)",
                                        state="missed" if letter.due < today else "upcoming"))
    for item in follow_ups:
        if getattr(item, "kind", "") == "letter":
            continue
        events.append(TimelineEvent(item.due, f"{item.reason}: {item.contact}", "follow_up",
                                    "Your follow-ups (Mentors tab)",
                                    state="overdue" if item.due < today else "upcoming"))
    return sorted(events, key=lambda e: (e.date, not e.is_season, e.title))


def _letters(profile: Profile, letters: list[Any], available: bool) -> LettersSection:
    if not available:
        return LettersSection(available=False)
    from smartpick_desktop.core.mentors import letters as mentor_letters

    expected = mentor_letters.letters_expected(profile.specialty)
    rows = [LetterRow(writer=x.writer, status=x.status, requested=x.requested, due=x.due,
                      standardized=bool(x.standardized), specialty=x.specialty, notes=x.notes)
            for x in letters]
    missing = []
    if len(rows) < expected:
        more = expected - len(rows)
        missing.append(f"{more} more letter{'s' if more != 1 else ''}: {profile.specialty} "
                       f"programs usually expect {expected} and you track {len(rows)}.")
    standardized = getattr(mentor_letters, "standardized_letter", lambda _s: None)(
        profile.specialty)
    if standardized and not any(r.standardized for r in rows):
        missing.append(f"No standardized letter yet: {standardized}.")
    for row in rows:
        if row.status in ("asked", "agreed"):
            due = f", due {row.due.isoformat()}" if row.due else ""
            missing.append(f"{row.writer}: not submitted yet ({row.status}{due}).")
    return LettersSection(letters=rows, expected=expected, missing=missing)


def _sources(ref: Any, profile: Profile, season: Any, chosen: list[PlanProgram],
             programs: Sequence[Any], catalog_sources: Iterable[Any]) -> list[SourceRef]:
    """Every source behind a figure in the plan, with its year and what it backs."""
    found: dict[str, SourceRef] = {}

    def add(source: Any, used_for: str) -> None:
        if source is None:
            return
        label = source.label()
        if label in found:
            old = found[label]
            if used_for not in old.used_for:
                found[label] = SourceRef(label, old.year, f"{old.used_for}; {used_for}",
                                         old.uncertain)
            return
        found[label] = SourceRef(label, source.year, used_for, bool(source.uncertain))

    specialty = ref.find_specialty(profile.specialty)
    if specialty is not None and specialty.step2_mean is not None:
        add(specialty.step2_mean.source, "Step 2 CK of matched applicants")
    from smartpick_desktop.core.model.calibration import calibration_year

    rate = ref.match_rates_for(calibration_year())[1].get(profile.applicant_type)
    if rate is not None:
        add(rate.source, "Match rates the model is calibrated to")
    from smartpick_desktop.core.season import platform_for, specialty_season

    for name in [profile.specialty] + ([profile.backup_specialty]
                                       if profile.backup_specialty else []):
        platform = platform_for(season, name)
        if platform.fee_rule is not None:
            add(platform.fee_rule.source, f"{platform.name} fees")
    for item in season.costs:
        add(item.source, item.label)
    for event in season.dates:
        add(event.source, "Season dates")
    signals = specialty_season(season, profile.specialty)
    if signals.signals_source is not None:
        add(signals.signals_source, "Number of preference signals")
    add(ref.signal_odds_multiplier.source, "Effect of a signal on interview chances")
    _add_model_sources(add, specialty, profile.specialty)
    add(ref.interview_travel_usd.source, "Interview travel cost")
    out = list(found.values())
    names = {p.source for p in programs}
    demo = any(p.is_demo for p in chosen)
    for info in catalog_sources:
        if (info.kind == "demo" and demo) or (info.kind != "demo" and info.name in names):
            year = _year(getattr(info, "created", "")) or _year(getattr(info, "season", ""))
            what = "Program data (demo, invented)" if info.kind == "demo" else "Program data"
            out.append(SourceRef(info.label, year, what))
    return out


def _add_model_sources(add: Any, specialty: Any, name: str) -> None:
    """The evidence behind the chances: the specialty's interview level and the fit."""
    from smartpick_desktop.core.model.constants import load_constants

    consts = load_constants()
    basis = consts.interview_level_basis(name)
    if basis == "survey" and specialty is not None and specialty.survey is not None:
        add(specialty.survey.applications.source,
            "How large a share of its applicants the specialty invites (against Internal "
            "Medicine)")
    elif basis != "average":
        add(consts.specialty_interview_figure(name).source,
            "How large a share of its applicants the specialty invites")
    else:
        add(consts.figure("interview_survey_applications_average").source,
            "How large a share of its applicants the average specialty invites")
    add(consts.figure("strength_slope").source,
        "How much Step 2 CK and the rest of the profile move the chance of an interview")


def _year(text: str) -> int | None:
    found = re.search(r"(19|20)\d{2}", text or "")
    return int(found.group(0)) if found else None
