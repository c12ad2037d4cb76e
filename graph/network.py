"""RDF → networkx views of a store, for GEXF export and graph analysis.

The "actors" view: nodes are actors and topics; an actor → topic edge sums the actor's statements on
the topic (its dominant stance as the edge's stance), and an actor → actor edge sums the statements
one actor addressed to another ("told", or "called on" when it asked or urged).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import networkx as nx

from diplograph.extract.records import STANCES

from . import queries

if TYPE_CHECKING:
    from .store import GraphStore

VIEWS = ("actors",)
_CALL_CUES = re.compile(r"\b(call(s|ed|ing)?|urg(e|es|ed|ing)|ask(s|ed)?|press(ed)?|demand(s|ed)?)\b", re.I)


def network(store: GraphStore, view: str = "actors") -> nx.DiGraph:
    """The named network view of a store."""
    if view not in VIEWS:
        raise ValueError(f"unknown network view {view!r}: expected one of {', '.join(VIEWS)}")
    return actor_network(store)


def actor_network(store: GraphStore) -> nx.DiGraph:
    """Actors and topics, linked by positions (actor → topic) and addresses (actor → actor)."""
    graph = nx.DiGraph(name="diplograph actors")
    for row in store.query(queries.ACTOR_NODES):
        node = str(row.node)
        data = graph.nodes[node] if node in graph else None
        kind = _local(row.type) if row.type is not None else "Actor"
        if data is not None:  # an actor with several classes: keep the most specific one
            if data["type"] == "Actor":
                data["type"] = kind
            continue
        graph.add_node(node, label=_text(row.label) or _local(node).replace("_", " "), type=kind,
                       statements=0)
    speaking = Counter()
    for row in store.query(queries.STATEMENT_SPEAKERS):
        speaking[str(row.speaker)] = int(row.statements)
    for node, count in speaking.items():
        if node in graph:
            graph.nodes[node]["statements"] = count
    for row in store.query(queries.TOPIC_NODES):
        node = str(row.node)
        graph.add_node(node, label=_text(row.label) or _local(node).replace("_", " "), type="Topic",
                       statements=int(row.statements))
    _add_positions(graph, store)
    _add_addresses(graph, store)
    return graph


def _add_positions(graph: nx.DiGraph, store: GraphStore) -> None:
    stances: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in store.query(queries.POSITIONS):
        stances[(str(row.actor), str(row.topic))][_local(row.stance)] += int(row.statements)
    for (actor, topic), counts in stances.items():
        stance = _dominant(counts)
        weight = sum(counts.values())
        graph.add_edge(actor, topic, relation="position", stance=stance, weight=float(weight),
                       statements=weight, stances=_breakdown(counts), label=stance)


def _add_addresses(graph: nx.DiGraph, store: GraphStore) -> None:
    statements: dict[tuple[str, str], set[str]] = defaultdict(set)
    stances: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    calls: Counter[tuple[str, str]] = Counter()
    for row in store.query(queries.ADDRESSES):
        pair = (str(row.actor), str(row.addressee))
        statement = str(row.st)
        if statement in statements[pair]:
            continue
        statements[pair].add(statement)
        stances[pair][_local(row.stance) if row.stance is not None else "neutral"] += 1
        if (row.stance is not None and _local(row.stance) == "requests") or _CALL_CUES.search(_text(row.cue)):
            calls[pair] += 1
    for pair, members in statements.items():
        weight = len(members)
        label = "called on" if calls[pair] * 2 >= weight else "told"
        stance = _dominant(stances[pair])
        graph.add_edge(*pair, relation="addressed", stance=stance, weight=float(weight), statements=weight,
                       stances=_breakdown(stances[pair]), label=label)


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
