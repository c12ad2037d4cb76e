"""Open a graph store from a URI and read and write diplograph's RDF in it.

`memory` is an rdflib Dataset that lives as long as the process; `oxigraph:PATH` is an rdflib Dataset
over oxrdflib's Oxigraph store, persistent on disk. Both are queried with the union of all named
graphs as the default graph, so a query sees statements (document graphs), actor labels (actors graph)
and topic hierarchy (ontology graph) together.
"""
from __future__ import annotations

import gc
import re
import threading
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, BinaryIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import Result

from diplograph.extract.records import KINDS, STANCES, Extraction
from diplograph.ontology.terms import ACTOR, STANCE, TOPIC

from . import queries
from .build import ACTORS_GRAPH, build_document, document_iri
from .errors import QueryError, RecordError, StoreError
from .ontology import OntologyFiles, ontology_sources
from .results import AddResult, Counts, StatementRow, plain_strings, statement_row

DEFAULT_STORE = "oxigraph:./data/graph"


class GraphStore:
    """A diplograph graph: named graphs for the ontology, the actors and each document."""

    def __init__(self, dataset: Dataset, *, uri: str) -> None:
        self.uri = uri
        self._dataset: Dataset | None = dataset
        self._lock = threading.RLock()
        self._described_actors: set[str] | None = None
        for prefix, namespace in queries.NAMESPACES.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        # Oxigraph hands back plain strings as "x"^^xsd:string: the same RDF 1.1 literal, shown
        # differently. Results are normalised so that both stores answer alike.
        self._typed_strings = type(dataset.store).__name__ == "OxigraphStore"
        # rdflib's memory store is not safe to read while another thread writes; Oxigraph is.
        self._read_lock: AbstractContextManager[Any] = nullcontext() if self._typed_strings else self._lock

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """The underlying rdflib Dataset (for exports and tests); StoreError once closed."""
        if self._dataset is None:
            raise StoreError(f"the store {self.uri} is closed")
        return self._dataset

    def close(self) -> None:
        """Flush and release the store (an on-disk store's lock is released, so it can be reopened)."""
        with self._lock:
            if self._dataset is None:
                return
            inner = getattr(self._dataset.store, "_store", None)
            if inner is not None and hasattr(inner, "flush"):
                inner.flush()
            self._dataset.close()
            self._dataset = None
            gc.collect()  # the Oxigraph store holds its directory lock until it is garbage collected

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def ensure_ontology(self) -> None:
        """Load the ontology's Turtle files into GRAPH["ontology"] and actors.ttl into GRAPH["actors"],
        unless the same files are loaded already. A changed ontology file replaces the ontology graph;
        a changed actors.ttl is added to the actors graph, keeping the actors found in text."""
        with self._lock:
            for source in ontology_sources():
                stored = [str(row[0]) for row in self._select(queries.graph_hash_query(source.graph))]
                if stored == [source.content_hash]:
                    continue
                self._load(source, replace=source.replace_on_change, old_hashes=stored)
            self._described_actors = None

    def _load(self, source: OntologyFiles, *, replace: bool, old_hashes: list[str]) -> None:
        store = self.dataset.store
        graph = Graph(store=store, identifier=source.graph)
        if replace:
            self.dataset.remove_graph(graph)
        else:
            for old in old_hashes:
                store.remove((source.graph, source.hash_predicate, Literal(old)), graph)
        quads = [(s, p, o, graph) for s, p, o in source.triples]
        quads.append((source.graph, source.hash_predicate, Literal(source.content_hash), graph))
        store.addN(quads)

    def add(self, extraction: Extraction) -> AddResult:
        """Write one document's graph and its new actors in one go; the same text twice changes nothing."""
        with self._lock:
            content_hash = extraction.document.content_hash
            if self.dataset.query(queries.document_exists_query(content_hash)).askAnswer:
                return AddResult(doc_iri=str(document_iri(content_hash)), changed=False, triples=0)
            built = build_document(extraction, known_actors=self._known_actor_iris())
            store = self.dataset.store
            doc_graph = Graph(store=store, identifier=built.graph_iri)
            actors_graph = Graph(store=store, identifier=ACTORS_GRAPH)
            quads = [(s, p, o, doc_graph) for s, p, o in built.triples]
            quads += [(s, p, o, actors_graph) for s, p, o in built.actor_triples]
            try:
                store.addN(quads)  # Oxigraph: one transaction, all or nothing
            except (OSError, ValueError) as error:
                raise StoreError(f"could not write {extraction.document.name!r} to {self.uri}: {error}") from error
            self._known_actor_iris().update(str(s) for s, _, _ in built.actor_triples)
            return AddResult(doc_iri=str(built.doc_iri), changed=True, triples=len(built))

    def _known_actor_iris(self) -> set[str]:
        if self._described_actors is None:
            self._described_actors = {str(row[0]) for row in self._select(queries.DESCRIBED_ACTORS)}
        return self._described_actors

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
                result = self.dataset.query(sparql)
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
            return list(self.dataset.query(sparql))

    def statements(
        self,
        *,
        speaker: str | None = None,
        topic: str | None = None,
        stance: str | None = None,
        kind: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[StatementRow]:
        """Statements in document order, filtered by speaker (name, alias or IRI), topic (narrower
        topics included), stance, kind and document (file name, IRI or hash prefix)."""
        if stance is not None and stance not in STANCES:
            raise QueryError(f"unknown stance {stance!r}: expected one of {', '.join(STANCES)}")
        if kind is not None and kind not in KINDS:
            raise QueryError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
        if limit is not None and (not isinstance(limit, int) or limit < 0):
            raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
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
        )
        return [statement_row(row) for row in self._select(sparql)]

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
        """Write the store as gexf (the `view` network) or as ttl, nq, trig or jsonld (the whole store)."""
        from .export import export

        with self._read_lock:
            export(self, fmt, out, view=view)


def open_store(uri: str = DEFAULT_STORE) -> GraphStore:
    """Open `memory` or `oxigraph:PATH` and make sure the ontology is loaded in it."""
    text = (uri or "").strip()
    if text == "memory":
        store = GraphStore(Dataset(default_union=True), uri="memory")
    elif text.startswith("oxigraph:"):
        store = GraphStore(_oxigraph_dataset(text[len("oxigraph:"):]), uri=text)
    else:
        raise StoreError(
            f"unknown store URI {uri!r}: use 'memory' or 'oxigraph:PATH' (e.g. oxigraph:./data/graph)"
        )
    try:
        store.ensure_ontology()
    except Exception:
        store.close()
        raise
    return store


def _oxigraph_dataset(location: str) -> Dataset:
    """An rdflib Dataset over an Oxigraph store in directory `location`, created if missing."""
    if not location.strip():
        raise StoreError("oxigraph: needs a directory, e.g. oxigraph:./data/graph")
    import pyoxigraph
    from oxrdflib import OxigraphStore

    path = Path(location).expanduser()
    if path.exists() and not path.is_dir():
        raise StoreError(f"cannot open the store at {path}: it is a file, not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
        inner = pyoxigraph.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path} is in use by another process (is `diplograph serve` running?)"
            ) from error
        raise StoreError(f"cannot open the store at {path}: {error}") from error
    return Dataset(store=OxigraphStore(store=inner), default_union=True)


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
    "AddResult", "Counts", "GraphStore", "QueryError", "RecordError", "StatementRow", "StoreError",
    "open_store", "DEFAULT_STORE",
]
