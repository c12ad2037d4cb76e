"""The IRIs of diplograph's resources, derived from what they are, so that the same text always gets
the same IRIs: documents from their text hash, statements from the hash and the evidence span,
actors from their gazetteer IRI or the slug of their name, named graphs from the document key.
"""
from __future__ import annotations

import re

from rdflib import Literal, URIRef

from diplograph.extract.records import Statement
from diplograph.ontology.terms import DOC, GRAPH, STATEMENT, actor_iri

ACTORS_GRAPH = GRAPH["actors"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
HASH_LENGTH = 16  # hex characters of the SHA-256 kept in document IRIs: 64 bits, no collision in practice
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")

RdfTriple = tuple[URIRef, URIRef, URIRef | Literal]


def document_key(content_hash: str) -> str:
    """The short form of a text hash used in a document's IRIs."""
    return content_hash[:HASH_LENGTH]


def document_iri(content_hash: str) -> URIRef:
    return DOC[document_key(content_hash)]


def document_graph_iri(content_hash: str) -> URIRef:
    return GRAPH["doc/" + document_key(content_hash)]


def graph_of(doc: URIRef) -> URIRef:
    """The named graph that holds a document (its IRI's key, under graph/doc/)."""
    return GRAPH["doc/" + str(doc).rsplit("/", 1)[-1]]


def statement_iri(content_hash: str, start: int, end: int) -> URIRef:
    """A statement's IRI: the document's hash and the span of its evidence."""
    return STATEMENT[f"{document_key(content_hash)}-{start}-{end}"]


def speaker_iri(statement: Statement) -> URIRef:
    return actor_ref(statement.speaker_id, statement.speaker or statement.speaker_mention)


def actor_ref(actor_id: str, name: str) -> URIRef:
    """An actor's IRI as extraction gave it, or the IRI of its name when it gave none (or no IRI)."""
    return URIRef(actor_id) if actor_id and _IRI.match(actor_id) else URIRef(actor_iri(name or actor_id))


def addressee_iris(statement: Statement) -> list[tuple[URIRef, str]]:
    """(IRI, name) of each addressee; a name without a resolved id gets the IRI of its name."""
    ids = list(statement.addressee_ids)
    pairs = []
    for index, name in enumerate(statement.addressees):
        pairs.append((actor_ref(ids[index] if index < len(ids) else "", name), name))
    for actor_id in ids[len(statement.addressees):]:
        if actor_id:
            pairs.append((actor_ref(actor_id, ""), ""))
    return pairs


def url_term(value: str) -> URIRef | Literal:
    """A document's URL as stored: an IRI when it is one, else a literal."""
    return URIRef(value) if _IRI.match(value) and value.startswith(("http://", "https://")) else Literal(value)
