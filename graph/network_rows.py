"""The actor network's raw rows, read from the store per document graph, and the network they make.

The `actors` view (graph/network.py) is an aggregate of small facts that each live in one document
graph (who spoke, to whom, about what, who took part in which event) or in the positions graph (one
edge per own position). `read_rows` reads those facts for some document graphs (or all of them) and
the own positions of some holders (or all); `assemble` turns rows into the networkx view. The store
path (graph/network.py, every build reads the whole store) and the kept path (graph/network_index.py,
rows kept per document in the SQLite index beside the store and replaced on write) share `assemble`,
so both give the same network, node for node, edge for edge, in the same order (tests/graph/
test_graph_network_index.py). Rows are sorted before they are assembled: the network, and the order of
paths of equal length, do not depend on the order in which Oxigraph or SQLite return rows.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx
from rdflib import URIRef

from diplograph.extract.records import STANCES

from .iris import ACTORS_GRAPH, ONTOLOGY_GRAPH
from .queries import ACTOR_TYPES, PREFIXES, values
from .summaries import POSITIONS_GRAPH

Select = Callable[[str], list[Any]]
SHARED = {str(ACTORS_GRAPH), str(ONTOLOGY_GRAPH), str(POSITIONS_GRAPH)}
CHUNK = 400  # IRIs per VALUES block
_CALL_CUES = re.compile(r"\b(call(s|ed|ing)?|urg(e|es|ed|ing)|ask(s|ed)?|press(ed)?|demand(s|ed)?)\b", re.I)
_CRITICAL = {"opposes", "rejects"}
MEETING_RELATIONS = {"held": "met", "planned": "planned meeting", "cancelled": "cancelled meeting"}
MEETING_LABELS = {"met": "met", "planned meeting": "planned to meet", "cancelled meeting": "cancelled a meeting with"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Facts of document graphs, one row each, keyed by the graph (%(values)s: a VALUES ?g block, or nothing
# for every graph; inside each branch of a UNION, else Oxigraph evaluates the union over every graph
# before joining). Optional parts are read outside the GRAPH blocks that bind their subject.
_ACTORS = PREFIXES + """\
SELECT DISTINCT ?g ?node WHERE { %(values)s
  GRAPH ?g { ?x dg:speaker|dg:addressee|dg:participant|dg:holder|dg:claimant ?node } }
"""
_SPEAKERS = PREFIXES + """\
SELECT DISTINCT ?g ?speaker ?st WHERE { %(values)s GRAPH ?g { ?st a dg:Statement ; dg:speaker ?speaker } }
"""
_TOPICS = PREFIXES + """\
SELECT DISTINCT ?g ?topic ?st ?date WHERE { %(values)s
  GRAPH ?g { ?st a dg:Statement ; dg:about ?topic ; dg:inDocument ?d }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?date } }
}
"""
# The statement's document is read inside each branch, where VALUES has bound ?g: joined after the UNION,
# Oxigraph read every statement's dg:inDocument in the store first (10 ms for 50 documents at 0.1M triples,
# 166-223 ms at 5M; inside the branches 9 and 18 ms, the same rows).
_SPEECH = PREFIXES + """\
SELECT DISTINCT ?g ?source ?target ?st ?cue ?stance ?date ?claim WHERE {
  { %(values)s GRAPH ?g { ?st a dg:Statement ; dg:speaker ?source ; dg:addressee ?target ; dg:stance ?stance ;
                          dg:inDocument ?d }
    OPTIONAL { GRAPH ?g { ?st dg:cue ?cue } } BIND(false AS ?claim) }
  UNION
  { %(values)s GRAPH ?g { ?c a dg:Claim ; dg:claimant ?source ; dg:holder ?target ; dg:stance ?stance ; dg:partOf ?st .
                          ?st dg:inDocument ?d }
    BIND(true AS ?claim) }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?date } }
}
"""
_EVENTS = PREFIXES + """\
SELECT DISTINCT ?g ?e ?kind ?who ?role ?date ?published ?place ?status ?planned WHERE { %(values)s
  GRAPH ?g { ?e a dg:Event ; dg:kind ?kind ; dg:participant ?who ; dg:inDocument ?d }
  OPTIONAL { GRAPH ?g { ?e dg:date ?date } } OPTIONAL { GRAPH ?g { ?e dg:place ?place } }
  OPTIONAL { GRAPH ?g { ?e dg:host ?who } BIND("host" AS ?role) }
  OPTIONAL { GRAPH ?g { ?e dg:guest ?who } BIND("guest" AS ?role) }
  OPTIONAL { GRAPH ?g { ?e dg:status ?status } } OPTIONAL { GRAPH ?g { ?e dg:planned ?planned } }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?published } }
}
"""

# What a node says about itself (label, actor type, role), for some nodes (a VALUES ?node block).
_LABELS = PREFIXES + "SELECT DISTINCT ?node ?l WHERE { %s GRAPH ?a { ?node skos:prefLabel ?l } }"
_TYPES = PREFIXES + "SELECT DISTINCT ?node ?type WHERE { %%s GRAPH ?b { VALUES ?type { %s } ?node a ?type } }" % ACTOR_TYPES
_ROLES = PREFIXES + "SELECT DISTINCT ?node ?role WHERE { %s GRAPH ?c { ?node dg:role ?role } }"

# Own positions (%(values)s: a VALUES ?h block, or nothing for every holder), with their stance counts
# and the stance each took on the dates of its shifts.
_P = "GRAPH <%s>" % POSITIONS_GRAPH
_POSITIONS = PREFIXES + """\
SELECT ?p ?h ?t ?s ?n ?first ?last WHERE { %(values)s
  """ + _P + """ { ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; dg:stance ?s ; dg:statementCount ?n ; dg:claimed false }
  OPTIONAL { """ + _P + """ { ?p dg:firstDate ?first } }
  OPTIONAL { """ + _P + """ { ?p dg:lastDate ?last } }
}
"""
_EVIDENCE = PREFIXES + """\
SELECT DISTINCT ?p ?ev WHERE { %(values)s """ + _P + """ { ?p a dg:Position ; dg:holder ?h ; dg:claimed false ; dg:evidence ?ev } }
"""
_STANCE_COUNTS = PREFIXES + """\
SELECT DISTINCT ?p ?s ?n WHERE { %(values)s """ + _P + """ {
  ?p a dg:Position ; dg:holder ?h ; dg:claimed false ; dg:stanceCount ?c . ?c dg:stance ?s ; dg:count ?n } }
"""
_SHIFTS = PREFIXES + """\
SELECT DISTINCT ?x ?p ?from ?to ?previous ?date WHERE { %(values)s """ + _P + """ {
  ?x a dg:Shift ; dg:position ?p ; dg:claimed false ; dg:fromStance ?from ; dg:toStance ?to ;
     dg:previousDate ?previous ; dg:date ?date . ?p dg:holder ?h } }
"""


class Speech(NamedTuple):
    """A statement addressed to someone (`claim` False), or a claim about someone it reports (True)."""

    source: str
    target: str
    claim: bool
    statement: str
    stance: str
    call: bool  # the stance is a request, or the cue is a verb of calling on
    date: str


class Participation(NamedTuple):
    """One participant of one event, with what the event says of itself."""

    event: str
    kind: str
    who: str
    role: str
    date: str  # the event's date, else its article's
    place: str
    status: str  # held, planned or cancelled


class Position(NamedTuple):
    """One own position as its network edge: holder → topic, the edge's attributes as JSON-able data."""

    iri: str
    holder: str
    topic: str
    attributes: dict[str, Any]


class Node(NamedTuple):
    """What an actor or topic says of itself: label ("" when none), actor type, role."""

    iri: str
    label: str
    type: str
    role: str


@dataclass
class NetworkRows:
    """Raw rows of the actor network; `graph` keys are the document graphs the rows come from."""

    actors: list[tuple[str, str]] = field(default_factory=list)  # (graph, actor)
    speakers: list[tuple[str, str, str]] = field(default_factory=list)  # (graph, speaker, statement)
    topics: list[tuple[str, str, str, str]] = field(default_factory=list)  # (graph, topic, statement, date)
    speech: list[tuple[str, Speech]] = field(default_factory=list)
    events: list[tuple[str, Participation]] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    positions: list[Position] = field(default_factory=list)

    def graphs(self) -> set[str]:
        return {g for g, *_ in self.actors} | {g for g, *_ in self.speakers} | {g for g, _ in self.events}

    def named(self) -> set[str]:
        """Every actor and topic these rows name (whose labels, types and roles the network shows)."""
        return ({a for _, a in self.actors} | {t for _, t, _, _ in self.topics} | {p.holder for p in self.positions}
                | {p.topic for p in self.positions})


# -- reading from the store ------------------------------------------------------------------------


def read_rows(select: Select, graphs: Sequence[URIRef] | None, holders: Iterable[str] | None) -> NetworkRows:
    """The rows of the document graphs `graphs` (None: every graph) and the own positions of `holders`
    (None: every holder), with the labels, types and roles of every node they name."""
    rows = NetworkRows()
    for block in _blocks("g", graphs):  # every graph: the shared ones' holders come with the positions
        rows.actors += [(str(r.g), str(r.node)) for r in select(_ACTORS % {"values": block})
                        if graphs is not None or str(r.g) not in SHARED]
        rows.speakers += [(str(r.g), str(r.speaker), str(r.st)) for r in select(_SPEAKERS % {"values": block})]
        rows.topics += [(str(r.g), str(r.topic), str(r.st), _text(r.date)) for r in select(_TOPICS % {"values": block})]
        rows.speech += [(str(r.g), _speech(r)) for r in select(_SPEECH % {"values": block})]
        rows.events += [(str(r.g), _participation(r)) for r in select(_EVENTS % {"values": block})]
    rows.positions = read_positions(select, holders)
    rows.nodes = read_nodes(select, rows.named())
    return rows


def read_positions(select: Select, holders: Iterable[str] | None) -> list[Position]:
    """The own positions of `holders` (None: of every holder) as network edges."""
    wanted = None if holders is None else sorted(set(holders))
    if wanted is not None and not wanted:
        return []
    found: list[Position] = []
    for block in _blocks("h", None if wanted is None else [URIRef(h) for h in wanted]):
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for r in select(_STANCE_COUNTS % {"values": block}):
            counts[str(r.p)][_local(r.s)] = int(r.n)
        shifts: dict[str, set[tuple[str, str, str, str, str]]] = defaultdict(set)
        for r in select(_SHIFTS % {"values": block}):
            shifts[str(r.p)].add((_text(r.date)[:10], _text(r.previous)[:10], _local(r["from"]), _local(r.to), str(r.x)))
        evidence: dict[str, set[str]] = defaultdict(set)
        for r in select(_EVIDENCE % {"values": block}):
            evidence[str(r.p)].add(str(r.ev))
        seen: set[str] = set()
        for r in sorted(select(_POSITIONS % {"values": block}), key=lambda r: tuple(_text(v) for v in r)):
            position = str(r.p)
            if position in seen:  # a position stores one of each; should one hold two, the first (sorted) wins
                continue
            seen.add(position)
            found.append(Position(position, str(r.h), str(r.t), _position_edge(
                _local(r.s), int(r.n), _text(r.first)[:10], _text(r.last)[:10], counts[position],
                [s[:4] for s in sorted(shifts.get(position, ()))], evidence.get(position, set()))))
    return found


def read_nodes(select: Select, iris: Iterable[str]) -> dict[str, Node]:
    """Label, actor type and role of each IRI (the smallest label and the largest role when several)."""
    labels: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, set[str]] = defaultdict(set)
    wanted = sorted(set(iris))
    for start in range(0, len(wanted), CHUNK):
        block = values("node", [URIRef(i) for i in wanted[start:start + CHUNK]])
        for r in select(_LABELS % block):
            labels[str(r.node)].add(str(r.l))
        for r in select(_TYPES % block):
            types[str(r.node)].add(str(r.type))
        for r in select(_ROLES % block):
            roles[str(r.node)].add(str(r.role))
    return {i: Node(i, min(labels[i], default=""), _actor_type(types.get(i, set())), max(roles[i], default=""))
            for i in wanted}


def _blocks(variable: str, iris: Sequence[URIRef] | None) -> Iterable[str]:
    if iris is None:
        yield ""
        return
    for start in range(0, len(iris), CHUNK):
        yield values(variable, iris[start:start + CHUNK])


def _speech(r: Any) -> Speech:
    stance = _local(r.stance)
    return Speech(str(r.source), str(r.target), _text(r.claim) in ("true", "1"), str(r.st), stance,
                  stance == "requests" or bool(_CALL_CUES.search(_text(r.cue))), _text(r.date))


def _participation(r: Any) -> Participation:
    status = _local(r.status).lower() if r.status is not None else \
        ("planned" if _text(r.planned) in ("true", "1") else "held")
    return Participation(str(r.e), _text(r.kind), str(r.who), _text(r.role), _text(r.date) or _text(r.published),
                         _text(r.place), status)


def summary_edge(summary: Any, evidence: Iterable[str]) -> Position:
    """An own position's edge from its computed summary (graph/summaries.py `Summary`) and all its
    evidence statements: the edge `read_positions` reads back once the summary is stored."""
    shifts = sorted((s.after.date, s.before.date, s.before.stance, s.after.stance, s.iri) for s in summary.shifts)
    return Position(summary.iri, summary.holder, summary.topic, _position_edge(
        summary.stance, summary.utterances, summary.first_date, summary.last_date, Counter(summary.stances),
        [s[:4] for s in shifts], set(evidence)))


def _position_edge(stance: str, weight: int, first: str, last: str, counts: Counter[str],
                   shifts: list[tuple[str, str, str, str]], evidence: set[str]) -> dict[str, Any]:
    """One own position's edge: current stance, weight in utterances, its shifts, and the stance it held
    from each date on (`stance_spells`: (start, end, stance), for the dynamic GEXF)."""
    return {"relation": "position", "stance": stance, "weight": float(weight), "statements": weight,
            "stances": _breakdown(counts), "label": stance, "first": first, "last": last, "shift": len(shifts),
            "dates": tuple(sorted({d for d in (first, last) if d} | {s[0] for s in shifts})),
            "stance_spells": _stance_spells(first, shifts, stance), "evidence": tuple(sorted(evidence))}


def _stance_spells(first: str, shifts: list[tuple[str, str, str, str]], current: str) -> tuple[tuple[str, str, str], ...]:
    """(start, end, stance) from the first date to each shift, the last one open-ended ("")."""
    if not first or not shifts:
        return ((first, "", current),) if first else ()
    spells, start = [], first
    for date, _, before, _ in shifts:
        spells.append((start, date, before))
        start = date
    spells.append((start, "", shifts[-1][3]))
    return tuple(spells)


# -- the network -------------------------------------------------------------------------------------


def assemble(rows: NetworkRows) -> nx.MultiDiGraph:
    """Actors, topics and events, linked by positions, speech, claims, meetings and participation."""
    graph = nx.MultiDiGraph(name="diplograph actors")
    nodes = rows.nodes
    said: dict[str, set[str]] = defaultdict(set)
    for _, speaker, statement in rows.speakers:
        said[speaker].add(statement)
    for actor in sorted({a for _, a in rows.actors} | {p.holder for p in rows.positions}):
        node = nodes.get(actor) or Node(actor, "", "Actor", "")
        graph.add_node(actor, label=node.label or _local(actor).replace("_", " "), type=node.type, role=node.role,
                       statements=len(said.get(actor, ())))
    about: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[str]] = defaultdict(set)
    for _, topic, statement, date in rows.topics:
        about[topic].add(statement)
        if date:
            dates[topic].add(date)
    for topic in sorted(about):
        node = nodes.get(topic)
        graph.add_node(topic, label=(node.label if node else "") or _local(topic).replace("_", " "), type="Topic",
                       role="", statements=len(about[topic]), first=min(dates[topic], default=""),
                       last=max(dates[topic], default=""))
    for position in sorted(rows.positions):
        graph.add_edge(position.holder, position.topic, key="position", **position.attributes)
    _add_speech(graph, [s for _, s in rows.speech])
    _add_events(graph, [p for _, p in rows.events])
    _date_nodes(graph)
    return graph


def _add_speech(graph: nx.MultiDiGraph, speech: list[Speech]) -> None:
    links: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in sorted(set(speech)):
        key = (row.source, row.target, "reported on" if row.claim else "addressed")
        link = links.setdefault(key, {"statements": set(), "stances": Counter(), "calls": 0, "dates": set()})
        if row.statement in link["statements"]:
            continue
        link["statements"].add(row.statement)
        link["stances"][row.stance] += 1
        link["calls"] += row.call
        if row.date:
            link["dates"].add(row.date)
    for (source, target, relation), link in sorted(links.items()):
        weight = len(link["statements"])
        stance = _dominant(link["stances"])
        if relation == "reported on":
            label = "reported on"
        elif stance in _CRITICAL:
            label = "criticised"
        else:
            label = "called on" if link["calls"] * 2 >= weight else "told"
        graph.add_edge(source, target, key=relation, relation=relation, stance=stance, weight=float(weight),
                       statements=weight, stances=_breakdown(link["stances"]), label=label,
                       first=min(link["dates"], default=""), last=max(link["dates"], default=""),
                       dates=tuple(sorted(link["dates"])), evidence=tuple(sorted(link["statements"])))


def _add_events(graph: nx.MultiDiGraph, participations: list[Participation]) -> None:
    events: dict[str, dict[str, Any]] = {}
    for row in sorted(set(participations)):
        event = events.setdefault(row.event, {"kind": row.kind, "who": set(), "place": row.place, "date": row.date,
                                              "status": row.status, "roles": {}})
        event["who"].add(row.who)
        if row.role:  # a visit's guest and host; other participants take part without a role
            event["roles"][row.who] = row.role
    met: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: {"events": set(), "dates": set()})
    for iri, event in events.items():
        date = event["date"] if _DAY.match(event["date"]) else ""
        label = f"{event['kind']} in {event['place']}" if event["place"] else event["kind"]
        if event["status"] != "held":
            label = f"{event['status']} {label}"
        graph.add_node(iri, label=label, type="Event", role=event["kind"], statements=0, first=date, last=date,
                       status=event["status"])
        for who in sorted(event["who"]):
            role = event["roles"].get(who, "")
            graph.add_edge(who, iri, key="took part", relation="took part", stance="", weight=1.0, statements=0,
                           stances="", label=f"took part as {role}" if role else "took part", role=role, first=date,
                           last=date, dates=(date,) if date else (), evidence=(iri,))
        people = sorted(event["who"])
        relation = MEETING_RELATIONS.get(event["status"], "met")
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                met[(a, b, relation)]["events"].add(iri)
                if date:
                    met[(a, b, relation)]["dates"].add(date)
    for (a, b, relation), found in sorted(met.items()):  # only held meetings are "met"; the others are their own kind
        graph.add_edge(a, b, key=relation, relation=relation, stance="", weight=float(len(found["events"])),
                       statements=0, stances="", label=MEETING_LABELS[relation], first=min(found["dates"], default=""),
                       last=max(found["dates"], default=""), dates=tuple(sorted(found["dates"])),
                       evidence=tuple(sorted(found["events"])))


def _date_nodes(graph: nx.MultiDiGraph) -> None:
    """A node appears on Gephi's timeline with its first edge and stays to its last."""
    for node, data in graph.nodes(data=True):
        dates = [d[k] for _, _, d in graph.edges(node, data=True) for k in ("first", "last") if d.get(k)]
        dates += [d[k] for _, _, d in graph.in_edges(node, data=True) for k in ("first", "last") if d.get(k)]
        if dates:
            data["first"], data["last"] = min(dates), max(dates)
        else:
            data.setdefault("first", "")
            data.setdefault("last", "")


def _actor_type(types: set[str]) -> str:
    names = {_local(t) for t in types}
    for name in ("Person", "State", "Organization", "Group"):
        if name in names:
            return name
    return "Actor"


def _dominant(counts: Counter[str]) -> str:
    """The most frequent stance; ties go to the stronger stance (the order of STANCES)."""
    return max(counts, key=lambda s: (counts[s], -STANCES.index(s) if s in STANCES else -len(STANCES)))


def _breakdown(counts: Counter[str]) -> str:
    order = {s: i for i, s in enumerate(STANCES)}
    return " ".join(f"{s}:{counts[s]}" for s in sorted(counts, key=lambda s: order.get(s, len(order))))


def _local(value: Any) -> str:
    return re.split(r"[/#]", str(value))[-1]


def _text(value: Any) -> str:
    return "" if value is None else str(value)
