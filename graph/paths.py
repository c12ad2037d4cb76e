"""The k shortest paths between two actors (or an actor and a topic), every hop explained.

Paths run over the `actors` view, ignoring direction (Zelensky → tomahawk ← Peskov connects two
actors who spoke about the same weapon). Each hop carries its relation (told, met, position, …) and
the sentences that give evidence of it, read back from the store with their document and offsets.

A local store answers from the network kept in its index, read only where the search goes
(graph/network_neighbours.py): the neighbourhoods it expands, then the rows of the hops it found,
assembled as the whole network would be. A remote store (or an index that cannot answer) has the whole
network built from the store, searched by the same code (graph/route_search.py).
"""
from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import URIRef

from diplograph.ontology.terms import TOPIC

from . import index_sync
from .errors import QueryError
from .network import actor_network, network_from_store
from .network_neighbours import KeptNeighbourhoods, rows_around
from .network_rows import assemble
from .queries import PREFIXES, values
from .route_search import GraphNeighbourhoods, Neighbourhoods, k_shortest

if TYPE_CHECKING:
    from .store import GraphStore

MAX_K = 20
MAX_HOPS = 8
MAX_EVIDENCE = 5  # sentences quoted per hop: a position of a prolific actor has thousands

# Optional parts outside the GRAPH block: inside it, Oxigraph reads them for every resource first.
EVIDENCE = PREFIXES + """\
SELECT ?x ?sentence ?quote ?start ?end ?name ?published WHERE {
  %s
  GRAPH ?g { ?x dg:inDocument ?d ; dg:start ?start ; dg:end ?end }
  OPTIONAL { GRAPH ?g { ?x dg:sentence ?sentence } } OPTIONAL { GRAPH ?g { ?x dg:quote ?quote } }
  OPTIONAL { GRAPH ?g { ?d schema:name ?name } } OPTIONAL { GRAPH ?g { ?d schema:datePublished ?published } }
}
"""


@dataclass(frozen=True, slots=True)
class Evidence:
    iri: str
    sentence: str
    text: str
    doc: str
    start: int
    end: int
    published: str


@dataclass(frozen=True, slots=True)
class Hop:
    source: str
    target: str
    relation: str
    label: str
    stance: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class PathNode:
    id: str
    label: str
    type: str


@dataclass(frozen=True, slots=True)
class Path:
    nodes: tuple[PathNode, ...]
    hops: tuple[Hop, ...]

    @property
    def length(self) -> int:
        return len(self.hops)

    def to_json(self) -> dict[str, Any]:
        return {"length": self.length, "nodes": [asdict(n) for n in self.nodes],
                "hops": [{**asdict(h), "evidence": [asdict(e) for e in h.evidence]} for h in self.hops]}


def paths(store: GraphStore, a: str, b: str, *, k: int = 3, max_hops: int = 4) -> list[Path]:
    """Up to `k` shortest paths of at most `max_hops` hops from `a` to `b` (names, aliases, IRIs or topic keys)."""
    if not 1 <= k <= MAX_K:
        raise QueryError(f"k must be between 1 and {MAX_K}, not {k}")
    if not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"max_hops must be between 1 and {MAX_HOPS}, not {max_hops}")
    kept = _kept(store)
    if kept is not None:
        try:
            return _search(store, kept, a, b, k, max_hops)
        except sqlite3.Error as error:  # a damaged index file: this answer comes from the store's own rows
            print(f"diplograph: the kept network at {kept.index.where} cannot be searched ({error}); "
                  "building it from the store", file=sys.stderr)
            store.views.clear()
            network = network_from_store(store)
            return _search(store, (network, _links(network)), a, b, k, max_hops)
    return _search(store, networks(store), a, b, k, max_hops)


def _search(store: GraphStore, where: KeptNeighbourhoods | tuple[nx.MultiDiGraph, nx.Graph], a: str, b: str,
            k: int, max_hops: int) -> list[Path]:
    """The paths over the kept network read by neighbourhood, or over a whole network and its links."""
    neighbours: Neighbourhoods
    if isinstance(where, KeptNeighbourhoods):
        contains, neighbours = where.__contains__, where
    else:
        network, links = where
        contains, neighbours = network.__contains__, GraphNeighbourhoods(links)
    start, end = _node(store, contains, a), _node(store, contains, b)
    if start == end:
        raise QueryError(f"{a!r} and {b!r} are the same node")
    found = k_shortest(neighbours, start, end, k, max_hops)
    if not found:
        return []
    if isinstance(where, KeptNeighbourhoods):  # the rows of these nodes and hops only, assembled as the whole network would be
        pairs = {tuple(sorted(hop)) for route in found for hop in zip(route, route[1:])}
        network = assemble(rows_around(where.index, {n for route in found for n in route}, pairs))
        links = _links(network)
    sentences = evidence(store, {iri for route in found for u, v in zip(route, route[1:])
                                 for iri in _strongest(links[u][v]["hops"]).get("evidence", ())[:MAX_EVIDENCE]})
    return [_path(network, links, route, sentences) for route in found]


def _kept(store: GraphStore) -> KeptNeighbourhoods | None:
    """The kept network's neighbourhoods, held until the store's next write; None when the store keeps
    no network it can search (remote, read-only and behind or without the endpoint indexes, damaged)."""
    if not store.caches_views:
        return None
    key = ("kept paths", store.generation)
    found = store.views.get(key)
    if found is None:
        index = index_sync.searchable_network(store)
        if index is None:
            return None
        found = KeptNeighbourhoods(index)
        for stale in [k for k in store.views if k[0] == "kept paths"]:
            del store.views[stale]
        store.views[key] = found
    return found


def _strongest(hops: list[dict]) -> dict:
    """The relation that explains a hop: the heaviest, then by name (the others stay in the network)."""
    return min(hops, key=lambda h: (-float(h.get("weight", 1.0)), h.get("relation", "")))


def networks(store: GraphStore) -> tuple[nx.MultiDiGraph, nx.Graph]:
    """The actor network and its undirected links. A local store keeps them until its next write
    (`GraphStore.generation`), so that repeated path queries do not rebuild the network from the store;
    a remote store can change behind our back, so its network is built afresh every time."""
    if not store.caches_views:
        network = actor_network(store)
        return network, _links(network)
    key = ("paths", store.generation)
    cached = store.views.get(key)
    if cached is None:
        network = actor_network(store)
        cached = (network, _links(network))
        store.views.clear()
        store.views[key] = cached
    return cached


def _node(store: GraphStore, contains: Callable[[str], bool], ref: str) -> str:
    text = ref.strip()
    candidates = [text] if contains(text) else []
    if re.fullmatch(r"[a-z0-9_]+", text) and contains(str(TOPIC[text])):
        candidates.append(str(TOPIC[text]))
    if not candidates:
        candidates = [str(iri) for iri in store.resolve_actors(text) if contains(str(iri))]
    if not candidates:
        raise QueryError(f"{ref!r} is not an actor or topic of the network: give a name, alias, IRI or topic key")
    return candidates[0]


def _links(network: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph whose edges list the hops (relations) between each pair."""
    links = nx.Graph()
    for source, target, data in network.edges(data=True):
        if source == target:
            continue
        if not links.has_edge(source, target):
            links.add_edge(source, target, hops=[])
        links[source][target]["hops"].append({"source": source, "target": target, **data})
    return links


def evidence(store: GraphStore, iris: set[str]) -> dict[str, Evidence]:
    """Sentence, words, article and offsets of each statement, event or fact IRI."""
    if not iris:
        return {}
    rows = store._select(EVIDENCE % values("x", sorted(URIRef(i) for i in iris)))
    return {str(r.x): Evidence(iri=str(r.x), sentence=_text(r.sentence), text=_text(r.quote), doc=_text(r.name),
                               start=int(r.start), end=int(r.end), published=_text(r.published)) for r in rows}


def _path(network: nx.MultiDiGraph, links: nx.Graph, route: list[str], evidence: dict[str, Evidence]) -> Path:
    nodes = tuple(PathNode(id=n, label=str(network.nodes[n].get("label", n)), type=str(network.nodes[n].get("type", "")))
                  for n in route)
    hops = []
    for u, v in zip(route, route[1:]):
        hop = _strongest(links[u][v]["hops"])
        hops.append(Hop(source=hop["source"], target=hop["target"], relation=hop.get("relation", ""),
                        label=hop.get("label", ""), stance=hop.get("stance", ""),
                        evidence=tuple(evidence[i] for i in hop.get("evidence", ())[:MAX_EVIDENCE] if i in evidence)))
    return Path(nodes=nodes, hops=tuple(hops))


def _text(value: Any) -> str:
    return "" if value is None else str(value)
