"""`diplograph statements | ask | sparql | export | serve` against an on-disk store built by `ingest`."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from rdflib import Dataset, Graph


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


# ---------------------------------------------------------------- statements


def test_statements_filter_by_speaker_alias(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--speaker", "Zelensky", "--format", "jsonl", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert rows and {row["speaker"] for row in rows} == {"Volodymyr Zelensky"}


def test_statements_filter_by_topic_stance_and_limit(cli, disk_store_uri: str) -> None:
    rows = jsonl(cli("statements", "--topic", "tomahawk", "--format", "jsonl", "--store", disk_store_uri).stdout)
    assert rows and all("tomahawk" in row["topics"] for row in rows)
    requests = jsonl(
        cli("statements", "--stance", "requests", "--format", "jsonl", "--store", disk_store_uri).stdout
    )
    assert requests and all(row["stance"] == "requests" for row in requests)
    one = jsonl(cli("statements", "--limit", "1", "--format", "jsonl", "--store", disk_store_uri).stdout)
    assert len(one) == 1


def test_statements_filter_by_kind_and_doc(cli, disk_store_uri: str, seed_files: list[Path]) -> None:
    name = seed_files[1].name
    args = ("statements", "--kind", "direct", "--doc", name, "--format", "jsonl", "--store", disk_store_uri)
    rows = jsonl(cli(*args).stdout)
    assert rows and all(row["kind"] == "direct" and row["doc"] == name for row in rows)


def test_statements_csv_has_a_header_and_one_line_per_row(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--speaker", "Trump", "--format", "csv", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert records and {"speaker", "text", "sentence", "doc"} <= records[0].keys()
    assert {record["speaker"] for record in records} == {"Donald Trump"}


def test_statements_table_is_the_default(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--speaker", "Trump", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    assert "Donald Trump" in result.stdout and "statements" in result.stdout


def test_store_comes_from_the_environment(cli, disk_store_uri: str) -> None:
    result = cli("statements", "--limit", "2", "--format", "jsonl", env={"DIPLOGRAPH_STORE": disk_store_uri})
    assert result.exit_code == 0, result.output
    assert len(jsonl(result.stdout)) == 2


# ---------------------------------------------------------------- ask


def test_ask_who_said_what_about_tomahawks(cli, disk_store_uri: str) -> None:
    result = cli("ask", "who said what about Tomahawks", "--format", "jsonl", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    rows = jsonl(result.stdout)
    assert {"Volodymyr Zelensky", "Donald Trump"} <= {row["speaker"] for row in rows}
    assert all("tomahawk" in row["topics"] for row in rows)


def test_ask_table_says_how_the_question_was_understood(cli, disk_store_uri: str) -> None:
    result = cli("ask", "what did Trump say about the ceasefire", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    assert "speaker=Donald Trump" in result.stdout and "topic=ceasefire" in result.stdout


def test_ask_unreadable_question_lists_phrasings(cli, disk_store_uri: str) -> None:
    result = cli("ask", "tell me a joke", "--store", disk_store_uri)
    assert result.exit_code == 2
    assert "who said what about Tomahawks" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- sparql


COUNT_STATEMENTS = (
    "PREFIX dg: <https://w3id.org/diplograph/ontology#> "
    "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a dg:Statement } }"
)


def test_sparql_json_counts_the_stored_statements(cli, disk_store_uri: str) -> None:
    result = cli("sparql", COUNT_STATEMENTS, "--format", "json", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    statements = jsonl(cli("statements", "--format", "jsonl", "--store", disk_store_uri).stdout)
    assert int(bindings[0]["n"]["value"]) == len(statements) > 0


def test_sparql_reads_the_query_from_a_file_and_stdin(cli, tmp_path: Path, disk_store_uri: str) -> None:
    query_file = tmp_path / "count.rq"
    query_file.write_text(COUNT_STATEMENTS, encoding="utf-8")
    from_file = cli("sparql", f"@{query_file}", "--format", "csv", "--store", disk_store_uri)
    from_stdin = cli("sparql", "-", "--format", "csv", "--store", disk_store_uri, input=COUNT_STATEMENTS)
    assert from_file.exit_code == from_stdin.exit_code == 0, from_file.output + from_stdin.output
    assert from_file.stdout == from_stdin.stdout
    assert from_file.stdout.splitlines()[0].strip() == "n"


def test_sparql_table_and_ask(cli, disk_store_uri: str) -> None:
    table = cli("sparql", COUNT_STATEMENTS, "--store", disk_store_uri)
    assert table.exit_code == 0 and "1 results" in table.stdout
    ask = cli("sparql", "ASK { GRAPH ?g { ?s ?p ?o } }", "--store", disk_store_uri)
    assert ask.exit_code == 0 and ask.stdout.strip() == "true"


def test_sparql_construct_prints_turtle(cli, disk_store_uri: str) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"
    result = cli("sparql", query, "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 5


def test_malformed_sparql_exits_2_with_the_parser_message(cli, disk_store_uri: str) -> None:
    result = cli("sparql", "SELECT ?s WHERE { ?s ?p", "--store", disk_store_uri)
    assert result.exit_code == 2
    assert "malformed query" in result.stderr
    assert "Traceback" not in result.output


def test_missing_query_file_exits_2(cli, tmp_path: Path, disk_store_uri: str) -> None:
    result = cli("sparql", f"@{tmp_path / 'absent.rq'}", "--store", disk_store_uri)
    assert result.exit_code == 2 and "absent.rq" in result.stderr


# ---------------------------------------------------------------- export


def test_export_gexf_writes_a_gexf_file(cli, tmp_path: Path, disk_store_uri: str) -> None:
    out = tmp_path / "actors.gexf"
    result = cli("export", "--format", "gexf", "-o", str(out), "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert etree.QName(root).localname == "gexf"
    labels = {node.get("label") for node in root.iter("{*}node")}
    assert {"Volodymyr Zelensky", "Donald Trump"} <= labels


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", "turtle"), ("nq", "nquads"), ("trig", "trig")])
def test_export_rdf_formats_parse_back(cli, tmp_path: Path, disk_store_uri: str, fmt: str, rdf_format: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = cli("export", "--format", fmt, "-o", str(out), "--view", "full", "--store", disk_store_uri)
    assert result.exit_code == 0, result.output
    parsed = Dataset() if rdf_format in ("nquads", "trig") else Graph()
    parsed.parse(out, format=rdf_format)
    assert len(parsed) > 0


def test_export_into_a_missing_folder_fails_clearly(cli, tmp_path: Path, disk_store_uri: str) -> None:
    out = tmp_path / "no" / "such" / "dir" / "graph.ttl"
    result = cli("export", "--format", "ttl", "-o", str(out), "--store", disk_store_uri)
    assert result.exit_code == 2
    assert "graph.ttl" in result.stderr and "Traceback" not in result.output


# ---------------------------------------------------------------- serve


def test_serve_prints_url_and_summary_then_runs_the_app(cli, disk_store_uri: str, monkeypatch) -> None:
    import uvicorn

    served: dict = {}

    def fake_run(app, *, host: str, port: int, **options) -> None:
        """Stand in for the server loop: call the app the way uvicorn would, then return."""
        served.update(host=host, port=port)
        with TestClient(app) as http:
            served["health"] = http.get("/health").json()

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = cli("serve", "--store", disk_store_uri, "--port", "8123")
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.stdout
    health = served["health"]
    assert f"{health['documents']} documents, {health['statements']} statements" in result.stdout
    assert served["port"] == 8123 and health["documents"] >= 2
