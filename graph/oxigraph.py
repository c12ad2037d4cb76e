"""The embedded Oxigraph store: bulk writes of quads and native SPARQL, without rdflib in the hot path.

Writes send one SPARQL request per batch (INSERT DATA plus the position updates), one transaction:
bulk `Store.extend` would skip the parse, but it is a transaction of its own, and a kill between it and
the position updates left documents without positions for good (at ingest batch sizes both cost about
the same, the index writes dominate: bench/out/ingest.md). Reads run `Store.query` in Rust and turn
the solutions into light rows (`row.name`, `row[0]`, `row["name"]`) of rdflib terms, skipping rdflib's
Result machinery; plain strings come back as plain literals, as on the other stores.
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from .errors import StoreError
from .faults import fault_point
from .rows import rows_of

Quad = tuple[Node, Node, Node, URIRef]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NAMESPACES: dict[str, str] = {}  # filled on first use from queries.NAMESPACES (import cycle otherwise)


class OxigraphBackend:
    """A persistent Oxigraph store in a directory; queries and updates run natively in pyoxigraph."""

    typed_strings = True  # rdflib Results from `query` carry "x"^^xsd:string; `select` rows do not
    needs_read_lock = False

    def __init__(self, location: str) -> None:
        if not location.strip():
            raise StoreError("oxigraph: needs a directory, e.g. oxigraph:./data/graph")
        from oxrdflib import OxigraphStore

        path = Path(location).expanduser()
        if path.exists() and not path.is_dir():
            raise StoreError(f"cannot open the store at {path}: it is a file, not a directory")
        self.path = path
        self.read_only = False  # True when another process (`diplograph serve`) holds the store
        try:
            path.mkdir(parents=True, exist_ok=True)
            self.native = ox.Store(str(path))
        except OSError as error:
            if "lock" not in str(error).lower():
                raise StoreError(f"cannot open the store at {path}: {error}") from error
            self.native = self._open_read_only(path)
            self.read_only = True
        self.uri = f"oxigraph:{location}"
        # rdflib's view of the same store, for hand-written SPARQL whose results callers want as rdflib
        # Results (the API's /sparql); oxrdflib still evaluates those natively.
        self.dataset = Dataset(store=OxigraphStore(store=self.native), default_union=True)
        self._terms = TermCache()

    @staticmethod
    def _open_read_only(path: Path) -> ox.Store:
        """The store another process holds, opened read-only: RocksDB reads its files and write-ahead
        log without the lock, so a command sees the data as it was when it opened the store."""
        try:
            store = ox.Store.read_only(str(path))
        except OSError as error:
            raise StoreError(f"the store at {path} is in use by another process and cannot be read: {error}") from error
        return store

    def refuse_writes(self) -> None:
        """Raise the one-line advice a write gets while another process holds the store."""
        if self.read_only:
            raise StoreError(read_only_advice(self.path))

    @classmethod
    def in_memory(cls, nquads: bytes) -> OxigraphBackend:
        """A backend over an in-memory store loaded from N-Quads (a snapshot, for exports in a worker)."""
        native = ox.Store()
        native.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        return cls._over(native, "oxigraph:(in memory)")

    @classmethod
    def checkpoint(cls, path: str) -> OxigraphBackend:
        """A read-only backend over a checkpoint of a store (a snapshot on disk, for exports in a worker)."""
        backend = cls._over(ox.Store.read_only(path), f"oxigraph:{path}")
        backend.read_only, backend.path = True, Path(path)
        return backend

    @classmethod
    def _over(cls, native: ox.Store, uri: str) -> OxigraphBackend:
        from oxrdflib import OxigraphStore

        backend = cls.__new__(cls)
        backend.native = native
        backend.uri = uri
        backend.dataset = Dataset(store=OxigraphStore(store=backend.native), default_union=True)
        backend._terms = TermCache()
        return backend

    def query(self, sparql: str) -> Result:
        return self.dataset.query(sparql)

    def select(self, sparql: str) -> list[Any]:
        """Rows of a SELECT evaluated by Oxigraph over the union of all named graphs."""
        solutions = self.native.query(sparql, use_default_graph_as_union=True, prefixes=namespaces())
        return rows_of([v.value for v in solutions.variables],
                       ([self._terms.rdf(value) for value in solution] for solution in solutions))

    def update(self, sparql: str) -> None:
        from .backends import PREFIX_LINES

        self.refuse_writes()
        self.native.update(sparql if sparql.lstrip().upper().startswith("PREFIX") else PREFIX_LINES + sparql)

    def write(self, *, drop_graphs: Sequence[URIRef] = (), delete: Sequence[Quad] = (),
              insert: Sequence[Quad] = (), updates: Sequence[str] = ()) -> None:
        """Everything in ONE SPARQL request, which Oxigraph applies as one transaction: new documents
        and the positions derived from them are stored together or not at all, so a kill at any
        moment never leaves documents without their positions (tests/graph/test_graph_crash.py)."""
        from .backends import update_text

        self.refuse_writes()
        fault_point("before-write")
        try:
            self.native.update(update_text(drop_graphs, delete, insert, updates))
        except (OSError, SyntaxError, ValueError) as error:
            raise StoreError(f"could not write to {self.uri}: {error}") from error
        fault_point("write")

    def present(self, quads: Iterable[Quad]) -> int:
        """How many of `quads` (distinct) the store holds: a write's growth of a large graph is told from
        the quads it writes, without counting the graph (graph/index_sync.py `count_growth`)."""
        native = self.native
        return sum(1 for quad in self._terms.quads(set(quads)) if quad in native)

    def quads(self) -> Iterator[Quad]:
        for quad in self.native:
            graph = quad.graph_name
            name = DATASET_DEFAULT_GRAPH_ID if not hasattr(graph, "value") else URIRef(graph.value)
            yield (self._terms.rdf(quad.subject), self._terms.rdf(quad.predicate),  # type: ignore[misc]
                   self._terms.rdf(quad.object), name)

    def close(self) -> None:
        if not self.read_only:
            self.native.flush()
        self.dataset.close()
        del self.native
        gc.collect()  # the Oxigraph store holds its directory lock until it is garbage collected


def read_only_advice(path: Path) -> str:
    """What to do when a write meets a store another process holds (one line)."""
    return (f"the store at {path} is held by another process (`diplograph serve`?) and is open read-only here: "
            "stop that process and run this again, or add articles through the running API (POST /documents)")


class TermCache:
    """rdflib ⇄ pyoxigraph terms; IRIs repeat a lot (predicates, classes, actors), so they are cached."""

    def __init__(self, size: int = 200_000) -> None:
        self._to_ox: dict[str, ox.NamedNode] = {}
        self._to_rdf: dict[str, URIRef] = {}
        self._literals: dict[tuple[str, str], Literal] = {}
        self._size = size

    def iri(self, value: str) -> ox.NamedNode:
        node = self._to_ox.get(value)
        if node is None:
            if len(self._to_ox) > self._size:
                self._to_ox.clear()
            node = self._to_ox[value] = ox.NamedNode(value)
        return node

    def ox(self, term: Node) -> Any:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            return ox.Literal(str(term), datatype=self.iri(term.datatype)) if term.datatype else ox.Literal(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        if term == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        raise ValueError(f"not an RDF term: {term!r}")

    def quads(self, quads: Iterable[Quad]) -> Iterator[ox.Quad]:
        convert = self.ox
        for s, p, o, g in quads:
            yield ox.Quad(convert(s), convert(p), convert(o), convert(g))

    def rdf_iri(self, text: str) -> URIRef:
        found = self._to_rdf.get(text)
        if found is None:
            if len(self._to_rdf) > self._size:
                self._to_rdf.clear()
            found = self._to_rdf[text] = URIRef(text)
        return found

    def rdf(self, value: Any) -> Any:
        """An Oxigraph term as an rdflib term (None stays None); xsd:string literals come back plain."""
        if value is None:
            return None
        if isinstance(value, ox.NamedNode):
            return self.rdf_iri(value.value)
        if isinstance(value, ox.Literal):
            datatype = value.datatype.value
            if datatype == XSD_STRING:
                return Literal(value.value)
            if datatype == LANG_STRING:
                return Literal(value.value, lang=value.language)
            key = (value.value, datatype)  # counts, dates, booleans repeat: rdflib's Literal parses each
            literal = self._literals.get(key)
            if literal is None:
                if len(self._literals) > self._size:
                    self._literals.clear()
                literal = self._literals[key] = Literal(value.value, datatype=self.rdf_iri(datatype))
            return literal
        if isinstance(value, ox.BlankNode):
            return BNode(value.value)
        raise ValueError(f"unexpected Oxigraph term: {value!r}")


def namespaces() -> dict[str, str]:
    if not _NAMESPACES:
        from .queries import NAMESPACES

        _NAMESPACES.update(NAMESPACES)
    return _NAMESPACES
