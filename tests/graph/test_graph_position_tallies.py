"""Positions kept as running tallies: a write that adds reports never reads the older evidence, yet
the positions it leaves are those a recomputation from every report gives, whatever the batches; a
removal recomputes the pairs it touches."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph import index_sync
from diplograph.graph.store import GraphStore, open_store
from diplograph.graph.summaries import (POSITIONS_GRAPH, Evidence, changed_quads, core_quads, merge, summary_of,
                                        tallies)
from diplograph.ontology.terms import TOPIC, actor_iri

FLIP = {"rejects": "supports", "warns": "supports", "requests": "rejects"}


def edition(extraction: Extraction, name: str, published: str, *, flip: bool = False) -> Extraction:
    """Another article carrying the same statements (a wire copy: one utterance), dated `published`;
    with `flip`, each statement's stance turned (a later change of position)."""
    suffix = f"\n({name})"
    document = replace(extraction.document, name=name, text=extraction.document.text + suffix,
                       clean=extraction.document.clean + suffix, published=published,
                       url=f"https://example.org/{name}")  # another article, not a new version of the first
    statements = tuple(replace(s, doc=name, date="", stance=FLIP.get(s.stance, s.stance) if flip else s.stance)
                       for s in extraction.statements)
    return replace(extraction, document=document, statements=statements)


@pytest.fixture
def articles(seed_extractions: list[Extraction], kremlin: Extraction, white_house: Extraction) -> list[Extraction]:
    """Seeds, hand-written articles, copies later and earlier than the first, and a turn of stance."""
    return [*seed_extractions, kremlin, white_house,
            edition(kremlin, "kremlin-copy.txt", "2025-11-03"),
            edition(kremlin, "kremlin-turn.txt", "2025-12-01", flip=True),
            edition(kremlin, "kremlin-early.txt", "2025-09-01"),
            edition(white_house, "white-house-copy.txt", "2025-11-20")]


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Callable[[str], GraphStore]]:
    stores: list[GraphStore] = []

    def open_one(name: str) -> GraphStore:
        stores.append(open_store(f"oxigraph:{tmp_path / name}"))
        return stores[-1]

    yield open_one
    for store in stores:
        store.close()


def positions_graph(store: GraphStore) -> set[tuple[str, str, str]]:
    rows = store._select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{POSITIONS_GRAPH}> {{ ?s ?p ?o }} }}")
    return {(r[0].n3(), r[1].n3(), r[2].n3()) if hasattr(r[0], "n3") else tuple(map(str, r)) for r in rows}


def test_batches_give_the_positions_of_one_batch_and_of_a_rebuild(opened: Callable[[str], GraphStore],
                                                                  articles: list[Extraction]) -> None:
    early = next(a for a in articles if a.document.name == "kremlin-early.txt")
    in_order = [a for a in articles if a is not early]  # each copy after its original: the same utterance IRIs
    whole = opened("whole")
    whole.add_many(in_order)
    batched = opened("batched")
    batched.add_many(in_order[:3])
    batched.add_many(in_order[3:-3])
    for article in in_order[-3:]:
        batched.add(article)
    assert positions_graph(batched) == positions_graph(whole)
    assert any("shiftCount" in p and '"1"' in o for _, p, o in positions_graph(batched))  # the turn is a shift
    assert index_sync.check(batched) == []  # index rows and tallies as recomputed from the stored evidence
    batched.add(early)  # an earlier report of a stored utterance: the history's first step moves
    kept = positions_graph(batched)
    batched.repair()  # every position recomputed from every report
    assert positions_graph(batched) == kept
    assert index_sync.check(batched) == []


def test_an_added_report_does_not_read_the_older_evidence(opened: Callable[[str], GraphStore],
                                                          articles: list[Extraction]) -> None:
    store = opened("store")
    store.add_many(articles[:-1])
    asked: list[str] = []
    select = store._select

    def recording(query: str) -> list:
        asked.append(query)
        return select(query)

    store._select = recording  # type: ignore[method-assign]
    store.add(articles[-1])
    store._select = select  # type: ignore[method-assign]
    assert asked and not any("dg:claimant ?r" in q for q in asked)  # the stored-evidence query of summaries.py
    assert index_sync.check(store) == []
    # nor is the positions graph counted: its growth is told from the quads written, and the counts are exact
    assert not any("COUNT" in q and str(POSITIONS_GRAPH) in q for q in asked)
    assert store.counts() == store.counted()


def test_the_counts_follow_batches_of_copies_turns_and_earlier_reports(opened: Callable[[str], GraphStore],
                                                                        articles: list[Extraction]) -> None:
    """Each batch that only adds documents tells the shared graphs' growth from the quads it writes (positions
    updated in place, actors met before): the kept counts stay those a full count gives."""
    store = opened("store")
    for start in range(0, len(articles), 3):
        store.add_many(articles[start:start + 3])
        assert store.counts() == store.counted(), start
    store.add(articles[0])  # stored already: nothing written
    assert store.counts() == store.counted()


def recomputed(store: GraphStore) -> set[tuple[str, str, str]]:
    """The positions graph as it is, after checking that a recomputation from every report keeps it."""
    kept = positions_graph(store)
    store.repair()
    assert positions_graph(store) == kept
    assert index_sync.check(store) == []
    return kept


def test_removal_recomputes_the_touched_positions(opened: Callable[[str], GraphStore],
                                                  articles: list[Extraction]) -> None:
    store = opened("store")
    store.add_many(articles[:-3])
    for article in articles[-3:]:
        store.add(article)
    before = recomputed(store)
    assert store.remove("kremlin-turn.txt")
    after = recomputed(store)
    assert after != before  # the turn (a shift) went with its article
    store.add(articles[-3])  # back again, through the tallies the removal recomputed
    assert recomputed(store) == before


def report(n: int, stance: str, date: str, *, utterance: str = "", confidence: float = 0.8) -> Evidence:
    """The n-th report of Russia on a ceasefire (its own words), in its own article."""
    statement = f"https://example.org/statement/{n}"
    return Evidence(statement=statement, holder=str(actor_iri("Russia")), topic=str(TOPIC.ceasefire), stance=stance,
                    reporter=str(actor_iri("Russia")), doc=f"https://example.org/doc/{n}", date=date,
                    confidence=confidence, utterance=utterance or statement)


KEY = (str(actor_iri("Russia")), str(TOPIC.ceasefire), str(actor_iri("Russia")))
# a history of turns (opposes, supports, opposes ...), then writes that each change it in one way
HISTORY = [report(i, ("opposes", "supports")[i % 2], f"2025-0{1 + i % 9}-1{i % 10}") for i in range(12)]
WRITES = {
    "a report between two turns (one shift gone, two new)": [report(50, "warns", "2025-03-15")],
    "a later report of the same stance (no shift)": [report(51, "opposes", "2025-12-30")],
    "an earlier report of a stored utterance turns its stance": [
        report(52, "rejects", "2024-12-01", utterance=HISTORY[4].utterance, confidence=0.95)],
    "a neutral remark (counted, no shift)": [report(53, "neutral", "2025-05-05")],
    "an undated report": [report(54, "supports", "")],
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_rewrites_the_triples_a_full_rebuild_would_change(write: str) -> None:
    """What a write deletes and inserts (only the heads and the shifts that differ made into triples) is
    the difference of the position's whole core triples before and after."""
    before = summary_of(KEY, tallies(HISTORY).values())
    merged = dict(tallies(HISTORY))
    for utterance, t in tallies(WRITES[write]).items():
        merged[utterance] = merge(merged[utterance], t) if utterance in merged else t
    after = summary_of(KEY, merged.values())
    assert after == summary_of(KEY, tallies(HISTORY + WRITES[write]).values())  # tallies merge as a recount
    was = {q[:3]: q for q in core_quads(before)}
    now = {q[:3]: q for q in core_quads(after)}
    gone, new = changed_quads(before, after)
    assert {q[:3] for q in gone} == was.keys() - now.keys()
    assert {q[:3] for q in new} == now.keys() - was.keys()
    assert len(gone) == len({q[:3] for q in gone}) and len(new) == len({q[:3] for q in new})
    assert before.shifts and (gone or new)  # the history has turns, and each write changes something


def test_a_new_position_inserts_all_its_core_triples() -> None:
    first = summary_of(KEY, tallies(HISTORY).values())
    gone, new = changed_quads(None, first)
    assert gone == [] and {q[:3] for q in new} == {q[:3] for q in core_quads(first)}
