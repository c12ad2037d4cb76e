"""Lookups the pages share, kept until the store's next write.

The positions matrix reads every position's counts, a topic page a page of the claims on its topic, and
most pages the topic scheme. A local store counts its
writes (`GraphStore.generation`, also bumped by every write through the API), so the answer of a
lookup stays valid until the generation moves on; a remote store can change behind our back and is
asked every time. The lookups are the ones the JSON routes call (GraphStore.position_page, .topics).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from diplograph.graph.lookups import TopicRow
from diplograph.graph.position_rows import PositionCell
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


def all_topics(store: GraphStore) -> list[TopicRow]:
    return per_generation(store, "topics", store.topics)


def position_cells(store: GraphStore, *, topic: str | None = None) -> list[PositionCell]:
    """The positions matrix's cells, all or on one topic with its narrower ones: counts only, kept
    until the next write (GraphStore.position_cells; no evidence is read to draw the matrix)."""
    return per_generation(store, f"position-cells-{topic or ''}", lambda: store.position_cells(topic=topic))
