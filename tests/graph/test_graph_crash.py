"""A kill at any moment of a write leaves a store that re-running the same ingest makes whole.

The writer runs in a child process (spawned: a fork of a threaded parent can deadlock) with
DIPLOGRAPH_KILL_AT set (graph/faults.py), which SIGKILLs it
right after its N-th store write, or right before it: every boundary between two write steps of an
ingest (ontology, actors, each batch of documents with its positions) is hit in turn. After each
kill the same documents are written again, and the store must hold exactly what a clean run gives,
positions included (timestamps of ingestion aside).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import BNode

from diplograph.extract.records import Extraction
from diplograph.graph.derived import POSITIONS_GRAPH
from diplograph.graph.store import open_store

# When a document was ingested differs between runs by design; everything else must not.
STAMPS = ("http://www.w3.org/ns/prov#generatedAtTime", "http://www.w3.org/ns/prov#endedAtTime")


def editions(extractions: list[Extraction]) -> list[Extraction]:
    """The articles, then each again as a later edition (another name and text, so another document)."""
    copies = []
    for extraction in extractions:
        document = extraction.document
        edition = replace(document, name="later-" + document.name, text=document.text + "\n(Updated.)",
                          clean=document.clean + "\n(Updated.)", published="2025-11-02")
        copies.append(replace(extraction, document=edition,
                              statements=tuple(replace(s, doc=edition.name) for s in extraction.statements)))
    return list(extractions) + copies


def _write(uri: str, extractions: list[Extraction], kill_at: str | None) -> None:
    if kill_at:
        os.environ["DIPLOGRAPH_KILL_AT"] = kill_at
    store = open_store(uri)
    for extraction in extractions:  # one write per document, as an ingest with --batch 1 does
        store.add_many([extraction])
    store.close()


def write_in_child(uri: str, extractions: list[Extraction], kill_at: str | None = None) -> int:
    """Run the writes in a child process; its exit code (-SIGKILL when the fault point fired)."""
    child = multiprocessing.get_context("spawn").Process(target=_write, args=(uri, extractions, kill_at))
    child.start()
    child.join(timeout=300)
    return child.exitcode


def content(uri: str) -> Counter[str]:
    """Every quad as text, ingestion stamps left out and blank-node labels (new on every load of the
    ontology's OWL lists) blanked, counted: two stores with equal content give equal counters."""
    store = open_store(uri)
    try:
        return Counter(" ".join("_:" if isinstance(term, BNode) else term.n3() for term in quad)
                       for quad in store.quads() if str(quad[1]) not in STAMPS)
    finally:
        store.close()


@pytest.fixture(scope="module")
def articles(seed_extractions: list[Extraction]) -> list[Extraction]:
    return editions(seed_extractions)


@pytest.fixture(scope="module")
def clean_run(articles: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> Counter[str]:
    uri = f"oxigraph:{tmp_path_factory.mktemp('clean') / 'store'}"
    assert write_in_child(uri, articles) == 0
    quads = content(uri)
    assert any(str(POSITIONS_GRAPH) in quad for quad in quads), "the articles should give positions"
    return quads


def test_a_kill_between_any_two_write_steps_is_made_whole_by_rerunning(
    articles: list[Extraction], clean_run: Counter[str], tmp_path: Path
) -> None:
    kills = 0
    # Before the first write, then after each write (= before the next): every boundary once.
    for point, step in [("before-write", 1), *(("write", n) for n in range(1, 50))]:
        uri = f"oxigraph:{tmp_path / f'{point}-{step}'}"
        code = write_in_child(uri, articles, kill_at=f"{point}:{step}")
        if code == 0:  # fewer writes than `step`: every boundary has been hit
            break
        assert code == -signal.SIGKILL, f"the writer should have been killed at {point}:{step}, not exit {code}"
        kills += 1
        assert write_in_child(uri, articles) == 0
        assert content(uri) == clean_run, f"killed at {point}:{step}, then re-run: the store differs from a clean run"
    assert kills > len(articles), "every document write should have been interrupted once"


def test_repair_rebuilds_positions_a_crashed_older_version_left_out(
    articles: list[Extraction], clean_run: Counter[str], tmp_path: Path
) -> None:
    uri = f"oxigraph:{tmp_path / 'old'}"
    assert write_in_child(uri, articles) == 0
    store = open_store(uri)
    # What an older version left after a kill between its two write steps: documents, no positions.
    store.backend.write(updates=[f"DROP SILENT GRAPH <{POSITIONS_GRAPH}>"])
    before, after = store.repair()
    store.close()
    assert before == 0 and after > 0
    assert content(uri) == clean_run
