"""A SPARQL update through the API re-reads only the documents it touches, and the index then equals a
full rebuild: one test per update form (api/sparql/updates.run_update, graph/update_scope.py).

The store is the seed articles read by the real extractor; each test works on its own copy. After the
update the index must be in step without a rebuild pending (no drift: index_sync.check), equal table for
table to the index a full rebuild makes from the same store, and the documents read back must be those
of the graphs the update changed, no others. Updates whose scope cannot be known fall back to a rebuild.
"""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from diplograph.api.sparql.updates import run_update
from diplograph.extract.records import Extraction
from diplograph.graph import index_bulk, index_sync
from diplograph.graph.iris import graph_of
from diplograph.graph.queries import PREFIXES
from diplograph.graph.store import GraphStore, open_store

BASE = "http://testserver/sparql"
TOKEN = {"authorization": "Bearer t", "content-type": "application/sparql-update"}


@pytest.fixture(scope="module")
def built(seed_extractions: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of the seeds (closed: each test opens a copy)."""
    path = tmp_path_factory.mktemp("scope") / "store"
    with open_store(f"oxigraph:{path}") as store:
        store.add_many(seed_extractions)
    return path


@pytest.fixture()
def store(built: Path, tmp_path: Path) -> Iterator[GraphStore]:
    copy = tmp_path / "store"
    shutil.copytree(built, copy)
    with open_store(f"oxigraph:{copy}") as opened:
        yield opened


class Reads:
    """The documents the index reads back from the store, and whether it read every one (a rebuild)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.documents: list[str] = []
        self.rebuilds = 0
        read, every = index_sync.read_documents, index_bulk.every_document

        def reading(select, docs):  # type: ignore[no-untyped-def]
            docs = list(docs)
            self.documents += [str(d) for d in docs]
            return read(select, docs)

        def reading_all(store):  # type: ignore[no-untyped-def]
            self.rebuilds += 1
            return every(store)

        monkeypatch.setattr(index_sync, "read_documents", reading)
        monkeypatch.setattr(index_bulk, "every_document", reading_all)


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    return Reads(monkeypatch)


def index_tables(store: GraphStore) -> dict[str, list[str]]:
    """Every table of the index file, rows sorted, without row ids (which follow the order of writing):
    a statement's or position's row id is left out or replaced by its IRI."""
    assert store.index is not None and store.index.path is not None
    db = sqlite3.connect(store.index.path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if r[0] != "meta" and not r[0].startswith("words")]  # words: the full-text index's own tables
        position = dict(db.execute("SELECT id, iri FROM positions").fetchall())
        tables = {}
        for name in names:
            cursor = db.execute(f'SELECT * FROM "{name}"')
            columns = [d[0] for d in cursor.description]
            tables[name] = sorted(repr([position[v] if c == "pid" else v for c, v in zip(columns, row, strict=True)
                                        if c not in ("id", "sid")]) for row in cursor)
        return tables
    finally:
        db.close()


def assert_as_rebuilt(store: GraphStore) -> None:
    """No drift, and the index equals the one a full rebuild makes, word search included."""
    assert index_sync.check(store) == []
    followed = index_tables(store)
    found = [r.iri for r in store.statements(text="ceasefire")]
    index_sync.rebuild(store)
    assert index_tables(store) == followed
    assert [r.iri for r in store.statements(text="ceasefire")] == found


def documents_in(store: GraphStore, graphs: list[URIRef]) -> set[str]:
    return {str(d) for d in store.index.all_documents() if graph_of(URIRef(d)) in graphs}  # type: ignore[union-attr]


def one(store: GraphStore, sparql: str) -> list:
    rows = store._select(PREFIXES + sparql)
    assert rows, sparql
    return rows[0]


class Target(NamedTuple):
    """A statement with a cue and its document's graph, and a statement of another document and its graph."""

    st: URIRef
    g: URIRef
    other_st: URIRef
    other: URIRef


# Each form: the update, and the graphs it changes
Form = Callable[[GraphStore, Target], tuple[str, list[URIRef]]]


def insert_data(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    return f"INSERT DATA {{ GRAPH <{t.g}> {{ <{t.st}> dg:addressee <https://w3id.org/diplograph/actor/Someone_Else> }} }}", [t.g]


def delete_data(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    cue = one(store, f"SELECT ?c WHERE {{ GRAPH <{t.g}> {{ <{t.st}> dg:cue ?c }} }}")[0]
    return f"DELETE DATA {{ GRAPH <{t.g}> {{ <{t.st}> dg:cue {cue.n3()} }} }}", [t.g]


def modify_graph_variable(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    speaker = one(store, f"SELECT ?a WHERE {{ <{t.st}> dg:speaker ?a }}")[0]
    graphs = [URIRef(r[0]) for r in store._select(
        PREFIXES + f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s dg:speaker <{speaker}> ; dg:stance ?o }} }}")]
    return (f"DELETE {{ GRAPH ?g {{ ?s dg:stance ?o }} }} "
            f"INSERT {{ GRAPH ?g {{ ?s dg:stance <https://w3id.org/diplograph/stance/opposes> }} }} "
            f"WHERE {{ GRAPH ?g {{ ?s dg:speaker <{speaker}> ; dg:stance ?o }} }}"), graphs


def delete_where(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    return f"DELETE WHERE {{ GRAPH ?g {{ <{t.st}> dg:cue ?c }} }}", [t.g]


def with_graph(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    return (f'WITH <{t.g}> DELETE {{ ?s dg:quote ?q }} INSERT {{ ?s dg:quote "Rewritten ceasefire words." }} '
            f"WHERE {{ ?s dg:quote ?q FILTER(?s = <{t.st}>) }}"), [t.g]


def using_named(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    # every statement's cue goes, but only in the one graph USING NAMED lets the WHERE see
    return f"DELETE {{ GRAPH ?g {{ ?s dg:cue ?c }} }} USING NAMED <{t.other}> WHERE {{ GRAPH ?g {{ ?s dg:cue ?c }} }}", [t.other]


def using_default(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    return (f"INSERT {{ GRAPH <{t.other}> {{ ?s dg:addressee <https://w3id.org/diplograph/actor/Someone_Else> }} }} "
            f"USING <{t.other}> WHERE {{ ?s dg:cue ?c }}"), [t.other]


def several_operations(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    # the second operation matches what the first inserts; the third names its graph
    marker = "https://w3id.org/diplograph/actor/Marked_By_Hand"
    return (f"INSERT DATA {{ GRAPH <{t.other}> {{ <{t.other_st}> dg:addressee <{marker}> }} }} ; "
            f"DELETE {{ GRAPH ?g {{ ?s dg:cue ?c }} }} WHERE {{ GRAPH ?g {{ ?s dg:addressee <{marker}> ; dg:cue ?c }} }} ; "
            f"DELETE WHERE {{ GRAPH <{t.g}> {{ <{t.st}> dg:addressee ?a }} }}"), [t.other, t.g]


def touching_nothing(store: GraphStore, t: Target) -> tuple[str, list[URIRef]]:
    return 'DELETE WHERE { GRAPH ?g { ?s dg:quote "No one ever said this." } } ; DELETE WHERE { ?s dg:stance ?o }', []


def target(store: GraphStore) -> Target:
    rows = [r for r in store.statements(order="doc") if r.cue]
    other = next(r for r in rows if r.doc_iri != rows[0].doc_iri)
    return Target(URIRef(rows[0].iri), graph_of(URIRef(rows[0].doc_iri)), URIRef(other.iri), graph_of(URIRef(other.doc_iri)))


@pytest.mark.parametrize("form", [insert_data, delete_data, modify_graph_variable, delete_where, with_graph,
                                  using_named, using_default, several_operations, touching_nothing])
def test_an_update_re_reads_only_what_it_touches(store: GraphStore, reads: Reads, form: Form) -> None:
    update, changed = form(store, target(store))
    before = index_tables(store)
    run_update(store, PREFIXES + update, base=BASE)
    assert store.index is not None and store.index.state() == ""  # followed: no rebuild pending
    assert reads.rebuilds == 0
    assert set(reads.documents) == documents_in(store, changed)  # the touched documents, no others
    assert (index_tables(store) == before) == (not changed)
    assert_as_rebuilt(store)


@pytest.mark.parametrize("update", [
    'INSERT DATA { <https://example.org/a> <https://example.org/b> "into the default graph" }',
    "DELETE { GRAPH ?g { ?s dg:cue ?c } } WHERE { VALUES ?g { <%(g)s> } GRAPH ?g { ?s dg:cue ?c } }",
    "DELETE { GRAPH ?g { ?s dg:cue ?c } } WHERE { ?s dg:inDocument ?d . BIND(<%(g)s> AS ?g) GRAPH ?g { ?s dg:cue ?c } }",
])
def test_an_update_of_unknown_scope_falls_back_to_a_rebuild(store: GraphStore, reads: Reads, update: str) -> None:
    g = graph_of(URIRef(store.statements(limit=1)[0].doc_iri))
    run_update(store, PREFIXES + update % {"g": g}, base=BASE)
    assert store.index is not None and "SPARQL update" in store.index.state() and reads.documents == []
    store.statements(limit=1)  # the next lookup rebuilds it
    assert reads.rebuilds == 1 and store.index.state() == ""
    assert_as_rebuilt(store)


def test_bad_updates_through_the_api_lose_nothing(store: GraphStore, reads: Reads,
                                                  api_client: Callable[..., TestClient]) -> None:
    """A malformed or refused update is a one-line 400; the store and its index stay as they were, in step."""
    before = index_tables(store)
    with api_client(store, api_token="t") as client:
        for bad in ("DELETE WHERE { GRAPH ?g { ?s ?p", "CLEAR ALL", "LOAD <http://example.org/x>",
                    "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }"):  # the last deletes the ontology
            response = client.post("/sparql", content=bad, headers=TOKEN)
            assert response.status_code == 400, (bad, response.text)
            assert "\n" not in response.json()["message"]
    assert store.index is not None and store.index.state() == "" and reads.documents == [] and reads.rebuilds == 0
    assert index_tables(store) == before
    assert index_sync.check(store) == []


def test_a_memory_store_follows_the_graphs_the_update_changed(seed_extractions: list[Extraction], reads: Reads) -> None:
    """The memory store applies an update on an Oxigraph copy and writes back the difference: the graphs
    of that difference are what the index re-reads."""
    with open_store("memory") as store:
        store.add_many(seed_extractions[:2])
        t = target(store)
        update, changed = delete_where(store, t)
        reads.documents, reads.rebuilds = [], 0
        run_update(store, PREFIXES + update, base=BASE)
        assert store.index is not None and store.index.state() == "" and reads.rebuilds == 0
        assert set(reads.documents) == documents_in(store, changed)
        assert index_sync.check(store) == []
        assert not [r for r in store.statements() if r.iri == str(t.st) and r.cue]


def test_an_update_touching_most_documents_is_rebuilt_whole(store: GraphStore, reads: Reads,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Past WHOLE_REBUILD_FROM documents and half the archive, the bulk rebuild replaces the one-by-one follow."""
    monkeypatch.setattr(index_sync, "WHOLE_REBUILD_FROM", 1)
    documents = len(store.index.all_documents())  # type: ignore[union-attr]
    run_update(store, PREFIXES + "DELETE WHERE { GRAPH ?g { ?s dg:cue ?c } }", base=BASE)
    assert documents >= 2 and reads.documents == []
    assert store.index is not None and "SPARQL update" in store.index.state()
    store.statements(limit=1)
    assert reads.rebuilds == 1
    assert_as_rebuilt(store)
