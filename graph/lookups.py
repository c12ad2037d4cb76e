"""The lookups people use besides statements: positions (graph/position_rows.py), actors, one actor's
profile, topics, documents.

Each function takes a `select` callable (SPARQL text → rows), so it works on every backend, and
returns plain frozen records that the API turns into JSON without knowing RDF.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rdflib import Literal, URIRef

from diplograph.ontology.terms import TOPIC

from .position_rows import EvidenceRow, PositionRow, ShiftRow, positions, shifts  # noqa: F401 - part of lookups
from .queries import ACTOR_TYPES, PREFIXES, term, values
from .results import JsonRecord, StatementRow

Select = Callable[[str], list[Any]]


@dataclass(frozen=True, slots=True)
class ActorRow(JsonRecord):
    id: str
    name: str
    type: str
    role: str
    wikidata: str
    aliases: tuple[str, ...]
    statements: int



@dataclass(frozen=True, slots=True)
class ActorProfile:
    """One actor with what it said, where it stands, and what others claim it stands for."""

    actor: ActorRow
    roles: tuple[str, ...]
    merged_from: tuple[str, ...]
    statements: tuple[StatementRow, ...] = ()
    positions: tuple[PositionRow, ...] = ()
    claimed_positions: tuple[PositionRow, ...] = field(default=())
    positions_total: int | None = None  # positions in all when `positions` is one page of them (None: all shown)
    claimed_positions_total: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.actor.to_json(), "roles": list(self.roles), "merged_from": list(self.merged_from),
                "statements": [s.to_json() for s in self.statements],
                "positions": [p.to_json() for p in self.positions],
                "claimed_positions": [p.to_json() for p in self.claimed_positions]}


@dataclass(frozen=True, slots=True)
class TopicRow(JsonRecord):
    key: str
    label: str
    broader: tuple[str, ...]
    narrower: tuple[str, ...]
    statements: int



@dataclass(frozen=True, slots=True)
class DocumentRow(JsonRecord):
    iri: str
    name: str
    title: str
    url: str
    published: str
    publisher: str
    author: str
    summary_only: bool
    content_hash: str
    ingested: str
    extractor: str
    statements: int



_ACTORS = PREFIXES + """\
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?a ?name (SAMPLE(?cls) AS ?type) (SAMPLE(?r) AS ?role) (SAMPLE(?wd) AS ?wikidata)
       (GROUP_CONCAT(DISTINCT STR(?alias); separator="\\t") AS ?aliases)
WHERE {
  %(values)s
  GRAPH <https://w3id.org/diplograph/graph/actors> {
    VALUES ?cls { %(types)s }
    ?a a ?cls ; skos:prefLabel ?name .
    OPTIONAL { ?a dg:role ?r } OPTIONAL { ?a owl:sameAs ?wd } OPTIONAL { ?a skos:altLabel ?alias }
  }
  %(filters)s
}
GROUP BY ?a ?name
ORDER BY ?name ?a
"""

_SPEAKER_COUNTS = PREFIXES + """\
SELECT ?a (COUNT(DISTINCT ?st) AS ?n) WHERE { %s GRAPH ?g { ?st a dg:Statement ; dg:speaker ?a } } GROUP BY ?a
"""


def actors(select: Select, *, ids: Sequence[URIRef] | None = None, query: str | None = None,
           mentioned_only: bool = False, limit: int | None = None) -> list[ActorRow]:
    """Actors with their aliases and statement counts; `query` matches any label, case-insensitively."""
    filters = []
    if query:
        filters.append("FILTER EXISTS { ?a skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label "
                       "FILTER(CONTAINS(LCASE(STR(?label)), LCASE(%s))) }" % term(Literal(query)))
    if mentioned_only:
        filters.append("FILTER EXISTS { GRAPH ?dg { ?doc dg:mentions ?a } }")
    sparql = _ACTORS % {"values": values("a", ids) if ids else "", "types": ACTOR_TYPES,
                        "filters": "\n  ".join(filters)}
    rows = select(sparql)
    counts = {str(r.a): int(r.n) for r in select(_SPEAKER_COUNTS % (values("a", ids) if ids else ""))}
    found = [ActorRow(id=str(r.a), name=str(r.name), type=_local(r.type) if r.type is not None else "Actor",
                      role=_text(r.role), wikidata=_local(r.wikidata) if r.wikidata is not None else "",
                      aliases=tuple(sorted(a for a in _text(r.aliases).split("\t") if a)),
                      statements=counts.get(str(r.a), 0)) for r in rows]
    found.sort(key=lambda a: (-a.statements, a.name))
    return found[:limit] if limit is not None else found


_ROLES_AND_MERGES = PREFIXES + """\
SELECT ?role ?merged WHERE { GRAPH <https://w3id.org/diplograph/graph/actors> {
  { %(a)s dg:role ?role } UNION { ?merged dg:mergedInto %(a)s } } }
"""


def roles_and_merges(select: Select, actor: URIRef) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = select(_ROLES_AND_MERGES % {"a": term(actor)})
    roles = tuple(sorted({str(r.role) for r in rows if r.role is not None}))
    merged = tuple(sorted({str(r.merged) for r in rows if r.merged is not None}))
    return roles, merged


_TOPICS = PREFIXES + """\
SELECT ?t ?label (GROUP_CONCAT(DISTINCT STR(?up); separator=" ") AS ?broader)
       (GROUP_CONCAT(DISTINCT STR(?down); separator=" ") AS ?narrower) WHERE {
  GRAPH <https://w3id.org/diplograph/graph/ontology> {
    ?t a dg:Topic . OPTIONAL { ?t skos:prefLabel ?label }
    OPTIONAL { ?t skos:broader ?up } OPTIONAL { ?down skos:broader ?t } }
} GROUP BY ?t ?label ORDER BY ?t
"""
_TOPIC_COUNTS = PREFIXES + "SELECT ?t (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st a dg:Statement ; dg:about ?t } } GROUP BY ?t"


def topics(select: Select) -> list[TopicRow]:
    counts = {str(r.t): int(r.n) for r in select(_TOPIC_COUNTS)}
    return [TopicRow(key=_topic_key(r.t), label=_text(r.label), statements=counts.get(str(r.t), 0),
                     broader=tuple(sorted(_topic_key(x) for x in _text(r.broader).split())),
                     narrower=tuple(sorted(_topic_key(x) for x in _text(r.narrower).split())))
            for r in select(_TOPICS)]


_DOCUMENTS = PREFIXES + """\
SELECT ?d ?name ?title ?url ?published ?publisher ?summary ?hash ?ingested ?extractor (COUNT(DISTINCT ?st) AS ?n) WHERE {
  GRAPH ?g { %(values)s ?d a dg:Document ; dg:contentHash ?hash .
    OPTIONAL { ?d schema:name ?name } OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d schema:url ?url }
    OPTIONAL { ?d schema:datePublished ?published } OPTIONAL { ?d prov:generatedAtTime ?ingested }
    OPTIONAL { ?d dcterms:publisher ?publisher } OPTIONAL { ?d dg:summaryOnly ?summary }
    OPTIONAL { ?d dg:extractorVersion ?extractor } %(count)s }
} GROUP BY ?d ?name ?title ?url ?published ?publisher ?summary ?hash ?ingested ?extractor ORDER BY ?name ?d
"""


_AUTHORS = PREFIXES + """\
SELECT ?d ?author WHERE { GRAPH ?g { %(values)s ?d a dg:Document ; dcterms:creator ?author } } ORDER BY ?d ?author
"""
_COUNT_STATEMENTS = "OPTIONAL { ?st dg:inDocument ?d ; a dg:Statement }"
_DOCUMENT_STATEMENTS = PREFIXES + "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st dg:inDocument %s ; a dg:Statement } }"


def documents(select: Select, *, ids: Sequence[URIRef] | None = None) -> list[DocumentRow]:
    """Stored documents (those of `ids` when given) with their provenance and statement counts.

    A few documents are counted one by one: Oxigraph evaluates the counting OPTIONAL over every
    statement of the store before it joins, which costs a quarter second at 100k triples. Authors
    are read apart: several authors must not multiply the statement count."""
    scope = values("d", ids) if ids else ""
    authors: dict[str, list[str]] = {}
    for r in select(_AUTHORS % {"values": scope}):
        authors.setdefault(str(r.d), []).append(_text(r.author))
    if ids and len(ids) <= 10:
        rows = select(_DOCUMENTS % {"values": scope, "count": ""})
        counts = {str(r.d): int(select(_DOCUMENT_STATEMENTS % term(r.d))[0].n) for r in rows}
        return [replace(_document_row(r, authors), statements=counts[str(r.d)]) for r in rows]
    return [_document_row(r, authors) for r in select(_DOCUMENTS % {"values": scope, "count": _COUNT_STATEMENTS})]


def _document_row(r: Any, authors: dict[str, list[str]]) -> DocumentRow:
    return DocumentRow(iri=str(r.d), name=_text(r.name), title=_text(r.title), url=_text(r.url),
                       published=_text(r.published), publisher=_text(r.publisher),
                       author="; ".join(authors.get(str(r.d), [])), summary_only=_text(r.summary) in ("true", "1"),
                       content_hash=str(r.hash), ingested=_text(r.ingested), extractor=_text(r.extractor),
                       statements=int(r.n))


_UNDATED = PREFIXES + """\
SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a dg:Document FILTER NOT EXISTS { ?d schema:datePublished ?p } } }
"""


def undated_documents(select: Select) -> int:
    """How many stored articles carry no publication date (date filters cannot place them)."""
    rows = select(_UNDATED)
    return int(rows[0].n) if rows and rows[0].n is not None else 0


def _topic_key(value: Any) -> str:
    text = _text(value)
    return text[len(str(TOPIC)):] if text.startswith(str(TOPIC)) else text


def _local(value: Any) -> str:
    return _text(value).rstrip("/").replace("#", "/").rsplit("/", 1)[-1]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class EventRow(JsonRecord):
    """A meeting, visit, call or summit with its participants and where it was read."""

    iri: str
    kind: str
    participants: tuple[str, ...]  # canonical names, in the order of participant_ids
    participant_ids: tuple[str, ...]
    place: str
    date: str
    date_text: str
    planned: bool  # announced rather than reported as done (status "planned"; kept for older clients)
    sentence: str
    doc: str
    published: str
    status: str = "held"  # held | planned | cancelled (dg:status)
    hosts: tuple[str, ...] = ()  # canonical names of the participants who host (the one a visit goes to)
    guests: tuple[str, ...] = ()  # canonical names of the hosted participants (a visit's visitor)


_EVENTS = PREFIXES + """\
SELECT ?e ?kind ?who ?whoName ?role ?place ?date ?dateText ?status ?planned ?sentence ?dname ?published WHERE {
  GRAPH ?g { ?e a dg:Event ; dg:kind ?kind ; dg:participant ?who ; dg:inDocument ?d .
    OPTIONAL { ?e dg:place ?place } OPTIONAL { ?e dg:date ?date } OPTIONAL { ?e dg:dateText ?dateText }
    OPTIONAL { ?e dg:status ?status } OPTIONAL { ?e dg:planned ?planned } OPTIONAL { ?e dg:sentence ?sentence }
    OPTIONAL { ?e dg:host ?who BIND("host" AS ?role) } OPTIONAL { ?e dg:guest ?who BIND("guest" AS ?role) }
    OPTIONAL { ?d schema:name ?dname } OPTIONAL { ?d schema:datePublished ?published } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?who skos:prefLabel ?whoName } }
}
ORDER BY ?dname ?e ?who
"""


def events(select: Select, *, participants: Sequence[URIRef] | None = None, status: str | None = None,
           kind: str | None = None) -> list[EventRow]:
    """Every stored event, or those with at least one of `participants` taking part, of one `status`
    (held | planned | cancelled) and one `kind` (meeting | visit | call | summit) when given."""
    found: dict[str, dict[str, Any]] = {}
    for row in select(_EVENTS):
        event = found.setdefault(str(row.e), {
            "iri": str(row.e), "kind": _text(row.kind), "who": {}, "roles": {}, "place": _text(row.place),
            "date": _text(row.date), "date_text": _text(row.dateText), "status": event_status(row.status, row.planned),
            "sentence": _text(row.sentence), "doc": _text(row.dname), "published": _text(row.published)})
        name = _text(row.whoName) or _local(row.who).replace("_", " ")
        event["who"][str(row.who)] = name
        if row.role is not None:
            event["roles"][str(row.who)] = _text(row.role)
    wanted = {str(iri) for iri in participants} if participants is not None else None
    rows = []
    for event in found.values():
        who, roles = event.pop("who"), event.pop("roles")
        if (wanted is not None and wanted.isdisjoint(who)) or (status is not None and event["status"] != status) \
                or (kind is not None and event["kind"] != kind):
            continue
        rows.append(EventRow(participants=tuple(who.values()), participant_ids=tuple(who),
                             planned=event["status"] == "planned",
                             hosts=tuple(name for iri, name in who.items() if roles.get(iri) == "host"),
                             guests=tuple(name for iri, name in who.items() if roles.get(iri) == "guest"), **event))
    return rows


def event_status(status: Any, planned: Any) -> str:
    """held | planned | cancelled from dg:status, or from dg:planned for events stored before statuses."""
    if status is not None:
        return _local(status).lower()
    return "planned" if _text(planned) in ("true", "1") else "held"


@dataclass(frozen=True, slots=True)
class EventMark(JsonRecord):
    """An event read from an article, with where it stands in the text."""

    iri: str
    kind: str
    cue: str
    participants: tuple[str, ...]
    place: str
    date: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClaimMark(JsonRecord):
    """A claim a speaker made about someone else's position, inside one of the article's statements."""

    iri: str
    statement: str  # IRI of the statement it is part of
    claimant: str
    holder: str
    holder_id: str
    stance: str
    text: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    """One stored article: its metadata, its text (empty for articles stored before texts were kept),
    and the events and claims read from it (its statements come from the statements lookup)."""

    document: DocumentRow
    text: str
    events: tuple[EventMark, ...] = ()
    claims: tuple[ClaimMark, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {**self.document.to_json(), "text": self.text, "events": [e.to_json() for e in self.events],
                "claims": [c.to_json() for c in self.claims]}


_DOCUMENT_TEXT = PREFIXES + """\
SELECT ?body WHERE { GRAPH ?g { %(doc)s schema:articleBody ?body } } LIMIT 1
"""
_DOCUMENT_EVENTS = PREFIXES + """\
SELECT ?e ?kind ?cue ?place ?date ?start ?end
       (GROUP_CONCAT(DISTINCT COALESCE(?pname, ""); separator="\\t") AS ?participants) WHERE {
  GRAPH ?g { ?e a dg:Event ; dg:inDocument %(doc)s ; dg:kind ?kind ; dg:start ?start ; dg:end ?end .
    OPTIONAL { ?e dg:cue ?cue } OPTIONAL { ?e dg:place ?place } OPTIONAL { ?e dg:date ?date }
    OPTIONAL { ?e dg:participant ?p } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?p skos:prefLabel ?plabel } }
  BIND(COALESCE(?plabel, REPLACE(STR(?p), "^.*/", "")) AS ?pname)
} GROUP BY ?e ?kind ?cue ?place ?date ?start ?end ORDER BY ?start ?e
"""
_DOCUMENT_CLAIMS = PREFIXES + """\
SELECT ?c ?st ?claimant ?h ?hname ?s ?quote WHERE {
  GRAPH ?g { ?c a dg:Claim ; dg:inDocument %(doc)s ; dg:partOf ?st ; dg:claimant ?r ; dg:holder ?h ;
                dg:stance ?s ; dg:quote ?quote }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?r skos:prefLabel ?claimant } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?h skos:prefLabel ?hname } }
} ORDER BY ?st ?c
"""


def document_text(select: Select, doc: URIRef, row: DocumentRow) -> DocumentText:
    """The text, events and claims of the stored article `doc` (described by `row`)."""
    parts = {"doc": term(doc)}
    bodies = select(_DOCUMENT_TEXT % parts)
    events = tuple(EventMark(iri=str(r.e), kind=_text(r.kind), cue=_text(r.cue), place=_text(r.place),
                             date=_text(r.date), start=int(r.start), end=int(r.end),
                             participants=tuple(sorted(p for p in _text(r.participants).split("\t") if p)))
                   for r in select(_DOCUMENT_EVENTS % parts))
    claims = tuple(ClaimMark(iri=str(r.c), statement=str(r.st), claimant=_text(r.claimant),
                             holder=_text(r.hname) or _local(r.h), holder_id=str(r.h), stance=_local(r.s),
                             text=_text(r.quote))
                   for r in select(_DOCUMENT_CLAIMS % parts))
    return DocumentText(document=row, text=_text(bodies[0].body) if bodies else "", events=events, claims=claims)
