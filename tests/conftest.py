"""Fixtures every test folder may use: `diplograph serve` (and other servers) run as real processes."""
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
def process_serving(command: list[str], *, probe: str, what: str, timeout: float, cwd: Path | None = None,
                    env: dict[str, str] | None = None) -> Iterator[str]:
    """A server process on a free port ("{port}" in `command` and `env` values is replaced by it) until the
    block ends; yields its base URL once `probe` (a path) answers, else fails saying what the server said."""
    port = free_port()
    environment = None if env is None else {k: v.replace("{port}", str(port)) for k, v in env.items()}
    server = subprocess.Popen([part.replace("{port}", str(port)) for part in command], cwd=cwd, env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}{probe}", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"{what} did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    try:
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def serving(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`diplograph serve ARGS` in a process of its own, on a free port (DIPLOGRAPH_PORT), until the block
    ends; yields its base URL once /health answers."""
    environment = {**os.environ, "DIPLOGRAPH_SPARQL_WORKERS": "1", **(env or {}), "DIPLOGRAPH_PORT": "{port}"}
    executable = Path(sys.executable).parent / "diplograph"
    with process_serving([str(executable), "serve", *args], probe="/health", what="diplograph serve", timeout=120,
                         cwd=cwd, env=environment) as base:
        yield base


@pytest.fixture(scope="session")
def served_process() -> Callable[..., AbstractContextManager[str]]:
    """`with served_process(command, probe="/path", what="name", timeout=30) as base_url:` any server
    process on a free port (`process_serving`)."""
    return process_serving


@pytest.fixture(scope="session")
def live_server() -> Callable[..., AbstractContextManager[str]]:
    """`with live_server(["--store", uri], cwd=folder) as base_url:` serves the API from a real process."""
    return serving
