"""`diplograph index rebuild` and `diplograph index check`: the statements index beside the store.

The index (graph/statement_index.py) is derived data, kept in step by every write; these commands
rebuild it from the RDF store (after copying a store without it, or to reclaim space) and compare it
with the store (exit 1 on drift, with the differences listed).
"""
from __future__ import annotations

import time

import typer

from diplograph.api.options import StoreOption

index_app = typer.Typer(help="The statements index kept beside the store: rebuild it, or check it for drift.",
                        no_args_is_help=True)


def _cli():  # noqa: ANN202 - api/cli.py's plumbing, imported late (cli.py imports this module)
    from diplograph.api import cli

    return cli


@index_app.command("rebuild")
def rebuild(store: StoreOption = None) -> None:
    """Read every stored statement into a new index (the old one is replaced)."""
    from diplograph.graph import index_sync

    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store, write=True) as graph:
        if graph.index is None:
            cli.fail(f"the store {graph.uri} keeps no statements index: a remote store is looked up in SPARQL")
        started = time.perf_counter()
        statements = index_sync.rebuild(graph)
        took = time.perf_counter() - started
        typer.echo(f"Rebuilt the statements index at {graph.index.where}: {statements} statements in {took:.1f} s"
                   f" ({graph.index.size_on_disk() / 1e6:.1f} MB on disk).")


@index_app.command("check")
def check(store: StoreOption = None) -> None:
    """Compare the index with the store, statement by statement; exit 1 when they differ."""
    from diplograph.graph import index_sync

    cli = _cli()
    with cli.opened_store(cli.settings(store=store).store) as graph:
        if graph.index is None:
            cli.fail(f"the store {graph.uri} keeps no statements index: a remote store is looked up in SPARQL")
        problems = index_sync.check(graph)
        counts = graph.counts()
    if problems:
        for problem in problems:
            typer.echo(problem)
        typer.echo("The statements index differs from the store: run `diplograph index rebuild`.", err=True)
        raise typer.Exit(1)
    typer.echo(f"The statements index agrees with the store ({counts.documents} documents, "
               f"{counts.statements} statements).")


def register(app: typer.Typer) -> None:
    """Add `diplograph index` to `app`."""
    app.add_typer(index_app, name="index")
