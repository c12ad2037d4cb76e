"""The W3C SPARQL 1.1 Protocol manifest (../shared/sparql-protocol-tests) replayed against /sparql.

Replayed: every query test that needs no protocol dataset loaded, and every bad-request test
(updates included: this endpoint refuses all of them, which those tests accept as a 4xx).
Left out, by design: the tests that load data1-3.nt as named graphs through ut:graphData (the
store holds only ingested articles) and the positive update tests (the endpoint is read-only).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Namespace
from rdflib.collection import Collection

MANIFEST = Path(__file__).resolve().parents[3] / "shared" / "sparql-protocol-tests" / "manifest.ttl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
RESULT_TYPES = {
    "boolean": ("application/sparql-results+json",),
    "tabular": ("application/sparql-results+json",),
    "RDF": ("text/turtle",),
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


def load_cases() -> list[pytest.param]:
    if not MANIFEST.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{MANIFEST} is not beside the checkout"))]
    graph = Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(MF.entries, None))
    cases = []
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        local = str(test).rsplit("#", 1)[-1]
        if (test, UT.graphData, None) in graph or local.startswith("update_"):
            continue
        action = graph.value(test, MF.action)
        requests = []
        for node in Collection(graph, graph.value(action, HT.requests)):
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
            requests.append(ProtocolRequest(
                method=str(graph.value(node, HT.methodName)),
                path=str(graph.value(node, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                headers=headers,
                body=body,
                statuses=frozenset(str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(response, MF.expectedStatus)),
                result_format=str(result_format) if result_format is not None else None,
                boolean=boolean.toPython() if boolean is not None else None,
            ))
        cases.append(pytest.param(requests, id=local))
    return cases


@pytest.mark.parametrize("requests", load_cases())
def test_protocol_case(client: TestClient, requests: list[ProtocolRequest]) -> None:
    for request in requests:
        response = client.request(
            request.method, request.path, headers=request.headers, content=request.body, follow_redirects=False
        )
        status_class = f"{response.status_code // 100}xx"
        assert status_class in request.statuses, (response.status_code, response.text)
        if request.result_format is not None:
            media = response.headers["content-type"].split(";")[0]
            assert media in RESULT_TYPES[request.result_format]
        if request.boolean is not None:
            assert response.json()["boolean"] is request.boolean
