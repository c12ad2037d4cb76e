"""Listing commands of the `diplograph` CLI, the command-line side of GET /actors, /topics, /events
and /documents: `diplograph actors`, `topics`, `events`, `documents`.

Each prints a table by default, or every field as JSON lines or CSV (`--format`), as `statements` does.
"""
from __future__ import annotations

from enum import Enum
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


class EventStatus(str, Enum):
    held = "held"
    planned = "planned"
    cancelled = "cancelled"


def events(
    actor: Annotated[Optional[str], typer.Option("--actor", help="A participant: name, alias or IRI.")] = None,
    status: Annotated[Optional[EventStatus], typer.Option(
        "--status", help="held (\"met\"), planned (\"will meet\") or cancelled (\"called off\") \\[default: all].",
        show_default=False)] = None,
    format: FormatOption = RecordFormat.table,
    store: StoreOption = None,
) -> None:
    """List the meetings, visits, calls and summits: status (held, planned, cancelled), participants, a
    visit's guests and hosts, place, date and article."""
    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store) as graph:
        actor = cli.read_name_filters(graph, actor, None)[0]
        records = [row.to_json() for row in graph.events(actor=actor, status=status.value if status else None)]
    cli.print_records(records, format.value, title=f"Events ({len(records)})",
                      columns=("kind", "status", "participants", "guests", "hosts", "place", "date", "doc"),
                      wide="participants")


def register(app: typer.Typer, actors_app: typer.Typer) -> None:
    """Add the listing commands to `app`; `diplograph actors` alone lists (its subcommands still work)."""
    actors_app.callback(invoke_without_command=True)(list_actors)
    app.command("topics")(topics)
    app.command("documents")(documents)
    app.command("events")(events)
