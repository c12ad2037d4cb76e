"""Read a web archive (.warc, .warc.gz): every HTML response record an article, streamed.

warcio reads the archive record by record from the open file, so a crawl of thousands of pages
holds one page in memory at a time; each page goes through the same reader as a saved page
(html_pages). A record that is not an HTML page (images, scripts, redirects, errors) is no
article and is passed over; a truncated or damaged archive ends with one error line, after every
page read before the damage.
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from .document import MAX_BYTES, DocumentError
from .html_pages import document_from_html
from .records import Document

_HTML = ("text/html", "application/xhtml+xml")


def _is_html_page(record) -> bool:  # noqa: ANN001 - warcio's ArcWarcRecord
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return record.http_headers.get_statuscode() == "200" and kind in _HTML


def _html_records(path: Path) -> Iterator[tuple[str, bytes] | DocumentError]:
    """(URL, body) of every HTML page record, read one at a time; damage ends it with a DocumentError."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if not _is_html_page(record):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{pages + 1}"
                data = record.content_stream().read(MAX_BYTES + 1)
                if getattr(record.raw_stream, "limit", 0) > 0 and len(data) <= MAX_BYTES:
                    raise EOFError(f"the record of {url} is cut short")  # the file ended inside the record
                pages += 1
                yield url, data
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        yield DocumentError(str(path), f"the archive is truncated or damaged after {pages} pages ({reason})")
        return
    except OSError as error:
        yield DocumentError(str(path), f"cannot read the archive ({error.strerror or error})")
        return
    if not pages:
        yield DocumentError(str(path), "the archive holds no HTML pages (no 200 text/html response records)")


def documents_from_warc(path: Path) -> Iterator[Document | DocumentError]:
    """Every HTML page of the archive at `path` as a Document (or a DocumentError of its own)."""
    for item in _html_records(path):
        if isinstance(item, DocumentError):
            yield item
            continue
        url, data = item
        if len(data) > MAX_BYTES:
            yield DocumentError(f"{path}: {url}", f"the page is over {MAX_BYTES:,} bytes (skipped)")
            continue
        try:
            yield document_from_html(data, name=url, url=url)
        except DocumentError as error:
            yield DocumentError(f"{path}: {url}", error.message)
