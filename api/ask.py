"""Answer a plain-English question from the store, through the same lookups as /statements and /positions.

api/questions.py reads the question into an intent and its words; api/names.py matches the words
to stored actors and topics (aliases, plurals, typos with a "did you mean" note, unknown names as
UnknownName); api/timespans.py turns time words into dates. This module picks the lookups each
intent needs — statements (GraphStore.statements: the statements index), positions, events —
and marks every row with why it answers: the stance asked for ("asked"), a neighbouring stance
("neighbour"), another actor's claim about the holder ("claim"), a statement addressed to or
naming an actor ("addressed", "named").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .names import NameBook, NameMatch, UnknownName
from .questions import (
    EXAMPLES,
    NEIGHBOUR_STANCES,
    ParsedQuestion,
    QuestionError,
    help_text,
    parse,
)
from .timespans import Period, resolve

if TYPE_CHECKING:
    from diplograph.graph.lookups import EventRow, PositionRow
    from diplograph.graph.store import GraphStore, StatementRow

__all__ = ["EXAMPLES", "Answer", "QuestionError", "UnknownName", "answer"]

StatementLookup = Callable[..., list["StatementRow"]]
CRITICAL_STANCES = ("opposes", "rejects", "warns")
# A reaction is a statement by another actor with one of these stances or a cue that says it.
REACTION_STANCES = {"criticised": CRITICAL_STANCES, "praised": ("supports",), "thanked": ()}
REACTION_CUES = {"criticised": r"critici[sz]|blam|condemn|attack|accus|slam|denounc",
                 "praised": r"prais|commend|hail|welcom|thank", "thanked": r"thank"}




@dataclass(frozen=True, slots=True)
class Marked:
    """A row of the answer and why it answers: asked | neighbour | claim | addressed | named."""

    row: Any
    match: str

    def to_json(self) -> dict[str, Any]:
        return {**self.row.to_json(), "match": self.match}


@dataclass(frozen=True, slots=True)
class TopicComparison:
    """Two actors' own stances on one topic, with statement counts, and whether they agree."""

    topic: str
    first: dict[str, int]
    second: dict[str, int]
    relation: str  # agree | differ | only first | only second

    def to_json(self) -> dict[str, Any]:
        return {"topic": self.topic, "first": self.first, "second": self.second, "relation": self.relation}


@dataclass(slots=True)
class Answer:
    """The question as understood, and what answers it."""

    question: str
    intent: str
    speaker: str | None = None
    other: str | None = None
    topic: str | None = None
    stance: str | None = None
    stances: tuple[str, ...] = ()
    status: str | None = None  # held | planned | cancelled: the events a meetings question asks for
    period: Period | None = None
    reference_date: str | None = None
    verdict: str | None = None  # yes | no | not stated; for meetings yes | planned | cancelled | not stated
    notes: list[str] = field(default_factory=list)
    statements: list[Marked] = field(default_factory=list)
    positions: list[Marked] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    comparison: list[TopicComparison] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
    store: GraphStore
    lookup: StatementLookup
    book: NameBook
    answer: Answer
    dates: dict[str, str | None]

    def statements(self, **filters: Any) -> list[StatementRow]:
        return self.lookup(**filters, **self.dates)

    def positions(self, **filters: Any) -> list[PositionRow]:
        found = self.store.positions(**filters)
        return [p for p in found if _in_period(p.first_date, p.last_date, self.answer.period)]


def _in_period(first: str, last: str, period: Period | None) -> bool:
    """Whether evidence dated first..last overlaps the period (undated evidence does not)."""
    if period is None:
        return True
    if not first and not last:
        return False
    return (period.end is None or (first or last) <= period.end) and (period.start is None or (last or first) >= period.start)


def _reference_date(store: GraphStore, today: date) -> tuple[date, str]:
    """The newest publication date stored (so "last week" means the archive's last week), else today."""
    dates = [d.published[:10] for d in store.documents() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.published[:10])]
    if dates:
        newest = max(dates)
        return date.fromisoformat(newest), f"Dates are read relative to {newest}, the newest publication date stored."
    return today, f"Dates are read relative to today, {today.isoformat()}: no stored article has a publication date."


def _match(ctx: _Context, kind: str, words: str | None) -> NameMatch | None:
    if words is None:
        return None
    found = ctx.book.actor(words, correct_typos=True) if kind == "actor" else ctx.book.topic(words, correct_typos=True)
    if found.note:
        ctx.answer.notes.append(found.note)
    return found


def answer(store: GraphStore, question: str, *, limit: int | None = None, lookup: StatementLookup | None = None,
           today: date | None = None) -> Answer:
    """Answer `question` from `store`; QuestionError when unreadable, UnknownName for an unknown actor or topic.
    `lookup` answers like store.statements (which it is unless a caller passes another)."""
    parsed = parse(question)
    result = Answer(question=question, intent=parsed.intent)
    ctx = _Context(store=store, lookup=lookup or store.statements, book=NameBook.of(store), answer=result, dates={})
    speaker = _match(ctx, "actor", parsed.speaker)
    other = _match(ctx, "actor", parsed.other)
    topic = _match(ctx, "topic", parsed.topic)
    result.speaker = speaker.label if speaker else None
    result.other = other.label if other else None
    result.topic = topic.value if topic else None
    result.stance = parsed.stance
    if parsed.time is not None:
        reference, note = _reference_date(store, today or date.today())
        try:
            result.period = resolve(parsed.time, reference)
        except ValueError as exc:  # "since February 30"
            raise QuestionError(help_text(f"Cannot read the dates {parsed.time!r}: {exc}.")) from None
        result.reference_date = reference.isoformat()
        result.notes.append(note)
        ctx.dates = {"date_from": result.period.start, "date_to": result.period.end}
    ANSWERERS[parsed.intent](ctx, parsed, speaker, other, topic)
    if limit is not None:
        result.statements = result.statements[:limit]
    if not (result.statements or result.positions or result.events or result.comparison):
        result.notes.append("Nothing stored answers this question" + (" in that period." if result.period else "."))
    return result


def _mark_statements(rows: list[StatementRow], match: str, seen: set[str]) -> list[Marked]:
    marked = [Marked(row, match) for row in rows if row.iri not in seen]
    seen.update(row.iri for row in rows)
    return marked


def _own_or_claim(position: PositionRow, asked: tuple[str, ...]) -> str:
    if position.claimed:
        return "claim"
    return "asked" if position.stance in asked else "neighbour"


def _ordered(marked: list[Marked]) -> list[Marked]:
    order = {"asked": 0, "neighbour": 1, "claim": 2, "addressed": 0, "named": 1}
    return sorted(marked, key=lambda m: order.get(m.match, 3))


def _statements(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
                topic: NameMatch | None) -> None:
    rows = ctx.statements(speaker=speaker.value if speaker else None, topic=topic.value if topic else None,
                          kind=q.kind)
    if other is not None:
        rows = [r for r in rows if other.label in r.addressees]
    ctx.answer.statements = [Marked(r, "asked") for r in rows]
    if speaker is not None and not rows and not ctx.lookup(speaker=speaker.value, limit=1):
        ctx.answer.notes.append(f"{speaker.label} is known but has no stored statements.")


def _stance(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
            topic: NameMatch | None) -> None:
    asked = q.stance or "neutral"
    family = (asked, *NEIGHBOUR_STANCES.get(asked, ()))
    ctx.answer.stances = family
    seen: set[str] = set()
    marked: list[Marked] = []
    for stance in family:
        rows = ctx.statements(topic=topic.value if topic else None, stance=stance)
        marked += _mark_statements(rows, "asked" if stance == asked else "neighbour", seen)
    ctx.answer.statements = marked
    positions = [p for p in ctx.positions(topic=topic.value if topic else None) if p.stance in family]
    ctx.answer.positions = _ordered([Marked(p, _own_or_claim(p, (asked,))) for p in positions])


def _positions(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
               topic: NameMatch | None) -> None:
    assert speaker is not None
    positions = ctx.positions(actor=speaker.value, topic=topic.value if topic else None)
    ctx.answer.positions = _ordered([Marked(p, "claim" if p.claimed else "asked") for p in positions])
    rows = ctx.statements(speaker=speaker.value, topic=topic.value if topic else None)
    ctx.answer.statements = [Marked(r, "asked") for r in rows]


def _wants(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
           topic: NameMatch | None) -> None:
    assert speaker is not None
    ctx.answer.stance, ctx.answer.stances = "requests", ("requests", "supports")
    positions = [p for p in ctx.positions(actor=speaker.value) if p.stance in ctx.answer.stances]
    ctx.answer.positions = _ordered([Marked(p, _own_or_claim(p, ("requests",))) for p in positions])
    ctx.answer.statements = [Marked(r, "asked") for r in ctx.statements(speaker=speaker.value, stance="requests")]


def _meetings(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
              topic: NameMatch | None) -> None:
    events = ctx.store.events(actor=speaker.value if speaker else None, status=q.status)
    if other is not None:
        events = [e for e in events if other.value in e.participant_ids]
    if q.role is not None and speaker is not None:  # "who visited A" (A hosts), "did A visit B" (A is the guest)
        events = [e for e in events if e.kind == "visit" and _plays(e, speaker.value, q.role)
                  and (other is None or _plays(e, other.value, "host"))]
    period = ctx.answer.period
    if period is not None:
        events = [e for e in events if _in_period(e.date or e.published, e.date or e.published, period)]
    ctx.answer.events = events
    ctx.answer.status = q.status
    counts = Counter(e.status for e in events)
    if counts["planned"] or counts["cancelled"]:
        said = [f"{counts[s]} {STATUS_NOTES[s]}" for s in ("held", "planned", "cancelled") if counts[s]]
        ctx.answer.notes.append(f"{len(events)} event{'s' if len(events) != 1 else ''}: {'; '.join(said)}.")
    if q.role is not None and speaker is not None:
        ctx.answer.notes += _visit_notes(events, speaker.label, q.role)
    if speaker is not None and other is not None:
        ctx.answer.verdict = meeting_verdict(counts)


STATUS_NOTES = {"held": "held", "planned": "announced, not yet held (planned)", "cancelled": "called off (cancelled)"}


def meeting_verdict(counts: Counter[str]) -> str:
    """Did A meet B: yes when a held event says so; else planned (only announced), cancelled (only called
    off: they did not meet, as far as the articles say) or not stated."""
    for status, verdict in (("held", "yes"), ("planned", "planned"), ("cancelled", "cancelled")):
        if counts[status]:
            return verdict
    return "not stated"


def _plays(event: EventRow, actor_id: str, role: str) -> bool:
    """Whether the actor is the event's host (or guest); an event without recorded roles counts when the
    actor takes part."""
    if actor_id not in event.participant_ids:
        return False
    if not (event.hosts or event.guests):
        return True
    name = event.participants[event.participant_ids.index(actor_id)]
    return name in (event.hosts if role == "host" else event.guests)


def _visit_notes(events: list[EventRow], label: str, role: str) -> list[str]:
    """Who came to the host, or whom the guest went to, named in one line."""
    others = sorted({n for e in events for n in (e.guests if role == "host" else e.hosts) if n != label})
    if not others:
        return []
    return [f"{label} was visited by {', '.join(others)}." if role == "host" else f"{label} visited {', '.join(others)}."]


def _agreement(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
               topic: NameMatch | None) -> None:
    assert speaker is not None and topic is not None
    ctx.answer.stances = ("supports", "requests")
    positions = ctx.positions(actor=speaker.value, topic=topic.value)
    ctx.answer.positions = _ordered([Marked(p, "claim" if p.claimed else "asked") for p in positions])
    ctx.answer.statements = [Marked(r, "asked") for r in ctx.statements(speaker=speaker.value, topic=topic.value)]
    own = Counter(p.stance for p in positions if not p.claimed for _ in range(p.count))
    if own["supports"] or own["requests"]:
        ctx.answer.verdict = "yes"
    elif own["rejects"] or own["opposes"]:
        ctx.answer.verdict = "no"
    else:
        ctx.answer.verdict = "not stated"
    said = ", ".join(f"{n} {s}" for s, n in sorted(own.items())) or "nothing"
    ctx.answer.notes.append(f"{speaker.label}'s own statements on {topic.value}: {said}.")


def _names_of(book: NameBook, actor_id: str) -> list[str]:
    row = book.actors.get(actor_id)
    names = [row.name, *row.aliases] if row else []
    return [n for n in names if len(n) >= 4]


def _reactions(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
               topic: NameMatch | None) -> None:
    assert other is not None and q.reaction is not None
    stances = REACTION_STANCES[q.reaction]
    cue = re.compile(REACTION_CUES[q.reaction], re.IGNORECASE)
    ctx.answer.stances = stances
    names = _names_of(ctx.book, other.value)
    named = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, names)), re.IGNORECASE) if names else None
    target = re.compile(r"(?:%s)\w*\s+(?:%s)\b" % (REACTION_CUES[q.reaction], "|".join(map(re.escape, names))),
                        re.IGNORECASE) if names else None
    marked: list[Marked] = []
    for row in ctx.statements(topic=topic.value if topic else None):
        if row.speaker_id == other.value or not (row.stance in stances or cue.search(row.cue or "")):
            continue
        if other.label in row.addressees:
            marked.append(Marked(row, "addressed"))
        elif named is not None and (named.search(row.text) or (target is not None and target.search(row.sentence or ""))):
            # the target may be named only as the object of the reporting verb ("Peskov criticised Merz,
            # calling the decision reckless"): the statement's text is the content, the sentence holds the name
            marked.append(Marked(row, "named"))
    ctx.answer.statements = _ordered(marked)
    claims = [p for p in ctx.positions(actor=other.value) if p.claimed and p.stance in stances and stances]
    ctx.answer.positions = [Marked(p, "claim") for p in claims]


def _comparison(ctx: _Context, q: ParsedQuestion, speaker: NameMatch | None, other: NameMatch | None,
                topic: NameMatch | None) -> None:
    assert speaker is not None and other is not None
    firsts = [p for p in ctx.positions(actor=speaker.value, topic=topic.value if topic else None) if not p.claimed]
    seconds = [p for p in ctx.positions(actor=other.value, topic=topic.value if topic else None) if not p.claimed]
    ctx.answer.positions = [Marked(p, "asked") for p in firsts + seconds]
    by_topic: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for side, positions in enumerate((firsts, seconds)):
        for p in positions:
            by_topic.setdefault(p.topic, (Counter(), Counter()))[side][p.stance] += p.count
    rows = []
    for key in sorted(by_topic):
        first, second = by_topic[key]
        rows.append(TopicComparison(topic=key, first=dict(first), second=dict(second), relation=_relation(first, second)))
    ctx.answer.comparison = rows


def _relation(first: Counter[str], second: Counter[str]) -> str:
    """agree when the two share their main stance (neutral counts only when nothing else is said)."""
    if not first:
        return "only second"
    if not second:
        return "only first"

    def main(stances: Counter[str]) -> set[str]:
        said = {s: n for s, n in stances.items() if s != "neutral"} or dict(stances)
        top = max(said.values())
        return {s for s, n in said.items() if n == top}

    return "agree" if main(first) & main(second) else "differ"


ANSWERERS: dict[str, Callable[..., None]] = {
    "statements": _statements, "stance": _stance, "positions": _positions, "wants": _wants,
    "meetings": _meetings, "agreement": _agreement, "reactions": _reactions, "comparison": _comparison,
}
