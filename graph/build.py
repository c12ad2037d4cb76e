"""Extraction records → RDF: one named graph per document, plus the actors it brings along.

Everything is built in memory first (`build_document`), so that the store can write a document in
one transaction: a document is either fully in the store or not at all. IRIs are derived from the
document's text hash and the evidence offsets, so building the same text twice gives the same triples.
The IRIs are made in iris.py, the triples of each record in triples.py.
"""
from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone

from rdflib import URIRef

from diplograph.extract.records import Actor, Extraction
from diplograph.ontology.terms import DG, TOPIC

from .iris import (
    ACTORS_GRAPH, HASH_LENGTH, ONTOLOGY_GRAPH, RdfTriple, actor_ref, addressee_iris, document_graph_iri,
    document_iri, document_key, graph_of, speaker_iri, statement_iri, url_term,
)
from .summaries import Evidence
from .triples import (
    EXTRACTOR_VERSION, actor_description, claim_triples, document_triples, event_actor_ids, event_triples,
    fact_triples, statement_iris, statement_triples,
)
from .utterances import Assignment


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """What one document adds to a store: its own named graph and its new actors."""

    graph_iri: URIRef
    doc_iri: URIRef
    content_hash: str
    triples: tuple[RdfTriple, ...]        # for the document's named graph
    actor_triples: tuple[RdfTriple, ...]  # for the actors graph
    evidence: tuple[Evidence, ...] = ()  # what the document adds to positions (graph/summaries.py)

    def __len__(self) -> int:
        return len(self.triples) + len(self.actor_triples)


def build_document(
    extraction: Extraction,
    *,
    known_actors: Container[str] = frozenset(),
    ingested_at: datetime | None = None,
    merged: Mapping[str, str] | None = None,
    utterances: Mapping[str, Assignment] | None = None,
) -> DocumentGraph:
    """All triples of one extraction. `known_actors` are the IRIs already described in the
    actors graph (the gazetteer): only actors outside it get a description written. `merged` maps
    actors merged away (`diplograph actors merge`) to the actor they were merged into, so that a
    document ingested after a merge already names the kept actor. `utterances` gives each statement
    (by IRI) the utterance it reports (graph/utterances.py); a statement not in it is its own."""
    document = extraction.document
    content_hash = document.content_hash
    doc = document_iri(content_hash)
    key = document_key(content_hash)
    when = ingested_at or datetime.now(timezone.utc)

    triples: list[RdfTriple] = list(document_triples(extraction, doc, when))
    evidence: list[Evidence] = []
    remap = (lambda iri: merged.get(iri, iri)) if merged else (lambda iri: iri)
    for node, statement in statement_iris(key, extraction.statements):
        assignment = (utterances or {}).get(str(node))
        date = statement.date or document.published[:10]
        triples.extend(statement_triples(node, statement, doc, date=date, utterance=assignment))
        utterance = assignment.utterance if assignment else str(node)
        confidence = round(float(statement.confidence), 3)  # as stored (dg:confidence): what a recomputation reads
        speaker = remap(str(speaker_iri(statement)))
        for topic in statement.topics:
            if topic in statement.contrasted:
                continue  # argued against ("a ceasefire, not an escalation"): dg:contrasts, no position
            evidence.append(Evidence(str(node), speaker, str(TOPIC[topic]), statement.stance or "neutral", speaker,
                                     str(doc), date, confidence, utterance))
        for index, claim in enumerate(statement.claims):
            triples.extend(claim_triples(node, index, claim, statement, doc))
            holder = remap(str(actor_ref(claim.holder_id, claim.holder)))
            evidence += [Evidence(str(node), holder, str(TOPIC[topic]), claim.stance, speaker, str(doc), date,
                                  confidence, utterance) for topic in statement.topics]
    per_sentence: dict[tuple[int, int], int] = {}
    for event in extraction.events:
        ordinal = per_sentence[event.start, event.end] = per_sentence.get((event.start, event.end), 0) + 1
        triples.extend(event_triples(event, key, doc, ordinal))
    for fact in extraction.triples:
        triples.extend(fact_triples(fact, key, doc))

    # Every actor a record names gets a description: the extractor's, else a minimal one.
    described = {str(actor_ref(a.id, a.name)): a for a in extraction.actors if a.id or a.name}
    for actor_id, name in _named_ids(extraction):
        described.setdefault(actor_id, Actor(id=actor_id, name=name, type="Group", known=False))
    triples.extend((doc, DG.mentions, URIRef(actor_id)) for actor_id in sorted(described))

    actor_triples: list[RdfTriple] = []
    for actor_id in sorted(described):
        if actor_id not in known_actors:
            actor_triples.extend(actor_description(described[actor_id], doc))
    if merged:
        triples = [_remap(t, merged) for t in triples]
        actor_triples = [t for t in actor_triples if str(t[0]) not in merged]
    return DocumentGraph(
        graph_iri=document_graph_iri(content_hash),
        doc_iri=doc,
        content_hash=content_hash,
        triples=tuple(_unique(triples)),
        actor_triples=tuple(_unique(actor_triples)),
        evidence=tuple(evidence),
    )


def _remap(triple: RdfTriple, merged: Mapping[str, str]) -> RdfTriple:
    s, p, o = triple
    return (URIRef(merged.get(str(s), s)), p,
            URIRef(merged[str(o)]) if isinstance(o, URIRef) and str(o) in merged else o)


def _named_ids(extraction: Extraction) -> Iterator[tuple[str, str]]:
    """(IRI, name) of every actor a record names, so none is left without a label."""
    for statement in extraction.statements:
        yield str(speaker_iri(statement)), statement.speaker or statement.speaker_mention
        for addressee, name in addressee_iris(statement):
            yield str(addressee), name or _local_name(addressee)
        for claim in statement.claims:
            yield str(actor_ref(claim.holder_id, claim.holder)), claim.holder or claim.holder_id
    for event in extraction.events:
        names = list(event.participants)
        for index, actor_id in enumerate(event_actor_ids(event)):
            yield actor_id, names[index] if index < len(names) else _local_name(URIRef(actor_id))
    for fact in extraction.triples:
        if fact.subject_id:
            yield str(actor_ref(fact.subject_id, fact.subject)), fact.subject
        if fact.object_id:
            yield str(actor_ref(fact.object_id, fact.object)), fact.object


def _local_name(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].replace("_", " ")


def _unique(triples: Iterable[RdfTriple]) -> list[RdfTriple]:
    return list(dict.fromkeys(triples))


__all__ = [
    "ACTORS_GRAPH", "EXTRACTOR_VERSION", "HASH_LENGTH", "ONTOLOGY_GRAPH", "RdfTriple", "DocumentGraph", "graph_of",
    "url_term", "actor_ref", "build_document", "document_iri",
    "document_graph_iri", "document_key", "statement_iri", "speaker_iri", "addressee_iris",
]
