"""/sparql answers in every format the protocol names, chosen by Accept with q-values; 406 otherwise;
and GET without a query describes the service (or shows a query page to a browser)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

STATEMENTS = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?st ?quote ?start WHERE { ?st a dg:Statement ; dg:quote ?quote ; dg:start ?start } ORDER BY ?st"""
CONSTRUCT = "CONSTRUCT { ?st dg:quote ?quote } WHERE { ?st a dg:Statement ; dg:quote ?quote }"  # dg: is predeclared
SD = "http://www.w3.org/ns/sparql-service-description#"


def get(client: TestClient, query: str, accept: str | None):
    headers = {"accept": accept} if accept is not None else {}
    return client.get("/sparql", params={"query": query}, headers=headers)


@pytest.fixture(scope="module")
def expected_rows(client: TestClient) -> list[tuple[str, str, int]]:
    body = get(client, STATEMENTS, "application/sparql-results+json").json()
    rows = [(b["st"]["value"], b["quote"]["value"], int(b["start"]["value"])) for b in body["results"]["bindings"]]
    assert len(rows) > 5
    return rows


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
    ],
)
def test_select_answers_read_back_alike_in_every_results_format(
    client: TestClient, expected_rows, accept: str, media: str, rdflib_format: str
) -> None:
    response = get(client, STATEMENTS, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    result = Result.parse(io.BytesIO(response.content), format=rdflib_format)
    rows = [(str(row.st), str(row.quote), int(row.start)) for row in result]
    assert rows == expected_rows


def test_csv_is_rfc4180_with_plain_values_and_tsv_keeps_rdf_terms(client: TestClient) -> None:
    query = 'SELECT ?iri ?text ?n WHERE { VALUES (?iri ?text ?n) { (<http://ex.org/a> "tab\\there, \\"quoted\\"" 7) } }'
    table = list(csv.reader(io.StringIO(get(client, query, "text/csv").text)))
    assert table == [["iri", "text", "n"], ["http://ex.org/a", 'tab\there, "quoted"', "7"]]
    lines = get(client, query, "text/tab-separated-values").text.splitlines()
    assert lines[0] == "?iri\t?text\t?n"
    assert lines[1].split("\t") == ["<http://ex.org/a>", '"tab\\there, \\"quoted\\""', '"7"^^<http://www.w3.org/2001/XMLSchema#integer>']


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_construct_answers_read_back_alike_in_every_rdf_format(
    client: TestClient, expected_rows, accept: str, media: str, rdflib_format: str
) -> None:
    response = get(client, CONSTRUCT, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.content, format=rdflib_format)
    quotes = {(str(s), str(o)) for s, _, o in graph}
    assert quotes == {(st, quote) for st, quote, _ in expected_rows}


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        pytest.param(None, "application/sparql-results+json", id="no Accept: JSON"),
        pytest.param("*/*", "application/sparql-results+json", id="anything: JSON"),
        pytest.param("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml", id="q-values"),
        pytest.param("application/sparql-results+json;q=0.1, text/*;q=0.8", "text/csv", id="type wildcard"),
        pytest.param("text/tab-separated-values, text/csv", "text/csv", id="tie goes to server order"),
        pytest.param("text/html, */*;q=0.1", "application/sparql-results+json", id="browser"),
        pytest.param("application/json", "application/sparql-results+json", id="plain JSON alias"),
    ],
)
def test_select_negotiation_honours_q_values(client: TestClient, accept: str | None, media: str) -> None:
    response = get(client, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media


def test_construct_negotiation_honours_q_values(client: TestClient) -> None:
    response = get(client, CONSTRUCT, "text/turtle;q=0.2, application/rdf+xml;q=0.7, */*;q=0.1")
    assert response.headers["content-type"].split(";")[0] == "application/rdf+xml"
    assert get(client, CONSTRUCT, None).headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    ("query", "accept", "media"),
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/turtle", "application/sparql-results+json",
                     id="SELECT asked as Turtle: JSON results"),
        pytest.param("ASK { ?s ?p ?o }", "text/csv", "application/sparql-results+json", id="ASK asked as CSV: JSON"),
        pytest.param(CONSTRUCT, "application/sparql-results+json", "text/turtle", id="CONSTRUCT asked as results: Turtle"),
        pytest.param(CONSTRUCT, "application/sparql-results+xml, application/sparql-results+json;q=0.9",
                     "text/turtle", id="CONSTRUCT asked as XML results: Turtle"),
    ],
)
def test_another_answer_type_gets_the_default_format_of_its_own(client: TestClient, query: str, accept: str,
                                                                  media: str) -> None:
    response = get(client, query, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/turtle":
        assert len(Graph().parse(data=response.text, format="turtle")) > 0


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        pytest.param("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "image/png", id="SELECT as PNG"),
        pytest.param(CONSTRUCT, "text/html", id="CONSTRUCT as HTML"),
        pytest.param("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "application/sparql-results+json;q=0, image/png", id="q=0 excludes"),
    ],
)
def test_nothing_acceptable_is_a_406_naming_what_is(client: TestClient, query: str, accept: str) -> None:
    response = get(client, query, accept)
    assert response.status_code == 406
    assert "can answer as" in response.json()["message"]


def test_ask_in_xml(client: TestClient) -> None:
    response = get(client, "ASK { ?s a <https://w3id.org/diplograph/ontology#Statement> }", "application/sparql-results+xml")
    assert Result.parse(io.BytesIO(response.content), format="xml").askAnswer is True


def test_describe_answers_rdf_about_the_resource(client: TestClient, expected_rows) -> None:
    statement = expected_rows[0][0]
    response = get(client, f"DESCRIBE <{statement}>", "application/n-triples")
    graph = Graph().parse(data=response.text, format="nt")
    assert (URIRef(statement), URIRef("https://w3id.org/diplograph/ontology#quote"), Literal(expected_rows[0][1])) in graph


def test_get_without_query_is_a_service_description(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef("http://testserver/sparql")
    assert (service, RDF.type, URIRef(SD + "Service")) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Query")) in graph
    assert (service, URIRef(SD + "supportedLanguage"), URIRef(SD + "SPARQL11Update")) not in graph  # read-only
    formats = {str(o).rsplit("/", 1)[-1] for o in graph.objects(service, URIRef(SD + "resultFormat"))}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_TSV", "Turtle", "JSON-LD"} <= formats
    json_ld = client.get("/sparql", headers={"accept": "application/ld+json"})
    assert json_ld.headers["content-type"] == "application/ld+json" and json.loads(json_ld.text)


def test_a_browser_gets_a_query_page_that_submits_to_the_endpoint(client: TestClient) -> None:
    response = client.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<form method="get" action="http://testserver/sparql">' in response.text
    assert '<textarea name="query"' in response.text
    assert "<script" not in response.text  # nothing fetched from elsewhere


def test_protocol_dataset_selects_graphs(client: TestClient, expected_rows) -> None:
    doc_graph = client.get(
        "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/diplograph/ontology#Statement> } }"}
    ).json()["results"]["bindings"][0]["g"]["value"]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/diplograph/ontology#Statement> }"
    everywhere = int(get(client, count, None).json()["results"]["bindings"][0]["n"]["value"])
    only_one = client.get("/sparql", params={"query": count, "default-graph-uri": doc_graph}).json()
    in_one = int(only_one["results"]["bindings"][0]["n"]["value"])
    assert 0 < in_one < everywhere == len(expected_rows)
    nowhere = client.get("/sparql", params={"query": count, "default-graph-uri": "http://example.org/no-such-graph"}).json()
    assert nowhere["results"]["bindings"][0]["n"]["value"] == "0"
    named = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": doc_graph},
    ).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [doc_graph]
