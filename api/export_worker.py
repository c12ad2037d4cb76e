"""GET /export in a process of its own, under the SPARQL limits: time, memory and a worker slot.

A network export walks the whole graph and computes centralities; on a large store that is seconds
and hundreds of megabytes, which an unauthenticated client must not be able to take from the server
at will. So the server hands the workers' snapshot to `python -m diplograph.api.export_worker
FORMAT VIEW MEMORY_MB [CHECKPOINT]` (N-Quads on stdin, or the directory of the store's checkpoint, which
it opens read-only: see api/sparql/snapshots.py) and reads the export from stdout; the process caps its own memory
(setrlimit, like a SPARQL worker) and is killed when it overruns the query time limit, counted from
when it is ready (its imports done: a SPARQL worker is started ahead, this one on demand).
"""
from __future__ import annotations

import io
import select
import subprocess
import sys

from diplograph.api.sparql.engine import QueryTimeout, WorkerFailed, WorkerOutOfMemory, worker_environment
from diplograph.api.sparql.snapshots import Snapshot


START_TIMEOUT = 120.0  # seconds for the process to import what it needs, before the time limit starts
READY = b"R"


def run_export(snapshot: Snapshot, fmt: str, view: str, *, timeout: float, memory_mb: int) -> bytes:
    """The export of `snapshot`; QueryTimeout, WorkerOutOfMemory or WorkerFailed when it cannot finish."""
    at = [snapshot.path] if snapshot.path is not None else []
    process = subprocess.Popen([sys.executable, "-m", "diplograph.api.export_worker", fmt, view, str(memory_mb), *at],
                               env=worker_environment(),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
    if not ready or process.stdout.read(1) != READY:
        process.kill()
        _, err = process.communicate()
        raise WorkerFailed(f"the export process did not start: {err.decode('utf-8', 'replace').strip()[-300:]}")
    try:
        out, err = process.communicate(snapshot.data or b"", timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise QueryTimeout(f"no export within {timeout:g} s") from None
    if process.returncode == 0:
        return out
    words = err.decode("utf-8", "replace")
    if "MemoryError" in words or "memory allocation" in words:
        raise WorkerOutOfMemory(f"the export passed its memory cap of {memory_mb} MB")
    last = words.strip().splitlines()[-1:] or [f"exit {process.returncode}"]
    raise WorkerFailed(f"the export stopped: {last[0][:300]}")


def render(snapshot: bytes | str, fmt: str, view: str) -> bytes:
    """Export the snapshot: a checkpoint directory opened read-only, or N-Quads loaded into memory."""
    from diplograph.graph.oxigraph import OxigraphBackend
    from diplograph.graph.store import GraphStore

    backend = OxigraphBackend.checkpoint(snapshot) if isinstance(snapshot, str) else OxigraphBackend.in_memory(snapshot)
    store = GraphStore(backend, uri="oxigraph:(snapshot)")
    buffer = io.BytesIO()
    store.export(fmt, buffer, view=view)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    from diplograph.api.sparql.worker import cap_memory
    from diplograph.graph import export, oxigraph, store  # noqa: F401 - imported before READY is said

    fmt, view, memory_mb = argv[0], argv[1], int(argv[2])
    cap_memory(memory_mb)
    sys.stdout.buffer.write(READY)
    sys.stdout.buffer.flush()
    data = render(argv[3] if len(argv) > 3 else sys.stdin.buffer.read(), fmt, view)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
