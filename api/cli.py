"""The `diplograph` command: thin Typer commands over extract/ and graph/.

Every command turns the errors a user can cause (a bad file, a bad store URI, a locked store,
a malformed query) into one clear line on stderr and a non-zero exit code, never a traceback:
exit 1 when some input files were bad but the rest were processed, exit 2 when the command
could not run at all.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from diplograph.api.options import FormatOption, HostOption, ModelOption, PortOption, RecordFormat, StoreOption
from diplograph.api.settings import Settings, SettingsError

if TYPE_CHECKING:
    from diplograph.extract.document import DocumentError
    from diplograph.extract.pipeline import Extractor
    from diplograph.extract.records import Document, Extraction
    from diplograph.graph.store import GraphStore, StatementRow

app = typer.Typer(
    name="diplograph",
    help="Build a knowledge graph of who said what about what in diplomacy news, and query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version_callback(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"diplograph {version('diplograph')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            typer.echo("diplograph (not installed)")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Build a knowledge graph of who said what about what in diplomacy news, and query it."""


def stdout() -> Console:
    """A console on the current stdout, sized from the terminal or $COLUMNS at the time of printing."""
    return Console()


def stderr() -> Console:
    return Console(stderr=True)


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class StatementOrder(str, Enum):
    doc = "doc"
    date = "date"
    newest = "-date"
    speaker = "speaker"
    confidence = "confidence"
    least_confident = "-confidence"


class AskFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class SparqlFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


# ---------------------------------------------------------------- shared plumbing


def fail(message: str, code: int = 2) -> NoReturn:
    """Say what went wrong on stderr, in one line, and stop with `code`."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def settings(**options: object) -> Settings:
    """The environment's settings with the command-line options that were given put on top."""
    try:
        return Settings.from_env().override(**options)
    except SettingsError as exc:
        fail(str(exc))


@contextmanager
def opened_store(uri: str, *, write: bool = False) -> Iterator[GraphStore]:
    """Open the store once for the command and always close it, turning store errors into exit 2.

    A command that will `write` is stopped at once, before any work, when the store can only be read
    (an embedded store that `diplograph serve` holds); read commands go on reading it.
    """
    from diplograph.graph.store import StoreError, open_store

    try:
        store = open_store(uri)
    except StoreError as exc:
        fail(f"cannot open store {uri!r}: {exc}")
    try:
        if write:
            store.refuse_writes()
        yield store
    except StoreError as exc:
        fail(f"store {uri!r}: {exc}")
    finally:
        store.close()


def stream_documents(paths: Iterable[str | Path], errors: list[DocumentError]) -> Iterator[Document]:
    """The documents under `paths` (URLs fetched), one at a time; what cannot be read (a file, a JSONL
    line, a page, a feed entry, an archive record, a URL) is reported on stderr and added to `errors`."""
    from diplograph.extract.document import DocumentError, iter_documents

    for item in iter_documents(paths, fetch=True):
        if isinstance(item, DocumentError):
            report_bad_input(item.source, item.message)
            errors.append(item)
        else:
            yield item


def read_documents(paths: Iterable[str | Path]) -> tuple[list[Document], list[DocumentError]]:
    """All documents under `paths`, and what could not be read (each reported on stderr)."""
    errors: list[DocumentError] = []
    documents = list(stream_documents(paths, errors))
    return documents, errors


def report_bad_input(source: str, reason: str) -> None:
    typer.echo(f"error: {source}: {reason} (skipped)", err=True)


def load_extractor(model: str) -> Extractor:
    """The extractor for `model`; a model that is not installed is a clear exit 2, not an OSError."""
    from diplograph.extract.nlp import ModelError
    from diplograph.extract.pipeline import Extractor

    try:
        return Extractor(model)
    except (OSError, ImportError, ModelError) as exc:
        fail(f"cannot load the spaCy model {model!r}: {exc}")


def store_batch(graph: GraphStore, extractions: list[Extraction]) -> tuple[int, int, int]:
    """Write a batch in one transaction: (new, unchanged, failed). A batch holding a record the graph
    refuses is written again one document at a time, so only that document fails."""
    from diplograph.graph.store import RecordError

    if not extractions:
        return 0, 0, 0
    try:
        results = graph.add_many(extractions)
    except RecordError:
        outcomes = [store_one(graph, extraction, extraction.document) for extraction in extractions]
        return outcomes.count(True), outcomes.count(False), outcomes.count(None)
    changed = sum(1 for result in results if result.changed)
    return changed, len(results) - changed, 0


def store_one(graph: GraphStore, extraction: Extraction | None, document: Document) -> bool | None:
    """Add one extraction: True if new, False if already stored, None if it failed (reported).

    A record the graph cannot write fails only its own document; a store that cannot be written
    at all (StoreError) stops the command with exit 2 through `opened_store`.
    """
    from diplograph.graph.store import RecordError

    if extraction is None:
        return None
    try:
        return graph.add(extraction).changed
    except RecordError as exc:
        report_bad_input(document.name, f"cannot be stored: {exc}")
        return None


class KnownTexts:
    """Drops the documents whose text is stored already, counting them: an unchanged file is known by
    its hash before spaCy parses it, so re-ingesting a folder costs only the reading of its files.
    Documents are checked in chunks, so a stream of any length stays a stream."""

    def __init__(self, graph: GraphStore, chunk: int = 64) -> None:
        self.graph, self.chunk, self.unchanged = graph, chunk, 0

    def fresh(self, documents: Iterator[Document]) -> Iterator[Document]:
        while group := list(islice(documents, self.chunk)):
            stored = self.graph.stored_texts(group)
            fresh = [document for document in group if document.content_hash not in stored]
            self.unchanged += len(group) - len(fresh)
            yield from fresh


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[name]}"),
        console=stderr(),
        transient=True,
    )


# ---------------------------------------------------------------- rendering


ROW_COLUMNS = ("speaker", "stance", "topics", "kind", "text", "doc")


def row_cells(data: dict, columns: Iterable[str]) -> list[str]:
    """Row values as text cells; lists are joined with '; ' so they survive CSV and tables."""
    cells = []
    for column in columns:
        value = data.get(column, "")
        cells.append("; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value))
    return cells


def print_rows_table(rows: list[dict], *, title: str, columns: Iterable[str] = ROW_COLUMNS,
                     wide: str = "text") -> None:
    """Records as a Rich table; titles and cells are plain Text, so a '[' in a quote is not markup."""
    columns = tuple(columns)
    table = Table(title=Text(title), show_lines=False)
    for column in columns:  # the wide column (quotes, titles) gets most of the room; else natural widths
        table.add_column(column, overflow="fold", ratio=(4 if column == wide else 1) if wide in columns else None)
    for data in rows:
        table.add_row(*map(Text, row_cells(data, columns)))
    stdout().print(table)


def print_records(rows: list[dict], fmt: str, *, title: str, columns: Iterable[str], wide: str = "") -> None:
    """Any list of records: a table of `columns`, or every field as JSON lines or CSV."""
    if fmt == "jsonl":
        print_jsonl(rows)
    elif fmt == "csv":
        print_csv(rows)
    else:
        print_rows_table(rows, title=title, columns=columns, wide=wide)


def print_jsonl(rows: Iterable[dict]) -> None:
    for data in rows:
        typer.echo(json.dumps(data, ensure_ascii=False))


def print_csv(rows: list[dict]) -> None:
    if not rows:
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = list(rows[0])
    writer.writerow(columns)
    for data in rows:
        writer.writerow(row_cells(data, columns))
    typer.echo(buffer.getvalue(), nl=False)


def print_statement_rows(rows: list[StatementRow], fmt: str, *, title: str) -> None:
    print_records([row.to_json() for row in rows], fmt, title=f"{title} ({len(rows)} statements)",
                  columns=ROW_COLUMNS, wide="text")


# ---------------------------------------------------------------- commands


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Article files (.txt, .jsonl, .html, .xml/.rss/.atom feeds, "
                                                    ".warc[.gz]), folders of them, or http(s) URLs.")],
    store: StoreOption = None,
    model: ModelOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes on this machine.")] = 1,
    executor: Annotated[Optional[str], typer.Option(help="dask://HOST:PORT to extract on a Dask cluster.")] = None,
    batch: Annotated[int, typer.Option(min=1, help="Documents written to the store per transaction.")] = 32,
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", min=0, help="Seconds one article may take; slower ones are reported and skipped "
                                    "[env DIPLOGRAPH_ARTICLE_TIMEOUT, default 120; 0: none].")] = None,
) -> None:
    """Extract statements from articles and add them to the store (re-ingesting a file changes nothing).

    Bad files are reported on stderr and skipped; the exit code is 1 when any file failed.
    """
    from diplograph.extract.parallel import ExecutorError, ExtractionFailure, extract_all

    config = settings(store=store, model=model, article_timeout=time_limit)
    with opened_store(config.store, write=True) as graph:
        errors: list[DocumentError] = []
        known = KnownTexts(graph)
        documents = known.fresh(stream_documents(paths, errors))  # lazy: a web archive of any size streams
        first = next(documents, None)
        new = unchanged = failed = 0
        if first is not None:
            documents = chain([first], documents)
            load_extractor(config.model_name)  # a missing model is one clear error before any work
            with progress_bar() as progress:
                task = progress.add_task("Ingesting", total=None, name="")
                pending: list[Extraction] = []
                try:
                    for outcome in extract_all(documents, model=config.model_name, workers=workers,
                                               executor=executor, time_limit=config.article_timeout or None):
                        progress.update(task, name=outcome.document.name)
                        if isinstance(outcome, ExtractionFailure):
                            report_bad_input(outcome.document.name, f"extraction failed: {outcome.message}")
                            failed += 1
                        else:
                            pending.append(outcome)
                        if len(pending) >= batch:
                            done = store_batch(graph, pending)
                            new, unchanged, failed = new + done[0], unchanged + done[1], failed + done[2]
                            pending = []
                        progress.advance(task)
                except ExecutorError as exc:
                    fail(str(exc))
                done = store_batch(graph, pending)
                new, unchanged, failed = new + done[0], unchanged + done[1], failed + done[2]
        failed += len(errors)
        unchanged += known.unchanged
        counts = graph.counts()
    typer.echo(f"Documents: {new} new, {unchanged} unchanged, {failed} failed.")
    table = Table(title=f"Store {config.store}")
    for column in ("documents", "statements", "actors", "triples"):
        table.add_column(column, justify="right")
    table.add_row(*(str(getattr(counts, column)) for column in ("documents", "statements", "actors", "triples")))
    stdout().print(table)
    if failed:
        raise typer.Exit(1)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files (.txt, .jsonl, .html, feeds, .warc[.gz]), "
                                                    "folders of them, or http(s) URLs.")],
    format: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.jsonl,
    model: ModelOption = None,
    time_limit: Annotated[Optional[float], typer.Option(
        "--time-limit", min=0, help="Seconds one article may take [env DIPLOGRAPH_ARTICLE_TIMEOUT, default 120].")] = None,
) -> None:
    """Print the statements of articles (one JSON object per line) without touching any store."""
    config = settings(model=model, article_timeout=time_limit)
    documents, errors = read_documents(files)
    failed = len(errors)
    statements: list[dict] = []
    if documents:
        from diplograph.extract.parallel import ExtractionFailure, extract_all

        load_extractor(config.model_name)  # a missing model is one clear error before any work
        for extraction in extract_all(documents, model=config.model_name, time_limit=config.article_timeout or None):
            if isinstance(extraction, ExtractionFailure):  # parsed in batches, reported against its file
                report_bad_input(extraction.document.name, f"extraction failed: {extraction.message}")
                failed += 1
                continue
            rows = [statement.to_json() for statement in extraction.statements]
            if format is ExtractFormat.jsonl:
                print_jsonl(rows)  # streamed: a long batch shows results as it goes
            else:
                statements.extend(rows)
    if format is ExtractFormat.table:
        print_rows_table(statements, title=f"Extracted statements ({len(statements)})")
    if failed:
        raise typer.Exit(1)


@app.command()
def statements(
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name, alias or IRI.")] = None,
    topic: Annotated[Optional[str], typer.Option(help="Topic key, e.g. tomahawk (narrower topics included).")] = None,
    stance: Annotated[Optional[str], typer.Option(help="requests|supports|opposes|rejects|warns|neutral.")] = None,
    kind: Annotated[Optional[str], typer.Option(help="direct|reported.")] = None,
    doc: Annotated[Optional[str], typer.Option(help="Document file name, IRI or hash prefix.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--date-from", "--date_from",
                                                     help="Published on or after this ISO date.")] = None,
    date_to: Annotated[Optional[str], typer.Option("--date-to", "--date_to",
                                                   help="Published on or before this ISO date.")] = None,
    text: Annotated[Optional[str], typer.Option(help="Words the quote or its sentence holds.")] = None,
    order: Annotated[StatementOrder, typer.Option(help="Sort order.")] = StatementOrder.doc,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many rows first.")] = 0,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many rows \\[default: all].",
                                                 show_default=False)] = None,
    format: FormatOption = RecordFormat.table,
    store: StoreOption = None,
) -> None:
    """List stored statements, filtered as GET /statements filters them: speaker, topic, stance, kind,
    document, publication dates and words; sorted by document, date, speaker or confidence."""
    config = settings(store=store)
    with opened_store(config.store) as graph:
        speaker, topic = read_name_filters(graph, speaker, topic)
        try:
            rows = graph.statements(speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc, limit=limit,
                                    date_from=date_from, date_to=date_to, text=text, offset=offset,
                                    order=order.value)
        except ValueError as exc:
            fail(str(exc))
    print_statement_rows(rows, format.value, title="Statements")


def read_name_filters(graph: GraphStore, speaker: str | None, topic: str | None) -> tuple[str | None, str | None]:
    """Speaker and topic as the store takes them (case, aliases, plurals); a name read otherwise than typed is
    said on stderr, an unknown one stops with the nearest names (exit 2) instead of an empty answer."""
    from diplograph.api.names import NameBook, UnknownName, read_filters

    try:
        speaker, topic, reread = read_filters(NameBook.of(graph), actor=speaker, topic=topic)
    except UnknownName as exc:
        fail(str(exc))
    for match in reread:
        typer.echo(f"note: {match.note}", err=True)
    return speaker, topic


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help='e.g. "who said what about Tomahawks" (GET /ask/phrasings lists all).')],
    format: Annotated[AskFormat, typer.Option("--format", help="Output format.")] = AskFormat.table,
    store: StoreOption = None,
) -> None:
    """Answer a plain-English question such as "what did Trump say about the ceasefire" or "who met whom"."""
    from diplograph.api.ask import answer
    from diplograph.api.ask_output import answer_lines, answer_tables
    from diplograph.api.names import UnknownName
    from diplograph.api.questions import QuestionError

    config = settings(store=store)
    with opened_store(config.store) as graph:
        try:
            result = answer(graph, question)
        except (QuestionError, UnknownName) as exc:
            fail(str(exc))
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    if format is AskFormat.jsonl:
        print_jsonl(answer_lines(result))
    else:
        for table in answer_tables(result):
            stdout().print(table)


def read_query(query: str) -> str:
    """The query text itself, from @file.rq or - (stdin) when asked."""
    if query == "-":
        return sys.stdin.read()
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read the query file {path}: {exc}")
    return query


def print_sparql_result(result, fmt: str) -> None:
    """SELECT as a table/JSON/CSV, ASK as true/false (or JSON), CONSTRUCT/DESCRIBE as Turtle (or JSON-LD)."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph_format = "json-ld" if fmt == "json" else "turtle"
        typer.echo(result.graph.serialize(format=graph_format))
    elif fmt == "json":
        typer.echo(result.serialize(format="json").decode("utf-8"))
    elif result.type == "ASK":
        typer.echo("true" if result.askAnswer else "false")
    elif fmt == "csv":
        typer.echo(result.serialize(format="csv").decode("utf-8"), nl=False)
    else:
        variables = [str(var) for var in result.vars]
        table = Table(*variables)
        count = 0
        for solution in result:
            table.add_row(*(Text("" if value is None else str(value)) for value in solution))
            count += 1
        stdout().print(table)
        typer.echo(f"{count} results")


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL query, @file.rq, or - to read stdin.")],
    format: Annotated[SparqlFormat, typer.Option("--format", help="Output format.")] = SparqlFormat.table,
    store: StoreOption = None,
) -> None:
    """Run a read-only SPARQL query over every named graph of the store."""
    from diplograph.graph.store import QueryError

    from diplograph.api.sparql.text import nesting_error

    text = read_query(query)
    if not text.strip():
        fail("the query is empty")
    if (too_deep := nesting_error(text)) is not None:  # before any parser: deep nesting crashes them
        fail(too_deep)
    config = settings(store=store)
    with opened_store(config.store) as graph:
        try:
            result = graph.query(text)
            print_sparql_result(result, format.value)
        except QueryError as exc:
            fail(f"malformed query: {exc}")


@app.command()
def serve(
    store: StoreOption = None,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    """Serve the HTTP API (SPARQL endpoint, statements, ask; docs at /docs) over the store."""
    import uvicorn

    from diplograph.api.app import create_app

    config = settings(store=store, host=host, port=port)
    with opened_store(config.store) as graph:
        counts = graph.counts()
        typer.echo(f"diplograph API at http://{config.host}:{config.port}/ (docs at /docs, store {config.store})")
        typer.echo(f"{counts.documents} documents, {counts.statements} statements, {counts.actors} actors")
        uvicorn.run(create_app(store=graph), host=config.host, port=config.port, log_level="info")


def _register_commands() -> None:
    """Commands kept in modules of their own, hooked onto the one Typer app."""
    from diplograph.api import eval_command, graph_commands, index_commands, position_commands

    eval_command.register(app)
    index_commands.register(app)  # index rebuild, index check
    graph_commands.register(app)  # validate, actors (list, merge), topics, documents, remove, path, export
    position_commands.register(app)  # positions, shifts


_register_commands()


def main() -> None:
    """Entry point of the `diplograph` console script."""
    app(prog_name="diplograph")
