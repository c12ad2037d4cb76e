"""The bulk rebuild of the statements index (graph/index_bulk.py, StatementIndex.bulk_loading).

It reads rows as plain strings straight from Oxigraph and makes the B-trees and the words index once
at the end; what it stores must be what the lookup's own reading through rdflib terms gives, and the
index must come out with every index and trigger it had.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph import index_bulk, index_sync
from diplograph.graph.index_reads import all_documents, read_documents
from diplograph.graph.store import open_store



def test_plain_rows_are_the_rows_read_through_rdflib(tmp_path: Path, articles: list[Extraction]) -> None:
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as store:
        store.add_many(articles)
        assert index_bulk.can_read_plain(store.backend)
        plain = list(index_bulk.every_document(store))
        through_rdflib = list(read_documents(store._select, all_documents(store._select)))
        assert plain == through_rdflib
        assert sum(len(d.statements) for d in plain) == sum(len(e.statements) for e in articles) > 50


def test_a_rebuild_keeps_every_index_and_trigger_and_agrees_with_the_store(
        tmp_path: Path, articles: list[Extraction]) -> None:
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as store:
        store.add_many(articles[:6])
        assert store.index is not None

        def schema() -> list[tuple[str, str]]:
            return sorted(store.index._connect().execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"))

        made_by_writes = schema()
        assert index_sync.rebuild(store) == sum(len(e.statements) for e in articles[:6])
        assert schema() == made_by_writes
        assert index_sync.check(store) == []
        first = next(s for e in articles[:6] for s in e.statements)
        assert any(r.text == first.text for r in store.statements(text=first.text[:12]))  # words index built
        store.add_many(articles[6:])  # and the triggers keep it after the rebuild
        assert index_sync.check(store) == []
        later = next(s for e in articles[6:] for s in e.statements)
        assert any(r.text == later.text for r in store.statements(text=later.text[:12]))
