"""What a store hands back: result records and the conversion of SPARQL rows into them."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from rdflib import XSD, Graph, Literal
from rdflib.query import Result

from diplograph.ontology.terms import TOPIC

from .queries import NAMESPACES


def plain(value: Any) -> Any:
    """JSON-ready: tuples become lists, all the way down."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


class JsonRecord:
    """A frozen row that answers as JSON (the API's and the CLI's `--format jsonl`)."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return plain(asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class AddResult(JsonRecord):
    """What adding one extraction did: `changed` is False when the text was already stored."""

    doc_iri: str
    changed: bool
    triples: int
    replaced: tuple[str, ...] = ()  # IRIs of older versions (same file name or URL) this one replaced



@dataclass(frozen=True, slots=True)
class Counts(JsonRecord):
    """Size of a store. `actors` counts the actors named in ingested documents, not the whole gazetteer."""

    documents: int
    statements: int
    actors: int
    triples: int



@dataclass(frozen=True, slots=True)
class StatementRow(JsonRecord):
    """One statement as read back from the graph, with its document's metadata."""

    iri: str
    doc: str  # file name
    doc_iri: str
    title: str
    published: str
    date: str  # when it was said: the date its sentence gives, else the article's ("" when neither is known)
    url: str
    speaker: str
    speaker_id: str
    kind: str
    text: str
    cue: str
    stance: str
    topics: tuple[str, ...]
    addressees: tuple[str, ...]
    sentence: str
    start: int
    end: int
    confidence: float



def _plain(value: Any) -> Any:
    if isinstance(value, Literal) and value.datatype == XSD.string and value.language is None:
        return Literal(str(value))
    return value


def plain_strings(result: Result) -> Result:
    """The same result with "x"^^xsd:string literals written as "x"."""
    if result.type == "SELECT":
        result.bindings = [{var: _plain(value) for var, value in row.items()} for row in result.bindings]
    elif result.type in ("CONSTRUCT", "DESCRIBE") and result.graph is not None:
        graph = Graph()
        for prefix, namespace in NAMESPACES.items():
            graph.bind(prefix, namespace)
        for s, p, o in result.graph:
            graph.add((s, p, _plain(o)))
        result.graph = graph
    return result


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def statement_row(row: Any) -> StatementRow:
    topic_prefix = str(TOPIC)
    topics = sorted(
        t[len(topic_prefix):] if t.startswith(topic_prefix) else t
        for t in _text(row.topics).split("\t") if t
    )
    addressees = sorted(a for a in _text(row.addressees).split("\t") if a)
    return StatementRow(
        iri=str(row.st),
        doc=_text(row.name),
        doc_iri=str(row.doc),
        title=_text(row.title),
        published=_text(row.published),
        date=_text(row.date) or _text(row.published),
        url=_text(row.url),
        speaker=_text(row.speakerName) or _text(row.mention),
        speaker_id=str(row.speaker),
        kind=_text(row.kind),
        text=_text(row.quote),
        cue=_text(row.cue),
        stance=_text(row.stance).rsplit("/", 1)[-1],
        topics=tuple(topics),
        addressees=tuple(addressees),
        sentence=_text(row.sentence),
        start=int(row.start),
        end=int(row.end),
        confidence=float(row.confidence) if row.confidence is not None else 0.0,
    )
