"""Fetch a web page or feed named on the command line, within limits, and read it as articles.

Only the command line calls this: the HTTP API never fetches a URL it is given (a server that
fetched whatever address a client names could be turned on the machines behind it). A fetch has a
user agent, a time limit for the whole download (not only for each socket read), a size cap, and
follows at most a few redirects, to http and https addresses only; any failure is one DocumentError
naming the URL. The standard library's urllib is enough for one GET with these limits.
"""
from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from .document import MAX_BYTES, DocumentError
from .feeds import documents_from_feed, is_feed
from .html_pages import document_from_html
from .records import Document

USER_AGENT = "diplograph/0.1 (knowledge-graph builder for diplomacy news)"
TIMEOUT_SECONDS = 20.0  # for the whole download; DIPLOGRAPH_FETCH_TIMEOUT sets another
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
               "text/xml", "application/feed+json")


def is_url(value: str) -> bool:
    """Whether a command-line argument names a web address rather than a file."""
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a GET brought back: the final address (after redirects), its media type and body."""

    url: str
    media_type: str
    body: bytes
    charset: str = ""  # as the Content-Type header declares it

    def page(self) -> str | bytes:
        """The page as text when the server named a charset that decodes it, else the bytes for
        trafilatura to decode (from the page's own <meta charset> or by detection)."""
        try:
            return self.body.decode(self.charset) if self.charset else self.body
        except (LookupError, UnicodeDecodeError):
            return self.body


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most `limit` redirects, and only to http or https addresses."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = limit

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        if not is_url(newurl):
            raise urllib.error.HTTPError(req.full_url, code, f"Redirection to url {newurl!r} is not allowed (not a web address)",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, timeout: float | None = None, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET `url` within the limits (`timeout` for the whole download, TIMEOUT_SECONDS by default);
    every failure is a DocumentError with one line saying why."""
    timeout = _default_timeout(url) if timeout is None else timeout
    if not is_url(url) or not urlsplit(url).hostname:
        raise DocumentError(url, "only http:// and https:// addresses are fetched")
    opener = urllib.request.build_opener(_LimitedRedirects(max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/xml;q=0.9, */*;q=0.5"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            size = response.headers.get("Content-Length", "")
            if size.isdigit() and int(size) > max_bytes:
                raise DocumentError(url, f"the page is {int(size):,} bytes; the limit is {max_bytes:,}")
            body = _read_within(response, url, deadline, max_bytes)
            return Fetched(url=response.geturl(), media_type=_media_type(response.headers), body=body,
                           charset=response.headers.get_content_charset() or "")
    except urllib.error.HTTPError as error:
        reason = error.reason if "redirect" in str(error.reason) else f"HTTP {error.code} {error.reason}"
        raise DocumentError(url, f"the fetch failed: {reason}") from None
    except urllib.error.URLError as error:
        reason = "timed out" if isinstance(error.reason, (TimeoutError, socket.timeout)) else error.reason
        raise DocumentError(url, f"the fetch failed: {reason}") from None
    except (TimeoutError, socket.timeout):
        raise DocumentError(url, f"the fetch timed out after {timeout:g} s") from None
    except (OSError, ValueError) as error:  # connection reset, malformed response, bad port
        raise DocumentError(url, f"the fetch failed: {error}") from None


def _default_timeout(url: str) -> float:
    raw = os.environ.get("DIPLOGRAPH_FETCH_TIMEOUT", "").strip()
    try:
        return float(raw) if raw else TIMEOUT_SECONDS
    except ValueError:
        raise DocumentError(url, f"DIPLOGRAPH_FETCH_TIMEOUT={raw!r} is not a number of seconds") from None


def _read_within(response, url: str, deadline: float, max_bytes: int) -> bytes:  # noqa: ANN001 - an HTTPResponse
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read1(_CHUNK):  # what has arrived: the deadline is checked as bytes trickle in
        total += len(chunk)
        if total > max_bytes:
            raise DocumentError(url, f"the page is over {max_bytes:,} bytes (the limit)")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)


def _media_type(headers: Message) -> str:
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def documents_from_url(url: str) -> Iterator[Document | DocumentError]:
    """The article of a web page, or the entries of a feed, at `url`."""
    try:
        fetched = fetch(url)
    except DocumentError as error:
        yield error
        return
    if fetched.media_type in _FEED_TYPES or (fetched.media_type not in ("text/html", "application/xhtml+xml")
                                             and is_feed(fetched.body)):
        yield from documents_from_feed(fetched.body, source=url, feed_url=fetched.url)
        return
    if fetched.media_type and not fetched.media_type.startswith(("text/", "application/xhtml")):
        yield DocumentError(url, f"the address serves {fetched.media_type}, not a web page or a feed")
        return
    try:
        yield document_from_html(fetched.page(), name=url, url=fetched.url)
    except DocumentError as error:
        yield DocumentError(url, error.message)
