"""The write path of a GraphStore: ontology loading, adding documents in batches, removing, merging.

Documents are read in chunks: one query per chunk tells which texts are stored already and which
stored documents are older versions (same file name or URL) of the new ones, so that a large ingest
does not pay a round trip per document. Built documents are then written in batches of about
`batch_quads` quads, each batch one `Backend.write` (bulk quads on Oxigraph, one SPARQL Update
request on a remote server), positions refreshed right after in the same call.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TypeVar

from rdflib import Literal, URIRef

from diplograph.extract.records import Document, Extraction

from . import derived, index_sync, queries, summaries
from .backends import Quad
from .build import ACTORS_GRAPH, DocumentGraph, build_document, document_iri, graph_of, url_term
from .errors import AmbiguousReference, DocumentRef, QueryError, StoreError
from .ontology import OntologyFiles, ontology_sources
from .iris import speaker_iri
from .results import AddResult
from .triples import statement_iris
from .utterances import Report, UtteranceIndex

MIN_HASH_PREFIX = 8  # hex characters of a content hash that name one document (4 billion to one)
BATCH_QUADS = 20_000  # quads per write request when adding many documents
QUADS_PER_DOCUMENT = 400  # about what a news article gives: sizes the chunks of the "stored already?" lookup

Pending = list[tuple[DocumentGraph, list[URIRef]]]
T = TypeVar("T")


class WritePath:
    """Mixed into GraphStore: every method that changes the store. Expects `backend`, `uri`, `_lock`,
    `_select`, `resolve_actors` and the caches `_described_actors` and `_merged` of GraphStore."""

    backend: Any
    uri: str
    index: Any  # the statements index (graph/statement_index.py), or None
    _lock: Any
    _described_actors: set[str] | None
    _merged: dict[str, str] | None

    def _select(self, sparql: str) -> list[Any]:  # pragma: no cover - provided by GraphStore
        raise NotImplementedError

    def resolve_actors(self, speaker: str) -> list[URIRef]:  # pragma: no cover - provided by GraphStore
        raise NotImplementedError

    def _written(self) -> None:
        """Called after every write: caches derived from the store's content are stale."""

    # -- the ontology ----------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Load the ontology's Turtle files into GRAPH["ontology"] and actors.ttl into GRAPH["actors"],
        unless the same files are loaded already. A changed ontology file replaces the ontology graph;
        a changed actors.ttl is added to the actors graph, keeping the actors found in text and merges."""
        with self._lock:
            changed = []
            for source in ontology_sources():
                stored = [str(row[0]) for row in self._select(queries.graph_hash_query(source.graph))]
                if stored != [source.content_hash]:
                    changed.append((source, stored))
            if changed:
                with index_sync.writing(self, None):  # labels and the topic tree: the index is rebuilt
                    for source, stored in changed:
                        self._load(source, replace=source.replace_on_change, old_hashes=stored)
            self._described_actors = None
            self._written()

    def _load(self, source: OntologyFiles, *, replace: bool, old_hashes: list[str]) -> None:
        graph = source.graph
        merged = self._merged_actors() if not replace else {}
        quads: list[Quad] = [(s, p, o, graph) for s, p, o in source.triples if str(s) not in merged]
        quads.append((graph, source.hash_predicate, Literal(source.content_hash), graph))
        old = [(graph, source.hash_predicate, Literal(h), graph) for h in old_hashes]
        self.backend.write(drop_graphs=[graph] if replace else [], delete=[] if replace else old, insert=quads)

    # -- documents -------------------------------------------------------------------------------

    def add(self, extraction: Extraction) -> AddResult:
        """Write one document's graph and its new actors in one go; the same text twice changes nothing,
        and a changed text under the same file name or URL replaces the older version."""
        return self.add_many([extraction])[0]

    def add_many(self, extractions: Iterable[Extraction], *, batch_quads: int = BATCH_QUADS) -> list[AddResult]:
        """Add documents in batches of about `batch_quads` quads, each batch one write (one transaction
        for its documents), positions refreshed with it. A record that cannot be written raises
        RecordError before anything of its batch is written."""
        results: list[AddResult] = []
        per_chunk = max(1, batch_quads // QUADS_PER_DOCUMENT)
        with self._lock, _without_cycle_collection():
            pending: Pending = []
            utterances = UtteranceIndex(index_sync.utterance_lookup(self))  # one index: copies within the ingest meet
            for chunk in _chunks(extractions, per_chunk):
                stored, older = self._stored_versions([e.document for e in chunk])
                said = utterances.assign(self._reports([e for e in chunk if e.document.content_hash not in stored]))
                seen: list[Extraction] = []
                for extraction in chunk:
                    content_hash = extraction.document.content_hash
                    if content_hash in stored:
                        results.append(AddResult(doc_iri=str(document_iri(content_hash)), changed=False, triples=0))
                        continue
                    if any(_same_source(extraction, earlier) for earlier in seen):
                        self._flush(pending)  # an older version is in this chunk: write it, then replace it
                        pending = []
                        replaced = self._older_versions(extraction)
                    else:
                        replaced = older.get(content_hash, [])
                    built = build_document(extraction, known_actors=self._known_actor_iris(),
                                           merged=self._merged_actors(), utterances=said)
                    self._known_actor_iris().update(str(s) for s, _, _ in built.actor_triples)
                    stored.add(content_hash)
                    seen.append(extraction)
                    pending.append((built, replaced))
                    results.append(AddResult(doc_iri=str(built.doc_iri), changed=True, triples=len(built),
                                             replaced=tuple(str(r) for r in replaced)))
                    if sum(len(b) for b, _ in pending) >= batch_quads:
                        self._flush(pending)
                        pending = []
            self._flush(pending)
        return results

    def stored_texts(self, documents: Iterable[Document]) -> set[str]:
        """The content hashes of `documents` that are stored already: an ingest skips those before
        parsing them (one query per chunk of documents)."""
        found: set[str] = set()
        for chunk in _chunks(documents, 200):
            found |= self._stored_versions(chunk)[0]
        return found

    def _reports(self, extractions: list[Extraction]) -> list[Report]:
        """The statements of new documents as reports for the utterance index, oldest article first (the
        first report of an utterance names it), speakers as they will be stored (merges applied)."""
        merged = self._merged_actors()
        ordered = sorted(extractions, key=lambda e: (e.document.published or "9999", e.document.name))
        reports = []
        for extraction in ordered:
            doc = document_iri(extraction.document.content_hash)
            key = str(doc).rsplit("/", 1)[-1]
            for node, statement in statement_iris(key, extraction.statements):
                speaker = str(speaker_iri(statement))
                reports.append(Report(statement=str(node), speaker=merged.get(speaker, speaker), doc=str(doc),
                                      quote=statement.text))
        return reports

    def _stored_versions(self, chunk: list[Document]) -> tuple[set[str], dict[str, list[URIRef]]]:
        """One query for a chunk: the hashes stored already, and the older versions of each new text."""
        documents = [(d.content_hash, d.name, url_term(d.url) if d.url else None) for d in chunk]
        stored: set[str] = set()
        older: dict[str, list[URIRef]] = {}
        for row in self._select(queries.stored_versions_query(documents)):
            if str(row.same) in ("true", "1"):
                stored.add(str(row.new))
            else:
                older.setdefault(str(row.new), []).append(URIRef(row.doc))
        return stored, {h: sorted(set(docs)) for h, docs in older.items()}

    def _older_versions(self, extraction: Extraction) -> list[URIRef]:
        document = extraction.document
        rows = self._select(queries.older_versions_query(document.content_hash, document.name, document.url))
        return [URIRef(row[0]) for row in rows]

    def _flush(self, pending: Pending) -> None:
        if not pending:
            return
        drop = [graph_of(doc) for _, old in pending for doc in old]
        quads: list[Quad] = []
        for built, _ in pending:
            quads += [(s, p, o, built.graph_iri) for s, p, o in built.triples]
            quads += [(s, p, o, ACTORS_GRAPH) for s, p, o in built.actor_triples]
        old_docs = [g for _, old in pending for g in old]
        updates = derived.forget_orphans(old_docs) if old_docs else []
        added = [e for built, _ in pending for e in built.evidence]
        planned = None if drop else index_sync.plan_positions(self, added)  # from the kept tallies: new reports only
        index_sync.count_growth(self, planned, [q for q in quads if q[3] == ACTORS_GRAPH])
        updates += planned.updates if planned is not None else self.position_updates(added=added, dropped=drop)
        try:
            with index_sync.writing(self, [b.doc_iri for b, _ in pending] + old_docs, planned=planned):
                self.backend.write(drop_graphs=drop, insert=quads, updates=updates)
                if planned is not None:
                    planned.written = True
        except (OSError, ValueError) as error:
            names = ", ".join(repr(str(b.doc_iri)) for b, _ in pending)
            raise StoreError(f"could not write {names} to {self.uri}: {error}") from error
        finally:
            if old_docs:
                self._described_actors = None
            self._written()

    def position_updates(self, *, added: list[summaries.Evidence] | None = None, dropped: list[URIRef] | None = None,
                         holders: list[str] | None = None) -> list[str]:
        """Updates that bring the positions and shifts up to date with a write that adds the evidence
        `added` and drops the document graphs `dropped`; run them in the same `backend.write` as the
        documents. Only the positions concerned are recomputed: those of the holder × topic pairs of the
        added evidence, and every position of the holders of dropped documents (and of `holders`)."""
        added, dropped = added or [], dropped or []
        concerned = summaries.holders_in(self._select, dropped) | set(holders or ())
        return summaries.position_updates(self._select, concerned, added=added, dropped=dropped,
                                          pairs={(e.holder, e.topic) for e in added})

    def refresh_positions(self) -> None:
        """Recompute every position and shift from the stored evidence (after changes made behind the
        store's back, e.g. a SPARQL update)."""
        with self._lock:
            holders = summaries.all_holders(self._select)
            with index_sync.writing(self):  # no statement changes: the graph sizes are recounted
                self.backend.write(updates=self.position_updates(holders=sorted(holders)))
            self._written()

    def remove(self, doc: str) -> list[DocumentRef]:
        """Delete one document's graph and recompute what derived from it: positions, and actors found
        only in it. `doc` must name exactly one document (see `resolve_document`); returns what was
        removed ([] when nothing matches), AmbiguousReference when several documents fit."""
        with self._lock:
            found = self.resolve_document(doc)
            if not found:
                return []
            docs = [ref.iri for ref in found]
            graphs = [graph_of(d) for d in docs]
            with index_sync.writing(self, docs):
                self.backend.write(drop_graphs=graphs,
                                   updates=derived.forget_orphans(docs) + self.position_updates(dropped=graphs))
            self._described_actors = None
            self._written()
            return found

    def resolve_document(self, ref: str) -> list[DocumentRef]:
        """The documents `ref` names: its full IRI, its file name, or a prefix of at least
        MIN_HASH_PREFIX hex characters of its content hash. [] when none; AmbiguousReference (listing
        the matches) when a hash prefix or a name fits several, so one stray character never
        removes a batch."""
        text = ref.strip()
        if not text:
            return []
        rows = self._select(queries.document_candidates_query(text))
        candidates = [DocumentRef(URIRef(row[0]), str(row[1] or ""), str(row[2])) for row in rows]
        exact = [c for c in candidates if text in (str(c.iri), c.name)]
        if exact:
            found = exact
        elif len(text) < MIN_HASH_PREFIX or not all(ch in "0123456789abcdefABCDEF" for ch in text):
            if candidates:
                raise AmbiguousReference(text, candidates, reason=f"a hash prefix needs at least {MIN_HASH_PREFIX} "
                                                                  "hex characters")
            return []
        else:
            found = candidates
        if len(found) > 1 and not all(c.iri == found[0].iri for c in found):
            raise AmbiguousReference(text, found, reason="it matches several documents")
        return found[:1]

    def repair(self) -> tuple[int, int]:
        """Rebuild derived data (the positions graph) from the documents: (position quads before, after).

        Every write stores documents and positions in one transaction, so a store this version wrote
        never needs it; a store written by an older version, killed between its two write steps,
        held documents without positions, and `diplograph repair` mends it."""
        with self._lock:
            before = self._positions_size()
            with index_sync.writing(self):
                self.backend.write(updates=self.position_updates(holders=sorted(summaries.all_holders(self._select))))
            self._written()
            return before, self._positions_size()

    def _positions_size(self) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{derived.POSITIONS_GRAPH}> {{ ?s ?p ?o }} }}")
        return int(rows[0][0]) if rows else 0

    def _resolve_documents(self, doc: str) -> list[URIRef]:
        text = doc.strip()
        if not text:
            return []
        return [URIRef(row[0]) for row in self._select(queries.documents_named_query(text))]

    # -- actors ----------------------------------------------------------------------------------

    def merge_actors(self, keep: str, drop: str) -> None:
        """Make `drop` the same actor as `keep` (names, IRIs or aliases) in every graph, its names kept
        as aliases, positions recomputed and the merge recorded (dg:ActorMerge, dg:mergedInto)."""
        with self._lock:
            kept, dropped = self._one_actor(keep), self._one_actor(drop)
            if kept == dropped:
                raise QueryError(f"{keep!r} and {drop!r} are the same actor already")
            labels = [str(r[0]) for r in self._select(queries.actor_label_query(dropped))]
            updates = derived.merge_actors(kept, dropped, drop_label=labels[0] if labels else str(dropped))
            with index_sync.writing(self, index_sync.documents_naming(self, dropped)):
                self.backend.write(updates=updates)  # then every position: the merged actor may report claims too
                self.backend.write(updates=self.position_updates(holders=sorted(summaries.all_holders(self._select))))
            self._merged = None
            self._described_actors = None
            self._written()

    def _one_actor(self, ref: str) -> URIRef:
        found = self.resolve_actors(ref)
        if not found or not self._select(queries.actor_label_query(found[0])):
            raise QueryError(f"no actor named {ref!r}: give a name, an alias or an actor IRI")
        if len(found) > 1:
            raise QueryError(f"{ref!r} names several actors ({', '.join(map(str, found))}): give an IRI")
        return found[0]

    def _known_actor_iris(self) -> set[str]:
        if self._described_actors is None:
            self._described_actors = {str(row[0]) for row in self._select(queries.DESCRIBED_ACTORS)}
        return self._described_actors

    def _merged_actors(self) -> dict[str, str]:
        if self._merged is None:
            self._merged = {str(r[0]): str(r[1]) for r in self._select(derived.MERGED)}
        return self._merged


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for a write (and resumed after it, also on error). A write makes
    millions of short-lived objects (rdflib terms, rows, tallies) that reference counting frees; each
    pass of the oldest generation walks every live object of the process, and a write at 5M triples
    holds more of them (the touched positions' tallies): 1.4 of a 250-article write's 10.8 CPU s at 0.1M
    triples and 2.1 of 14.5 s at 5M went to the collector (bench/REPORT.md). Cycles a write leaves are
    collected by the first pass after it."""
    if not gc.isenabled():  # paused already (a write in another thread, or the caller's choice)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _same_source(a: Extraction, b: Extraction) -> bool:
    """Whether two extractions are versions of one document: the same file name, or the same URL."""
    return a.document.name == b.document.name or bool(a.document.url and a.document.url == b.document.url)
