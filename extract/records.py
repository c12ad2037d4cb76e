"""The record types that cross from extract/ into graph/.

They are plain frozen dataclasses: extraction never needs a store, and graph/ is the only
layer that knows RDF. Every record keeps the character offsets of its evidence so that a
statement in the graph can be traced back to the exact characters of its article.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["direct", "reported"]
EventStatus = Literal["held", "planned", "cancelled"]
Stance = Literal["requests", "supports", "opposes", "rejects", "warns", "neutral"]
ActorType = Literal["Person", "State", "Organization", "Group"]

TEXT_JOINER = " "  # between the pieces of a statement's text (see Statement.spans)
STANCES: tuple[str, ...] = ("requests", "supports", "opposes", "rejects", "warns", "neutral")
EVENT_STATUSES: tuple[str, ...] = ("held", "planned", "cancelled")
KINDS: tuple[str, ...] = ("direct", "reported")


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from disk, before extraction.

    `text` is the article exactly as stored (title line included), so offsets into it are
    offsets into the file; `clean` is the same text with page furniture blanked out to
    spaces, keeping every offset valid.
    """

    name: str
    text: str
    clean: str
    title: str = ""
    url: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known
    publisher: str = ""  # the outlet (site name) that published it, when known
    author: str = ""  # who wrote it, as the page or feed names them ("A; B" for several)
    summary_only: bool = False  # a feed entry that carried only its summary, not the article

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the document's identity, so re-ingesting it changes nothing."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: a known one from the ontology, or a new one found in text."""

    id: str  # IRI
    name: str
    type: ActorType = "Person"
    role: str = ""
    wikidata: str = ""
    aliases: tuple[str, ...] = ()
    known: bool = True  # False for actors first met in text (anonymous sources included)
    part_of: str = ""  # IRI of the state an institution belongs to (the Kremlin → Russia)
    members: tuple[str, ...] = ()  # IRIs of a group's members (joint speakers)


@dataclass(frozen=True, slots=True)
class Claim:
    """A position the speaker ascribes to someone else ("we want that, but Mr Putin does not").

    It is the speaker's claim about the holder, never the holder's own statement.
    """

    holder: str
    holder_id: str
    stance: Stance
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what, to whom, about which topics, with which stance: one attributed utterance."""

    doc: str
    speaker: str
    speaker_id: str
    speaker_mention: str
    kind: Kind
    text: str
    cue: str
    sentence: str
    start: int
    end: int
    addressees: tuple[str, ...] = ()
    addressee_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    stance: Stance = "neutral"
    confidence: float = 0.5
    claims: tuple[Claim, ...] = ()
    date: str = ""  # ISO date the statement was made: a date the text gives ("on Friday"), else the article's
    speaker_wikidata: str = ""  # the speaker's Wikidata Q-id where it is known: it settles identity when scoring
    stance_confidence: float = 0.5  # how often the way this stance was read is right (extract/stance.py)
    contrasted: tuple[str, ...] = ()  # topics (also in `topics`) the speaker argues against: "X, not Y"
    # The character ranges of the statement's words when they come in several pieces (a quote split by
    # its attribution, a clause around a parenthetical cue): `text` is the pieces joined by one space.
    # Empty: one piece, `text` is exactly text[start:end].
    spans: tuple[tuple[int, int], ...] = ()

    @property
    def pieces(self) -> tuple[tuple[int, int], ...]:
        """The character ranges `text` is made of: TEXT_JOINER.join(article[s:e] for s, e in pieces) == text."""
        return self.spans or ((self.start, self.end),)

    def to_json(self) -> dict[str, Any]:
        """The public JSONL contract read by `score.py` and written by `diplograph extract`."""
        data = asdict(self)
        data["spans"] = [list(piece) for piece in self.pieces]
        for key in ("addressees", "addressee_ids", "topics", "contrasted"):
            data[key] = list(data[key])
        data["claims"] = [asdict(claim) for claim in self.claims]
        return data


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting, visit, call or summit, with who took part and where/when it happened."""

    doc: str
    kind: str  # meeting | visit | call | summit
    trigger: str
    participants: tuple[str, ...]
    participant_ids: tuple[str, ...]
    sentence: str
    start: int
    end: int
    place: str = ""
    date: str = ""  # ISO date when resolved against the article's date
    date_text: str = ""  # the words that give the date ("on Friday", "in the next few weeks")
    planned: bool = False  # announced for the future rather than reported as done (status "planned")
    status: EventStatus = "held"  # held ("met"), planned ("will meet", "is preparing to meet"), cancelled ("called off")
    hosts: tuple[str, ...] = ()  # ids of the participants who host (a visit's host); the others are guests


@dataclass(frozen=True, slots=True)
class Triple:
    """Any other subject–predicate–object fact of a sentence, kept with its evidence."""

    doc: str
    subject: str
    subject_id: str
    predicate: str
    object: str
    sentence: str
    start: int
    end: int
    object_id: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document: the single record that graph/ ingests."""

    document: Document
    statements: tuple[Statement, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    triples: tuple[Triple, ...] = field(default_factory=tuple)
