"""The fast paths give the same answers as the plain ones: positions folded in batch by batch equal a
full recount, a page of statements is a slice of the full list, chunked "stored already?" lookups keep
idempotence and replacement, and native Oxigraph rows read like rdflib's."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from lxml import etree

from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore, open_store
from diplograph.graph.statements import STATEMENT_ORDERS

GEXF_RNG = Path(__file__).resolve().parents[1] / "data" / "gexf-schema" / "1.3" / "gexf.rng"


@pytest.fixture
def sources(kremlin: Extraction, white_house: Extraction) -> list[Extraction]:
    return [kremlin, white_house]


def edition(extraction: Extraction, number: int, published: str) -> Extraction:
    """Another article with the same statements: a new name, text and date."""
    document = extraction.document
    text = document.text + f" (Edition {number}.)"
    return dataclasses.replace(extraction, document=dataclasses.replace(
        document, name=f"edition-{number}-{document.name}", text=text, clean=text, published=published,
        url=f"{document.url}/{number}" if document.url else ""))


def editions(sources: list[Extraction], count: int) -> list[Extraction]:
    return [edition(sources[i % 2], i, f"2025-{1 + i % 12:02d}-{1 + i:02d}") for i in range(count)]


def test_positions_added_batch_by_batch_equal_a_full_recount(store: GraphStore, sources: list[Extraction]) -> None:
    store.add_many(editions(sources, 4), batch_quads=50)  # several writes, each folding in its documents
    store.add_many(editions(sources, 7)[4:], batch_quads=50)
    folded = [p.to_json() for p in store.positions()]
    store.refresh_positions()
    recounted = [p.to_json() for p in store.positions()]
    assert folded == recounted
    assert any(p["reports"] > 1 and p["first_date"] < p["last_date"] for p in folded)
    # the editions repeat one text: each quote is one utterance however many editions report it
    assert all(p["count"] == 1 for p in folded)


@pytest.mark.parametrize("order", list(STATEMENT_ORDERS))
def test_a_page_of_statements_is_a_slice_of_all_of_them(store: GraphStore, sources: list[Extraction],
                                                       order: str) -> None:
    store.add_many(editions(sources, 5))
    everything = store.statements(order=order)
    assert len(everything) == 15
    for offset, limit in ((0, 4), (4, 4), (13, 4)):
        page = store.statements(order=order, limit=limit, offset=offset)
        assert [r.iri for r in page] == [r.iri for r in everything[offset:offset + limit]]
        assert page == everything[offset:offset + limit]
    about = store.statements(topic="tomahawk", order=order)
    assert [r.iri for r in store.statements(topic="tomahawk", order=order, limit=3, offset=2)] == \
        [r.iri for r in about[2:5]]


def test_a_page_by_topic_includes_narrower_topics(store: GraphStore, sources: list[Extraction]) -> None:
    store.add_many(editions(sources, 2))
    broad = store.statements(topic="weapons_supply")
    assert {t for r in broad for t in r.topics} & {"tomahawk", "long_range_missiles"}
    assert store.statements(topic="weapons_supply", limit=100) == broad


def test_one_chunk_with_repeats_and_new_versions(store: GraphStore, kremlin: Extraction,
                                                 white_house: Extraction) -> None:
    text = kremlin.document.text + " Later: more."
    newer = dataclasses.replace(kremlin, document=dataclasses.replace(kremlin.document, text=text, clean=text))
    results = store.add_many([kremlin, white_house, kremlin, newer])
    assert [r.changed for r in results] == [True, True, False, True]
    assert results[3].replaced == (results[0].doc_iri,)
    assert store.counts().documents == 2
    again = store.add_many([newer, white_house])
    assert [r.changed for r in again] == [False, False]


def test_actor_profile_can_hold_only_the_newest_statements(store: GraphStore, sources: list[Extraction]) -> None:
    store.add_many(editions(sources, 6))
    full = store.actor("Dmitry Peskov")
    newest = store.actor("Dmitry Peskov", statements_limit=2)
    assert full is not None and newest is not None
    assert len(full.statements) == 6 and len(newest.statements) == 2
    assert [s.published for s in newest.statements] == sorted((s.published for s in full.statements),
                                                              reverse=True)[:2]
    assert newest.positions == full.positions


def test_native_rows_read_like_rdflib_rows(tmp_path: Path, sources: list[Extraction]) -> None:
    sparql = ("SELECT ?name ?n ?label WHERE { ?d a dg:Document ; schema:name ?name . "
              "OPTIONAL { ?d dg:nothing ?missing } BIND(STRLEN(?name) AS ?n) "
              "OPTIONAL { actor:dmitry_peskov skos:prefLabel ?label } } ORDER BY ?name")
    with open_store("memory") as memory, open_store(f"oxigraph:{tmp_path / 'g'}") as oxigraph:
        for store in (memory, oxigraph):
            store.add_many(sources)
        rows = [memory._select(sparql), oxigraph._select(sparql)]
    assert [tuple(r) for r in rows[0]] == [tuple(r) for r in rows[1]]
    first = rows[1][0]
    assert first.name == first[0] == first["name"] and int(first.n) == len(str(first.name))
    assert first.label.language == "en"


def test_gexf_edges_carry_a_spell_per_evidence_date(tmp_path: Path, sources: list[Extraction]) -> None:
    with open_store("memory") as store:
        store.add_many(editions(sources, 4))
        out = tmp_path / "news.gexf"
        store.export("gexf", out)
    schema = etree.RelaxNG(etree.parse(str(GEXF_RNG)))
    document = etree.parse(str(out))
    assert schema.validate(document), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    told = [e for e in document.iterfind(".//g:edge", ns)
            if e.get("source").endswith("/volodymyr_zelensky") and e.get("target").endswith("/donald_trump")]
    days = {s.get("start") for e in told for s in e.iterfind("g:spells/g:spell", ns)}
    assert len(days) == 2  # Zelensky told Trump in editions 1 and 3: two days on the timeline
    assert all(s.get("start") == s.get("end") for e in told for s in e.iterfind("g:spells/g:spell", ns))
