"""Path lookups read by neighbourhood from the kept network (graph/network_neighbours.py, graph/route_search.py)
give the answers networkx gives on the whole network: the same routes, in the same order, with the same
hops, relations and evidence, on the seeds and on a generated store of many documents, for pairs of
actors, topics and events, near and far, at every hop bound; and they read only what the search reaches.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import networkx as nx
import pytest

from diplograph.extract.records import Extraction
from diplograph.graph import network_index
from diplograph.graph.network import network_from_store
from diplograph.graph.network_neighbours import KeptNeighbourhoods
from diplograph.graph.paths import MAX_EVIDENCE, Path as Route, _links, _path, _strongest, evidence, paths
from diplograph.graph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def grown(articles: list[Extraction]) -> list[Extraction]:
    """The articles and re-cast copies of them (bench/corpus.py: other people, other days): many documents
    whose invented people share topics, events and addressees with the real ones."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # noqa: E402 - bench/corpus.py

    return list(corpus.grow(articles, 3 * len(articles)))


@pytest.fixture(scope="module")
def generated(grown: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('generated') / 'graph'}")
    store.add_many(grown)
    yield store
    store.close()


def networkx_answer(store: GraphStore, network: nx.MultiDiGraph, a: str, b: str, k: int, max_hops: int) -> list[Route]:
    """What /paths answered before: networkx's k shortest simple paths over the whole network's links."""
    links = _links(network)
    if a not in links or b not in links:
        return []
    found = []
    try:
        for route in islice(nx.shortest_simple_paths(links, a, b), k):
            if len(route) - 1 > max_hops:
                break
            found.append(route)
    except nx.NetworkXNoPath:
        return []
    sentences = evidence(store, {iri for route in found for u, v in zip(route, route[1:])
                                 for iri in _strongest(links[u][v]["hops"]).get("evidence", ())[:MAX_EVIDENCE]})
    return [_path(network, links, route, sentences) for route in found]


def pairs_of(store: GraphStore, limit: int) -> list[tuple[str, str]]:
    """Pairs of actors, topics and events of the network, the most linked first (their routes tie most)."""
    network = network_from_store(store)
    links = _links(network)
    ranked = sorted(links, key=lambda n: (-links.degree(n), n))
    kinds = {t: [n for n in ranked if network.nodes[n].get("type") == t] for t in ("Topic", "Event")}
    actors = [n for n in ranked if network.nodes[n].get("type") not in ("Topic", "Event")]
    ends = actors[:8] + actors[-4:] + kinds["Topic"][:3] + kinds["Event"][:3]
    found = [(a, b) for i, a in enumerate(ends) for b in ends[i + 1:]]
    return found[:limit]


def assert_same_answers(store: GraphStore, limit: int) -> int:
    """Every pair at k=3 and hop bounds 1 to 5: the kept answer is networkx's. Returns how many routes."""
    assert store.index is not None and not network_index.state(store.index)
    routes = 0
    network = network_from_store(store)
    for a, b in pairs_of(store, limit):
        for max_hops in (1, 2, 3, 5):
            expected = networkx_answer(store, network, a, b, 3, max_hops)
            assert paths(store, a, b, k=3, max_hops=max_hops) == expected, (a, b, max_hops)
            routes += len(expected)
    return routes


def test_seed_paths_equal_networkx(store: GraphStore, articles: list[Extraction]) -> None:
    store.add_many(articles)
    assert assert_same_answers(store, 60) > 20


def test_generated_store_paths_equal_networkx(generated: GraphStore) -> None:
    assert assert_same_answers(generated, 120) > 100
    many = pairs_of(generated, 10)[1]
    assert paths(generated, *many, k=20, max_hops=8) == networkx_answer(generated, network_from_store(generated),
                                                                        *many, 20, 8)


def test_the_answers_follow_writes(generated: GraphStore, grown: list[Extraction]) -> None:
    """After a removal and a re-add the kept neighbourhoods are read afresh and still give networkx's answer."""
    assert generated.remove(str(grown[1].document.name))
    assert_same_answers(generated, 30)
    generated.add(grown[1])
    assert_same_answers(generated, 30)


def test_a_lookup_reads_only_the_neighbourhoods_it_expands(generated: GraphStore) -> None:
    a, b = pairs_of(generated, 1)[0]
    assert paths(generated, a, b, k=1, max_hops=2)
    kept = next(v for k, v in generated.views.items() if k[0] == "kept paths")
    assert isinstance(kept, KeptNeighbourhoods)
    whole = _links(network_from_store(generated)).number_of_nodes()
    assert 0 < len(kept._known) < whole  # two hops from a hub reach much of a small network, never all of it


def test_an_isolated_actor_has_no_path(store: GraphStore, articles: list[Extraction]) -> None:
    """An actor only named (no link) answers no path, where networkx raised on a node missing from its links."""
    store.add_many(articles)
    network = network_from_store(store)
    links = _links(network)
    alone = [n for n in network if n not in links]
    linked = next(iter(links))
    for node in alone[:3]:
        assert paths(store, node, linked) == []


def test_a_damaged_kept_network_answers_from_the_store(store: GraphStore, articles: list[Extraction],
                                                        capfd: pytest.CaptureFixture[str]) -> None:
    """A kept table that cannot be read: one line on stderr, and the answer networkx gives on the store's rows."""
    store.add_many(articles)
    a, b = pairs_of(store, 1)[0]
    expected = networkx_answer(store, network_from_store(store), a, b, 3, 4)
    assert expected and store.index is not None
    with store.index._lock:
        store.index._connect().execute("DROP TABLE network_events")
    assert paths(store, a, b, k=3, max_hops=4) == expected
    assert "the kept network" in capfd.readouterr().err
