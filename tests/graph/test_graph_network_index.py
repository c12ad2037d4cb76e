"""The actor network kept in the index (graph/network_index.py) against the one built from the store.

Both are assembled by the same code from rows; what is tested is that the rows kept per document and
replaced on write are the rows the store holds: after adds, re-adds, removals, merges, a positions
repair and a SPARQL update, the kept network equals the store-built one node for node, edge for edge
(attributes and order), and so do the k shortest paths between every pair of actors.
"""
from __future__ import annotations

from itertools import combinations, islice
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

from diplograph.extract.document import iter_documents
from diplograph.extract.records import Document, Extraction
from diplograph.graph import network_index
from diplograph.graph.network import actor_network, network_from_store
from diplograph.graph.paths import _links, networks, paths
from diplograph.graph.store import GraphStore, open_store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


@pytest.fixture(scope="module")
def articles() -> list[Extraction]:
    """The real extractor's output on the seed articles and the test articles (tests/data/articles)."""
    pipeline = pytest.importorskip("diplograph.extract.pipeline")
    extractor = pipeline.Extractor()
    files = [*sorted(SEEDS.glob("*.txt")), *sorted(ARTICLES.glob("*.txt"))]
    return [extractor.extract(d) for d in iter_documents(files) if isinstance(d, Document)]


def assert_same_network(store: GraphStore) -> nx.MultiDiGraph:
    """The kept network is the store-built one: nodes, edges, attributes, order, and the paths."""
    assert store.index is not None and not network_index.state(store.index)
    kept, built = actor_network(store), network_from_store(store)
    assert list(kept.nodes(data=True)) == list(built.nodes(data=True))
    assert list(kept.edges(keys=True, data=True)) == list(built.edges(keys=True, data=True))
    kept_links, built_links = _links(kept), _links(built)
    actors = sorted(n for n, d in built.nodes(data=True) if d["type"] != "Event" and d["type"] != "Topic")
    for a, b in islice(combinations(actors, 2), 60):
        assert _routes(kept_links, a, b) == _routes(built_links, a, b)
    return kept


def _routes(links: nx.Graph, a: str, b: str) -> list[list[str]]:
    if a not in links or b not in links:  # a node without links (an actor only named) has no path
        return []
    try:
        return list(islice(nx.shortest_simple_paths(links, a, b), 3))
    except nx.NetworkXNoPath:
        return []


def test_kept_network_follows_every_kind_of_write(store: GraphStore, articles: list[Extraction]) -> None:
    store.add_many(articles[:4])
    first = assert_same_network(store)
    store.add_many(articles[4:])
    grown = assert_same_network(store)
    assert grown.number_of_edges() > first.number_of_edges()
    assert any(d["relation"] == "met" for _, _, d in grown.edges(data=True))
    assert any(d["relation"] == "position" and d["evidence"] for _, _, d in grown.edges(data=True))
    removed = store.remove(articles[0].document.name)
    assert removed
    after = assert_same_network(store)
    gone = {st for st in grown.nodes} - {st for st in after.nodes}
    assert gone or after.number_of_edges() < grown.number_of_edges()
    store.add(articles[0])  # the same article again: its rows come back
    assert {(u, v, k) for u, v, k in assert_same_network(store).edges(keys=True)} == \
        {(u, v, k) for u, v, k in grown.edges(keys=True)}
    speakers = sorted({s.speaker for e in articles for s in e.statements})
    store.merge_actors(speakers[0], speakers[1])
    assert_same_network(store)
    store.refresh_positions()
    assert_same_network(store)


def test_a_sparql_update_rebuilds_the_kept_network(store: GraphStore, articles: list[Extraction]) -> None:
    store.add_many(articles[:3])
    before = assert_same_network(store)
    doc = str(articles[0].document.name)
    store.backend.update(f'DELETE WHERE {{ GRAPH ?g {{ ?d <https://schema.org/name> "{doc}" ; ?p ?o }} }}')
    store.changed()
    assert store.index is not None
    after = actor_network(store)
    assert not network_index.state(store.index)
    assert list(after.edges(keys=True, data=True)) == list(network_from_store(store).edges(keys=True, data=True))
    assert before.number_of_nodes() >= after.number_of_nodes()


def test_a_missing_network_is_built_when_first_opened(tmp_path: Path, articles: list[Extraction]) -> None:
    """An index written before the network was kept (no network tables) gets them on the first paths."""
    store = open_store(f"oxigraph:{tmp_path / 'graph'}")
    try:
        store.add_many(articles[:3])
        assert store.index is not None
        with store.index._lock:
            store.index._connect().execute("DELETE FROM meta WHERE key = 'network'")
            store.index._connect().execute("DROP TABLE network_positions")
        assert network_index.state(store.index) == "the kept network is missing"
        found = paths(store, *_two_connected(network_from_store(store)))
        assert found and not network_index.state(store.index)
        assert_same_network(store)
    finally:
        store.close()


def test_an_edge_kept_with_its_evidence_list_is_read_and_grown_as_rows(tmp_path: Path, articles: list[Extraction]) -> None:
    """A kept network of an older version holds each position edge's evidence as a JSON list: the list is
    copied into rows when the table is made, a write adds only its new reports' rows, and the network is
    the store's."""
    import json

    store = open_store(f"oxigraph:{tmp_path / 'graph'}")
    try:
        store.add_many(articles[:3])
        assert store.index is not None
        with store.index._lock:
            db = store.index._connect()
            for (iri,) in db.execute("SELECT iri FROM network_positions").fetchall():
                listed = [r[0] for r in db.execute("SELECT statement FROM network_evidence WHERE position = ?", (iri,))]
                db.execute("UPDATE network_positions SET attributes = json_set(attributes, '$.evidence', json(?)) "
                           "WHERE iri = ?", (json.dumps(listed), iri))
            db.execute("DROP TABLE network_evidence")
            listed = db.execute("SELECT COUNT(*) FROM network_positions").fetchone()[0]
        store.add_many(articles[3:5])
        with store.index._lock:
            rows = store.index._connect().execute("SELECT COUNT(*) FROM network_evidence").fetchone()[0]
            written = store.index._connect().execute(
                "SELECT COUNT(*) FROM network_positions WHERE attributes LIKE '%\"evidence\"%'").fetchone()[0]
        assert rows > 0 and written < listed  # the edges the write rewrote keep no list
        assert_same_network(store)
    finally:
        store.close()


def test_the_network_is_read_from_the_index_after_a_reopen(tmp_path: Path, articles: list[Extraction]) -> None:
    """A started server opens the network from the kept rows: the store's own rows are not read."""
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as store:
        store.add_many(articles)
        expected = list(network_from_store(store).edges(keys=True, data=True))
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as store:
        asked: list[str] = []
        select = store._select
        store._select = lambda sparql: asked.append(sparql) or select(sparql)  # type: ignore[method-assign]
        network, _ = networks(store)
        assert asked == [] and list(network.edges(keys=True, data=True)) == expected


def _two_connected(network: nx.MultiDiGraph) -> tuple[str, str]:
    links = _links(network)
    actors = sorted(n for n, d in network.nodes(data=True) if d["type"] not in ("Event", "Topic"))
    for a, b in combinations(actors, 2):
        if nx.has_path(links, a, b):
            return a, b
    raise AssertionError("no two connected actors")


def test_a_sparql_update_naming_its_graphs_is_followed_without_a_rebuild(
        store: GraphStore, articles: list[Extraction], capfd: pytest.CaptureFixture[str]) -> None:
    """Only the documents of the graphs the update names are re-read; the index stays in step."""
    from diplograph.graph import index_sync
    from diplograph.graph.iris import graph_of

    store.add_many(articles[:3])
    row = next(r for r in store.statements() if r.addressees)
    graph = graph_of(URIRef(row.doc_iri))
    update = f"DELETE WHERE {{ GRAPH <{graph}> {{ <{row.iri}> dg:addressee ?a }} }}"
    store.backend.update(update)
    store.changed(update=update)
    assert store.index is not None and not store.index.state()  # in step: no rebuild pending
    assert index_sync.check(store) == []
    assert not any(r.iri == row.iri and r.addressees for r in store.statements())
    assert_same_network(store)
    assert "rebuilt" not in capfd.readouterr().err


@pytest.mark.parametrize("update", [
    "DELETE WHERE { GRAPH ?g { ?st dg:cue ?c } }",  # any graph
    "INSERT { GRAPH <https://example.org/notes> { ?st dg:addressee <https://example.org/someone> } } "
    "WHERE { ?st a dg:Statement }",  # a graph of no document: its triples join every statement's row
])
def test_a_sparql_update_on_any_graph_marks_the_index_for_a_rebuild(store: GraphStore, articles: list[Extraction],
                                                                    update: str) -> None:
    store.add_many(articles[:2])
    store.backend.update(update)
    store.changed(update=update)
    assert store.index is not None and store.index.state() == "the store was changed by a SPARQL update"
    assert_same_network(store)  # rebuilt when next used


@pytest.mark.parametrize(("update", "expected"), [
    ('INSERT DATA { GRAPH <http://x/g1> { <http://x/a> <http://x/b> "c" } }', {"http://x/g1"}),
    ("DELETE WHERE { GRAPH <http://x/g2> { ?s <http://x/b> ?o } }", {"http://x/g2"}),
    ("WITH <http://x/g3> DELETE { ?s <http://x/b> ?o } INSERT { GRAPH <http://x/g4> { ?s <http://x/b> 1 } } "
     "WHERE { ?s <http://x/b> ?o }", {"http://x/g3", "http://x/g4"}),
    ("CLEAR GRAPH <http://x/g5> ; DROP SILENT GRAPH <http://x/g6>", {"http://x/g5", "http://x/g6"}),
    ("DELETE { GRAPH ?g { ?s <http://x/b> ?o } } WHERE { GRAPH ?g { ?s <http://x/b> ?o } }", None),
    ('INSERT DATA { <http://x/a> <http://x/b> "c" }', {""}),  # the default graph
    ("DROP ALL", None),
    ("this is not SPARQL", None),
])
def test_the_graphs_an_update_writes(update: str, expected: set[str] | None) -> None:
    from diplograph.graph.update_scope import graphs_written

    assert graphs_written(update) == expected
