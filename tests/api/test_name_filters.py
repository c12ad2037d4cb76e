"""Typos and unknown names in filters: matched where unambiguous, otherwise the near names, never a silent [].

`/statements`, `/positions` and `diplograph statements` read speaker and topic names through
api/names.py: case, aliases and plurals reach the actor or topic they name; a name that matches
nothing is a 400 (API) or exit 2 (CLI) with the nearest names.
"""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient


def iris(rows: list[dict]) -> list[str]:
    return [row["iri"] for row in rows]


@pytest.mark.parametrize(("typed", "key"), [("tomahawks", "tomahawk"), ("Tomahawks", "tomahawk"),
                                            ("air defense", "air_defense"), ("Security Guarantees", "security_guarantees")])
def test_topic_plurals_labels_and_case_reach_the_topic(client: TestClient, typed: str, key: str) -> None:
    exact = client.get("/statements", params={"topic": key})
    loose = client.get("/statements", params={"topic": typed})
    assert loose.status_code == 200, loose.text
    assert iris(loose.json()) == iris(exact.json()) != []
    if typed.lower().endswith("s") and not key.endswith("s"):  # a plural is read as the topic: said in a header
        assert loose.headers["Diplograph-Read-As"] == f"topic={key}"
    else:  # a label or another case names the topic as it is
        assert "Diplograph-Read-As" not in loose.headers


@pytest.mark.parametrize("typed", ["zelensky", "ZELENSKY", "Mr. Zelenskyy", "the Ukrainian President Volodymyr Zelensky"])
def test_speaker_case_and_aliases_reach_the_actor(client: TestClient, typed: str) -> None:
    rows = client.get("/statements", params={"speaker": typed}).json()
    assert rows and {row["speaker"] for row in rows} == {"Volodymyr Zelensky"}


@pytest.mark.parametrize(("route", "param", "typed", "near"), [
    ("/statements", "speaker", "Zelenksy", "Volodymyr Zelensky"),
    ("/statements", "topic", "tomahwaks", "tomahawk"),
    ("/statements", "topic", "ceasfire", "ceasefire"),
    ("/positions", "actor", "Zelenksy", "Volodymyr Zelensky"),
    ("/positions", "topic", "sanctons", "sanctions"),
])
def test_a_typo_is_a_400_with_the_near_name(client: TestClient, route: str, param: str, typed: str, near: str) -> None:
    response = client.get(route, params={param: typed})
    assert response.status_code == 400, response.text
    body = response.json()
    kind = "topic" if param == "topic" else "actor"
    assert body["error"] == f"unknown {kind}" and repr(typed) in body["message"]
    assert body["suggestions"][0] == near and f"Did you mean {near!r}" in body["message"]


def test_a_name_near_nothing_says_so_and_lists_the_topics(client: TestClient) -> None:
    body = client.get("/statements", params={"topic": "knitting"}).json()
    assert body["error"] == "unknown topic" and body["suggestions"] == []
    assert "Known topics:" in body["message"] and "tomahawk" in body["message"]


def test_a_known_actor_without_statements_is_an_empty_list_not_an_error(client: TestClient) -> None:
    response = client.get("/statements", params={"speaker": "Keir Starmer"})
    assert response.status_code == 200 and response.json() == []


def test_openapi_documents_the_suggestions(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "suggestions" in spec["components"]["schemas"]["ErrorOut"]["properties"]


# ---------------------------------------------------------------- the command line


def test_cli_speaker_typo_exits_2_with_the_near_name(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--speaker", "Zelenksy", "--store", disk_store_uri)
    assert result.exit_code == 2 and result.stdout == ""
    assert "No actor named 'Zelenksy'" in result.stderr and "Did you mean 'Volodymyr Zelensky'" in result.stderr
    assert "Traceback" not in result.output


def test_cli_topic_plural_is_read_with_a_note(cli, disk_store_uri: str) -> None:
    loose = cli("statements", "--topic", "tomahawks", "--format", "jsonl", "--store", disk_store_uri)
    exact = cli("statements", "--topic", "tomahawk", "--format", "jsonl", "--store", disk_store_uri)
    assert loose.exit_code == 0, loose.output
    assert loose.stdout == exact.stdout and [json.loads(line) for line in loose.stdout.splitlines()]
    assert "topic 'tomahawks' read as 'tomahawk'" in loose.stderr


def test_cli_unknown_topic_lists_the_known_ones(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--topic", "knitting", "--store", disk_store_uri)
    assert result.exit_code == 2 and "No topic named 'knitting'" in result.stderr and "ceasefire" in result.stderr


def test_cli_ask_answers_typos_with_a_did_you_mean(cli, disk_store_uri: str) -> None:
    result = cli("ask", "what did Zelenksy say about Tomahwaks", "--format", "jsonl", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["row"] == "statement" and r["speaker"] == "Volodymyr Zelensky" for r in rows)
    assert "did you mean 'Volodymyr Zelensky'" in result.stderr and "did you mean 'tomahawk'" in result.stderr


def test_cli_ask_unknown_actor_exits_2(cli, disk_store_uri: str) -> None:
    result = cli("ask", "what did Bob Smith say", "--store", disk_store_uri)
    assert result.exit_code == 2 and "No actor named 'Bob Smith'" in result.stderr


def test_cli_ask_prints_positions_and_meetings(cli, disk_store_uri: str) -> None:
    opposes = cli("ask", "who opposes a ceasefire", "--store", disk_store_uri)
    assert opposes.exit_code == 0 and "Vladimir Putin" in opposes.stdout and "claim" in opposes.stdout
    met = cli("ask", "who met whom", "--format", "jsonl", "--store", disk_store_uri)
    events = [json.loads(line) for line in met.stdout.splitlines()]
    assert any(e["row"] == "event" and {"Donald Trump", "Vladimir Putin"} <= set(e["participants"]) for e in events)
