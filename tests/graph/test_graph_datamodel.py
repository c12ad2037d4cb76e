"""The data-model picture (docs/datamodel.svg) is drawn from the ontology and kept in step with it.

The committed SVG must name every class of ontology/diplomacy.ttl and every object property between
two of them, so an ontology edit without `python -m diplograph.graph.datamodel docs/datamodel.svg`
fails here. Checking the committed file needs no Graphviz; rendering it anew does, and is skipped
(with the reason) where `dot` is not installed.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

from diplograph.graph.datamodel import datamodel_dot, short, write_datamodel
from diplograph.graph.ontology import ontology_files
from diplograph.ontology.terms import DG

PICTURE = Path(__file__).resolve().parents[2] / "docs" / "datamodel.svg"


def ontology() -> Graph:
    graph = Graph()
    for path in ontology_files():
        if path.name == "diplomacy.ttl":
            graph.parse(path, format="turtle")
    return graph


def drawn(dot_text: str) -> tuple[set[str], set[str]]:
    """(boxes, arrow labels) of the DOT text."""
    boxes = set(re.findall(r'^  "([^"]+)" \[label=<', dot_text, flags=re.M))
    arrows = set(re.findall(r'-> "[^"]+" \[(?:arrowhead=empty, style=dashed, )?label="([^"]+)"\]', dot_text))
    return boxes, arrows


def test_the_dot_text_draws_every_class_and_the_event_status() -> None:
    graph = ontology()
    classes = {short(c) for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(DG))}
    boxes, arrows = drawn(datamodel_dot())
    assert boxes == classes
    assert {"status", "host", "guest", "participant", "utterance", "report"} <= arrows
    assert "planned : xsd:boolean" in datamodel_dot()


def test_the_committed_picture_is_in_step_with_the_ontology() -> None:
    svg = html.unescape(PICTURE.read_text(encoding="utf-8"))
    titles = set(re.findall(r"<title>([^<]+)</title>", svg))
    texts = set(re.findall(r">([^<>]+)</text>", svg))
    boxes, arrows = drawn(datamodel_dot())
    missing = (boxes - titles) | (arrows - texts)
    assert not missing, f"docs/datamodel.svg lacks {sorted(missing)}: run python -m diplograph.graph.datamodel docs/datamodel.svg"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed (apt-get install graphviz); "
                                                        "the committed picture is still checked above")
def test_the_picture_renders_with_graphviz(tmp_path: Path) -> None:
    written = write_datamodel(tmp_path / "model.svg")
    assert written.suffix == ".svg" and "<svg" in written.read_text(encoding="utf-8")


def test_without_graphviz_a_dot_file_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on this PATH
    written = write_datamodel(tmp_path / "model.svg")
    assert written.name == "model.dot" and written.read_text(encoding="utf-8").startswith("digraph datamodel {")
