"""``smartpick mentors list [--json] | import FILE | export FILE | due [--json]``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from smartpick_desktop.cli.context import CliContext, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("mentors", help="list, import, export contacts; show follow-ups due")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    lst = actions.add_parser("list", help="list contacts")
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=_list)
    imp = actions.add_parser("import", help="import contacts from a .vcf or .csv file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)
    exp = actions.add_parser("export", help="export contacts to a .vcf or .csv file")
    exp.add_argument("file", type=Path)
    exp.set_defaults(func=_export)
    due = actions.add_parser("due", help="follow-ups and letters due today or overdue")
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(func=_due)


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.mentors.contacts import ROLES, list_contacts

    with ctx.store().session() as session:
        contacts = list_contacts(session)
    if args.json:
        print_json([{"id": c.id, "name": c.name, "email": c.email, "organization": c.institution,
                     "role": c.role, "phone": c.phone, "stage": c.stage, "tags": c.tags}
                    for c in contacts])
        return 0
    if not contacts:
        print("No contacts yet: import a .vcf or .csv file with 'smartpick mentors import FILE'.")
    for c in contacts:
        extra = " · ".join(x for x in (ROLES[c.role], c.institution, c.email) if x)
        print(f"{c.id:>5}  {c.name}  ({extra})")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.mentors.exchange import import_contacts, read_contacts_file

    contacts = read_contacts_file(args.file)  # validated before the store is opened
    with ctx.store().session() as session:
        result = import_contacts(session, contacts)
    print(result.describe(args.file))
    return 0


def _export(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.mentors.exchange import export_file

    with ctx.store().session() as session:
        count = export_file(session, args.file)
    print(f"Exported {count} contact{'s' * (count != 1)} to {args.file}.")
    return 0


def _due(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.mentors.followups import due_items

    with ctx.store().session() as session:
        items = due_items(session, dt.date.today())
    if args.json:
        print_json([{"contact": i.contact, "contact_id": i.contact_id, "reason": i.reason,
                     "due": i.due.isoformat(), "overdue": i.overdue, "kind": i.kind}
                    for i in items])
        return 0
    if not items:
        print("Nothing due today.")
    for i in items:
        state = "OVERDUE" if i.overdue else "due    "
        print(f"{state} {i.due.isoformat()}  {i.contact}: {i.reason}")
    return 0
