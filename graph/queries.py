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

# Statements, one row each; multi-valued topics and addressees folded into tab-separated strings
# (COALESCE: rdflib's GROUP_CONCAT(DISTINCT …) fails on unbound values).
_STATEMENTS = PREFIXES + """\
SELECT ?st ?doc ?name ?title ?published ?url ?speaker ?speakerName ?mention ?kind ?quote ?cue
       ?stance ?sentence ?start ?end ?confidence
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?topic), ""); separator="\\t") AS ?topics)
       (GROUP_CONCAT(DISTINCT COALESCE(?addresseeName, ""); separator="\\t") AS ?addressees)
WHERE {
  %(values)s
  ?st a dg:Statement ;
      dg:inDocument ?doc ;
      dg:speaker ?speaker ;
      dg:kind ?kind ;
      dg:quote ?quote ;
      dg:start ?start ;
      dg:end ?end .
  %(filters)s
  OPTIONAL { ?st dg:stance ?stance }
  OPTIONAL { ?st dg:cue ?cue }
  OPTIONAL { ?st dg:sentence ?sentence }
  OPTIONAL { ?st dg:confidence ?confidence }
  OPTIONAL { ?st dg:speakerMention ?mention }
  OPTIONAL { ?doc schema:name ?name }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?speaker skos:prefLabel ?speakerName }
  OPTIONAL { ?st dg:about ?topic }
  OPTIONAL {
    ?st dg:addressee ?addressee .
    OPTIONAL { ?addressee skos:prefLabel ?addresseeLabel }
    BIND(COALESCE(?addresseeLabel, REPLACE(STR(?addressee), "^.*/", "")) AS ?addresseeName)
  }
}
GROUP BY ?st ?doc ?name ?title ?published ?url ?speaker ?speakerName ?mention ?kind ?quote ?cue
         ?stance ?sentence ?start ?end ?confidence
ORDER BY %(order)s
"""

# Sort orders of the statements query (a leading - means newest/highest first).
STATEMENT_ORDERS = {
    "doc": "?name ?doc ?start ?end ?st",
    "date": "?published ?name ?start ?end ?st",
    "-date": "DESC(?published) ?name ?start ?end ?st",
    "speaker": "?speakerName ?name ?start ?end ?st",
    "confidence": "?confidence ?name ?start ?end ?st",
    "-confidence": "DESC(?confidence) ?name ?start ?end ?st",
}

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


def statements_query(
    *,
    speakers: Sequence[URIRef] | None = None,
    topic: URIRef | None = None,
    stance: URIRef | None = None,
    kind: str | None = None,
    docs: Sequence[URIRef] | None = None,
    limit: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    text: str | None = None,
    offset: int = 0,
    order: str = "doc",
) -> str:
    """The statements query with the given filters; None means no filter on that field.

    A topic filter keeps statements about the topic or any narrower one (skos:broader*).
    """
    blocks: list[str] = []
    if speakers is not None:
        blocks.append(values("speaker", speakers))
    if stance is not None:
        blocks.append(values("stance", [stance]))
    if kind is not None:
        blocks.append(values("kind", [Literal(kind)]))
    if docs is not None:
        blocks.append(values("doc", docs))
    filters: list[str] = []
    if stance is not None:  # required here: the OPTIONAL below would keep a row whose stance differs
        filters.append("?st dg:stance ?stance .")
    if topic is not None:
        filters.append("FILTER EXISTS { ?st dg:about ?anyTopic . ?anyTopic skos:broader* %s }" % term(topic))
    if date_from is not None:
        filters.append("FILTER EXISTS { ?doc schema:datePublished ?from FILTER(STR(?from) >= %s) }"
                       % term(Literal(date_from)))
    if date_to is not None:
        filters.append("FILTER EXISTS { ?doc schema:datePublished ?to FILTER(STR(?to) <= %s) }"
                       % term(Literal(date_to)))
    if text:
        filters.append("FILTER EXISTS { ?st dg:quote|dg:sentence ?words "
                       "FILTER(CONTAINS(LCASE(STR(?words)), LCASE(%s))) }" % term(Literal(text)))
    if order not in STATEMENT_ORDERS:
        raise QueryError(f"unknown order {order!r}: expected one of {', '.join(STATEMENT_ORDERS)}")
    query = _STATEMENTS % {"values": "\n  ".join(blocks), "filters": "\n  ".join(filters),
                           "order": STATEMENT_ORDERS[order]}
    if limit is not None:
        query += f"LIMIT {int(limit)}\n"
    if offset:
        query += f"OFFSET {int(offset)}\n"
    return query


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


def older_versions_query(content_hash: str, name: str, url: str) -> str:
    """Stored documents with the same file name or URL as a new text (older versions of it)."""
    return _OLDER_VERSIONS % {"hash": term(Literal(content_hash)), "name": term(Literal(name)),
                              "url": term(Literal(url or ""))}


def actor_label_query(actor: URIRef) -> str:
    return _ACTOR_LABEL % term(actor)
