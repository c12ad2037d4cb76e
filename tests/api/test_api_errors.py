"""One error shape everywhere: every refusal is `{"error", "message"}` (with `examples` for /ask and
`suggestions` for unknown names), the
validation errors FastAPI would answer as `{"detail": [...]}` included, and the OpenAPI says so."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("method", "path", "params", "status", "named"),
    [
        ("get", "/export", {"format": "xlsx"}, 422, "format"),
        ("get", "/export", {"view": "everything"}, 422, "view"),
        ("get", "/statements", {"limit": 0}, 422, "limit"),
        ("get", "/statements", {"offset": "first"}, 422, "offset"),
        ("get", "/ask", {}, 422, "q"),
        ("get", "/paths", {"a": "Zelensky"}, 422, "b"),
        ("get", "/actors", {"all": "perhaps"}, 422, "all"),
        ("get", "/positions", {"claimed": "sometimes"}, 422, "claimed"),
        ("get", "/statements", {"date_from": "last week"}, 422, "date_from"),
        ("get", "/statements", {"topic": "not a key!"}, 400, ""),
        ("get", "/actors/Nobody McNobodyface", {}, 404, ""),
        ("get", "/no/such/route", {}, 404, ""),
        ("delete", "/topics", {}, 405, ""),
        ("get", "/sparql", {"query": "SELECT WHERE {"}, 400, ""),
    ],
)
def test_every_refusal_has_the_one_shape(client: TestClient, method: str, path: str, params: dict, status: int,
                                         named: str) -> None:
    response = getattr(client, method)(path, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert {"error", "message"} <= set(body) <= {"error", "message", "examples", "suggestions"}, body
    assert isinstance(body["error"], str) and body["error"] and isinstance(body["message"], str)
    assert "detail" not in body and "\n" not in body["message"]
    if named:
        assert body["message"].startswith(f"{named}: ") or named in body["message"]
    if status == 422:
        assert body["error"] == "invalid parameter"


def test_the_openapi_documents_the_shape_for_every_error(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    refusals = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    refusals += 1
                    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, \
                        f"{method.upper()} {path} {status}"
    assert refusals > 20
    error_out = spec["components"]["schemas"]["ErrorOut"]
    assert {"error", "message"} <= set(error_out["required"])
