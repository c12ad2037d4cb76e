"""`ingest --workers` and `--executor dask://` store the same graph as a plain ingest."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from diplograph.api.cli import app
from diplograph.graph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [str(ROOT / "seeds"), str(ROOT / "tests" / "data" / "articles")]


def _statements(uri: str) -> list[tuple]:
    with open_store(uri) as store:
        return sorted((r.doc, r.start, r.end, r.speaker, r.stance, r.topics) for r in store.statements())


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> list[tuple]:
    uri = f"oxigraph:{tmp_path_factory.mktemp('plain') / 'store'}"
    result = CliRunner().invoke(app, ["ingest", *ARTICLES, "--store", uri])
    assert result.exit_code == 0, result.output
    return _statements(uri)


def test_two_workers_store_the_same_graph(tmp_path, plain) -> None:
    uri = f"oxigraph:{tmp_path / 'store'}"
    result = CliRunner().invoke(app, ["ingest", *ARTICLES, "--store", uri, "--workers", "2", "--batch", "3"])
    assert result.exit_code == 0, result.output
    assert _statements(uri) == plain


def test_dask_executor_stores_the_same_graph(tmp_path, plain) -> None:
    distributed = pytest.importorskip("distributed")
    uri = f"oxigraph:{tmp_path / 'store'}"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  host="127.0.0.1") as cluster:
        address = "dask://" + cluster.scheduler_address.split("://", 1)[1]
        result = CliRunner().invoke(app, ["ingest", *ARTICLES, "--store", uri, "--executor", address])
    assert result.exit_code == 0, result.output
    assert _statements(uri) == plain


def test_unknown_executor_is_a_clear_error(tmp_path) -> None:
    result = CliRunner().invoke(app, ["ingest", ARTICLES[0], "--store", f"oxigraph:{tmp_path / 's'}",
                                      "--executor", "spark://nowhere"])
    assert result.exit_code == 2 and "unknown executor" in result.output
