"""What GET /sparql without a query answers: a SPARQL 1.1 Service Description, or a query page for browsers.

The description tells clients what the endpoint speaks (query, and update when a token is set), the
result formats it writes, and that its default graph is the union of all named graphs. The page is
plain HTML with a form: nothing is fetched from elsewhere, so it works offline and under a strict CSP.
"""
from __future__ import annotations

from html import escape

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = (
    "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
    "Turtle", "N-Triples", "N-Quads", "JSON-LD", "RDF_XML", "TriG",
)
RDFLIB_FORMATS = {
    "turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "jsonld": "json-ld", "rdfxml": "xml", "trig": "trig",
}
EXAMPLE_QUERY = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?speaker ?quote WHERE {
  ?statement a dg:Statement ; dg:speaker ?who ; dg:quote ?quote .
  ?who skos:prefLabel ?speaker .
} LIMIT 10"""


def service_description(endpoint: str, *, updates: bool) -> Graph:
    """The endpoint described in the SPARQL 1.1 Service Description vocabulary."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("format", FORMATS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        graph.add((service, SD.resultFormat, FORMATS[name]))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    dataset = BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default_graph = BNode()
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(
        "diplograph: who said what about what in diplomacy news. One named graph per article; "
        "the default graph is the union of all named graphs. SERVICE and LOAD are refused."
    )))
    return graph


def describe(endpoint: str, *, updates: bool, format_key: str) -> bytes:
    return service_description(endpoint, updates=updates).serialize(format=RDFLIB_FORMATS[format_key], encoding="utf-8")


def query_page(endpoint: str, *, updates: bool) -> str:
    """A small HTML page with a query form that GETs /sparql."""
    mode = "Updates are allowed with the bearer token." if updates else "This endpoint is read-only."
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>diplograph SPARQL endpoint</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}textarea{{width:100%;font-family:monospace}}</style>
</head><body>
<h1>diplograph SPARQL endpoint</h1>
<p>SPARQL 1.1 Protocol endpoint at <code>{escape(endpoint)}</code>. {mode}
The default graph is the union of all named graphs (one per article). Point YASGUI, SPARQLWrapper
or rdflib's SPARQLStore at this URL. <a href="/query">The workspace's SPARQL page</a> shows results as
a table, with example queries.</p>
<form method="get" action="{escape(endpoint)}">
<textarea name="query" rows="12">{escape(EXAMPLE_QUERY)}</textarea>
<p><button type="submit">Run query</button> (answers as SPARQL JSON; send an Accept header for XML, CSV, TSV or RDF)</p>
</form>
</body></html>
"""
