"""Virtuoso as a read replica (`sparql:http://HOST:PORT/sparql`): an export of an embedded store
bulk-loaded into a real Virtuoso server gives the same answers to diplograph's read lookups.
(Virtuoso 7.2.5 refuses the blank nodes of the ontology in INSERT DATA, so it is a replica loaded
from exports, not a store diplograph writes.) Skipped when Virtuoso (Debian's virtuoso-opensource-7-bin)
is not installed."""
from __future__ import annotations

import dataclasses
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph.paths import paths
from diplograph.graph.statements import find_statements
from diplograph.graph.store import GraphStore, QueryError, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import virtuoso_replica  # noqa: E402 - tools/virtuoso_replica.py


# The quads in diplograph's own named graphs (a Virtuoso replica also holds Virtuoso's system graphs).
OURS = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "https://w3id.org/diplograph/graph/")) }'


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso_replica.Virtuoso]:
    if not virtuoso_replica.installed():
        pytest.skip("Virtuoso is not installed (Debian: apt-get install virtuoso-opensource-7-bin)")
    server = virtuoso_replica.start(tmp_path_factory.mktemp("virtuoso"), http_port=free_port(),
                                    sql_port=free_port(), buffers=5_000)
    yield server
    server.stop()


@pytest.fixture
def articles(kremlin_and_white_house: list[Extraction]) -> list[Extraction]:
    return kremlin_and_white_house


def read_answers(store: GraphStore) -> dict:
    """The read lookups, in SPARQL on every store (find_statements and counted: no statements index)."""
    return {
        "counts": store.counted(),
        "statements": [r.to_json() for r in find_statements(store)],
        "by speaker, newest": [r.iri for r in find_statements(store, speaker="Dmitry Peskov", order="-date", limit=50)],
        "by topic": [r.iri for r in find_statements(store, topic="long_range_missiles", order="-date", limit=100)],
        "by words": [r.iri for r in find_statements(store, text="tomahawks", limit=20)],
        "positions": [p.to_json() for p in store.positions()],
        "profile": store.actor("Dmitry Peskov", statements_limit=50).to_json(),
        "actors": [a.to_json() for a in store.actors(mentioned_only=True)],
        "topics": [t.to_json() for t in store.topics()],
        "documents": [d.to_json() for d in store.documents()],
        "paths": [p.to_json() for p in paths(store, "Donald Trump", "Zelensky", k=3)],
        "ask": store.query("ASK { ?c a dg:Claim ; dg:holder actor:vladimir_putin }").askAnswer,
    }


def test_a_virtuoso_replica_answers_like_the_embedded_store(virtuoso, tmp_path: Path,
                                                            articles: list[Extraction]) -> None:
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as embedded:
        embedded.add_many(articles)
        expected = read_answers(embedded)
        ours = int(embedded._select(OURS)[0][0])
        embedded.export("nq", tmp_path / "graph.nq")
    virtuoso.sql("RDF_GLOBAL_RESET();")  # a clean replica for this test
    virtuoso.load(tmp_path / "graph.nq")
    with open_store(virtuoso.store_uri) as replica:
        found = read_answers(replica)
        # Virtuoso's union of graphs also holds its own system graphs (virtrdf:, ...): more triples, the
        # same documents, statements and actors, and the same triples in diplograph's graphs.
        expected_counts = expected.pop("counts")
        assert dataclasses.replace(found.pop("counts"), triples=0) == dataclasses.replace(expected_counts, triples=0)
        assert found == expected
        assert int(replica._select(OURS)[0][0]) == ours == expected_counts.triples
        assert replica.statements(speaker="Dmitry Peskov", limit=50)  # the lookup a remote store answers in SPARQL
    assert expected_counts.statements == 6 and expected["by words"] and expected["by topic"]


def test_a_bad_query_to_virtuoso_is_a_query_error(virtuoso) -> None:
    with open_store(virtuoso.store_uri) as replica, pytest.raises(QueryError):
        replica.query("SELECT * WHERE { ?s ?p }")


def test_a_refused_load_is_reported(virtuoso, tmp_path: Path) -> None:
    broken = tmp_path / "broken.nq"
    broken.write_text("<urn:a> <urn:b> this is not N-Quads .\n")
    with pytest.raises(virtuoso_replica.VirtuosoError):
        virtuoso.load(broken)
