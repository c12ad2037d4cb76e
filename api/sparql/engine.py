"""Evaluate SPARQL queries in worker processes, so a time limit can stop any query for real.

The web process never evaluates a user's query itself: a runaway query in a thread could only be
abandoned, never stopped, and would keep a core busy. Each worker (see worker.py) holds a snapshot of
the store as N-Quads loaded into an in-memory Oxigraph store; the engine sends a query to an idle
worker and waits at most the time limit, then kills the worker and starts a fresh one. The number of
workers bounds how many queries run at once; a request that finds none idle within the time limit
is turned away as busy. Writes made through the API call `invalidate`, and each worker reloads the
snapshot before its next query.

Updates are rehearsed the same way (`rehearse_update`): a worker applies the update to its snapshot
under the same time limit, so a text that crashes the parser or runs away costs a worker, never the
server; only an update that finished there is applied to the store. Each worker caps its own memory
(`memory_mb`, setrlimit); a worker that died past the cap is reported as WorkerOutOfMemory.
"""
from __future__ import annotations

import queue
import subprocess
import tempfile
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import Any


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
        snapshot: Callable[[], bytes],
        *,
        prefixes: dict[str, str],
        workers: int = 2,
        timeout: float = 10.0,
        max_rows: int = 10_000,
        memory_mb: int = 0,
    ) -> None:
        self._snapshot_source = snapshot
        self.prefixes = dict(prefixes)
        self.timeout = timeout
        self.max_rows = max_rows
        self.load_timeout = max(120.0, 10 * timeout)
        self._generation = 0
        self._snapshot: tuple[int, bytes] | None = None
        self._snapshot_lock = threading.Lock()
        self.memory_mb = memory_mb
        self._workers = [WorkerProcess(memory_mb=memory_mb) for _ in range(workers)]
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        for worker in self._workers:
            self._idle.put(worker)
        self._closed = False

    def invalidate(self) -> None:
        """The store changed: workers reload a fresh snapshot before their next query."""
        with self._snapshot_lock:
            self._generation += 1
            self._snapshot = None

    def snapshot(self) -> bytes:
        """The store as N-Quads, as the workers hold it (shared by exports run in their own process)."""
        return self._current_snapshot()[1]

    def _current_snapshot(self) -> tuple[int, bytes]:
        with self._snapshot_lock:
            if self._snapshot is None or self._snapshot[0] != self._generation:
                self._snapshot = (self._generation, self._snapshot_source())
            return self._snapshot

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
        """Apply an update to a worker's snapshot under the time and memory limits: QueryRefused when it
        does not parse or would change a `frozen` graph or delete from an `append_only` one, an
        EngineError when it crashed or overran. The worker's snapshot is stale afterwards."""
        self._call({"op": "update", "text": text, "base": base, "prefixes": self.prefixes,
                    "frozen": list(frozen), "append_only": list(append_only)}, changes_snapshot=True)

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
        if not reply.get("ok"):
            raise QueryRefused(reply.get("error", "query failed"), reply.get("message", ""))
        return reply

    def _load_if_stale(self, worker: WorkerProcess) -> None:
        generation, data = self._current_snapshot()
        if worker.alive and worker.generation == generation:
            return
        reply = worker.call({"op": "load", "data": data}, self.load_timeout)
        if not reply.get("ok"):
            raise WorkerFailed(f"the query worker could not load the graph: {reply.get('message')}")
        worker.generation = generation

    def worker_pids(self) -> list[int]:
        """Process ids of the running workers (for tests and monitoring)."""
        return [w.process.pid for w in self._workers if w.process is not None and w.alive]

    def close(self) -> None:
        """Stop every worker process."""
        self._closed = True
        for worker in self._workers:
            worker.stop()
