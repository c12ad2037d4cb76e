"""Reading positions and shifts back: summaries with their evidence as rows an analyst can read.

A position row is one holder × topic × reporter: the current stance, the count of each stance (in
utterances), first and last date, how many utterances carry no date, its shifts, and each piece of
evidence with its sentence, article, outlet, date and offsets, in date order (its history). Claims by
others are rows of their own (claimed true, reporter = who claims it).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rdflib import Literal, URIRef

from diplograph.ontology.terms import TOPIC

from .queries import PREFIXES, term, values
from .results import JsonRecord
from .summaries import POSITIONS_GRAPH

Select = Callable[[str], list[Any]]
ACTORS = "<https://w3id.org/diplograph/graph/actors>"


@dataclass(frozen=True, slots=True)
class EvidenceRow(JsonRecord):
    """One report that is evidence of a position: what was said, where, when, at which characters."""

    statement: str  # IRI
    utterance: str  # IRI: reports of one utterance (wire copies) share it
    text: str
    sentence: str
    stance: str
    doc: str
    doc_iri: str
    title: str
    outlet: str
    url: str
    date: str  # when it was said: the date the text gives, else the article's; "" when undated
    dated: bool
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class PositionRow(JsonRecord):
    """Where `holder` stands on `topic`: own words when reporter == holder, else a claim by `reporter`."""

    iri: str
    holder: str
    holder_id: str
    topic: str  # topic key
    stance: str  # the current stance: that of the latest dated utterance (ties: the most confident)
    reporter: str
    reporter_id: str
    claimed: bool
    count: int  # utterances (a wire story republished five times counts once)
    first_date: str
    last_date: str
    reports: int = 0  # statements (every copy counts)
    undated: int = 0  # utterances without any date
    stances: dict[str, int] | None = None  # utterances of each stance
    shifts: int = 0
    evidence: tuple[EvidenceRow, ...] = ()  # in date order: the position's history

    @property
    def evidence_iris(self) -> tuple[str, ...]:
        """The statement IRIs of the evidence (what `evidence` held before it held rows)."""
        return tuple(sorted({e.statement for e in self.evidence}))


def newest(evidence: Sequence[EvidenceRow], limit: int | None, offset: int = 0) -> tuple[EvidenceRow, ...]:
    """The `limit` reports of a history (date order, undated last) that end `offset` reports before its end,
    still in date order: a page shows a position's newest reports, and the older ones page back from there."""
    end = max(0, len(evidence) - offset)
    return tuple(evidence[0 if limit is None else max(0, end - limit):end])


@dataclass(frozen=True, slots=True)
class PositionCell(JsonRecord):
    """One cell of the positions matrix: `holder`'s current stance on `topic` and its utterances,
    summed over reporters (own words, or what others claim when `claimed`)."""

    holder: str
    holder_id: str
    topic: str  # topic key
    stance: str
    claimed: bool
    count: int


@dataclass(frozen=True, slots=True)
class ShiftRow(JsonRecord):
    """A change of stance: the holder said `before` (from_stance) then `after` (to_stance)."""

    iri: str
    holder: str
    holder_id: str
    topic: str
    reporter: str
    reporter_id: str
    claimed: bool
    from_stance: str
    to_stance: str
    previous_date: str
    date: str
    position: str
    before: EvidenceRow
    after: EvidenceRow


_POSITIONS = PREFIXES + """\
SELECT ?p ?h ?hname ?t ?s ?r ?rname ?claimed ?n ?reports ?undated ?shifts ?first ?last WHERE {
  %(values)s
  GRAPH %(graph)s { ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; dg:claimed ?claimed ; dg:stance ?s ;
                    dg:reporter ?r ; dg:statementCount ?n }
  %(filters)s
  OPTIONAL { GRAPH %(graph)s { ?p dg:reportCount ?reports } }
  OPTIONAL { GRAPH %(graph)s { ?p dg:undatedCount ?undated } }
  OPTIONAL { GRAPH %(graph)s { ?p dg:shiftCount ?shifts } }
  OPTIONAL { GRAPH %(graph)s { ?p dg:firstDate ?first } }
  OPTIONAL { GRAPH %(graph)s { ?p dg:lastDate ?last } }
  OPTIONAL { GRAPH %(actors)s { ?h skos:prefLabel ?hname } }
  OPTIONAL { GRAPH %(actors)s { ?r skos:prefLabel ?rname } }
}
ORDER BY ?hname ?h ?t ?claimed ?rname ?p
"""
# Counts only, reporters summed: what a matrix of actors × topics shows (no evidence to fetch).
_CELLS = PREFIXES + """\
SELECT ?h ?hname ?t ?s ?claimed (SUM(?c) AS ?n) WHERE {
  %(values)s
  GRAPH %(graph)s { ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; dg:claimed ?claimed ; dg:stance ?s ;
                    dg:reporter ?r ; dg:statementCount ?c }
  %(filters)s
  OPTIONAL { GRAPH %(actors)s { ?h skos:prefLabel ?hname } }
}
GROUP BY ?h ?hname ?t ?s ?claimed
"""
_STANCE_COUNTS = PREFIXES + """\
SELECT ?p ?s ?n WHERE {
  %(values)s
  GRAPH %(graph)s { ?p dg:holder ?h ; dg:topic ?t ; dg:claimed ?claimed ; dg:stanceCount ?c . ?c dg:stance ?s ; dg:count ?n }
  %(filters)s
}
"""
_EVIDENCE = PREFIXES + """\
SELECT ?p ?ev WHERE {
  %(values)s
  GRAPH %(graph)s { ?p dg:holder ?h ; dg:topic ?t ; dg:claimed ?claimed ; dg:evidence ?ev }
  %(filters)s
}
"""
# The rows of evidence statements, each read from its own document's graph.
_EVIDENCE_ROWS = PREFIXES + """\
SELECT ?st ?u ?quote ?sentence ?stance ?d ?name ?title ?url ?date ?published ?start ?end ?conf WHERE {
  %(values)s
  GRAPH ?g { ?st a dg:Statement ; dg:quote ?quote ; dg:stance ?stance ; dg:inDocument ?d ; dg:start ?start ; dg:end ?end }
  OPTIONAL { GRAPH ?g { ?st dg:utterance ?u } }
  OPTIONAL { GRAPH ?g { ?st dg:sentence ?sentence } }
  OPTIONAL { GRAPH ?g { ?st dg:date ?date } }
  OPTIONAL { GRAPH ?g { ?st dg:confidence ?conf } }
  OPTIONAL { GRAPH ?g { ?d schema:name ?name } }
  OPTIONAL { GRAPH ?g { ?d dcterms:title ?title } }
  OPTIONAL { GRAPH ?g { ?d schema:url ?url } }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?published } }
}
"""
_SHIFTS = PREFIXES + """\
SELECT ?x ?p ?h ?hname ?t ?r ?rname ?claimed ?fromS ?toS ?before ?after ?previous ?date WHERE {
  %(values)s
  GRAPH %(graph)s { ?x a dg:Shift ; dg:position ?p ; dg:holder ?h ; dg:topic ?t ; dg:reporter ?r ; dg:claimed ?claimed ;
                    dg:fromStance ?fromS ; dg:toStance ?toS ; dg:before ?before ; dg:after ?after ;
                    dg:previousDate ?previous ; dg:date ?date }
  %(filters)s
  OPTIONAL { GRAPH %(actors)s { ?h skos:prefLabel ?hname } }
  OPTIONAL { GRAPH %(actors)s { ?r skos:prefLabel ?rname } }
}
ORDER BY DESC(?date) ?hname ?t ?x
"""


def _parts(holders: Sequence[URIRef] | None, topics: Sequence[URIRef] | None, claimed: bool | None,
           filters: Sequence[str] = ()) -> dict[str, str]:
    blocks = [values("h", holders)] if holders else []
    if topics:
        blocks.append(values("t", topics))
    where = list(filters)
    if claimed is not None:
        where.append("FILTER(STR(?claimed) = %s)" % term(Literal("true" if claimed else "false")))
    return {"values": " ".join(blocks), "graph": term(POSITIONS_GRAPH), "filters": "\n  ".join(where),
            "actors": ACTORS}


def positions(select: Select, *, holders: Sequence[URIRef] | None = None,
              topics: Sequence[URIRef] | None = None, claimed: bool | None = None) -> list[PositionRow]:
    """Position summaries, filtered by holder, topic (`topics`: a topic and its narrower ones) and own
    words vs claims, each with its evidence rows in date order."""
    parts = _parts(holders, topics, claimed)
    rows = select(_POSITIONS % parts)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in select(_STANCE_COUNTS % parts):
        counts[str(row.p)][_local(row.s)] = int(row.n)
    links: dict[str, set[str]] = defaultdict(set)
    for row in select(_EVIDENCE % parts):
        links[str(row.p)].add(str(row.ev))
    found = evidence_rows(select, sorted({s for statements in links.values() for s in statements}))
    return [PositionRow(
        iri=str(r.p), holder=_text(r.hname) or _local(r.h), holder_id=str(r.h), topic=topic_key(r.t),
        stance=_local(r.s), reporter=_text(r.rname) or _local(r.r), reporter_id=str(r.r),
        claimed=_text(r.claimed) in ("true", "1"), count=int(r.n), first_date=_text(r.first)[:10],
        last_date=_text(r.last)[:10], reports=_int(r.reports), undated=_int(r.undated), shifts=_int(r.shifts),
        stances=_ordered(counts.get(str(r.p), {})),
        evidence=tuple(sorted((found[s] for s in links.get(str(r.p), ()) if s in found), key=_chronological)),
    ) for r in rows]


def position_holder_query(position: str) -> str:
    """The holder of one position node (the SPARQL path of a position's evidence reads that holder's positions)."""
    return PREFIXES + f"SELECT ?h WHERE {{ GRAPH {term(POSITIONS_GRAPH)} {{ {term(URIRef(position))} dg:holder ?h }} }}"


def position_cells(select: Select, *, topics: Sequence[URIRef] | None = None,
                   claimed: bool | None = None) -> list[PositionCell]:
    """The position summaries as matrix cells (holder × topic × stance, reporters summed), without the
    evidence rows `positions` reads: one query, a fraction of the time on a large store."""
    return [PositionCell(holder=_text(r.hname) or _local(r.h), holder_id=str(r.h), topic=topic_key(r.t),
                         stance=_local(r.s), claimed=_text(r.claimed) in ("true", "1"), count=int(r.n))
            for r in select(_CELLS % _parts(None, topics, claimed))]


def shifts(select: Select, *, holders: Sequence[URIRef] | None = None, topics: Sequence[URIRef] | None = None,
           since: str | None = None, claimed: bool | None = False) -> list[ShiftRow]:
    """Shifts of stance, newest first, filtered by holder, topic, date (`since`, ISO, inclusive) and own
    words vs claims (own words by default)."""
    filters = [f"FILTER(STR(?date) >= {term(Literal(since))})"] if since else []
    rows = select(_SHIFTS % _parts(holders, topics, claimed, filters))
    found = evidence_rows(select, sorted({str(r.before) for r in rows} | {str(r.after) for r in rows}))
    return [ShiftRow(
        iri=str(r.x), holder=_text(r.hname) or _local(r.h), holder_id=str(r.h), topic=topic_key(r.t),
        reporter=_text(r.rname) or _local(r.r), reporter_id=str(r.r), claimed=_text(r.claimed) in ("true", "1"),
        from_stance=_local(r.fromS), to_stance=_local(r.toS), previous_date=_text(r.previous)[:10],
        date=_text(r.date)[:10], position=str(r.p), before=found[str(r.before)], after=found[str(r.after)],
    ) for r in rows if str(r.before) in found and str(r.after) in found]


def evidence_rows(select: Select, statements: Sequence[str]) -> dict[str, EvidenceRow]:
    """Statement IRI → its evidence row (sentence, article, outlet, date, offsets)."""
    found: dict[str, EvidenceRow] = {}
    for start in range(0, len(statements), 500):
        block = values("st", [URIRef(s) for s in statements[start:start + 500]])
        for r in select(_EVIDENCE_ROWS % {"values": block}):
            date = _text(r.date)[:10] or _text(r.published)[:10]
            url = _text(r.url)
            found.setdefault(str(r.st), EvidenceRow(
                statement=str(r.st), utterance=_text(r.u) or str(r.st), text=_text(r.quote),
                sentence=_text(r.sentence), stance=_local(r.stance), doc=_text(r.name), doc_iri=str(r.d),
                title=_text(r.title), outlet=outlet(url), url=url, date=date, dated=bool(date),
                start=int(r.start), end=int(r.end), confidence=float(r.conf) if r.conf is not None else 0.5))
    return found


def outlet(url: str) -> str:
    """The outlet of an article: its URL's host without "www." ("" when there is no URL)."""
    host = urlsplit(url).hostname or "" if url.startswith(("http://", "https://")) else ""
    return host[4:] if host.startswith("www.") else host


def topic_key(value: Any) -> str:
    text = _text(value)
    return text[len(str(TOPIC)):] if text.startswith(str(TOPIC)) else text


def _chronological(row: EvidenceRow) -> tuple[str, str, int]:
    return (row.date or "9999", row.doc, row.start)


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    from diplograph.extract.records import STANCES

    return {s: counts[s] for s in sorted(counts, key=lambda s: STANCES.index(s) if s in STANCES else len(STANCES))}


def _int(value: Any) -> int:
    return int(value) if value is not None else 0


def _local(value: Any) -> str:
    return _text(value).rstrip("/").replace("#", "/").rsplit("/", 1)[-1]


def _text(value: Any) -> str:
    return "" if value is None else str(value)
