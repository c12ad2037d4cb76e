"""The graph commands of `diplograph`: validate, actors merge, remove, path, export — run in-process."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from rdflib import Dataset
from typer.testing import CliRunner

from diplograph.api.cli import app
from diplograph.extract.records import Extraction
from diplograph.graph.store import open_store


def run(*args: str):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def stored(tmp_path: Path, *extractions: Extraction) -> str:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    with open_store(uri) as store:
        store.add_many(list(extractions))
    return uri


def test_validate_says_the_store_conforms(tmp_path: Path, kremlin: Extraction, white_house: Extraction) -> None:
    uri = stored(tmp_path, kremlin, white_house)
    result = run("validate", "--store", uri)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    report = json.loads(run("validate", "--store", uri, "--format", "json").output)
    assert report == {"conforms": True, "violations": []}


def test_validate_fails_on_a_broken_store(tmp_path: Path, kremlin: Extraction) -> None:
    uri = stored(tmp_path, kremlin)
    with open_store(uri) as store:
        store.backend.update("DELETE WHERE { GRAPH ?g { ?st dg:speaker ?who } }")
    result = run("validate", "--store", uri)
    assert result.exit_code == 1
    assert "dg:speaker" in result.output


def test_path_prints_hops_with_evidence(tmp_path: Path, kremlin: Extraction) -> None:
    uri = stored(tmp_path, kremlin)
    result = run("path", "European allies", "Marco Rubio", "--max-hops", "3", "--store", uri)
    assert result.exit_code == 0, result.output
    assert "European allies — Andrii Sybiha — Marco Rubio (2 hops)" in result.output
    assert "Sybiha and Marco Rubio met in Washington on October 20." in result.output
    data = json.loads(run("path", "Sybiha", "Rubio", "--format", "json", "--store", uri).output)
    assert data[0]["length"] == 1 and data[0]["hops"][0]["relation"] == "met"
    missing = run("path", "Nobody At All", "Rubio", "--store", uri)
    assert missing.exit_code == 2 and "not an actor or topic" in missing.output


def test_merge_and_remove(tmp_path: Path, kremlin: Extraction, white_house: Extraction) -> None:
    uri = stored(tmp_path, kremlin, white_house)
    merged = run("actors", "merge", "Volodymyr Zelensky", "senior European diplomat", "--store", uri)
    assert merged.exit_code == 0, merged.output
    with open_store(uri) as store:
        assert "sanctions on Russian oil would stay in place" in [r.text for r in store.statements(speaker="Zelensky")]
    assert run("actors", "merge", "Zelensky", "Nobody At All", "--store", uri).exit_code == 2
    removed = run("remove", "kremlin.txt", "--store", uri)
    assert removed.exit_code == 0 and "1 documents" in removed.output
    assert run("remove", "kremlin.txt", "--store", uri).exit_code == 1


def test_export_every_format_reads_back(tmp_path: Path, kremlin: Extraction, white_house: Extraction) -> None:
    uri = stored(tmp_path, kremlin, white_house)
    for fmt, name in (("gexf", "a.gexf"), ("graphml", "a.graphml"), ("csv", "csv"), ("ttl", "a.ttl"),
                      ("trig", "a.trig"), ("nq", "a.nq"), ("jsonld", "a.jsonld")):
        result = run("export", "--format", fmt, "-o", str(tmp_path / name), "--view", "full", "--store", uri)
        assert result.exit_code == 0, (fmt, result.output)
    assert nx.read_gexf(tmp_path / "a.gexf").number_of_nodes() == nx.read_graphml(tmp_path / "a.graphml").number_of_nodes()
    assert (tmp_path / "csv" / "nodes.csv").exists() and (tmp_path / "csv" / "edges.csv").exists()
    sizes = {fmt: sum(1 for _ in Dataset().parse(tmp_path / f"a.{fmt}", format=parser).quads())
             for fmt, parser in (("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld"))}
    assert len(set(sizes.values())) == 1
    bad = run("export", "--format", "xlsx", "-o", str(tmp_path / "x"), "--store", uri)
    assert bad.exit_code == 2
