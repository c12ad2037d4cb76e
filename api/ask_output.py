"""An answer of `diplograph ask` on the terminal: Rich tables, or JSON lines tagged with what each row is."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.table import Table
from rich.text import Text

from .ask import Answer

# (title, columns) of each part of an answer, in the order they are printed
PARTS: dict[str, tuple[str, ...]] = {
    "statement": ("match", "speaker", "stance", "topics", "addressees", "text", "doc", "published"),
    "position": ("match", "holder", "topic", "stance", "reporter", "count", "first_date", "last_date"),
    "event": ("kind", "status", "participants", "guests", "hosts", "place", "date_text", "doc"),
    "comparison": ("topic", "first", "second", "relation"),
}


def understood(result: Answer) -> str:
    """The question as read: its intent and each part it names."""
    parts = [f"{name}={value}" for name, value in (
        ("speaker", result.speaker), ("other", result.other), ("topic", result.topic),
        ("stances", "/".join(result.stances) or result.stance), ("status", result.status),
        ("from", result.period.start if result.period else None), ("to", result.period.end if result.period else None),
        ("verdict", result.verdict)) if value]
    return f"{result.intent}: {', '.join(parts) or 'everything'}"


def _rows(result: Answer) -> Iterator[tuple[str, dict[str, Any]]]:
    for marked in result.statements:
        yield "statement", marked.to_json()
    for marked in result.positions:
        yield "position", marked.to_json()
    for event in result.events:
        yield "event", event.to_json()
    for row in result.comparison:
        data = row.to_json()
        data["first"] = {result.speaker or "": data["first"]}
        data["second"] = {result.other or "": data["second"]}
        yield "comparison", data


def answer_lines(result: Answer) -> Iterator[dict[str, Any]]:
    """One JSON object per row, `row` saying whether it is a statement, position, event or comparison."""
    for part, data in _rows(result):
        yield {"row": part, **data}


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)


def answer_tables(result: Answer) -> list[Table]:
    """A table per part of the answer that has rows (a titled empty table when nothing answers)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for part, data in _rows(result):
        grouped.setdefault(part, []).append(data)
    title = f"{result.question} [{understood(result)}]"
    tables = []
    for part, rows in grouped.items() or [("statement", [])]:
        table = Table(title=Text(f"{title} — {len(rows)} {part}{'s' if len(rows) != 1 else ''}"))
        for column in PARTS[part]:
            table.add_column(column, overflow="fold", ratio=4 if column in ("text",) else 1)
        for data in rows:
            table.add_row(*(Text(_cell(data.get(column, ""))) for column in PARTS[part]))
        tables.append(table)
    return tables
