"""Fault injection for the crash-safety tests: kill this process at a named point of the write path.

`DIPLOGRAPH_KILL_AT=write:N` sends SIGKILL to the process right after its N-th completed store write
(`before-write:N`: right before it), the moment a power cut or `kill -9` could strike between two
write steps. Unset (always, outside tests), `fault_point` costs one dictionary lookup. The tests
kill an ingest at every write boundary in turn and check that re-running it gives the store a clean
run gives (tests/graph/test_graph_crash.py).
"""
from __future__ import annotations

import os
import signal

VARIABLE = "DIPLOGRAPH_KILL_AT"
_counts: dict[str, int] = {}


def fault_point(name: str) -> None:
    """Count one pass through `name`; die at once (SIGKILL, no clean-up) when DIPLOGRAPH_KILL_AT says so."""
    target = os.environ.get(VARIABLE)
    if not target:
        return
    point, _, number = target.partition(":")
    if point != name:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] == int(number or 1):
        os.kill(os.getpid(), signal.SIGKILL)
