"""Events held, planned and cancelled, and a visit's guest and host: in `ask`, GET /events, `diplograph
events` and the Gephi exports, on three short articles of our own (tests/data/ask/events.jsonl).

The articles hold a visit (Modi to Erdoğan in Ankara), a meeting called off (Meloni and Netanyahu),
a meeting announced (Xi and Modi, next month), a meeting held (Rutte and Starmer) and a readiness to
host talks ("Turkey was ready to host new negotiations"), which announces an event and reports none.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from lxml import etree

from diplograph.api.questions import parse
from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore, open_store

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "ask" / "events.jsonl"
MODI, ERDOGAN, XI = "Narendra Modi", "Recep Tayyip Erdoğan", "Xi Jinping"
MELONI, NETANYAHU, RUTTE, STARMER = "Giorgia Meloni", "Benjamin Netanyahu", "Mark Rutte", "Keir Starmer"
Body = dict[str, Any]


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from diplograph.extract.document import iter_documents
    from diplograph.extract.pipeline import Extractor

    extractor = Extractor()
    return [extractor.extract(document) for document in iter_documents([ARTICLES])]


@pytest.fixture(scope="module")
def events_store(extractions: list[Extraction],
                 store_holding: Callable[..., AbstractContextManager[GraphStore]]) -> Iterator[GraphStore]:
    with store_holding(extractions) as store:
        yield store


@pytest.fixture(scope="module")
def events_client(events_store: GraphStore, api_client: Callable[..., TestClient]) -> Iterator[TestClient]:
    with api_client(events_store) as client:
        yield client


@pytest.fixture(scope="module")
def events_uri(extractions: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same articles in an embedded store on disk, for the command line."""
    uri = f"oxigraph:{tmp_path_factory.mktemp('events') / 'graph'}"
    store = open_store(uri)
    store.add_many(extractions)
    store.close()
    return uri


def ask(client: TestClient, question: str) -> Body:
    response = client.get("/ask", params={"q": question})
    assert response.status_code == 200, response.text
    return response.json()


def between(body: Body) -> list[tuple[str, frozenset[str]]]:
    """(status, participants) of each event of an answer."""
    return [(e["status"], frozenset(e["participants"])) for e in body["events"]]


# ---------------------------------------------------------------- reading the questions


@pytest.mark.parametrize("question, speaker, other, status, role", [
    ("which meetings were cancelled", None, None, "cancelled", None),
    ("which meetings were called off", None, None, "cancelled", None),
    ("which summits are planned", None, None, "planned", None),
    ("what talks were held with Rutte", "Rutte", None, "held", None),
    ("upcoming meetings", None, None, "planned", None),
    ("cancelled meetings with Netanyahu", "Netanyahu", None, "cancelled", None),
    ("who visited Erdogan", "Erdogan", None, None, "host"),
    ("who did Modi visit", "Modi", None, None, "guest"),
    ("did Modi visit Erdogan", "Modi", "Erdogan", None, "guest"),
    ("did Xi meet Modi", "Xi", "Modi", None, None),
])
def test_event_questions_are_read_with_their_status_and_role(question: str, speaker: str | None, other: str | None,
                                                              status: str | None, role: str | None) -> None:
    parsed = parse(question)
    assert (parsed.intent, parsed.speaker, parsed.other, parsed.status, parsed.role) == (
        "meetings", speaker, other, status, role)


# ---------------------------------------------------------------- answers on our own articles

ANSWERS: dict[str, Callable[[Body], bool]] = {
    # "did A meet B" says what the articles say: held, only announced, only called off
    "did Rutte meet Starmer": lambda b: b["verdict"] == "yes" and between(b) == [("held", frozenset({RUTTE, STARMER}))],
    "did Xi meet Modi": lambda b: b["verdict"] == "planned" and between(b) == [("planned", frozenset({XI, MODI}))]
                                  and b["events"][0]["planned"] and any("not yet held" in n for n in b["notes"]),
    "did Meloni meet Netanyahu": lambda b: b["verdict"] == "cancelled"
                                           and between(b) == [("cancelled", frozenset({MELONI, NETANYAHU}))]
                                           and not b["events"][0]["planned"]
                                           and any("called off" in n for n in b["notes"]),
    "did Modi meet Rutte": lambda b: b["verdict"] == "not stated" and b["events"] == [],
    # a visit has a direction: Modi went to Erdoğan, not the other way round
    "did Modi visit Erdogan": lambda b: b["verdict"] == "yes" and b["events"][0]["guests"] == [MODI]
                                        and b["events"][0]["hosts"] == [ERDOGAN],
    "did Erdogan visit Modi": lambda b: b["verdict"] == "not stated" and b["events"] == [],
    "who visited Erdogan": lambda b: [e["guests"] for e in b["events"]] == [[MODI]]
                                     and f"{ERDOGAN} was visited by {MODI}." in b["notes"],
    "who did Modi visit": lambda b: [e["hosts"] for e in b["events"]] == [[ERDOGAN]]
                                    and f"{MODI} visited {ERDOGAN}." in b["notes"],
    "who visited Modi": lambda b: b["events"] == [],
    # the status asked for, and nothing else
    "which meetings were cancelled": lambda b: b["status"] == "cancelled"
                                               and between(b) == [("cancelled", frozenset({MELONI, NETANYAHU}))],
    "which meetings are planned": lambda b: b["status"] == "planned" and {s for s, _ in between(b)} == {"planned"}
                                            and ("planned", frozenset({XI, MODI})) in between(b),
    "which meetings were held": lambda b: {s for s, _ in between(b)} == {"held"}
                                          and ("held", frozenset({MODI, ERDOGAN})) in between(b)
                                          and ("held", frozenset({RUTTE, STARMER})) in between(b),
    "cancelled meetings with Netanyahu": lambda b: between(b) == [("cancelled", frozenset({MELONI, NETANYAHU}))],
    "planned meetings with Netanyahu": lambda b: b["events"] == [],
    # who met whom lists every status, each marked
    "who met whom": lambda b: {s for s, _ in between(b)} == {"held", "planned", "cancelled"},
}


@pytest.mark.parametrize("question", ANSWERS)
def test_ask_answers_held_planned_cancelled_and_visits(question: str, events_client: TestClient) -> None:
    body = ask(events_client, question)
    assert body["intent"] == "meetings"
    assert ANSWERS[question](body), body


def test_readiness_to_host_talks_announces_an_event_and_reports_none(events_store: GraphStore) -> None:
    """'Turkey was ready to host new negotiations between Kyiv and Moscow': planned, never held."""
    ready = [e for e in events_store.events(actor="Russia") if e.doc == "ankara-visit"]
    assert [e.status for e in ready] == ["planned"]


# ---------------------------------------------------------------- GET /events and `diplograph events`


def test_events_route_gives_status_guests_and_hosts(events_client: TestClient, events_store: GraphStore) -> None:
    every = events_client.get("/events").json()
    assert len(every) == len(events_store.events())
    assert all(e["planned"] == (e["status"] == "planned") for e in every)
    visit = events_client.get("/events", params={"kind": "visit"}).json()
    assert [(v["status"], v["guests"], v["hosts"], v["place"]) for v in visit] == [("held", [MODI], [ERDOGAN], "Ankara")]
    off = events_client.get("/events", params={"status": "cancelled"}).json()
    assert [set(e["participants"]) for e in off] == [{MELONI, NETANYAHU}]
    xi = events_client.get("/events", params={"actor": "Xi", "status": "planned"}).json()
    assert [set(e["participants"]) for e in xi] == [{XI, MODI}]
    assert events_client.get("/events", params={"actor": "Xi", "status": "held"}).json() == []


@pytest.mark.parametrize("params, status", [({"status": "maybe"}, 422), ({"kind": "party"}, 422),
                                            ({"actor": "Nobody Atall Known"}, 400)])
def test_bad_event_filters_are_4xx(events_client: TestClient, params: dict[str, str], status: int) -> None:
    response = events_client.get("/events", params=params)
    assert response.status_code == status, response.text


def test_events_command_lists_status_guests_and_hosts(cli: Callable[..., Result], events_uri: str) -> None:
    result = cli("events", "--status", "held", "--format", "jsonl", "--store", events_uri)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {r["status"] for r in rows} == {"held"}
    assert [(r["guests"], r["hosts"]) for r in rows if r["kind"] == "visit"] == [([MODI], [ERDOGAN])]
    table = cli("events", "--actor", "Meloni", "--store", events_uri).stdout
    assert "Events (1)" in table and "cancelled" in table and NETANYAHU in table
    refused = cli("events", "--status", "maybe", "--store", events_uri)
    assert refused.exit_code == 2 and "Traceback" not in refused.output


# ---------------------------------------------------------------- the Gephi exports


def test_gexf_and_csv_give_each_event_its_status(events_store: GraphStore) -> None:
    gexf = io.BytesIO()
    events_store.export("gexf", gexf)
    ns = {"g": "http://gexf.net/1.3"}
    document = etree.fromstring(gexf.getvalue())
    statuses = {}
    for node in document.iterfind(".//g:node", ns):
        values = {v.get("for"): v.get("value") for v in node.iterfind(".//g:attvalue", ns)}
        if values.get("type") == "Event":
            statuses[node.get("label")] = values.get("status")
    assert sorted(statuses.values()) == ["cancelled", "held", "held", "planned", "planned"], statuses
    relations = {e.get("label") for e in document.iterfind(".//g:edge", ns)}
    assert {"met", "planned to meet", "cancelled a meeting with"} <= relations

    folder = io.BytesIO()
    events_store.export("csv", folder)
    import zipfile

    with zipfile.ZipFile(folder) as archive:
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert sorted(n["status"] for n in nodes if n["type"] == "Event") == sorted(statuses.values())
    assert {"met", "planned meeting", "cancelled meeting"} <= {e["relation"] for e in edges}
