"""GET|POST /sparql: the three ways to send a query, the result media types, and every refusal as a JSON 4xx."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

COUNT = (
    "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a dg:Statement } }"
)
RESULTS_JSON = "application/sparql-results+json"


def count_from(response) -> int:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(RESULTS_JSON)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_and_post_direct_agree(client: TestClient, seeded_store) -> None:
    by_get = count_from(client.get("/sparql", params={"query": COUNT}))
    by_form = count_from(client.post("/sparql", data={"query": COUNT}))
    by_body = count_from(
        client.post("/sparql", content=COUNT.encode(), headers={"content-type": "application/sparql-query"})
    )
    assert by_get == by_form == by_body == seeded_store.counts().statements > 0


def test_ask_answers_a_boolean(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"})
    assert response.status_code == 200
    assert response.json()["boolean"] is True


def test_construct_answers_turtle(client: TestClient) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 7"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=response.text, format="turtle")) == 7


def test_malformed_query_is_a_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "malformed query"
    assert body["message"]  # the parser's own words: where it stopped and what it expected


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        pytest.param("get", {"params": {"query": ""}}, 400, id="empty query"),
        pytest.param("get", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, id="two queries"),
        pytest.param("post", {"data": {"default-graph-uri": "urn:x"}}, 400, id="form without query"),
        pytest.param("post", {"content": b"ASK {}", "headers": {"content-type": "text/plain"}}, 415, id="text/plain"),
        pytest.param("post", {"content": b"ASK {}"}, 415, id="no content type"),
        pytest.param(
            "post",
            {"content": "ASK {}".encode("utf-16"), "headers": {"content-type": "application/sparql-query; charset=UTF-16"}},
            400,
            id="utf-16 body",
        ),
        pytest.param(
            "post",
            {"content": b"ASK { ?s ?p \xff }", "headers": {"content-type": "application/sparql-query"}},
            400,
            id="invalid utf-8",
        ),
    ],
)
def test_bad_requests_are_json_4xx(client: TestClient, method: str, kwargs: dict, status: int) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["message"]


def test_an_update_by_get_is_a_bad_request(client: TestClient, seeded_store) -> None:
    before = seeded_store.counts()
    response = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert response.status_code == 400 and "POST" in response.json()["message"]
    assert seeded_store.counts() == before


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        pytest.param("post", {"data": {"update": "CLEAR ALL"}}, id="form update"),
        pytest.param(
            "post", {"content": b"CLEAR ALL", "headers": {"content-type": "application/sparql-update"}}, id="direct update"
        ),
    ],
)
def test_updates_are_refused_and_nothing_changes(client: TestClient, seeded_store, method: str, kwargs: dict) -> None:
    before = seeded_store.counts()
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == 403
    assert "read-only" in response.json()["message"]
    assert seeded_store.counts() == before


def test_an_update_sent_as_a_query_is_refused(client: TestClient, seeded_store) -> None:
    before = seeded_store.counts()
    response = client.post("/sparql", data={"query": "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert 400 <= response.status_code < 500
    assert seeded_store.counts() == before


def test_other_methods_are_refused(client: TestClient) -> None:
    response = client.put("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 405 and response.json()["message"]
