"""GET /paths and GET /export over a store holding the hand-written articles."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset

from diplograph.api.app import create_app
from diplograph.graph.store import GraphStore


@pytest.fixture
def client(filled: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(store=filled)) as test_client:
        yield test_client


def test_paths_with_evidence(client: TestClient) -> None:
    response = client.get("/paths", params={"a": "European allies", "b": "Marco Rubio", "max_hops": 3})
    assert response.status_code == 200
    first = response.json()[0]
    assert [n["label"] for n in first["nodes"]] == ["European allies", "Andrii Sybiha", "Marco Rubio"]
    assert first["hops"][1]["evidence"][0]["sentence"] == "Sybiha and Marco Rubio met in Washington on October 20."


@pytest.mark.parametrize("params, status", [
    ({"a": "Nobody At All", "b": "Rubio"}, 400),
    ({"a": "Sybiha", "b": "Rubio", "k": 0}, (400, 422)),
    ({"a": "Sybiha"}, (400, 422)),
])
def test_bad_path_requests_are_4xx(client: TestClient, params: dict, status) -> None:  # noqa: ANN001
    response = client.get("/paths", params=params)
    assert response.status_code in (status if isinstance(status, tuple) else (status,))


def test_export_formats(client: TestClient) -> None:
    gexf = client.get("/export", params={"format": "gexf"})
    assert gexf.status_code == 200 and gexf.headers["content-type"].startswith("application/gexf+xml")
    assert nx.read_gexf(io.BytesIO(gexf.content)).number_of_nodes() > 5
    csv = client.get("/export", params={"format": "csv", "view": "full"})
    with zipfile.ZipFile(io.BytesIO(csv.content)) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
    trig = client.get("/export", params={"format": "trig"})
    assert sum(1 for _ in Dataset().parse(data=trig.content, format="trig").quads()) > 100
    assert client.get("/export", params={"format": "xlsx"}).status_code in (400, 422)
