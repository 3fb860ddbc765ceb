"""``smartpick rank``, ``smartpick optimize``, ``smartpick model check`` and
``smartpick model validate`` (docs/model.md)."""

from __future__ import annotations

import argparse
from typing import Any

from smartpick_desktop.cli.context import CliContext, UsageError, print_json
from smartpick_desktop.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    rank = sub.add_parser("rank", help="rank the programs of a specialty for the profile")
    rank.add_argument("--specialty", metavar="S", help="specialty (default: the profile's)")
    rank.add_argument("--top", metavar="N", type=int, help="show only the first N")
    rank.add_argument("--json", action="store_true", help="print JSON")
    rank.set_defaults(func=_rank)
    opt = sub.add_parser("optimize", help="choose the list and signals; saves it as the "
                         "current plan")
    opt.add_argument("--max-apps", metavar="N", type=int, help="at most N applications")
    opt.add_argument("--budget", metavar="USD", type=int, help="application fee budget in USD "
                     "(default: the profile's budget)")
    opt.add_argument("--prelim", metavar="N", type=int, default=0,
                     help="add up to N preliminary programs of your specialty as a safety net")
    opt.add_argument("--travel-per-interview", metavar="USD", type=int,
                     help="your estimate of travel per interview (kept for next time)")
    opt.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    opt.add_argument("--dry-run", action="store_true", help="only print; do not save the plan")
    opt.add_argument("--json", action="store_true", help="print JSON")
    opt.set_defaults(func=_optimize)
    model = sub.add_parser("model", help="the match-chance model")
    actions = model.add_subparsers(dest="action", metavar="ACTION", required=True)
    chk = actions.add_parser("check", help="simulate the calibration population: model vs "
                             "the published NRMP match rates it is fitted to")
    chk.add_argument("--json", action="store_true", help="print JSON (rates as fractions)")
    chk.set_defaults(func=_check)
    val = actions.add_parser("validate", help="check the model against a file of self-reported "
                             "applicant outcomes (docs/model.md, Validation)")
    val.add_argument("file", metavar="FILE.csv", help="outcomes file (one applicant a row)")
    val.add_argument("--lists", choices=("uniform", "optimizer", "optimiser"), default="uniform",
                     help="the list each applicant is scored on: random programs of the "
                     "specialty (uniform, the default) or the optimizer's own")
    val.add_argument("--seed", type=int, default=0, help="seed of the random lists")
    val.add_argument("--json", action="store_true", help="print JSON (fractions)")
    val.set_defaults(func=_validate)


def _profile_and_programs(ctx: CliContext, specialty: str | None = None,
                          with_backup: bool = False) -> tuple[Any, list[Any]]:
    from smartpick_desktop.core.catalog.for_profile import programs_for_profile
    from smartpick_desktop.core.catalog.queries import ensure_demo_pack
    from smartpick_desktop.core.profile import load_profile

    with ctx.store().session() as session:
        profile = load_profile(session)
        if profile is None:
            raise InputError("There is no profile yet.", fix="no_profile")
        ensure_demo_pack(session)
        programs = programs_for_profile(session, profile, specialty=specialty,
                                        with_backup=with_backup)
    return profile, programs


def _row(rp: Any) -> dict[str, Any]:
    p = rp.program
    return {
        "rank": rp.rank, "program_id": p.program_id, "acgme_id": p.acgme_id, "name": p.name,
        "specialty": p.specialty, "city": p.city, "state": p.state, "fit": round(rp.fit, 1),
        "p_interview": round(rp.p_interview, 4),
        "p_interview_signal": round(rp.p_interview_signal, 4), "tier": rp.tier,
        "eligible": rp.eligible, "reasons": list(rp.reasons),
        "fit_reasons": list(rp.fit_reasons), "source": p.source, "is_demo": p.is_demo,
    }


def _rank(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.top is not None and args.top < 1:
        raise UsageError("--top must be 1 or more.")
    from smartpick_desktop.core.model.ranking import rank_programs
    from smartpick_desktop.core.plan.saved import current_plan

    profile, programs = _profile_and_programs(ctx, args.specialty)
    with ctx.store().session() as session:
        plan = current_plan(session)
    ranked = rank_programs(profile, programs, signalled=plan.signals if plan else {})
    if args.top is not None:
        ranked = ranked[:args.top]
    if args.json:
        print_json([_row(r) for r in ranked])
        return 0
    if not ranked:
        print("No programs in this specialty yet: import a data pack or a spreadsheet.")
        return 0
    print(f"{'#':>4}  {'fit':>4}  {'chance':>6}  {'tier':<10}  program")
    for r in ranked:
        demo = " [demo]" if r.program.is_demo else ""
        print(f"{r.rank:>4}  {r.fit:>4.0f}  {r.p_interview * 100:>5.0f}%  {r.tier:<10}  "
              f"{r.program.name} ({r.program.location}){demo}")
        if not r.eligible:
            print(f"{'':>30}{r.reasons[0]}")
    return 0


def _optimize(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.max_apps is not None and args.max_apps < 1:
        raise UsageError("--max-apps must be 1 or more.")
    from smartpick_desktop.core.model.percent import likely_text, percent_text_1

    if args.budget is not None and args.budget < 0:
        raise UsageError("--budget cannot be negative.")
    from smartpick_desktop.core.plan.saved import compute_plan, save_plan
    from smartpick_desktop.core.season import set_travel_per_interview
    from smartpick_desktop.core.season.costs import cost_of_plan

    profile, _ = _profile_and_programs(ctx)
    if args.travel_per_interview is not None:
        with ctx.store().session() as session:
            set_travel_per_interview(session, args.travel_per_interview)
    with ctx.store().session() as session:
        if args.prelim < 0:
            raise UsageError("--prelim cannot be negative.")
        result = compute_plan(session, profile, max_apps=args.max_apps, budget=args.budget,
                              seed=args.seed, prelim_apps=args.prelim)
        cost = cost_of_plan(session, profile, result.fee_breakdown, result.expected_interviews,
                            result.budget_usd)
    saved = False
    if not args.dry_run and result.rows:
        with ctx.store().session() as session:
            save_plan(session, result)
        saved = True
    if args.json:
        print_json({**plan_json(result, saved), "whole_cost": cost.to_json()})
        return 0
    lo, hi = result.p_match_range
    print(f"{len(result.rows)} applications, application fees ${result.fee_usd:,}, "
          f"P(match) {percent_text_1(result.p_match)} ({likely_text((lo, hi))}), expected "
          f"interviews {result.expected_interviews:.1f}.")
    if result.p_match_any > result.p_match + 1e-9:
        alo, ahi = result.p_match_any_range
        print(f"  With the preliminary safety net, P(any position) "
              f"{percent_text_1(result.p_match_any)} ({likely_text((alo, ahi))}).")
    print(f"  {result.stop_sentence}")
    for part in result.fee_breakdown:
        platform = f" on {part['platform']}" if part.get("platform") else ""
        print(f"  {part['specialty']}{platform}: {part['applications']} applications, "
              f"${part['fee_usd']:,}")
    print(f"Whole cost ${cost.total_usd:,}:")
    for line in cost.lines:
        print(f"  {line.label}: ${line.usd:,} ({line.detail})")
    if cost.warning():
        print(cost.warning())
    if result.flatten_at:
        print(f"  The gain flattens after about {result.flatten_at} applications.")
    for i, r in enumerate(result.rows, start=1):
        sig = f" [{r.signal} signal]" if r.signal and r.signal != "signal" else (
            " [signal]" if r.signal else "")
        demo = " [demo]" if r.program.is_demo else ""
        track = " [preliminary]" if r.track == "preliminary" else ""
        print(f"{i:>4}  {r.p_interview * 100:>3.0f}%  {r.tier:<7} {r.program.name} "
              f"({r.program.location}){sig}{track}{demo}")
    print(result.details.get("fee_rule", ""))
    print("Saved as your current plan." if saved else "Dry run: the plan was not saved.")
    return 0


def plan_json(result: Any, saved: bool) -> dict[str, Any]:
    """The ``optimize --json`` object (PRODUCT.md section 9)."""
    rows = []
    for i, r in enumerate(result.rows, start=1):
        p = r.program
        rows.append({
            "rank": i, "program_id": p.program_id, "acgme_id": p.acgme_id, "name": p.name,
            "specialty": p.specialty, "city": p.city, "state": p.state, "fit": round(r.fit, 1),
            "p_interview": round(r.p_interview, 4), "tier": r.tier, "eligible": r.eligible,
            "reasons": list(r.reasons), "signal": r.signal is not None,
            "signal_level": r.signal, "gain": round(r.gain, 5), "source": p.source,
            "is_demo": p.is_demo, "track": r.track,
        })
    return {
        "programs": rows, "p_match": round(result.p_match, 4),
        "p_match_range": [round(x, 4) for x in result.p_match_range],
        "p_match_any": round(result.p_match_any, 4),
        "p_match_any_range": [round(x, 4) for x in result.p_match_any_range],
        "expected_interviews_range": [round(x, 2) for x in result.expected_interviews_range],
        "stop_reason": result.stop_reason, "stop_text": result.stop_sentence,
        "knee_gain": result.knee_gain,
        "next_gains": [round(g, 5) for g in result.next_gains],
        "expected_interviews": round(result.expected_interviews, 2),
        "fee_usd": result.fee_usd, "fee_breakdown": result.fee_breakdown,
        "curve": [{"applications": c["applications"], "p_match": round(c["p_match"], 4)}
                  for c in result.curve],
        "flatten_at": result.flatten_at, "signals_allowed": result.signals_allowed,
        "specialty": result.specialty, "backup_specialty": result.backup_specialty,
        "max_apps": result.max_apps, "budget_usd": result.budget_usd,
        "fee_rule": result.details.get("fee_rule"), "seed": result.details.get("seed"),
        "draws": result.details.get("draws"), "saved": saved,
    }


def _check(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.model.calibration import (
        RANK_TOLERANCE,
        TOLERANCE,
        check,
        rank_check,
    )

    rows = check()
    ranks = rank_check()
    if args.json:
        out = [{"applicant_type": r.applicant_type, "check": "match_rate", "label": r.label,
                "model": round(r.model, 4), "published": r.published, "source": r.source,
                "year": r.year, "applicants": r.applicants, "within_tolerance": r.within}
               for r in rows]
        out += [{"applicant_type": "us_md", "check": "fm_ranks", "ranks": r.ranks,
                 "label": r.label, "model": round(r.model, 4), "published": r.published,
                 "at_least": r.at_least, "source": r.source, "within_tolerance": r.within}
                for r in ranks]
        print_json(out)
    else:
        print(f"Synthetic population, {rows[0].applicants} applicants per type, simulated with "
              "the shipped model constants:")
        print(f"Published: NRMP {rows[0].year} Main Residency Match, PGY-1 match rate by "
              "applicant type.")
        print(f"{'applicant type':<22} {'model':>7} {'published':>10}  source")
        for r in rows:
            mark = "" if r.within else "  (outside tolerance)"
            print(f"{r.label:<22} {r.model * 100:>6.1f}% {r.published * 100:>9.1f}%  "
                  f"{r.source}{mark}")
        print(f"Tolerance: {TOLERANCE * 100:.0f} percentage points.")
        print()
        print("P(match | k programs ranked), typical US senior in Family Medicine (Step 2 CK at "
              "the specialty mean, 6 research items, 3 clerkship honors):")
        print(f"{'ranks':>5} {'model':>7} {'published':>10}  source")
        for r in ranks:
            pub = (f">= {r.published * 100:.0f}%" if r.at_least
                   else f"{r.published * 100:.1f}%")
            mark = "" if r.within else "  (outside tolerance)"
            print(f"{r.ranks:>5} {r.model * 100:>6.1f}% {pub:>10}  {r.source}{mark}")
        print(f"Tolerance: {RANK_TOLERANCE * 100:.0f} points at 1 and 2 ranks; the 'nearly all "
              "matched' point must reach the floor shown.")
    ok = all(r.within for r in rows) and all(r.within for r in ranks)
    return 0 if ok else 1


def _validate(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.model.validation import report_lines, validate_file

    rule = "optimizer" if args.lists in ("optimizer", "optimiser") else "uniform"
    result = validate_file(ctx.store(), args.file, list_rule=rule, seed=args.seed)
    if args.json:
        print_json(_rounded(result))
    else:
        print("\n".join(report_lines(result)))
    return 0


def _rounded(value: Any) -> Any:
    """Round floats to 4 places for stable JSON (None stays None)."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value
