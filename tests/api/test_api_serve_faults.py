"""Hostile SPARQL against a real `diplograph serve` process: whatever it sends costs a worker, never the server.

One server (its own process, as in production) takes, in turn: an update and a query nesting
thousands of brackets (they crash Oxigraph's parser: the worker dies, the server answers and starts
another), a cartesian product with ORDER BY (it hits the worker's memory cap: 503 "memory limit"),
and DROP ALL with the token (refused: the ontology and actors graphs are protected). After each,
the server still answers and nothing stored was lost.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

PORT = 8151
TOKEN = "serve-faults-token"
BASE = f"http://127.0.0.1:{PORT}"
AUTH = {"authorization": f"Bearer {TOKEN}"}
DEEP = 5000
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
HEAVY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def diplograph() -> str:
    return str(Path(sys.executable).parent / "diplograph")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[psutil.Process]:
    store = tmp_path_factory.mktemp("serve") / "store"
    env = {**os.environ, "DIPLOGRAPH_API_TOKEN": TOKEN, "DIPLOGRAPH_SPARQL_WORKERS": "1",
           "DIPLOGRAPH_WORKER_MEMORY": "400", "DIPLOGRAPH_QUERY_TIMEOUT": "30"}
    process = subprocess.Popen([diplograph(), "serve", "--store", f"oxigraph:{store}", "--port", str(PORT)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{BASE}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("diplograph serve did not start")
        yield psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def workers(server: psutil.Process) -> list[int]:
    return [child.pid for child in server.children(recursive=True)
            if "diplograph.api.sparql.worker" in " ".join(child.cmdline())]


def count(client: httpx.Client) -> int:
    response = client.get("/sparql", params={"query": COUNT})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def client(server: psutil.Process) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=BASE, timeout=120) as http:
        yield http


def test_a_deeply_nested_update_costs_a_worker_not_the_server(server: psutil.Process, client: httpx.Client) -> None:
    before = count(client)
    [worker] = workers(server)
    update = "INSERT { <urn:a> <urn:b> ?x } WHERE { BIND(" + "(" * DEEP + "1" + ")" * DEEP + " AS ?x) }"
    response = client.post("/sparql", content=update, headers={**AUTH, "content-type": "application/sparql-update"})
    assert response.status_code in (400, 503) and set(response.json()) >= {"error", "message"}
    assert server.is_running() and server.status() != psutil.STATUS_ZOMBIE
    assert count(client) == before, "nothing was written, nothing was lost"
    assert workers(server) and workers(server) != [worker], "the crashed worker was replaced"


def test_a_deeply_nested_query_costs_a_worker_not_the_server(server: psutil.Process, client: httpx.Client) -> None:
    before = count(client)
    [worker] = workers(server)
    query = "SELECT * WHERE " + "{" * DEEP + " ?s ?p ?o " + "}" * DEEP
    response = client.get("/sparql", params={"query": query})
    assert response.status_code in (400, 503) and set(response.json()) >= {"error", "message"}
    assert count(client) == before
    assert workers(server) != [worker]


def test_a_query_past_the_memory_cap_gets_a_503_that_says_so(server: psutil.Process, client: httpx.Client) -> None:
    before = count(client)
    response = client.get("/sparql", params={"query": HEAVY})
    assert response.status_code == 503
    assert response.json()["error"] == "memory limit"
    assert "400 MB" in response.json()["message"] and "DIPLOGRAPH_WORKER_MEMORY" in response.json()["message"]
    assert count(client) == before


def test_drop_all_cannot_destroy_the_ontology_and_actors(server: psutil.Process, client: httpx.Client) -> None:
    before = count(client)
    for update in ("DROP ALL", "CLEAR ALL", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                   "DROP GRAPH <https://w3id.org/diplograph/graph/ontology>"):
        response = client.post("/sparql", content=update, headers={**AUTH, "content-type": "application/sparql-update"})
        assert response.status_code == 400, (update, response.text)
        assert response.json()["error"] == "protected graph" and "ontology" in response.json()["message"] or \
            "actors" in response.json()["message"]
    assert count(client) == before
    allowed = 'INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> "c" } }'
    assert client.post("/sparql", content=allowed,
                       headers={**AUTH, "content-type": "application/sparql-update"}).status_code == 204
    assert count(client) == before + 1
