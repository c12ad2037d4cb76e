"""Web-archive benchmark: a crawl of WARC_PAGES news pages in one .warc.gz, read and ingested.

The archive is written here with warcio: every real article (seeds/, tests/data/articles) is
wrapped in a news-site page (navigation, byline, related links, comments, footer, date and outlet
in meta tags) as WARC_PAGES/n variants, with a request record beside each response and an image
every tenth page, as a crawler stores them. Two measures:

- read: `iter_documents` over the archive (warcio streaming + trafilatura), pages per second, and
  the peak of Python allocations (tracemalloc) while reading the whole archive and a quarter of it:
  a streamed reader's peak does not grow with the archive.
- ingest: `diplograph ingest crawl.warc.gz` into a fresh Oxigraph store in a subprocess, end to end
  (extraction with spaCy included), pages per second and the peak RSS of that process.

Writes bench/out/warc_ingest.md and warc_ingest.json. Environment: WARC_PAGES (1000).
"""
from __future__ import annotations

import html
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PAGES = int(os.environ.get("WARC_PAGES", "1000"))


def page(title: str, body: str, number: int) -> bytes:
    """One article as a news site serves it, furniture included."""
    day = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}"
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip())
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Bench Gazette</title>
<meta property="og:site_name" content="Bench Gazette"><meta name="author" content="Staff Reporter">
<meta property="article:published_time" content="{day}T08:00:00Z">
<link rel="canonical" href="https://gazette.example/story/{number}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Staff Reporter</p>{paragraphs}
<p>(Page {number} of the benchmark crawl.)</p></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Weather</a></li></ul></aside>
<section id="comments"><h3>2 comments</h3><p>Reader1: Interesting.</p><p>Reader2: Not again.</p></section></main>
<footer>&copy; 2026 Bench Gazette. All rights reserved.</footer></body></html>""".encode()


def write_archive(path: Path, pages: int) -> int:
    """A .warc.gz of `pages` HTML responses (plus request records and images); returns its size in bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from diplograph.extract.document import iter_documents
    from diplograph.extract.records import Document

    articles = [d for d in iter_documents([ROOT / "seeds", ROOT / "tests" / "data" / "articles"])
                if isinstance(d, Document)]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for number in range(pages):
            article = articles[number % len(articles)]
            url = f"https://gazette.example/story/{number}"
            body = page(article.title or article.name, article.text, number)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
            request = StatusAndHeaders("GET /story HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))
            if number % 10 == 0:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(f"{url}/photo.png", "response",
                                                              payload=io.BytesIO(b"\x89PNG" + bytes(4000)),
                                                              http_headers=image))
    return path.stat().st_size


def read_archive(path: Path) -> tuple[int, float, int]:
    """(pages read, seconds, peak bytes allocated by Python while reading)."""
    from diplograph.extract.document import iter_documents
    from diplograph.extract.records import Document

    tracemalloc.start()
    started = time.perf_counter()
    count = sum(1 for d in iter_documents([path]) if isinstance(d, Document))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, seconds, peak


def ingest(path: Path, store: Path) -> tuple[float, int, str]:
    """(seconds, peak RSS in bytes, summary line) of `diplograph ingest` in its own process."""
    command = [str(Path(sys.executable).with_name("diplograph")), "ingest", str(path), "--store", f"oxigraph:{store}"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kilobytes on Linux
    summary = next((line for line in done.stdout.splitlines() if line.startswith("Documents:")), done.stderr[-300:])
    return seconds, peak, summary


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="diplograph-warc-"))
    try:
        whole, quarter = work / "crawl.warc.gz", work / "quarter.warc.gz"
        size = write_archive(whole, PAGES)
        write_archive(quarter, max(1, PAGES // 4))
        read_archive(quarter)  # warm-up: the libraries' first import is no part of the reading
        read_quarter = read_archive(quarter)
        read_whole = read_archive(whole)
        ingest_seconds, ingest_peak, summary = ingest(whole, work / "store")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "pages": PAGES, "archive_bytes": size,
        "read_pages_per_second": read_whole[0] / read_whole[1],
        "read_peak_python_bytes": {"whole": read_whole[2], "quarter": read_quarter[2]},
        "ingest_seconds": ingest_seconds, "ingest_pages_per_second": PAGES / ingest_seconds,
        "ingest_peak_rss_bytes": ingest_peak, "ingest_summary": summary,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "warc_ingest.json").write_text(json.dumps(result, indent=2))
    mib = 1024 * 1024
    (OUT / "warc_ingest.md").write_text("\n".join([
        "## Web archive ingest", "",
        f"A {size / mib:.1f} MiB .warc.gz of {PAGES} news pages (furniture, comments, related links; a request "
        "record per page and an image every tenth), written with warcio (`bench/warc_ingest.py`, WARC_PAGES).", "",
        "| measure | value |", "|---|---|",
        f"| read (warcio + trafilatura), pages/s | {result['read_pages_per_second']:.1f} |",
        f"| read, peak Python memory, whole archive | {read_whole[2] / mib:.1f} MiB |",
        f"| read, peak Python memory, a quarter of it | {read_quarter[2] / mib:.1f} MiB |",
        f"| `diplograph ingest` end to end (spaCy model load included), pages/s | "
        f"{result['ingest_pages_per_second']:.2f} |",
        f"| `diplograph ingest`, peak RSS (spaCy model included) | {ingest_peak / mib:.0f} MiB |", "",
        f"Ingest said: `{summary}`. The archive is streamed: one page is in memory at a time. What the read "
        "peak still gains from a quarter of the archive to all of it is trafilatura's own string caches "
        "(`functools.lru_cache`, 1,024 entries each), which fill over the first pages and then stay at their "
        "bound; they do not grow with the archive beyond it.", "",
    ]))
    print((OUT / "warc_ingest.md").read_text())
    return 0 if summary.startswith("Documents:") else 1


if __name__ == "__main__":
    sys.exit(main())
