"""Pydantic response models: what the API returns, documented field by field in /openapi.json."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    """The store is reachable, and how much it holds."""

    status: str = Field(description="Always 'ok' when the store answered.", examples=["ok"])
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

    question: str = Field(description="The question as asked.")
    speaker: str | None = Field(description="Speaker the question asks about (canonical name), if any.")
    topic: str | None = Field(description="Topic key the question asks about, if any.")
    stance: str | None = Field(description="Stance the question asks about, if any.")
    statements: list[StatementOut] = Field(description="The statements that answer it, with their evidence.")


class ErrorOut(BaseModel):
    """Every 4xx answer: what went wrong and how to fix it."""

    error: str = Field(description="Short error kind, e.g. 'malformed query'.")
    message: str = Field(description="The details: a parser message, the accepted values, example phrasings.")
    examples: list[str] | None = Field(default=None, description="Phrasings that work (for /ask).")


class PositionOut(BaseModel):
    """Where an actor stands on a topic: its own words (claimed false) or what a reporter claims it holds."""

    iri: str = Field(description="IRI of the position node (positions graph).")
    holder: str = Field(description="Canonical name of the actor holding the position.")
    holder_id: str = Field(description="IRI of the holder.")
    topic: str = Field(description="Topic key.")
    stance: str = Field(description="requests | supports | opposes | rejects | warns | neutral.")
    reporter: str = Field(description="Who said so: the holder itself, or another actor making a claim.")
    reporter_id: str = Field(description="IRI of the reporter.")
    claimed: bool = Field(description="True when another actor claims the holder's position.")
    count: int = Field(description="Statements that are evidence for it.")
    first_date: str = Field(description="Earliest publication date of the evidence (YYYY-MM-DD), when known.")
    last_date: str = Field(description="Latest publication date of the evidence, when known.")
    evidence: list[str] = Field(description="IRIs of the evidence statements.")

    @classmethod
    def from_row(cls, row: Any) -> PositionOut:
        return cls.model_validate(row.to_json())


class ActorOut(BaseModel):
    """An actor (person, state, organisation, group) with its names and how often it is quoted."""

    id: str = Field(description="Stable IRI of the actor.")
    name: str = Field(description="Canonical name.")
    type: str = Field(description="Person, State, Organization, Group or Actor.")
    role: str = Field(description="Role or office, when known.")
    wikidata: str = Field(description="Wikidata id (e.g. Q3874799), when known.")
    aliases: list[str] = Field(description="Other names (skos:altLabel).")
    statements: int = Field(description="Statements the actor made.")

    @classmethod
    def from_row(cls, row: Any) -> ActorOut:
        return cls.model_validate(row.to_json())


class ActorProfileOut(BaseModel):
    """One actor in full: names, roles, merges, its statements, its positions and what others claim."""

    id: str = Field(description="Stable IRI of the actor.")
    name: str = Field(description="Canonical name.")
    type: str = Field(description="Person, State, Organization, Group or Actor.")
    role: str = Field(description="Main role or office, when known.")
    wikidata: str = Field(description="Wikidata id, when known.")
    aliases: list[str] = Field(description="Other names (skos:altLabel).")
    roles: list[str] = Field(description="Every role recorded for the actor.")
    merged_from: list[str] = Field(description="IRIs of actors merged into this one.")
    statement_count: int = Field(description="Statements the actor made.")
    statements: list[StatementOut] = Field(description="The statements, with their evidence.")
    positions: list[PositionOut] = Field(description="Positions in the actor's own words.")
    claimed_positions: list[PositionOut] = Field(description="Positions others claim the actor holds.")

    @classmethod
    def from_profile(cls, profile: Any) -> ActorProfileOut:
        actor = profile.actor
        return cls(
            id=actor.id,
            name=actor.name,
            type=actor.type,
            role=actor.role,
            wikidata=actor.wikidata,
            aliases=list(actor.aliases),
            roles=list(profile.roles),
            merged_from=list(profile.merged_from),
            statement_count=actor.statements,
            statements=[StatementOut.from_row(row) for row in profile.statements],
            positions=[PositionOut.from_row(row) for row in profile.positions],
            claimed_positions=[PositionOut.from_row(row) for row in profile.claimed_positions],
        )


class TopicOut(BaseModel):
    """A topic of the scheme (SKOS), its neighbours and how often it comes up."""

    key: str = Field(description="Topic key, e.g. tomahawk.")
    label: str = Field(description="Preferred label.")
    broader: list[str] = Field(description="Keys of broader topics.")
    narrower: list[str] = Field(description="Keys of narrower topics (a /statements?topic= filter includes them).")
    statements: int = Field(description="Statements tagged with this topic.")

    @classmethod
    def from_row(cls, row: Any) -> TopicOut:
        return cls.model_validate(row.to_json())


class DocumentOut(BaseModel):
    """A stored article with its provenance."""

    iri: str = Field(description="IRI of the article (its named graph holds its statements).")
    name: str = Field(description="File name or JSONL id.")
    title: str = Field(description="Title, when known.")
    url: str = Field(description="URL, when known.")
    published: str = Field(description="Publication date, when known.")
    content_hash: str = Field(description="SHA-256 of the text: the same text is never stored twice.")
    ingested: str = Field(description="When it was added (xsd:dateTime).")
    extractor: str = Field(description="Extractor version that read it.")
    statements: int = Field(description="Statements extracted from it.")

    @classmethod
    def from_row(cls, row: Any) -> DocumentOut:
        return cls.model_validate(row.to_json())


class ArticleIn(BaseModel):
    """An article to add, as JSON (the same fields as a JSONL line for `diplograph ingest`)."""

    text: str = Field(min_length=1, max_length=1_000_000, description="The article's text.")
    id: str | None = Field(default=None, max_length=300, description="Name of the article (default: from its hash).")
    title: str = Field(default="", max_length=1000, description="Title.")
    url: str = Field(default="", max_length=2000, description="URL (a new text under a known URL replaces the old one).")
    published: str = Field(default="", max_length=40, description="Publication date, YYYY-MM-DD.")


class ExtractedOut(BaseModel):
    """What adding an article did, and what was extracted from it."""

    doc: str = Field(description="Article name.")
    doc_iri: str = Field(description="IRI of the article.")
    changed: bool = Field(description="False when the same text was stored already (nothing changed).")
    replaced: list[str] = Field(description="IRIs of older versions (same name or URL) this one replaced.")
    triples: int = Field(description="Triples written.")
    statements: list[dict[str, Any]] = Field(
        description="Extracted statements in the public statement JSON (doc, speaker, kind, text, cue, "
        "addressees, topics, stance, sentence, start, end, confidence)."
    )
    actors: list[str] = Field(description="Canonical names of the speakers, addressees and participants found.")
    events: int = Field(description="Events found (meetings, calls, visits).")


class RemovedDocument(BaseModel):
    """One removed article."""

    doc: str = Field(description="Article name.")
    doc_iri: str = Field(description="IRI of the article.")
    content_hash: str = Field(description="SHA-256 of its text.")


class RemovedOut(BaseModel):
    """What DELETE /documents/{ref} removed (always exactly one article)."""

    removed: list[RemovedDocument]
