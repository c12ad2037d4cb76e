"""GET /ask on our own articles (tests/data/ask/articles.jsonl): what the seeds cannot show.

The two dated articles hold a held meeting, an agreement to supply, warnings, criticism and praise,
and a rejection beside an opposition; relative time words are read against their newest date.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from diplograph.graph.store import GraphStore

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "ask" / "articles.jsonl"
MERZ, PESKOV, STUBB, ORBAN = "Friedrich Merz", "Dmitry Peskov", "Alexander Stubb", "Viktor Orbán"
Body = dict[str, Any]


@pytest.fixture(scope="module")
def own_store(store_holding: Callable[..., AbstractContextManager[GraphStore]]) -> Iterator[GraphStore]:
    from diplograph.extract.document import iter_documents
    from diplograph.extract.pipeline import Extractor

    extractor = Extractor()
    with store_holding([extractor.extract(document) for document in iter_documents([ARTICLES])]) as store:
        yield store


@pytest.fixture(scope="module")
def own_client(own_store: GraphStore, api_client: Callable[..., TestClient]) -> Iterator[TestClient]:
    with api_client(own_store) as test_client:
        yield test_client


def marked(body: Body, part: str = "statements") -> set[tuple[str, str]]:
    """(who, match) of each row: the speaker of a statement, the holder of a position."""
    key = "speaker" if part == "statements" else "holder"
    return {(row[key], row["match"]) for row in body[part]}


CHECKS: dict[str, Callable[[Body], bool]] = {
    "who warns about escalation": lambda b: marked(b) == {(PESKOV, "asked")},
    "who opposes the Taurus": lambda b: (PESKOV, "neighbour") in marked(b) and MERZ not in {s for s, _ in marked(b)},
    "who opposes sanctions": lambda b: {(ORBAN, "asked"), (ORBAN, "neighbour")} <= marked(b)
                                       and all(s["stance"] in ("opposes", "rejects", "warns") for s in b["statements"]),
    # "called for" sanctions is a request (stance v2), a neighbour of support
    "who supports sanctions": lambda b: marked(b) == {("Ursula von der Leyen", "neighbour")},
    "did Merz agree to supply Taurus missiles": lambda b: b["verdict"] == "yes" and marked(b) == {(MERZ, "asked")},
    "did Stubb meet Merz": lambda b: b["verdict"] == "yes" and b["events"][0]["place"] == "Berlin",
    "who met Merz": lambda b: [set(e["participants"]) for e in b["events"]] == [{STUBB, MERZ}],
    "who criticised Merz": lambda b: marked(b) == {(PESKOV, "named")},
    "who criticised Orban": lambda b: marked(b) == {("Donald Tusk", "named")},
    "who praised Merz": lambda b: marked(b) == {(STUBB, "named")},
    "compare Merz and Peskov on Taurus": lambda b: [(r["topic"], r["relation"]) for r in b["comparison"]] == [("taurus", "differ")],
    "what did Merz say since November 10": lambda b: marked(b) == {(MERZ, "asked")}
                                                     and {s["published"] for s in b["statements"]} == {"2025-11-20"},
    "who said what about sanctions last week": lambda b: b["reference_date"] == "2025-11-20"
                                                         and {s["published"] for s in b["statements"]} == {"2025-11-20"},
    "what did Orban say in November": lambda b: len(b["statements"]) == 3 and b["period"]["end"] == "2025-11-30",
}


@pytest.mark.parametrize("question", CHECKS)
def test_own_articles_answer(question: str, own_client: TestClient) -> None:
    response = own_client.get("/ask", params={"q": question})
    assert response.status_code == 200, response.text
    body = response.json()
    assert CHECKS[question](body), body
