"""RDF → networkx views of a store, for Gephi exports, centrality and paths.

`actors`: actors, topics and events. actor → topic edges are the actor's own positions (current
stance, weight = utterances, first/last date, shifts, and the stance on each date for the dynamic GEXF);
actor → actor edges say who told, called on or criticised whom, who met whom (held meetings only), who
plans to meet or called off meeting whom ("planned meeting", "cancelled meeting" edges), and who reported
on (made claims about) whom; actor → event edges say who took part.
`full`: every resource of the document, positions and actor graphs, linked by every IRI-valued triple.
Edges carry the IRIs of their evidence (statements or events) so that paths can quote it. The view is a
MultiDiGraph keyed by relation: two actors who met and spoke keep both links.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from diplograph.extract.records import STANCES

from .queries import ACTOR_TYPES, PREFIXES

if TYPE_CHECKING:
    from .store import GraphStore

VIEWS = ("actors", "full")
_CALL_CUES = re.compile(r"\b(call(s|ed|ing)?|urg(e|es|ed|ing)|ask(s|ed)?|press(ed)?|demand(s|ed)?)\b", re.I)
_CRITICAL = {"opposes", "rejects"}
MEETING_RELATIONS = {"held": "met", "planned": "planned meeting", "cancelled": "cancelled meeting"}
MEETING_LABELS = {"met": "met", "planned meeting": "planned to meet", "cancelled meeting": "cancelled a meeting with"}

# Optional parts are read outside the GRAPH blocks that bind their subject: inside them, Oxigraph
# reads them for every resource of the store before joining.
ACTOR_NODES = PREFIXES + """\
SELECT ?node (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types) ?role WHERE {
  { SELECT DISTINCT ?node WHERE { GRAPH ?g { ?x dg:speaker|dg:addressee|dg:participant|dg:holder|dg:claimant ?node } } }
  OPTIONAL { GRAPH ?a { ?node skos:prefLabel ?l } }
  OPTIONAL { GRAPH ?b { VALUES ?type { %s } ?node a ?type } }
  OPTIONAL { GRAPH ?c { ?node dg:role ?role } }
} GROUP BY ?node ?role
""" % ACTOR_TYPES

SPEAKER_COUNTS = PREFIXES + """\
SELECT ?speaker (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st a dg:Statement ; dg:speaker ?speaker } }
GROUP BY ?speaker
"""

TOPICS = PREFIXES + """\
SELECT ?node (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?st) AS ?n) (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
  GRAPH ?g { ?st a dg:Statement ; dg:about ?node ; dg:inDocument ?d }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?date } }
  OPTIONAL { GRAPH ?o { ?node skos:prefLabel ?l } }
} GROUP BY ?node
"""

OWN_POSITIONS = PREFIXES + """\
SELECT ?p ?h ?t ?s ?n ?first ?last ?shifts (GROUP_CONCAT(STR(?ev); separator=" ") AS ?evidence) WHERE {
  GRAPH <https://w3id.org/diplograph/graph/positions> {
    ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; dg:stance ?s ; dg:statementCount ?n ; dg:claimed false ;
       dg:evidence ?ev . }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/positions> { ?p dg:firstDate ?first } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/positions> { ?p dg:lastDate ?last } }
  OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/positions> { ?p dg:shiftCount ?shifts } }
} GROUP BY ?p ?h ?t ?s ?n ?first ?last ?shifts
"""

# The stance counts of own positions, and the stance an own position took on each date of its shifts.
STANCE_COUNTS = PREFIXES + """\
SELECT ?p ?s ?n WHERE { GRAPH <https://w3id.org/diplograph/graph/positions> {
  ?p a dg:Position ; dg:claimed false ; dg:stanceCount ?c . ?c dg:stance ?s ; dg:count ?n } }
"""
SHIFT_DATES = PREFIXES + """\
SELECT ?p ?from ?to ?previous ?date WHERE { GRAPH <https://w3id.org/diplograph/graph/positions> {
  ?x a dg:Shift ; dg:position ?p ; dg:claimed false ; dg:fromStance ?from ; dg:toStance ?to ;
     dg:previousDate ?previous ; dg:date ?date } }
"""

# Statements addressed to someone, and claims about someone: the actor → actor links of speech.
SPEECH_LINKS = PREFIXES + """\
SELECT ?source ?target ?st ?cue ?stance ?date ?claim WHERE {
  { GRAPH ?g { ?st a dg:Statement ; dg:speaker ?source ; dg:addressee ?target ; dg:stance ?stance }
    OPTIONAL { GRAPH ?g { ?st dg:cue ?cue } } BIND(false AS ?claim) }
  UNION
  { GRAPH ?g { ?c a dg:Claim ; dg:claimant ?source ; dg:holder ?target ; dg:stance ?stance ; dg:partOf ?st }
    BIND(true AS ?claim) }
  GRAPH ?g { ?st dg:inDocument ?d }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?date } }
}
"""

EVENTS = PREFIXES + """\
SELECT ?e ?kind ?who ?role ?date ?published ?place ?status ?planned WHERE {
  GRAPH ?g { ?e a dg:Event ; dg:kind ?kind ; dg:participant ?who ; dg:inDocument ?d }
  OPTIONAL { GRAPH ?g { ?e dg:date ?date } } OPTIONAL { GRAPH ?g { ?e dg:place ?place } }
  OPTIONAL { GRAPH ?g { ?e dg:host ?who } BIND("host" AS ?role) }
  OPTIONAL { GRAPH ?g { ?e dg:guest ?who } BIND("guest" AS ?role) }
  OPTIONAL { GRAPH ?g { ?e dg:status ?status } } OPTIONAL { GRAPH ?g { ?e dg:planned ?planned } }
  OPTIONAL { GRAPH ?g { ?d schema:datePublished ?published } }
}
"""


def network(store: GraphStore, view: str = "actors") -> nx.MultiDiGraph:
    """The named network view of a store."""
    if view not in VIEWS:
        raise ValueError(f"unknown network view {view!r}: expected one of {', '.join(VIEWS)}")
    if view == "full":
        from .fullview import full_network

        return full_network(store)
    return actor_network(store)


def actor_network(store: GraphStore) -> nx.MultiDiGraph:
    """Actors, topics and events, linked by positions, speech, claims, meetings and participation."""
    graph = nx.MultiDiGraph(name="diplograph actors")
    for row in store._select(ACTOR_NODES):
        graph.add_node(str(row.node), label=_text(row.label) or _local(row.node).replace("_", " "),
                       type=_actor_type(_text(row.types)), role=_text(row.role), statements=0)
    for row in store._select(SPEAKER_COUNTS):
        if str(row.speaker) in graph:
            graph.nodes[str(row.speaker)]["statements"] = int(row.n)
    for row in store._select(TOPICS):
        graph.add_node(str(row.node), label=_text(row.label) or _local(row.node).replace("_", " "), type="Topic",
                       role="", statements=int(row.n), first=_text(row.first), last=_text(row.last))
    _add_positions(graph, store)
    _add_speech(graph, store)
    _add_events(graph, store)
    _date_nodes(graph)
    return graph


def _add_positions(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    """One edge per own position: its current stance, weight in utterances, its shifts, and the stance
    it held from each date on (`stance_spells`: (start, end, stance), for the dynamic GEXF)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in store._select(STANCE_COUNTS):
        counts[str(row.p)][_local(row.s)] = int(row.n)
    changes: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in store._select(SHIFT_DATES):
        changes[str(row.p)].append((_text(row.date)[:10], _text(row.previous)[:10], _local(row["from"]), _local(row.to)))
    for row in store._select(OWN_POSITIONS):
        position, first, last = str(row.p), _text(row.first)[:10], _text(row.last)[:10]
        weight = int(row.n)
        shifts = sorted(changes.get(position, []))
        graph.add_edge(str(row.h), str(row.t), key="position", relation="position", stance=_local(row.s),
                       weight=float(weight), statements=weight, stances=_breakdown(counts[position]),
                       label=_local(row.s), first=first, last=last, shift=len(shifts),
                       dates=tuple(sorted({d for d in (first, last) if d} | {s[0] for s in shifts})),
                       stance_spells=_stance_spells(first, shifts, _local(row.s)),
                       evidence=tuple(sorted(set(_text(row.evidence).split()))))


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


def _add_speech(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    links: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in store._select(SPEECH_LINKS):
        claim = _text(row.claim) in ("true", "1")
        key = (str(row.source), str(row.target), "reported on" if claim else "addressed")
        link = links.setdefault(key, {"statements": set(), "stances": Counter(), "calls": 0, "dates": set()})
        if str(row.st) in link["statements"]:
            continue
        link["statements"].add(str(row.st))
        stance = _local(row.stance)
        link["stances"][stance] += 1
        link["calls"] += stance == "requests" or bool(_CALL_CUES.search(_text(row.cue)))
        if row.date is not None:
            link["dates"].add(str(row.date))
    for (source, target, relation), link in links.items():
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
                       dates=tuple(sorted(link["dates"])),
                       evidence=tuple(sorted(link["statements"])))


def _add_events(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    events: dict[str, dict[str, Any]] = {}
    for row in store._select(EVENTS):
        status = _local(row.status).lower() if row.status is not None else \
            ("planned" if _text(row.planned) in ("true", "1") else "held")
        event = events.setdefault(str(row.e), {"kind": _text(row.kind), "who": set(), "place": _text(row.place),
                                               "date": _text(row.date) or _text(row.published), "status": status,
                                               "roles": {}})
        event["who"].add(str(row.who))
        if row.role is not None:  # a visit's guest and host; other participants take part without a role
            event["roles"][str(row.who)] = _text(row.role)
    met: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: {"events": set(), "dates": set()})
    for iri, event in events.items():
        date = event["date"] if re.match(r"^\d{4}-\d{2}-\d{2}$", event["date"]) else ""
        label = f"{event['kind']} in {event['place']}" if event["place"] else event["kind"]
        if event["status"] != "held":
            label = f"{event['status']} {label}"
        graph.add_node(iri, label=label, type="Event", role=event["kind"], statements=0, first=date, last=date,
                       status=event["status"])
        for who in sorted(event["who"]):
            role = event["roles"].get(who, "")
            graph.add_edge(who, iri, key="took part", relation="took part", stance="", weight=1.0, statements=0,
                           stances="", label=f"took part as {role}" if role else "took part", role=role, first=date, last=date, dates=(date,) if date else (),
                           evidence=(iri,))
        people = sorted(event["who"])
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                met[(a, b, MEETING_RELATIONS[event["status"]])]["events"].add(iri)
                if date:
                    met[(a, b, MEETING_RELATIONS[event["status"]])]["dates"].add(date)
    for (a, b, relation), found in met.items():  # only held meetings are "met"; the others are their own kind
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


def _actor_type(types: str) -> str:
    names = {_local(t) for t in types.split()}
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
