"""Keeping the statements index (graph/statement_index.py) in step with the RDF store.

Every write of GraphStore goes through `writing(store, docs)`: the index is marked dirty (committed)
before the RDF write, and after it the documents the write touched are read back from the store and
replaced in the index in one SQLite transaction that also marks it clean. A failed RDF write changes
nothing in the store, and re-reading its documents gives the index what it had; a process killed
between the two leaves the index dirty, and a dirty, missing, damaged or older-schema index is
rebuilt from the store when the store is next opened (`ensure`) or looked up. A SPARQL update made
behind the store's back (the API's /sparql) can touch anything: it marks the index dirty, and the
next lookup rebuilds it whole (seconds per 100k statements; see README "Statements index").
"""
from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from .index_reads import SHARED_GRAPHS, all_documents, graph_sizes, read_documents, topic_ancestors
from .iris import graph_of
from .queries import PREFIXES, term
from .statement_index import StatementIndex, index_path
from .utterances import Lookup, StoredReport, store_lookup

if TYPE_CHECKING:
    from .store import GraphStore


def open_index(backend: Any) -> StatementIndex | None:
    """The index beside a backend: a file in an Oxigraph store's directory, in memory for `memory`,
    none for a remote store (others may write that server: its lookups stay SPARQL)."""
    kind = backend.__class__.__name__
    if kind == "MemoryBackend":
        return StatementIndex(None)
    if kind == "OxigraphBackend" and getattr(backend, "path", None) is not None:
        return StatementIndex(index_path(backend.path), read_only=bool(getattr(backend, "read_only", False)))
    return None


def usable(store: GraphStore) -> StatementIndex | None:
    """The store's index when it can answer, rebuilt first when it is behind (and the store writable)."""
    index = store.index
    if index is None:
        return None
    if index.state() and not index.read_only:
        ensure(store)
    return index if not index.state() else None


def damaged(store: GraphStore, error: Exception) -> None:
    """A lookup met a damaged index file: say so in one line and rebuild it (the caller answers from SPARQL)."""
    index = store.index
    if index is None:
        return
    where = index.where
    if index.read_only:
        print(f"diplograph: the statements index at {where} cannot be read ({error}); answering from the store",
              file=sys.stderr)
        return
    with store._lock:
        statements = rebuild(store)
    print(f"diplograph: the statements index at {where} was damaged ({error}): rebuilt it from the store "
          f"({statements} statements)", file=sys.stderr)


def ensure(store: GraphStore) -> str:
    """Rebuild the index when it is missing, stale, damaged or of an older schema; returns the one-line
    message said about it on stderr ("" when nothing was wrong, or for a new empty store)."""
    index = store.index
    if index is None or index.read_only:
        return ""
    with store._lock:
        reason = index.state()
        if not reason:
            return ""
        statements = rebuild(store)
    if reason.endswith("missing") and statements == 0:
        return ""
    message = f"diplograph: {reason}: rebuilt it from the store ({statements} statements, {index.where})"
    print(message, file=sys.stderr)
    return message


def rebuild(store: GraphStore) -> int:
    """Read every document of the store into a new index; returns the number of statements."""
    index = store.index
    if index is None:
        raise ValueError(f"the store {store.uri} keeps no statements index (a remote store is looked up in SPARQL)")
    with store._lock:
        index.reset()
        ancestors = topic_ancestors(store._select)
        statements = 0
        batch = []
        for document in read_documents(store._select, all_documents(store._select)):
            batch.append(document)
            statements += len(document.statements)
            if len(batch) >= 200:  # one transaction per batch: memory stays bounded
                index.replace([], batch, ancestors=ancestors, graphs={}, finish=False)
                batch = []
        index.replace([], batch, ancestors=ancestors, graphs=_sizes(store, None), finish=True)
        index.checkpoint()
        return statements


def refresh(store: GraphStore, docs: Iterable[URIRef], *, finish: bool = True) -> None:
    """Replace these documents in the index by what the store holds of them now (nothing when removed),
    and recount the shared graphs (ontology, actors, positions) and the documents' graphs."""
    index = store.index
    if index is None:
        return
    wanted = list(dict.fromkeys(docs))
    found = list(read_documents(store._select, wanted)) if wanted else []
    graphs = [*SHARED_GRAPHS, *(graph_of(URIRef(d.iri)) for d in found)]
    index.replace([str(d) for d in wanted], found, ancestors=topic_ancestors(store._select),
                  graphs=_sizes(store, graphs),
                  dropped_graphs=[*map(str, SHARED_GRAPHS), *(str(graph_of(d)) for d in wanted)], finish=finish)


def _sizes(store: GraphStore, graphs: list[URIRef] | None) -> dict[str, int]:
    """Quads per named graph: from the backend when it counts them itself (memory), else in SPARQL."""
    counted = getattr(store.backend, "graph_sizes", None)
    return counted(graphs) if counted is not None else graph_sizes(store._select, graphs)


@contextmanager
def writing(store: GraphStore, docs: Iterable[URIRef] | None = ()) -> Iterator[None]:
    """Around one write to the RDF store touching the documents `docs` (added, replaced, removed or
    rewritten; None: anything, e.g. actor labels or the topic tree): dirty before, these documents
    re-read after (or the whole index rebuilt), clean again, whether the write worked or not."""
    index = store.index
    if index is None or index.read_only:
        yield
        return
    was_clean = not index.state()
    if was_clean:
        index.mark_dirty()
    try:
        yield
    finally:
        try:
            if not was_clean:
                ensure(store)  # it was behind already: rebuilt, and said
            elif docs is None:
                rebuild(store)
            else:
                refresh(store, docs)
        except Exception as error:  # the store is written; the index stays dirty and is rebuilt when next needed
            print(f"diplograph: the statements index could not follow a write ({error}); it will be rebuilt",
                  file=sys.stderr)


def documents_naming(store: GraphStore, actor: URIRef) -> list[URIRef]:
    """Documents whose graph names `actor` (what merging it into another actor rewrites)."""
    a = term(actor)
    rows = store._select(PREFIXES + f"""SELECT DISTINCT ?doc WHERE {{
  GRAPH ?g {{ {{ ?s ?p {a} }} UNION {{ {a} ?p ?o }} }} GRAPH ?g {{ ?doc a dg:Document }} }}""")
    return [URIRef(r[0]) for r in rows]


def check(store: GraphStore, *, most: int = 20) -> list[str]:
    """Where the index and the store differ (one line each, at most `most`); [] when they agree."""
    index = store.index
    if index is None:
        return []
    reason = index.state()
    if reason:
        return [reason]
    problems: list[str] = []
    stored = all_documents(store._select)
    indexed = index.all_documents()
    missing = {str(d) for d in stored} - set(indexed)
    extra = set(indexed) - {str(d) for d in stored}
    problems += [f"document {d} is stored but not indexed" for d in sorted(missing)]
    problems += [f"document {d} is indexed but no longer stored" for d in sorted(extra)]
    for document in read_documents(store._select, stored):
        if document.iri in missing:
            continue
        if indexed[document.iri] != (document.name, document.content_hash):
            problems.append(f"document {document.iri}: name or hash differs")
        have = {r.iri: r for r in index.rows_of(document.iri)}
        want = {item.row.iri: item.row for item in document.statements}
        for iri in sorted(set(have) | set(want)):
            if have.get(iri) != want.get(iri):
                problems.append(f"statement {iri}: " + ("not indexed" if iri not in have else
                                                          "indexed but not stored" if iri not in want else "differs"))
        if index.reports_of(document.iri) != set(document.utterances):
            problems.append(f"document {document.iri}: its reports in the near-duplicate lookup differ")
        if len(problems) >= most:
            break
    counted, kept = store.counted(), index.counts()
    if not problems and counted != kept:
        problems.append(f"counts differ: store {counted.to_json()}, index {kept.to_json()}")
    return problems[:most]


def utterance_lookup(store: GraphStore) -> Lookup:
    """The near-duplicate lookup of an ingest: from the index (one row per quote, so a quote stored a
    thousand times is one candidate) when the store keeps one, else SPARQL over the stored band keys."""
    in_sparql = store_lookup(store._select)

    def lookup(pairs: Sequence[tuple[str, str]]) -> list[StoredReport]:
        index = usable(store)
        if index is None:
            return in_sparql(pairs)
        try:
            return index.stored_reports(pairs)
        except sqlite3.DatabaseError as error:  # a damaged file: rebuilt, and this answer comes from SPARQL
            damaged(store, error)
            return in_sparql(pairs)

    return lookup
