"""The lookups people use besides statements: positions (graph/position_rows.py), actors, one actor's
profile, topics, documents.

Each function takes a `select` callable (SPARQL text → rows), so it works on every backend, and
returns plain frozen records that the API turns into JSON without knowing RDF.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
  GRAPH ?g { ?d a dg:Document ; dg:contentHash ?hash .
    OPTIONAL { ?d schema:name ?name } OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d schema:url ?url }
    OPTIONAL { ?d schema:datePublished ?published } OPTIONAL { ?d prov:generatedAtTime ?ingested }
    OPTIONAL { ?d dcterms:publisher ?publisher } OPTIONAL { ?d dg:summaryOnly ?summary }
    OPTIONAL { ?d dg:extractorVersion ?extractor } OPTIONAL { ?st dg:inDocument ?d ; a dg:Statement } }
} GROUP BY ?d ?name ?title ?url ?published ?publisher ?summary ?hash ?ingested ?extractor ORDER BY ?name ?d
"""


_AUTHORS = PREFIXES + """\
SELECT ?d ?author WHERE { GRAPH ?g { ?d a dg:Document ; dcterms:creator ?author } } ORDER BY ?d ?author
"""


def documents(select: Select) -> list[DocumentRow]:
    authors: dict[str, list[str]] = {}
    for r in select(_AUTHORS):  # apart: several authors must not multiply the statement count
        authors.setdefault(str(r.d), []).append(_text(r.author))
    return [DocumentRow(iri=str(r.d), name=_text(r.name), title=_text(r.title), url=_text(r.url),
                        published=_text(r.published), publisher=_text(r.publisher), author="; ".join(authors.get(str(r.d), [])),
                        summary_only=_text(r.summary) in ("true", "1"), content_hash=str(r.hash), ingested=_text(r.ingested),
                        extractor=_text(r.extractor), statements=int(r.n)) for r in select(_DOCUMENTS)]


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
    planned: bool  # announced rather than reported as done
    sentence: str
    doc: str
    published: str


_EVENTS = PREFIXES + """\
SELECT ?e ?kind ?who ?whoName ?place ?date ?dateText ?planned ?sentence ?dname ?published WHERE {
  GRAPH ?g { ?e a dg:Event ; dg:kind ?kind ; dg:participant ?who ; dg:inDocument ?d .
    OPTIONAL { ?e dg:place ?place } OPTIONAL { ?e dg:date ?date } OPTIONAL { ?e dg:dateText ?dateText }
    OPTIONAL { ?e dg:planned ?planned } OPTIONAL { ?e dg:sentence ?sentence }
    OPTIONAL { ?d schema:name ?dname } OPTIONAL { ?d schema:datePublished ?published } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?who skos:prefLabel ?whoName } }
}
ORDER BY ?dname ?e ?who
"""


def events(select: Select, *, participants: Sequence[URIRef] | None = None) -> list[EventRow]:
    """Every stored event, or those with at least one of `participants` taking part."""
    found: dict[str, dict[str, Any]] = {}
    for row in select(_EVENTS):
        event = found.setdefault(str(row.e), {
            "iri": str(row.e), "kind": _text(row.kind), "who": {}, "place": _text(row.place), "date": _text(row.date),
            "date_text": _text(row.dateText), "planned": _text(row.planned) in ("true", "1"),
            "sentence": _text(row.sentence), "doc": _text(row.dname), "published": _text(row.published)})
        event["who"][str(row.who)] = _text(row.whoName) or _local(row.who).replace("_", " ")
    wanted = {str(iri) for iri in participants} if participants is not None else None
    rows = []
    for event in found.values():
        who = event.pop("who")
        if wanted is not None and wanted.isdisjoint(who):
            continue
        rows.append(EventRow(participants=tuple(who.values()), participant_ids=tuple(who), **event))
    return rows
