"""A topic filter of the SQLite index: the rows on a topic or any of its narrower topics, one key.

The statements (graph/statement_index.py `topics`) and the positions (graph/position_index.py
`position_topics`) each keep a table of row × its own topics and every broader one, so that "ceasefire
with its narrower topics" is one key of an index sorted like the page. Both lookups join it the same way.
"""
from __future__ import annotations

from typing import Any


def on_topic(source: str, topics: str, key: str, topic: str | None, where: list[str], params: list[Any]) -> str:
    """`source` ("statements s"), joined to its topic table `topics` (aliased t, `key` naming the row's id)
    with the filter added to `where`/`params` when a topic IRI is given; `source` as it is otherwise."""
    if topic is None:
        return source
    alias = source.split()[-1]
    where.append("t.topic = ?")
    params.append(topic)
    return f"{topics} t JOIN {source} ON {alias}.id = t.{key}"
