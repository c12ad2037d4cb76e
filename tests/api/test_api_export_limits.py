"""GET /export runs under the SPARQL limits: a time limit, a memory cap, a worker slot (issue 11, item 8)."""
from __future__ import annotations


def test_export_answers_within_the_limits(make_client) -> None:
    client = make_client(query_timeout=60.0)
    response = client.get("/export", params={"format": "gexf"})
    assert response.status_code == 200 and b"<gexf" in response.content
    assert b"Sybiha" in response.content or b"Zelensky" in response.content or b"Trump" in response.content


def test_an_export_past_the_time_limit_is_stopped_with_a_503(make_client) -> None:
    client = make_client(query_timeout=0.1)
    response = client.get("/export", params={"format": "gexf", "view": "full"})
    assert response.status_code == 503 and response.json()["error"] == "query timeout"
    assert client.get("/health").status_code == 200


def test_an_export_past_the_memory_cap_is_stopped_with_a_503(make_client) -> None:
    client = make_client(query_timeout=60.0, worker_memory=40)
    response = client.get("/export", params={"format": "ttl"})
    assert response.status_code == 503 and response.json()["error"] == "memory limit"
    assert "40 MB" in response.json()["message"]
    assert client.get("/health").status_code == 200
