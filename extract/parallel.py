"""Extraction over several processes, or over a Dask cluster, in input order.

Each worker process loads the spaCy model once and runs the whole extraction (parse, quotes,
attribution, events) for the documents it is given, so both halves of the work spread across cores;
only Documents go out and Extraction records come back. Results are yielded in input order, so the
same corpus gives the same graph however it is split.
"""
from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from spacy.tokens import Doc

from .nlp import model_name
from .pipeline import ExtractionTimeout, Extractor, time_bound
from .records import Document, Extraction

_WORKER_EXTRACTORS: dict[str, Extractor] = {}
PARSE_BATCH = 8  # articles per nlp.pipe call (here and per worker task): spaCy's gain levels off past 8


def _worker_extractor(model: str) -> Extractor:
    """One Extractor per worker process and model, built on first use."""
    if model not in _WORKER_EXTRACTORS:
        _WORKER_EXTRACTORS[model] = Extractor(model)
    return _WORKER_EXTRACTORS[model]


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """A document whose extraction raised: reported against its name while the batch goes on."""

    document: Document
    message: str
    timed_out: bool = False  # past its time limit (the other failures are errors in the pipeline)


def _guarded(document: Document, work: Callable[[], Extraction]) -> Extraction | ExtractionFailure:
    """`work()`, or the failure it raised reported against the document's name."""
    try:
        return work()
    except ExtractionTimeout as timeout:
        return ExtractionFailure(document, str(timeout), timed_out=True)
    except Exception as error:  # noqa: BLE001 - one article must never stop a batch of thousands
        return ExtractionFailure(document, f"{type(error).__name__}: {error}")


def _extract_or_fail(extractor: Extractor, document: Document,
                     time_limit: float | None = None) -> Extraction | ExtractionFailure:
    return _guarded(document, lambda: extractor.extract(document, time_limit=time_limit))


def _extract_parsed_or_fail(extractor: Extractor, document: Document, doc: Doc, time_limit: float | None,
                            spent: float) -> Extraction | ExtractionFailure:
    """The rules on an article of a parsed batch, within what its time limit leaves once the whole
    batch's parse (`spent` seconds) is charged to it; one that runs out is extracted again alone with its
    whole limit, so an article is skipped exactly when it would be alone."""
    if not time_limit:
        return _guarded(document, lambda: extractor.extract_parsed(document, doc))
    outcome = _guarded(document, lambda: extractor.extract_parsed(document, doc, time_limit=time_limit - spent))
    if isinstance(outcome, ExtractionFailure) and outcome.timed_out:
        return _extract_or_fail(extractor, document, time_limit)
    return outcome


def _extract_parsed_batch(extractor: Extractor, documents: list[Document],
                          time_limit: float | None = None) -> list[Extraction | ExtractionFailure]:
    """Parse the batch in one `nlp.pipe` call, then extract each article.

    spaCy's batched parse costs about a fifth less CPU than one call per article and gives the same
    annotations. The batch's parse gets one article's time limit: a batch that runs past it (or fails)
    is done again article by article, so only a pathological article is reported, after at most twice
    its limit."""
    started = time.monotonic()
    try:
        with time_bound(time_limit):
            docs = list(extractor.nlp.pipe([d.clean for d in documents], batch_size=len(documents)))
    except Exception:  # noqa: BLE001 - ExtractionTimeout included: retried one by one below
        docs = []
    spent = time.monotonic() - started
    if not docs or (time_limit and spent >= time_limit):  # (a thread is not interrupted: checked here)
        return [_extract_or_fail(extractor, document, time_limit) for document in documents]
    return [_extract_parsed_or_fail(extractor, document, doc, time_limit, spent)
            for document, doc in zip(documents, docs)]


def extract_batch(model: str, documents: list[Document],
                  time_limit: float | None = None) -> list[Extraction | ExtractionFailure]:
    """Extract a batch in the calling process (a pool worker or a Dask worker)."""
    return _extract_parsed_batch(_worker_extractor(model), documents, time_limit)


def batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def extract_in_processes(documents: Iterable[Document], *, model: str, workers: int, batch_size: int = PARSE_BATCH,
                         time_limit: float | None = None) -> Iterator[Extraction | ExtractionFailure]:
    """Extract with `workers` processes; fork where the platform has it, so the model is shared at start."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = (pool.submit(extract_batch, model, batch, time_limit) for batch in batches(documents, batch_size))
        window = list(islice(pending, workers * 2))  # a bounded window keeps memory flat on huge corpora
        while window:
            done = window.pop(0).result()
            window.extend(islice(pending, 1))
            yield from done


class ExecutorError(RuntimeError):
    """The requested executor cannot be used (bad address, Dask not installed, cluster unreachable)."""


def extract_on_dask(documents: Iterable[Document], *, model: str, address: str, batch_size: int = 8,
                    time_limit: float | None = None) -> Iterator[Extraction | ExtractionFailure]:
    """Spread extraction over the Dask cluster at `address` ("dask://HOST:PORT" or "tcp://HOST:PORT")."""
    try:
        from distributed import Client
    except ImportError as error:
        raise ExecutorError("the Dask executor needs the 'scale' extra: pip install 'diplograph[scale]'") from error
    target = "tcp://" + address.split("://", 1)[1] if address.startswith("dask://") else address
    try:
        client = Client(target, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ExecutorError(f"cannot reach the Dask scheduler at {target}: {error}") from error
    try:
        window: list = []
        for batch in batches(documents, batch_size):
            window.append(client.submit(extract_batch, model, batch, time_limit, pure=False))
            if len(window) >= 2 * max(1, len(client.scheduler_info().get("workers", {}))):
                yield from window.pop(0).result()
        for future in window:
            yield from future.result()
    finally:
        client.close()


def extract_all(documents: Iterable[Document], *, model: str | None = None, workers: int = 1,
                executor: str | None = None, time_limit: float | None = None) -> Iterator[Extraction | ExtractionFailure]:
    """The one entry point: in this process, in `workers` processes, or on a Dask cluster; an article
    running past `time_limit` seconds comes back as an ExtractionFailure."""
    name = model_name(model)
    if executor:
        if not executor.startswith(("dask://", "tcp://")):
            raise ExecutorError(f"unknown executor {executor!r}: use dask://HOST:PORT")
        yield from extract_on_dask(documents, model=name, address=executor, time_limit=time_limit)
    elif workers > 1:
        yield from extract_in_processes(documents, model=name, workers=workers, time_limit=time_limit)
    else:
        extractor = _worker_extractor(name)
        for batch in batches(documents, PARSE_BATCH):
            yield from _extract_parsed_batch(extractor, batch, time_limit)
