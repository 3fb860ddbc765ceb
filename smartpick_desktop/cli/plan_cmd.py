"""``smartpick plan export FILE.pdf [--ics FILE.ics]``: the application plan as PDF (and calendar).

With no plan chosen yet, one is first computed from the profile's budget and saved, as
PRODUCT.md section 9 says. reportlab and icalendar are imported inside the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from smartpick_desktop.cli.context import CliContext
from smartpick_desktop.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    from smartpick_desktop.cli.plan_steer_cmd import register_actions

    parser = sub.add_parser("plan", help="steer the plan, track applications and interviews, "
                            "export it (PDF, calendar)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    register_actions(actions)
    export = actions.add_parser(
        "export", help="write the current plan as a PDF (computing one first if none is chosen)")
    export.add_argument("file", type=Path, metavar="FILE.pdf")
    export.add_argument("--ics", type=Path, metavar="FILE.ics",
                        help="also write the season timeline and follow-ups as a calendar")
    export.set_defaults(func=_export)


def _check_target(path: Path, suffix: str, option: str) -> None:
    if path.suffix.lower() != suffix:
        raise InputError(f"{option} '{path}' must end in {suffix}.")
    if not path.parent.exists():
        raise InputError(f"{option} '{path}': the folder {path.parent} does not exist.")
    if path.is_dir():
        raise InputError(f"{option} '{path}' is a folder, not a file.")
    from smartpick_desktop.core.files import check_target

    check_target(path, "PDF file" if suffix == ".pdf" else "Calendar file")


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    _check_target(args.file, ".pdf", "FILE")
    if args.ics is not None:
        _check_target(args.ics, ".ics", "--ics")
    from smartpick_desktop.core.plan.assemble import assemble_plan, ensure_plan, require_profile

    store = ctx.store()
    with store.session() as session:
        profile = require_profile(session)
        plan, computed = ensure_plan(session, profile)
    if computed:
        print(f"No plan was chosen yet: computed one from your profile "
              f"({len(plan.program_ids)} programs) and saved it as the current plan.")
    with store.session() as session:
        document = assemble_plan(session)
    from smartpick_desktop.core.plan.pdf import render_pdf

    try:
        pages = render_pdf(document, args.file)
    except OSError as err:
        raise InputError(f"Cannot write '{args.file}': {err.strerror or err}.") from err
    print(f"Wrote the plan ({len(document.programs)} programs, {pages} pages) to {args.file}.")
    if args.ics is not None:
        from smartpick_desktop.core.plan.ics import write_calendar

        try:
            events = write_calendar(document, args.ics)
        except OSError as err:
            raise InputError(f"Cannot write '{args.ics}': {err.strerror or err}.") from err
        print(f"Wrote {events} calendar events to {args.ics}.")
    return 0
