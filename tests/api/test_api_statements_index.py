"""The statements index (SQLite) answers exactly as the SPARQL lookup (graph/statements.py
find_statements, what a remote store runs): same rows, same order, for a deterministic sample of filter
combinations on the seeds and three dated editions of each plus an undated one; and the API sees its
own writes."""
from __future__ import annotations

import itertools
import random

import pytest

from diplograph.graph.statements import find_statements
from diplograph.graph.store import GraphStore, QueryError

VALUES = {
    "speaker": [None, "Zelensky", "Trump", "Donald Trump", "https://w3id.org/diplograph/actor/vladimir_putin", "Nobody"],
    "topic": [None, "tomahawk", "weapons_supply", "ceasefire", "war_and_peace", "knitting"],
    "stance": [None, "requests", "opposes", "neutral"],
    "kind": [None, "direct", "reported"],
    "doc": [None, "2025-06-15-004_16d7c908a1f93d37.txt", "000_99e161be9118d118.txt", "no-such-doc"],
    "dates": [(None, None), ("2025-06-01", None), (None, "2025-06"), (None, "2025-06-15"), ("2025-03-01", "2025-06-15")],
    "text": [None, "deal", "Tomahawk", "ceasefire talks", "of", "%"],
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
    cases += [dict(text=t, order="-date", limit=20) for t in VALUES["text"][1:]]
    cases += [dict(date_from=f, date_to=t, order="-date") for f, t in VALUES["dates"][1:]]
    cases += [dict(doc="16d7c908"), dict(doc="16D7C908A1"), dict(topic="weapons_supply", order="-date", limit=3)]
    return cases


@pytest.mark.parametrize("filters", combinations(150), ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items() if v is not None))
def test_index_answers_as_sparql(dated_store: GraphStore, filters: dict) -> None:
    assert dated_store.index is not None and not dated_store.index.state()
    expected = [row.to_json() for row in find_statements(dated_store, **filters)]
    assert [row.to_json() for row in dated_store.statements(**filters)] == expected


def test_the_sample_finds_something(dated_store: GraphStore) -> None:
    """The equivalence above is not of empty answers: most single filters find rows."""
    rows = dated_store.statements()
    assert len(rows) > 40
    assert dated_store.statements(topic="weapons_supply") and dated_store.statements(text="Tomahawk")
    dates = sorted({r.date for r in rows if r.date})
    assert len(dates) > 1 and dated_store.statements(date_from=dates[-1]) and dated_store.statements(date_to=dates[0])


def test_a_bad_topic_key_is_refused_alike(dated_store: GraphStore) -> None:
    with pytest.raises(QueryError):
        dated_store.statements(topic="not a key!")
    with pytest.raises(QueryError):
        find_statements(dated_store, topic="not a key!")


def test_the_api_sees_its_own_writes(make_client) -> None:
    client = make_client("oxigraph", api_token="t")
    before = client.get("/statements", params={"limit": 10_000}).json()
    doc = before[0]["doc"]
    assert client.delete(f"/documents/{doc}", headers={"authorization": "Bearer t"}).status_code == 200
    after = client.get("/statements", params={"limit": 10_000}).json()
    assert after and all(row["doc"] != doc for row in after) and len(after) < len(before)
