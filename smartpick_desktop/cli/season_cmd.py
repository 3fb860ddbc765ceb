"""``smartpick season show|import|use``: the application season in force (docs/season-packs.md)."""

from __future__ import annotations

import argparse
import datetime as dt

from smartpick_desktop.cli.context import CliContext, print_json
from smartpick_desktop.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    season = sub.add_parser("season", help="the application season in force: platforms, fees, "
                            "signals, dates; import a season pack")
    actions = season.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the season in force")
    show.add_argument("--specialty", metavar="S", help="only this specialty")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=_show)
    imp = actions.add_parser("import", help="load a season pack (a dated, sourced JSON file)")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=_import)
    use = actions.add_parser("use", help="plan with season ID (e.g. 2025-26), or 'today' to "
                             "follow today's date")
    use.add_argument("season_id", metavar="ID")
    use.set_defaults(func=_use)


def _specialties(name: str | None) -> list[str]:
    from smartpick_desktop.core.reference import load_reference

    ref = load_reference()
    if name is None:
        return ref.specialty_names()
    spec = ref.find_specialty(name)
    if spec is None:
        raise InputError(f"--specialty: unknown specialty '{name}'; use a name such as "
                         "'Internal Medicine' or an alias such as 'IM'.")
    return [spec.name]


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.season import season_in_force
    from smartpick_desktop.core.season.show import season_json

    names = _specialties(args.specialty)
    today = dt.date.today()
    with ctx.store().session() as session:
        choice = season_in_force(session, today)
    data = season_json(choice.season, names, today)
    if args.json:
        print_json(data)
        return 0
    season = choice.season
    print(f"{season.title}")
    print(f"Season {season.id}: {choice.explain()}")
    print(f"Source: {data['source']}")
    for entry in data["specialties"]:
        print()
        signals = ", ".join(f"{n} {level}" if level != "signal" else f"{n}"
                            for level, n in entry["signals"].items()) or "none"
        print(f"{entry['specialty']} — {entry['platform']}; signals: {signals}")
        print(f"  Fees: {entry['fee_rule']['text']}")
        fees = entry["fee_rule"]["fees"]
        if fees:
            print("  " + ", ".join(f"{n} program{'s' if n != '1' else ''} ${usd:,}"
                                   for n, usd in fees.items()))
        for d in entry["dates"]:
            mark = "past    " if d["past"] else "upcoming"
            print(f"  {d['date']}  {mark}  {d['name']} ({d['source']})")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.season import import_season_pack, read_pack_file

    read_pack_file(args.file)  # refuse a bad pack before opening the store
    with ctx.store().session() as session:
        season = import_season_pack(session, args.file)
    print(f"Imported the season pack {season.id} ({season.title}; {season.publisher}, "
          f"{season.created.isoformat()}). It replaces the shipped figures of that season.")
    return 0


def _use(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.season import choose_season, season_in_force

    wanted = None if args.season_id.lower() in ("today", "auto") else args.season_id
    with ctx.store().session() as session:
        choose_season(session, wanted)
        choice = season_in_force(session)
    print(f"Planning with the {choice.explain()}")
    return 0
