"""Network views, centrality, paths with evidence, and the Gephi exports read back."""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from diplograph.graph.metrics import add_metrics
from diplograph.graph.network import network
from diplograph.graph.paths import paths
from diplograph.graph.store import GraphStore, QueryError

GEXF_RNG = Path(__file__).resolve().parents[1] / "data" / "gexf-schema" / "1.3" / "gexf.rng"
ACTOR = "https://w3id.org/diplograph/actor/"
TOPIC = "https://w3id.org/diplograph/topic/"


def test_actor_view_has_meetings_events_and_dates(filled: GraphStore) -> None:
    graph = network(filled, "actors")
    met = graph.get_edge_data(ACTOR + "andrii_sybiha", ACTOR + "marco_rubio")
    assert met["met"]["label"] == "met" and met["met"]["first"] == "2025-10-20"
    events = [n for n, d in graph.nodes(data=True) if d["type"] == "Event"]
    assert len(events) == 1 and graph.nodes[events[0]]["label"] == "meeting in Washington"
    position = graph.get_edge_data(ACTOR + "dmitry_peskov", TOPIC + "tomahawk")["position"]
    assert (position["stance"], position["first"]) == ("warns", "2025-10-13")
    assert graph.nodes[ACTOR + "dmitry_peskov"]["first"] == "2025-10-13"


def test_full_view_holds_every_resource(filled: GraphStore) -> None:
    graph = network(filled, "full")
    types = nx.get_node_attributes(graph, "type")
    assert sum(1 for t in types.values() if t == "Statement") == 6
    assert sum(1 for t in types.values() if t == "Document") == 2
    assert sum(1 for t in types.values() if t == "Position") == len(filled.positions())
    statement = next(n for n, t in types.items() if t == "Statement")
    assert {k for _, _, k in graph.out_edges(statement, keys=True)} >= {"speaker", "inDocument", "stance"}


def test_metrics_are_node_attributes(filled: GraphStore) -> None:
    graph = add_metrics(network(filled, "actors"))
    sybiha = graph.nodes[ACTOR + "andrii_sybiha"]
    assert sybiha["degree"] >= 3 and sybiha["betweenness"] > 0 and 0 < sybiha["pagerank"] < 1
    assert {d["community"] for _, d in graph.nodes(data=True)} >= {0, 1}


def test_paths_explain_every_hop_with_its_sentence(filled: GraphStore, kremlin) -> None:  # noqa: ANN001
    found = paths(filled, "European allies", "Marco Rubio", k=2, max_hops=3)
    assert found and found[0].length == 2
    first = found[0]
    assert [n.label for n in first.nodes] == ["European allies", "Andrii Sybiha", "Marco Rubio"]
    assert [h.relation for h in first.hops] == ["addressed", "met"]
    for hop in first.hops:
        assert hop.evidence, hop
        for evidence in hop.evidence:
            assert evidence.sentence in kremlin.document.text
            assert kremlin.document.text[evidence.start:evidence.end] in evidence.sentence or evidence.text
    topic = paths(filled, "Peskov", "tomahawk", k=1)
    assert topic[0].hops[0].relation == "position" and topic[0].hops[0].evidence[0].doc == "kremlin.txt"


def test_paths_respect_max_hops_and_refuse_unknown_names(filled: GraphStore) -> None:
    assert paths(filled, "European allies", "Marco Rubio", max_hops=1) == []
    # Peskov → tomahawk ← Trump ← Zelensky: three hops, through a topic both spoke about
    assert [p.length for p in paths(filled, "Peskov", "Zelensky", k=1, max_hops=3)] == [3]
    assert paths(filled, "Peskov", "Zelensky", max_hops=2) == []
    with pytest.raises(QueryError, match="not an actor or topic"):
        paths(filled, "Nobody At All", "Zelensky")
    with pytest.raises(QueryError, match="max_hops"):
        paths(filled, "Peskov", "Zelensky", max_hops=0)


def test_gexf_is_dynamic_valid_and_carries_metrics(filled: GraphStore) -> None:
    buffer = io.BytesIO()
    filled.export("gexf", buffer)
    document = etree.fromstring(buffer.getvalue())
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    assert schema.validate(document), schema.error_log
    body = document.find("{http://gexf.net/1.3}graph")
    assert (body.get("mode"), body.get("timeformat")) == ("dynamic", "date")
    graph = nx.read_gexf(io.BytesIO(buffer.getvalue()))
    peskov = graph.nodes[ACTOR + "dmitry_peskov"]
    assert peskov["start"] == "2025-10-13" and "pagerank" in peskov and "community" in peskov


def test_graphml_reads_back_with_typed_keys(filled: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "actors.graphml"
    filled.export("graphml", target)
    tree = etree.parse(str(target))
    keys = tree.findall("{http://graphml.graphdrawing.org/xmlns}key")
    assert keys and {k.get("for") for k in keys} == {"node", "edge"}
    graph = nx.read_graphml(target)
    assert graph.nodes[ACTOR + "dmitry_peskov"]["label"] == "Dmitry Peskov"
    assert all(not isinstance(v, (list, tuple)) for _, d in graph.nodes(data=True) for v in d.values())
    assert graph.number_of_edges() == network(filled, "actors").number_of_edges()


def test_csv_folder_and_zip(filled: GraphStore, tmp_path: Path) -> None:
    filled.export("csv", tmp_path / "gephi")
    nodes = list(csv.DictReader((tmp_path / "gephi" / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "gephi" / "edges.csv").open(encoding="utf-8")))
    assert {"Id", "Label", "type"} <= set(nodes[0]) and {"Source", "Target", "Type", "Weight"} <= set(edges[0])
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    buffer = io.BytesIO()
    filled.export("csv", buffer)
    with zipfile.ZipFile(buffer) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        assert archive.read("nodes.csv").decode() == (tmp_path / "gephi" / "nodes.csv").read_text(encoding="utf-8")
