"""/sparql is safe to expose: no server-side fetching, a time limit that really stops a query, row,
body and concurrency caps, writes only with the token, CORS off unless configured, no tracebacks."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import psutil
import pytest
from fastapi.testclient import TestClient

TOKEN = "s3cret-token"
# Four independent patterns over every triple: (10^3)^4 combinations to count, hours of work.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/diplograph/ontology#Statement> }"


@pytest.fixture()
def listener() -> Iterator[tuple[str, socket.socket]]:
    """A TCP port on loopback that records whether anyone connected to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield f"http://127.0.0.1:{server.getsockname()[1]}", server
    server.close()


def nobody_called(server: socket.socket) -> bool:
    time.sleep(0.2)
    try:
        server.accept()
    except BlockingIOError:
        return True
    return False


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ ?s ?p ?o .SERVICE SILENT <{url}/sparql>{{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<{url}/x> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(client: TestClient, listener, template: str) -> None:
    url, server = listener
    response = client.get("/sparql", params={"query": template.format(url=url)})
    assert response.status_code == 400
    assert response.json()["error"] == "not allowed" and "SERVICE" in response.json()["message"]
    assert nobody_called(server)


def test_service_as_a_word_in_strings_iris_and_names_is_fine(client: TestClient) -> None:
    query = 'PREFIX service: <http://ex.org/service#> SELECT ?service WHERE { BIND("SERVICE" AS ?service) } # SERVICE'
    assert client.get("/sparql", params={"query": query}).status_code == 200


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_load_is_refused_even_with_the_token(make_client, listener, store: str) -> None:
    url, server = listener
    client = make_client(store, api_token=TOKEN)
    for update in (f"LOAD <{url}/data.ttl>", "LOAD <file:///etc/passwd> INTO GRAPH <urn:x>", f"LOAD SILENT <{url}/x>"):
        response = client.post(
            "/sparql", content=update, headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 400 and "LOAD" in response.json()["message"]
    assert nobody_called(server)


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_from_and_using_name_local_graphs_and_never_fetch(make_client, listener, store: str) -> None:
    url, server = listener
    client = make_client(store, api_token=TOKEN)
    query = f"SELECT (COUNT(*) AS ?n) FROM <{url}/remote.ttl> WHERE {{ ?s ?p ?o }}"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200 and response.json()["results"]["bindings"][0]["n"]["value"] == "0"
    update = f"INSERT {{ GRAPH <urn:copy> {{ ?s ?p ?o }} }} USING <{url}/remote.ttl> WHERE {{ ?s ?p ?o }}"
    response = client.post("/sparql", data={"update": update}, headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 204
    assert nobody_called(server)


def test_a_runaway_query_is_stopped_and_the_server_answers_right_after(make_client) -> None:
    client = make_client(query_timeout=1.0)
    assert client.get("/sparql", params={"query": COUNT}).status_code == 200  # the worker is up
    engine = client.app.state.sparql_engine
    [worker_pid] = engine.worker_pids()
    started = time.monotonic()
    response = client.get("/sparql", params={"query": RUNAWAY})
    elapsed = time.monotonic() - started
    assert response.status_code == 503 and response.json()["error"] == "query timeout"
    assert "1 s" in response.json()["message"]
    assert elapsed < 5
    assert not psutil.pid_exists(worker_pid) or psutil.Process(worker_pid).status() == psutil.STATUS_ZOMBIE
    started = time.monotonic()
    again = client.get("/sparql", params={"query": COUNT})
    assert again.status_code == 200 and int(again.json()["results"]["bindings"][0]["n"]["value"]) > 0
    assert time.monotonic() - started < 5
    assert engine.worker_pids() and engine.worker_pids() != [worker_pid]
    assert client.get("/statements", params={"limit": 1}).status_code == 200


def test_rows_are_capped_and_the_cap_is_announced(make_client) -> None:
    client = make_client(max_rows=5)
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.json()["results"]["bindings"]) == 5
    assert response.headers["x-sparql-maxrows"] == "5"
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"accept": "application/n-triples"})
    assert len(graph.text.strip().splitlines()) == 5 and graph.headers["x-sparql-maxrows"] == "5"
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert len(small.json()["results"]["bindings"]) == 3 and "x-sparql-maxrows" not in small.headers


def test_request_bodies_are_capped(make_client) -> None:
    client = make_client(max_body=2048)
    padding = "#" + "x" * 3000 + "\n"
    response = client.post("/sparql", content=padding + "ASK {}", headers={"content-type": "application/sparql-query"})
    assert response.status_code == 413 and "2048" in response.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the cap is counted as the body streams in
        yield padding.encode()
        yield b"ASK {}"

    response = client.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"})
    assert response.status_code == 413
    ok = client.post("/sparql", content=b"ASK {}", headers={"content-type": "application/sparql-query"})
    assert ok.status_code == 200


def test_requests_beyond_the_concurrency_cap_are_turned_away(make_client) -> None:
    client = make_client(max_concurrency=1, query_timeout=2.0)
    client.get("/sparql", params={"query": "ASK {}"})  # start the worker before timing anything
    slow = threading.Thread(target=client.get, args=("/sparql",), kwargs={"params": {"query": RUNAWAY}})
    slow.start()
    time.sleep(0.5)
    busy = client.get("/health")
    slow.join()
    assert busy.status_code == 503 and busy.json()["error"] == "busy" and busy.headers["retry-after"]
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_updates_need_the_configured_bearer_token(make_client, store: str) -> None:
    client = make_client(store, api_token=TOKEN)
    update = 'INSERT DATA { GRAPH <urn:test> { <urn:a> <urn:b> "c" } }'
    direct = {"content-type": "application/sparql-update"}
    missing = client.post("/sparql", content=update, headers=direct)
    assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/sparql", content=update, headers={**direct, "authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ask = "ASK { GRAPH <urn:test> { <urn:a> <urn:b> \"c\" } }"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is False
    before = client.get("/health").json()
    statements = client.get("/statements").json()
    done = client.post("/sparql", content=update, headers={**direct, "authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 204
    after = client.get("/health").json()
    assert after["triples"] == before["triples"] + 1 and after["statements"] == before["statements"]
    assert client.get("/statements").json() == statements  # nothing else touched
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True  # workers see the change
    bad = client.post("/sparql", data={"update": "CLEAR XYZ"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert bad.status_code == 400 and bad.json()["error"] == "malformed update"


def test_cors_is_off_by_default_and_configurable(client: TestClient, make_client) -> None:
    origin = {"origin": "https://yasgui.example"}
    assert "access-control-allow-origin" not in client.get("/sparql", params={"query": "ASK {}"}, headers=origin).headers
    open_client = make_client(cors_origins=("https://yasgui.example",))
    preflight = open_client.options(
        "/sparql", headers={**origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://yasgui.example"
    other = open_client.get("/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_an_unexpected_failure_is_a_json_500_without_traceback(make_client, monkeypatch) -> None:
    client = make_client()
    store = client.app.state.store

    def broken(**_: object) -> None:
        raise RuntimeError("disk on fire at /secret/path")

    monkeypatch.setattr(store, "statements", broken)
    with TestClient(client.app, raise_server_exceptions=False) as plain:
        response = plain.get("/statements")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error", "message": "RuntimeError"}
    assert "Traceback" not in response.text and "/secret/path" not in response.text
