"""The command line lists what the API lists (actors, topics, positions, documents), filters statements
as GET /statements does, prints its version, and says what it did in plain, true words."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from diplograph.graph.store import open_store


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def listed(cli, *args: str) -> list[dict]:
    result = cli(*args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return jsonl(result.stdout)


@pytest.fixture(scope="module")
def expected(disk_store_uri: str):
    """What the store itself answers, to hold the command line's listings against."""
    store = open_store(disk_store_uri)
    try:
        yield {"mentioned": store.actors(mentioned_only=True), "all": store.actors(), "counts": store.counts(),
               "topics": store.topics(), "documents": store.documents(),
               "ceasefire": store.positions(topic="ceasefire")}
    finally:
        store.close()


def test_actors_lists_the_mentioned_ones_and_all_on_request(cli, disk_store_uri: str, expected) -> None:
    mentioned = listed(cli, "actors", "--store", disk_store_uri)
    assert [row["id"] for row in mentioned] == [row.id for row in expected["mentioned"]]
    assert len(mentioned) == expected["counts"].actors
    everyone = listed(cli, "actors", "--all", "--store", disk_store_uri)
    assert len(everyone) == len(expected["all"]) > len(mentioned)
    found = listed(cli, "actors", "--all", "--search", "kallas", "--store", disk_store_uri)
    assert [row["name"] for row in found] == ["Kaja Kallas"]
    table = cli("actors", "--store", disk_store_uri, env={"COLUMNS": "200"}).stdout
    assert f"Actors mentioned in stored articles ({len(mentioned)})" in table and "Volodymyr Zelensky" in table


def test_actors_merge_still_works_beside_the_listing(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    assert cli("ingest", *map(str, seed_files), "--store", uri).exit_code == 0
    merged = cli("actors", "merge", "Vladimir Putin", "Russia", "--store", uri)
    assert merged.exit_code == 0 and "Merged 'Russia' into 'Vladimir Putin'" in merged.stdout
    assert "Russia" not in {row["name"] for row in listed(cli, "actors", "--store", uri)}


def test_topics_positions_and_documents_are_listed(cli, disk_store_uri: str, expected,
                                                    seed_files: list[Path]) -> None:
    topics = listed(cli, "topics", "--store", disk_store_uri)
    assert {row["key"]: row["statements"] for row in topics} == {t.key: t.statements for t in expected["topics"]}
    positions = listed(cli, "positions", "--topic", "ceasefire", "--store", disk_store_uri)
    assert len(positions) == len(expected["ceasefire"]) and {row["topic"] for row in positions} == {"ceasefire"}
    claims = listed(cli, "positions", "--topic", "ceasefire", "--claimed", "--store", disk_store_uri)
    own = listed(cli, "positions", "--topic", "ceasefire", "--own", "--store", disk_store_uri)
    assert claims and all(row["claimed"] for row in claims) and not any(row["claimed"] for row in own)
    assert len(claims) + len(own) == len(positions)
    documents = listed(cli, "documents", "--store", disk_store_uri)
    assert {row["name"] for row in documents} == {path.name for path in seed_files}
    dates = {json.loads(path.with_name(path.stem + ".meta.json").read_text())["published"] for path in seed_files}
    assert {row["published"] for row in documents} == dates  # the seeds' dates, from their .meta.json
    as_csv = list(csv.DictReader(io.StringIO(cli("documents", "--format", "csv", "--store", disk_store_uri).stdout)))
    assert {row["name"] for row in as_csv} == {path.name for path in seed_files}


def test_statements_take_the_apis_date_text_and_order_filters(cli, disk_store_uri: str) -> None:
    everything = listed(cli, "statements", "--store", disk_store_uri)
    late = max(row["published"] for row in everything)
    since = listed(cli, "statements", "--date-from", late, "--store", disk_store_uri)
    assert since and {row["published"] for row in since} == {late}
    before = listed(cli, "statements", "--date-to", late, "--date_to", late, "--store", disk_store_uri)
    assert len(before) == len(everything)
    newest = listed(cli, "statements", "--order", "-date", "--store", disk_store_uri)
    # ordered by when each statement was said (its sentence's date, else its article's)
    assert [row["date"] for row in newest] == sorted((row["date"] for row in everything), reverse=True)
    words = listed(cli, "statements", "--text", "Tomahawk", "--store", disk_store_uri)
    assert words and all("tomahawk" in (row["text"] + row["sentence"]).lower() for row in words)
    page = listed(cli, "statements", "--order", "date", "--offset", "2", "--limit", "3", "--store", disk_store_uri)
    ordered = listed(cli, "statements", "--order", "date", "--store", disk_store_uri)
    assert [row["iri"] for row in page] == [row["iri"] for row in ordered[2:5]]
    bad = cli("statements", "--date-from", "last week", "--store", disk_store_uri)
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1


def test_version_and_option_help_with_defaults(cli) -> None:
    version = cli("--version")
    assert version.exit_code == 0 and re.fullmatch(r"diplograph \d+\.\d+\.\d+\S*\n", version.stdout)
    for command in (["ingest"], ["statements"], ["ask"], ["sparql"], ["serve"], ["actors"], ["topics"],
                    ["positions"], ["documents"], ["validate"], ["remove"], ["path"], ["export"]):
        text = " ".join(cli(*command, "--help", env={"COLUMNS": "300"}).stdout.split())
        assert "sparql:QUERY_URL[;UPDATE_URL]" in text, command
        assert "env DIPLOGRAPH_STORE; default: oxigraph:./data/graph" in text, command
    serve = " ".join(cli("serve", "--help", env={"COLUMNS": "300"}).stdout.split())
    assert "default: 127.0.0.1" in serve and "default: 8000" in serve


def test_path_says_hop_for_one(cli, disk_store_uri: str) -> None:
    result = cli("path", "Zelensky", "Putin", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    assert "(1 hop)\n" in result.stdout and "(1 hops)" not in result.stdout
    assert "(2 hops)" in result.stdout


def test_exports_report_what_they_wrote(cli, disk_store_uri: str, tmp_path: Path, expected) -> None:
    from rdflib import Dataset

    out = tmp_path / "store.nq"
    result = cli("export", "--format", "nq", "-o", str(out), "--store", disk_store_uri)
    dataset = Dataset()
    dataset.parse(out, format="nquads")
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    assert quads == expected["counts"].triples
    assert f"the whole store: {quads} quads in" in result.stdout and "view" not in result.stdout
    gexf = cli("export", "--format", "gexf", "--view", "full", "-o", str(tmp_path / "full.gexf"),
               "--store", disk_store_uri)
    assert "the full network:" in gexf.stdout


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?x foo:bar ?z }",  # an undeclared prefix: Oxigraph lists its grammar's character classes
    "SELECT ?x WHERE {\n  ?x ?y ?z .\n  FILTER(?x = )\n}",
    "SELECT ?x WHERE { ?x ?y ?z ",
])
def test_sparql_syntax_errors_are_one_line(cli, disk_store_uri: str, query: str) -> None:
    result = cli("sparql", query, "--store", disk_store_uri)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: malformed query: SPARQL syntax error: error at ")
    assert "\\u{" not in lines[0] and len(lines[0]) < 260
