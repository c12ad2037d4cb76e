"""URLs on the command line are fetched within limits; the HTTP API never fetches a URL it is given.

A real HTTP server on 127.0.0.1 serves the test pages and feeds, redirects, a slow page, a large
page and errors, and records every request it gets, so the tests can tell what was fetched.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from diplograph.extract.document import DocumentError, iter_documents
from diplograph.extract.fetch import USER_AGENT, fetch
from diplograph.extract.records import Document
from diplograph.graph.store import open_store

WEB = Path(__file__).resolve().parents[1] / "data" / "web"
PORT = 8170  # the range this project's tests may bind: 8170-8179
TOKEN = "fetch-token"


class Site(BaseHTTPRequestHandler):
    """Routes of the test site; every request is appended to the server's `seen` list."""

    routes = {
        "/news": ("text/html; charset=utf-8", "news_site.html"),
        "/blog": ("text/html", "blog.html"),
        "/feed": ("application/rss+xml", "world_news.rss"),
        "/atom-as-text": ("text/plain", "wire.atom"),
        "/sitemap": ("text/html", "no_article.html"),
    }

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.seen.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        path = self.path
        if path in self.routes:
            kind, name = self.routes[path]
            return self.send(200, kind, (WEB / name).read_bytes())
        if path == "/moved":
            return self.redirect("/news")
        if path.startswith("/hop/"):  # /hop/N redirects N times before landing on the news page
            left = int(path.rsplit("/", 1)[1])
            return self.redirect(f"/hop/{left - 1}" if left > 1 else "/news")
        if path == "/to-a-file":
            return self.redirect("file:///etc/passwd")
        if path == "/slow":
            time.sleep(3)
            return self.send(200, "text/html", (WEB / "news_site.html").read_bytes())
        if path == "/drip":  # answers at once, then a byte every 0.2 s: each read is quick, the whole is not
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(20):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except BrokenPipeError:
                pass
            return None
        if path == "/cyrillic":  # the charset only in the header (one that detection alone gets wrong)
            page = "<html><body><article><p>The minister said that the talks would go on next week in Geneva, as " \
                   "planned, and that both delegations had agreed on the agenda.</p><p>Asked about the delay, he " \
                   "answered with a proverb, «Тише едешь — дальше будешь», and smiled at the reporters.</p>" \
                   "</article></body></html>"
            return self.send(200, "text/html; charset=mac-cyrillic", page.encode("mac-cyrillic"))
        if path == "/huge":
            return self.send(200, "text/html", b"<html><body>" + b"<p>word</p>" * 50_000 + b"</body></html>")
        if path == "/logo.png":
            return self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        return self.send(404, "text/plain", b"not here")

    def send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:  # the client gave up (the timeout tests): nothing to answer
            pass

    def redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def site() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Site)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture()
def seen(site: ThreadingHTTPServer) -> list[tuple[str, str]]:
    site.seen.clear()  # type: ignore[attr-defined]
    return site.seen  # type: ignore[attr-defined]


BASE = f"http://127.0.0.1:{PORT}"


def read(*urls: str) -> list[Document | DocumentError]:
    return list(iter_documents(urls, fetch=True))


def test_a_page_url_is_fetched_with_our_user_agent_and_read_like_a_saved_page(seen) -> None:
    (document,) = read(f"{BASE}/news")
    assert isinstance(document, Document)
    assert document.name == f"{BASE}/news"
    assert (document.title, document.publisher, document.published) == (
        "Envoys agree to resume talks on grain corridor", "The Harbour Ledger", "2026-03-14")
    assert document.url == "https://harbourledger.example/world/2026/03/14/grain-corridor-talks"  # canonical
    assert "Gregor55" not in document.text
    assert seen == [("/news", USER_AGENT)]


def test_the_charset_of_the_http_header_decodes_the_page(seen) -> None:
    (document,) = read(f"{BASE}/cyrillic")
    assert isinstance(document, Document), document
    assert "«Тише едешь — дальше будешь»" in document.text and document.text.startswith("The minister said")


def test_a_feed_url_gives_its_entries(seen) -> None:
    items = read(f"{BASE}/feed")
    assert [d.title for d in items if isinstance(d, Document)] == [
        "Ministers agree on a schedule for corridor inspections", "Estmark recalls its ambassador for consultations"]


def test_a_feed_served_with_a_vague_type_is_still_read_as_a_feed(seen) -> None:
    items = read(f"{BASE}/atom-as-text")
    assert [d.publisher for d in items if isinstance(d, Document)] == ["Meridian Wire", "Meridian Wire"]


def test_redirects_are_followed_within_the_limit(seen) -> None:
    (moved,) = read(f"{BASE}/moved")
    assert isinstance(moved, Document) and moved.title.startswith("Envoys agree")
    assert fetch(f"{BASE}/hop/5").url == f"{BASE}/news"
    with pytest.raises(DocumentError, match="redirect"):
        fetch(f"{BASE}/hop/6")


def test_a_redirect_to_a_local_file_is_refused(seen) -> None:
    (error,) = read(f"{BASE}/to-a-file")
    assert isinstance(error, DocumentError) and "file:///etc/passwd" in error.message
    assert "redirect" in error.message.lower() and "not allowed" in error.message


def test_a_url_that_times_out_is_one_error(seen) -> None:
    started = time.monotonic()
    with pytest.raises(DocumentError, match="timed out"):
        fetch(f"{BASE}/slow", timeout=0.5)
    with pytest.raises(DocumentError, match="timed out"):
        fetch(f"{BASE}/drip", timeout=1)  # the time limit holds for the whole download
    assert time.monotonic() - started < 3


def test_a_page_over_the_size_cap_is_refused(seen) -> None:
    with pytest.raises(DocumentError, match="the limit is 100,000"):
        fetch(f"{BASE}/huge", max_bytes=100_000)


@pytest.mark.parametrize(("path", "reason"), [
    ("/nowhere", "HTTP 404"), ("/logo.png", "image/png"), ("/sitemap", "no article text"),
])
def test_failures_are_told_per_url(seen, path: str, reason: str) -> None:
    (error,) = read(f"{BASE}{path}")
    assert isinstance(error, DocumentError) and error.source == f"{BASE}{path}" and reason in error.message


def test_a_closed_port_and_other_schemes_are_one_error_each() -> None:
    closed = f"http://127.0.0.1:{PORT + 9}/news"
    errors = read(closed, "ftp://example.org/a.html")
    assert [e.source for e in errors] == [closed, "ftp://example.org/a.html"]
    assert all(isinstance(e, DocumentError) for e in errors)


def test_urls_are_not_fetched_unless_asked(seen) -> None:
    (error,) = iter_documents([f"{BASE}/news"])
    assert isinstance(error, DocumentError) and "only the command line" in error.message
    assert seen == []


# ------------------------------------------------------------------------ the command line fetches


def test_ingest_fetches_urls_stores_their_metadata_and_reports_each_failure(cli, tmp_path: Path, seen,
                                                                             monkeypatch) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    result = cli("ingest", f"{BASE}/news", f"{BASE}/blog", f"{BASE}/slow", f"{BASE}/nowhere", "--store", uri,
                 env={"DIPLOGRAPH_FETCH_TIMEOUT": "0.5"})
    assert result.exit_code == 1, result.output  # two URLs failed
    assert "Documents: 2 new, 0 unchanged, 2 failed." in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert f"{BASE}/slow" in errors[0] and "timed out" in errors[0]
    assert f"{BASE}/nowhere" in errors[1] and "404" in errors[1]
    assert "Traceback" not in result.output
    store = open_store(uri)
    try:
        rows = {row.name: row for row in store.documents()}
    finally:
        store.close()
    news, blog = rows[f"{BASE}/news"], rows[f"{BASE}/blog"]
    assert (news.publisher, news.author, news.published) == ("The Harbour Ledger", "Mira Okonjo", "2026-03-14")
    assert (blog.publisher, blog.title) == ("northerndesk.example", "Why the Baltic ferry deal matters")
    again = cli("ingest", f"{BASE}/moved", "--store", uri)  # the same article by another address
    assert "Documents: 0 new, 1 unchanged, 0 failed." in again.stdout, again.output


# ------------------------------------------------------------------------------ the API never does


@pytest.fixture()
def writer(make_client) -> TestClient:
    return make_client("oxigraph", seeded=False, api_token=TOKEN)


def test_the_api_records_urls_but_never_fetches_them(writer: TestClient, seen) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    page = (WEB / "news_site.html").read_text().replace(
        "https://harbourledger.example/world/2026/03/14/grain-corridor-talks", f"{BASE}/canonical") \
        .replace("</article>", f'<img src="{BASE}/logo.png"></article>')
    as_html = writer.post("/documents", content=page.encode(), params={"url": f"{BASE}/news"},
                          headers={"content-type": "text/html", **auth})
    assert as_html.status_code == 201, as_html.text
    as_json = writer.post("/documents", json={"text": f"{BASE}/news", "url": f"{BASE}/news", "id": "a-url"},
                          headers=auth)
    as_text = writer.post("/documents", content=b"The minister said the talks would go on.",
                          params={"url": f"{BASE}/feed", "name": "plain"}, headers={"content-type": "text/plain", **auth})
    assert as_json.status_code == 201 and as_text.status_code == 201
    assert seen == []  # nothing reached the site: the API only records the addresses
    documents = {d["name"]: d for d in writer.get("/documents").json()}
    assert documents["a-url"]["url"] == f"{BASE}/news"
    html_doc = documents[f"{BASE}/news"]
    assert html_doc["url"] == f"{BASE}/canonical"
    assert (html_doc["title"], html_doc["publisher"], html_doc["author"], html_doc["published"]) == (
        "Envoys agree to resume talks on grain corridor", "The Harbour Ledger", "Mira Okonjo", "2026-03-14")
    statements = writer.get("/statements", params={"doc": f"{BASE}/news"}).json()
    stored_text = "Envoys agree to resume talks on grain corridor\n\n"
    quote = next(s for s in statements if "harvest rot" in s["text"])
    assert quote["published"] == "2026-03-14" and quote["start"] > len(stored_text)
