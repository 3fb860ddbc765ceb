"""``smartpick programs import FILE [--map COL=field …] [--skip-invalid] | list | export |
template FILE``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from smartpick_desktop.cli.context import CliContext, UsageError, print_json

MAX_LISTED_PROBLEMS = 50


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("programs", help="import, list or export the programs catalog")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="import a CSV/XLSX spreadsheet or a data pack")
    imp.add_argument("file", type=Path)
    imp.add_argument("--map", dest="maps", action="append", default=[], metavar="COL=field",
                     help="map a column to a field (or 'ignore'), e.g. \"Prog Title=name\"")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows even if some rows are invalid")
    imp.set_defaults(func=_import)
    lst = actions.add_parser("list", help="list programs")
    lst.add_argument("--specialty", metavar="S", help="only this specialty (name or alias)")
    lst.add_argument("--state", metavar="ST", help="only this state (two-letter code or name)")
    lst.add_argument("--json", action="store_true", help="print JSON (keys in docs/programs.md)")
    lst.set_defaults(func=_list)
    exp = actions.add_parser("export", help="write every program to a CSV file")
    exp.add_argument("file", type=Path)
    exp.set_defaults(func=_export)
    tpl = actions.add_parser("template", help="write a blank CSV to fill in with real programs")
    tpl.add_argument("file", type=Path)
    tpl.set_defaults(func=_template)


def _template(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.catalog.csv_template import REQUIRED, write_template

    write_template(args.file)
    print(f"Wrote {args.file}: one row per program; {' and '.join(REQUIRED)} are required. "
          f"Then run 'smartpick programs import {args.file}'.")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.catalog.importing import (
        import_pack_file,
        import_spreadsheet,
        is_pack,
    )
    from smartpick_desktop.core.catalog.spreadsheet import (
        apply_overrides,
        guess_mapping,
        read_table,
    )
    from smartpick_desktop.core.errors import InputError

    path: Path = args.file
    if is_pack(path):
        if args.maps:
            raise UsageError("--map applies to spreadsheets, not to data packs.")
        print(import_pack_file(lambda: ctx.store().session(), path).message)
        return 0
    table = read_table(path)
    mapping = apply_overrides(table, guess_mapping(table.header), args.maps)
    try:
        imported = import_spreadsheet(lambda: ctx.store().session(), table, mapping,
                                      skip_invalid=args.skip_invalid)
    except InputError as err:
        _print_problems(getattr(err, "problems", []))
        raise
    _print_problems(imported.problems)
    print(imported.message)
    return 0


def _print_problems(problems: list[str]) -> None:
    if len(problems) <= 1:
        return
    for line in problems[:MAX_LISTED_PROBLEMS]:
        print(f"  {line}", file=sys.stderr)
    if len(problems) > MAX_LISTED_PROBLEMS:
        print(f"  … and {len(problems) - MAX_LISTED_PROBLEMS} more problems.", file=sys.stderr)


def program_json(program) -> dict:
    """The ``programs list --json`` object of one program (keys in docs/programs.md)."""
    return {
        "program_id": program.program_id, "acgme_id": program.acgme_id,
        "name": program.name, "institution": program.institution,
        "specialty": program.specialty, "city": program.city, "state": program.state,
        "positions": program.positions, "setting": program.setting, "source": program.source,
        "demo": program.is_demo, "status": program.status, "stars": program.stars,
        "tags": list(program.tags), "grad_year_cutoff": program.grad_year_cutoff,
        "max_failed_attempts": program.max_failed_attempts,
    }


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.catalog.queries import load_programs
    from smartpick_desktop.core.catalog.records import resolve_specialty
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.states import normalise_state

    specialty = state = None
    if args.specialty:
        specialty = resolve_specialty(args.specialty)
        if specialty is None:
            raise InputError(f"--specialty: '{args.specialty}' is not a known specialty.")
    if args.state:
        state = normalise_state(args.state)
        if state is None:
            raise InputError(f"--state: '{args.state}' is not a US state or territory.")
    with ctx.store().session() as session:
        programs = load_programs(session, specialty=specialty, state=state)
    if args.json:
        print_json([program_json(p) for p in programs])
        return 0
    demo = sum(p.is_demo for p in programs)
    out = sys.stdout
    for p in programs:
        positions = ("? positions" if p.positions is None else
                     f"{p.positions} position{'s' if p.positions != 1 else ''}")
        label = "[demo] " if p.is_demo else ""
        out.write(f"{p.program_id:>6}  {label}{p.name} — {p.specialty} — {p.location} — "
                  f"{positions} — {p.source}\n")
    note = f" ({demo} demo programs: fictional, for exploring)" if demo else ""
    out.write(f"{len(programs)} programs{note}.\n")
    return 0


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.catalog.queries import load_programs
    from smartpick_desktop.core.catalog.spreadsheet import write_csv

    with ctx.store().session() as session:
        programs = load_programs(session)
    count = write_csv(args.file, programs)
    print(f"Exported {count} programs to {args.file}.")
    return 0
