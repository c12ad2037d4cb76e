"""Which named graphs a SPARQL update can write, read from its text before the index follows it.

A SPARQL update sent to /sparql bypasses the store's write path; the statements index and the kept
network must then catch up. When every operation names its graphs (INSERT DATA / DELETE DATA with
GRAPH <iri>, DELETE WHERE or DELETE/INSERT whose templates use GRAPH <iri> or WITH <iri>, CLEAR/DROP/
CREATE GRAPH <iri>), only those graphs can have changed and only their documents are re-read. A graph
variable (GRAPH ?g), the default graph, ALL/NAMED, ADD/MOVE/COPY/LOAD or text rdflib cannot parse give
None: anything may have changed, and the index is rebuilt whole. rdflib's update parser is used (the
algebra Oxigraph applies is the same SPARQL 1.1 Update), not a hand-written one.
"""
from __future__ import annotations

from typing import Any

from rdflib import URIRef


def graphs_written(text: str) -> set[str] | None:
    """The IRIs of the named graphs the update can change, or None when it cannot be told."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    from .backends import PREFIX_LINES

    source = text if text.lstrip().upper().startswith("PREFIX") else PREFIX_LINES + text
    try:
        operations = translateUpdate(parseUpdate(source)).algebra
    except Exception:  # noqa: BLE001 - rdflib's parser raises many kinds; then anything may have changed
        return None
    written: set[str] = set()
    for operation in operations:
        found = _operation_graphs(operation)
        if found is None:
            return None
        written |= found
    return written


def _operation_graphs(operation: Any) -> set[str] | None:
    name = operation.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        return _template_graphs(operation, None)
    if name == "Modify":
        with_graph = operation.get("withClause")
        found: set[str] = set()
        for clause in (operation.get("delete"), operation.get("insert")):
            if isinstance(clause, dict):  # rdflib's CompValue (an absent clause reads as its name)
                graphs = _template_graphs(clause, with_graph)
                if graphs is None:
                    return None
                found |= graphs
        return found
    if name in ("Clear", "Drop", "Create"):
        graph = operation.get("graphiri")
        return {str(graph)} if isinstance(graph, URIRef) else None
    return None  # LOAD, ADD, MOVE, COPY: rare here, and anything else unknown


def _template_graphs(clause: Any, with_graph: Any) -> set[str] | None:
    """The graphs of a quad template; triples outside GRAPH go to WITH's graph, else the default graph."""
    graphs = set()
    quads = clause.get("quads")
    for graph, triples in (quads.items() if isinstance(quads, dict) else ()):
        if not isinstance(graph, URIRef):
            return None
        if triples:
            graphs.add(str(graph))
    if isinstance(clause.get("triples"), list) and clause.get("triples"):
        if not isinstance(with_graph, URIRef):
            return None
        graphs.add(str(with_graph))
    return graphs
