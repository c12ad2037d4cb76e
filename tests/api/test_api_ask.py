"""GET /ask: every phrasing of the catalogue answered on the seed articles, and checked for what it returns.

Each catalogue example is asked over HTTP. A first test checks what every answer of its intent must
satisfy (the right speaker, topic, stance family, marks); a second checks what the seeds say for that
question (who opposes a ceasefire: Putin, by Zelensky's claim; what Zelensky wants: Tomahawks, air
defense, ...). Questions with time words run on the dated store (the seeds plus dated editions).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from diplograph.api.questions import CATALOGUE, EXAMPLES, HELP_EXAMPLES, PHRASINGS, QuestionError, parse
from diplograph.api.timespans import split_time
from diplograph.graph.store import GraphStore
from diplograph.ontology.lexicon import topic_descendants

TRUMP, ZELENSKY, PUTIN = "Donald Trump", "Volodymyr Zelensky", "Vladimir Putin"
Body = dict[str, Any]


@pytest.fixture(scope="module")
def dated_client(dated_store: GraphStore, api_client: Callable[..., TestClient]) -> Iterator[TestClient]:
    """The API over the seeds and their dated editions (2025-03-01, 2025-06-15, 2025-10-17)."""
    with api_client(dated_store) as test_client:
        yield test_client


def ask(client: TestClient, question: str) -> Body:
    response = client.get("/ask", params={"q": question, "limit": 1000})
    assert response.status_code == 200, response.text
    return response.json()


def holders(body: Body, match: str | None = None) -> set[str]:
    return {p["holder"] for p in body["positions"] if match is None or p["match"] == match}


def speakers(body: Body) -> set[str]:
    return {s["speaker"] for s in body["statements"]}


def texts(body: Body) -> str:
    return " | ".join(s["text"] for s in body["statements"])


def family(topic: str) -> set[str]:
    return topic_descendants(topic)


# ---------------------------------------------------------------- what every answer of an intent satisfies


def check_intent(body: Body) -> None:
    intent, topic = body["intent"], body["topic"]
    for row in body["statements"]:
        if topic:
            assert family(topic) & set(row["topics"]), row
        if body["period"]:
            start, end = body["period"]["start"], body["period"]["end"]
            assert row["published"] and (start is None or row["published"] >= start), row
            assert end is None or row["published"] <= end, row
    for position in body["positions"]:
        if topic:
            assert position["topic"] in family(topic), position
        assert (position["match"] == "claim") == position["claimed"] or intent in ("comparison",), position
    if intent == "statements" and body["speaker"]:
        assert speakers(body) <= {body["speaker"]}
    if intent == "statements" and body["other"]:
        assert all(body["other"] in s["addressees"] for s in body["statements"])
    if intent == "stance":
        asked = body["stance"]
        assert body["stances"][0] == asked and len(body["stances"]) > 1
        for row in body["statements"]:
            assert row["stance"] in body["stances"]
            assert row["match"] == ("asked" if row["stance"] == asked else "neighbour"), row
        for position in body["positions"]:
            assert position["stance"] in body["stances"]
            if not position["claimed"]:
                assert position["match"] == ("asked" if position["stance"] == asked else "neighbour"), position
    if intent in ("positions", "wants", "agreement"):
        assert holders(body) <= {body["speaker"]}
        assert speakers(body) <= {body["speaker"]}
    if intent == "wants":
        assert {p["stance"] for p in body["positions"]} <= {"requests", "supports"}
        assert all(s["stance"] == "requests" for s in body["statements"])
    if intent == "meetings":
        for event in body["events"]:
            assert body["speaker"] is None or body["speaker"] in event["participants"]
            assert body["other"] is None or body["other"] in event["participants"]
            assert body["status"] is None or event["status"] == body["status"], event
            assert event["planned"] == (event["status"] == "planned"), event
    if intent == "agreement":
        assert body["verdict"] in ("yes", "no", "not stated")
    if intent == "reactions":
        assert body["other"] not in speakers(body)
        assert all(s["match"] in ("addressed", "named") for s in body["statements"])
        assert holders(body) <= {body["other"]} and all(p["claimed"] for p in body["positions"])
    if intent == "comparison":
        assert holders(body) <= {body["speaker"], body["other"]}
        for row in body["comparison"]:
            for side, who in (("first", body["speaker"]), ("second", body["other"])):
                counted = sum(p["count"] for p in body["positions"] if p["holder"] == who and p["topic"] == row["topic"])
                assert sum(row[side].values()) == counted


def client_for(question: str, client: TestClient, dated_client: TestClient) -> TestClient:
    return dated_client if split_time(question.rstrip("?"))[1] else client


@pytest.mark.parametrize("question", CATALOGUE)
def test_every_catalogue_answer_fits_its_intent(question: str, client: TestClient, dated_client: TestClient) -> None:
    body = ask(client_for(question, client, dated_client), question)
    assert body["intent"] == parse(question).intent
    check_intent(body)


# ---------------------------------------------------------------- what the seeds say, question by question


def says(**expected: Any) -> Callable[[Body], None]:
    """The parts of the question as understood."""
    def check(body: Body) -> None:
        assert {k: body[k] for k in expected} == expected
    return check


def all_of(*checks: Callable[[Body], None]) -> Callable[[Body], None]:
    def check(body: Body) -> None:
        for one in checks:
            one(body)
    return check


def positions_include(holder: str, topic: str | None, stance: str, match: str, reporter: str | None = None):
    def check(body: Body) -> None:
        assert any(p["holder"] == holder and (topic is None or p["topic"] == topic) and p["stance"] == stance
                   and p["match"] == match and (reporter is None or p["reporter"] == reporter)
                   for p in body["positions"]), body["positions"]
    return check


def quoted(*fragments: str) -> Callable[[Body], None]:
    def check(body: Body) -> None:
        for fragment in fragments:
            assert fragment in texts(body), fragment
    return check


def event_between(*names: str, planned: bool | None = None, status: str | None = None, guests: tuple[str, ...] = (),
                  hosts: tuple[str, ...] = ()) -> Callable[[Body], None]:
    def check(body: Body) -> None:
        assert any(set(names) <= set(e["participants"]) and (planned is None or e["planned"] is planned)
                   and (status is None or e["status"] == status) and set(guests) <= set(e["guests"])
                   and set(hosts) <= set(e["hosts"]) for e in body["events"]), body["events"]
    return check


def nothing(body: Body) -> None:
    assert not (body["statements"] or body["positions"] or body["events"] or body["comparison"])
    assert any("Nothing stored answers" in note for note in body["notes"])


def compared(topic: str, relation: str) -> Callable[[Body], None]:
    def check(body: Body) -> None:
        assert {row["topic"]: row["relation"] for row in body["comparison"]}.get(topic) == relation, body["comparison"]
    return check


def period(start: str | None, end: str | None) -> Callable[[Body], None]:
    def check(body: Body) -> None:
        assert (body["period"]["start"], body["period"]["end"]) == (start, end)
        assert body["reference_date"] and any("relative to" in note for note in body["notes"])
        assert body["statements"] or body["positions"], "a dated edition falls in the period"
    return check


SEED_ANSWERS: dict[str, Callable[[Body], None]] = {
    "how do Trump and Zelensky differ on the peace deal": all_of(
        says(speaker=TRUMP, other=ZELENSKY, topic="peace_deal"), positions_include(TRUMP, "peace_deal", "supports", "asked"),
        positions_include(ZELENSKY, "peace_deal", "supports", "asked"),
        lambda b: [r["topic"] for r in b["comparison"]] == ["peace_deal"]),
    "how does Zelensky differ from Trump on territory": all_of(
        says(speaker=ZELENSKY, other=TRUMP, topic="territory"), compared("territory", "differ")),
    "compare Trump and Zelensky on the ceasefire": all_of(
        says(speaker=TRUMP, other=ZELENSKY, topic="ceasefire"), compared("ceasefire", "agree")),
    "where do Trump and Zelensky disagree": all_of(
        says(speaker=TRUMP, other=ZELENSKY, topic=None), compared("territory", "differ"), compared("air_defense", "only second")),
    "what do Trump and Zelensky think about Tomahawks": all_of(
        says(speaker=TRUMP, other=ZELENSKY, topic="tomahawk"), compared("tomahawk", "differ")),
    "Trump vs Zelensky on Tomahawks": all_of(says(speaker=TRUMP, other=ZELENSKY, topic="tomahawk"), compared("tomahawk", "differ")),
    # the White House is an institution of its own (not the United States): it hosts Zelensky's visit
    "who met whom": all_of(event_between(TRUMP, PUTIN, planned=True), event_between(ZELENSKY, "White House", planned=False)),
    "list all meetings": event_between(TRUMP, PUTIN, planned=True),
    "which meetings are planned": all_of(says(status="planned"), event_between(TRUMP, PUTIN, status="planned")),
    "which meetings were cancelled": all_of(says(status="cancelled"), nothing),  # the seeds call nothing off
    "which meetings were held with Zelensky": all_of(
        says(speaker=ZELENSKY, status="held"), event_between(ZELENSKY, "White House", status="held")),
    "planned meetings": all_of(says(status="planned"), event_between(TRUMP, PUTIN, planned=True)),
    "who visited the White House": all_of(says(speaker="White House"), event_between(
        ZELENSKY, "White House", status="held", guests=(ZELENSKY,), hosts=("White House", TRUMP))),
    "who did Zelensky visit": all_of(says(speaker=ZELENSKY), event_between(
        ZELENSKY, TRUMP, guests=(ZELENSKY,), hosts=(TRUMP,)), lambda b: not any(ZELENSKY in e["hosts"] for e in b["events"])),
    "who did Trump meet": all_of(says(speaker=TRUMP), event_between(TRUMP, PUTIN, planned=True)),
    "who will Trump meet": all_of(says(speaker=TRUMP), event_between(TRUMP, PUTIN, planned=True)),
    "who met Trump": all_of(says(speaker=TRUMP), event_between(TRUMP, PUTIN)),
    "who is meeting Putin": all_of(says(speaker=PUTIN), event_between(TRUMP, PUTIN)),
    "did Trump meet Putin": all_of(says(speaker=TRUMP, other=PUTIN, verdict="planned"), event_between(TRUMP, PUTIN)),
    "did Zelensky visit the White House": all_of(says(speaker=ZELENSKY, other="White House", verdict="yes"),
                                                 event_between(ZELENSKY, "White House", TRUMP, planned=False,
                                                               guests=(ZELENSKY,), hosts=("White House",))),
    "meetings with Zelensky": all_of(says(speaker=ZELENSKY), event_between(ZELENSKY, "White House")),
    "did Trump agree to supply Tomahawks": all_of(
        says(speaker=TRUMP, topic="tomahawk", verdict="not stated"), quoted("we also need Tomahawk to protect our country")),
    "has Trump promised to send Tomahawks to Ukraine": says(speaker=TRUMP, other="Ukraine", topic="tomahawk", verdict="not stated"),
    "will Trump send Tomahawks to Ukraine": says(speaker=TRUMP, other="Ukraine", topic="tomahawk", verdict="not stated"),
    "did Zelensky agree to a ceasefire": all_of(says(speaker=ZELENSKY, topic="ceasefire", verdict="yes"),
                                                quoted("we want that, but Mr Putin does not")),
    "does Zelensky accept the peace deal": all_of(says(speaker=ZELENSKY, topic="peace_deal", verdict="yes"),
                                                  positions_include(ZELENSKY, "peace_deal", "supports", "asked")),
    "who criticised Putin": all_of(says(other=PUTIN), positions_include(PUTIN, "ceasefire", "opposes", "claim", ZELENSKY)),
    "who criticised Trump": all_of(says(other=TRUMP), nothing),
    "who praised Trump": all_of(says(other=TRUMP), positions_include(TRUMP, "peace_deal", "supports", "claim", ZELENSKY),
                                quoted("President Trump wants to end the war")),
    "who thanked Zelensky": all_of(says(other=ZELENSKY), nothing),
    "did anyone praise Trump": positions_include(TRUMP, "peace_deal", "supports", "claim", ZELENSKY),
    "what does Zelensky want": all_of(
        says(speaker=ZELENSKY, stance="requests"),
        lambda b: {"tomahawk", "air_defense", "security_guarantees"} <= {p["topic"] for p in b["positions"] if p["match"] == "asked"},
        positions_include(ZELENSKY, "ceasefire", "supports", "neighbour"), quoted("Tomahawk missiles")),
    "what does Ukraine want": all_of(says(speaker="Ukraine"), positions_include("Ukraine", "tomahawk", "requests", "claim", ZELENSKY),
                                     lambda b: not b["statements"]),
    "what is Zelensky asking for": positions_include(ZELENSKY, "air_defense", "requests", "asked"),
    "what are Zelensky's demands": positions_include(ZELENSKY, "security_guarantees", "requests", "asked"),
    "where does Trump stand on Tomahawks": all_of(
        says(speaker=TRUMP, topic="tomahawk"), positions_include(TRUMP, "tomahawk", "neutral", "asked"),
        quoted("we also need Tomahawk to protect our country"),
        lambda b: any("'Tomahawks' read as 'tomahawk'" in note for note in b["notes"])),
    "where does Zelensky stand": all_of(says(speaker=ZELENSKY, topic=None),
                                        positions_include(ZELENSKY, "territory", "rejects", "asked")),
    "what is Trump's stance on the ceasefire": all_of(says(speaker=TRUMP, topic="ceasefire"),
                                                      positions_include(TRUMP, "ceasefire", "supports", "asked")),
    "Zelensky's position on territory": positions_include(ZELENSKY, "territory", "rejects", "asked"),
    "Putin's position on the ceasefire": all_of(says(speaker=PUTIN), positions_include(PUTIN, "ceasefire", "opposes", "claim", ZELENSKY),
                                                lambda b: not b["statements"]),
    "what does Zelensky think about territory": positions_include(ZELENSKY, "territory", "rejects", "asked"),
    "how does Trump view the peace deal": all_of(positions_include(TRUMP, "peace_deal", "supports", "asked"),
                                                 positions_include(TRUMP, "peace_deal", "supports", "claim", ZELENSKY)),
    # "a deal that freezes Russia's territorial gains is a non-starter" is about the deal and the territory
    # (seed gold): that statement answers who rejects the deal; Zelensky's position on it stays support
    "is Zelensky against the peace deal": positions_include(ZELENSKY, "peace_deal", "supports", "asked"),
    "who opposes a ceasefire": all_of(
        says(topic="ceasefire", stance="opposes", stances=["opposes", "rejects", "warns"]),
        positions_include(PUTIN, "ceasefire", "opposes", "claim", ZELENSKY), lambda b: TRUMP not in holders(b)),
    "who is against the peace deal": all_of(says(topic="peace_deal", stance="opposes"), quoted("non-starter for Kyiv")),
    "who rejects the peace deal": all_of(says(topic="peace_deal", stance="rejects"), quoted("non-starter for Kyiv")),
    "who supports a peace deal": all_of(
        says(topic="peace_deal", stance="supports"), positions_include(TRUMP, "peace_deal", "supports", "asked"),
        positions_include(TRUMP, "peace_deal", "supports", "claim", ZELENSKY), quoted("stop the killing and make a deal")),
    "which leaders back a ceasefire": all_of(
        says(topic="ceasefire", stance="supports"), lambda b: {TRUMP, ZELENSKY} <= holders(b, "asked"),
        positions_include("Russia", "ceasefire", "supports", "claim", TRUMP)),
    "who wants Tomahawks": all_of(says(topic="tomahawk", stance="requests"), lambda b: holders(b, "asked") == {ZELENSKY},
                                  quoted("I raised the issue of supplying us with Tomahawk missiles")),
    "who asked for air defense": all_of(says(topic="air_defense", stance="requests"), lambda b: speakers(b) == {ZELENSKY}),
    "who warns about escalation": all_of(says(topic="escalation", stance="warns"), nothing),
    "who supports a peace deal this month": all_of(says(stance="supports"), lambda b: b["period"]["start"].endswith("-01"),
                                                   lambda b: b["period"]["end"] == b["reference_date"]),
    "who said what about Tomahawks": all_of(
        says(topic="tomahawk", speaker=None), lambda b: {TRUMP, ZELENSKY} <= speakers(b),
        quoted("I raised the issue of supplying us with Tomahawk missiles", "we also need Tomahawk to protect our country")),
    "who said anything about the ceasefire": all_of(says(topic="ceasefire"), quoted("we want that, but Mr Putin does not")),
    "who said what about Tomahawks last week": all_of(
        says(topic="tomahawk"), lambda b: b["period"]["end"] == b["reference_date"], quoted("protect our country")),
    "who talked about air defense": all_of(says(topic="air_defense"), quoted("air defense systems")),
    "what was said about security guarantees": all_of(says(topic="security_guarantees"), quoted("security guarantees")),
    "what did Trump tell Zelensky": all_of(says(speaker=TRUMP, other=ZELENSKY), quoted("Stop the Killing and Make a Deal")),
    # an institution of its own, not Russia or Putin; anonymous sources are no longer speakers
    "what did the Kremlin say": all_of(says(speaker="Kremlin"), nothing,
                                       lambda b: any("no stored statements" in note for note in b["notes"])),
    "what did Trump say about the ceasefire": all_of(says(speaker=TRUMP, topic="ceasefire"),
                                                     quoted("both sides should stop at the front line")),
    "what did Putin say": all_of(says(speaker=PUTIN), nothing,
                                 lambda b: any("no stored statements" in note for note in b["notes"])),
    "what has Zelensky said about territory": all_of(says(speaker=ZELENSKY, topic="territory"), quoted("non-starter for Kyiv")),
    "what did Zelenksy say about Tomahwaks": all_of(
        says(speaker=ZELENSKY, topic="tomahawk"), quoted("I raised the issue of supplying us with Tomahawk missiles"),
        lambda b: sum("did you mean" in note for note in b["notes"]) == 2),
    "what did Mr. Zelenskyy say about security guarantees": all_of(says(speaker=ZELENSKY), quoted("security guarantees")),
    "what did Trump say since October": all_of(says(speaker=TRUMP), period("2025-10-01", None)),
    "In 2025, what did Zelensky say": all_of(says(speaker=ZELENSKY), period("2025-01-01", "2025-12-31")),
    "what did Zelensky say in June": all_of(says(speaker=ZELENSKY), period("2025-06-01", "2025-06-30"),
                                            lambda b: {s["published"] for s in b["statements"]} == {"2025-06-15"}),
    "what did Trump say between March and June": all_of(
        period("2025-03-01", "2025-06-30"), lambda b: {s["published"] for s in b["statements"]} == {"2025-03-01", "2025-06-15"}),
    "quotes from Trump about the peace deal": all_of(
        says(speaker=TRUMP, topic="peace_deal"), lambda b: {s["kind"] for s in b["statements"]} == {"direct"},
        quoted("stop the killing and make a deal")),
    "statements by Zelensky about territory": quoted("non-starter for Kyiv"),
    "statements about drones": all_of(says(topic="drones"), quoted("thousands of drones")),
    "Zelensky's remarks on security guarantees": all_of(says(speaker=ZELENSKY, topic="security_guarantees"),
                                                        quoted("security guarantees")),
    "Zelensky on Tomahawks": all_of(says(speaker=ZELENSKY, topic="tomahawk"), quoted("Tomahawk")),
}


def test_the_catalogue_has_forty_phrasings_each_with_its_answer_checked() -> None:
    assert len(CATALOGUE) >= 40 and len(set(CATALOGUE)) == len(CATALOGUE)
    assert set(SEED_ANSWERS) == set(CATALOGUE)
    assert {p.intent for p in PHRASINGS} == {"statements", "positions", "stance", "wants", "meetings", "agreement",
                                             "reactions", "comparison"}


@pytest.mark.parametrize("question", CATALOGUE)
def test_catalogue_answers_on_the_seeds(question: str, client: TestClient, dated_client: TestClient) -> None:
    SEED_ANSWERS[question](ask(client_for(question, client, dated_client), question))


# ---------------------------------------------------------------- reading and errors


@pytest.mark.parametrize(
    ("question", "intent", "speaker", "other", "topic", "time"),
    [
        ("Who said what about Tomahawks?", "statements", None, None, "Tomahawks", None),
        ("what did the Kremlin say?", "statements", "the Kremlin", None, None, None),
        ("how do Trump and Zelensky differ on territory", "comparison", "Trump", "Zelensky", "territory", None),
        ("Since October, who opposes a ceasefire", "stance", None, None, "a ceasefire", "Since October"),
        ("who met whom last month", "meetings", None, None, None, "last month"),
        ("what did Zelensky’s team say", "statements", "Zelensky's team", None, None, None),
    ],
)
def test_questions_are_read_into_their_parts(question: str, intent: str, speaker: str | None, other: str | None,
                                             topic: str | None, time: str | None) -> None:
    parsed = parse(question)
    assert (parsed.intent, parsed.speaker, parsed.other, parsed.topic, parsed.time) == (intent, speaker, other, topic, time)


def test_phrasings_are_listed(client: TestClient) -> None:
    listed = client.get("/ask/phrasings").json()
    assert [e for p in listed for e in p["examples"]] == list(CATALOGUE)
    assert set(HELP_EXAMPLES) <= set(CATALOGUE) and set(EXAMPLES) <= set(CATALOGUE)


@pytest.mark.parametrize("question", ["", "tell me a joke", "who is the best", "what did Trump say since February 30"])
def test_unreadable_questions_are_a_400_with_phrasings(question: str, client: TestClient) -> None:
    response = client.get("/ask", params={"q": question})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "cannot read the question" and "who said what about Tomahawks" in body["message"]
    assert body["examples"] == list(EXAMPLES)


@pytest.mark.parametrize(
    ("question", "kind", "asked", "suggestion"),
    [
        ("what did Bob Smith say", "actor", "Bob Smith", None),
        ("who said what about knitting", "topic", "knitting", None),
        ("what did Zelenksyy Trumpov say", "actor", "Zelenksyy Trumpov", None),
        ("what did Donald say", "actor", "Donald", "Donald Trump"),  # Trump or Tusk: not guessed
        ("what did Vladimir say", "actor", "Vladimir", "Vladimir Putin"),  # too far to correct, near enough to offer
    ],
)
def test_unknown_names_are_a_404_with_the_nearest_names(client: TestClient, question: str, kind: str, asked: str,
                                                       suggestion: str | None) -> None:
    response = client.get("/ask", params={"q": question})
    assert response.status_code == 404, response.text
    body = response.json()
    assert body["error"] == f"unknown {kind}" and repr(asked) in body["message"]
    assert isinstance(body["suggestions"], list)
    if suggestion is not None:
        assert suggestion in body["suggestions"]


def test_a_clear_typo_is_answered_with_a_did_you_mean(client: TestClient) -> None:
    body = ask(client, "where does Zelenksy stand on ceasfire")
    assert (body["speaker"], body["topic"]) == (ZELENSKY, "ceasefire")
    assert any("did you mean 'Volodymyr Zelensky'" in n for n in body["notes"])
    assert any("did you mean 'ceasefire'" in n for n in body["notes"])
    assert body["positions"] and holders(body) == {ZELENSKY}


def test_the_and_case_do_not_break_names(client: TestClient) -> None:
    plain = ask(client, "what did American President Donald Trump say")
    for question in ("what did the American President Donald Trump say", "What did THE AMERICAN PRESIDENT DONALD TRUMP say?"):
        assert ask(client, question)["statements"] == plain["statements"] != []


def test_relative_dates_are_read_against_the_newest_stored_date(client: TestClient) -> None:
    # the seeds now carry publication dates: "last week" is read against the newest one, not today
    body = ask(client, "what did Trump say last week")
    newest = max(s["published"] for s in ask(client, "what did Trump say")["statements"])
    assert any(f"relative to {newest}" in note for note in body["notes"]) and body["period"]["end"] == body["reference_date"]


def test_limit_caps_the_statements(client: TestClient) -> None:
    body = client.get("/ask", params={"q": "who said what about Tomahawks", "limit": 2}).json()
    assert len(body["statements"]) == 2


def test_missing_question_is_a_4xx(client: TestClient) -> None:
    assert client.get("/ask").status_code == 422


def test_the_readme_lists_the_whole_catalogue() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Asking questions", 1)[1].split("\n## ", 1)[0]
    assert all(f"| `{question}` |" in section for question in CATALOGUE)
