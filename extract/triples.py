"""Subject–predicate–object facts beyond speech: "Zelensky visited the White House", "Ukraine lacked
Tomahawk missiles". The subject must be an actor; the object is kept as words, and as an actor
too when it names one. Speech cues are left to statements, and words inside quotes to their speaker.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .actors import PERSONAL, ActorResolver, mention_span
from .records import Document, Triple

SKIP_LEMMAS = {"be", "have", "do", "say", "tell", "make", "get", "go", "take", "give", "come"}
OBJECT_DEPS = {"dobj", "attr", "dative"}


def _object(verb: Token) -> tuple[Token | None, str]:
    """The verb's object and the predicate it makes: "visit", "meet with", "lack"."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS:
            return child, verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"with", "to", "against", "on", "from", "for"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, f"{verb.lemma_.lower()} {child.lower_}"
    return None, ""


def _words(token: Token) -> str:
    """The object's noun phrase, without the clauses that hang from it."""
    end = token.right_edge.i + 1
    for child in token.rights:
        if child.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"} or child.is_punct:
            end = min(end, child.left_edge.i)
    span = token.doc[token.left_edge.i:max(end, token.i + 1)]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span.text


def find_triples(document: Document, doc: Doc, resolver: ActorResolver, *, quoted: set[int],
                 cue_tokens: set[int]) -> list[Triple]:
    """Facts whose subject is an actor, each kept with its sentence."""
    triples: list[Triple] = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.i in quoted or verb.i in cue_tokens or verb.lemma_.lower() in SKIP_LEMMAS:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None) if verb.dep_ == "conj" else None
        if subject is None or subject.lower_ in PERSONAL:
            continue
        found = resolver.resolve_span(mention_span(subject))
        obj, predicate = _object(verb)
        if found is None or obj is None or obj.lower_ in PERSONAL:
            continue
        target = resolver.resolve_span(mention_span(obj)) if obj.pos_ == "PROPN" else None
        if any(c.dep_ == "neg" for c in verb.children):
            predicate = f"not {predicate}"
        sent = verb.sent
        triples.append(Triple(
            doc=document.name, subject=found.actor.name, subject_id=found.actor.id, predicate=predicate,
            object=_words(obj), object_id=target.actor.id if target else "",
            sentence=document.text[sent.start_char:sent.end_char].strip(), start=sent.start_char, end=sent.end_char,
        ))
    return triples
