"""A SPARQL worker process: it holds a snapshot of the graph (a checkpoint of an Oxigraph store opened
read-only, or N-Quads loaded into an in-memory store; see snapshots.py) and answers queries one at a time. The web server kills a worker whose query overruns the time limit, which is
what makes the limit real: nothing inside a query evaluation has to cooperate.

Updates are rehearsed here too, on a writable copy (a checkpoint made for the rehearsal, or the
in-memory snapshot), before the server applies them to the store: a parser crash or an overrun then costs this worker, not the server, and the rehearsal tells whether
the update would touch the graphs diplograph maintains itself (ontology, actors).

Run as `python -m diplograph.api.sparql.worker FD [MEMORY_MB]`, FD being its end of a socket pair;
the messages are pickled dicts (see engine.py, the only sender). With MEMORY_MB the process caps its
own address space (setrlimit RLIMIT_AS), so one query cannot take the machine's memory: an
allocation past the cap fails and the worker dies (or answers "memory limit"), and the server
starts a fresh one. Imports only pyoxigraph, so it starts fast.
"""
from __future__ import annotations

import gc
import resource
import sys
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from diplograph.api.sparql.answers import SELECT_WRITERS, ask_answer, graph_answer


class Worker:
    """The snapshot and the query evaluation of one worker process."""

    def __init__(self) -> None:
        self.store = ox.Store()

    def load(self, message: dict[str, Any]) -> dict[str, Any]:
        """Replace the snapshot with the N-Quads in the message."""
        self._drop()
        store = ox.Store()
        store.bulk_load(message["data"], format=ox.RdfFormat.N_QUADS)
        self.store = store
        return {"ok": True}

    def open(self, message: dict[str, Any]) -> dict[str, Any]:
        """Replace the snapshot with the checkpoint directory in the message, opened read-only: the data
        stays on disk, read through the page cache."""
        self._drop()
        self.store = ox.Store.read_only(message["path"])
        return {"ok": True}

    def _drop(self) -> None:
        """Close the current snapshot first (a checkpoint's files are released, so it can be deleted)."""
        self.store = ox.Store()
        gc.collect()

    def query(self, message: dict[str, Any]) -> dict[str, Any]:
        """Evaluate one query over the protocol's dataset (or the union of all graphs) and write the answer."""
        options: dict[str, Any] = {"prefixes": message["prefixes"], "base_iri": message.get("base")}
        default_graphs = message.get("default_graphs") or []
        named_graphs = message.get("named_graphs") or []
        if default_graphs or named_graphs:  # the protocol's dataset replaces the query's and the union
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs] or ox.DefaultGraph()
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        elif message.get("union_default", True):
            options["use_default_graph_as_union"] = True  # else the query's own FROM clauses apply
        try:
            result = self.store.query(message["text"], **options)
        except SyntaxError as error:
            return {"ok": False, "error": "malformed query", "message": one_line_syntax_error(error)}
        limit = message["max_rows"]
        key = message["format"]
        if isinstance(result, ox.QueryBoolean):
            return {"ok": True, "form": "ASK", "body": ask_answer(bool(result), key), "truncated": False}
        if isinstance(result, ox.QuerySolutions):
            variables = [variable.value for variable in result.variables]
            rows = [list(solution) for solution in islice(result, limit + 1)]
            truncated = len(rows) > limit
            writer = SELECT_WRITERS.get(key, SELECT_WRITERS["json"])
            return {"ok": True, "form": "SELECT", "body": writer(variables, rows[:limit]), "truncated": truncated}
        triples = list(islice(result, limit + 1))
        truncated = len(triples) > limit
        body = graph_answer(triples[:limit], key, message["prefixes"])
        return {"ok": True, "form": "CONSTRUCT", "body": body, "truncated": truncated}

    def update(self, message: dict[str, Any]) -> dict[str, Any]:
        """Apply an update to the writable checkpoint named in the message, or else to the in-memory
        snapshot; refused when it would change a protected graph.

        Protected graphs may not change at all (`frozen`) or may only grow (`append_only`)."""
        scratch = message.get("scratch")
        store = ox.Store(scratch) if scratch else self.store  # a writable checkpoint, or the in-memory snapshot
        try:
            return self._rehearse(store, message)
        finally:
            del store
            gc.collect()  # the checkpoint's lock and files are released before the server deletes it

    def _rehearse(self, store: ox.Store, message: dict[str, Any]) -> dict[str, Any]:
        frozen = [ox.NamedNode(iri) for iri in message.get("frozen", [])]
        append_only = [ox.NamedNode(iri) for iri in message.get("append_only", [])]
        before = {g.value: set(store.quads_for_pattern(None, None, None, g)) for g in frozen + append_only}
        try:
            store.update(message["text"], base_iri=message.get("base"), prefixes=message["prefixes"])
        except SyntaxError as error:
            return {"ok": False, "error": "malformed update", "message": one_line_syntax_error(error)}
        for graph in frozen + append_only:
            after = set(store.quads_for_pattern(None, None, None, graph))
            old = before[graph.value]
            if (graph in frozen and after != old) or not old <= after:
                verb = "change" if graph in frozen else "delete from"
                return {"ok": False, "error": "protected graph",
                        "message": f"The update would {verb} the graph <{graph.value}>, which diplograph maintains "
                                   "itself; leave it out of the update (DROP ALL, CLEAR ALL and DELETE patterns "
                                   "over every graph touch it too: name the graphs to change)."}
        return {"ok": True}

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        try:
            if message["op"] == "load":
                return self.load(message)
            if message["op"] == "open":
                return self.open(message)
            if message["op"] == "query":
                return self.query(message)
            if message["op"] == "update":
                return self.update(message)
            if message["op"] == "ping":
                return {"ok": True}
            return {"ok": False, "error": "bad message", "message": f"unknown operation {message['op']!r}"}
        except MemoryError:
            return {"ok": False, "error": "memory limit", "message": "the query needed more memory than a worker may use"}
        except Exception as error:  # an evaluation error is the query's fault: report it, keep serving
            return {"ok": False, "error": "query failed", "message": f"{type(error).__name__}: {error}"}


def one_line_syntax_error(error: SyntaxError) -> str:
    """Oxigraph's parser message as the one line an answer carries (its grammar's character classes left out)."""
    from diplograph.graph.store import syntax_message

    return f"SPARQL syntax error: {syntax_message(str(error))}"


def serve(connection: Connection) -> None:
    """Answer messages until the server closes its end."""
    worker = Worker()
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(worker.handle(message))


def cap_memory(megabytes: int) -> None:
    """Limit this process's address space to `megabytes` (0: no limit)."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


if __name__ == "__main__":
    cap_memory(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    serve(Connection(int(sys.argv[1])))
