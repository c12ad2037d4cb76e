"""Plain-English questions → a statement query: who, about what, with which stance.

A small grammar of the phrasings people actually type ("who said what about Tomahawks",
"what did Trump say about the ceasefire", "who opposes sanctions", "Zelensky's position on
territory"). Topic words resolve through the topic lexicon and actor words through the actor
lexicon, so a new alias or topic label in ontology/ is understood here without code changes.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from diplograph.ontology.lexicon import find_actor, find_topic, load_topics

if TYPE_CHECKING:
    from diplograph.graph.store import GraphStore, StatementRow

EXAMPLES: tuple[str, ...] = (
    "who said what about Tomahawks",
    "what did Trump say about the ceasefire",
    "what did Putin say",
    "who opposes sanctions",
    "who supports a peace deal",
    "who requested air defense",
    "Zelensky's position on territory",
)

# The verb of "who <verb> X" → the stance label it asks for.
STANCE_VERBS: dict[str, str] = {
    "requests": "requests", "requested": "requests", "request": "requests",
    "asks for": "requests", "asked for": "requests", "wants": "requests", "wanted": "requests",
    "supports": "supports", "supported": "supports", "backs": "supports", "backed": "supports",
    "favours": "supports", "favors": "supports",
    "opposes": "opposes", "opposed": "opposes", "is against": "opposes", "was against": "opposes",
    "rejects": "rejects", "rejected": "rejects", "refuses": "rejects", "refused": "rejects",
    "warns about": "warns", "warned about": "warns", "warns against": "warns",
    "warned against": "warns", "warns of": "warns", "warned of": "warns",
}
_VERBS = "|".join(sorted((re.escape(verb) for verb in STANCE_VERBS), key=len, reverse=True))
_ABOUT = r"(?:about|on|of|regarding|concerning)"

# Each pattern names the parts it captures: speaker, topic and/or verb.
PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"^who (?:said|says|has said) (?:what|anything|something) {_ABOUT} (?P<topic>.+)$",
        rf"^who (?:said|says|spoke|talked|commented) {_ABOUT} (?P<topic>.+)$",
        rf"^what (?:was|has been|is) said {_ABOUT} (?P<topic>.+)$",
        rf"^what (?:did|does|has) (?P<speaker>.+?) (?:say|said|think|thinks)(?: {_ABOUT} (?P<topic>.+))?$",
        rf"^who (?P<verb>{_VERBS}) (?P<topic>.+)$",
        rf"^(?:what is |what's )?(?P<speaker>.+?)(?:'s|’s|'|’) (?:position|stance|view|views|line|statements?|remarks?) {_ABOUT} (?P<topic>.+)$",
        r"^(?:what is |what's )?(?P<speaker>.+?)(?:'s|’s|'|’) (?:position|stance|views|statements|remarks)$",
    )
)


class AskError(ValueError):
    """A question the grammar cannot read, or whose topic is not in the lexicon; the message says what works."""


@dataclass(frozen=True, slots=True)
class Question:
    """What a question asks for: each part None when the question leaves it open."""

    text: str
    speaker: str | None = None  # canonical actor name, or the question's own words for an unknown actor
    topic: str | None = None  # topic key
    stance: str | None = None  # stance label


@dataclass(frozen=True, slots=True)
class Answer:
    """The question as understood, and the statements that answer it."""

    question: str
    speaker: str | None
    topic: str | None
    stance: str | None
    rows: list[StatementRow] = field(default_factory=list)


def _help(reason: str) -> str:
    examples = "\n".join(f"  - {example}" for example in EXAMPLES)
    return f"{reason}\nTry one of these phrasings:\n{examples}"


def _resolve_topic(words: str) -> str:
    key = find_topic(words)
    if key is None:
        known = ", ".join(sorted(load_topics()))
        raise AskError(_help(f"Unknown topic {words!r}. Known topics: {known}."))
    return key


def _resolve_speaker(words: str) -> str:
    entry = find_actor(words)
    return entry.name if entry is not None else words


def parse_question(text: str) -> Question:
    """Read a question into speaker, topic and stance, or raise AskError with example phrasings."""
    cleaned = re.sub(r"\s+", " ", text).strip().rstrip("?.! ").strip()
    if not cleaned:
        raise AskError(_help("The question is empty."))
    for pattern in PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        speaker = parts.get("speaker")
        topic = parts.get("topic")
        verb = parts.get("verb")
        return Question(
            text=text,
            speaker=_resolve_speaker(speaker.strip()) if speaker else None,
            topic=_resolve_topic(topic.strip()) if topic else None,
            stance=STANCE_VERBS[verb.lower()] if verb else None,
        )
    raise AskError(_help(f"Cannot read the question {text!r}."))


def answer(
    store: GraphStore, question: str, *, limit: int | None = None, lookup: Callable[..., list[StatementRow]] | None = None
) -> Answer:
    """Answer a plain-English question from the statements in `store` (through `lookup` when given:
    the API passes its in-memory index, which answers like `store.statements`)."""
    parsed = parse_question(question)
    rows = (lookup or store.statements)(speaker=parsed.speaker, topic=parsed.topic, stance=parsed.stance, limit=limit)
    return Answer(question=question, speaker=parsed.speaker, topic=parsed.topic, stance=parsed.stance, rows=rows)
