"""The in-memory statements index answers exactly as GraphStore.statements: same rows, same order,
for a deterministic sample of filter combinations; and it refreshes after a write through the API."""
from __future__ import annotations

import itertools
import random

import pytest

from diplograph.api.statements_index import StatementsIndex
from diplograph.graph.store import GraphStore, QueryError

VALUES = {
    "speaker": [None, "Zelensky", "Trump", "Donald Trump", "https://w3id.org/diplograph/actor/vladimir_putin", "Nobody"],
    "topic": [None, "tomahawk", "weapons_supply", "ceasefire", "war_and_peace", "knitting"],
    "stance": [None, "requests", "opposes", "neutral"],
    "kind": [None, "direct", "reported"],
    "doc": [None, "2025-06-15-004_16d7c908a1f93d37.txt", "000_99e161be9118d118.txt", "no-such-doc"],
    "dates": [(None, None), ("2025-06-01", None), (None, "2025-06"), (None, "2025-06-15"), ("2025-03-01", "2025-06-15")],
    "text": [None, "deal", "Tomahawk"],
    "order": ["doc", "date", "-date", "speaker", "confidence", "-confidence"],
    "page": [(0, None), (0, 5), (4, 7), (1000, 10)],
}


def combinations(count: int) -> list[dict]:
    rng = random.Random(5)
    every = list(itertools.product(*VALUES.values()))
    chosen = rng.sample(every, count)
    cases = []
    for speaker, topic, stance, kind, doc, (date_from, date_to), text, order, (offset, limit) in chosen:
        cases.append(dict(speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc, date_from=date_from,
                          date_to=date_to, text=text, order=order, offset=offset, limit=limit))
    # the common unfiltered and single-filter requests, always
    cases += [dict(order=order) for order in VALUES["order"]]
    cases += [dict(topic=t) for t in VALUES["topic"][1:]] + [dict(speaker=s) for s in VALUES["speaker"][1:]]
    return cases


@pytest.fixture(scope="module")
def index(dated_store: GraphStore) -> StatementsIndex:
    return StatementsIndex(dated_store, max_rows=100_000)


@pytest.mark.parametrize("filters", combinations(150), ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items() if v is not None))
def test_index_answers_as_the_store(index: StatementsIndex, dated_store: GraphStore, filters: dict) -> None:
    expected = [row.iri for row in dated_store.statements(**filters)]
    assert [row.iri for row in index.lookup(**filters)] == expected


def test_a_bad_topic_key_is_refused_alike(index: StatementsIndex, dated_store: GraphStore) -> None:
    with pytest.raises(QueryError):
        dated_store.statements(topic="not a key!")
    with pytest.raises(QueryError):
        index.lookup(topic="not a key!")


def test_a_store_over_the_cap_is_left_to_its_own_query(dated_store: GraphStore) -> None:
    assert StatementsIndex(dated_store, max_rows=10).lookup() is None
    assert StatementsIndex(dated_store, max_rows=0).lookup() is None


def test_the_api_sees_its_own_writes(make_client) -> None:
    client = make_client("oxigraph", api_token="t")
    before = client.get("/statements", params={"limit": 10_000}).json()
    doc = before[0]["doc"]
    assert client.delete(f"/documents/{doc}", headers={"authorization": "Bearer t"}).status_code == 200
    after = client.get("/statements", params={"limit": 10_000}).json()
    assert after and all(row["doc"] != doc for row in after) and len(after) < len(before)
