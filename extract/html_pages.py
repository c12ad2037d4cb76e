"""Read a saved or fetched web page as one article: its main text and what the page says about itself.

The extraction of the main text (without navigation, comments, related links and widgets) and of
the metadata (title, site name, author, canonical URL, publication date from JSON-LD, meta tags or
the page itself) is trafilatura's job, a library made for news pages; this module only turns its
result into a Document. The stored text is the title line, a blank line and the extracted body, so
every character offset of a statement is an offset into that text.
"""
from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from .document import DocumentError, document_from_text
from .records import Document

# trafilatura and htmldate log why a page gave nothing; the reader says it in one line of its own.
for _library in ("trafilatura", "htmldate"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
# A line of prose: six words or more ending a sentence. A page whose extracted text has none is a
# list of links or labels (a site map, an index page), not an article.
_PROSE = re.compile(r"(?:\w[\w'’-]*\W+){5,}\w[\w'’-]*[.!?]")


def outlet_of(sitename: str, url: str) -> str:
    """The outlet's name: the site name the page declares, else the host name of its URL."""
    if sitename.strip():
        return sitename.strip()
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def iso_day(value: str | None) -> str:
    """The YYYY-MM-DD day of a date trafilatura or a feed gives, or "" when there is none."""
    match = _ISO_DAY.match((value or "").strip())
    return match.group(0) if match else ""


def document_from_html(html: str | bytes, *, name: str, url: str = "") -> Document:
    """The article of an HTML page; a page with no article text is a DocumentError.

    `url` is where the page came from; a canonical URL the page declares wins over it, so the same
    article reached by two addresses is stored once.
    """
    from trafilatura import bare_extraction

    if isinstance(html, bytes) and b"\x00" in html:
        raise DocumentError(name, "the page holds NUL bytes: it is binary, not HTML")
    if not html.strip():
        raise DocumentError(name, "the page is empty")
    try:
        result = bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                 include_tables=False, include_images=False, deduplicate=False)
    except Exception as error:  # noqa: BLE001 - hostile HTML must be one error line, whatever the parser raises
        raise DocumentError(name, f"the page cannot be parsed ({type(error).__name__}: {error})") from None
    body = (result.text or "").strip() if result is not None else ""
    title = " ".join((result.title or "").split()) if result is not None else ""
    first, _, rest = body.partition("\n")
    if title and " ".join(first.split()) == title:  # the page's own headline opens the body: keep it once
        body = rest.strip()
    if not _PROSE.search(body):
        raise DocumentError(name, "the page holds no article text (only navigation, links or labels)")
    page_url = result.url or url
    text = f"{title}\n\n{body}\n" if title else f"{body}\n"
    return document_from_text(text, name=name, title=title, url=page_url, published=iso_day(result.date),
                              publisher=outlet_of(result.sitename or "", page_url),
                              author=(result.author or "").strip())
