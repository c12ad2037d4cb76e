"""Articles read from web pages and feeds keep what the page says about itself in the graph: title,
outlet, author, URL and publication date, which then date the statements, filters and GEXF timeline.

The pages and feeds are the test files of tests/data/web; extraction is the real pipeline.
"""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from diplograph.extract.document import iter_documents
from diplograph.extract.records import Document, Extraction
from diplograph.graph.store import GraphStore, open_store
from diplograph.ontology.terms import DG, SCHEMA

WEB = Path(__file__).resolve().parents[1] / "data" / "web"


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from diplograph.extract.pipeline import Extractor

    documents = [d for d in iter_documents([WEB / "news_site.html", WEB / "world_news.rss", WEB / "wire.atom"])
                 if isinstance(d, Document)]
    extractor = Extractor()
    return [extractor.extract(document) for document in documents]


@pytest.fixture()
def store(extractions: list[Extraction]) -> GraphStore:
    graph = open_store("memory")
    graph.add_many(extractions)
    yield graph
    graph.close()


def test_every_article_keeps_its_outlet_author_url_and_date(store: GraphStore) -> None:
    rows = {row.name: row for row in store.documents()}
    news = rows["news_site.html"]
    assert (news.title, news.publisher, news.author, news.published, news.summary_only) == (
        "Envoys agree to resume talks on grain corridor", "The Harbour Ledger", "Mira Okonjo", "2026-03-14", False)
    assert news.url == "https://harbourledger.example/world/2026/03/14/grain-corridor-talks"
    recalled = rows["https://harbourledger.example/world/2026/03/22/ambassador-recalled"]
    assert (recalled.publisher, recalled.published, recalled.summary_only) == ("The Harbour Ledger", "2026-03-22", True)
    quads = {(s, p, o) for s, p, o, _ in store.quads()}
    doc = URIRef(news.iri)
    assert {(doc, DCTERMS.publisher, Literal("The Harbour Ledger")), (doc, DCTERMS.creator, Literal("Mira Okonjo")),
            (doc, SCHEMA.url, URIRef(news.url))} <= quads
    assert (URIRef(recalled.iri), DG.summaryOnly, Literal(True)) in quads


def test_the_store_still_conforms_to_the_shapes(store: GraphStore) -> None:
    report = store.validate()
    assert report.conforms, report.text


def test_publication_dates_filter_the_statements(store: GraphStore) -> None:
    march = store.statements(date_from="2026-03-01", date_to="2026-03-31")
    may = store.statements(date_from="2026-05-01")
    assert march and may
    assert {s.published for s in march} <= {"2026-03-14", "2026-03-20", "2026-03-22"}
    assert {s.published for s in may} == {"2026-05-23"}
    rell = next(s for s in march if "harvest rot" in s.text)
    text = next(d for d in iter_documents([WEB / "news_site.html"])).text
    assert text[rell.start:rell.end] == rell.text  # offsets into the extracted text, as stored


def test_publication_dates_drive_the_dynamic_gexf(store: GraphStore) -> None:
    out = io.BytesIO()
    store.export("gexf", out)
    root = etree.fromstring(out.getvalue())
    ns = {"g": "http://gexf.net/1.3"}
    assert root.find("g:graph", ns).get("mode") == "dynamic"
    days = {s.get("start") for s in root.iterfind(".//g:spell", ns)} | \
        {n.get("start") for n in root.iterfind(".//g:node", ns)}
    assert {"2026-03-14", "2026-03-20"} <= days  # the dates of the page and of the feed entry


def test_a_changed_text_under_the_same_url_replaces_the_older_version(store: GraphStore,
                                                                       extractions: list[Extraction]) -> None:
    first = extractions[0]
    corrected = replace(first.document, name="news_site_corrected.html",
                        text=first.document.text + "This article was corrected on 15 March.\n",
                        clean=first.document.clean + "This article was corrected on 15 March.\n")
    old = next(row.iri for row in store.documents() if row.name == "news_site.html")
    count = len(store.documents())
    result = store.add(replace(first, document=corrected))  # another file name, the same canonical URL
    assert result.changed and result.replaced == (old,)
    assert len(store.documents()) == count and old not in {row.iri for row in store.documents()}
    again = store.add(replace(first, document=corrected))
    assert not again.changed  # the same text twice is stored once
