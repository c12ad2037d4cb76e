"""Writing extractions to a store and reading them back: RDF shape, idempotence, persistence, errors."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal

from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore, QueryError, StoreError, open_store
from diplograph.ontology.terms import GRAPH, actor_iri


def _select(store: GraphStore, sparql: str) -> list[tuple[str, ...]]:
    return [tuple(str(v) if v is not None else "" for v in row) for row in store.query(sparql)]


def test_statements_are_written_as_rdf_and_read_back_with_sparql(store: GraphStore, kremlin: Extraction) -> None:
    result = store.add(kremlin)
    assert result.changed and result.triples > 0
    doc_hash = kremlin.document.content_hash
    assert result.doc_iri == f"https://w3id.org/diplograph/doc/{doc_hash[:16]}"

    rows = _select(store, """
        SELECT ?quote ?speaker ?stance ?start ?end ?g WHERE {
          GRAPH ?g { ?st a dg:Statement ; dg:quote ?quote ; dg:speaker ?speaker ; dg:stance ?stance ;
                         dg:start ?start ; dg:end ?end ; prov:wasAttributedTo ?speaker ; dg:inDocument ?doc }
        } ORDER BY ?start""")
    text = kremlin.document.text
    assert [r[0] for r in rows] == [s.text for s in kremlin.statements]
    for quote, speaker, stance, start, end, graph in rows:
        assert text[int(start):int(end)] == quote, "offsets point at the evidence in the article"
        assert graph == str(GRAPH["doc/" + doc_hash[:16]])
    assert rows[0][1] == actor_iri("Dmitry Peskov")
    assert [r[2].rsplit("/", 1)[-1] for r in rows] == ["rejects", "warns", "requests"]


def test_document_metadata_topics_and_addressees(store: GraphStore, kremlin: Extraction) -> None:
    store.add(kremlin)
    doc = _select(store, """
        SELECT ?name ?title ?url ?published ?hash ?ingested WHERE {
          ?d a dg:Document , schema:NewsArticle ; schema:name ?name ; dcterms:title ?title ;
             schema:headline ?title ; schema:url ?url ; schema:datePublished ?published ;
             dg:contentHash ?hash ; prov:generatedAtTime ?ingested }""")
    assert len(doc) == 1
    name, title, url, published, content_hash, ingested = doc[0]
    assert (name, title, url, published) == ("kremlin.txt", "Kremlin warns against Tomahawks",
                                              "https://example.org/kremlin", "2025-10-13")
    assert content_hash == kremlin.document.content_hash and ingested[:2] == "20"

    topics = _select(store, "SELECT ?t WHERE { ?st dg:quote ?q ; dg:about ?t . FILTER(STRSTARTS(?q, 'Sending')) }")
    assert sorted(t[0].rsplit("/", 1)[-1] for t in topics) == ["escalation", "tomahawk"]
    addressed = _select(store, """
        SELECT ?name ?known WHERE { ?st dg:addressee ?a . ?a skos:prefLabel ?name ; dg:known ?known }""")
    assert addressed == [("European allies", "false")]


def test_events_facts_and_new_actors(store: GraphStore, kremlin: Extraction) -> None:
    store.add(kremlin)
    event = _select(store, """
        SELECT ?kind ?place ?date ?words ?planned (COUNT(?p) AS ?n) WHERE {
          ?e a dg:Event ; dg:kind ?kind ; dg:place ?place ; dg:date ?date ; dg:dateText ?words ;
             dg:planned ?planned ; dg:participant ?p }
        GROUP BY ?kind ?place ?date ?words ?planned""")
    assert event == [("meeting", "Washington", "2025-10-20", "on October 20", "false", "2")]
    fact = _select(store, "SELECT ?s ?o WHERE { ?f a dg:Fact ; dg:predicate 'meet' ; dg:subject ?s ; dg:object ?o }")
    assert fact == [(actor_iri("Andrii Sybiha"), actor_iri("Marco Rubio"))]
    in_actors_graph = store.query(
        "ASK { GRAPH graph:actors { actor:european_allies a dg:Group ; dg:firstSeenIn ?d } }").askAnswer
    assert in_actors_graph


def test_known_actors_keep_their_gazetteer_description(store: GraphStore, kremlin: Extraction) -> None:
    renamed = dataclasses.replace(kremlin, actors=kremlin.actors + (
        dataclasses.replace(kremlin.actors[0], id=actor_iri("Dmitry Peskov"), name="Peskov the spokesman"),))
    store.add(renamed)
    labels = _select(store, "SELECT ?l WHERE { actor:dmitry_peskov skos:prefLabel ?l }")
    assert labels == [("Dmitry Peskov",)]


def test_adding_the_same_text_twice_changes_nothing(store: GraphStore, kremlin: Extraction,
                                                    white_house: Extraction) -> None:
    store.add(kremlin)
    store.add(white_house)
    before = store.counts()
    again = store.add(kremlin)
    assert again.changed is False and again.triples == 0
    assert store.counts() == before
    assert (before.documents, before.statements) == (2, 6)


def test_counts_actors_named_in_documents(filled: GraphStore) -> None:
    counts = filled.counts()
    # Peskov, Sybiha, European allies, Rubio; Trump, Zelensky, the European diplomat
    assert counts.actors == 7
    assert counts.triples == sum(1 for _ in filled.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"))


def test_a_bad_record_writes_nothing(store: GraphStore, kremlin: Extraction) -> None:
    broken = dataclasses.replace(kremlin.statements[2], stance="furious")  # type: ignore[arg-type]
    bad = dataclasses.replace(kremlin, statements=kremlin.statements[:2] + (broken,))
    before = store.counts()
    with pytest.raises(StoreError, match="stance 'furious'"):
        store.add(bad)
    assert store.counts() == before
    assert store.add(kremlin).changed is True


def test_oxigraph_store_survives_close_and_reopen(tmp_path: Path, kremlin: Extraction) -> None:
    uri = f"oxigraph:{tmp_path / 'data' / 'graph'}"
    store = open_store(uri)
    store.add(kremlin)
    before = store.counts()
    store.close()
    reopened = open_store(uri)
    assert reopened.counts() == before
    assert [r.text for r in reopened.statements(speaker="Peskov")] == [s.text for s in kremlin.statements[:2]]
    assert reopened.add(kremlin).changed is False
    reopened.close()


def test_a_store_in_use_is_opened_read_only_and_refuses_writes_clearly(tmp_path: Path, kremlin) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    first = open_store(uri)
    first.add(kremlin)
    second = open_store(uri)
    assert second.read_only and not first.read_only
    assert second.counts() == first.counts()  # reads see what the holder wrote
    with pytest.raises(StoreError, match=r"held by another process .* open read-only here: stop that process"):
        second.remove(kremlin.document.name)
    with pytest.raises(StoreError, match="held by another process"):
        second.refuse_writes()
    second.close()
    assert first.counts().documents == 1  # the refused write changed nothing
    first.close()
    reopened = open_store(uri)  # released on close: writable again
    assert not reopened.read_only
    reopened.close()


def test_a_store_held_by_another_process_is_read_there_and_not_written(tmp_path: Path, kremlin) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    holder = open_store(uri)
    holder.add(kremlin)
    probe = (
        "import sys\n"
        "from diplograph.graph.store import StoreError, open_store\n"
        f"store = open_store({uri!r})\n"
        "print(store.read_only, store.counts().documents)\n"
        "try:\n"
        "    store.refuse_writes()\n"
        "except StoreError as error:\n"
        "    sys.exit(str(error))\n"
    )
    finished = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    holder.close()
    assert finished.returncode == 1 and finished.stdout.split() == ["True", "1"]
    assert "is held by another process (`diplograph serve`?)" in finished.stderr


@pytest.mark.parametrize("uri, message", [
    ("", "unknown store URI"),
    ("postgres://db", "use 'memory' or 'oxigraph:PATH'"),
    ("oxigraph:", "needs a directory"),
])
def test_bad_store_uris_are_refused(uri: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(uri)


def test_a_file_is_not_a_store(tmp_path: Path) -> None:
    target = tmp_path / "graph"
    target.write_text("not a store", encoding="utf-8")
    with pytest.raises(StoreError, match="not a directory"):
        open_store(f"oxigraph:{target}")
    assert target.read_text(encoding="utf-8") == "not a store"


def test_a_closed_store_says_so(kremlin: Extraction) -> None:
    store = open_store("memory")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.add(kremlin)


@pytest.mark.parametrize("sparql", [
    "SELECT * WHERE { ?s ?p }",
    "SELEC ?s WHERE { ?s ?p ?o }",
    "SELECT ?s WHERE { ?s ?p ?o ",
])
def test_malformed_sparql_raises_query_error_with_the_parser_message(store: GraphStore, sparql: str) -> None:
    with pytest.raises(QueryError) as caught:
        store.query(sparql)
    message = str(caught.value)
    assert message.startswith("SPARQL syntax error: ")
    assert len(message) > len("SPARQL syntax error: ") + 5, "the parser's own message is kept"
    assert any(ch.isdigit() for ch in message), "the parser's message says where the error is"


def test_updates_and_federated_queries_are_refused(store: GraphStore) -> None:
    before = store.counts()
    with pytest.raises(QueryError):
        store.query("INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }")
    with pytest.raises(QueryError, match="SERVICE"):
        store.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert store.counts() == before


def test_query_results_by_form(filled: GraphStore) -> None:
    assert filled.query("ASK { ?s a dg:Statement ; dg:kind 'direct' }").askAnswer is True
    constructed = filled.query("CONSTRUCT { ?s dg:quote ?q } WHERE { ?s a dg:Statement ; dg:quote ?q }")
    assert len(constructed) == 6
    assert Literal("Ukraine needs long-range missiles") in {o for _, _, o in constructed}
