"""Pydantic response models: what the API returns, documented field by field in /openapi.json."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    """The store is reachable, and how much it holds."""

    status: str = Field(examples=["ok"])
    documents: int = Field(description="Articles stored (one named graph each).")
    statements: int = Field(description="Attributed statements across all articles.")
    actors: int = Field(description="Distinct actors (speakers, addressees, participants).")
    triples: int = Field(description="RDF triples across all named graphs.")


class StatementOut(BaseModel):
    """One attributed statement with its evidence: the sentence, the article and character offsets."""

    iri: str = Field(description="IRI of the statement node.")
    doc: str = Field(description="Article name (file name or JSONL id).")
    doc_iri: str = Field(description="IRI of the article (its named graph holds the statement).")
    title: str = Field(description="Article title, when known.")
    published: str = Field(description="Publication date (YYYY-MM-DD), when known.")
    url: str = Field(description="Article URL, when known.")
    speaker: str = Field(description="Canonical name of who made the statement.")
    speaker_id: str = Field(description="IRI of the speaker.")
    kind: str = Field(description="direct (quoted) or reported speech.")
    text: str = Field(description="What was said.")
    cue: str = Field(description="The speech verb or cue ('said', 'called on', a colon...).")
    stance: str = Field(description="requests | supports | opposes | rejects | warns | neutral.")
    topics: list[str] = Field(description="Topic keys, e.g. tomahawk, ceasefire.")
    addressees: list[str] = Field(description="Canonical names of whom the statement was addressed to.")
    sentence: str = Field(description="The sentence the statement comes from.")
    start: int = Field(description="Start character offset of `text` in the article.")
    end: int = Field(description="End character offset of `text` in the article.")
    confidence: float = Field(description="Extractor confidence, 0 to 1.")

    @classmethod
    def from_row(cls, row: Any) -> StatementOut:
        """Build from a graph StatementRow."""
        return cls.model_validate(row.to_json())


class AskOut(BaseModel):
    """A plain-English question as understood, and the statements that answer it."""

    question: str
    speaker: str | None = Field(description="Speaker the question asks about (canonical name), if any.")
    topic: str | None = Field(description="Topic key the question asks about, if any.")
    stance: str | None = Field(description="Stance the question asks about, if any.")
    statements: list[StatementOut]


class ErrorOut(BaseModel):
    """Every 4xx answer: what went wrong and how to fix it."""

    error: str = Field(description="Short error kind, e.g. 'malformed query'.")
    message: str = Field(description="The details: a parser message, the accepted values, example phrasings.")
    examples: list[str] | None = Field(default=None, description="Phrasings that work (for /ask).")
