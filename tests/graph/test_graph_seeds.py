"""End to end: the real extractor on the seed articles, into a store and back out."""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest

from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore, open_store


def key(statement) -> tuple[str, int, int]:  # noqa: ANN001 - a Statement or a StatementRow
    return statement.text, statement.start, statement.end


@pytest.fixture
def seeded(store: GraphStore, seed_extractions: list[Extraction]) -> GraphStore:
    for extraction in seed_extractions:
        assert store.add(extraction).changed
    return store


def test_every_extracted_statement_reads_back_unchanged(seeded: GraphStore,
                                                        seed_extractions: list[Extraction]) -> None:
    for extraction in seed_extractions:
        rows = {key(r): r for r in seeded.statements(doc=extraction.document.name)}
        assert len(rows) == len(extraction.statements)
        for statement in extraction.statements:
            row = rows[key(statement)]
            assert row.speaker_id == statement.speaker_id
            assert (row.kind, row.cue, row.stance) == (statement.kind, statement.cue, statement.stance)
            assert set(row.topics) == set(statement.topics)
            assert len(row.addressees) == len(set(statement.addressee_ids or statement.addressees))
            assert row.confidence == pytest.approx(statement.confidence, abs=1e-3)


def test_seed_counts_and_idempotent_reingest(seeded: GraphStore, seed_extractions: list[Extraction]) -> None:
    counts = seeded.counts()
    assert counts.documents == 2
    assert counts.statements == sum(len(e.statements) for e in seed_extractions)
    for extraction in seed_extractions:
        assert seeded.add(extraction).changed is False
    assert seeded.counts() == counts


def test_trump_and_zelensky_statements_by_alias(seeded: GraphStore) -> None:
    trump = seeded.statements(speaker="Mr. Trump")
    zelensky = seeded.statements(speaker="zelenskyy")
    assert trump and zelensky
    assert {r.speaker for r in trump} == {"Donald Trump"}
    assert {r.speaker for r in zelensky} == {"Volodymyr Zelensky"}
    killing = [r for r in trump if "stop the killing" in r.text]
    assert killing, "Trump's 'stop the killing and make a deal' is in the graph"
    assert any("Tomahawk" in r.text for r in seeded.statements(topic="weapons_supply"))


def test_seed_network_exports(seeded: GraphStore, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    seeded.export("gexf", buffer)
    graph = nx.read_gexf(io.BytesIO(buffer.getvalue()))
    trump = "https://w3id.org/diplograph/actor/donald_trump"
    assert graph.nodes[trump]["label"] == "Donald Trump"
    assert graph.out_degree(trump) > 0


def test_seeds_persist_in_oxigraph(tmp_path: Path, seed_extractions: list[Extraction]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    store = open_store(uri)
    for extraction in seed_extractions:
        store.add(extraction)
    rows = [r.to_json() for r in store.statements()]
    store.close()
    store = open_store(uri)
    assert [r.to_json() for r in store.statements()] == rows
    store.close()
