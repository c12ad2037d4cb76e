"""Browser tests of the web workspace: `diplograph serve` as a real subprocess over a store of the
seeds, driven by Playwright through Debian's Chromium (/usr/bin/chromium; nothing downloads a browser).

Screenshots: with DIPLOGRAPH_SCREENSHOTS=docs the tests save the main pages as docs/workspace-*.png
(the pictures in the README); otherwise into a temporary folder.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
AXE = ROOT / "tests" / "data" / "vendor" / "axe-core" / "axe.min.js"
TOKEN = "workspace-test-token"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)


def free_port() -> int:
    """A free local port: the first of DIPLOGRAPH_TEST_PORTS (e.g. 8180-8189) that is free, else any."""
    first, _, last = os.environ.get("DIPLOGRAPH_TEST_PORTS", "").partition("-")
    candidates = list(range(int(first), int(last or first) + 1)) if first.isdigit() else []
    for port in [*candidates, 0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def diplograph(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("diplograph")), *args]
    return subprocess.Popen(command, env={**os.environ, **(env or {})}, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of `diplograph serve` (with an API token) over a fresh on-disk store of the seeds."""
    store = f"oxigraph:{tmp_path_factory.mktemp('workspace') / 'store'}"
    ingest = diplograph("ingest", str(SEEDS), "--store", store, stdout=subprocess.DEVNULL)
    assert ingest.wait(timeout=300) == 0, "diplograph ingest of the seeds failed"
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        process = diplograph("serve", "--store", store, "--host", "127.0.0.1", "--port", str(port),
                             env={"DIPLOGRAPH_API_TOKEN": TOKEN}, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, f"diplograph serve stopped: {log.read_text()}"
            assert time.monotonic() < deadline, f"diplograph serve did not start: {log.read_text()}"
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def api_token() -> str:
    """The token the test server was started with (it allows adding articles)."""
    return TOKEN


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class WatchedPage:
    """A page that records console errors, uncaught exceptions and requests that leave the machine."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console: {m.text} {m.location}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.outside.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "blob:", "data:")) else None)

    def axe_violations(self) -> list[str]:
        """Serious and critical axe-core violations of the page as it is now."""
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture()
def watched(browser: object) -> Iterator[WatchedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield WatchedPage(page)
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("DIPLOGRAPH_SCREENSHOTS")
    folder = ROOT / target if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
