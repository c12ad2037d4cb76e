"""Positions a speaker ascribes to others inside their own words.

In "we want that, but Mr Putin does not", Zelensky speaks and Putin is only talked about: the clause
with Putin as subject becomes a Claim (holder Putin, stance opposes) on Zelensky's statement. An
elliptical negation ("does not") takes the stance of the clause it mirrors, reversed.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import PERSONAL, ActorResolver, mention_span
from .records import Actor, Claim
from .topics import TopicTagger

REVERSED = {"supports": "opposes", "requests": "rejects", "opposes": "supports", "rejects": "supports"}


def _elliptical(verb: Token) -> bool:
    """"Mr Putin does not": an auxiliary standing for a verb phrase said just before."""
    return (verb.pos_ == "AUX" or verb.lemma_ == "do") and any(c.dep_ == "neg" for c in verb.children) and \
        not any(c.dep_ in {"xcomp", "dobj", "acomp", "attr", "ccomp"} for c in verb.children)


def find_claims(doc: Doc, start: int, end: int, speaker: Actor, resolver: ActorResolver,
                tagger: TopicTagger) -> tuple[Claim, ...]:
    """Claims about other actors' positions made in tokens [start, end)."""
    claims: list[Claim] = []
    for verb in doc[start:end]:
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ in PERSONAL:
            continue
        holder = resolver.lookup(mention_span(subject).text)
        if holder is None or holder.id == speaker.id:
            continue
        clause_start, clause_end = max(verb.left_edge.i, start), min(verb.right_edge.i + 1, end)
        stance = tagger.stance(doc, clause_start, clause_end)
        if _elliptical(verb) and verb.head.i != verb.i:
            mirrored = tagger.stance(doc, verb.head.left_edge.i, verb.i)
            stance = REVERSED.get(mirrored, "neutral")
        if stance == "neutral":
            continue
        text = doc[clause_start:clause_end].text.strip(" ,.")
        claims.append(Claim(holder=holder.name, holder_id=holder.id, stance=stance, text=text))  # type: ignore[arg-type]
    return tuple(claims)
