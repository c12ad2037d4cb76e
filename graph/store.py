"""Open a graph store from a URI and read and write diplograph's RDF in it.

`memory` is an rdflib Dataset that lives as long as the process; `oxigraph:PATH` is an Oxigraph
store on disk (queries and updates run natively); `sparql:QUERY_URL[;UPDATE_URL]` is a remote SPARQL
1.1 server. All are queried with the union of all named graphs as the default graph, so a query sees
statements (document graphs), actor labels (actors graph), topic hierarchy (ontology graph) and
positions (positions graph) together. Writes (graph/writes.py) go through one `Backend.write` per
batch of documents; a document is either fully stored or not at all.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import replace
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Dataset, URIRef
from rdflib.query import Result

from diplograph.extract.records import EVENT_STATUSES
from diplograph.ontology.terms import ACTOR

from . import index_sync, lookups, queries
from .backends import Quad, open_backend
from .errors import AmbiguousReference, DocumentRef, QueryError, RecordError, StoreError
from .lookups import ActorProfile, ActorRow, DocumentRow, DocumentText, PositionRow, ShiftRow, TopicRow
from .position_index import EvidencePage, PositionIndex, PositionPage
from .position_rows import PositionCell, newest, position_cells, position_holder_query
from .results import AddResult, Counts, StatementRow, plain_strings
from .rows import plain_term
from .statement_index import CHANGED
from .statements import check_filters, find_statements, statements_by_iri, topic_family_query, topic_iri
from .writes import BATCH_QUADS, WritePath  # noqa: F401 - BATCH_QUADS is part of the store's API

DEFAULT_STORE = "oxigraph:./data/graph"


class GraphStore(WritePath):
    """A diplograph graph: named graphs for the ontology, the actors, the positions and each document.
    Reads are defined here; writes (add, add_many, remove, merge_actors) in graph/writes.py."""

    def __init__(self, backend: Any, *, uri: str) -> None:
        self.uri = uri
        self._backend: Any = backend
        self._lock = threading.RLock()
        self._described_actors: set[str] | None = None
        self._merged: dict[str, str] | None = None
        self.generation = 0  # bumped by every write
        self._families: dict[tuple[int, str], list[URIRef]] = {}
        self._resolved: dict[tuple[int, str], list[URIRef]] = {}
        self.views: dict[tuple[str, int], Any] = {}  # derived views (the paths network) of a generation
        # Only a local store knows every write; a remote server can be written by others.
        self.caches_views = backend.__class__.__name__ != "RemoteBackend"
        if backend.__class__.__name__ != "RemoteBackend":
            for prefix, namespace in queries.NAMESPACES.items():
                backend.dataset.bind(prefix, namespace, override=True, replace=True)
        # Oxigraph hands back plain strings as "x"^^xsd:string: the same RDF 1.1 literal, shown
        # differently. Results are normalised so that every store answers alike.
        self._typed_strings = backend.typed_strings
        self._read_lock: AbstractContextManager[Any] = self._lock if backend.needs_read_lock else nullcontext()
        # The statements index (graph/statement_index.py): derived data kept beside the store.
        self.index = index_sync.open_index(backend)

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def backend(self) -> Any:
        if self._backend is None:
            raise StoreError(f"the store {self.uri} is closed")
        return self._backend

    @property
    def read_only(self) -> bool:
        """True when the store is open for reading only (another process holds an embedded store)."""
        return bool(getattr(self.backend, "read_only", False))

    def refuse_writes(self) -> None:
        """StoreError with what to do, before a command does any work it could not store."""
        if self.read_only:
            self.backend.refuse_writes()

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
            if self.index is not None:
                self.index.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _written(self) -> None:
        """Every write bumps the generation, so views cached per generation (networks) are rebuilt."""
        self.generation += 1

    def changed(self, *, behind_its_back: bool = True, update: str | None = None,
                touched: set[str] | None = None) -> None:
        """Tell the store its data changed: cached views are dropped. `behind_its_back` (a SPARQL update
        run on the backend directly) also brings the statements index in step: the documents of the
        graphs it changed are re-read, `touched` when the caller found them before applying it
        (graph/update_scope.py), else those its text `update` names; when they cannot be known (or are
        not documents' graphs) the index is marked and the next lookup rebuilds it. A write made through
        the store's own write path has kept the index in step already, and a rebuild would cost a read
        of every statement (seconds to minutes on a large store)."""
        from .update_scope import graphs_written

        with self._lock:
            self._described_actors = None
            self._merged = None
            self._written()
            if behind_its_back and self.index is not None and not self.index.read_only:
                graphs = touched if touched is not None else graphs_written(update) if update is not None else None
                if graphs is None or not index_sync.follow_update(self, graphs):
                    self.index.mark_dirty(CHANGED)

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
            raise QueryError(f"SPARQL syntax error: {syntax_message(str(error))}") from error
        except Exception as error:  # rdflib's parser (pyparsing) and evaluation errors
            raise QueryError(_query_message(error)) from error

    def _select(self, sparql: str) -> list[Any]:
        """Rows of a canned SELECT (attribute, index or name access; plain strings on every store)."""
        with self._read_lock:
            return self.backend.select(sparql)

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
        name, IRI or hash prefix), statement dates (ISO, inclusive) and words of the quote or sentence.
        Answered by the statements index when the store keeps one, else by SPARQL (a remote store)."""
        check_filters(stance=stance, kind=kind, limit=limit, offset=offset, date_from=date_from, date_to=date_to,
                      order=order)
        index = index_sync.usable(self)
        if index is None:
            return find_statements(self, speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc,
                                   limit=limit, date_from=date_from, date_to=date_to, text=text, offset=offset,
                                   order=order)
        topic_key = str(topic_iri(topic)) if topic is not None else None
        speakers = [str(a) for a in self.resolve_actors(speaker)] if speaker is not None else None
        try:
            docs = index.documents_named(doc) if doc is not None else None
            if speakers == [] or docs == []:
                return []
            return index.lookup(speakers=speakers, topic=topic_key, stance=stance, kind=kind, docs=docs,
                                date_from=date_from, date_to=date_to, text=text or None, order=order, offset=offset,
                                limit=limit)
        except sqlite3.DatabaseError as error:  # a damaged file: rebuilt, and this answer comes from SPARQL
            index_sync.damaged(self, error)
            return find_statements(self, speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc,
                                   limit=limit, date_from=date_from, date_to=date_to, text=text, offset=offset,
                                   order=order)

    def statements_by_iri(self, iris: list[str]) -> list[StatementRow]:
        """The statements named by these IRIs (the evidence of positions and network edges)."""
        return statements_by_iri(self, iris)

    def _topic_family(self, topic: URIRef) -> list[URIRef]:
        """A topic and its narrower topics (the ontology changes only with ensure_ontology: cached)."""
        key = (self.generation, str(topic))
        if key not in self._families:
            self._families = {k: v for k, v in self._families.items() if k[0] == self.generation}
            self._families[key] = [topic] + [URIRef(r[0]) for r in self._select(topic_family_query(topic))]
        return self._families[key]

    def positions(self, *, actor: str | None = None, topic: str | None = None, claimed: bool | None = None,
                  offset: int = 0, limit: int | None = None, evidence: int | None = None) -> list[PositionRow]:
        """Position summaries (holder × topic × reporter): current stance, stance counts in utterances,
        dates, shifts and evidence rows; `claimed` False keeps the actors' own words, True only what
        others claim they hold. `offset`/`limit` page them, `evidence` bounds each one's reports."""
        return list(self.position_page(actor=actor, topic=topic, claimed=claimed, offset=offset, limit=limit,
                                       evidence=evidence).rows)

    def position_page(self, *, actor: str | None = None, topic: str | None = None, claimed: bool | None = None,
                      offset: int = 0, limit: int | None = None, evidence: int | None = None,
                      ranked: bool = False) -> PositionPage:
        """One page of `positions` and how many match in all. Answered by the index (graph/position_index.py)
        when the store keeps one: the cost grows with the page; else read whole in SPARQL and cut.
        `ranked`: the most evidenced first (count, topic), as a profile shows them."""
        holders = [str(a) for a in self.resolve_actors(actor)] if actor is not None else None
        if holders == []:
            return PositionPage(rows=(), total=0)
        index = index_sync.usable(self)
        if index is not None:
            try:
                return PositionIndex(index).page(holders=holders, topic=str(topic_iri(topic)) if topic else None,
                                                 claimed=claimed, offset=offset, limit=limit, evidence=evidence,
                                                 ranked=ranked)
            except sqlite3.DatabaseError as error:  # a damaged file: rebuilt, and this answer comes from SPARQL
                index_sync.damaged(self, error)
        topics = self._topic_family(topic_iri(topic)) if topic is not None else None
        rows = lookups.positions(self._select, holders=[URIRef(h) for h in holders] if holders else None,
                                 topics=topics, claimed=claimed)
        if ranked:
            rows = sorted(rows, key=lambda p: (-p.count, p.topic))
        cut = rows[offset:offset + limit] if limit is not None else rows[offset:]
        if evidence is not None:
            cut = [replace(p, evidence=newest(p.evidence, evidence)) for p in cut]
        return PositionPage(rows=tuple(cut), total=len(rows))

    def position_evidence(self, position: str, *, offset: int = 0, limit: int | None = None) -> EvidencePage | None:
        """One position's reports, `limit` of them ending `offset` before the newest, in date order, with its
        report count (None: no such position): how a client pages back through the evidence that a page of
        positions cuts to the newest few. An index read; else the position read in SPARQL and cut. QueryError
        when `position` is not an IRI."""
        queries.term(URIRef(position))  # refuses what is not an IRI, on either path
        index = index_sync.usable(self)
        if index is not None:
            try:
                return PositionIndex(index).evidence(position, offset=offset, limit=limit)
            except sqlite3.DatabaseError as error:
                index_sync.damaged(self, error)
        holders = [URIRef(str(r[0])) for r in self._select(position_holder_query(position))]
        found = [p for p in lookups.positions(self._select, holders=holders) if p.iri == position] if holders else []
        if not found:
            return None
        return EvidencePage(rows=newest(found[0].evidence, limit, offset), total=len(found[0].evidence))

    def position_cells(self, *, topic: str | None = None, claimed: bool | None = None) -> list[PositionCell]:
        """The positions as matrix cells (holder × topic × stance with its count, reporters summed), on
        `topic` and its narrower topics when given: the summaries without their evidence."""
        index = index_sync.usable(self)
        if index is not None:
            try:
                return PositionIndex(index).cells(topic=str(topic_iri(topic)) if topic is not None else None,
                                                  claimed=claimed)
            except sqlite3.DatabaseError as error:
                index_sync.damaged(self, error)
        topics = self._topic_family(topic_iri(topic)) if topic is not None else None
        return position_cells(self._select, topics=topics, claimed=claimed)

    def events(self, *, actor: str | None = None, status: str | None = None,
               kind: str | None = None) -> list[lookups.EventRow]:
        """Meetings, visits, calls and summits, all or those `actor` (name, alias or IRI) takes part in;
        `status` (held, planned, cancelled) and `kind` (meeting, visit, call, summit) narrow them."""
        if status is not None and status not in EVENT_STATUSES:
            raise QueryError(f"status must be one of {', '.join(EVENT_STATUSES)}, not {status!r}")
        participants = self.resolve_actors(actor) if actor is not None else None
        if participants == []:
            return []
        return lookups.events(self._select, participants=participants, status=status, kind=kind)

    def shifts(self, *, actor: str | None = None, topic: str | None = None, since: str | None = None,
               claimed: bool | None = False) -> list[ShiftRow]:
        """Changes of stance, newest first, with the statements on either side; `since` (ISO date,
        inclusive) keeps the recent ones; `claimed` None adds the shifts of what others claim."""
        if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
            raise QueryError(f"since must be an ISO date (YYYY-MM-DD), not {since!r}")
        holders = self.resolve_actors(actor) if actor is not None else None
        if holders == []:
            return []
        topics = self._topic_family(topic_iri(topic)) if topic is not None else None
        return lookups.shifts(self._select, holders=holders, topics=topics, since=since, claimed=claimed)

    def actors(self, *, query: str | None = None, limit: int | None = None,
               mentioned_only: bool = False) -> list[ActorRow]:
        """Actors (gazetteer and found in text), most quoted first; `query` matches any of their names."""
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
        return lookups.actors(self._select, query=query, limit=limit, mentioned_only=mentioned_only)

    def actor(self, ref: str, *, statements_limit: int | None = None, statements_offset: int = 0,
              positions_limit: int | None = None, evidence_limit: int | None = None) -> ActorProfile | None:
        """One actor by name, alias or IRI, with roles, statements (a page of the newest:
        `statements_limit` from `statements_offset`, when given; else all), its positions and what others
        claim (the most evidenced first: `positions_limit` of each, `evidence_limit` reports each; totals
        counted in full). With the index every part is an index read; else SPARQL."""
        found = self.resolve_actors(ref)
        if not found:
            return None
        iri = found[0]
        index = index_sync.usable(self)
        kept = None
        if index is not None:
            try:
                kept = PositionIndex(index).actor(str(iri))
                if kept is None:
                    return None
            except sqlite3.DatabaseError as error:
                index_sync.damaged(self, error)
        if kept is None:
            rows = lookups.actors(self._select, ids=[iri])
            if not rows:
                return None
            kept = (rows[0], *lookups.roles_and_merges(self._select, URIRef(rows[0].id)))
        row, roles, merged = kept
        bounds = {"limit": positions_limit, "evidence": evidence_limit, "ranked": True}
        own = self.position_page(actor=row.id, claimed=False, **bounds)
        claims = self.position_page(actor=row.id, claimed=True, **bounds)
        return ActorProfile(actor=row, roles=roles, merged_from=merged,
                            statements=tuple(self.statements(speaker=row.id, limit=statements_limit,
                                                             offset=statements_offset if statements_limit is not None else 0,
                                                             order="doc" if statements_limit is None else "-date")),
                            positions=own.rows, claimed_positions=claims.rows,
                            positions_total=own.total, claimed_positions_total=claims.total)

    def topics(self) -> list[TopicRow]:
        """Every topic of the scheme with its broader and narrower topics and its statement count."""
        return lookups.topics(self._select)

    def undated_documents(self) -> int:
        """How many stored articles have no publication date: a date filter leaves them out, and says so."""
        return lookups.undated_documents(self._select)

    def documents(self) -> list[DocumentRow]:
        """Every stored document with its metadata, provenance and statement count."""
        return lookups.documents(self._select)

    def document(self, ref: str) -> DocumentText | None:
        """One stored article by file name, IRI or content-hash prefix: metadata, text, events and
        claims (its statements: `statements(doc=...)`); None when nothing matches."""
        found = self._resolve_documents(ref)
        rows = lookups.documents(self._select, ids=found[:1]) if found else []
        if not rows:
            return None
        return lookups.document_text(self._select, URIRef(rows[0].iri), rows[0])

    def quads(self) -> Iterable[Quad]:
        """Every quad of the store (for exports and validation), strings normalised."""
        for s, p, o, g in self.backend.quads():
            yield s, p, plain_term(o), g

    def resolve_actors(self, speaker: str) -> list[URIRef]:
        """The actors a name, alias (any case), descriptor or IRI designates; [] when none (remembered
        until the next write: paging through one speaker's statements asks the same name again)."""
        key = (self.generation, speaker)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) > 1000 or any(k[0] != self.generation for k in list(self._resolved)[:1]):
                self._resolved.clear()
            found = self._resolved[key] = self._resolve_actors(speaker)
        return list(found)

    def _resolve_actors(self, speaker: str) -> list[URIRef]:
        text = speaker.strip()
        if re.match(r"^https?://", text):
            return [URIRef(text)] if _is_iri(text) else []
        found = [URIRef(a) for a in self._actors_named(text)]
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

    def _actors_named(self, text: str) -> list[str]:
        """Actor IRIs one of whose labels is `text` (any case): from the index's names table, else SPARQL."""
        index = index_sync.usable(self)
        if index is not None:
            try:
                return PositionIndex(index).actors_named(text)
            except sqlite3.DatabaseError as error:
                index_sync.damaged(self, error)
        return [str(row[0]) for row in self._select(queries.actors_named_query(text))]

    def counts(self) -> Counts:
        """Documents, statements, actors named in documents, and quads over all named graphs: kept by
        the statements index on every write (no counting), else counted in SPARQL."""
        index = index_sync.usable(self)
        if index is not None:
            try:
                return index.counts()
            except sqlite3.DatabaseError as error:
                index_sync.damaged(self, error)
        return self.counted()

    def counted(self) -> Counts:
        """The counts of `counts`, counted now in SPARQL (every triple is read: slow on a large store)."""

        def count(sparql: str) -> int:
            rows = self._select(sparql)
            return int(rows[0][0]) if rows and rows[0][0] is not None else 0

        return Counts(
            documents=count(queries.COUNT_DOCUMENTS),
            statements=count(queries.COUNT_STATEMENTS),
            actors=count(queries.COUNT_ACTORS),
            triples=count(queries.COUNT_TRIPLES),
        )

    def export(self, fmt: str, out: Path | BinaryIO, *, view: str = "actors") -> str:
        """Write the `view` network (gexf, graphml, csv) or the whole store (ttl, nq, trig, jsonld);
        returns what was written (nodes and edges, triples, or quads and graphs)."""
        from .export import export

        with self._read_lock:
            return export(self, fmt, out, view=view)

    def validate(self) -> Any:
        """SHACL validation of the whole store against ontology/shapes.ttl (see graph/validate.py)."""
        from .validate import validate

        return validate(self)


def open_store(uri: str = DEFAULT_STORE) -> GraphStore:
    """Open `memory`, `oxigraph:PATH` or `sparql:QUERY_URL[;UPDATE_URL]` and make sure the ontology is loaded."""
    backend = open_backend(uri)
    store = GraphStore(backend, uri=backend.uri)
    if store.read_only:  # the process holding the store keeps its ontology up to date
        return store
    try:
        store.ensure_ontology()
        index_sync.ensure(store)  # a missing, stale or damaged index is rebuilt now, with a line on stderr
    except Exception:
        store.close()
        raise
    return store


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


def syntax_message(message: str) -> str:
    """Oxigraph's parser message made one readable line: its grammar's character classes (several lines
    of Unicode ranges after an unknown prefix) are left out, the position and the expected words kept."""
    if "Prefix not found" in message:
        position = re.match(r"error at \d+:\d+", message)
        where = f"{position.group(0)}: " if position else ""
        return f"{where}unknown prefix (declare it with PREFIX, or use a predeclared one such as dg:, skos:, schema:)"
    line = " ".join(message.split())
    line = re.sub(r",?\s*\[[^\]]*\]", "", line)  # character classes such as ['A' ..= 'Z'] and [_]
    return line if len(line) <= 200 else line[:197] + "..."


def _query_message(error: Exception) -> str:
    name = type(error).__name__
    if name in {"ParseException", "ParseSyntaxException", "ParseBaseException"}:
        return f"SPARQL syntax error: {error}"
    return f"SPARQL query failed: {error}"


__all__ = [
    "AddResult", "ActorProfile", "AmbiguousReference", "DocumentRef", "ActorRow", "Counts", "DocumentRow", "GraphStore", "PositionRow", "QueryError", "ShiftRow",
    "RecordError", "StatementRow", "StoreError", "TopicRow", "open_store", "DEFAULT_STORE",
]
