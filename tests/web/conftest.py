"""Browser tests of the web workspace: `diplograph serve` as a real subprocess over a store of the
seeds, driven by Playwright through Debian's Chromium (/usr/bin/chromium; nothing downloads a browser).

Screenshots: with DIPLOGRAPH_SCREENSHOTS=docs the tests save the main pages as docs/workspace-*.png
(the pictures in the README); otherwise into a temporary folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


def diplograph(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("diplograph")), *args]
    return subprocess.Popen(command, env={**os.environ, **(env or {})}, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, live_server) -> Iterator[str]:
    """The base URL of `diplograph serve` (with an API token) over a fresh on-disk store of the seeds."""
    store = f"oxigraph:{tmp_path_factory.mktemp('workspace') / 'store'}"
    ingest = diplograph("ingest", str(SEEDS), "--store", store, stdout=subprocess.DEVNULL)
    assert ingest.wait(timeout=300) == 0, "diplograph ingest of the seeds failed"
    with live_server(["--store", store, "--host", "127.0.0.1"], cwd=tmp_path_factory.mktemp("serve"),
                     env={"DIPLOGRAPH_API_TOKEN": TOKEN}) as base:
        yield base


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
