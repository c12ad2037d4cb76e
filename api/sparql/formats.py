"""Answer formats and content negotiation on Accept, with q-values (RFC 9110 §12.5.1).

Each query form has its formats in the server's order of preference: the first is the default
when the client accepts anything. `negotiate` returns the format with the highest q-value for the
client (ties go to the server's order), or None when nothing acceptable remains; a query answer
falls back to its default format when the client asks for another SPARQL answer type (negotiate_answer).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Format:
    """One way to write an answer: its key (as the worker knows it) and the media types that name it."""

    key: str
    media_type: str  # what the answer's Content-Type says
    aliases: tuple[str, ...] = ()  # other media types a client may ask for
    text: bool = False  # a text/* type, sent with charset=utf-8

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.text else self.media_type

    def names(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


RESULTS_JSON = Format("json", "application/sparql-results+json", ("application/json",))
RESULTS_XML = Format("xml", "application/sparql-results+xml", ("application/xml",))
RESULTS_CSV = Format("csv", "text/csv", text=True)
RESULTS_TSV = Format("tsv", "text/tab-separated-values", text=True)
TURTLE = Format("turtle", "text/turtle", ("application/x-turtle",), text=True)
N_TRIPLES = Format("ntriples", "application/n-triples", ("text/plain",))
N_QUADS = Format("nquads", "application/n-quads")
JSON_LD = Format("jsonld", "application/ld+json")
RDF_XML = Format("rdfxml", "application/rdf+xml")
TRIG = Format("trig", "application/trig")
HTML = Format("html", "text/html", ("application/xhtml+xml",), text=True)

SELECT_FORMATS = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
ASK_FORMATS = (RESULTS_JSON, RESULTS_XML)
GRAPH_FORMATS = (TURTLE, N_TRIPLES, N_QUADS, JSON_LD, RDF_XML, TRIG)
FORMATS_BY_FORM = {"SELECT": SELECT_FORMATS, "ASK": ASK_FORMATS, "CONSTRUCT": GRAPH_FORMATS, "DESCRIBE": GRAPH_FORMATS}
ANSWER_FORMATS = (*SELECT_FORMATS, *GRAPH_FORMATS)  # every format some SPARQL answer is written in


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self, media_type: str) -> int | None:
        """How closely this range names `media_type` (2 exact, 1 type/*, 0 */*), or None if it does not."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == kind and self.subtype == "*":
            return 1
        if self.type == kind and self.subtype == sub:
            return 2
        return None


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for item in header.split(","):
        media, *parameters = item.split(";")
        kind, slash, sub = media.strip().lower().partition("/")
        if not slash or not kind or not sub:
            continue  # not a media range; ignored as RFC 9110 allows
        q = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub, q))
    return ranges


def quality(ranges: list[MediaRange], fmt: Format) -> float:
    """The q-value the client gives `fmt`: that of the most specific range naming any of its media types."""
    best_q = 0.0
    best_specificity = -1
    for name in fmt.names():
        for media_range in ranges:
            specificity = media_range.specificity(name)
            if specificity is not None and specificity > best_specificity:
                best_specificity, best_q = specificity, media_range.q
    return best_q


def negotiate(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The acceptable format the client prefers most (server order breaks ties), or None (406)."""
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for fmt in formats:
        q = quality(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    return best


def negotiate_answer(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format of a query answer: the client's preferred one among `formats`; failing that, the
    first of `formats` when the client accepts some other SPARQL answer format; else None (406).

    A client library often sends one Accept for every query it runs (rdflib's SPARQLStore with
    returnFormat="json" asks for result sets even for a CONSTRUCT); the answer's own default format
    serves it better than a 406, and it can tell the format from Content-Type. Only an Accept naming
    nothing SPARQL answers in (image/png, text/html alone) is refused.
    """
    chosen = negotiate(accept, formats)
    if chosen is None and negotiate(accept, ANSWER_FORMATS) is not None:
        return formats[0]
    return chosen


def media_types(formats: tuple[Format, ...]) -> str:
    return ", ".join(fmt.media_type for fmt in formats)
