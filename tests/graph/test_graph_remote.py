"""The remote store (`sparql:QUERY_URL;UPDATE_URL`) against a real Oxigraph server, and the three
stores giving the same answers to the same questions."""
from __future__ import annotations

import dataclasses
import shutil
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph.paths import paths
from diplograph.graph.store import GraphStore, QueryError, StoreError, open_store


OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, served_process) -> Iterator[str]:
    """An Oxigraph SPARQL server on a free loopback port, its default graph the union of named graphs."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    location = tmp_path_factory.mktemp("oxigraph-server")
    with served_process([OXIGRAPH, "serve", "--location", str(location), "--bind", "127.0.0.1:{port}",
                         "--union-default-graph"], probe="/query?query=ASK%7B%7D", what="oxigraph serve",
                        timeout=30) as base:
        yield base


@pytest.fixture
def remote(server: str) -> Iterator[GraphStore]:
    store = open_store(f"sparql:{server}/query;{server}/update")
    store.backend.update("DROP ALL")
    store.ensure_ontology()
    yield store
    store.close()


@pytest.fixture
def articles(kremlin_and_white_house: list[Extraction]) -> list[Extraction]:
    return kremlin_and_white_house


def answers(store: GraphStore) -> dict:
    """The answers compared across stores (ingestion times left out: they differ by construction)."""
    return {
        "counts": store.counts(),
        "statements": [r.to_json() for r in store.statements()],
        "by_topic": [r.iri for r in store.statements(topic="long_range_missiles", order="-date")],
        "positions": [p.to_json() for p in store.positions()],
        "actors": [a.to_json() for a in store.actors(mentioned_only=True)],
        "topics": [t.to_json() for t in store.topics()],
        "documents": [{**d.to_json(), "ingested": ""} for d in store.documents()],
        "paths": [p.to_json() for p in paths(store, "Donald Trump", "Zelensky", k=3)],
        "ask": store.query("ASK { ?c a dg:Claim ; dg:holder actor:vladimir_putin }").askAnswer,
    }


def scenario(store: GraphStore, articles: list[Extraction]) -> list[dict]:
    store.add_many(articles)
    seen = [answers(store)]
    store.merge_actors("Volodymyr Zelensky", "senior European diplomat")
    seen.append(answers(store))
    store.remove("kremlin.txt")
    seen.append(answers(store))
    return seen


def test_the_three_stores_give_the_same_answers(remote: GraphStore, tmp_path: Path,
                                                articles: list[Extraction]) -> None:
    with open_store("memory") as memory, open_store(f"oxigraph:{tmp_path / 'graph'}") as oxigraph:
        expected = scenario(memory, articles)
        assert scenario(oxigraph, articles) == expected
    assert scenario(remote, articles) == expected
    assert expected[0]["counts"].statements == 6 and expected[0]["paths"]


def test_remote_writes_are_idempotent_and_replace_versions(remote: GraphStore, kremlin: Extraction) -> None:
    assert remote.add(kremlin).changed
    before = remote.counts()
    assert remote.add(kremlin).changed is False
    assert remote.counts() == before
    text = kremlin.document.text + " More."
    changed = dataclasses.replace(kremlin, document=dataclasses.replace(kremlin.document, text=text, clean=text))
    assert remote.add(changed).replaced
    assert remote.counts().documents == 1


def test_remote_exports_and_validation(remote: GraphStore, articles: list[Extraction]) -> None:
    import io

    from rdflib import Dataset

    remote.add_many(articles)
    buffer = io.BytesIO()
    remote.export("nq", buffer)
    assert sum(1 for _ in Dataset().parse(data=buffer.getvalue(), format="nquads").quads()) == remote.counts().triples
    assert remote.validate().conforms


def test_remote_errors_are_clear(remote: GraphStore) -> None:
    with pytest.raises(QueryError):
        remote.query("SELECT * WHERE { ?s ?p }")
    with socket.socket() as unused, pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        unused.bind(("127.0.0.1", 0))  # held, not listening: nothing answers there
        open_store(f"sparql:http://127.0.0.1:{unused.getsockname()[1]}/query")
    with pytest.raises(StoreError, match="needs http"):
        open_store("sparql:ftp://example.org/sparql")
