"""Listing commands of the `diplograph` CLI, the command-line side of GET /actors, /topics, /positions
and /documents: `diplograph actors`, `topics`, `positions`, `documents`.

Each prints a table by default, or every field as JSON lines or CSV (`--format`), as `statements` does.
"""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from diplograph.api.options import FormatOption, RecordFormat, StoreOption


def _cli():  # noqa: ANN202 - the shared plumbing of api/cli.py, imported late (cli.py imports this module)
    from diplograph.api import cli

    return cli


def list_actors(
    context: typer.Context,
    search: Annotated[Optional[str], typer.Option("--search", "-q", help="Part of a name or alias, any case.")] = None,
    include_all: Annotated[bool, typer.Option("--all", help="Also the gazetteer's actors that no stored article "
                                                            "mentions.")] = False,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many actors \\[default: all].",
                                                 show_default=False)] = None,
    format: FormatOption = RecordFormat.table,
    store: StoreOption = None,
) -> None:
    """List the actors the stored articles mention (--all: every known actor), most quoted first.
    `diplograph actors merge KEEP DROP` merges two of them."""
    if context.invoked_subcommand is not None:
        return
    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store) as graph:
        rows = graph.actors(query=search, limit=limit, mentioned_only=not include_all)
    records = [row.to_json() for row in rows]
    scope = "known" if include_all else "mentioned in stored articles"
    cli.print_records(records, format.value, title=f"Actors {scope} ({len(records)})",
                      columns=("name", "type", "role", "statements", "aliases"), wide="aliases")


def topics(format: FormatOption = RecordFormat.table, store: StoreOption = None) -> None:
    """List the topic scheme: each topic's key, label, broader and narrower topics and statement count."""
    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store) as graph:
        records = [row.to_json() for row in graph.topics()]
    cli.print_records(records, format.value, title=f"Topics ({len(records)})",
                      columns=("key", "label", "broader", "narrower", "statements"), wide="label")


def documents(format: FormatOption = RecordFormat.table, store: StoreOption = None) -> None:
    """List the stored articles: name, title, publication date, statement count and content hash."""
    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store) as graph:
        records = [row.to_json() for row in graph.documents()]
    cli.print_records(records, format.value, title=f"Documents ({len(records)})",
                      columns=("name", "title", "published", "statements", "content_hash"), wide="title")


def register(app: typer.Typer, actors_app: typer.Typer) -> None:
    """Add the listing commands to `app`; `diplograph actors` alone lists (its subcommands still work)."""
    actors_app.callback(invoke_without_command=True)(list_actors)
    app.command("topics")(topics)
    app.command("documents")(documents)
