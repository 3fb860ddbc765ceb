"""``smartpick profile import FILE | export FILE | show``."""

from __future__ import annotations

import argparse
from pathlib import Path

from smartpick_desktop.cli.context import CliContext, print_json
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.profile import (
    load_profile,
    read_profile_file,
    save_profile,
    write_profile_file,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("profile", help="import, export or show the applicant profile")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="replace the profile with a JSON v1 file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)
    exp = actions.add_parser("export", help="write the profile as a JSON v1 file")
    exp.add_argument("file", type=Path)
    exp.set_defaults(func=_export)
    show = actions.add_parser("show", help="print the profile as JSON")
    show.set_defaults(func=_show)


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = read_profile_file(args.file)  # validated before the store is touched
    with ctx.store().session() as session:
        save_profile(session, profile)
    print(f"Imported the profile from {args.file}.")
    return 0


def _saved_profile(ctx: CliContext):
    with ctx.store().session() as session:
        profile = load_profile(session)
    if profile is None:
        raise InputError("There is no profile yet.", fix="no_profile")
    return profile


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    write_profile_file(_saved_profile(ctx), args.file)
    print(f"Exported the profile to {args.file}.")
    return 0


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    print_json(_saved_profile(ctx).to_dict())
    return 0
