"""The W3C SPARQL 1.1 Protocol test suite (tests/data/sparql-protocol, W3C test-suite licence),
replayed case by case against /sparql: all 34 cases, on a memory store and on an Oxigraph store.

Each case starts from a store holding exactly its ut:graphData (data1-3.nt as the named graphs the
manifest labels). The endpoint is configured with an API token, as a deployment that accepts updates
would be, and every request carries it: the update cases then exercise real updates.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection

from diplograph.api.app import create_app
from diplograph.api.settings import Settings
from diplograph.graph.store import GraphStore, open_store

SUITE = Path(__file__).resolve().parents[1] / "data" / "sparql-protocol"
MANIFEST = SUITE / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
TOKEN = "protocol-test-token"
RESULT_TYPES = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"},
    "RDF": {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json", "application/n-quads", "application/trig"},
}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]  # e.g. {"2xx", "3xx"}
    result_format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolCase:
    requests: list[ProtocolRequest]
    graph_data: dict[str, Path]  # graph IRI -> N-Triples file


def _request(graph: Graph, node) -> ProtocolRequest:
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    header_list = graph.value(node, HT.headers)
    headers = {
        str(graph.value(header, HT.fieldName)): str(graph.value(header, HT.fieldValue))
        for header in (Collection(graph, header_list) if header_list is not None else [])
    }
    response = graph.value(node, HT.resp)
    boolean = graph.value(response, MF.expectedBoolean)
    result_format = graph.value(response, MF.expectedFormat)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
        headers=headers,
        body=body,
        statuses=frozenset(str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(response, MF.expectedStatus)),
        result_format=str(result_format) if result_format is not None else None,
        boolean=boolean.toPython() if boolean is not None else None,
    )


def load_cases() -> list:
    graph = Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(MF.entries, None))
    cases = []
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        data = {
            str(graph.value(item, RDFS.label)): SUITE / Path(str(graph.value(item, UT.graph))).name
            for item in graph.objects(test, UT.graphData)
        }
        requests = [_request(graph, node) for node in Collection(graph, graph.value(graph.value(test, MF.action), HT.requests))]
        cases.append(pytest.param(ProtocolCase(requests, data), id=str(test).rsplit("#", 1)[-1]))
    return cases


CASES = load_cases()


def test_the_whole_manifest_is_replayed() -> None:
    assert len(CASES) == 34


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def endpoint(request, tmp_path_factory) -> Iterator[tuple[TestClient, GraphStore]]:
    uri = "memory" if request.param == "memory" else f"oxigraph:{tmp_path_factory.mktemp('protocol') / 'store'}"
    store = open_store(uri)
    settings = Settings(store=uri, api_token=TOKEN, sparql_workers=1)
    with TestClient(create_app(store=store, settings=settings)) as client:
        yield client, store
    store.close()


def reset(client: TestClient, store: GraphStore, graph_data: dict[str, Path]) -> None:
    """Empty the store, then load the case's graphs (directly, not through the endpoint under test)."""
    quads = []
    for name, path in graph_data.items():
        quads += [(s, p, o, URIRef(name)) for s, p, o in Graph().parse(path, format="nt")]
    store.backend.update("DROP ALL")
    store.backend.write(insert=quads)
    engine = getattr(client.app.state, "sparql_engine", None)
    if engine is not None:
        engine.invalidate()


def boolean_of(response) -> bool:
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+xml":
        element = ElementTree.fromstring(response.content).find("{http://www.w3.org/2005/sparql-results#}boolean")
        return element is not None and element.text == "true"
    return response.json()["boolean"]


@pytest.mark.parametrize("case", CASES)
def test_protocol_case(endpoint: tuple[TestClient, GraphStore], case: ProtocolCase) -> None:
    client, store = endpoint
    reset(client, store, case.graph_data)
    for request in case.requests:
        response = client.request(
            request.method,
            request.path,
            headers={**request.headers, "Authorization": f"Bearer {TOKEN}"},
            content=request.body,
            follow_redirects=False,
        )
        status_class = f"{response.status_code // 100}xx"
        assert status_class in request.statuses, (response.status_code, response.text)
        if status_class == "4xx":
            assert response.json()["message"], "every refusal says why"
        if request.result_format is not None:
            media = response.headers["content-type"].split(";")[0]
            assert media in RESULT_TYPES[request.result_format], media
        if request.boolean is not None:
            assert boolean_of(response) is request.boolean
