"""Stopping the servers a benchmark starts: politely first, so that an embedded store is flushed and
its lock released, then by force when it does not answer in time (a benchmark must never hang)."""
from __future__ import annotations

import subprocess


def stop_process(process: subprocess.Popen, timeout: float = 20) -> None:
    """Terminate `process`, wait up to `timeout` seconds, then kill it."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
