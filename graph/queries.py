"""The canned SPARQL of diplograph, in one place.

Queries run over the union of all named graphs (statements live in document graphs, labels in the
actors graph, skos:broader in the ontology graph). User input never enters a query as raw text: every
value is rendered as an RDF term by rdflib (`term.n3()`, which escapes literals and refuses malformed
IRIs) inside a VALUES block or a FILTER, so that a query cannot be changed by what a user types.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rdflib import Literal, URIRef

from .errors import QueryError

# Prefixes bound on every store, so that hand-written SPARQL can use them without declaring them.
NAMESPACES = {
    "dg": "https://w3id.org/diplograph/ontology#",
    "actor": "https://w3id.org/diplograph/actor/",
    "topic": "https://w3id.org/diplograph/topic/",
    "stance": "https://w3id.org/diplograph/stance/",
    "doc": "https://w3id.org/diplograph/doc/",
    "statement": "https://w3id.org/diplograph/statement/",
    "event": "https://w3id.org/diplograph/event/",
    "fact": "https://w3id.org/diplograph/fact/",
    "cue": "https://w3id.org/diplograph/cue/",
    "claim": "https://w3id.org/diplograph/claim/",
    "position": "https://w3id.org/diplograph/position/",
    "graph": "https://w3id.org/diplograph/graph/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
}

PREFIXES = """\
PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

ACTOR_TYPES = "dg:Person dg:State dg:Organization dg:Group dg:Actor"

# Actors whose name, alias or descriptor is `needle`, case-insensitively.
_ACTORS_NAMED = PREFIXES + """\
SELECT DISTINCT ?actor WHERE {
  VALUES ?type { %(types)s }
  ?actor a ?type ;
         skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label .
  FILTER(LCASE(STR(?label)) = LCASE(%(needle)s))
}
ORDER BY ?actor
"""

# Documents known by file name, IRI or hash prefix.
_DOCUMENTS_NAMED = PREFIXES + """\
SELECT DISTINCT ?doc WHERE {
  ?doc a dg:Document ; dg:contentHash ?hash .
  OPTIONAL { ?doc schema:name ?name }
  FILTER(STR(?doc) = %(needle)s || STR(?name) = %(needle)s || STRSTARTS(?hash, LCASE(%(needle)s)))
}
"""

_DOCUMENT_CANDIDATES = PREFIXES + """\
SELECT DISTINCT ?doc ?name ?hash WHERE {
  ?doc a dg:Document ; dg:contentHash ?hash .
  OPTIONAL { ?doc schema:name ?name }
  FILTER(STR(?doc) = %(needle)s || STR(?name) = %(needle)s || STRSTARTS(?hash, LCASE(%(needle)s)))
} ORDER BY ?name ?doc
"""


def document_candidates_query(ref: str) -> str:
    """Documents a reference may mean (IRI, file name or hash prefix), with their names and hashes."""
    return _DOCUMENT_CANDIDATES % {"needle": term(Literal(ref))}


COUNT_DOCUMENTS = PREFIXES + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a dg:Document }"
COUNT_STATEMENTS = PREFIXES + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dg:Statement }"
COUNT_ACTORS = PREFIXES + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?d a dg:Document ; dg:mentions ?a }"
COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

# Actor IRIs described in the actors graph (the gazetteer and actors found in text).
DESCRIBED_ACTORS = PREFIXES + """\
SELECT DISTINCT ?actor WHERE { GRAPH <https://w3id.org/diplograph/graph/actors> { ?actor skos:prefLabel ?label } }
"""

# The content hash recorded for an ontology graph when its files were loaded.
GRAPH_HASH = PREFIXES + "SELECT ?hash WHERE { GRAPH %(graph)s { %(graph)s dg:contentHash ?hash } }"

DOCUMENT_EXISTS = PREFIXES + "ASK { ?doc a dg:Document ; dg:contentHash %(hash)s }"

# Positions: how often each actor took each stance on each topic (the actor → topic network).
POSITIONS = PREFIXES + """\
SELECT ?actor ?topic ?stance (COUNT(DISTINCT ?st) AS ?statements) WHERE {
  ?st a dg:Statement ; dg:speaker ?actor ; dg:about ?topic ; dg:stance ?stance .
}
GROUP BY ?actor ?topic ?stance
ORDER BY ?actor ?topic ?stance
"""

# Who addressed whom (the actor → actor network), with the cue and stance of each statement.
ADDRESSES = PREFIXES + """\
SELECT ?actor ?addressee ?st ?cue ?stance WHERE {
  ?st a dg:Statement ; dg:speaker ?actor ; dg:addressee ?addressee .
  OPTIONAL { ?st dg:cue ?cue }
  OPTIONAL { ?st dg:stance ?stance }
}
ORDER BY ?actor ?addressee ?st
"""

# Label and type of the actors of the networks (an actor with several classes gives several rows).
ACTOR_NODES = PREFIXES + """\
SELECT DISTINCT ?node ?label ?type WHERE {
  { ?st a dg:Statement ; dg:speaker ?node } UNION { ?st a dg:Statement ; dg:addressee ?node }
  OPTIONAL { ?node skos:prefLabel ?label }
  OPTIONAL { VALUES ?type { %s } ?node a ?type }
}
""" % ACTOR_TYPES

# How many statements each actor made.
STATEMENT_SPEAKERS = PREFIXES + """\
SELECT ?speaker (COUNT(DISTINCT ?st) AS ?statements) WHERE { ?st a dg:Statement ; dg:speaker ?speaker }
GROUP BY ?speaker
"""

TOPIC_NODES = PREFIXES + """\
SELECT ?node ?label (COUNT(DISTINCT ?st) AS ?statements) WHERE {
  ?st a dg:Statement ; dg:about ?node .
  OPTIONAL { ?node skos:prefLabel ?label }
}
GROUP BY ?node ?label
"""


def term(value: URIRef | Literal) -> str:
    """An RDF term as SPARQL text, escaped by rdflib; an IRI that could break out of <…> is refused."""
    if isinstance(value, URIRef) and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
        raise QueryError(f"not an IRI: {str(value)!r}")
    return value.n3()


def values(variable: str, terms: Iterable[URIRef | Literal]) -> str:
    """A VALUES block binding `variable` to each of `terms` (at least one: rdflib fails on none)."""
    terms = list(terms)
    if not terms:
        raise ValueError(f"VALUES ?{variable} needs at least one term")
    return "VALUES ?%s { %s }" % (variable, " ".join(term(t) for t in terms))


def actors_named_query(name: str) -> str:
    """Actors one of whose labels is `name`, ignoring case."""
    return _ACTORS_NAMED % {"types": ACTOR_TYPES, "needle": term(Literal(name))}


def documents_named_query(name: str) -> str:
    """Documents whose file name or IRI is `name`, or whose text hash starts with it."""
    return _DOCUMENTS_NAMED % {"needle": term(Literal(name))}


def graph_hash_query(graph: URIRef) -> str:
    return GRAPH_HASH % {"graph": term(graph)}


def document_exists_query(content_hash: str) -> str:
    return DOCUMENT_EXISTS % {"hash": term(Literal(content_hash))}


_OLDER_VERSIONS = PREFIXES + """\
SELECT DISTINCT ?doc WHERE {
  GRAPH ?g { ?doc a dg:Document ; dg:contentHash ?hash . OPTIONAL { ?doc schema:name ?name }
             OPTIONAL { ?doc schema:url ?url } }
  FILTER(?hash != %(hash)s && (STR(?name) = %(name)s || (%(url)s != "" && STR(?url) = %(url)s)))
}
"""

_ACTOR_LABEL = PREFIXES + "SELECT ?label WHERE { GRAPH <https://w3id.org/diplograph/graph/actors> { %s skos:prefLabel ?label } }"


_STORED_VERSIONS = PREFIXES + """\
SELECT DISTINCT ?new ?doc ?same WHERE {
  { %(hashes)s
    GRAPH ?g { ?doc dg:contentHash ?new ; a dg:Document } BIND(true AS ?same) }
  UNION
  { %(names)s
    GRAPH ?g { ?doc schema:name ?name ; a dg:Document ; dg:contentHash ?hash }
    FILTER(STR(?hash) != STR(?new)) BIND(false AS ?same) }
  %(urls)s
}
"""
_URL_VERSIONS = """UNION
  { %s
    GRAPH ?g { ?doc schema:url ?url ; a dg:Document ; dg:contentHash ?hash }
    FILTER(STR(?hash) != STR(?new)) BIND(false AS ?same) }"""


def stored_versions_query(documents: Sequence[tuple[str, str, URIRef | Literal | None]]) -> str:
    """For new texts (hash, file name, URL term or None): which hashes are stored (?same true) and
    which stored documents share a file name or URL with a new text (?same false: older versions)."""
    hashes = values("new", [Literal(h) for h, _, _ in documents])
    names = "VALUES (?new ?name) { %s }" % " ".join(
        f"({term(Literal(h))} {term(Literal(n))})" for h, n, _ in documents)
    with_url = [(h, u) for h, _, u in documents if u is not None]
    urls = _URL_VERSIONS % ("VALUES (?new ?url) { %s }" % " ".join(
        f"({term(Literal(h))} {term(u)})" for h, u in with_url)) if with_url else ""
    return _STORED_VERSIONS % {"hashes": hashes, "names": names, "urls": urls}


def older_versions_query(content_hash: str, name: str, url: str) -> str:
    """Stored documents with the same file name or URL as a new text (older versions of it)."""
    return _OLDER_VERSIONS % {"hash": term(Literal(content_hash)), "name": term(Literal(name)),
                              "url": term(Literal(url or ""))}


def actor_label_query(actor: URIRef) -> str:
    return _ACTOR_LABEL % term(actor)
