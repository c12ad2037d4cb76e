"""Lookups the pages share, kept until the store's next write.

The positions matrix, the topic pages and the actor pages all read every position, and the topic
scheme; on a 100k-triple store the positions lookup alone takes seconds. A local store counts its
writes (`GraphStore.generation`, also bumped by every write through the API), so the answer of a
lookup stays valid until the generation moves on; a remote store can change behind our back and is
asked every time. The lookups are the ones the JSON routes call (GraphStore.positions, .topics).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from diplograph.graph.lookups import PositionRow, TopicRow
from diplograph.graph.store import GraphStore

T = TypeVar("T")


def per_generation(store: GraphStore, name: str, build: Callable[[], T]) -> T:
    """`build()`, or its answer from earlier in this generation of the store."""
    if not store.caches_views:
        return build()
    key = (f"workspace-{name}", store.generation)
    for stale in [k for k in store.views if k[0] == key[0] and k[1] != key[1]]:
        del store.views[stale]
    if key not in store.views:
        store.views[key] = build()
    return store.views[key]


def all_positions(store: GraphStore) -> list[PositionRow]:
    return per_generation(store, "positions", store.positions)


def all_topics(store: GraphStore) -> list[TopicRow]:
    return per_generation(store, "topics", store.topics)


def topic_family(topics: Iterable[TopicRow], key: str) -> set[str]:
    """`key` and every topic narrower than it, at any depth (what a topic filter includes)."""
    narrower = {t.key: t.narrower for t in topics}
    found, todo = set(), [key]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(narrower.get(current, ()))
    return found


def positions_where(store: GraphStore, *, holder: str | None = None, topic: str | None = None) -> list[PositionRow]:
    """The cached positions of one holder (IRI) and/or on one topic with its narrower ones."""
    rows: list[Any] = all_positions(store)
    if holder is not None:
        rows = [p for p in rows if p.holder_id == holder]
    if topic is not None:
        family = topic_family(all_topics(store), topic)
        rows = [p for p in rows if p.topic in family]
    return rows
