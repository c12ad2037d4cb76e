"""GET /statements (every filter, paging, sorting), /ask, /actors, /actors/{ref}, /topics, /positions, /shifts,
/documents."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from diplograph.graph.store import GraphStore


DATES = ("2025-03-01", "2025-06-15", "2025-10-17")  # conftest.EDITION_DATES
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def dated(dated_store: GraphStore, api_client: Callable[..., TestClient]) -> Iterator[TestClient]:
    with api_client(dated_store, store=dated_store.uri) as client:
        yield client


def statements(client: TestClient, **params) -> list[dict]:
    response = client.get("/statements", params={"limit": 10_000, **params})
    assert response.status_code == 200, response.text
    return response.json()


SEED_DATES = {json.loads(path.read_text())["published"] for path in SEEDS.glob("*.meta.json")}


def test_date_range_is_inclusive(dated: TestClient) -> None:
    editions = [row for row in statements(dated) if row["doc"][:10] in DATES]  # the seeds and undated copies aside
    assert {row["published"] for row in editions} == set(DATES)
    summer = statements(dated, date_from="2025-06-01", date_to="2025-06-30")
    assert summer and {row["published"] for row in summer} == {"2025-06-15"}
    assert len(summer) * 3 == len(editions)
    assert {row["published"] for row in statements(dated, date_from="2025-06-15")} == {"2025-06-15", "2025-10-17",
                                                                                         *SEED_DATES}
    assert {row["published"] for row in statements(dated, date_to="2025-06-15")} == {"2025-03-01", "2025-06-15"}
    assert statements(dated, date_from="2026-01-01") == []


def test_sorting_by_date_both_ways(dated: TestClient) -> None:
    # the statement's own date (the date its sentence gives, else its article's) orders them
    ascending = [row["date"] for row in statements(dated, order="date")]
    descending = [row["date"] for row in statements(dated, order="-date")]
    assert ascending == sorted(ascending) and descending == sorted(descending, reverse=True)
    assert [d for d in ascending if d][0] == DATES[0] and descending[0] == max(ascending)
    assert ascending[0] == "" and descending[-1] == ""  # undated statements sort first, or last descending
    assert all(row["date"] <= row["published"] for row in statements(dated) if row["published"])
    confidence = [row["confidence"] for row in statements(dated, order="-confidence")]
    assert confidence == sorted(confidence, reverse=True)


def test_paging_walks_the_same_list_without_gaps_or_repeats(dated: TestClient) -> None:
    whole = [row["iri"] for row in statements(dated, order="date")]
    pages = []
    for offset in range(0, len(whole), 7):
        pages += [row["iri"] for row in dated.get("/statements", params={"order": "date", "offset": offset, "limit": 7}).json()]
    assert pages == whole
    assert dated.get("/statements", params={"offset": len(whole)}).json() == []


def test_text_search_finds_words_of_the_quote_or_sentence(client: TestClient) -> None:
    rows = statements(client, text="Tomahawk")
    assert rows and all("tomahawk" in (row["text"] + row["sentence"]).lower() for row in rows)
    assert statements(client, text="xylophone") == []


def test_topic_filter_includes_narrower_topics(client: TestClient) -> None:
    topics = {row["key"]: row for row in client.get("/topics").json()}
    parent = topics["air_defense"]["broader"][0]
    broad = {row["iri"] for row in statements(client, topic=parent)}
    narrow = statements(client, topic="air_defense")
    assert narrow and {row["iri"] for row in narrow} <= broad
    assert any(parent not in row["topics"] for row in narrow)  # found through skos:broader only


@pytest.mark.parametrize(
    "params",
    [{"date_from": "March 2025"}, {"date_to": "2025-13"}, {"order": "loudest"}, {"offset": -1}, {"limit": 0}, {"topic": "not a key!"}],
)
def test_bad_statement_filters_are_4xx_json(client: TestClient, params: dict) -> None:
    response = client.get("/statements", params=params)
    assert 400 <= response.status_code < 500 and response.json()


@pytest.mark.parametrize(
    ("question", "speaker", "topic", "stance"),
    [
        ("who said what about Tomahawks", None, "tomahawk", None),
        ("what did Putin say about sanctions", "Vladimir Putin", "sanctions", None),
        ("who opposes a ceasefire", None, "ceasefire", "opposes"),
        ("Zelensky's position on territory", "Volodymyr Zelensky", "territory", None),
    ],
)
def test_ask_reads_the_phrasings_of_the_issue(client: TestClient, question, speaker, topic, stance) -> None:
    body = client.get("/ask", params={"q": question}).json()
    assert (body["speaker"], body["topic"], body["stance"]) == (speaker, topic, stance)
    for row in body["statements"]:
        assert speaker is None or row["speaker"] == speaker
        assert stance is None or row["stance"] == stance


def test_actors_are_listed_most_quoted_first_and_searchable(client: TestClient) -> None:
    actors = client.get("/actors").json()
    counts = [actor["statements"] for actor in actors]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    found = client.get("/actors", params={"q": "zelensk"}).json()
    assert found and found[0]["name"] == "Volodymyr Zelensky"
    assert any(alias.startswith("President Zelensk") for alias in found[0]["aliases"])
    assert len(client.get("/actors", params={"limit": 2}).json()) == 2


def test_actors_lists_the_mentioned_ones_unless_all_are_asked_for(client: TestClient) -> None:
    health = client.get("/health").json()
    mentioned = client.get("/actors", params={"limit": 10_000}).json()
    everyone = client.get("/actors", params={"limit": 10_000, "all": "true"}).json()
    assert len(mentioned) == health["actors"] < len(everyone)
    assert {a["id"] for a in mentioned} < {a["id"] for a in everyone}
    assert "Volodymyr Zelensky" in {a["name"] for a in mentioned}
    gazetteer_only = {a["name"] for a in everyone} - {a["name"] for a in mentioned}
    assert gazetteer_only and all(a["statements"] == 0 for a in everyone if a["name"] in gazetteer_only)


def test_an_actor_profile_holds_statements_and_positions(client: TestClient) -> None:
    by_name = client.get("/actors/Zelensky")
    assert by_name.status_code == 200
    profile = by_name.json()
    assert profile["name"] == "Volodymyr Zelensky" and profile["wikidata"].startswith("Q")
    assert profile["statements"] and {s["speaker"] for s in profile["statements"]} == {"Volodymyr Zelensky"}
    assert profile["statement_count"] == len(profile["statements"])
    assert profile["positions"] and {p["holder"] for p in profile["positions"]} == {"Volodymyr Zelensky"}
    by_iri = client.get(f"/actors/{profile['id']}").json()
    assert by_iri["id"] == profile["id"] and len(by_iri["statements"]) == len(profile["statements"])
    unknown = client.get("/actors/Nobody McNobodyface")
    assert unknown.status_code == 404 and "/actors?q=" in unknown.json()["message"]


def test_topics_form_a_consistent_hierarchy(client: TestClient) -> None:
    topics = {row["key"]: row for row in client.get("/topics").json()}
    assert {"tomahawk", "ceasefire", "sanctions", "territory"} <= topics.keys()
    for key, row in topics.items():
        for narrower in row["narrower"]:
            assert key in topics[narrower]["broader"]
    assert topics["tomahawk"]["statements"] > 0


def test_positions_rest_on_their_evidence(client: TestClient) -> None:
    positions = client.get("/positions", params={"actor": "Zelensky", "evidence": 1000}).json()
    assert positions and {p["holder"] for p in positions} == {"Volodymyr Zelensky"}
    known = {row["iri"]: row for row in statements(client, speaker="Zelensky")}
    for position in positions:
        assert position["reports"] == len(position["evidence"]) >= position["count"] > 0
        assert sum(position["stances"].values()) == position["count"] and position["stance"] in position["stances"]
        if not position["claimed"]:
            assert position["reporter_id"] == position["holder_id"]
            for row in position["evidence"]:
                statement = known[row["statement"]]
                assert row["stance"] == statement["stance"] and position["topic"] in statement["topics"]
                assert (row["sentence"], row["start"], row["end"], row["doc"]) == (
                    statement["sentence"], statement["start"], statement["end"], statement["doc"])
        else:
            assert position["reporter_id"] != position["holder_id"]
    on_topic = client.get("/positions", params={"topic": "tomahawk"}).json()
    assert on_topic and all(p["topic"] == "tomahawk" for p in on_topic)
    unknown = client.get("/positions", params={"actor": "Nobody McNobodyface"})
    assert unknown.status_code == 400 and unknown.json()["error"] == "unknown actor"


def test_documents_are_listed_with_their_provenance(client: TestClient, seed_files) -> None:
    documents = client.get("/documents").json()
    assert {d["name"] for d in documents} == {path.name for path in seed_files}
    assert all(len(d["content_hash"]) == 64 and d["statements"] > 0 for d in documents)


def test_shifts_answer_with_the_statements_either_side(client: TestClient) -> None:
    rows = client.get("/shifts").json()
    assert isinstance(rows, list)
    for row in rows:  # the seeds may hold none; each one that is there is well-formed
        assert row["from_stance"] != row["to_stance"] and row["previous_date"] <= row["date"]
        assert row["before"]["sentence"] and row["after"]["sentence"]
    assert client.get("/shifts", params={"since": "2100-01-01"}).json() == []
    bad = client.get("/shifts", params={"since": "last week"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["message"]
