"""Real SPARQL clients against a real server: SPARQLWrapper and rdflib's SPARQLStore / SPARQLUpdateStore
talk HTTP to uvicorn on 127.0.0.1 (started by the fixture), as a user's notebook would."""
from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from diplograph.api.app import create_app
from diplograph.api.settings import Settings
from diplograph.graph.store import open_store

DG = Namespace("https://w3id.org/diplograph/ontology#")
TOKEN = "client-token"
QUOTES = "PREFIX dg: <https://w3id.org/diplograph/ontology#> SELECT ?st ?quote WHERE { ?st a dg:Statement ; dg:quote ?quote } ORDER BY ?st"


@pytest.fixture(scope="module")
def endpoint(seed_extractions, tmp_path_factory) -> Iterator[str]:
    """The API served by uvicorn on a free loopback port, over an Oxigraph store of the seeds, updates allowed."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('live') / 'store'}")
    store.add_many(seed_extractions)
    app = create_app(store=store, settings=Settings(store=store.uri, api_token=TOKEN, sparql_workers=1))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/sparql"
    server.should_exit = True
    thread.join(timeout=20)
    store.close()


def wrapper(url: str, query: str, fmt: str) -> object:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client.query()


def test_sparqlwrapper_reads_every_results_format(endpoint: str) -> None:
    rows = [(b["st"]["value"], b["quote"]["value"]) for b in wrapper(endpoint, QUOTES, JSON).convert()["results"]["bindings"]]
    assert len(rows) > 5
    xml = wrapper(endpoint, QUOTES, XML).convert()  # a minidom Document
    assert len(xml.getElementsByTagName("result")) == len(rows)
    csv_text = wrapper(endpoint, QUOTES, CSV).convert().decode()
    assert csv_text.splitlines()[0] == "st,quote" and len(csv_text.strip().splitlines()) > len(rows) - 1
    tsv_text = wrapper(endpoint, QUOTES, TSV).convert().decode()
    assert tsv_text.splitlines()[0] == "?st\t?quote" and f"<{rows[0][0]}>" in tsv_text


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, N3])
def test_sparqlwrapper_reads_construct_answers(endpoint: str, fmt: str) -> None:
    query = "CONSTRUCT { ?st dg:quote ?quote } WHERE { ?st a dg:Statement ; dg:quote ?quote }"
    result = wrapper(endpoint, query, fmt)
    graph = result.convert()
    if not isinstance(graph, Graph):
        graph = Graph().parse(data=graph, format="turtle")
    assert len(graph) > 5 and all(p == DG.quote for _, p, _ in graph)


def test_sparqlwrapper_posts_queries_and_ask(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery("ASK { ?s a <https://w3id.org/diplograph/ontology#Statement> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_sparqlwrapper_updates_with_the_bearer_token(endpoint: str) -> None:
    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint)
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    client.setQuery('INSERT DATA { GRAPH <urn:notes> { <urn:note:1> <urn:says> "from SPARQLWrapper" } }')
    client.query()
    answer = wrapper(endpoint, 'ASK { GRAPH <urn:notes> { <urn:note:1> <urn:says> "from SPARQLWrapper" } }', JSON).convert()
    assert answer["boolean"] is True


def test_rdflib_sparqlstore_queries_and_reads_triples(endpoint: str) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=endpoint, returnFormat="json"))
    rows = list(graph.query(QUOTES))
    assert len(rows) > 5 and all(isinstance(row.quote, Literal) for row in rows)
    quotes = set(graph.triples((None, DG.quote, None)))  # a CONSTRUCT under the hood
    pairs = graph.query("SELECT DISTINCT ?s ?q WHERE { ?s <https://w3id.org/diplograph/ontology#quote> ?q }")
    assert {(row.s, row.q) for row in pairs} == {(s, o) for s, _, o in quotes}
    assert {(row.st, row.quote) for row in rows} <= {(s, o) for s, _, o in quotes}
    xml_graph = Graph(store=SPARQLStore(query_endpoint=endpoint, returnFormat="xml", method="POST_FORM"))
    assert len(list(xml_graph.query(QUOTES))) == len(rows)


def test_rdflib_sparqlupdatestore_writes_with_the_token(endpoint: str) -> None:
    store = SPARQLUpdateStore(
        query_endpoint=endpoint, update_endpoint=endpoint, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    graph = Graph(store=store, identifier=URIRef("urn:rdflib-notes"))
    graph.add((URIRef("urn:note:2"), URIRef("urn:says"), Literal("from rdflib")))
    check = Graph(store=SPARQLStore(query_endpoint=endpoint))
    assert check.query('ASK { GRAPH <urn:rdflib-notes> { <urn:note:2> <urn:says> "from rdflib" } }').askAnswer is True
    refused = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint)
    with pytest.raises(Exception, match="401"):
        Graph(store=refused, identifier=URIRef("urn:x")).add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))


def test_rdflib_sparqlstore_set_up_for_json_runs_a_construct(endpoint: str) -> None:
    """The README's rdflib set-up (returnFormat="json") asks for result sets even for a CONSTRUCT: the
    server answers in Turtle, the graph answer's default format, and rdflib reads it from Content-Type."""
    graph = Graph(store=SPARQLStore(query_endpoint=endpoint, returnFormat="json"))
    built = graph.query("CONSTRUCT { ?st dg:quote ?quote } WHERE { ?st a dg:Statement ; dg:quote ?quote }").graph
    quotes = {(row.st, row.quote) for row in graph.query(QUOTES)}
    assert len(built) == len(quotes) > 5
    assert {(s, o) for s, p, o in built if p == DG.quote} == quotes
