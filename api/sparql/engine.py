"""Evaluate SPARQL queries in worker processes, so a time limit can stop any query for real.

The web process never evaluates a user's query itself: a runaway query in a thread could only be
abandoned, never stopped, and would keep a core busy. Each worker (see worker.py) holds a snapshot of
the store as N-Quads loaded into an in-memory Oxigraph store; the engine sends a query to an idle
worker and waits at most the time limit, then kills the worker and starts a fresh one. The number of
workers bounds how many queries run at once; a request that finds none idle within the time limit
is turned away as busy. Writes made through the API call `invalidate`, and each worker reloads the
snapshot before its next query.
"""
from __future__ import annotations

import queue
import subprocess
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

    process: subprocess.Popen[bytes] | None = None
    connection: Connection | None = None
    generation: int = -1

    def start(self) -> None:
        ours, theirs = Pipe(duplex=True)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "diplograph.api.sparql.worker", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        self.connection = ours
        self.generation = -1

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
            raise WorkerFailed(f"the query worker stopped: {error}") from error

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
    ) -> None:
        self._snapshot_source = snapshot
        self.prefixes = dict(prefixes)
        self.timeout = timeout
        self.max_rows = max_rows
        self.load_timeout = max(120.0, 10 * timeout)
        self._generation = 0
        self._snapshot: tuple[int, bytes] | None = None
        self._snapshot_lock = threading.Lock()
        self._workers = [WorkerProcess() for _ in range(workers)]
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        for worker in self._workers:
            self._idle.put(worker)
        self._closed = False

    def invalidate(self) -> None:
        """The store changed: workers reload a fresh snapshot before their next query."""
        with self._snapshot_lock:
            self._generation += 1
            self._snapshot = None

    def _current_snapshot(self) -> tuple[int, bytes]:
        with self._snapshot_lock:
            if self._snapshot is None or self._snapshot[0] != self._generation:
                self._snapshot = (self._generation, self._snapshot_source())
            return self._snapshot

    def run(self, job: QueryJob) -> Answer:
        """Answer `job` in an idle worker; QueryRefused for a bad query, EngineError when it cannot be answered."""
        if self._closed:
            raise WorkerFailed("the SPARQL engine is shut down")
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise EngineBusy(f"every query worker stayed busy for {self.timeout:g} s") from None
        try:
            self._load_if_stale(worker)
            reply = worker.call(
                {
                    "op": "query",
                    "text": job.text,
                    "format": job.format_key,
                    "default_graphs": list(job.default_graphs),
                    "named_graphs": list(job.named_graphs),
                    "base": job.base,
                    "union_default": job.union_default,
                    "prefixes": self.prefixes,
                    "max_rows": self.max_rows,
                },
                self.timeout,
            )
        except EngineError:
            worker.stop()  # a timed-out or broken worker is killed; the slot restarts on next use
            raise
        finally:
            self._idle.put(worker)
        if not reply.get("ok"):
            raise QueryRefused(reply.get("error", "query failed"), reply.get("message", ""))
        return Answer(body=reply["body"], form=reply["form"], truncated=reply["truncated"])

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
