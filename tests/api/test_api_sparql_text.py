"""The lexical checks behind /sparql: where a keyword really is a keyword, the query form, USING
injection for the protocol's update dataset, and Accept parsing with q-values."""
from __future__ import annotations

import pytest

from diplograph.api.sparql.formats import GRAPH_FORMATS, SELECT_FORMATS, negotiate
from diplograph.api.sparql.text import add_using, fetching_keyword, has_dataset_clause, has_from, query_form


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", "SERVICE"),
        ("select * {?s ?p ?o .service<http://x/>{}}", "SERVICE"),
        ("SELECT * { SERVICE SILENT ?endpoint { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * { \\u0053ERVICE <http://x/> {} }", "SERVICE"),
        ("SELECT * { \\U00000053ERVICE <http://x/> {} }", "SERVICE"),
        ("LOAD <file:///etc/passwd>", "LOAD"),
        ("CLEAR ALL ; load <http://x/data.ttl> INTO GRAPH <urn:g>", "LOAD"),
        ('SELECT ("SERVICE" AS ?x) {}', None),
        ("SELECT ?service { ?service ex:SERVICE <http://SERVICE/LOAD> } # SERVICE LOAD", None),
        ("PREFIX service: <http://x/> PREFIX load: <http://y/> SELECT * { service:a load:b ?o }", None),
        ("SELECT * { ?s ?p '''a\nSERVICE <x> {}''' }", None),
        ("SELECT ?loaded ?myservice {}", None),
    ],
)
def test_fetching_keywords_are_found_only_where_a_parser_sees_them(text: str, keyword: str | None) -> None:
    assert fetching_keyword(text) == keyword


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("PREFIX select: <http://x/> BASE <http://ask/> ASK { select:a ?p ?o }", "ASK"),
        ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("describe <http://x>", "DESCRIBE"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("{ }", None),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


def test_from_is_seen_outside_strings_only() -> None:
    assert has_from("SELECT * FROM <urn:g> { ?s ?p ?o }")
    assert not has_from('SELECT * { ?s ?p "FROM" }')


def test_using_goes_before_each_top_level_where_except_delete_where() -> None:
    update = (
        "PREFIX ex: <http://ex/> INSERT DATA { GRAPH <urn:a> { <urn:a> a ex:D } } ; "
        "INSERT { GRAPH <urn:t> { ?s a ex:B } } WHERE { ?s a ex:D { SELECT ?s WHERE { ?s ?p ?o } } } ; "
        "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; DELETE WHERE { ?x ?y ?z }"
    )
    rewritten = add_using(update, ["urn:g1"], ["urn:g2"])
    assert rewritten.count("USING <urn:g1> USING NAMED <urn:g2> WHERE") == 2
    assert "SELECT ?s WHERE" in rewritten and "DELETE WHERE { ?x" in rewritten
    assert add_using(update, [], []) == update


def test_a_dataset_clause_in_an_update_is_detected() -> None:
    assert has_dataset_clause("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert has_dataset_clause("DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }")
    assert not has_dataset_clause('INSERT DATA { <urn:a> <urn:b> "WITH USING" }')


@pytest.mark.parametrize(
    ("accept", "key"),
    [
        (None, "json"),
        ("", "json"),
        ("text/csv; q=0.9, application/sparql-results+xml; q=0.95", "xml"),
        ("text/*", "csv"),
        ("application/sparql-results+json; q=0, */*; q=0.1", "xml"),
        ("garbage, text/tab-separated-values", "tsv"),
        ("image/png", None),
    ],
)
def test_select_negotiation(accept: str | None, key: str | None) -> None:
    chosen = negotiate(accept, SELECT_FORMATS)
    assert (chosen.key if chosen else None) == key


def test_specific_ranges_override_wildcards() -> None:
    chosen = negotiate("*/*;q=0.9, text/turtle;q=0.1", GRAPH_FORMATS)
    assert chosen is not None and chosen.key == "ntriples"  # Turtle is explicitly disliked
