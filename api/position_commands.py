"""Position commands of the `diplograph` CLI: `positions` (one summary per holder and topic) and
`shifts` (who changed stance, when, with the statements either side).

Thin: each opens the store, calls graph/, prints a table or JSON lines. `register(app)` adds them to
the main Typer app (api/cli.py).
"""
from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from diplograph.api.graph_commands import StoreOption, _opened
from diplograph.api.options import EVIDENCE_PAGE
from diplograph.api.options import NEWEST_EVIDENCE as EVIDENCE


class RowFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


ActorOption = Annotated[Optional[str], typer.Option("--actor", help="Holder: name, alias or IRI.")]
TopicOption = Annotated[Optional[str], typer.Option("--topic", help="Topic key (narrower topics included).")]
FormatOption = Annotated[RowFormat, typer.Option("--format", help="table, jsonl (one JSON object a line) or csv.")]


def positions(
    actor: ActorOption = None,
    topic: TopicOption = None,
    claimed: Annotated[Optional[bool], typer.Option(
        "--claimed/--own", help="Only claims by others, or only own words (default: both).")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many positions (default: all).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many positions (paging).")] = 0,
    evidence: Annotated[int, typer.Option("--evidence", min=0, help="The newest so many reports of each position "
                                          "(`reports` counts all; --position pages through them).")] = EVIDENCE,
    position: Annotated[Optional[str], typer.Option("--position", help="IRI of one position: list its reports, "
                                                    "--limit of them (default 20) after --offset of the newest.")] = None,
    format: FormatOption = RowFormat.table,
    store: StoreOption = None,
) -> None:
    """Where actors stand: the current stance per holder and topic, stance counts (in utterances: copies of
    one story count once), dates, shifts and the newest evidence; with --position, one position's reports."""
    from diplograph.graph.store import QueryError

    cli = _cli()
    if position is not None:
        _position_evidence(position, limit=limit or EVIDENCE_PAGE, offset=offset, format=format, store=store)
        return
    with _opened(store) as graph:
        try:
            page = graph.position_page(actor=actor, topic=topic, claimed=claimed, offset=offset, limit=limit,
                                       evidence=evidence)
        except QueryError as exc:
            cli.fail(str(exc))
    rows = page.rows
    if format is not RowFormat.table:
        cli.print_records([row.to_json() for row in rows], format.value, title="", columns=())
        return
    shown = f"{len(rows)}" if len(rows) == page.total else f"{len(rows)} of {page.total}"
    table = Table(title=Text(f"Positions ({shown})"))
    for column in ("holder", "topic", "stance", "utterances", "stances", "dates", "shifts", "by", "latest evidence"):
        table.add_column(column, overflow="fold", ratio=4 if column == "latest evidence" else 1)
    for row in rows:
        latest = row.evidence[-1] if row.evidence else None
        dates = f"{row.first_date} – {row.last_date}" if row.first_date else "undated"
        stances = ", ".join(f"{s} {n}" for s, n in (row.stances or {}).items())
        table.add_row(*map(Text, (
            row.holder, row.topic, row.stance, f"{row.count} ({row.reports} reports)", stances,
            dates + (f", {row.undated} undated" if row.undated and row.first_date else ""), str(row.shifts),
            f"{row.reporter} (claim)" if row.claimed else "own words",
            f"“{latest.text}” [{latest.doc}, {latest.date or 'undated'}]" if latest else "")))
    cli.stdout().print(table)


def _position_evidence(position: str, *, limit: int, offset: int, format: RowFormat, store: str | None) -> None:
    """One position's reports, paged back from the newest (GraphStore.position_evidence, as GET /positions/evidence)."""
    from diplograph.graph.store import QueryError

    cli = _cli()
    with _opened(store) as graph:
        try:
            found = graph.position_evidence(position, offset=offset, limit=limit)
        except QueryError as exc:
            cli.fail(str(exc))
    if found is None:
        cli.fail(f"no position {position!r}: `diplograph positions --format jsonl` lists them with their IRIs")
    records = [row.to_json() for row in found.rows]
    if format is not RowFormat.table:
        cli.print_records(records, format.value, title="", columns=())
        return
    cli.print_records(records, "table", title=f"Reports {offset + 1}–{offset + len(records)} of {found.total}, newest "
                      "last", columns=("date", "stance", "text", "doc"), wide="text")


def shifts(
    actor: ActorOption = None,
    topic: TopicOption = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Only shifts on or after this date (YYYY-MM-DD).")] = None,
    claimed: Annotated[bool, typer.Option("--claimed", help="Shifts in what others claim, not in own words.")] = False,
    format: FormatOption = RowFormat.table,
    store: StoreOption = None,
) -> None:
    """Who changed stance, newest first, with the statements on either side ("who changed position on
    Tomahawks this month?": --topic tomahawk --since 2025-10-01)."""
    from diplograph.graph.store import QueryError

    cli = _cli()
    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        cli.fail(f"--since must be a date as YYYY-MM-DD, not {since!r}")
    with _opened(store) as graph:
        try:
            rows = graph.shifts(actor=actor, topic=topic, since=since, claimed=True if claimed else False)
        except QueryError as exc:
            cli.fail(str(exc))
    if format is not RowFormat.table:
        cli.print_records([row.to_json() for row in rows], format.value, title="", columns=())
        return
    if not rows:
        typer.echo("No shifts of stance" + (f" since {since}" if since else "") + ".")
        return
    for row in rows:
        typer.echo(f"{row.date}  {row.holder} on {row.topic}: {row.from_stance} → {row.to_stance}"
                   + (f" (claimed by {row.reporter})" if row.claimed else ""))
        for side in (row.before, row.after):
            typer.echo(f"    {side.date}  “{side.text}” [{side.doc} {side.start}-{side.end}]")


def _cli():  # noqa: ANN202 - api/cli.py's plumbing, imported late (cli.py imports this module)
    from diplograph.api import cli

    return cli


def register(app: typer.Typer) -> None:
    """Add the position commands to `app`."""
    app.command("positions")(positions)
    app.command("shifts")(shifts)
