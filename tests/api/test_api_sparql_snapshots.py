"""SPARQL workers over an `oxigraph:` store read RocksDB checkpoints of it where they lie (snapshots.py).

They open a checkpoint directory read-only instead of loading an N-Quads dump; a write through the API
makes the next query see a new checkpoint, and the old one is deleted once no worker holds it; an
update is rehearsed on a writable checkpoint of its own, which is deleted afterwards, and the store is
untouched when the rehearsal refuses it; exports read the same checkpoint.
"""
from __future__ import annotations

import time
from pathlib import Path

import psutil
from fastapi.testclient import TestClient

from diplograph.api.sparql.snapshots import CheckpointSnapshots

TOKEN = "snapshot-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
NOTE = "SELECT ?o WHERE { GRAPH <urn:notes> { <urn:a> <urn:b> ?o } }"


def count(client: TestClient, query: str = COUNT) -> int:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def update(client: TestClient, text: str):
    return client.post("/sparql", content=text, headers={**AUTH, "content-type": "application/sparql-update"})


def checkpoints(client: TestClient) -> tuple[Path, list[str]]:
    source = client.app.state.sparql_engine._source
    assert isinstance(source, CheckpointSnapshots)
    return source.folder, sorted(p.name for p in source.folder.iterdir())


def worker_files(client: TestClient) -> set[str]:
    """The files the workers hold open (RocksDB keeps its table files open)."""
    files = set()
    for pid in client.app.state.sparql_engine.worker_pids():
        files |= {f.path for f in psutil.Process(pid).open_files()}
    return files


def test_a_worker_reads_a_checkpoint_of_the_store_not_a_dump(make_client) -> None:
    client = make_client("oxigraph", api_token=TOKEN)
    store_path = Path(client.app.state.store.backend.path)
    assert count(client) > 1000
    folder, names = checkpoints(client)
    assert folder.parent == store_path.parent and names == ["00000000"]
    held = worker_files(client)
    assert any(f.startswith(str(folder / "00000000")) for f in held), held
    assert not any(f.startswith(str(store_path) + "/") for f in held), "workers never open the live store"


def test_a_write_moves_the_workers_to_a_new_checkpoint_and_the_old_one_goes(make_client) -> None:
    client = make_client("oxigraph", api_token=TOKEN)
    before = count(client)
    assert update(client, 'INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> "one" } }').status_code == 204
    assert count(client) == before + 1
    folder, names = checkpoints(client)
    assert names == ["00000001"], "the first checkpoint is deleted once its worker moved on"
    assert update(client, 'INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> "two" } }').status_code == 204
    rows = client.get("/sparql", params={"query": NOTE}).json()["results"]["bindings"]
    assert sorted(r["o"]["value"] for r in rows) == ["one", "two"]
    assert checkpoints(client)[1] == ["00000002"]


def test_an_ingest_through_the_api_is_seen_by_the_next_query(make_client, seed_files) -> None:
    client = make_client("oxigraph", seeded=False, api_token=TOKEN)
    empty = count(client, "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?g { ?d a <https://schema.org/NewsArticle> } }")
    response = client.post("/documents", content=seed_files[0].read_bytes(), params={"name": seed_files[0].name},
                           headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code in (200, 201), response.text
    after = count(client, "SELECT (COUNT(?d) AS ?n) WHERE { GRAPH ?g { ?d a <https://schema.org/NewsArticle> } }")
    assert (empty, after) == (0, 1)


def test_a_rehearsal_refuses_protected_graphs_and_leaves_no_copy(make_client) -> None:
    client = make_client("oxigraph", api_token=TOKEN)
    before = count(client)
    for text in ("DROP ALL", "DROP GRAPH <https://w3id.org/diplograph/graph/ontology>",
                 "DELETE WHERE { GRAPH <https://w3id.org/diplograph/graph/actors> { ?s ?p ?o } }"):
        response = update(client, text)
        assert response.status_code == 400 and response.json()["error"] == "protected graph", response.text
    assert update(client, "INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> ").status_code == 400
    assert count(client) == before, "nothing was applied to the store"
    assert not [n for n in checkpoints(client)[1] if n.startswith("rehearsal")], "the writable copies are deleted"


def test_a_runaway_query_on_a_checkpoint_is_stopped(make_client) -> None:
    client = make_client("oxigraph", query_timeout=1.0)
    count(client)
    [worker] = client.app.state.sparql_engine.worker_pids()
    started = time.monotonic()
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"})
    assert response.status_code == 503 and response.json()["error"] in ("query timeout", "memory limit")
    assert time.monotonic() - started < 10
    assert count(client) > 1000 and client.app.state.sparql_engine.worker_pids() != [worker]


def test_an_export_reads_the_checkpoint(make_client) -> None:
    client = make_client("oxigraph", api_token=TOKEN)
    assert update(client, 'INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> "exported" } }').status_code == 204
    response = client.get("/export", params={"format": "nq"})
    assert response.status_code == 200 and b'"exported"' in response.content
    assert len(response.content.strip().splitlines()) == count(client)


def test_closing_the_server_deletes_the_checkpoints(make_client) -> None:
    client = make_client("oxigraph")
    count(client)
    folder, _ = checkpoints(client)
    client.app.state.sparql_engine.close()
    assert not folder.exists()


def test_a_memory_store_still_serves_n_quads(make_client) -> None:
    client = make_client("memory", api_token=TOKEN)
    before = count(client)
    assert update(client, 'INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:b> "m" } }').status_code == 204
    assert count(client) == before + 1
    assert len(client.app.state.sparql_engine.snapshot().strip().splitlines()) == before + 1
