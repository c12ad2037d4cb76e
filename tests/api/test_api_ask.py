"""GET /ask and the question grammar behind it."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from diplograph.api.ask import EXAMPLES, AskError, parse_question


@pytest.mark.parametrize(
    ("question", "speaker", "topic", "stance"),
    [
        ("who said what about Tomahawks", None, "tomahawk", None),
        ("Who said what about Tomahawks?", None, "tomahawk", None),
        ("what did Trump say about the ceasefire", "Donald Trump", "ceasefire", None),
        ("what did Putin say", "Vladimir Putin", None, None),
        ("who opposes sanctions", None, "sanctions", "opposes"),
        ("who supports a peace deal", None, "peace_deal", "supports"),
        ("who requested air defense", None, "air_defense", "requests"),
        ("who asked for Tomahawk missiles", None, "tomahawk", "requests"),
        ("Zelensky's position on territory", "Volodymyr Zelensky", "territory", None),
        ("what did Mr. Zelensky say about security guarantees", "Volodymyr Zelensky", "security_guarantees", None),
        ("what did Keir Starmer say", "Keir Starmer", None, None),
    ],
)
def test_phrasings_are_understood(question: str, speaker: str | None, topic: str | None, stance: str | None) -> None:
    parsed = parse_question(question)
    assert (parsed.speaker, parsed.topic, parsed.stance) == (speaker, topic, stance)


def test_every_advertised_example_is_understood() -> None:
    for example in EXAMPLES:
        parse_question(example)


@pytest.mark.parametrize("question", ["", "tell me a joke", "who is the best"])
def test_unreadable_questions_explain_what_works(question: str) -> None:
    with pytest.raises(AskError) as error:
        parse_question(question)
    assert "who said what about Tomahawks" in str(error.value)


def test_unknown_topic_lists_the_known_ones() -> None:
    with pytest.raises(AskError) as error:
        parse_question("who said what about knitting")
    assert "knitting" in str(error.value) and "ceasefire" in str(error.value)


def test_who_said_what_about_tomahawks(client: TestClient) -> None:
    response = client.get("/ask", params={"q": "who said what about Tomahawks"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["topic"], body["speaker"], body["stance"]) == ("tomahawk", None, None)
    rows = body["statements"]
    assert all("tomahawk" in row["topics"] and row["sentence"] and row["doc"] for row in rows)
    zelensky_requests = [r for r in rows if r["speaker"] == "Volodymyr Zelensky" and r["stance"] == "requests"]
    assert zelensky_requests, "Zelensky's Tomahawk requests are missing"
    assert any("raised the issue of supplying us with Tomahawk" in r["text"] for r in zelensky_requests)
    trump = [r for r in rows if r["speaker"] == "Donald Trump"]
    assert any("protect our country" in r["text"] for r in trump), "Trump's reply about Tomahawks is missing"
    assert {r["doc"] for r in rows} >= {r["doc"] for r in zelensky_requests}


def test_ask_with_a_speaker_only_returns_that_speaker(client: TestClient) -> None:
    body = client.get("/ask", params={"q": "what did Trump say"}).json()
    assert body["speaker"] == "Donald Trump"
    assert body["statements"] and {row["speaker"] for row in body["statements"]} == {"Donald Trump"}


def test_unreadable_question_is_a_400_with_examples(client: TestClient) -> None:
    response = client.get("/ask", params={"q": "tell me a joke"})
    assert response.status_code == 400
    body = response.json()
    assert body["examples"] == list(EXAMPLES) and "tell me a joke" in body["message"]


def test_missing_question_is_a_4xx(client: TestClient) -> None:
    assert client.get("/ask").status_code == 422
