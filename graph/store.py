"""Open a graph store from a URI and read and write diplograph's RDF in it.

`memory` is an rdflib Dataset that lives as long as the process; `oxigraph:PATH` is an Oxigraph
store on disk (queries and updates run natively); `sparql:QUERY_URL[;UPDATE_URL]` is a remote SPARQL
1.1 server. All are queried with the union of all named graphs as the default graph, so a query sees
statements (document graphs), actor labels (actors graph), topic hierarchy (ontology graph) and
positions (positions graph) together. Writes go through one `Backend.write` per batch of documents,
which the store applies as one transaction: a document is either fully stored or not at all.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Dataset, Literal, URIRef
from rdflib.query import Result

from diplograph.extract.records import KINDS, STANCES, Extraction
from diplograph.ontology.terms import ACTOR, STANCE, TOPIC

from . import derived, lookups, queries
from .backends import Quad, open_backend
from .build import ACTORS_GRAPH, DocumentGraph, build_document, document_iri, graph_of
from .errors import QueryError, RecordError, StoreError
from .lookups import ActorProfile, ActorRow, DocumentRow, PositionRow, TopicRow
from .ontology import OntologyFiles, ontology_sources
from .results import AddResult, Counts, StatementRow, plain_strings, statement_row

DEFAULT_STORE = "oxigraph:./data/graph"
BATCH_QUADS = 20_000  # quads per write request when adding many documents


class GraphStore:
    """A diplograph graph: named graphs for the ontology, the actors, the positions and each document."""

    def __init__(self, backend: Any, *, uri: str) -> None:
        self.uri = uri
        self._backend: Any = backend
        self._lock = threading.RLock()
        self._described_actors: set[str] | None = None
        self._merged: dict[str, str] | None = None
        if backend.__class__.__name__ != "RemoteBackend":
            for prefix, namespace in queries.NAMESPACES.items():
                backend.dataset.bind(prefix, namespace, override=True, replace=True)
        # Oxigraph hands back plain strings as "x"^^xsd:string: the same RDF 1.1 literal, shown
        # differently. Results are normalised so that every store answers alike.
        self._typed_strings = backend.typed_strings
        self._read_lock: AbstractContextManager[Any] = self._lock if backend.needs_read_lock else nullcontext()

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def backend(self) -> Any:
        if self._backend is None:
            raise StoreError(f"the store {self.uri} is closed")
        return self._backend

    @property
    def dataset(self) -> Dataset:
        """The underlying rdflib Dataset of a local store (for tests); StoreError once closed or remote."""
        return self.backend.dataset

    def close(self) -> None:
        """Flush and release the store (an on-disk store's lock is released, so it can be reopened)."""
        with self._lock:
            if self._backend is None:
                return
            backend, self._backend = self._backend, None
            backend.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Load the ontology's Turtle files into GRAPH["ontology"] and actors.ttl into GRAPH["actors"],
        unless the same files are loaded already. A changed ontology file replaces the ontology graph;
        a changed actors.ttl is added to the actors graph, keeping the actors found in text and merges."""
        with self._lock:
            for source in ontology_sources():
                stored = [str(row[0]) for row in self._select(queries.graph_hash_query(source.graph))]
                if stored == [source.content_hash]:
                    continue
                self._load(source, replace=source.replace_on_change, old_hashes=stored)
            self._described_actors = None

    def _load(self, source: OntologyFiles, *, replace: bool, old_hashes: list[str]) -> None:
        graph = source.graph
        merged = self._merged_actors() if not replace else {}
        quads: list[Quad] = [(s, p, o, graph) for s, p, o in source.triples if str(s) not in merged]
        quads.append((graph, source.hash_predicate, Literal(source.content_hash), graph))
        old = [(graph, source.hash_predicate, Literal(h), graph) for h in old_hashes]
        self.backend.write(drop_graphs=[graph] if replace else [], delete=[] if replace else old, insert=quads)

    def add(self, extraction: Extraction) -> AddResult:
        """Write one document's graph and its new actors in one go; the same text twice changes nothing,
        and a changed text under the same file name or URL replaces the older version."""
        return self.add_many([extraction])[0]

    def add_many(self, extractions: Iterable[Extraction], *, batch_quads: int = BATCH_QUADS) -> list[AddResult]:
        """Add documents in batches of about `batch_quads` quads, each batch one write (one transaction
        on Oxigraph and remote servers), positions refreshed in the same write. A record that cannot
        be written raises RecordError before anything of its batch is written."""
        results: list[AddResult] = []
        with self._lock:
            pending: list[tuple[DocumentGraph, list[URIRef]]] = []
            sources: list[Extraction] = []
            seen: set[str] = set()
            for extraction in extractions:
                document = extraction.document
                content_hash = document.content_hash
                if content_hash in seen or self.backend.query(queries.document_exists_query(content_hash)).askAnswer:
                    results.append(AddResult(doc_iri=str(document_iri(content_hash)), changed=False, triples=0))
                    continue
                if any(_same_source(extraction, earlier) for earlier in sources):
                    self._flush(pending)  # an older version is in this batch: write it first, then replace it
                    pending, sources = [], []
                replaced = self._older_versions(extraction)
                built = build_document(extraction, known_actors=self._known_actor_iris(),
                                       merged=self._merged_actors())
                self._known_actor_iris().update(str(s) for s, _, _ in built.actor_triples)
                seen.add(content_hash)
                pending.append((built, replaced))
                sources.append(extraction)
                results.append(AddResult(doc_iri=str(built.doc_iri), changed=True, triples=len(built),
                                         replaced=tuple(str(r) for r in replaced)))
                if sum(len(b) for b, _ in pending) >= batch_quads:
                    self._flush(pending)
                    pending, sources = [], []
            self._flush(pending)
        return results

    def _flush(self, pending: list[tuple[DocumentGraph, list[URIRef]]]) -> None:
        if not pending:
            return
        drop = [graph_of(doc) for _, old in pending for doc in old]
        quads: list[Quad] = []
        holders: set[URIRef] = set()
        for built, _ in pending:
            quads += [(s, p, o, built.graph_iri) for s, p, o in built.triples]
            quads += [(s, p, o, ACTORS_GRAPH) for s, p, o in built.actor_triples]
            holders.update(o for _, p, o in built.triples if p in _HOLDER_PREDICATES and isinstance(o, URIRef))
        old_docs = [g for _, old in pending for g in old]
        updates = derived.forget_orphans(old_docs) if old_docs else []
        updates += derived.refresh_positions(None if old_docs else sorted(holders))
        try:
            self.backend.write(drop_graphs=drop, insert=quads, updates=updates)
        except (OSError, ValueError) as error:
            names = ", ".join(repr(str(b.doc_iri)) for b, _ in pending)
            raise StoreError(f"could not write {names} to {self.uri}: {error}") from error
        finally:
            if old_docs:
                self._described_actors = None

    def _older_versions(self, extraction: Extraction) -> list[URIRef]:
        document = extraction.document
        rows = self._select(queries.older_versions_query(document.content_hash, document.name, document.url))
        return [URIRef(row[0]) for row in rows]

    def remove(self, doc: str) -> bool:
        """Delete a document's graph (doc = file name, IRI or hash prefix) and recompute what derived
        from it: positions, and actors found only in it. False when no document matches."""
        with self._lock:
            docs = self._resolve_documents(doc)
            if not docs:
                return False
            graphs = [graph_of(d) for d in docs]
            self.backend.write(drop_graphs=graphs,
                               updates=derived.forget_orphans(docs) + derived.refresh_positions(None))
            self._described_actors = None
            return True

    def merge_actors(self, keep: str, drop: str) -> None:
        """Make `drop` the same actor as `keep` (names, IRIs or aliases) in every graph, its names kept
        as aliases, positions recomputed and the merge recorded (dg:ActorMerge, dg:mergedInto)."""
        with self._lock:
            kept, dropped = self._one_actor(keep), self._one_actor(drop)
            if kept == dropped:
                raise QueryError(f"{keep!r} and {drop!r} are the same actor already")
            labels = [str(r[0]) for r in self._select(queries.actor_label_query(dropped))]
            updates = derived.merge_actors(kept, dropped, drop_label=labels[0] if labels else str(dropped))
            self.backend.write(updates=updates + derived.refresh_positions(None))
            self._merged = None
            self._described_actors = None

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

    # -- reading ---------------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        """Run a read-only SPARQL query over the union of all graphs.

        A query that does not parse raises QueryError with the parser's message; so does a query
        that calls a remote SERVICE (nothing may be fetched from the network).
        """
        if re.search(r"\bSERVICE\b", sparql, re.I) and _calls_service(sparql):
            raise QueryError("SERVICE (federated query) is not allowed: queries run on the local store only")
        try:
            with self._read_lock:
                result = self.backend.query(sparql)
                if result.type == "SELECT":
                    result.bindings  # evaluate now, so that evaluation errors surface here  # noqa: B018
            return plain_strings(result) if self._typed_strings else result
        except StoreError:
            raise
        except SyntaxError as error:  # Oxigraph's parser
            raise QueryError(f"SPARQL syntax error: {error}") from error
        except Exception as error:  # rdflib's parser (pyparsing) and evaluation errors
            raise QueryError(_query_message(error)) from error

    def _select(self, sparql: str) -> list[Any]:
        with self._read_lock:
            rows = list(self.backend.query(sparql))
        return [_plain_row(r) for r in rows] if self._typed_strings else rows

    def statements(
        self,
        *,
        speaker: str | None = None,
        topic: str | None = None,
        stance: str | None = None,
        kind: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        text: str | None = None,
        offset: int = 0,
        order: str = "doc",
    ) -> list[StatementRow]:
        """Statements in `order` (doc, date, -date, speaker, confidence, -confidence), filtered by
        speaker (name, alias or IRI), topic (narrower topics included), stance, kind, document (file
        name, IRI or hash prefix), publication dates (ISO, inclusive) and words of the quote or sentence."""
        if stance is not None and stance not in STANCES:
            raise QueryError(f"unknown stance {stance!r}: expected one of {', '.join(STANCES)}")
        if kind is not None and kind not in KINDS:
            raise QueryError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
        if not isinstance(offset, int) or offset < 0:
            raise QueryError(f"offset must be a non-negative integer, not {offset!r}")
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                raise QueryError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")
        topic_iri = _topic_iri(topic) if topic is not None else None
        speakers = self.resolve_actors(speaker) if speaker is not None else None
        docs = self._resolve_documents(doc) if doc is not None else None
        if speakers == [] or docs == []:
            return []  # an unknown speaker or document: nothing to match
        sparql = queries.statements_query(
            speakers=speakers,
            topic=topic_iri,
            stance=STANCE[stance] if stance is not None else None,
            kind=kind,
            docs=docs,
            limit=limit,
            date_from=date_from,
            date_to=date_to,
            text=text,
            offset=offset,
            order=order,
        )
        return [statement_row(row) for row in self._select(sparql)]

    def positions(self, *, actor: str | None = None, topic: str | None = None,
                  claimed: bool | None = None) -> list[PositionRow]:
        """Materialised positions (actor × topic × stance × reporter) with count, dates and evidence;
        `claimed` False keeps the actors' own words, True only what others claim they hold."""
        holders = self.resolve_actors(actor) if actor is not None else None
        if holders == []:
            return []
        return lookups.positions(self._select, holders=holders,
                                 topic=_topic_iri(topic) if topic is not None else None, claimed=claimed)

    def actors(self, *, query: str | None = None, limit: int | None = None,
               mentioned_only: bool = False) -> list[ActorRow]:
        """Actors (gazetteer and found in text), most quoted first; `query` matches any of their names."""
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
        return lookups.actors(self._select, query=query, limit=limit, mentioned_only=mentioned_only)

    def actor(self, ref: str) -> ActorProfile | None:
        """One actor by name, alias or IRI, with roles, statements, positions and what others claim."""
        found = self.resolve_actors(ref)
        rows = lookups.actors(self._select, ids=found[:1]) if found else []
        if not rows:
            return None
        iri = URIRef(rows[0].id)
        roles, merged = lookups.roles_and_merges(self._select, iri)
        held = lookups.positions(self._select, holders=[iri])
        return ActorProfile(actor=rows[0], roles=roles, merged_from=merged,
                            statements=tuple(self.statements(speaker=str(iri))),
                            positions=tuple(p for p in held if not p.claimed),
                            claimed_positions=tuple(p for p in held if p.claimed))

    def topics(self) -> list[TopicRow]:
        """Every topic of the scheme with its broader and narrower topics and its statement count."""
        return lookups.topics(self._select)

    def documents(self) -> list[DocumentRow]:
        """Every stored document with its metadata, provenance and statement count."""
        return lookups.documents(self._select)

    def quads(self) -> Iterable[Quad]:
        """Every quad of the store (for exports and validation), strings normalised."""
        for s, p, o, g in self.backend.quads():
            yield s, p, _plain_term(o), g

    def resolve_actors(self, speaker: str) -> list[URIRef]:
        """The actors a name, alias (any case), descriptor or IRI designates; [] when none."""
        text = speaker.strip()
        if re.match(r"^https?://", text):
            return [URIRef(text)] if _is_iri(text) else []
        found = [URIRef(row[0]) for row in self._select(queries.actors_named_query(text))]
        if not found:
            try:
                from diplograph.ontology.lexicon import find_actor
            except ImportError:  # pragma: no cover - the lexicon ships with the package
                find_actor = None
            entry = find_actor(text) if find_actor and text else None
            if entry is not None:
                found = [URIRef(entry.id)]
            elif re.fullmatch(r"[a-z0-9_]+", text):
                found = [ACTOR[text]]
        return found

    def _resolve_documents(self, doc: str) -> list[URIRef]:
        text = doc.strip()
        if not text:
            return []
        return [URIRef(row[0]) for row in self._select(queries.documents_named_query(text))]

    def counts(self) -> Counts:
        """Documents, statements, actors named in documents, and quads over all named graphs."""

        def count(sparql: str) -> int:
            rows = self._select(sparql)
            return int(rows[0][0]) if rows and rows[0][0] is not None else 0

        return Counts(
            documents=count(queries.COUNT_DOCUMENTS),
            statements=count(queries.COUNT_STATEMENTS),
            actors=count(queries.COUNT_ACTORS),
            triples=count(queries.COUNT_TRIPLES),
        )

    def export(self, fmt: str, out: Path | BinaryIO, *, view: str = "actors") -> None:
        """Write the `view` network (gexf, graphml, csv) or the whole store (ttl, nq, trig, jsonld)."""
        from .export import export

        with self._read_lock:
            export(self, fmt, out, view=view)

    def validate(self) -> Any:
        """SHACL validation of the whole store against ontology/shapes.ttl (see graph/validate.py)."""
        from .validate import validate

        return validate(self)


def open_store(uri: str = DEFAULT_STORE) -> GraphStore:
    """Open `memory`, `oxigraph:PATH` or `sparql:QUERY_URL[;UPDATE_URL]` and make sure the ontology is loaded."""
    backend = open_backend(uri)
    store = GraphStore(backend, uri=backend.uri)
    try:
        store.ensure_ontology()
    except Exception:
        store.close()
        raise
    return store


_HOLDER_PREDICATES = frozenset({URIRef("https://w3id.org/diplograph/ontology#speaker"),
                                URIRef("https://w3id.org/diplograph/ontology#holder")})


def _same_source(a: Extraction, b: Extraction) -> bool:
    """Whether two extractions are versions of one document: the same file name, or the same URL."""
    return a.document.name == b.document.name or bool(a.document.url and a.document.url == b.document.url)


def _plain_term(value: Any) -> Any:
    from rdflib import XSD

    if isinstance(value, Literal) and value.datatype == XSD.string and value.language is None:
        return Literal(str(value))
    return value


def _plain_row(row: Any) -> Any:
    from rdflib.query import ResultRow

    if isinstance(row, ResultRow):
        from rdflib import Variable

        names = sorted(row.labels, key=row.labels.get)
        return ResultRow({Variable(n): _plain_term(row[n]) for n in names if row[n] is not None},
                         [Variable(n) for n in names])
    return row


def _topic_iri(topic: str) -> URIRef:
    text = topic.strip()
    if text.startswith(str(TOPIC)):
        return URIRef(text)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise QueryError(f"not a topic key: {topic!r} (topic keys look like 'ceasefire' or 'air_defense')")
    return TOPIC[text]


def _is_iri(text: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", text))


def _calls_service(sparql: str) -> bool:
    """Whether a query uses SERVICE as a keyword (and not just in a string or an IRI)."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(sparql)
    except Exception:
        return False  # the store's own parser will report the syntax error
    return "ServiceGraphPattern" in repr(parsed)


def _query_message(error: Exception) -> str:
    name = type(error).__name__
    if name in {"ParseException", "ParseSyntaxException", "ParseBaseException"}:
        return f"SPARQL syntax error: {error}"
    return f"SPARQL query failed: {error}"


__all__ = [
    "AddResult", "ActorProfile", "ActorRow", "Counts", "DocumentRow", "GraphStore", "PositionRow", "QueryError",
    "RecordError", "StatementRow", "StoreError", "TopicRow", "open_store", "DEFAULT_STORE",
]
