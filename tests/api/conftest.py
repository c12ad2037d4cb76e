"""Fixtures for the CLI and HTTP API tests: the real extractor run once over the seed articles."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from diplograph.api.app import create_app
from diplograph.api.cli import app as cli_app
from diplograph.graph.store import GraphStore, open_store

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
SEED_FILES = sorted(SEEDS_DIR.glob("*.txt"))

def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """Run `diplograph ARGS` in-process, with a wide terminal so tables do not fold names."""
    return CliRunner().invoke(cli_app, list(args), input=input, env={"COLUMNS": "250", **(env or {})})


@pytest.fixture(scope="session")
def cli() -> Callable[..., Result]:
    """`run_cli` as a fixture, so test modules need not import from conftest."""
    return run_cli


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    assert len(SEED_FILES) >= 2, f"the seed articles are missing from {SEEDS_DIR}"
    return SEED_FILES


@pytest.fixture(scope="session")
def seeded_store(seed_files: list[Path]) -> Iterator[GraphStore]:
    """A memory store holding the seed articles, extracted by the real pipeline."""
    from diplograph.extract.document import Document, iter_documents
    from diplograph.extract.pipeline import Extractor

    extractor = Extractor()
    store = open_store("memory")
    for document in iter_documents(seed_files):
        assert isinstance(document, Document), document
        store.add(extractor.extract(document))
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(seeded_store: GraphStore) -> Iterator[TestClient]:
    """The HTTP API over the seeded memory store."""
    with TestClient(create_app(store=seeded_store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def disk_store_uri(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> str:
    """An on-disk store with the seeds ingested through `diplograph ingest`, for commands that open it by URI."""
    uri = f"oxigraph:{tmp_path_factory.mktemp('graph') / 'store'}"
    result = run_cli("ingest", *map(str, seed_files), "--store", uri)
    assert result.exit_code == 0, result.output
    return uri
