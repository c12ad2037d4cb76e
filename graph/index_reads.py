"""What the statements index copies from the RDF store: the rows of some documents, graph sizes, topics.

Everything here is read with the store's own SPARQL (the same `statements_query` GraphStore's SPARQL
lookup uses), so the index holds exactly what that lookup would answer; graph/statement_index.py
stores it and graph/index_sync.py decides when to read it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from .iris import ACTORS_GRAPH, ONTOLOGY_GRAPH, graph_of
from .queries import PREFIXES, values
from .results import StatementRow, statement_row
from .statements import statements_query
from .summaries import POSITIONS_GRAPH

Select = Callable[[str], list[Any]]
SHARED_GRAPHS = (ONTOLOGY_GRAPH, ACTORS_GRAPH, POSITIONS_GRAPH)  # the graphs that are not one document's
CHUNK = 100  # documents per read


@dataclass(frozen=True, slots=True)
class IndexedStatement:
    """A statement row and what only the index needs: the speaker's label (the speaker sort key,
    which a row's `speaker` replaces by the mention when the actor has no label)."""

    row: StatementRow
    speaker_key: str


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """One stored document as the index keeps it: its names, size, mentioned actors and statements."""

    iri: str
    name: str
    content_hash: str
    quads: int
    mentions: tuple[str, ...]
    statements: tuple[IndexedStatement, ...]
    utterances: tuple[tuple[str, str], ...] = ()  # (statement, utterance it reports), for the near-duplicate lookup


def all_documents(select: Select) -> list[URIRef]:
    """Every stored document's IRI."""
    return [URIRef(r[0]) for r in select(PREFIXES + "SELECT DISTINCT ?doc WHERE { ?doc a dg:Document }")]


def read_documents(select: Select, docs: Iterable[URIRef]) -> Iterable[IndexedDocument]:
    """The index's copy of these documents, as stored now; a document no longer stored gives nothing."""
    wanted = list(dict.fromkeys(docs))
    for start in range(0, len(wanted), CHUNK):
        yield from _read_chunk(select, wanted[start:start + CHUNK])


def _read_chunk(select: Select, docs: Sequence[URIRef]) -> Iterable[IndexedDocument]:
    block = values("doc", docs)
    found = {str(r[0]): (str(r[1] or ""), str(r[2])) for r in select(PREFIXES + f"""
SELECT ?doc (SAMPLE(?n) AS ?name) (SAMPLE(?h) AS ?hash) WHERE {{ {block}
  ?doc a dg:Document ; dg:contentHash ?h . OPTIONAL {{ ?doc schema:name ?n }} }} GROUP BY ?doc""")}
    if not found:
        return
    sizes = graph_sizes(select, [graph_of(URIRef(d)) for d in found])
    mentions: dict[str, list[str]] = {}
    for r in select(PREFIXES + f"SELECT DISTINCT ?doc ?a WHERE {{ {block} ?doc dg:mentions ?a }}"):
        mentions.setdefault(str(r[0]), []).append(str(r[1]))
    rows: dict[str, list[IndexedStatement]] = {}
    for r in select(statements_query(docs=[URIRef(d) for d in found], order="doc")):
        rows.setdefault(str(r.doc), []).append(IndexedStatement(statement_row(r), "" if r.speakerName is None
                                                                else str(r.speakerName)))
    said: dict[str, set[tuple[str, str]]] = {}
    for r in select(PREFIXES + f"SELECT ?doc ?st ?u WHERE {{ {block} ?st dg:inDocument ?doc ; dg:utterance ?u }}"):
        said.setdefault(str(r[0]), set()).add((str(r[1]), str(r[2])))
    for doc, (name, content_hash) in found.items():
        yield IndexedDocument(iri=doc, name=name, content_hash=content_hash,
                              quads=sizes.get(str(graph_of(URIRef(doc))), 0),
                              mentions=tuple(sorted(set(mentions.get(doc, ())))), statements=tuple(rows.get(doc, ())),
                              utterances=tuple(sorted(said.get(doc, ()))))


def graph_sizes(select: Select, graphs: Sequence[URIRef] | None = None) -> dict[str, int]:
    """Quads per named graph: of `graphs`, or of every graph (a full count, for rebuilds only)."""
    block = values("g", graphs) if graphs else ""
    if graphs is not None and not graphs:
        return {}
    rows = select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {block} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
    return {str(r[0]): int(r[1]) for r in rows if r[0] is not None}


def topic_ancestors(select: Select) -> dict[str, frozenset[str]]:
    """Each topic IRI's broader topics at any depth: a statement about a topic is found under every
    broader one too (as `skos:broader*` finds it in SPARQL)."""
    broader: dict[str, set[str]] = {}
    for r in select(PREFIXES + f"SELECT ?t ?b WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t skos:broader ?b }} }}"):
        broader.setdefault(str(r[0]), set()).add(str(r[1]))
    closed: dict[str, frozenset[str]] = {}
    for topic in broader:
        seen, todo = set(), list(broader[topic])
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(broader.get(parent, ()))
        closed[topic] = frozenset(seen)
    return closed
