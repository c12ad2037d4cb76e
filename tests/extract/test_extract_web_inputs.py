"""Web pages, feeds and web archives read as articles: text, title, outlet, author, URL and date.

The pages under tests/data/web were written for these tests in four site layouts (a news site with
navigation, comments and related links; a blog; a page whose metadata is JSON-LD; a page with only
meta tags), and the feeds and archive likewise; the archive is written here with warcio.
"""
from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from diplograph.extract.document import DocumentError, iter_documents
from diplograph.extract.html_pages import document_from_html
from diplograph.extract.records import Document

WEB = Path(__file__).resolve().parents[1] / "data" / "web"


def read(*names: str) -> list[Document | DocumentError]:
    return list(iter_documents([WEB / name for name in names]))


def only_document(name: str) -> Document:
    (document,) = read(name)
    assert isinstance(document, Document), document
    return document


PAGES = {  # file: (title, outlet, author, date, url, a sentence of the article)
    "news_site.html": ("Envoys agree to resume talks on grain corridor", "The Harbour Ledger", "Mira Okonjo",
                       "2026-03-14", "https://harbourledger.example/world/2026/03/14/grain-corridor-talks",
                       "She called on the mediators to publish the inspection rules."),
    "blog.html": ("Why the Baltic ferry deal matters", "northerndesk.example", "Tomas Lindqvist", "2026-02-09",
                  "https://northerndesk.example/2026/02/ferry-deal/",
                  "Kessel was more careful."),
    "jsonld_article.html": ("Coastal states set out demands before water summit", "Meridian Wire", "Lucia Ferrand",
                            "2026-05-21", "", "Diplomats expect the talks to last at least three days."),
    "meta_only.html": ("Mediators propose new border crossings", "The Plains Courier", "Desmond Achterberg",
                       "2026-04-02", "https://plainscourier.example/politics/border-crossings",
                       "Ostrava Minor has not yet answered."),
}
BOILERPLATE = {  # what each layout wraps its article in, none of which may reach the text
    "news_site.html": ["Home", "Subscribe", "Related stories", "Markets rally", "Gregor55", "good news for farmers",
                       "All rights reserved", "Privacy", "By Mira Okonjo"],
    "blog.html": ["Northern Desk", "About", "Post navigation", "Ice roads", "Harbourwatcher", "uncle",
                  "Leave a Reply", "Recent Posts", "coffee", "WordPress", "Tagged", "Posted on"],
    "jsonld_article.html": ["Log in", "Breaking", "Podcasts", "Share on", "More from", "Drought", "cookies", "Terms"],
    "meta_only.html": ["Front page", "Obituaries", "ADVERTISEMENT", "spring fair", "RSS", "Copyright"],
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_gives_its_article_and_metadata(name: str) -> None:
    title, outlet, author, date, url, sentence = PAGES[name]
    document = only_document(name)
    assert (document.title, document.publisher, document.author, document.published, document.url) == \
        (title, outlet, author, date, url)
    assert document.name == name
    assert document.text.startswith(title + "\n\n")  # the headline is stored once, as the first line
    assert document.text.count(title) == 1
    assert sentence in document.text


@pytest.mark.parametrize("name", sorted(BOILERPLATE))
def test_navigation_comments_and_widgets_stay_out(name: str) -> None:
    text = only_document(name).text
    for furniture in BOILERPLATE[name]:
        assert furniture not in text, f"{furniture!r} of the page furniture reached the text of {name}"


def test_offsets_are_offsets_into_the_stored_text() -> None:
    document = only_document("news_site.html")
    quote = '"We will not let the harvest rot in the silos,"'
    start = document.text.index(quote)
    assert document.clean[start:start + len(quote)] == quote  # the extractor reads `clean`: same offsets
    assert len(document.clean) == len(document.text)


def test_a_page_without_an_article_is_one_clear_error() -> None:
    (error,) = read("no_article.html")
    assert isinstance(error, DocumentError)
    assert error.source.endswith("no_article.html")
    assert "no article text" in error.message


def test_the_page_url_is_kept_when_the_page_declares_no_canonical_one() -> None:
    html = (WEB / "jsonld_article.html").read_bytes()
    document = document_from_html(html, name="x", url="https://meridianwire.example/news/water-summit-demands")
    assert document.url == "https://meridianwire.example/news/water-summit-demands"


def test_a_canonical_url_wins_over_the_address_a_page_came_from() -> None:
    html = (WEB / "news_site.html").read_bytes()
    document = document_from_html(html, name="x", url="https://harbourledger.example/amp/grain?utm_source=feed")
    assert document.url == "https://harbourledger.example/world/2026/03/14/grain-corridor-talks"


def test_a_page_in_another_encoding_is_decoded_by_its_declared_charset() -> None:
    html = (WEB / "meta_only.html").read_text(encoding="utf-8").replace(
        "charset=utf-8", "charset=iso-8859-1").replace("Karel Dusek", "Karel Dušek".replace("š", "ö"))
    document = document_from_html(html.encode("iso-8859-1"), name="latin1.html")
    assert "Karel Duöek" in document.text


# -------------------------------------------------------------------------------------------- feeds


def test_an_rss_feed_gives_one_article_an_entry_with_the_channel_as_outlet() -> None:
    items = read("world_news.rss")
    documents = [d for d in items if isinstance(d, Document)]
    errors = [d for d in items if isinstance(d, DocumentError)]
    assert [d.title for d in documents] == ["Ministers agree on a schedule for corridor inspections",
                                            "Estmark recalls its ambassador for consultations"]
    full, summary = documents
    assert {d.publisher for d in documents} == {"The Harbour Ledger"}
    assert (full.published, summary.published) == ("2026-03-20", "2026-03-22")
    assert full.url == full.name == "https://harbourledger.example/world/2026/03/20/corridor-inspections"
    assert full.author == "Mira Okonjo"
    # the entry carrying the article gives the article, not its one-line description
    assert '"Every ship will be checked once, and only once,"' in full.text and not full.summary_only
    assert "Inspectors will start work on the grain corridor next month." not in full.text
    assert "<p>" not in full.text and "<p>" not in summary.text
    # the entry carrying only a description gives it, marked as a summary
    assert summary.summary_only and "after a dispute over fishing rights" in summary.text
    (error,) = errors  # the gallery entry has no text at all
    assert "entry 3" in error.source and "no text" in error.message


def test_an_atom_feed_gives_content_and_summaries() -> None:
    documents = read("wire.atom")
    assert all(isinstance(d, Document) for d in documents), documents
    commission, summit = documents
    assert (commission.publisher, commission.author, commission.published) == ("Meridian Wire", "Lucia Ferrand",
                                                                               "2026-05-23")
    assert not commission.summary_only and "first thing we have signed together" in commission.text
    assert summit.summary_only and summit.published == "2026-05-24"  # no <published>: <updated> dates it
    assert summit.text == "Summit to resume on Monday\n\nThe river summit in Geneva will resume on Monday " \
                          "with talks on the dams upstream.\n"


def test_a_feed_that_does_not_parse_is_one_clear_line() -> None:
    (error,) = read("broken_feed.xml")
    assert isinstance(error, DocumentError) and "malformed" in error.message


def test_a_file_that_is_no_feed_at_all_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.xml"
    junk.write_bytes(b"just some words, not XML at all")
    (error,) = iter_documents([junk])
    assert isinstance(error, DocumentError) and str(junk) in str(error)


# ----------------------------------------------------------------------------------------- archives


def page_html(number: int) -> bytes:
    return (f"<html><head><title>Harbour talks, day {number}</title>"
            f'<meta property="og:site_name" content="Archive Test Times">'
            f'<meta property="article:published_time" content="2026-01-{number:02d}"></head><body>'
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Harbour talks, day {number}</h1>"
            f"<p>On day {number} of the harbour talks the two delegations met for three hours in the old customs house.</p>"
            f"<p>The chief negotiator said the delegations had agreed on point number {number} of the draft.</p>"
            f"</article><footer>Contact the newsroom</footer></body></html>").encode()


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzipped: bool = True) -> None:
    """An archive of response records (url, body, content type), plus a request record and an image."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for url, body, kind in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "archive.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))


ARCHIVE_PAGES = [(f"https://archive.example/talks/{n}", page_html(n), "text/html; charset=utf-8") for n in (1, 2, 3)]


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_every_html_response_of_an_archive_is_an_article(tmp_path: Path, suffix: str) -> None:
    archive = tmp_path / f"crawl{suffix}"
    image = ("https://archive.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    write_warc(archive, ARCHIVE_PAGES[:2] + [image] + ARCHIVE_PAGES[2:], gzipped=suffix.endswith(".gz"))
    documents = list(iter_documents([archive]))
    assert all(isinstance(d, Document) for d in documents), documents
    assert [d.name for d in documents] == [url for url, _, _ in ARCHIVE_PAGES]
    assert [d.published for d in documents] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert {d.publisher for d in documents} == {"Archive Test Times"}
    assert documents[1].text == ("Harbour talks, day 2\n\nOn day 2 of the harbour talks the two delegations met for "
                                 "three hours in the old customs house.\nThe chief negotiator said the delegations "
                                 "had agreed on point number 2 of the draft.\n")


def test_an_archive_folder_is_walked_like_a_folder_of_articles(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", ARCHIVE_PAGES[:1])
    (tmp_path / "b.html").write_bytes(ARCHIVE_PAGES[1][1])
    assert [getattr(d, "name", d) for d in iter_documents([tmp_path])] == [ARCHIVE_PAGES[0][0], "b.html"]


def test_a_truncated_archive_keeps_the_pages_before_the_cut(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, ARCHIVE_PAGES)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.8)])
    items = list(iter_documents([cut]))
    documents = [d for d in items if isinstance(d, Document)]
    errors = [d for d in items if isinstance(d, DocumentError)]
    assert [d.name for d in documents] == [url for url, _, _ in ARCHIVE_PAGES[:2]]
    (error,) = errors
    assert error.source == str(cut) and "truncated or damaged" in error.message


def test_an_archive_without_html_pages_says_so(tmp_path: Path) -> None:
    archive = tmp_path / "images.warc.gz"
    write_warc(archive, [("https://archive.example/a.png", b"\x89PNG" + bytes(50), "image/png")])
    (error,) = iter_documents([archive])
    assert isinstance(error, DocumentError) and "no HTML pages" in error.message


def test_a_gzip_file_that_is_no_archive_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "notes.warc.gz"
    archive.write_bytes(gzip.compress(b"these are notes, not WARC records\n" * 20))
    (error,) = iter_documents([archive])
    assert isinstance(error, DocumentError) and str(archive) in error.source
