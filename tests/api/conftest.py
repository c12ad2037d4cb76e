"""Fixtures for the CLI and HTTP API tests: the real extractor run once over the seed articles."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from diplograph.api.app import create_app
from diplograph.api.cli import app as cli_app
from diplograph.api.settings import Settings
from diplograph.extract.records import Extraction
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
def seed_extractions(seed_files: list[Path]) -> list[Extraction]:
    """The seed articles read by the real extractor, once per test session."""
    from diplograph.extract.document import Document, iter_documents
    from diplograph.extract.pipeline import Extractor

    extractor = Extractor()
    documents = list(iter_documents(seed_files))
    assert all(isinstance(document, Document) for document in documents), documents
    return [extractor.extract(document) for document in documents]


@contextmanager
def holding(extractions: list[Extraction], uri: str = "memory") -> Iterator[GraphStore]:
    """A store (memory unless `uri` names one) holding these extractions, closed when the block ends."""
    store = open_store(uri)
    try:
        store.add_many(extractions)
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def store_holding() -> Callable[..., AbstractContextManager[GraphStore]]:
    """`with store_holding(extractions[, uri]) as store:` (`holding` as a fixture, for modules' own stores)."""
    return holding


@pytest.fixture(scope="session")
def seeded_store(seed_extractions: list[Extraction]) -> Iterator[GraphStore]:
    """A memory store holding the seed articles, extracted by the real pipeline."""
    with holding(seed_extractions) as store:
        yield store


EDITION_DATES = ("2025-03-01", "2025-06-15", "2025-10-17")


def dated_editions(extractions: list[Extraction]) -> list[Extraction]:
    """Each seed article again under another name and publication date (a later edition of the text),
    and once undated (the seeds themselves carry dates)."""
    from dataclasses import replace

    copies = []
    for date in (*EDITION_DATES, ""):
        for extraction in extractions:
            document = extraction.document
            suffix = f"\n(Edition of {date or 'no date'}.)"
            edition = replace(document, name=f"{date or 'undated'}-{document.name}", text=document.text + suffix,
                              clean=document.clean + suffix, published=date)
            # said on the edition's date (an undated edition's statements have no date either)
            statements = tuple(replace(s, doc=edition.name, date=date) for s in extraction.statements)
            copies.append(replace(extraction, document=edition, statements=statements))
    return copies


@pytest.fixture(scope="session")
def dated_store(seed_extractions: list[Extraction], tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """An Oxigraph store of the seeds plus three dated editions of each (dates to filter and sort on)."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('dated') / 'store'}")
    store.add_many(seed_extractions + dated_editions(seed_extractions))
    yield store
    store.close()


# The API's settings in tests: explicit, so a DIPLOGRAPH_* variable in the environment changes nothing.
TEST_SETTINGS = Settings(store="memory", sparql_workers=1)


def api_over(graph: GraphStore, /, **settings: object) -> TestClient:
    """A client of the HTTP API over the store `graph` (the test settings, with these overrides, `store`
    among them); use it in a `with` block, which starts and stops the app."""
    return TestClient(create_app(store=graph, settings=TEST_SETTINGS.override(**settings)))


@pytest.fixture(scope="session")
def api_client() -> Callable[..., TestClient]:
    """`with api_client(store, api_token="t") as client:` (`api_over` as a fixture)."""
    return api_over


@pytest.fixture(scope="session")
def client(seeded_store: GraphStore) -> Iterator[TestClient]:
    """The read-only HTTP API (no token configured) over the seeded memory store."""
    with api_over(seeded_store) as test_client:
        yield test_client


@pytest.fixture()
def make_client(seed_extractions: list[Extraction], tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """Build a client over a fresh store of the seeds: make_client(store="memory"|"oxigraph", **settings).

    Each call gets its own store and app; everything is closed at the end of the test.
    """
    opened: list[tuple[TestClient, GraphStore]] = []

    def build(store: str = "memory", *, seeded: bool = True, **settings: object) -> TestClient:
        uri = "memory" if store == "memory" else f"oxigraph:{tmp_path / f'store{len(opened)}'}"
        graph = open_store(uri)
        if seeded:
            graph.add_many(seed_extractions)
        test_client = api_over(graph, **settings)
        test_client.__enter__()
        opened.append((test_client, graph))
        return test_client

    yield build
    for test_client, graph in reversed(opened):
        test_client.__exit__(None, None, None)
        graph.close()


@pytest.fixture(scope="session")
def disk_store_uri(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> str:
    """An on-disk store with the seeds ingested through `diplograph ingest`, for commands that open it by URI."""
    uri = f"oxigraph:{tmp_path_factory.mktemp('graph') / 'store'}"
    result = run_cli("ingest", *map(str, seed_files), "--store", uri)
    assert result.exit_code == 0, result.output
    return uri
