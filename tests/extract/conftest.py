"""One spaCy pipeline for the whole session: loading it is the slow part of every extraction test."""
from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.extract.document import document_from_text, iter_documents
from diplograph.extract.pipeline import Extractor
from diplograph.extract.records import Document, Extraction

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def seed_extractions(extractor: Extractor) -> dict[str, Extraction]:
    docs = [d for d in iter_documents([SEEDS]) if isinstance(d, Document)]
    return {d.name: extractor.extract(d) for d in docs}


@pytest.fixture()
def extract_text(extractor: Extractor):
    """Extract statements from a text written in the test."""
    def run(text: str, name: str = "test.txt"):
        return extractor.extract(document_from_text(text, name=name)).statements
    return run


@pytest.fixture()
def check_attribution(extract_text):
    """Assert that a text holds a statement with a fragment, given to this speaker as this kind, and, where
    `absent` is given, that no statement holds those words (the span a rule cut off, or words that are no
    statement of their own)."""
    def run(text: str, fragment: str, speaker: str, kind: str, absent: str | None = None) -> None:
        statements = extract_text(text)
        found = [s for s in statements if fragment in s.text]
        assert found, [(s.speaker, s.text) for s in statements]
        assert (found[0].speaker, found[0].kind) == (speaker, kind), [(s.speaker, s.text) for s in statements]
        if absent is not None:
            assert all(absent not in s.text for s in statements), [s.text for s in statements]
    return run


@pytest.fixture()
def statement_of(extract_text):
    """The first statement of a sentence that holds a fragment (it must be found: a test of its stance on no
    statement would pass on nothing)."""
    def run(sentence: str, fragment: str):
        statements = extract_text(sentence + "\n")
        found = [s for s in statements if fragment in s.text]
        assert found, f"no statement holds {fragment!r}: {[s.text for s in statements]}"
        return found[0]
    return run


@pytest.fixture()
def topics_of(extract_text):
    """The topics (without `other`) of the last statement of an article that holds a fragment: the statement
    must be found, since a test of its topics on no statement would pass on nothing."""
    def run(article: str, fragment: str) -> set[str]:
        statements = extract_text(article + "\n")
        found = [s for s in statements if fragment in s.text]
        assert found, (fragment, [s.text for s in statements])
        return set(found[-1].topics) - {"other"}
    return run
