"""Fixtures for the graph layer: hand-written articles with their extraction records, and stores.

The two articles below are written for these tests; their records are built the way the extractor
builds them (offsets into the text, canonical actor IRIs), so every assertion about the graph can be
checked against the text by eye.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.extract.records import Actor, Claim, Document, Event, Extraction, Statement, Triple
from diplograph.graph.store import GraphStore, open_store
from diplograph.ontology.terms import actor_iri

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

KREMLIN_TEXT = (
    "Kremlin warns against Tomahawks\n"
    "Kremlin spokesman Dmitry Peskov said on Monday that Moscow would not accept a ceasefire that let Ukraine rearm. "
    "\"Sending Tomahawks to Kyiv would be a serious escalation,\" Mr Peskov told reporters. "
    "Ukrainian Foreign Minister Andrii Sybiha urged European allies to deliver more air defense systems before winter. "
    "Sybiha and Marco Rubio met in Washington on October 20."
)

WHITE_HOUSE_TEXT = (
    "President Trump said the United States also needs Tomahawks to protect itself. "
    "Zelensky told Mr Trump that Ukraine needs long-range missiles. "
    "A senior European diplomat said sanctions on Russian oil would stay in place."
)


def sentence_of(text: str, start: int) -> str:
    """The sentence around offset `start` (sentences of these test texts end with '. ')."""
    begin = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    end = text.find(". ", start)
    return text[begin:(end + 1 if end != -1 else len(text))]


def statement(doc: Document, speaker: str, mention: str, quote: str, *, cue: str, kind: str = "reported",
              topics: tuple[str, ...] = (), stance: str = "neutral", addressees: tuple[str, ...] = (),
              confidence: float = 0.8) -> Statement:
    """A Statement whose offsets are those of `quote` in the document's text."""
    start = doc.text.index(quote)
    return Statement(  # type: ignore[arg-type]
        doc=doc.name, speaker=speaker, speaker_id=actor_iri(speaker), speaker_mention=mention, kind=kind,
        text=quote, cue=cue, sentence=sentence_of(doc.text, start), start=start, end=start + len(quote),
        addressees=addressees, addressee_ids=tuple(actor_iri(a) for a in addressees), topics=topics,
        stance=stance, confidence=confidence,
    )


def kremlin_extraction() -> Extraction:
    doc = Document(name="kremlin.txt", text=KREMLIN_TEXT, clean=KREMLIN_TEXT, title="Kremlin warns against Tomahawks",
                   url="https://example.org/kremlin", published="2025-10-13")
    statements = (
        statement(doc, "Dmitry Peskov", "Kremlin spokesman Dmitry Peskov",
                  "Moscow would not accept a ceasefire that let Ukraine rearm", cue="said",
                  topics=("ceasefire",), stance="rejects"),
        statement(doc, "Dmitry Peskov", "Mr Peskov", "Sending Tomahawks to Kyiv would be a serious escalation,",
                  cue="told", kind="direct", topics=("tomahawk", "escalation"), stance="warns", confidence=0.9),
        statement(doc, "Andrii Sybiha", "Ukrainian Foreign Minister Andrii Sybiha",
                  "to deliver more air defense systems before winter", cue="urged",
                  topics=("air_defense",), stance="requests", addressees=("European allies",)),
    )
    meeting = KREMLIN_TEXT.index("Sybiha and Marco Rubio met")
    event = Event(doc=doc.name, kind="meeting", trigger="met", participants=("Andrii Sybiha", "Marco Rubio"),
                  participant_ids=(actor_iri("Andrii Sybiha"), actor_iri("Marco Rubio")),
                  sentence=sentence_of(KREMLIN_TEXT, meeting), start=meeting, end=len(KREMLIN_TEXT),
                  place="Washington", date="2025-10-20", date_text="on October 20")
    fact = Triple(doc=doc.name, subject="Sybiha", subject_id=actor_iri("Andrii Sybiha"), predicate="meet",
                  object="Marco Rubio", object_id=actor_iri("Marco Rubio"), sentence=event.sentence,
                  start=meeting, end=len(KREMLIN_TEXT))
    allies = Actor(id=actor_iri("European allies"), name="European allies", type="Group", known=False)
    return Extraction(document=doc, statements=statements, actors=(allies,), events=(event,), triples=(fact,))


def white_house_extraction() -> Extraction:
    doc = Document(name="white_house.txt", text=WHITE_HOUSE_TEXT, clean=WHITE_HOUSE_TEXT, published="2025-10-17")
    statements = (
        statement(doc, "Donald Trump", "President Trump", "the United States also needs Tomahawks to protect itself",
                  cue="said", topics=("tomahawk",), stance="neutral"),
        statement(doc, "Volodymyr Zelensky", "Zelensky", "Ukraine needs long-range missiles", cue="told",
                  topics=("long_range_missiles",), stance="requests", addressees=("Donald Trump",)),
        statement(doc, "senior European diplomat", "A senior European diplomat",
                  "sanctions on Russian oil would stay in place", cue="said", topics=("sanctions",)),
    )
    diplomat = Actor(id=actor_iri("senior European diplomat"), name="senior European diplomat", type="Person",
                     role="anonymous source", known=False)
    return Extraction(document=doc, statements=statements, actors=(diplomat,))


@pytest.fixture
def kremlin() -> Extraction:
    return kremlin_extraction()


@pytest.fixture
def white_house() -> Extraction:
    return white_house_extraction()


@pytest.fixture
def kremlin_and_white_house(kremlin: Extraction, white_house: Extraction) -> list[Extraction]:
    """Both hand-written articles, Zelensky's statement carrying a claim about Putin (the stores compared
    by the remote-store tests must answer claims too)."""
    claim = Claim(holder="Vladimir Putin", holder_id=actor_iri("Vladimir Putin"), stance="rejects",
                  text="Putin does not want it")
    told = dataclasses.replace(white_house.statements[1], claims=(claim,))
    white_house = dataclasses.replace(white_house, statements=(white_house.statements[0], told,
                                                               white_house.statements[2]))
    return [kremlin, white_house]


@pytest.fixture(params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind."""
    uri = "memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'graph'}"
    opened = open_store(uri)
    yield opened
    opened.close()


@pytest.fixture
def filled(store: GraphStore) -> GraphStore:
    """A store holding both hand-written articles."""
    store.add(kremlin_extraction())
    store.add(white_house_extraction())
    return store


@pytest.fixture(scope="session")
def seed_extractions() -> list[Extraction]:
    """The real extractor's output on the seed articles."""
    pipeline = pytest.importorskip("diplograph.extract.pipeline")
    from diplograph.extract.document import iter_documents

    extractor = pipeline.Extractor()
    documents = [d for d in iter_documents(sorted(SEEDS.glob("*.txt"))) if isinstance(d, Document)]
    assert len(documents) == 2, "the seeds folder should hold the two sample articles"
    return [extractor.extract(d) for d in documents]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """rdflib's SPARQL engine calls its own deprecated Dataset methods; that noise hides real warnings."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:Dataset.*deprecated:DeprecationWarning"))


@pytest.fixture(scope="module")
def articles() -> list[Extraction]:
    """The real extractor's output on the seed articles and the older own articles (tests/data/articles)."""
    from diplograph.extract.document import iter_documents

    pipeline = pytest.importorskip("diplograph.extract.pipeline")
    extractor = pipeline.Extractor()
    files = [*sorted(SEEDS.glob("*.txt")), *sorted((SEEDS.parent / "tests" / "data" / "articles").glob("*.txt"))]
    return [extractor.extract(d) for d in iter_documents(files) if isinstance(d, Document)]
