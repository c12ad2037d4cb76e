"""The k shortest simple routes between two nodes, read neighbourhood by neighbourhood and bounded in hops.

Yen's algorithm over a two-ended breadth-first search, written for diplograph so that it lists the
same routes in the same order, with the same tie-breaking, as networkx's `shortest_simple_paths` on an
unweighted graph (what `paths` answered with before; tested against networkx on the seeds and on a
generated multi-document store). networkx itself cannot serve here for two reasons: it asks a graph for
whole adjacency dicts, where the kept network (graph/network_neighbours.py) reads a node's neighbours
from SQLite only when the search reaches them, a level at a time; and it searches without a bound, so a
pair farther apart than `max_hops` (or a spur route that is) explores the whole component, where here
a search stops as soon as no route within the hops left can be found. A route longer than `max_hops`
is never listed by `paths`, so leaving such routes out changes no answer.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from heapq import heappop, heappush
from itertools import count
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import networkx as nx


class Neighbourhoods(Protocol):
    """A node's neighbours in the order of the undirected links graph (graph/paths.py `_links`)."""

    def __call__(self, node: str) -> Sequence[str]: ...

    def load(self, nodes: Iterable[str]) -> None:
        """Read these nodes' neighbours ahead, in one go (a search is about to expand them)."""


def k_shortest(neighbours: Neighbourhoods, source: str, target: str, k: int, max_hops: int) -> list[list[str]]:
    """Up to `k` shortest simple routes of at most `max_hops` hops from `source` to `target`, in networkx's order."""
    found: list[list[str]] = []
    heap: list[tuple[int, int, list[str]]] = []
    queued: set[tuple[str, ...]] = set()
    order = count()

    def push(cost: int, route: list[str]) -> None:  # a route queued once, as networkx queues it
        if tuple(route) not in queued:
            heappush(heap, (cost, next(order), route))
            queued.add(tuple(route))

    previous: list[str] | None = None
    while len(found) < k:
        if previous is None:
            route = _bidirectional(neighbours, source, target, set(), set(), max_hops)
            if route is not None:
                push(len(route), route)
        else:
            ignore_nodes: set[str] = set()
            ignore_edges: set[tuple[str, str]] = set()
            for i in range(1, len(previous)):
                root = previous[:i]
                for route in found:
                    if route[:i] == root:
                        ignore_edges.add((route[i - 1], route[i]))
                spur = _bidirectional(neighbours, root[-1], target, ignore_nodes, ignore_edges, max_hops - (i - 1))
                if spur is not None:  # networkx's cost: nodes of the root plus nodes of the spur
                    push(len(root) + len(spur), root[:-1] + spur)
                ignore_nodes.add(root[-1])
        if not heap:
            break
        _, _, route = heappop(heap)
        queued.discard(tuple(route))
        found.append(route)
        previous = route
    return found


def _bidirectional(neighbours: Neighbourhoods, source: str, target: str, ignore_nodes: set[str],
                   ignore_edges: set[tuple[str, str]], budget: int) -> list[str] | None:
    """A two-ended breadth-first search with a bound: None when no route of at most `budget` hops
    avoids the ignored nodes and edges. The route it finds when it expands a level has as many hops as
    the two searches' depths plus one, so once that exceeds the budget nothing within it is left."""
    if source in ignore_nodes or target in ignore_nodes:
        return None
    if source == target:
        return [source]

    def step(v: str) -> Iterable[str]:
        for w in neighbours(v):
            if w not in ignore_nodes and (v, w) not in ignore_edges and (w, v) not in ignore_edges:
                yield w

    pred: dict[str, str | None] = {source: None}
    succ: dict[str, str | None] = {target: None}
    forward, reverse = [source], [target]
    depths = [0, 0]
    while forward and reverse:
        if depths[0] + depths[1] + 1 > budget:
            return None
        if len(forward) <= len(reverse):
            depths[0] += 1
            neighbours.load(forward)
            forward, meet = _grow(forward, pred, succ, step)
        else:
            depths[1] += 1
            neighbours.load(reverse)
            reverse, meet = _grow(reverse, succ, pred, step)
        if meet is not None:
            return _joined(pred, succ, meet)
    return None


def _grow(level: list[str], reached: dict[str, str | None], opposite: dict[str, str | None],
          step: Callable[[str], Iterable[str]]) -> tuple[list[str], str | None]:
    """One level of one side's search: the nodes it newly reaches, and the node where it meets the other side."""
    grown: list[str] = []
    for v in level:
        for w in step(v):
            if w not in reached:
                reached[w] = v
                grown.append(w)
            if w in opposite:
                return grown, w
    return grown, None


def _joined(pred: dict[str, str | None], succ: dict[str, str | None], meet: str) -> list[str]:
    route: list[str] = []
    node: str | None = meet
    while node is not None:
        route.append(node)
        node = succ[node]
    node = pred[route[0]]
    while node is not None:
        route.insert(0, node)
        node = pred[node]
    return route


class GraphNeighbourhoods:
    """The neighbourhoods of a networkx graph held whole (a remote store's network, built every time)."""

    def __init__(self, links: nx.Graph) -> None:
        self.links = links

    def __call__(self, node: str) -> Sequence[str]:
        return list(self.links.adj[node]) if node in self.links else []

    def load(self, nodes: Iterable[str]) -> None:
        """Nothing to read ahead: the graph is in memory."""
