"""Which reader reads a web file: saved pages (.html, .htm), feeds (.xml, .rss, .atom), archives (.warc[.gz]).

document.iter_documents hands every such file here; each reader yields Documents and, for what it
cannot read, DocumentErrors, so one bad page, entry or record never stops the others.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .document import MAX_BYTES, DocumentError
from .feeds import documents_from_feed
from .html_pages import document_from_html
from .records import Document

PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
WEB_SUFFIXES = PAGE_SUFFIXES + FEED_SUFFIXES + ARCHIVE_SUFFIXES


def is_web_file(path: Path) -> bool:
    return path.name.lower().endswith(WEB_SUFFIXES)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; an empty or oversized file is a DocumentError (archives are streamed instead)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(str(path), f"the file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes a page "
                                           "(a crawl belongs in a .warc archive)")
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(str(path), f"cannot read the file ({error.strerror or error})") from None
    if not data.strip():
        raise DocumentError(str(path), "the file is empty")
    return data


def read_web_file(path: Path) -> Iterator[Document | DocumentError]:
    """The articles of one page, feed or archive file."""
    name = path.name.lower()
    if name.endswith(ARCHIVE_SUFFIXES):
        from .warc import documents_from_warc

        yield from documents_from_warc(path)
        return
    try:
        data = _read_bytes(path)
        if name.endswith(FEED_SUFFIXES):
            yield from documents_from_feed(data, source=str(path))
        else:
            yield document_from_html(data, name=path.name)
    except DocumentError as error:
        yield DocumentError(str(path), error.message) if error.source != str(path) else error
