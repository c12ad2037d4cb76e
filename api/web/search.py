"""The search box: a question `/ask` understands, or plain words, plus explicit filters.

A question ("who said what about Tomahawks") is read by the same grammar as GET /ask; anything
else is searched as words of the quote or its sentence. Explicit filters (speaker, topic, stance,
kind, dates) are added on top. The result is the filters GET /statements takes.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from diplograph.api.names import NameBook, UnknownName, read_filters
from diplograph.api.questions import QuestionError, parse
from diplograph.extract.records import KINDS, STANCES
from diplograph.graph.results import StatementRow
from diplograph.graph.store import GraphStore

PAGE_SIZE = 20
DOWNLOAD_LIMIT = 10_000
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FILTER_NAMES = ("speaker", "topic", "stance", "kind", "date_from", "date_to")
CSV_COLUMNS = ("iri", "speaker", "speaker_id", "stance", "kind", "text", "sentence", "topics", "addressees", "cue",
               "doc", "title", "published", "url", "start", "end", "confidence")


@dataclass(slots=True)
class Search:
    """What the search form asked for: the filters for the statements lookup, and how `q` was read."""

    q: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    understood: str = ""  # "question" or "words" (empty without q)
    problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.q and not any(self.filters.get(name) for name in FILTER_NAMES)


def read_search(params: Mapping[str, str]) -> Search:
    """The search form's fields as statement filters; bad values are dropped with a message each."""
    search = Search(q=(params.get("q") or "").strip()[:500])
    for name in FILTER_NAMES:
        value = (params.get(name) or "").strip()[:300]
        if not value:
            continue
        if name == "stance" and value not in STANCES:
            search.problems.append(f"Unknown stance {value!r}: choose one of {', '.join(STANCES)}.")
        elif name == "kind" and value not in KINDS:
            search.problems.append(f"Unknown kind {value!r}: choose direct or reported.")
        elif name.startswith("date_") and not ISO_DATE.match(value):
            search.problems.append(f"{name.replace('_', ' ').capitalize()} must be a date like 2025-10-17.")
        else:
            search.filters[name] = value
    if search.q:
        try:
            question = parse(search.q)
        except QuestionError:
            search.understood = "words"
            search.filters["text"] = search.q
        else:
            search.understood = "question"
            for name in ("speaker", "topic", "stance"):
                found = getattr(question, name)
                if found and not search.filters.get(name):
                    search.filters[name] = found
    return search


def named_filters(store: GraphStore, filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters with their speaker and topic read as /statements reads them (aliases, case, plurals);
    an unknown name is a ValueError whose message names the nearest ones."""
    try:
        speaker, topic, _ = read_filters(NameBook.of(store), actor=filters.get("speaker"), topic=filters.get("topic"))
    except UnknownName as exc:
        raise ValueError(str(exc)) from None
    return {**filters, "speaker": speaker, "topic": topic}


def csv_text(rows: Iterable[StatementRow]) -> str:
    """Statements as CSV, one row each; lists joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.to_json()
        writer.writerow(["; ".join(data[c]) if isinstance(data[c], list) else data[c] for c in CSV_COLUMNS])
    return out.getvalue()


def jsonl_text(rows: Iterable[StatementRow]) -> str:
    """Statements as JSON Lines, in the shape GET /statements answers."""
    return "".join(json.dumps(row.to_json(), ensure_ascii=False) + "\n" for row in rows)
