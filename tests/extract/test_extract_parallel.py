"""Parallel and distributed extraction give the same records, in the same order, as one process."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import document_from_text, iter_documents
from diplograph.extract.parallel import PARSE_BATCH, ExecutorError, ExtractionFailure, extract_all
from diplograph.extract.pipeline import Extractor
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


def test_batched_parsing_gives_the_records_of_one_article_at_a_time(corpus) -> None:
    """extract_all parses PARSE_BATCH articles per nlp.pipe call; every article's records are those it
    gets alone, and none depends on the articles extracted before it (no per-document cache goes stale)."""
    assert len(corpus) > PARSE_BATCH
    extractor = Extractor()
    alone = [extractor.extract(d) for d in corpus]
    assert list(extract_all(corpus)) == alone
    assert list(extract_all(corpus[::-1])) == alone[::-1]


def test_an_article_that_fails_fails_alone_in_its_batch(corpus, monkeypatch) -> None:
    """A batch whose parse fails is redone article by article: only the failing article is reported."""
    first, last = corpus[0], corpus[1]
    longer = document_from_text(first.text + "\n\n" + last.text, name="longer.txt")
    # spaCy refuses a text past the model's max_length: lowered here so one real article passes it
    monkeypatch.setattr(Extractor().nlp, "max_length", max(len(first.clean), len(last.clean)) + 1)
    outcomes = list(extract_all([first, longer, last]))
    assert [o.document.name for o in outcomes] == [first.name, "longer.txt", last.name]
    assert isinstance(outcomes[1], ExtractionFailure) and "max_length" in outcomes[1].message
    assert not any(isinstance(o, ExtractionFailure) for o in (outcomes[0], outcomes[2]))
    assert outcomes == [extract_all_one(first), outcomes[1], extract_all_one(last)]


def extract_all_one(document: Document):
    return next(extract_all([document]))


def test_articles_past_the_time_limit_are_each_reported_in_order(corpus) -> None:
    outcomes = list(extract_all(corpus[:3], time_limit=0.001))
    assert [o.document.name for o in outcomes] == [d.name for d in corpus[:3]]
    assert all(isinstance(o, ExtractionFailure) and "longer than 0.001 s" in o.message for o in outcomes)


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
