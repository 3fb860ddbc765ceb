"""``smartpick plan show|add|remove|lock|unlock|signal|undo|status|task|interview|rol|compare``:
steer the plan from the command line, over the same core functions as the Plan tab."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from smartpick_desktop.cli.context import CliContext, print_json


def register_actions(actions: argparse._SubParsersAction) -> None:
    show = actions.add_parser("show", help="the current list with locks, statuses and figures")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--no-refresh", action="store_true",
                      help="do not recompute out-of-date figures (they are flagged stale)")
    show.set_defaults(func=_show)
    for name, text in (("add", "put a catalog program on the list (locks it in)"),
                       ("remove", "take a program off the list (locks it out)"),
                       ("unlock", "let the optimizer decide about a program again")):
        p = actions.add_parser(name, help=text)
        p.add_argument("program_id", metavar="PROGRAM_ID")
        p.set_defaults(func=_edit, edit=name)
    lock = actions.add_parser("lock", help="lock a program in (kept when re-optimizing) or out")
    lock.add_argument("program_id", metavar="PROGRAM_ID")
    lock.add_argument("--out", action="store_true", help="lock it out instead of in")
    lock.set_defaults(func=_edit, edit="lock")
    sig = actions.add_parser("signal", help="place, move or remove a signal (within the "
                             "specialty's allowance)")
    sig.add_argument("program_id", metavar="PROGRAM_ID")
    sig.add_argument("level", metavar="gold|silver|signal|none")
    sig.set_defaults(func=_signal)
    undo = actions.add_parser("undo", help="take back the last change to the list")
    undo.set_defaults(func=_undo)
    status = actions.add_parser("status", help="set a program's application status")
    status.add_argument("program_id", metavar="PROGRAM_ID")
    status.add_argument("status", metavar="STATUS",
                        help="considering, applying, applied, invited, interview_scheduled, "
                        "interviewed, ranked, withdrawn or rejected")
    status.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    status.set_defaults(func=_status)
    task = actions.add_parser("task", help="add a program deadline or supplemental item, or "
                              "tick one off")
    task.add_argument("program_id", metavar="PROGRAM_ID")
    task.add_argument("title", metavar="TEXT", nargs="?")
    task.add_argument("--due", metavar="YYYY-MM-DD")
    task.add_argument("--deadline", action="store_true", help="a deadline (default: a "
                      "supplemental-application item)")
    task.add_argument("--done", metavar="TASK_ID", type=int, help="mark item TASK_ID done")
    task.set_defaults(func=_task)
    due = actions.add_parser("due", help="what is due this week (deadlines, items, interviews)")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(func=_due)
    interview = actions.add_parser("interview", help="record an invitation and the date "
                                   "chosen; reports conflicts")
    interview.add_argument("program_id", metavar="PROGRAM_ID")
    interview.add_argument("--date", metavar="YYYY-MM-DD", help="the interview date chosen")
    interview.add_argument("--offered", metavar="YYYY-MM-DD", nargs="+", default=[],
                           help="dates offered")
    interview.add_argument("--travel-days", type=int, metavar="N",
                           help="days of travel before and after (0 for a virtual interview)")
    interview.add_argument("--notes", metavar="TEXT", help="your notes after the interview")
    interview.add_argument("--score", metavar="CRITERION=1..5", nargs="+", default=[],
                           help="scores on your criteria, e.g. Location=4 People=5")
    interview.add_argument("--json", action="store_true", help="print JSON")
    interview.set_defaults(func=_interview)
    rol = actions.add_parser("rol", help="the rank order list with P(match) by length")
    rol.add_argument("--order", metavar="PROGRAM_ID", nargs="+", help="set the order")
    rol.add_argument("--by-scores", action="store_true", help="order by your interview scores")
    rol.add_argument("--json", action="store_true", help="print JSON")
    rol.set_defaults(func=_rol)
    compare = actions.add_parser("compare", help="2–4 programs side by side")
    compare.add_argument("program_ids", metavar="ID", nargs="+")
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.set_defaults(func=_compare)


def _pct(p: float | None) -> str:
    from smartpick_desktop.core.model.percent import percent_text_1

    return "—" if p is None else percent_text_1(p)


def show_json(view: Any) -> dict[str, Any]:
    """The ``plan show --json`` object."""
    plan = view.plan
    rows = []
    for i, r in enumerate(view.rows, start=1):
        p = r.program
        rows.append({
            "rank": i, "program_id": p.program_id, "acgme_id": p.acgme_id, "name": p.name,
            "specialty": p.specialty, "city": p.city, "state": p.state, "fit": round(r.fit, 1),
            "p_interview": round(r.p_interview, 4), "tier": r.tier, "eligible": r.eligible,
            "reasons": list(r.reasons), "signal": r.signal is not None,
            "signal_level": r.signal,
            "gain": None if r.gain is None else round(r.gain, 5), "source": p.source,
            "is_demo": p.is_demo, "locked": r.locked, "status": r.status,
        })
    return {
        "programs": rows, "locked": view.locked_in, "locked_out": view.locked_out,
        "p_match": None if plan is None else round(plan.p_match, 4),
        "p_match_primary": (None if view.p_match_primary is None
                            else round(view.p_match_primary, 4)),
        "p_match_any": _rounded(plan, "p_match_any"),
        "p_match_range": _rounded(plan, "p_match_range"),
        "expected_interviews": None if plan is None else round(plan.expected_interviews, 2),
        "stale": view.stale, "recomputed": view.recomputed,
        "fee_usd": None if plan is None else plan.fee_usd,
        "fee_breakdown": [] if plan is None else plan.fee_breakdown,
        "signals_allowed": view.signals_allowed,
        "specialty": None if plan is None else plan.specialty,
        "backup_specialty": None if plan is None else plan.backup_specialty,
    }


def _rounded(plan: Any, key: str) -> Any:
    """A figure kept in the plan's details (a number or [low, high]), rounded; None if absent."""
    value = None if plan is None else plan.details.get(key)
    if isinstance(value, (list, tuple)):
        return [round(float(x), 4) for x in value]
    return None if value is None else round(float(value), 4)


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan.view import plan_view

    with ctx.store().session() as session:
        view = plan_view(session, refresh=not args.no_refresh)
    if args.json:
        print_json(show_json(view))
        return 0
    plan = view.plan
    if plan is None:
        print("No plan yet: run 'smartpick optimize' or 'smartpick plan add PROGRAM_ID'.")
        return 0
    note = (" (out of date: run without --no-refresh to recompute)" if view.stale else
            " (recomputed just now for your current profile and catalog)"
            if view.recomputed else "")
    print(f"{len(view.rows)} applications, P(match) {_pct(plan.p_match)}{note}, expected "
          f"interviews {plan.expected_interviews:.1f}, ERAS fee ${plan.fee_usd:,}.")
    if plan.backup_specialty and view.p_match_primary is not None:
        print(f"  Any position {_pct(plan.p_match)}; {plan.specialty} alone "
              f"{_pct(view.p_match_primary)}.")
    any_p = plan.details.get("p_match_any")
    if any_p is not None and any_p > plan.p_match + 1e-9:
        print(f"  With the preliminary safety net, any position: {_pct(any_p)}.")
    from smartpick_desktop.core.catalog.program import STATUSES

    print(f"{'id':>6}  {'chance':>6}  {'signal':<7} {'lock':<6} {'status':<20} program")
    for r in view.rows:
        lock = "in" if r.locked else ""
        print(f"{r.program_id:>6}  {r.p_interview * 100:>5.0f}%  {(r.signal or ''):<7} "
              f"{lock:<6} {STATUSES.get(r.status, r.status):<20} {r.program.display_name}")
    if view.locked_out:
        print(f"Locked out: {', '.join(str(i) for i in view.locked_out)}.")
    return 0


def _report(result: Any) -> None:
    line = result.message
    if result.p_before is not None and result.p_after is not None:
        line += f" P(match) {_pct(result.p_before)} → {_pct(result.p_after)}."
    print(line)


def _edit(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan import edits

    with ctx.store().session() as session:
        if args.edit == "add":
            result = edits.add_program(session, args.program_id)
        elif args.edit == "remove":
            result = edits.remove_program(session, args.program_id)
        elif args.edit == "unlock":
            result = edits.unlock_program(session, args.program_id)
        else:
            result = edits.lock_program(session, args.program_id,
                                        "out" if args.out else "in")
    _report(result)
    return 0


def _signal(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan import edits

    with ctx.store().session() as session:
        result = edits.set_signal(session, args.program_id, args.level.strip().lower())
    _report(result)
    return 0


def _undo(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan import edits

    with ctx.store().session() as session:
        label = edits.undo(session)
    print(f"Undone: {label}." if label else "Nothing to undo.")
    return 0


def _date(text: str | None, field: str) -> dt.date | None:
    from smartpick_desktop.core.plan.tracker import parse_date

    return None if text is None else parse_date(text, field)


def _pid(text: str) -> int:
    from smartpick_desktop.core.errors import InputError

    try:
        return int(text)
    except ValueError:
        raise InputError(f"PROGRAM_ID '{text}' is not a number: use the id shown by "
                         "'smartpick plan show'.") from None


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan.tracker import set_program_status

    day = _date(args.date, "--date")
    with ctx.store().session() as session:
        label = set_program_status(session, _pid(args.program_id), args.status, day)
    print(f"Program {args.program_id}: {label} ({(day or dt.date.today()).isoformat()}).")
    return 0


def _task(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.plan import tracker

    pid = _pid(args.program_id)
    with ctx.store().session() as session:
        if args.done is not None:
            task = tracker.set_task_done(session, args.done)
            if task.program_id != pid:
                raise InputError(f"Checklist item {args.done} belongs to program "
                                 f"{task.program_id}, not {pid}.")
            print(f"Done: {task.title}.")
            return 0
        if not args.title:
            for task in tracker.list_tasks(session, pid):
                due = f" due {task.due.isoformat()}" if task.due else ""
                print(f"[{'x' if task.done else ' '}] {task.id}: {task.title}{due}")
            return 0
        task = tracker.add_task(session, pid, args.title, due=_date(args.due, "--due"),
                                kind="deadline" if args.deadline else "supplemental")
    print(f"Added item {task.id} to program {pid}: {task.title}.")
    return 0


def _due(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan.tracker import due_this_week

    today = dt.date.today()
    with ctx.store().session() as session:
        items = due_this_week(session, today)
    if args.json:
        print_json([{"date": i.date.isoformat(), "kind": i.kind, "program_id": i.program_id,
                     "program": i.program, "text": i.text, "overdue": i.overdue}
                    for i in items])
        return 0
    if not items:
        print("Nothing due this week.")
    for item in items:
        print(item.describe(today))
    return 0


def _scores(session: Any, pairs: list[str]) -> dict[int, int]:
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.plan.interviews import ensure_criteria

    criteria = {c.name.casefold(): c for c in ensure_criteria(session)}
    out: dict[int, int] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        c = criteria.get(name.strip().casefold())
        if c is None:
            raise InputError(f"--score '{pair}': no criterion '{name.strip()}' (yours: "
                             f"{', '.join(x.name for x in criteria.values())}).")
        try:
            out[c.id] = int(value)
        except ValueError:
            raise InputError(f"--score '{pair}': the score must be a whole number 1–5.") \
                from None
    return out


def _interview(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan import interviews as iv

    pid = _pid(args.program_id)
    chosen = _date(args.date, "--date")
    offered = [_date(x, "--offered") for x in args.offered]
    with ctx.store().session() as session:
        scores = _scores(session, args.score) if args.score else None
        record = iv.record_invitation(session, pid, offered=offered, chosen=chosen,
                                      travel_days=args.travel_days)
        if args.notes is not None or scores is not None:
            record = iv.save_review(session, pid, notes=args.notes, scores=scores)
        clashes = iv.conflicts_for(session, pid)
    if args.json:
        print_json({"program_id": pid, "name": record.program,
                    "chosen": record.chosen.isoformat() if record.chosen else None,
                    "offered": [d.isoformat() for d in record.offered],
                    "travel_days": record.travel_days,
                    "conflicts": [{"kind": c.kind, "with": (c.b if c.a.program_id == pid
                                                             else c.a).program_id,
                                   "text": c.describe()} for c in clashes]})
        return 0
    when = record.chosen.isoformat() if record.chosen else "no date chosen yet"
    print(f"Interview at {record.program}: {when}.")
    for clash in clashes:
        print(f"Conflict: {clash.describe()}")
    return 0


def _rol(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan import rol

    with ctx.store().session() as session:
        if args.order:
            view = rol.save_order(session, [_pid(x) for x in args.order])
        elif args.by_scores:
            view = rol.order_by_scores(session)
        else:
            view = rol.rol_view(session)
    if args.json:
        print_json({"programs": [{"program_id": e.program_id, "name": e.name, "rank": e.rank}
                                 for e in view.entries],
                    "p_match_by_length": [{"length": x["length"],
                                           "p_match": round(x["p_match"], 4)}
                                          for x in view.p_match_by_length],
                    "warning": view.warning})
        return 0
    for e in view.entries:
        score = "" if e.score is None else f"  (your score {e.score:.1f})"
        print(f"{e.rank:>3}. {e.name} — P(match) if your list ends here {_pct(e.p_match)}"
              f"{score}")
    if view.warning:
        print(view.warning)
    print(view.note + (" Sources: " + "; ".join(view.sources) + "." if view.sources else ""))
    return 0


def _compare(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.plan.compare import compare_programs

    with ctx.store().session() as session:
        table = compare_programs(session, args.program_ids)
    if args.json:
        print_json(table.as_json())
        return 0
    width = 28
    print(f"{'':<34}" + "".join(f"{n[:width]:<{width + 2}}" for n in table.names))
    for label, cells in table.rows:
        print(f"{label[:32]:<34}" + "".join(f"{c.value[:width]:<{width + 2}}" for c in cells))
    if table.is_demo:
        print("Demo data: programs marked Demo are invented.")
    return 0
