"""The API over the statements index: bounded answers with totals (/actors/{ref}, /positions), /health
from counts kept on write, the index in step after writes and SPARQL updates made through the API,
and a damaged index rebuilt rather than a 500."""
from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from diplograph.graph import index_sync
from diplograph.graph.statement_index import FILE_NAME

TOKEN = {"authorization": "Bearer t"}


def test_an_actor_profile_is_paged_with_totals(client: TestClient) -> None:
    whole = client.get("/actors/Zelensky", params={"limit": 1000}).json()
    total = whole["statement_count"]
    assert total == len(whole["statements"]) >= 3
    pages = []
    for offset in range(0, total, 2):
        page = client.get("/actors/Zelensky", params={"limit": 2, "offset": offset}).json()
        assert page["statement_count"] == total and len(page["statements"]) <= 2
        pages += [s["iri"] for s in page["statements"]]
    assert pages == [s["iri"] for s in whole["statements"]]  # newest first, no gaps or repeats
    bounded = client.get("/actors/Zelensky", params={"positions": 1, "evidence": 1}).json()
    assert bounded["positions_total"] == whole["positions_total"] > 1 and len(bounded["positions"]) == 1
    assert all(len(p["evidence"]) <= 1 <= p["reports"] for p in bounded["positions"])
    assert client.get("/actors/Zelensky", params={"limit": 5000}).status_code == 422


def test_positions_are_paged_with_a_total(client: TestClient) -> None:
    every = client.get("/positions", params={"limit": 10_000})
    total = int(every.headers["x-total-count"])
    assert total == len(every.json()) > 3
    first = client.get("/positions", params={"limit": 2})
    second = client.get("/positions", params={"limit": 2, "offset": 2})
    assert first.headers["x-total-count"] == second.headers["x-total-count"] == str(total)
    assert [p["iri"] for p in first.json() + second.json()] == [p["iri"] for p in every.json()[:4]]
    trimmed = client.get("/positions", params={"evidence": 1, "limit": 10_000}).json()
    assert all(len(p["evidence"]) == min(1, p["reports"]) for p in trimmed)
    assert client.get("/positions", params={"limit": 0}).status_code == 422


def test_a_page_shows_the_newest_reports_and_the_evidence_route_pages_the_rest(client: TestClient) -> None:
    """/positions keeps each position's newest few reports (date order, the newest last), however much evidence
    it has; /positions/evidence pages back from the newest through all `reports`, X-Total-Count telling them."""
    whole = {p["iri"]: p for p in client.get("/positions", params={"limit": 10_000, "evidence": 1000}).json()}
    shown = client.get("/positions", params={"limit": 10_000}).json()
    assert [p["iri"] for p in shown] == list(whole)
    assert any(p["reports"] > 3 for p in shown), "a position with more reports than a page shows"
    for position in shown:
        history = whole[position["iri"]]["evidence"]
        assert len(history) == position["reports"] and position["evidence"] == history[-3:]
        pages, offset = [], 0
        while offset < position["reports"]:
            answer = client.get("/positions/evidence", params={"position": position["iri"], "limit": 2, "offset": offset})
            assert answer.status_code == 200 and answer.headers["x-total-count"] == str(position["reports"])
            pages = answer.json() + pages
            offset += 2
        assert pages == history
    missing = client.get("/positions/evidence", params={"position": "https://w3id.org/diplograph/position/none"})
    assert missing.status_code == 404 and "GET /positions" in missing.json()["message"]
    assert client.get("/positions/evidence", params={"position": "<bad> iri"}).status_code == 400
    assert client.get("/positions/evidence", params={"position": shown[0]["iri"], "limit": 0}).status_code == 422


def test_the_openapi_document_names_the_paging_params(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    profile = {p["name"] for p in paths["/actors/{ref}"]["get"]["parameters"]}
    positions = {p["name"] for p in paths["/positions"]["get"]["parameters"]}
    assert {"limit", "offset", "positions", "evidence"} <= profile and {"limit", "offset", "evidence"} <= positions
    assert {"position", "limit", "offset"} <= {p["name"] for p in paths["/positions/evidence"]["get"]["parameters"]}


def test_health_follows_writes_and_sparql_updates(make_client) -> None:
    client = make_client("oxigraph", api_token="t")
    store = client.app.state.store

    def health() -> dict:
        answer = client.get("/health").json()
        counted = store.counted().to_json()
        assert {k: answer[k] for k in counted} == counted
        return answer

    before = health()
    doc = client.get("/statements").json()[0]["doc"]
    assert client.delete(f"/documents/{doc}", headers=TOKEN).status_code == 200
    # the store's own write kept the index in step: nothing marks it for a rebuild of every statement
    assert store.index.state() == ""
    after = health()
    assert after["documents"] == before["documents"] - 1 and after["triples"] < before["triples"]
    assert index_sync.check(store) == []
    # a SPARQL update made through the API with GRAPH ?g: the graphs it writes are found before it is
    # applied, and only their documents are re-read (no rebuild pending)
    victim = client.get("/statements", params={"limit": 1}).json()[0]
    update = (f'PREFIX dg: <https://w3id.org/diplograph/ontology#> DELETE {{ GRAPH ?g {{ <{victim["iri"]}> dg:quote ?q }} }} '
              f'INSERT {{ GRAPH ?g {{ <{victim["iri"]}> dg:quote "Rewritten by hand." }} }} '
              f'WHERE {{ GRAPH ?g {{ <{victim["iri"]}> dg:quote ?q }} }}')
    response = client.post("/sparql", content=update, headers={**TOKEN, "content-type": "application/sparql-update"})
    assert response.status_code == 204, response.text
    assert store.index.state() == ""
    found = client.get("/statements", params={"text": "Rewritten by hand"}).json()
    assert [row["iri"] for row in found] == [victim["iri"]]
    assert index_sync.check(store) == []
    health()


def test_a_damaged_index_is_rebuilt_not_a_500(make_client, tmp_path: Path) -> None:
    client = make_client("oxigraph")
    store = client.app.state.store
    expected = client.get("/statements").json()
    assert store.index is not None and store.index.path is not None and store.index.path.name == FILE_NAME
    db = store.index._connect()
    db.execute("DROP TABLE meta")  # as a damaged file reads: no schema
    response = client.get("/statements")
    assert response.status_code == 200 and response.json() == expected
    assert client.get("/health").status_code == 200 and index_sync.check(store) == []
