"""The kept actor network (graph/network_index.py) read a neighbourhood at a time, for path lookups.

Opening the whole network to answer one /paths read every kept row of the archive (1.8 s at 5M triples
after a start, 2.1 s after a write); a path lookup needs the neighbourhoods its search expands and the
rows of the hops it answers with. Both are read here from the kept tables through their endpoint
indexes (`network_index.PATH_INDEXES`).

A node's neighbours come in the order networkx gives them in the undirected links graph that
graph/paths.py builds from the whole network (`_links`), so that the search (graph/route_search.py)
breaks ties between routes of equal length as before. That order is the order in which the network's
edges are first met: every edge leaves an actor, actors come first in the network sorted by IRI, and an
actor's edges go out in the order `network_rows.assemble` adds them (its positions by position IRI,
then whom it addressed or reported on, the events it took part in, and whom it met, each by IRI). So a
neighbour is ranked by (the edge's source, 0-3 for the kind, the position IRI or the target), the
smallest over the edges joining the two.

The hops of the routes found are explained from the rows that make them (`rows_around`): assembled by
the same code as the whole network, they give the same edges between those nodes, with the same
attributes and evidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .network_rows import Node, NetworkRows, Participation, Position, Speech
from .network_index import _attributes, evidence_of

if TYPE_CHECKING:
    from .statement_index import StatementIndex

CHUNK = 500  # nodes per IN list
Rank = tuple[str, int, str]

# (node, neighbour, source of the edge, kind of edge, position IRI or target) for nodes in an IN list
_EDGES = (
    "SELECT holder, topic, holder, 0, iri FROM network_positions WHERE holder IN ({})",
    "SELECT topic, holder, holder, 0, iri FROM network_positions WHERE topic IN ({})",
    "SELECT DISTINCT source, target, source, 1, target FROM network_speech WHERE source IN ({})",
    "SELECT DISTINCT target, source, source, 1, target FROM network_speech WHERE target IN ({})",
    "SELECT DISTINCT who, event, who, 2, event FROM network_events WHERE who IN ({})",
    "SELECT DISTINCT event, who, who, 2, event FROM network_events WHERE event IN ({})",
    "SELECT DISTINCT a.who, b.who, min(a.who, b.who), 3, max(a.who, b.who) FROM network_events a "
    "JOIN network_events b ON b.event = a.event WHERE a.who IN ({}) AND b.who != a.who",
)
_NODE = ("SELECT 1 FROM network_actors WHERE actor = ?1 UNION ALL SELECT 1 FROM network_positions WHERE holder = ?1 "
         "UNION ALL SELECT 1 FROM network_positions WHERE topic = ?1 UNION ALL SELECT 1 FROM network_topics WHERE topic = ?1 "
         "UNION ALL SELECT 1 FROM network_events WHERE event = ?1 LIMIT 1")


class KeptNeighbourhoods:
    """Neighbours read from the kept tables on first use and held (a store keeps one per generation)."""

    def __init__(self, index: StatementIndex) -> None:
        self.index = index
        self._known: dict[str, list[str]] = {}

    def __call__(self, node: str) -> Sequence[str]:
        if node not in self._known:
            self.load([node])
        return self._known[node]

    def __contains__(self, node: object) -> bool:
        """Whether the whole network has this node (an actor, topic or event its rows name)."""
        if node in self._known:
            return True
        with self.index._lock:
            return self.index._connect().execute(_NODE, (node,)).fetchone() is not None

    def load(self, nodes: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(n for n in nodes if n not in self._known))
        ranks: dict[str, dict[str, Rank]] = {n: {} for n in wanted}
        with self.index._lock:
            db = self.index._connect()
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start:start + CHUNK]
                marks = ", ".join("?" * len(chunk))
                for sql in _EDGES:
                    for node, other, source, kind, key in db.execute(sql.format(marks), chunk):
                        if other == node:  # a self-loop is no link
                            continue
                        rank = (source, kind, key)
                        found = ranks[node].get(other)
                        if found is None or rank < found:
                            ranks[node][other] = rank
        for node in wanted:
            self._known[node] = sorted(ranks[node], key=ranks[node].__getitem__)


def rows_around(index: StatementIndex, nodes: Iterable[str], pairs: Iterable[tuple[str, str]]) -> NetworkRows:
    """The kept rows that make these nodes and every edge between each pair, as `assemble` wants them:
    one row naming each actor and topic, every event of the nodes and of the meetings of each pair
    (with all their participants: an event's label and kind come from all its rows), the positions
    and speech between the two ends of each pair."""
    nodes = sorted(set(nodes))
    rows = NetworkRows()
    with index._lock:
        db = index._connect()
        for node in nodes:
            rows.actors += db.execute("SELECT graph, actor FROM network_actors WHERE actor = ? LIMIT 1", (node,)).fetchall()
            rows.actors += db.execute("SELECT '', holder FROM network_positions WHERE holder = ? LIMIT 1", (node,)).fetchall()
            rows.topics += db.execute("SELECT graph, topic, st, date FROM network_topics WHERE topic = ? LIMIT 1",
                                      (node,)).fetchall()
            found = db.execute("SELECT iri, label, type, role FROM network_nodes WHERE iri = ?", (node,)).fetchone()
            if found:
                rows.nodes[node] = Node(*found)
        events = set(nodes)
        for a, b in pairs:
            events |= {r[0] for r in db.execute(
                "SELECT DISTINCT x.event FROM network_events x JOIN network_events y ON y.event = x.event "
                "WHERE x.who = ? AND y.who = ?", (a, b))}
            for source, target in ((a, b), (b, a)):
                rows.positions += [Position(r[0], r[1], r[2], _attributes(r[3], evidence_of(db, r[0]))) for r in db.execute(
                    "SELECT iri, holder, topic, attributes FROM network_positions WHERE holder = ? AND topic = ?",
                    (source, target)).fetchall()]
                rows.speech += [(r[0], Speech(r[1], r[2], bool(r[3]), r[4], r[5], bool(r[6]), r[7])) for r in db.execute(
                    "SELECT * FROM network_speech WHERE source = ? AND target = ?", (source, target))]
        for event in sorted(events):
            rows.events += [(r[0], Participation(*r[1:])) for r in db.execute(
                "SELECT * FROM network_events WHERE event = ?", (event,))]
    rows.positions = list({p.iri: p for p in rows.positions}.values())
    return rows
