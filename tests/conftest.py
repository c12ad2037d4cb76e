"""Fixtures every test folder may use: `diplograph serve` run as a real process."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

PORTS = range(8130, 8140)  # the ports the test suite may take on a shared machine


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


@contextmanager
def serving(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`diplograph serve ARGS` in a process of its own, on a free port (DIPLOGRAPH_PORT), until the block
    ends; yields its base URL once /health answers."""
    port = free_port()
    environment = {**os.environ, "DIPLOGRAPH_SPARQL_WORKERS": "1", **(env or {}), "DIPLOGRAPH_PORT": str(port)}
    executable = Path(sys.executable).parent / "diplograph"
    server = subprocess.Popen([str(executable), "serve", *args], cwd=cwd, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"diplograph serve did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
    try:
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def live_server() -> Callable[..., AbstractContextManager[str]]:
    """`with live_server(["--store", uri], cwd=folder) as base_url:` serves the API from a real process."""
    return serving
