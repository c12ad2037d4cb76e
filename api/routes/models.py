"""Pydantic response models: what the API returns, documented field by field in /openapi.json."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from diplograph.graph.position_rows import newest


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
    date: str = Field(description="When it was said: the date the sentence gives, else the publication date; "
                      "empty when neither is known. Date filters and date orders use it.")
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


class ErrorOut(BaseModel):
    """Every 4xx answer: what went wrong and how to fix it."""

    error: str = Field(description="Short error kind, e.g. 'malformed query'.")
    message: str = Field(description="The details: a parser message, the accepted values, example phrasings.")
    examples: list[str] | None = Field(default=None, description="Phrasings that work (for /ask).")
    suggestions: list[str] | None = Field(
        default=None, description="For an unknown actor or topic: the nearest known names (may be empty)."
    )


class PositionEvidenceOut(BaseModel):
    """One report that gives evidence of a position: what was said, in which article, when, where exactly."""

    statement: str = Field(description="IRI of the statement.")
    utterance: str = Field(description="IRI of the utterance it reports: copies of one wire story share it.")
    text: str = Field(description="What was said.")
    sentence: str = Field(description="The sentence it comes from.")
    stance: str = Field(description="Stance of this statement.")
    doc: str = Field(description="Article name.")
    doc_iri: str = Field(description="IRI of the article.")
    title: str = Field(description="Article title, when known.")
    outlet: str = Field(description="The outlet: the host of the article's URL, when known.")
    url: str = Field(description="Article URL, when known.")
    date: str = Field(description="When it was said (YYYY-MM-DD): the date the text gives, else the article's "
                      "publication date; empty when the article has no date.")
    dated: bool = Field(description="False when neither the text nor the article gives a date.")
    start: int = Field(description="Start character offset of `text` in the article.")
    end: int = Field(description="End character offset of `text` in the article.")
    confidence: float = Field(description="Extractor confidence, 0 to 1.")


class PositionOut(BaseModel):
    """Where an actor stands on a topic, by its own words (claimed false) or by what one other actor
    claims it holds (claimed true, reporter = who claims it): one summary per holder × topic × reporter."""

    iri: str = Field(description="IRI of the position node (positions graph).")
    holder: str = Field(description="Canonical name of the actor holding the position.")
    holder_id: str = Field(description="IRI of the holder.")
    topic: str = Field(description="Topic key.")
    stance: str = Field(description="The current stance: that of the latest dated utterance that takes one "
                        "(ties broken by confidence). requests | supports | opposes | rejects | warns | neutral.")
    reporter: str = Field(description="Who said so: the holder itself, or another actor making a claim.")
    reporter_id: str = Field(description="IRI of the reporter.")
    claimed: bool = Field(description="True when another actor claims the holder's position.")
    count: int = Field(description="Utterances that are evidence for it (a story republished by five outlets "
                       "counts once): the position's weight.")
    reports: int = Field(description="Statements that are evidence for it (every copy counts).")
    stances: dict[str, int] = Field(description="Utterances of each stance, e.g. {\"supports\": 3, \"opposes\": 1}.")
    shifts: int = Field(description="How many times the stance changed (GET /shifts lists them).")
    first_date: str = Field(description="Date of the earliest evidence (YYYY-MM-DD), when known.")
    last_date: str = Field(description="Date of the latest evidence, when known.")
    undated: int = Field(description="Utterances without a date (undated articles): counted, outside the history.")
    evidence: list[PositionEvidenceOut] = Field(description="The newest reports of the evidence (at most `evidence` "
                                                "of them), in date order (undated last): the end of the history. "
                                                "GET /positions/evidence?position=IRI pages back through all `reports`.")

    @classmethod
    def from_row(cls, row: Any, *, evidence: int | None = None) -> PositionOut:
        """Build from a graph PositionRow; `evidence` keeps the newest so many reports (`reports` tells all)."""
        data = row.to_json()
        data["stances"] = data.get("stances") or {}
        if evidence is not None:
            data["evidence"] = list(newest(data["evidence"], evidence))
        return cls.model_validate(data)


class ShiftOut(BaseModel):
    """A change of stance: the holder's utterance `before` took one stance, the next one `after` another."""

    iri: str = Field(description="IRI of the shift node (positions graph).")
    holder: str = Field(description="Canonical name of the actor whose stance changed.")
    holder_id: str = Field(description="IRI of the holder.")
    topic: str = Field(description="Topic key.")
    reporter: str = Field(description="Whose words: the holder, or the actor claiming it.")
    reporter_id: str = Field(description="IRI of the reporter.")
    claimed: bool = Field(description="True for a shift in what another actor claims.")
    from_stance: str = Field(description="Stance before the shift.")
    to_stance: str = Field(description="Stance after the shift.")
    previous_date: str = Field(description="Date of the statement before (YYYY-MM-DD).")
    date: str = Field(description="Date of the statement after: when the shift was seen.")
    position: str = Field(description="IRI of the position it belongs to.")
    before: PositionEvidenceOut = Field(description="The statement on the earlier side.")
    after: PositionEvidenceOut = Field(description="The statement on the later side.")

    @classmethod
    def from_row(cls, row: Any) -> ShiftOut:
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
    statement_count: int = Field(description="Statements the actor made: the total the `statements` page is cut from.")
    statements: list[StatementOut] = Field(description="One page of the statements, newest first (limit, offset).")
    positions_total: int = Field(description="Positions in the actor's own words, in all.")
    positions: list[PositionOut] = Field(description="Positions in the actor's own words, the most evidenced "
                                         "first (at most `positions` of them; each with its newest `evidence` reports).")
    claimed_positions_total: int = Field(description="Positions others claim the actor holds, in all.")
    claimed_positions: list[PositionOut] = Field(description="Positions others claim the actor holds (paged as `positions`).")

    @classmethod
    def from_profile(cls, profile: Any, *, positions: int | None = None, evidence: int | None = None) -> ActorProfileOut:
        """Build from a graph ActorProfile: `positions` and `evidence` bound the positions and their reports."""
        actor = profile.actor

        def page(rows: Any) -> list[PositionOut]:
            ranked = sorted(rows, key=lambda p: (-p.count, p.topic))[:positions]
            return [PositionOut.from_row(row, evidence=evidence) for row in ranked]

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
            positions_total=_total(profile.positions_total, profile.positions),
            positions=page(profile.positions),
            claimed_positions_total=_total(profile.claimed_positions_total, profile.claimed_positions),
            claimed_positions=page(profile.claimed_positions),
        )


def _total(total: int | None, rows: Any) -> int:
    """How many in all: the store's count when it paged them, else the rows themselves."""
    return len(rows) if total is None else total


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
    publisher: str = Field(description="The outlet (site or feed name) that published it, when known.")
    author: str = Field(description="Its author(s) as the page or feed names them ('; ' between several).")
    summary_only: bool = Field(description="True when a feed carried only the entry's summary, not the article.")
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


class AskStatementOut(StatementOut):
    """A statement in an answer, with why it answers."""

    match: str = Field(description="asked (what the question asks), neighbour (a neighbouring stance), "
                                   "addressed or named (a reaction to the actor asked about).")


class PeriodOut(BaseModel):
    """The publication dates a time phrase of the question covers (inclusive; null = open)."""

    phrase: str = Field(description="The time words as typed, e.g. 'since October'.")
    start: str | None = Field(description="First date (YYYY-MM-DD), or null.")
    end: str | None = Field(description="Last date (YYYY-MM-DD), or null.")


class EventOut(BaseModel):
    """A meeting, visit, call or summit with who took part."""

    iri: str = Field(description="IRI of the event.")
    kind: str = Field(description="meeting | visit | call | summit.")
    participants: list[str] = Field(description="Canonical names of who took part.")
    participant_ids: list[str] = Field(description="IRIs of who took part.")
    place: str = Field(description="Where, when the article says.")
    date: str = Field(description="ISO date, when resolved.")
    date_text: str = Field(description="The words that give the date.")
    planned: bool = Field(description="Announced, not yet held (status planned; kept for older clients).")
    sentence: str = Field(description="The sentence that reports it.")
    doc: str = Field(description="Article name.")
    published: str = Field(description="Publication date of the article, when known.")
    status: str = Field(description="held (\"met\", \"held talks\"), planned (\"will meet\", \"is preparing to "
                                    "meet\") or cancelled (\"called off\", \"postponed\"). Only held meetings are "
                                    "`met` edges of the actor network.", examples=["held"])
    hosts: list[str] = Field(default_factory=list, description="Participants who host: the one a visit goes to, "
                                                                "the leader receiving it, the host of talks.")
    guests: list[str] = Field(default_factory=list, description="Participants who are hosted: a visit's visitor.")


class ComparisonOut(BaseModel):
    """Two actors' own stances on one topic (stance -> statement count), and whether they agree."""

    topic: str = Field(description="Topic key.")
    first: dict[str, int] = Field(description="The first actor's stances on the topic.")
    second: dict[str, int] = Field(description="The second actor's stances on the topic.")
    relation: str = Field(description="agree | differ | only first | only second.")


class AskPositionOut(PositionOut):
    """A position in an answer, with why it answers."""

    match: str = Field(description="asked, neighbour (a neighbouring stance) or claim (another actor's claim "
                                   "about the holder).")


class AskOut(BaseModel):
    """A plain-English question as understood, and what answers it, each row marked with why."""

    question: str = Field(description="The question as asked.")
    intent: str = Field(description="statements | positions | stance | wants | meetings | agreement | reactions | "
                                    "comparison.")
    speaker: str | None = Field(description="The actor asked about (canonical name), if any.")
    other: str | None = Field(default=None, description="A second actor: addressee, partner, target or compared actor.")
    topic: str | None = Field(description="Topic key the question asks about, if any.")
    stance: str | None = Field(description="Stance the question asks about, if any.")
    stances: list[str] = Field(default_factory=list, description="The stance asked for and its neighbours.")
    status: str | None = Field(default=None, description="For meetings: the event status asked for (held | planned | "
                                                          "cancelled), if any.")
    period: PeriodOut | None = Field(default=None, description="The dates a time phrase covers, if any.")
    reference_date: str | None = Field(default=None, description="The date relative time words were read against.")
    verdict: str | None = Field(default=None, description="For yes/no questions: yes | no | not stated; for "
                                                         "\"did A meet B\": yes (held) | planned (only announced) | "
                                                         "cancelled (only called off) | not stated.")
    notes: list[str] = Field(default_factory=list, description="How names and dates were read; why nothing answers.")
    statements: list[AskStatementOut] = Field(description="The statements that answer it, with their evidence.")
    positions: list[AskPositionOut] = Field(default_factory=list, description="The positions that answer it.")
    events: list[EventOut] = Field(default_factory=list, description="The meetings that answer it.")
    comparison: list[ComparisonOut] = Field(default_factory=list, description="Per topic, both actors' stances.")

    @classmethod
    def from_answer(cls, answer: Any) -> AskOut:
        """Build from an api.ask.Answer."""
        period = answer.period
        return cls(
            question=answer.question, intent=answer.intent, speaker=answer.speaker, other=answer.other,
            topic=answer.topic, stance=answer.stance, stances=list(answer.stances), status=answer.status,
            period=PeriodOut(phrase=period.phrase, start=period.start, end=period.end) if period else None,
            reference_date=answer.reference_date, verdict=answer.verdict, notes=answer.notes,
            statements=[AskStatementOut.model_validate(m.to_json()) for m in answer.statements],
            positions=[AskPositionOut.model_validate(m.to_json()) for m in answer.positions],
            events=[EventOut.model_validate(e.to_json()) for e in answer.events],
            comparison=[ComparisonOut.model_validate(c.to_json()) for c in answer.comparison],
        )


class PhrasingOut(BaseModel):
    """One kind of question /ask reads."""

    intent: str = Field(description="What the question asks for.")
    examples: list[str] = Field(description="Example phrasings, each answered on the seed articles.")
    reads: str = Field(description="What the answer holds.")


class RemovedDocument(BaseModel):
    """One removed article."""

    doc: str = Field(description="Article name.")
    doc_iri: str = Field(description="IRI of the article.")
    content_hash: str = Field(description="SHA-256 of its text.")


class RemovedOut(BaseModel):
    """What DELETE /documents/{ref} removed (always exactly one article)."""

    removed: list[RemovedDocument] = Field(description="The article removed, with its IRI and content hash.")
