"""`diplograph eval GOLD_DIR`: how good extraction is, measured against hand-checked gold.

The folder holds articles (.txt/.jsonl), `gold.jsonl` (statements in the extraction contract) and,
optionally, `actors.jsonl` (canonical names and aliases; the ontology's gazetteer otherwise). The
matching rule is the one of the shared scorer, so the numbers agree with `score.py`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from diplograph.api.cli import fail, load_extractor, read_documents, settings

SCORE_ROWS = [
    ("statements (span matched)", "span_p", "span_r", "span_f1"),
    ("attribution (span + speaker)", "attr_p", "attr_r", "attr_f1"),
    ("topics", "topic_p", "topic_r", "topic_f1"),
]
SINGLE_SCORES = ["recall_direct", "recall_reported", "content_token_f1", "stance_acc", "kind_acc"]


def _gold_actors(folder: Path, actors: Path | None = None) -> list[dict]:
    from diplograph.extract.evaluation import load_jsonl
    from diplograph.ontology.lexicon import load_actors

    path = actors or folder / "actors.jsonl"
    if path.exists():
        return load_jsonl(path)
    return [{"name": a.name, "aliases": [*a.aliases, *a.descriptors]} for a in load_actors().values()]


def _predict(folder: Path, model: str) -> list[dict]:
    documents, errors = read_documents([folder])
    for error in errors:
        Console(stderr=True).print(f"[yellow]skipped[/] {error.source}: {error.message}")
    extractor = load_extractor(model)
    return [s.to_json() for d in documents for s in extractor.extract(d).statements]


def evaluate_command(
    gold_dir: Annotated[Path, typer.Argument(help="Folder with the articles (and gold.jsonl, actors.jsonl unless "
                                                  "--gold, --actors name them).")],
    gold: Annotated[Optional[Path], typer.Option(help="Gold statements \\[default: GOLD_DIR/gold.jsonl].",
                                                 show_default=False)] = None,
    actors: Annotated[Optional[Path], typer.Option(
        help="Gold actors and aliases \\[default: GOLD_DIR/actors.jsonl, else the ontology's gazetteer].",
        show_default=False)] = None,
    predictions: Annotated[Optional[Path], typer.Option(help="Score this JSONL file instead of extracting.")] = None,
    details: Annotated[bool, typer.Option("--details", help="List missed, mis-attributed and spurious statements.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    model: Annotated[Optional[str], typer.Option(help="spaCy model \\[env DIPLOGRAPH_MODEL].")] = None,
) -> None:
    """Score extraction against a gold folder: precision, recall and F1, per kind, topics, stance."""
    from diplograph.extract.evaluation import evaluate, load_jsonl

    gold_path = gold or gold_dir / "gold.jsonl"
    if not gold_path.is_file():
        fail(f"no gold file {gold_path} (give --gold FILE, or a folder holding gold.jsonl)")
    if actors is not None and not actors.is_file():
        fail(f"{actors}: no such actors file")
    try:
        gold_rows = load_jsonl(gold_path)
        predicted = load_jsonl(predictions) if predictions else _predict(gold_dir, settings(model=model).model_name)
    except (json.JSONDecodeError, UnicodeDecodeError, OSError) as error:
        fail(f"cannot read the gold or prediction file: {error}")
    report = evaluate(gold_rows, predicted, _gold_actors(gold_dir, actors))
    if as_json:
        typer.echo(json.dumps(report.scores))
        return
    console = Console()
    table = Table(title=f"Extraction against {gold_dir} ({len(gold_rows)} gold, {len(predicted)} predicted)")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column else "left")
    for label, p, r, f in SCORE_ROWS:
        table.add_row(label, *(f"{report.scores[k]:.3f}" for k in (p, r, f)))
    console.print(table)
    for key in SINGLE_SCORES:
        console.print(f"{key:18} {report.scores[key]:.3f}")
    if details:
        for g in report.missed:
            console.print(f"[red]MISSED[/]    {g['doc']} | {g['speaker']} | {g['text'][:90]}", highlight=False)
        for g, p in report.wrong_speaker:
            console.print(f"[yellow]SPEAKER[/]   {g['doc']} | gold {g['speaker']} | got {p.get('speaker')} | "
                          f"{g['text'][:60]}", highlight=False)
        for p in report.spurious:
            console.print(f"[blue]SPURIOUS[/]  {p['doc']} | {p.get('speaker')} | {p.get('text', '')[:90]}",
                          highlight=False)


def register(app: typer.Typer) -> None:
    app.command(name="eval")(evaluate_command)
