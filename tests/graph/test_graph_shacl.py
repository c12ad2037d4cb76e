"""SHACL: the graphs diplograph builds conform to ontology/shapes.ttl, and broken ones do not."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore
from diplograph.graph.validate import validate_graph
from diplograph.ontology.terms import DG


def union(store: GraphStore) -> Graph:
    graph = Graph()
    for s, p, o, _ in store.quads():
        graph.add((s, p, o))
    return graph


def test_a_store_of_hand_written_articles_conforms(filled: GraphStore) -> None:
    report = filled.validate()
    assert report.conforms, "\n".join(map(str, report.violations))


def test_the_seed_articles_conform(seed_extractions: list[Extraction]) -> None:
    from diplograph.graph.store import open_store

    with open_store("memory") as store:
        store.add_many(seed_extractions)
        report = store.validate()
    assert report.conforms, "\n".join(map(str, report.violations))


def test_validate_passes_on_the_test_articles() -> None:
    """`diplograph validate` on every article of tests/data/articles (wire_summit.txt has two events in
    one sentence: they used to share an IRI and give it two kinds)."""
    from pathlib import Path

    from diplograph.extract.document import Document, iter_documents
    from diplograph.extract.pipeline import Extractor
    from diplograph.graph.store import open_store

    articles = Path(__file__).resolve().parents[1] / "data" / "articles"
    documents = [d for d in iter_documents(sorted(articles.glob("*.txt"))) if isinstance(d, Document)]
    assert any(d.name == "wire_summit.txt" for d in documents)
    extractor = Extractor()
    with open_store("memory") as store:
        store.add_many([extractor.extract(d) for d in documents])
        report = store.validate()
    assert report.conforms, "\n".join(map(str, report.violations))


def first(graph: Graph, cls: URIRef) -> URIRef:
    return sorted(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), cls))[0]


@pytest.mark.parametrize("breakage, expected_path", [
    ("statement without speaker", "dg:speaker"),
    ("stance outside the scheme", "dg:stance"),
    ("confidence above one", "dg:confidence"),
    ("position without evidence", "dg:evidence"),
    ("actor with two names", "http://www.w3.org/2004/02/skos/core#prefLabel"),
    ("document with a bad hash", "dg:contentHash"),
])
def test_a_broken_graph_does_not_conform(filled: GraphStore, breakage: str, expected_path: str) -> None:
    graph = union(filled)
    statement, position = first(graph, DG.Statement), first(graph, DG.Position)
    if breakage == "statement without speaker":
        graph.remove((statement, DG.speaker, None))
    elif breakage == "stance outside the scheme":
        graph.set((statement, DG.stance, URIRef("https://w3id.org/diplograph/stance/furious")))
    elif breakage == "confidence above one":
        graph.set((statement, DG.confidence, Literal("1.5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))))
    elif breakage == "position without evidence":
        graph.remove((position, DG.evidence, None))
    elif breakage == "actor with two names":
        graph.add((URIRef("https://w3id.org/diplograph/actor/dmitry_peskov"),
                   URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("Someone Else", lang="en")))
    else:
        document = first(graph, DG.Document)
        graph.set((document, DG.contentHash, Literal("not-a-hash")))
    report = validate_graph(graph)
    assert not report.conforms
    assert expected_path in {v.path for v in report.violations}, [str(v) for v in report.violations]


def test_institutions_and_joint_speakers_conform_with_their_links() -> None:
    """A ministry is part of its state, a joint speaker has its members, and the store still conforms."""
    pipeline = pytest.importorskip("diplograph.extract.pipeline")
    from diplograph.extract.document import document_from_text
    from diplograph.graph.store import open_store

    text = ("Kenya's foreign ministry said the envoys would meet in Nairobi.\n"
            "Chile and Peru announced a joint commission on fishing rights.\n"
            "The Kremlin said the proposal was premature.\n")
    extraction = pipeline.Extractor().extract(document_from_text(text, name="links.txt"))
    with open_store("memory") as store:
        store.add(extraction)
        graph = union(store)
        report = store.validate()
    assert report.conforms, "\n".join(map(str, report.violations))
    actor = "https://w3id.org/diplograph/actor/"
    assert (URIRef(actor + "kenya_foreign_ministry"), DG.partOf, URIRef(actor + "kenya")) in graph
    assert (URIRef(actor + "kremlin"), DG.partOf, URIRef(actor + "russia")) in graph
    group = next(graph.subjects(DG.member, URIRef(actor + "chile")))
    assert (group, DG.member, URIRef(actor + "peru")) in graph
