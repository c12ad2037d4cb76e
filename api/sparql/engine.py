"""Evaluate SPARQL queries in worker processes, so a time limit can stop any query for real.

The web process never evaluates a user's query itself: a runaway query in a thread could only be
abandoned, never stopped, and would keep a core busy. Each worker (see worker.py) holds a snapshot of
the store (snapshots.py: a RocksDB checkpoint it opens read-only for an `oxigraph:` store, an N-Quads
dump it loads into memory for the others); the engine sends a query to an idle worker and waits at
most the time limit, then kills the worker and starts a fresh one. The number of workers bounds how
many queries run at once; a request that finds none idle within the time limit is turned away as
busy. Writes made through the API call `invalidate`: the next query gets a new snapshot generation,
each worker moves to it before its next query, and a snapshot no worker (or export, see `lease`)
holds any more is deleted.

Updates are rehearsed the same way (`rehearse_update`): a worker applies the update to a writable
copy (a checkpoint made for it, or its in-memory snapshot) under the same time limit, so a text that
crashes the parser or runs away costs a worker, never the server; only an update that finished there
is applied to the store. Each worker caps its own memory
(`memory_mb`, setrlimit); a worker that died past the cap is reported as WorkerOutOfMemory.
"""
from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any

from diplograph.api.sparql.snapshots import NQuadsSnapshots, Snapshot, SnapshotSource


class EngineError(Exception):
    """A query could not be answered for a reason that is not the query's text."""


class QueryTimeout(EngineError):
    """The query ran past the time limit; its worker was killed."""


class EngineBusy(EngineError):
    """Every worker stayed busy for as long as a query may run."""


class WorkerFailed(EngineError):
    """A worker died while answering (out of memory, killed from outside)."""


class WorkerOutOfMemory(WorkerFailed):
    """The worker hit its memory cap (DIPLOGRAPH_WORKER_MEMORY) and was replaced."""


class QueryRefused(Exception):
    """The worker could not evaluate the query: a syntax error or an evaluation error, with its message."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query as the protocol delivered it, with the answer format already negotiated."""

    text: str
    format_key: str
    default_graphs: Sequence[str] = ()
    named_graphs: Sequence[str] = ()
    base: str | None = None
    union_default: bool = True  # the default graph is the union of all graphs (unless FROM or the protocol says)


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    form: str  # SELECT, ASK or CONSTRUCT (DESCRIBE answers as CONSTRUCT)
    truncated: bool  # True when the row cap cut the answer short


def worker_environment() -> dict[str, str]:
    """The environment of a worker process: glibc's malloc keeps at most two arenas. RocksDB starts
    background threads when a worker opens a checkpoint, and each thread's arena reserves 64 MB of
    address space, which a worker's memory cap (RLIMIT_AS) counts: with one arena per thread a
    400 MB worker could not even open the store."""
    return {**os.environ, "MALLOC_ARENA_MAX": "2"}


@dataclass
class WorkerProcess:
    """One worker: its process, our end of its socket, and which snapshot generation it holds."""

    memory_mb: int = 0  # the worker's address-space cap; 0: none
    process: subprocess.Popen[bytes] | None = None
    connection: Connection | None = None
    generation: int = -1
    errors: Any = None  # the worker's stderr, kept to tell why it died

    def start(self) -> None:
        ours, theirs = Pipe(duplex=True)
        self.errors = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "diplograph.api.sparql.worker", str(theirs.fileno()), str(self.memory_mb)],
                pass_fds=[theirs.fileno()],
                env=worker_environment(),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self.errors,
            )
        finally:
            theirs.close()
        self.connection = ours
        self.generation = -1

    def last_words(self) -> str:
        """The end of what the worker wrote on stderr (an allocator's or a parser's dying message)."""
        if self.errors is None:
            return ""
        self.errors.seek(0, 2)
        size = self.errors.tell()
        self.errors.seek(max(0, size - 2000))
        return self.errors.read().decode("utf-8", "replace")

    def failure(self, error: Exception) -> WorkerFailed:
        """Why the worker stopped: its memory cap, or something else (a crash, a kill from outside)."""
        if self.process is not None:
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
        words = self.last_words()
        if self.memory_mb and ("memory allocation" in words or "MemoryError" in words or "out of memory" in words):
            return WorkerOutOfMemory(f"the worker passed its memory cap of {self.memory_mb} MB")
        code = self.process.returncode if self.process is not None else None
        return WorkerFailed(f"the query worker stopped ({'exit ' + str(code) if code is not None else error})")

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def call(self, message: dict[str, Any], timeout: float) -> dict[str, Any]:
        """Send one message and wait at most `timeout` seconds for the reply (QueryTimeout after)."""
        if not self.alive:
            self.stop()
            self.start()
        assert self.connection is not None
        try:
            self.connection.send(message)
            if not self.connection.poll(timeout):
                raise QueryTimeout(f"no answer within {timeout:g} s")
            return self.connection.recv()
        except (EOFError, OSError) as error:
            raise self.failure(error) from error

    def stop(self) -> None:
        """Kill the process (a query in flight dies with it) and forget it."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None
        if self.errors is not None:
            self.errors.close()
            self.errors = None
        self.generation = -1


class SparqlEngine:
    """A fixed set of worker processes answering queries over snapshots of one store."""

    def __init__(
        self,
        snapshot: Callable[[], bytes] | SnapshotSource,
        *,
        prefixes: dict[str, str],
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        memory_mb: int = 0,
    ) -> None:
        self._source: SnapshotSource = NQuadsSnapshots(snapshot) if callable(snapshot) else snapshot
        self.prefixes = dict(prefixes)
        self.timeout = timeout
        self.max_rows = max_rows
        self.load_timeout = max(120.0, 10 * timeout)
        self._generation = 0
        self._snapshot: tuple[int, Snapshot] | None = None
        self._kept: dict[int, Snapshot] = {}  # every snapshot not yet discarded, by generation
        self._leases: Counter[int] = Counter()  # snapshots held by exports
        self._snapshot_lock = threading.RLock()
        self.memory_mb = memory_mb
        self._workers = [WorkerProcess(memory_mb=memory_mb) for _ in range(workers)]
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        for worker in self._workers:
            self._idle.put(worker)
        self._closed = False

    def invalidate(self) -> None:
        """The store changed: workers move to a fresh snapshot before their next query."""
        with self._snapshot_lock:
            self._generation += 1
            self._snapshot = None
        self._discard_unused()

    def snapshot(self) -> bytes:
        """The store as N-Quads, as the workers hold it (memory stores only; see `lease` for all)."""
        data = self._current_snapshot()[1].data
        if data is None:
            raise EngineError("this store's snapshots are checkpoints on disk: take one with `lease`")
        return data

    @contextmanager
    def lease(self) -> Iterator[Snapshot]:
        """The current snapshot, kept on disk until the block ends (an export reads it in its own process)."""
        with self._snapshot_lock:  # taken and counted at once: a write meanwhile cannot delete it
            generation, snapshot = self._current_snapshot()
            self._leases[generation] += 1
        try:
            yield snapshot
        finally:
            with self._snapshot_lock:
                self._leases[generation] -= 1
            self._discard_unused()

    def _current_snapshot(self) -> tuple[int, Snapshot]:
        with self._snapshot_lock:
            if self._snapshot is None or self._snapshot[0] != self._generation:
                snapshot = self._source.take(self._generation)
                self._snapshot = (self._generation, snapshot)
                self._kept[self._generation] = snapshot
            return self._snapshot

    def _discard_unused(self) -> None:
        """Delete the snapshots of past generations that no worker and no lease holds any more."""
        with self._snapshot_lock:
            held = {w.generation for w in self._workers} | {g for g, n in self._leases.items() if n > 0}
            for generation in [g for g in self._kept if g != self._generation and g not in held]:
                self._source.discard(self._kept.pop(generation))

    def run(self, job: QueryJob) -> Answer:
        """Answer `job` in an idle worker; QueryRefused for a bad query, EngineError when it cannot be answered."""
        reply = self._call({
            "op": "query",
            "text": job.text,
            "format": job.format_key,
            "default_graphs": list(job.default_graphs),
            "named_graphs": list(job.named_graphs),
            "base": job.base,
            "union_default": job.union_default,
            "prefixes": self.prefixes,
            "max_rows": self.max_rows,
        })
        return Answer(body=reply["body"], form=reply["form"], truncated=reply["truncated"])

    def rehearse_update(self, text: str, *, base: str | None, frozen: Sequence[str] = (),
                        append_only: Sequence[str] = ()) -> None:
        """Apply an update to a writable copy of the store in a worker, under the time and memory limits:
        QueryRefused when it does not parse or would change a `frozen` graph or delete from an
        `append_only` one, an EngineError when it crashed or overran.

        The copy is a checkpoint made for this rehearsal (milliseconds: hard links) that the worker
        opens read-write, or, with N-Quads snapshots, the worker's own in-memory snapshot (which it
        reloads before its next query). Call it holding the store's writer lock, so that the copy is
        the store the update is then applied to."""
        with self._source.scratch() as scratch:
            self._call({"op": "update", "text": text, "base": base, "prefixes": self.prefixes, "scratch": scratch,
                        "frozen": list(frozen), "append_only": list(append_only)}, changes_snapshot=scratch is None)

    def _call(self, message: dict[str, Any], *, changes_snapshot: bool = False) -> dict[str, Any]:
        if self._closed:
            raise WorkerFailed("the SPARQL engine is shut down")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise EngineBusy(f"every query worker stayed busy for {self.timeout:g} s") from None
        try:
            self._load_if_stale(worker)
            reply = worker.call(message, self.timeout)
        except EngineError:
            worker.stop()  # a timed-out or broken worker is killed; the slot restarts on next use
            raise
        finally:
            if changes_snapshot:
                worker.generation = -1
            self._idle.put(worker)
            self._discard_unused()
        if not reply.get("ok"):
            raise QueryRefused(reply.get("error", "query failed"), reply.get("message", ""))
        return reply

    def _load_if_stale(self, worker: WorkerProcess) -> None:
        generation, snapshot = self._current_snapshot()
        if worker.alive and worker.generation == generation:
            return
        if not worker.alive:
            worker.stop()
            worker.start()
        worker.generation = generation  # held from now on: a write meanwhile must not delete it
        reply = worker.call(snapshot.load_message(), self.load_timeout)
        if not reply.get("ok"):
            worker.generation = -1
            raise WorkerFailed(f"the query worker could not load the graph: {reply.get('message')}")

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (for tests and monitoring)."""
        return [w.process.pid for w in self._workers if w.process is not None and w.alive]

    def close(self) -> None:
        """Stop every worker process and delete the snapshots on disk."""
        self._closed = True
        for worker in self._workers:
            worker.stop()
        with self._snapshot_lock:
            self._kept.clear()
            self._snapshot = None
        self._source.close()
