"""``smartpick articles list [--json] | search QUERY [--json] | import FILE``."""

from __future__ import annotations

import argparse
from pathlib import Path

from smartpick_desktop.cli.context import CliContext, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("articles", help="list, search or import articles")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the article library")
    listing.add_argument("--tag", help="only articles with this tag")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_list)
    find = actions.add_parser("search", help="full-text search (best match first)")
    find.add_argument("query")
    find.add_argument("--limit", type=int, default=20, help="at most this many results")
    find.add_argument("--json", action="store_true", help="print JSON")
    find.set_defaults(func=_search)
    imp = actions.add_parser("import", help="import a Markdown, text or HTML file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=_import)


def _row(info) -> dict:
    return {"id": info.id, "slug": info.slug, "title": info.title, "summary": info.summary,
            "tags": list(info.tags), "source": info.source, "reading_time": info.reading_time,
            "date": info.date}


def _synced_store(ctx: CliContext):
    from smartpick_desktop.core.articles.library import sync_bundled

    store = ctx.store()
    if store.read_only:  # a read-only folder shows the articles it holds
        return store
    with store.session() as session:
        sync_bundled(session)
    return store


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.articles.library import list_articles

    with _synced_store(ctx).session() as session:
        infos = list_articles(session, tag=args.tag)
    if args.json:
        print_json([_row(info) for info in infos])
        return 0
    for info in infos:
        tags = ", ".join(info.tags)
        print(f"{info.id:>4}  {info.title}  [{info.source}{'; ' + tags if tags else ''}]")
    if not infos:
        print("No articles.")
    return 0


def _search(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.cli.context import UsageError
    from smartpick_desktop.core.articles.search import search

    if args.limit < 1:
        raise UsageError("--limit must be at least 1.")
    with _synced_store(ctx).session() as session:
        hits = search(session, args.query, limit=args.limit, prefix=False,
                      snippets=args.limit)
    if args.json:
        print_json([{**_row(hit.article), "snippet": hit.snippet_marked("**", "**")}
                    for hit in hits])
        return 0
    for hit in hits:
        print(f"{hit.article.id:>4}  {hit.article.title}\n      {hit.snippet_marked('[', ']')}")
    if not hits:
        print(f"No article matches {args.query!r}.")
    return 0


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    from smartpick_desktop.core.articles.library import prepare_import, save_import

    prepared = prepare_import(args.file)  # validated before the store is touched
    with _synced_store(ctx).session() as session:
        info = save_import(session, prepared)
    print(f"Imported {args.file.name} as article {info.id}: {info.title}.")
    return 0
