"""An article's text cut into paragraphs and marked segments, for the article view.

Statements, events and claims carry character offsets into the stored text; the page shows each
one highlighted where it stands. Marks may overlap (an event inside a quote), so the text is cut
at every mark boundary and each piece lists the marks that cover it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of the text to highlight: kind is "statement" or "event"; key identifies it on the page."""

    kind: str
    key: str
    start: int
    end: int
    label: str = ""


@dataclass(slots=True)
class Segment:
    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)
    starting: list[Mark] = field(default_factory=list)  # marks that begin here: named in the margin


def paragraphs(text: str, marks: Sequence[Mark]) -> list[Paragraph]:
    """The text as paragraphs (one per line), each cut into segments at mark boundaries."""
    usable = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    found: list[Paragraph] = []
    position = 0
    for block in text.split("\n"):
        start, end = position, position + len(block)
        position = end + 1
        if block.strip():
            found.append(Paragraph(start=start, end=end))
    for paragraph in found:
        inside = [m for m in usable if m.start < paragraph.end and m.end > paragraph.start]
        cuts = sorted({paragraph.start, paragraph.end} | {max(paragraph.start, min(paragraph.end, x))
                                                           for m in inside for x in (m.start, m.end)})
        for left, right in zip(cuts, cuts[1:]):
            covering = [m for m in inside if m.start <= left and m.end >= right]
            paragraph.segments.append(Segment(text=text[left:right], start=left, marks=covering))
        paragraph.starting = [m for m in usable if paragraph.start <= m.start < paragraph.end]
    return found


def quote_in_sentence(sentence: str, quote: str) -> tuple[str, str, str]:
    """(before, quote, after): the quote within its sentence; the sentence alone when it is not found."""
    if sentence and quote:
        at = sentence.find(quote)
        if at >= 0:
            return sentence[:at], quote, sentence[at + len(quote):]
    if not sentence:
        return "", quote, ""
    return sentence + " ", quote, ""


def outlet(url: str, doc: str) -> str:
    """The publication an article came from: its web host, else its file name."""
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return doc
