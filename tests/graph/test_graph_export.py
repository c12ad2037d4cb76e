"""Exports: GEXF 1.3 that validates against the official RelaxNG, and RDF files that read back."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph

from diplograph.graph.store import GraphStore

GEXF_RNG = Path(__file__).resolve().parents[1] / "data" / "gexf-schema" / "1.3" / "gexf.rng"

PESKOV = "https://w3id.org/diplograph/actor/dmitry_peskov"
SYBIHA = "https://w3id.org/diplograph/actor/andrii_sybiha"
ZELENSKY = "https://w3id.org/diplograph/actor/volodymyr_zelensky"
TRUMP = "https://w3id.org/diplograph/actor/donald_trump"
TOPIC = "https://w3id.org/diplograph/topic/"


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(GEXF_RNG)))


def exported(store: GraphStore, fmt: str) -> bytes:
    buffer = io.BytesIO()
    store.export(fmt, buffer)
    return buffer.getvalue()


def test_gexf_validates_against_the_relaxng(filled: GraphStore, relaxng: etree.RelaxNG) -> None:
    document = etree.fromstring(exported(filled, "gexf"))
    assert relaxng.validate(document), relaxng.error_log
    assert "schemaLocation" not in etree.tostring(document).decode()


def test_gexf_reads_back_with_networkx(filled: GraphStore) -> None:
    graph = nx.read_gexf(io.BytesIO(exported(filled, "gexf")))
    assert graph.is_directed()
    peskov = graph.nodes[PESKOV]
    assert (peskov["label"], peskov["type"], peskov["statements"]) == ("Dmitry Peskov", "Person", 2)
    assert graph.nodes[TOPIC + "tomahawk"]["type"] == "Topic"
    assert graph.nodes[TOPIC + "tomahawk"]["statements"] == 2
    assert graph.nodes["https://w3id.org/diplograph/actor/european_allies"]["type"] == "Group"
    assert "viz" in peskov and peskov["viz"]["size"] > graph.nodes[TOPIC + "sanctions"]["viz"]["size"]

    position = graph.edges[PESKOV, TOPIC + "tomahawk"]
    assert (position["relation"], position["stance"], position["weight"]) == ("position", "warns", 1.0)
    addressed = graph.edges[SYBIHA, "https://w3id.org/diplograph/actor/european_allies"]
    assert (addressed["relation"], addressed["label"]) == ("addressed", "called on")
    told = graph.edges[ZELENSKY, TRUMP]
    assert told["relation"] == "addressed" and told["stance"] == "requests"


def test_gexf_edge_weights_count_statements(filled: GraphStore) -> None:
    graph = nx.read_gexf(io.BytesIO(exported(filled, "gexf")))
    positions = sum(int(d["weight"]) for _, _, d in graph.edges(data=True) if d["relation"] == "position")
    pairs = len(list(filled.query("SELECT DISTINCT ?st ?t WHERE { ?st a dg:Statement ; dg:about ?t }")))
    assert positions == pairs


def test_an_empty_store_exports_a_valid_empty_network(store: GraphStore, relaxng: etree.RelaxNG) -> None:
    document = etree.fromstring(exported(store, "gexf"))
    assert relaxng.validate(document), relaxng.error_log
    assert nx.read_gexf(io.BytesIO(etree.tostring(document))).number_of_nodes() == 0


def test_turtle_holds_every_triple_of_the_store(filled: GraphStore) -> None:
    graph = Graph().parse(data=exported(filled, "ttl"), format="turtle")
    distinct = len(list(filled.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")))
    assert len(graph) == distinct
    assert len(list(graph.query(
        "SELECT ?s WHERE { ?s a <https://w3id.org/diplograph/ontology#Statement> }"))) == 6


@pytest.mark.parametrize("fmt, parser", [("nq", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_formats_keep_the_named_graphs(filled: GraphStore, fmt: str, parser: str) -> None:
    dataset = Dataset()
    dataset.parse(data=exported(filled, fmt), format=parser)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/diplograph/graph/ontology" in graphs
    assert "https://w3id.org/diplograph/graph/actors" in graphs
    assert sum(1 for g in graphs if "/graph/doc/" in g) == 2
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == filled.counts().triples


def test_export_to_a_path_and_unknown_formats(filled: GraphStore, tmp_path: Path) -> None:
    target = tmp_path / "network.gexf"
    filled.export("gexf", target)
    assert target.read_bytes().startswith(b"<?xml")
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        filled.export("xlsx", tmp_path / "x.csv")
    with pytest.raises(ValueError, match="unknown network view 'topics'"):
        filled.export("gexf", tmp_path / "y.gexf", view="topics")
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "y.gexf").exists()
