"""GET /health, GET /statements and the OpenAPI description."""
from __future__ import annotations

from fastapi.testclient import TestClient


def test_health_reports_the_store_counts(client: TestClient, seeded_store) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    counts = seeded_store.counts()
    assert response.json() == {
        "status": "ok",
        "documents": counts.documents,
        "statements": counts.statements,
        "actors": counts.actors,
        "triples": counts.triples,
    }
    assert counts.documents >= 2


def test_statements_filters_combine(client: TestClient) -> None:
    rows = client.get("/statements", params={"speaker": "Zelensky", "topic": "tomahawk"}).json()
    assert rows
    for row in rows:
        assert row["speaker"] == "Volodymyr Zelensky" and "tomahawk" in row["topics"]
        assert row["sentence"] and row["doc"]


def test_statements_filter_by_stance_kind_doc_and_limit(client: TestClient, seed_files) -> None:
    name = seed_files[1].name
    direct = client.get("/statements", params={"kind": "direct", "doc": name}).json()
    assert direct and all(row["kind"] == "direct" and row["doc"] == name for row in direct)
    requests = client.get("/statements", params={"stance": "requests"}).json()
    assert requests and all(row["stance"] == "requests" for row in requests)
    assert len(client.get("/statements", params={"limit": 2}).json()) == 2


def test_statement_rows_carry_their_evidence(client: TestClient) -> None:
    rows = client.get("/statements").json()
    assert rows
    for row in rows:
        assert row["text"] and row["sentence"]
        assert 0 <= row["start"] < row["end"]


def test_bad_filter_values_are_4xx_json(client: TestClient) -> None:
    for params in ({"stance": "loves"}, {"kind": "sung"}, {"limit": 0}, {"limit": "many"}):
        response = client.get("/statements", params=params)
        assert 400 <= response.status_code < 500, params
        assert response.json()


def test_unknown_document_gives_an_empty_list(client: TestClient) -> None:
    response = client.get("/statements", params={"doc": "no-such-article.txt"})
    assert response.status_code == 200 and response.json() == []


def test_unknown_speaker_is_a_400_not_an_empty_list(client: TestClient) -> None:
    response = client.get("/statements", params={"speaker": "Nobody McNobodyface"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "unknown actor" and "Nobody McNobodyface" in body["message"]
    assert body["suggestions"] == []  # nothing is near: no made-up suggestion


def test_openapi_documents_the_statement_fields(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/health", "/statements", "/ask", "/sparql"} <= spec["paths"].keys()
    fields = spec["components"]["schemas"]["StatementOut"]["properties"]
    assert {"speaker", "text", "topics", "stance", "sentence", "doc", "start", "end"} <= fields.keys()
    assert all(field.get("description") for field in fields.values())
    assert client.get("/docs").status_code == 200


# FastAPI's own validation-error schemas, and the issue-4 models of api/routes/graph.py (owned there).
NOT_OURS = {"HTTPValidationError", "ValidationError"}


def test_openapi_documents_every_field_of_every_model(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = {name: schema for name, schema in spec["components"]["schemas"].items() if name not in NOT_OURS}
    assert {"StatementOut", "ActorOut", "ActorProfileOut", "TopicOut", "PositionOut", "DocumentOut", "ExtractedOut",
            "ErrorOut", "AskOut", "Health"} <= schemas.keys()
    undocumented = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        for field, spec_field in schema.get("properties", {}).items()
        if not spec_field.get("description")
    ]
    assert undocumented == []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            assert "400" in operation["responses"], f"{method.upper()} {path} does not document its 400"
