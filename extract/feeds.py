"""Read an RSS or Atom feed: every entry an article, with the feed's title as its outlet.

feedparser reads both formats (and their dialects and broken encodings). An entry that carries
the article (content:encoded, atom:content) gives its full text; one that carries only a summary
gives that, marked `summary_only` so nobody mistakes an abstract for the article. The feed is
always parsed from bytes already in hand: feedparser is never given a URL, so it never fetches.
"""
from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXException

from .document import DocumentError, document_from_text
from .html_pages import outlet_of
from .records import Document

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def fragment_text(value: str, content_type: str) -> str:
    """Plain text of a feed's content or summary, which may be an HTML fragment or plain text."""
    if not any(kind in (content_type or "").lower() for kind in _HTML_TYPES) and "<" not in value:
        return "\n".join(" ".join(line.split()) for line in value.strip().splitlines() if line.strip())
    from trafilatura import bare_extraction

    try:
        result = bare_extraction(f"<html><body><article>{value}</article></body></html>", favor_recall=True,
                                 include_comments=False, include_tables=False, include_images=False)
    except Exception:  # noqa: BLE001 - hostile markup in one entry: fall back to its bare text below
        result = None
    if result is not None and (result.text or "").strip():
        return result.text.strip()
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    try:  # too short for trafilatura's extraction: all of the fragment's text
        return " ".join(lxml_html.fromstring(value).text_content().split())
    except (ValueError, ParserError):
        return ""


def _day(entry: Any) -> str:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", stamp) if stamp else ""


def _entry_text(entry: Any) -> tuple[str, bool]:
    """(text, summary_only): the longest content the entry carries, else its summary."""
    contents = [fragment_text(c.get("value", ""), c.get("type", "")) for c in entry.get("content", [])]
    full = max(contents, key=len, default="")
    detail = entry.get("summary_detail") or {}
    summary = fragment_text(entry.get("summary", ""), detail.get("type", "text/html"))
    if full and len(full) >= len(summary):
        return full, False
    return summary, bool(summary)


def parse_feed(data: bytes, source: str) -> Any:
    """The parsed feed, or a DocumentError when the bytes are not a feed that parses."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser must never fetch anything
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).splitlines()[0]})" if reason else ""
        raise DocumentError(source, f"not an RSS or Atom feed that parses{detail}")
    return parsed


def malformed(parsed: Any) -> str:
    """Why a feed's XML is broken ("" when it is well formed; a wrong declared encoding is no damage)."""
    error = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(error, SAXException):
        return ""
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def is_feed(data: bytes) -> bool:
    """Whether bytes look like a feed rather than a web page (for URLs whose type says neither)."""
    head = data[:2048].lstrip().lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")) or (
        head.startswith(b"<?xml") and b"<html" not in head)


def documents_from_feed(data: bytes, *, source: str, feed_url: str = "") -> Iterator[Document | DocumentError]:
    """Every entry of a feed as a Document; an entry without text is a DocumentError of its own."""
    try:
        parsed = parse_feed(data, source)
    except DocumentError as error:
        yield error
        return
    feed = parsed.feed
    outlet = outlet_of(feed.get("title", ""), feed.get("link", "") or feed_url)
    damage = malformed(parsed)
    if damage:  # a cut-off or broken feed: say so once, and keep the entries read before the damage
        yield DocumentError(source, f"the feed is malformed ({damage}); the entries before the damage are kept")
    elif not parsed.entries:
        yield DocumentError(source, "the feed holds no entries")
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link", "") or ""
        name = link or entry.get("id", "") or f"{source}#{number}"
        where = f"{source}: entry {number}" + (f" ({link})" if link else "")
        text, summary_only = _entry_text(entry)
        title = " ".join(entry.get("title", "").split())
        if not text:
            if not damage:  # in a damaged feed an empty entry is the one cut off, told above already
                yield DocumentError(where, "the entry carries no text (neither content nor summary)")
            continue
        try:
            yield document_from_text(f"{title}\n\n{text}\n" if title else f"{text}\n", name=name, title=title,
                                     url=link, published=_day(entry), publisher=outlet,
                                     author=" ".join(entry.get("author", "").split()), summary_only=summary_only)
        except DocumentError as error:
            yield DocumentError(where, error.message)
