"""Position summaries and shifts: where each holder stands on each topic, and when that changed.

A position is one holder × topic × reporter (the holder itself for its own words, another actor for a
claim about the holder, kept apart). Its evidence is counted in utterances, not in reports (a wire story
republished five times is one utterance). The history is the dated utterances in date order; the
current stance is the stance of the latest (ties broken by confidence); a shift is a change of stance
between two consecutive utterances of the history. Neutral utterances say nothing about where the holder
stands: they are counted, but they neither set the current stance (unless there is nothing else) nor
make shifts.

Everything is computed here in Python, through one `Tally` per utterance (what a position needs of its
reports; tallies merge, so graph/position_tallies.py updates a position from its kept tallies and the new
reports alone), and `position_updates` turns a recomputation from the stored evidence into SPARQL updates
(delete the holders' old positions, insert the new ones) that a caller runs in the same write as the
documents they derive from (a removal, a new version, a merge, or a store without an index).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import PROV

from diplograph.ontology.terms import BASE, DG, GRAPH, STANCE

from .queries import PREFIXES, term, values

POSITIONS_GRAPH = GRAPH["positions"]
POSITION_BASE = BASE + "position/"
SHIFT_BASE = BASE + "shift/"
NEUTRAL = "neutral"

Select = Callable[[str], list]
Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One statement (or a claim in it) as evidence of where `holder` stands on `topic`."""

    statement: str  # IRI of the statement (for a claim, the statement that makes it)
    holder: str
    topic: str  # IRI
    stance: str  # local name: supports, opposes ...
    reporter: str  # the holder for its own words, the claimant for a claim
    doc: str
    date: str  # ISO date, "" when neither the text nor the article gives one
    confidence: float
    utterance: str  # IRI; a statement that is no report of a shared utterance is its own

    @property
    def claimed(self) -> bool:
        return self.holder != self.reporter


@dataclass(frozen=True, slots=True)
class Step:
    """One utterance in a position's history, with its reports."""

    utterance: str
    stance: str
    date: str
    confidence: float
    reports: tuple[str, ...]  # statement IRIs, the first one first


@dataclass(frozen=True, slots=True)
class Shift:
    """A change of stance between two consecutive utterances of a position's history."""

    iri: str
    before: Step
    after: Step


@dataclass(slots=True)
class Summary:
    """Where a holder stands on a topic, by one reporter, and how it got there."""

    iri: str
    holder: str
    topic: str
    reporter: str
    stance: str
    stances: dict[str, int]
    utterances: int
    reports: int
    undated: int
    first_date: str
    last_date: str
    evidence: tuple[str, ...]
    documents: tuple[str, ...]
    history: tuple[Step, ...]
    shifts: tuple[Shift, ...] = field(default=())

    @property
    def claimed(self) -> bool:
        return self.holder != self.reporter


def position_iri(holder: str, topic: str, reporter: str) -> URIRef:
    key = hashlib.md5(f"{holder} {topic} {reporter}".encode()).hexdigest()
    return URIRef(POSITION_BASE + key)


def summarise(evidence: Iterable[Evidence]) -> list[Summary]:
    """One summary per holder × topic × reporter of the evidence."""
    groups: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for row in evidence:
        groups[(row.holder, row.topic, row.reporter)].append(row)
    return [_summary(key, rows) for key, rows in sorted(groups.items())]


@dataclass(frozen=True, slots=True)
class Tally:
    """One utterance of a position as a running aggregate of its reports: everything the position's
    summary needs of them (the step, its report count, its latest date), kept so that new reports merge
    into it (`merge`) without the old ones being read again. Merging is order-free: the strongest and
    the first report are minima of total orders, the dates minima and maxima, the reports a sum."""

    utterance: str
    stance: str  # that of the strongest report: most confident, telling before neutral, then the first
    confidence: float
    strong_order: tuple[str, str]  # (date or "9999", statement) of the strongest report
    first: tuple[str, str]  # (date or "9999", statement) of the first report
    date: str  # the earliest report's date ("" when none is dated)
    last_date: str  # the latest report's date
    reports: int

    def step(self) -> Step:
        return Step(utterance=self.utterance, stance=self.stance, date=self.date, confidence=self.confidence,
                    reports=(self.first[1],))

    def strength(self) -> tuple[float, bool, tuple[str, str]]:
        return self.confidence, self.stance != NEUTRAL, self.strong_order


def tally(utterance: str, reports: Iterable[Evidence]) -> Tally:
    """The tally of one utterance's reports (of one position)."""
    found: Tally | None = None
    for r in reports:
        order = (r.date or "9999", r.statement)
        one = Tally(utterance=utterance, stance=r.stance, confidence=r.confidence, strong_order=order, first=order,
                    date=r.date, last_date=r.date, reports=1)
        found = one if found is None else merge(found, one)
    if found is None:
        raise ValueError(f"an utterance without reports: {utterance}")
    return found


def merge(a: Tally, b: Tally) -> Tally:
    """The tally of the reports of `a` and of `b` (no report in both)."""
    strong = a if _stronger(a, b) else b
    dates = [d for d in (a.date, b.date) if d]
    return Tally(utterance=a.utterance, stance=strong.stance, confidence=strong.confidence,
                 strong_order=strong.strong_order, first=min(a.first, b.first), date=min(dates, default=""),
                 last_date=max(a.last_date, b.last_date), reports=a.reports + b.reports)


def _stronger(a: Tally, b: Tally) -> bool:
    """Whether `a`'s strongest report wins over `b`'s: higher confidence, then telling over neutral,
    then the first in (date, statement) order (what max() over the sorted reports kept)."""
    if (a.confidence, a.stance != NEUTRAL) != (b.confidence, b.stance != NEUTRAL):
        return (a.confidence, a.stance != NEUTRAL) > (b.confidence, b.stance != NEUTRAL)
    return a.strong_order <= b.strong_order


def tallies(rows: Iterable[Evidence]) -> dict[str, Tally]:
    """The tally of each utterance of one position's evidence, by utterance."""
    by_utterance: dict[str, list[Evidence]] = defaultdict(list)
    for row in rows:
        by_utterance[row.utterance or row.statement].append(row)
    return {utterance: tally(utterance, reports) for utterance, reports in by_utterance.items()}


def _summary(key: tuple[str, str, str], rows: list[Evidence]) -> Summary:
    return summary_of(key, tallies(rows).values(), evidence=tuple(sorted({r.statement for r in rows})),
                      documents=tuple(sorted({r.doc for r in rows})))


def summary_of(key: tuple[str, str, str], tallied: Iterable[Tally], *, evidence: tuple[str, ...] = (),
               documents: tuple[str, ...] = ()) -> Summary:
    """A position's summary from the tallies of its utterances; `evidence` and `documents` are only
    carried along (to the links of `summary_quads`), the counts come from the tallies."""
    holder, topic, reporter = key
    iri = str(position_iri(holder, topic, reporter))
    counted = sorted(tallied, key=lambda t: t.utterance)
    steps = [t.step() for t in counted]
    dated = sorted((s for s in steps if s.date), key=lambda s: (s.date, s.confidence, s.utterance))
    undated = [s for s in steps if not s.date]
    telling = [s for s in dated if s.stance != NEUTRAL]
    if telling:
        current = telling[-1].stance
    else:
        fallback = [s for s in steps if s.stance != NEUTRAL] or steps
        current = max(fallback, key=lambda s: (s.date, s.confidence, s.utterance)).stance
    shifts = tuple(Shift(iri=_shift_iri(iri, a, b), before=a, after=b)
                   for a, b in zip(telling, telling[1:]) if a.stance != b.stance)
    return Summary(
        iri=iri, holder=holder, topic=topic, reporter=reporter, stance=current,
        stances=dict(Counter(s.stance for s in steps)), utterances=len(steps),
        reports=sum(t.reports for t in counted), undated=len(undated),
        first_date=min((t.date for t in counted if t.date), default=""),
        last_date=max((t.last_date for t in counted), default=""),
        evidence=evidence, documents=documents, history=tuple(dated + undated), shifts=shifts,
    )


def _shift_iri(position: str, before: Step, after: Step) -> str:
    key = hashlib.md5(f"{position} {before.utterance} {after.utterance}".encode()).hexdigest()
    return SHIFT_BASE + key


# -- to and from the store ------------------------------------------------------------------------

def summary_quads(summaries: Iterable[Summary]) -> list[Quad]:
    """The positions graph's triples of `summaries`: positions, their stance counts, their shifts."""
    quads: list[Quad] = []
    for s in summaries:
        quads += core_quads(s)
        quads += link_quads(s.iri, s.evidence, s.documents, [step.utterance for step in s.history])
    return quads


def link_quads(position: str, statements: Iterable[str], documents: Iterable[str], utterances: Iterable[str]) -> list[Quad]:
    """A position's links to its evidence statements, their documents and their utterances: the
    triples that only grow when reports are added (each new report adds its own)."""
    g, p = POSITIONS_GRAPH, URIRef(position)
    evidence, reported_in, said = DG.evidence, DG.reportedIn, DG.utterance  # a Namespace attribute builds a URIRef each time
    return ([(p, evidence, URIRef(st), g) for st in statements] + [(p, reported_in, URIRef(d), g) for d in documents]
            + [(p, said, URIRef(u), g) for u in utterances])


def core_quads(s: Summary) -> list[Quad]:
    """A position's triples but its links: counts, dates, current stance, stance counts and shifts
    (what a write rewrites when they change; their number does not grow with the evidence but with
    the utterances' changes of stance)."""
    return head_quads(s) + [q for shift in s.shifts for q in shift_quads(s, shift)]


def head_quads(s: Summary) -> list[Quad]:
    """A position's own triples and its stance counts: a handful, whatever its history."""
    return [q for part in _head_parts(s) for q in _part_quads(s, part)]


def _head_parts(s: Summary) -> dict[tuple[str, ...], Any]:
    """A position's head as parts (part → value): each part's triples are made from its value and the
    position's IRI alone, and no two parts make triples of one subject and predicate, so two summaries'
    heads differ exactly in the triples of the parts whose values differ."""
    parts: dict[tuple[str, ...], Any] = {
        ("node",): (s.holder, s.topic, s.reporter, s.claimed), ("stance",): s.stance,
        ("statementCount",): s.utterances, ("reportCount",): s.reports, ("undatedCount",): s.undated,
        ("shiftCount",): len(s.shifts)}
    if s.first_date:
        parts[("firstDate",)], parts[("lastDate",)] = s.first_date, s.last_date
    for stance, count in sorted(s.stances.items()):
        parts[("stanceNode", stance)] = True
        parts[("stanceCount", stance)] = count
    return parts


def _part_quads(s: Summary, part: tuple[str, ...]) -> list[Quad]:
    g, p, kind = POSITIONS_GRAPH, URIRef(s.iri), part[0]
    if kind == "node":
        return [(p, RDF.type, DG.Position, g), (p, RDF.type, PROV.Entity, g), (p, DG.holder, URIRef(s.holder), g),
                (p, DG.topic, URIRef(s.topic), g), (p, DG.reporter, URIRef(s.reporter), g),
                (p, DG.claimed, Literal(s.claimed), g)]
    if kind == "stance":
        return [(p, DG.stance, STANCE[s.stance], g)]
    if kind in ("statementCount", "reportCount", "undatedCount", "shiftCount"):
        value = {"statementCount": s.utterances, "reportCount": s.reports, "undatedCount": s.undated,
                 "shiftCount": len(s.shifts)}[kind]
        return [(p, DG[kind], Literal(value, datatype=XSD.integer), g)]
    if kind in ("firstDate", "lastDate"):
        return [(p, DG[kind], Literal(s.first_date if kind == "firstDate" else s.last_date, datatype=XSD.date), g)]
    node = URIRef(f"{s.iri}/{part[1]}")
    if kind == "stanceNode":
        return [(p, DG.stanceCount, node, g), (node, RDF.type, DG.StanceCount, g), (node, DG.stance, STANCE[part[1]], g)]
    return [(node, DG["count"], Literal(s.stances[part[1]], datatype=XSD.integer), g)]


def shift_quads(s: Summary, shift: Shift) -> list[Quad]:
    """The triples of one shift of position `s` (all about the shift's own node)."""
    g = POSITIONS_GRAPH
    node, p = URIRef(shift.iri), URIRef(s.iri)
    return [(node, predicate, obj, g) for predicate, obj in (
        (RDF.type, DG.Shift), (RDF.type, PROV.Entity), (DG.position, p), (DG.holder, URIRef(s.holder)),
        (DG.topic, URIRef(s.topic)), (DG.reporter, URIRef(s.reporter)), (DG.claimed, Literal(s.claimed)),
        (DG.fromStance, STANCE[shift.before.stance]), (DG.toStance, STANCE[shift.after.stance]),
        (DG.before, URIRef(shift.before.reports[0])), (DG.after, URIRef(shift.after.reports[0])),
        (DG.previousDate, Literal(shift.before.date, datatype=XSD.date)),
        (DG.date, Literal(shift.after.date, datatype=XSD.date)),
        (PROV.wasDerivedFrom, URIRef(shift.before.reports[0])), (PROV.wasDerivedFrom, URIRef(shift.after.reports[0])))]


def changed_quads(before: Summary | None, after: Summary) -> tuple[list[Quad], list[Quad]]:
    """The core triples (`core_quads`) a position's summary `before` has and `after` lacks, and those
    `after` adds: what a write deletes and inserts to bring the position from one to the other. Only the
    parts of the head whose values differ (a count, a date, the stance) and the shifts that differ are
    made into triples (a shift is made of its two steps, so an equal shift has equal triples): a popular
    position's hundreds of unchanged shifts cost a set lookup each, not fifteen triples built and compared
    (building rdflib terms was most of a write's positions update at 5M triples)."""
    if before is None:
        return [], list({_key(q): q for q in core_quads(after)}.values())
    kept = set(before.shifts) & set(after.shifts)
    was_parts, now_parts = _head_parts(before), _head_parts(after)
    changed = [part for part in was_parts.keys() | now_parts.keys() if was_parts.get(part) != now_parts.get(part)]
    old = [q for part in changed if part in was_parts for q in _part_quads(before, part)] + [
        q for shift in before.shifts if shift not in kept for q in shift_quads(before, shift)]
    new = [q for part in changed if part in now_parts for q in _part_quads(after, part)] + [
        q for shift in after.shifts if shift not in kept for q in shift_quads(after, shift)]
    was, now = {_key(q): q for q in old}, {_key(q): q for q in new}
    return [q for k, q in was.items() if k not in now], [q for k, q in now.items() if k not in was]


# The VALUES block goes inside each branch of the UNION: outside it, Oxigraph evaluates the union over
# every statement and claim of the store first and joins the VALUES afterwards, which made each batch of
# an ingest cost time in proportion to the whole store (35 s against 0.9 s for 100 pairs at 400k triples).
_EVIDENCE = PREFIXES + """\
SELECT ?st ?h ?t ?s ?r ?d ?g ?date ?published ?conf ?u WHERE {
  { %(values)s
    GRAPH ?g { ?st a dg:Statement ; dg:speaker ?h ; dg:about ?t ; dg:stance ?s ; dg:inDocument ?d } BIND(?h AS ?r) }
  UNION
  { %(values)s
    GRAPH ?g { ?c a dg:Claim ; dg:holder ?h ; dg:claimant ?r ; dg:about ?t ; dg:stance ?s ; dg:partOf ?st ;
               dg:inDocument ?d } }
  OPTIONAL { GRAPH ?g { ?st dg:date ?date } }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?published } }
  OPTIONAL { GRAPH ?g { ?st dg:confidence ?conf } }
  OPTIONAL { GRAPH ?g { ?st dg:utterance ?u } }
}
"""
_HOLDERS_IN = PREFIXES + """\
SELECT DISTINCT ?h WHERE {
  { %(values)s GRAPH ?g { ?st a dg:Statement ; dg:speaker ?h } } UNION { %(values)s GRAPH ?g { ?c a dg:Claim ; dg:holder ?h } } }
"""
_ALL_HOLDERS = PREFIXES + """\
SELECT DISTINCT ?h WHERE { { GRAPH ?g { ?st a dg:Statement ; dg:speaker ?h } }
  UNION { GRAPH ?g { ?c a dg:Claim ; dg:holder ?h } } UNION { GRAPH ?p { ?x a dg:Position ; dg:holder ?h } } }
"""


def stored_evidence(select: Select, holders: Sequence[URIRef], *, skip_graphs: Iterable[URIRef] = (),
                    pairs: Sequence[tuple[URIRef, URIRef]] = ()) -> list[Evidence]:
    """The evidence the store holds for `holders` (every topic) and for the holder × topic `pairs`,
    leaving out the graphs of `skip_graphs`."""
    skip = {str(g) for g in skip_graphs}
    found: dict[tuple[str, str, str, str], Evidence] = {}
    scopes = [values("h", holders[start:start + 500]) for start in range(0, len(holders), 500)]
    scopes += [pair_values(pairs[start:start + 500]) for start in range(0, len(pairs), 500)]
    for scope in scopes:
        for row in select(_EVIDENCE % {"values": scope}):
            if str(row.g) in skip:
                continue
            date = _iso(row.date) or _iso(row.published)
            evidence = Evidence(statement=str(row.st), holder=str(row.h), topic=str(row.t), stance=_local(row.s),
                                reporter=str(row.r), doc=str(row.d), date=date,
                                confidence=float(row.conf) if row.conf is not None else 0.5,
                                utterance=str(row.u) if row.u is not None else str(row.st))
            found.setdefault((evidence.statement, evidence.holder, evidence.topic, evidence.reporter), evidence)
    return list(found.values())


def pair_values(pairs: Sequence[tuple[URIRef, URIRef]]) -> str:
    """A VALUES block binding (?h ?t) to each holder × topic pair."""
    return "VALUES (?h ?t) { %s }" % " ".join(f"({term(h)} {term(t)})" for h, t in pairs)


def holders_in(select: Select, graphs: Sequence[URIRef]) -> set[str]:
    """The holders with evidence in the document graphs `graphs` (whose positions change when they go)."""
    if not graphs:
        return set()
    return {str(r.h) for r in select(_HOLDERS_IN % {"values": values("g", graphs)})}


def all_holders(select: Select) -> set[str]:
    return {str(r.h) for r in select(_ALL_HOLDERS)}


def position_updates(select: Select, holders: Iterable[str], *, added: Iterable[Evidence] = (),
                     dropped: Iterable[URIRef] = (), pairs: Iterable[tuple[str, str]] = ()) -> list[str]:
    """SPARQL updates that replace the positions (and shifts) of `holders` (on every topic) and of the
    holder × topic `pairs` with ones recomputed from the stored evidence, minus the graphs being
    `dropped`, plus the evidence being `added` in the same write.

    A position depends only on the evidence of its holder and topic, so a write that adds documents
    names the pairs it touches: its cost then grows with what was said by that holder on that topic,
    not with everything the holder ever said (a batch mentioning Russia no longer rewrites every
    position Russia holds). The pairs' positions are not rewritten either: their stored triples are
    read and only the difference is deleted and inserted (new evidence links, changed counts), so a
    position linking thousands of statements costs its changes, not its size."""
    targets = sorted(set(holders))
    whole = set(targets)
    narrow = sorted({(h, t) for h, t in pairs if h not in whole})
    if not targets and not narrow:
        return []
    iris = [URIRef(h) for h in targets]
    pair_iris = [(URIRef(h), URIRef(t)) for h, t in narrow]
    evidence = _unique(stored_evidence(select, iris, skip_graphs=dropped, pairs=pair_iris)
                       + [e for e in added if e.holder in whole or (e.holder, e.topic) in set(narrow)])
    rebuilt = summary_quads(summarise(e for e in evidence if e.holder in whole))
    updates = clear_positions(iris)
    if pair_iris:
        wanted = {_key(q): q for q in summary_quads(summarise(e for e in evidence if e.holder not in whole))}
        stored = stored_pair_positions(select, pair_iris)
        gone = [quad for key, quad in stored.items() if key not in wanted]
        rebuilt += [quad for key, quad in wanted.items() if key not in stored]
        updates += [delete_data(gone)] if gone else []
    return updates + ([insert_data(rebuilt)] if rebuilt else [])


_PAIR_POSITIONS = PREFIXES + """\
SELECT ?s ?p ?o WHERE {
  { %(values)s GRAPH <%(graph)s> { ?s dg:holder ?h ; dg:topic ?t ; ?p ?o } }
  UNION
  { %(values)s GRAPH <%(graph)s> { ?x dg:holder ?h ; dg:topic ?t ; dg:stanceCount ?s . ?s ?p ?o } }
}
"""


def stored_pair_positions(select: Select, pairs: Sequence[tuple[URIRef, URIRef]]) -> dict[tuple[Any, Any, Any], Quad]:
    """The positions graph's triples of the holder × topic `pairs`: their positions, stance counts and
    shifts (shifts carry their holder and topic like their position), keyed by their terms."""
    found: dict[tuple[str, str, str], Quad] = {}
    for start in range(0, len(pairs), 500):
        query = _PAIR_POSITIONS % {"values": pair_values(pairs[start:start + 500]), "graph": POSITIONS_GRAPH}
        for row in select(query):
            quad = (row.s, row.p, row.o, POSITIONS_GRAPH)
            found[_key(quad)] = quad
    return found


def _key(quad: Quad) -> tuple[Any, Any, Any]:
    """A triple as a key: rdflib terms compare and hash as RDF terms (lexical form, datatype, language), as
    their N-Triples text would, without writing that text for every evidence link of a position."""
    return quad[0], quad[1], quad[2]


def clear_positions(holders: Sequence[URIRef]) -> list[str]:
    """Updates deleting the positions, stance counts and shifts of `holders`."""
    g = term(POSITIONS_GRAPH)
    updates = []
    for start in range(0, len(holders), 500):
        scope = values("h", holders[start:start + 500])
        updates += [
            f"DELETE {{ GRAPH {g} {{ ?c ?x ?y }} }} WHERE {{ {scope} GRAPH {g} {{ ?p dg:holder ?h ; dg:stanceCount ?c . ?c ?x ?y }} }}",
            f"DELETE {{ GRAPH {g} {{ ?p ?x ?y }} }} WHERE {{ {scope} GRAPH {g} {{ ?p dg:holder ?h ; ?x ?y }} }}",
        ]
    return updates


def insert_data(quads: Sequence[Quad]) -> str:
    """An INSERT DATA update of `quads` (run after the deletes of the same request)."""
    return _data("INSERT", quads)


def delete_data(quads: Sequence[Quad]) -> str:
    """A DELETE DATA update of `quads`."""
    return _data("DELETE", quads)


def _data(verb: str, quads: Sequence[Quad]) -> str:
    by_graph: dict[URIRef, list[str]] = defaultdict(list)
    for s, p, o, graph in quads:
        by_graph[graph].append(f"{term(s) if isinstance(s, URIRef) else s.n3()} {p.n3()} {o.n3()} .")
    blocks = "".join(f"GRAPH {graph.n3()} {{\n" + "\n".join(lines) + "\n}\n" for graph, lines in by_graph.items())
    return f"{verb} DATA {{\n" + blocks + "}"


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    return list({(e.statement, e.holder, e.topic, e.reporter): e for e in evidence}.values())


def _iso(value: object) -> str:
    text = "" if value is None else str(value)
    return text[:10] if len(text) >= 10 and text[4] == "-" and text[7] == "-" else ""


def _local(value: object) -> str:
    return str(value).rstrip("/").replace("#", "/").rsplit("/", 1)[-1]
