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
