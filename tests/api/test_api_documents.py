"""POST /documents runs the real extractor on an article and stores it; DELETE /documents/{ref} removes it.
Both need the API token; bad input is a 4xx and leaves the store as it was."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TOKEN = "ingest-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}
ARTICLE = """Zelensky presses Washington for air defence before winter

KYIV — Ukrainian President Volodymyr Zelensky on Tuesday urged the United States to send more air defense systems before the winter.
"We cannot protect our cities without more Patriot systems," Zelensky told reporters in Kyiv.
Kremlin spokesman Dmitry Peskov said Moscow rejected any ceasefire that would freeze the front line.
"""


@pytest.fixture()
def writer(make_client) -> TestClient:
    return make_client("oxigraph", seeded=False, api_token=TOKEN)


def count(client: TestClient, query: str) -> int:
    body = client.get("/sparql", params={"query": query}).json()
    return int(body["results"]["bindings"][0]["n"]["value"])


STATEMENT_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a dg:Statement }"


def test_a_plain_text_article_is_extracted_stored_and_queryable(writer: TestClient) -> None:
    assert count(writer, STATEMENT_COUNT) == 0
    response = writer.post(
        "/documents",
        content=ARTICLE.encode(),
        params={"name": "zelensky-air-defence.txt", "published": "2025-11-04"},
        headers={"content-type": "text/plain", **AUTH},
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["changed"] is True and body["doc"] == "zelensky-air-defence.txt" and body["triples"] > 0
    quote = next(s for s in body["statements"] if "Patriot systems" in s["text"])
    assert quote["speaker"] == "Volodymyr Zelensky" and quote["kind"] == "direct"
    assert ARTICLE[quote["start"]:quote["end"]] == quote["text"]
    assert "Volodymyr Zelensky" in body["actors"]
    stored = writer.get("/statements", params={"doc": "zelensky-air-defence.txt"}).json()
    assert {s["text"] for s in stored} == {s["text"] for s in body["statements"]}
    assert {s["published"] for s in stored} == {"2025-11-04"}
    assert count(writer, STATEMENT_COUNT) == len(body["statements"])  # the SPARQL workers see it at once
    again = writer.post("/documents", content=ARTICLE.encode(), params={"name": "zelensky-air-defence.txt"},
                        headers={"content-type": "text/plain", **AUTH})
    assert again.status_code == 200 and again.json()["changed"] is False


def test_a_json_article_keeps_its_metadata(writer: TestClient) -> None:
    article = {"id": "wire-1", "title": "Air defence plea", "url": "https://news.example/wire-1", "published": "2025-11-05", "text": ARTICLE}
    response = writer.post("/documents", json=article, headers=AUTH)
    assert response.status_code == 201, response.text
    documents = writer.get("/documents").json()
    assert [(d["name"], d["title"], d["url"], d["published"]) for d in documents] == [
        ("wire-1", "Air defence plea", "https://news.example/wire-1", "2025-11-05")
    ]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        pytest.param({"content": b"   \n ", "headers": {"content-type": "text/plain"}}, 400, id="empty text"),
        pytest.param({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, id="broken JSON"),
        pytest.param({"json": {"title": "no text"}}, 400, id="JSON without text"),
        pytest.param({"json": {"text": "x", "published": 2025}}, 400, id="JSON with a number for a date"),
        pytest.param({"content": b"\xff\xfe bad", "headers": {"content-type": "text/plain"}}, 400, id="not UTF-8"),
        pytest.param({"content": b"<p>hi</p>", "headers": {"content-type": "text/html"}}, 400,
                     id="HTML without article text"),
        pytest.param({"content": b"%PDF-1.4", "headers": {"content-type": "application/pdf"}}, 415, id="PDF"),
    ],
)
def test_bad_articles_are_4xx_and_store_nothing(writer: TestClient, kwargs: dict, status: int) -> None:
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = writer.post("/documents", headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert response.json()["message"]
    assert writer.get("/documents").json() == []


def test_writes_need_the_token(writer: TestClient, client: TestClient) -> None:
    post = {"content": ARTICLE.encode(), "headers": {"content-type": "text/plain"}}
    assert writer.post("/documents", **post).status_code == 401
    assert writer.post("/documents", content=post["content"], headers={**post["headers"], "authorization": "Bearer wrong"}).status_code == 401
    assert writer.delete("/documents/anything").status_code == 401
    read_only = client.post("/documents", **post)
    assert read_only.status_code == 403 and "DIPLOGRAPH_API_TOKEN" in read_only.json()["message"]
    assert client.delete("/documents/000_99e161be9118d118.txt").status_code == 403
    assert writer.get("/documents").json() == []


def test_delete_removes_the_article_and_what_derived_from_it(writer: TestClient) -> None:
    writer.post("/documents", json={"id": "to-remove", "text": ARTICLE}, headers=AUTH)
    assert writer.get("/statements", params={"doc": "to-remove"}).json()
    assert writer.get("/positions", params={"actor": "Zelensky"}).json()
    response = writer.delete("/documents/to-remove", headers=AUTH)
    assert response.status_code == 200
    [removed] = response.json()["removed"]
    assert removed["doc"] == "to-remove" and len(removed["content_hash"]) == 64
    assert writer.get("/documents").json() == []
    assert writer.get("/positions", params={"actor": "Zelensky"}).json() == []
    assert count(writer, STATEMENT_COUNT) == 0
    missing = writer.delete("/documents/to-remove", headers=AUTH)
    assert missing.status_code == 404 and missing.json()["error"] == "unknown document"


def test_delete_refuses_a_reference_that_fits_several_articles(writer: TestClient) -> None:
    for number in range(12):  # enough articles for one hex digit to begin several hashes
        writer.post("/documents", json={"id": f"article-{number}", "text": f"{ARTICLE}\n(Copy {number}.)"}, headers=AUTH)
    hashes = [d["content_hash"] for d in writer.get("/documents").json()]
    digit = max("0123456789abcdef", key=lambda d: sum(h.startswith(d) for h in hashes))
    refused = writer.delete(f"/documents/{digit}", headers=AUTH)
    assert refused.status_code == 409 and refused.json()["error"] == "ambiguous reference"
    assert "at least 8" in refused.json()["message"]
    assert len(writer.get("/documents").json()) == 12, "nothing was removed"


def test_bad_bodies_and_dates_are_4xx_and_nothing_is_stored(writer: TestClient) -> None:
    json_body = {"content-type": "application/json", **AUTH}
    nested = writer.post("/documents", content=b"[" * 100_000 + b"]" * 100_000, headers=json_body)
    assert nested.status_code == 400 and "nests too deeply" in nested.json()["message"]
    for published in ("2025-13-45", "not-a-date"):
        refused = writer.post("/documents", json={"id": "dated", "text": ARTICLE, "published": published}, headers=AUTH)
        assert refused.status_code == 400 and "YYYY-MM-DD" in refused.json()["message"], refused.text
    foreign = writer.post("/documents", json={"id": "ru", "text": "Министр иностранных дел заявил в понедельник, "
                                              "что Москва не примет перемирие, которое позволит Украине перевооружиться."},
                          headers=AUTH)
    assert foreign.status_code == 400 and "Russian" in foreign.json()["message"]
    assert writer.get("/documents").json() == []
    assert writer.get("/statements").status_code == 200


def test_an_article_past_the_time_limit_is_refused_and_not_stored(make_client) -> None:
    client = make_client("oxigraph", seeded=False, api_token=TOKEN, article_timeout=0.001)
    response = client.post("/documents", json={"id": "slow", "text": ARTICLE}, headers=AUTH)
    assert response.status_code == 422 and response.json()["error"] == "article too slow"
    assert "0.001 s" in response.json()["message"]
    assert client.get("/documents").json() == []
