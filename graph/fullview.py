"""The `full` network view: every resource of the store's data graphs, linked by every IRI-valued triple.

Statements, claims, events, facts, documents, positions, extraction runs and the actors they name
become nodes (typed by their diplograph class, labelled by name, title or quote); every triple whose
object is an IRI becomes an edge keyed by its predicate. The ontology graph is left out: it describes
the vocabulary, not the news. Dates come from the document a resource was read in.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import RDF, Literal, URIRef

from .queries import PREFIXES

if TYPE_CHECKING:
    from .store import GraphStore

DATA_TRIPLES = PREFIXES + """\
SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g != <https://w3id.org/diplograph/graph/ontology> && ?g != <https://w3id.org/diplograph/graph/actors>)
}
"""

# Actor descriptions, for the actors the documents name (not the whole gazetteer).
NAMED_ACTORS = PREFIXES + """\
SELECT ?s ?p ?o WHERE {
  { SELECT DISTINCT ?s WHERE { GRAPH ?g { ?d dg:mentions ?s } } }
  GRAPH <https://w3id.org/diplograph/graph/actors> { ?s ?p ?o }
}
"""

DOCUMENT_DATES = PREFIXES + """\
SELECT ?x ?date WHERE { GRAPH ?g { ?x dg:inDocument ?d . ?d schema:datePublished ?date } }
"""

LABELS = ("prefLabel", "name", "headline", "title", "quote", "kind", "predicate")
TYPE_ORDER = ("Statement", "Claim", "Position", "Shift", "Utterance", "StanceCount", "Event", "Fact", "Document",
              "ExtractionRun", "Person", "State", "Organization", "Group", "Actor")


def full_network(store: GraphStore) -> nx.MultiDiGraph:
    """Every data resource and IRI-valued triple as a network."""
    graph = nx.MultiDiGraph(name="diplograph full")
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store._select(DATA_TRIPLES) + store._select(NAMED_ACTORS):
        s, p, o = row[0], row[1], row[2]
        subject, predicate = str(s), _local(p)
        if p == RDF.type:
            types[subject].add(_local(o))
        elif isinstance(o, Literal):
            if predicate in LABELS and predicate not in labels[subject]:
                labels[subject][predicate] = str(o)
        elif isinstance(o, URIRef):
            graph.add_edge(subject, str(o), key=predicate, relation=predicate, label=predicate, stance="",
                           weight=1.0, statements=0, stances="", first="", last="", evidence=(subject,))
    for subject in list(types) + list(labels):
        graph.add_node(subject)
    dates = {str(r[0]): str(r[1]) for r in store._select(DOCUMENT_DATES)}
    for node, data in graph.nodes(data=True):
        data["type"] = _best_type(types.get(node, set()), node)
        found = labels.get(node, {})
        text = next((found[k] for k in LABELS if k in found), "") or _local(node).replace("_", " ")
        data["label"] = text if len(text) <= 80 else text[:77] + "..."
        data["role"] = ""
        data["statements"] = 0
        data["first"] = data["last"] = dates.get(node, "")
    for source, target, edge in graph.edges(data=True):
        edge["first"] = edge["last"] = dates.get(source, "")
    return graph


def _best_type(types: set[str], node: str) -> str:
    for name in TYPE_ORDER:
        if name in types:
            return name
    if "/topic/" in node:
        return "Topic"
    if "/stance/" in node:
        return "Stance"
    return sorted(types)[0] if types else "Resource"


def _local(value: Any) -> str:
    return re.split(r"[/#]", str(value).rstrip("/"))[-1]
