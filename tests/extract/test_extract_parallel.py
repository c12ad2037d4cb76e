"""Parallel and distributed extraction give the same records, in the same order, as one process."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import iter_documents
from diplograph.extract.parallel import ExecutorError, extract_all
from diplograph.extract.records import Document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    docs = [d for d in iter_documents([ROOT / "seeds", ROOT / "tests/data/articles"]) if isinstance(d, Document)]
    return docs * 2


def test_two_worker_processes_match_one(corpus) -> None:
    single = list(extract_all(corpus))
    assert list(extract_all(corpus, workers=2)) == single
    assert [e.document.name for e in single] == [d.name for d in corpus]


def test_dask_cluster_matches_one_process(corpus) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        address = "dask://" + cluster.scheduler_address.split("://", 1)[1]
        assert list(extract_all(corpus, executor=address)) == list(extract_all(corpus))


def test_bad_executor_is_a_clear_error(corpus) -> None:
    with pytest.raises(ExecutorError, match="unknown executor"):
        list(extract_all(corpus, executor="spark://x"))
    with pytest.raises(ExecutorError, match="cannot reach"):
        list(extract_all(corpus, executor="dask://127.0.0.1:9"))
