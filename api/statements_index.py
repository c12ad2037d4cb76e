"""Every statement of the store held in memory, so GET /statements and /ask answer in a millisecond.

GraphStore.statements evaluates one SPARQL query per request that groups and sorts every matching
statement before it pages (about a second on a 100k-triple store). The API is read-mostly and every
write goes through it (POST/DELETE /documents, SPARQL updates), so it keeps the rows of
`GraphStore.statements()` — fetched once, refetched lazily after a write — and filters, sorts and
pages them in Python with the same rules as the store's query: speaker by name, alias or IRI
(resolved by the store), topic with its narrower topics, stance, kind, document by name, IRI or
hash prefix, publication dates compared as ISO strings, words of the quote or sentence.
tests/api/test_api_statements_index.py checks that both give the same rows in the same order.
A store with more statements than the configured cap is left to the store's own query.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from diplograph.graph.store import GraphStore, QueryError, StatementRow
from diplograph.ontology.terms import TOPIC

TOPIC_KEY = re.compile(r"[A-Za-z0-9_-]+")
# Sort keys of each order; "-" orders sort their first key descending, the rest ascending.
ORDER_KEYS: dict[str, Callable[[StatementRow], tuple]] = {
    "doc": lambda r: (r.doc, r.doc_iri, r.start, r.end, r.iri),
    "date": lambda r: (r.published, r.doc, r.start, r.end, r.iri),
    "speaker": lambda r: (r.speaker, r.doc, r.start, r.end, r.iri),
    "confidence": lambda r: (r.confidence, r.doc, r.start, r.end, r.iri),
}


@dataclass(frozen=True, slots=True)
class Snapshot:
    rows: tuple[StatementRow, ...]
    narrower: dict[str, frozenset[str]]  # topic key -> itself and every narrower topic key
    documents: tuple[tuple[str, str, str], ...]  # (iri, name, content hash)


class StatementsIndex:
    """The store's statements in memory; `lookup` answers like GraphStore.statements, or None to defer to it."""

    def __init__(self, store: GraphStore, *, max_rows: int) -> None:
        self.store = store
        self.max_rows = max_rows
        self._snapshot: Snapshot | None = None
        self._too_large = False
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """The store changed: the next lookup refetches."""
        with self._lock:
            self._snapshot = None
            self._too_large = False

    def _current(self) -> Snapshot | None:
        with self._lock:
            if self._snapshot is None and not self._too_large and self.max_rows > 0:
                if self.store.counts().statements > self.max_rows:
                    self._too_large = True
                else:
                    self._snapshot = self._build()
            return self._snapshot

    def _build(self) -> Snapshot:
        topics = {row.key: row.narrower for row in self.store.topics()}
        narrower: dict[str, frozenset[str]] = {}
        for key in topics:
            found, todo = {key}, list(topics[key])
            while todo:
                child = todo.pop()
                if child not in found:
                    found.add(child)
                    todo.extend(topics.get(child, ()))
            narrower[key] = frozenset(found)
        documents = tuple((d.iri, d.name, d.content_hash) for d in self.store.documents())
        return Snapshot(rows=tuple(self.store.statements()), narrower=narrower, documents=documents)

    def lookup(
        self,
        *,
        speaker: str | None = None,
        topic: str | None = None,
        stance: str | None = None,
        kind: str | None = None,
        doc: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        text: str | None = None,
        order: str = "doc",
        offset: int = 0,
        limit: int | None = None,
    ) -> list[StatementRow] | None:
        """The page of statements matching every filter given, or None when the store must answer itself."""
        snapshot = self._current()
        if snapshot is None or order.lstrip("-") not in ORDER_KEYS:
            return None
        tests: list[Callable[[StatementRow], bool]] = []
        if topic is not None:
            keys = snapshot.narrower.get(_topic_key(topic))
            keys = keys if keys is not None else frozenset({_topic_key(topic)})
            tests.append(lambda r: not keys.isdisjoint(r.topics))
        if speaker is not None:
            speakers = {str(iri) for iri in self.store.resolve_actors(speaker)}
            tests.append(lambda r: r.speaker_id in speakers)
        if doc is not None:
            docs = _documents_named(snapshot.documents, doc)
            tests.append(lambda r: r.doc_iri in docs)
        if stance is not None:
            tests.append(lambda r: r.stance == stance)
        if kind is not None:
            tests.append(lambda r: r.kind == kind)
        if date_from is not None:
            tests.append(lambda r: bool(r.published) and r.published >= date_from)
        if date_to is not None:
            tests.append(lambda r: bool(r.published) and r.published <= date_to)
        if text:
            needle = text.lower()
            tests.append(lambda r: needle in r.text.lower() or needle in r.sentence.lower())
        rows = [row for row in snapshot.rows if all(test(row) for test in tests)]
        ordered = _sorted(rows, order)
        end = None if limit is None else offset + limit
        return ordered[offset:end]


def _topic_key(topic: str) -> str:
    text = topic.strip()
    if text.startswith(str(TOPIC)):
        return text[len(str(TOPIC)):]
    if not TOPIC_KEY.fullmatch(text):
        raise QueryError(f"not a topic key: {topic!r} (topic keys look like 'ceasefire' or 'air_defense')")
    return text


def _documents_named(documents: Sequence[tuple[str, str, str]], needle: str) -> set[str]:
    """Documents whose IRI or name is `needle`, or whose content hash starts with it (as the store resolves them)."""
    text = needle.strip()
    if not text:
        return set()
    return {iri for iri, name, content_hash in documents
            if iri == text or name == text or content_hash.startswith(text.lower())}


def _sorted(rows: list[StatementRow], order: str) -> list[StatementRow]:
    key = ORDER_KEYS[order.lstrip("-")]
    if not order.startswith("-"):
        return sorted(rows, key=key)
    by_rest = sorted(rows, key=lambda r: key(r)[1:])  # ties on the first key keep ascending order
    return sorted(by_rest, key=lambda r: key(r)[0], reverse=True)  # stable: the rest stays ascending
