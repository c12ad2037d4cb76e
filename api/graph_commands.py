"""Graph commands of the `diplograph` CLI: validate, actors merge, remove, path, export.

They are thin: each opens the store, calls graph/, prints the answer. `register(app)` adds them to
the main Typer app (api/cli.py); it replaces an `export` command registered before it, since this one
knows every format (gexf, graphml, csv, ttl, trig, nq, jsonld).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

if TYPE_CHECKING:
    from diplograph.graph.store import GraphStore

import typer

from diplograph.api.options import StoreOption



class ExportFormat(str, Enum):
    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"


class ExportView(str, Enum):
    actors = "actors"
    full = "full"


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


actors_app = typer.Typer(help="The actors: list them (no subcommand) or merge two that name the same actor.")


def _cli():  # noqa: ANN202 - the shared plumbing of api/cli.py, imported late (cli.py imports this module)
    from diplograph.api import cli

    return cli


@contextmanager
def _opened(store: str | None, *, write: bool = False) -> Iterator[GraphStore]:
    """The store a command names (or the configured one), opened with the CLI's clear errors."""
    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store, write=write) as graph:
        yield graph


def validate(
    store: StoreOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
) -> None:
    """Check the whole store against the SHACL shapes (ontology/shapes.ttl); exit 1 when it does not conform."""
    with _opened(store) as graph:
        report = graph.validate()
    if format is OutputFormat.json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    elif report.conforms:
        typer.echo("The store conforms to the SHACL shapes.")
    else:
        for violation in report.violations:
            typer.echo(str(violation))
        typer.echo(f"{len(report.violations)} violations.", err=True)
    if not report.conforms:
        raise typer.Exit(1)


@actors_app.command("merge")
def merge(
    keep: Annotated[str, typer.Argument(help="The actor to keep (name, alias or IRI).")],
    drop: Annotated[str, typer.Argument(help="The actor merged into it (name, alias or IRI).")],
    store: StoreOption = None,
) -> None:
    """Merge DROP into KEEP: its statements, names and positions move to KEEP, and the merge is recorded."""
    from diplograph.graph.store import QueryError

    cli = _cli()
    with _opened(store, write=True) as graph:
        try:
            graph.merge_actors(keep, drop)
        except QueryError as exc:
            cli.fail(str(exc))
        kept = graph.actor(keep)
    typer.echo(f"Merged {drop!r} into {kept.actor.name if kept else keep!r} ({kept.actor.id if kept else ''}).")


def remove(
    doc: Annotated[str, typer.Argument(help="Document file name, IRI, or at least 8 characters of its content hash.")],
    store: StoreOption = None,
) -> None:
    """Delete one document's graph and recompute what derived from it (positions, actors found only in it).

    The reference must name exactly one document: when several fit, they are listed and nothing is removed."""
    from diplograph.graph.store import AmbiguousReference

    cli = _cli()
    with _opened(store, write=True) as graph:
        try:
            removed = graph.remove(doc)
        except AmbiguousReference as exc:
            cli.fail(str(exc), code=1)
        counts = graph.counts()
    if not removed:
        cli.fail(f"no stored document matches {doc!r} (give a file name, IRI or hash prefix of 8+ characters)", code=1)
    for ref in removed:
        typer.echo(f"Removed {ref.describe()}.")
    typer.echo(f"The store holds {counts.documents} documents, {counts.statements} statements.")


def repair(store: StoreOption = None) -> None:
    """Rebuild the derived data (positions) from the stored documents, e.g. after a crash of an older version."""
    with _opened(store) as graph:
        before, after = graph.repair()
    typer.echo(f"Positions rebuilt from the documents: {before} quads before, {after} after"
               f"{' (nothing was missing)' if before == after else ''}.")


def path(
    source: Annotated[str, typer.Argument(help="An actor (name, alias or IRI) or a topic key.")],
    target: Annotated[str, typer.Argument(help="An actor (name, alias or IRI) or a topic key.")],
    k: Annotated[int, typer.Option("--k", "-k", min=1, max=20, help="How many paths.")] = 3,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8, help="Longest path, in hops.")] = 4,
    format: Annotated[OutputFormat, typer.Option("--format", help="text or json.")] = OutputFormat.text,
    store: StoreOption = None,
) -> None:
    """The shortest paths connecting two actors (or an actor and a topic), each hop with its evidence."""
    from diplograph.graph.paths import paths
    from diplograph.graph.store import QueryError

    cli = _cli()
    with _opened(store) as graph:
        try:
            found = paths(graph, source, target, k=k, max_hops=max_hops)
        except QueryError as exc:
            cli.fail(str(exc))
    if format is OutputFormat.json:
        typer.echo(json.dumps([p.to_json() for p in found], ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"No path of at most {hops(max_hops)} between {source!r} and {target!r}.")
        return
    for number, route in enumerate(found, 1):
        typer.echo(f"{number}. " + " — ".join(node.label for node in route.nodes) + f" ({hops(route.length)})")
        for hop in route.hops:
            labels = {n.id: n.label for n in route.nodes}
            typer.echo(f"   {labels.get(hop.source, hop.source)} {hop.label} {labels.get(hop.target, hop.target)}")
            for evidence in hop.evidence[:2]:
                typer.echo(f"      “{evidence.sentence or evidence.text}” [{evidence.doc} {evidence.start}-{evidence.end}]")


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (csv: a folder, or a .zip).")],
    view: Annotated[ExportView, typer.Option("--view", help="Network formats only: actors (actors, topics, events) "
                                                         "or full (every resource).")] = ExportView.actors,
    store: StoreOption = None,
) -> None:
    """Write the graph for Gephi (gexf, graphml, csv) or as RDF (ttl, trig, nq, jsonld: the whole store)."""
    cli = _cli()
    with _opened(store) as graph:
        try:
            written = graph.export(format.value, output, view=view.value)
        except OSError as exc:
            cli.fail(f"cannot write {output}: {exc}")
        except ValueError as exc:
            cli.fail(str(exc))
    size = sum(p.stat().st_size for p in output.iterdir()) if output.is_dir() else output.stat().st_size
    typer.echo(f"Wrote {output} ({format.value}, {written}; {size} bytes).")


def hops(count: int) -> str:
    return f"{count} hop" if count == 1 else f"{count} hops"


def register(app: typer.Typer) -> None:
    """Add the graph commands to `app`."""
    app.command("validate")(validate)
    app.command("remove")(remove)
    app.command("repair")(repair)
    app.command("path")(path)
    app.command("export")(export)
    from diplograph.api import list_commands

    list_commands.register(app, actors_app)
    app.add_typer(actors_app, name="actors")
