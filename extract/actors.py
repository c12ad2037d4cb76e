"""Mentions → canonical actors: aliases, titles, role descriptors, pronouns and new actors.

Known actors come from the ontology's gazetteer. A person first met in the text becomes a new
actor (and later mentions of the same surname resolve to it); an anonymous source ("a senior US
official") stays anonymous, never guessed. Pronouns resolve to the most salient earlier person:
the last one that was a grammatical subject outside quotes, agreeing in gender where known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from diplograph.ontology.lexicon import ActorEntry, alias_index, find_actor, load_actors, normalize
from diplograph.ontology.terms import actor_iri

from .records import Actor

TITLES = {
    "mr", "mrs", "ms", "dr", "president", "prime", "minister", "foreign", "defense", "defence", "secretary",
    "chancellor", "premier", "king", "queen", "prince", "general", "gen", "senator", "sen", "rep", "representative",
    "ambassador", "envoy", "special", "spokesman", "spokeswoman", "spokesperson", "leader", "vice", "deputy",
    "former", "chief", "head", "state", "sir", "lady", "commissioner", "chair", "chairman", "governor", "mayor",
    "pope", "colonel", "admiral", "lieutenant", "u.s.", "us", "the", "of", "s", "'s",
}
SOURCE_NOUNS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman", "spokesperson",
    "aide", "aides", "adviser", "advisers", "advisor", "minister", "ministry", "office", "government", "administration",
    "military", "army", "commander", "analyst", "analysts", "expert", "experts", "lawmaker", "lawmakers", "senator",
    "envoy", "negotiator", "negotiators", "delegation", "embassy", "agency", "council", "committee", "parliament",
    "kremlin", "president", "leader", "leaders", "chancellor", "secretary", "general", "people",
}
ROLE_NOUNS = {"president", "chancellor", "minister", "secretary", "leader", "premier", "spokesman", "spokeswoman",
              "envoy", "ambassador", "commissioner", "king", "chairman"}
BARE_SOURCES = {"officials", "sources", "diplomats", "aides", "negotiators"}  # "Officials said ..." is attribution
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PERSONAL = MALE | FEMALE | {"i", "we", "they", "it", "you", "who", "which", "that"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor a mention resolves to, and how sure the resolution is."""

    actor: Actor
    mention: str
    certainty: float


def to_actor(entry: ActorEntry) -> Actor:
    return Actor(id=entry.id, name=entry.name, type=entry.type, role=entry.role, wikidata=entry.wikidata,
                 aliases=entry.aliases, known=True)


def mention_span(token: Token) -> Span:
    """The words naming the actor `token` heads: its determiners, titles and name parts, no clauses."""
    keep = {"det", "compound", "amod", "nmod", "poss", "case", "nummod", "flat", "npadvmod"}
    left = token.i
    for child in token.lefts:
        if child.dep_ in keep:
            left = min(left, child.left_edge.i if child.dep_ in {"poss", "compound", "amod"} else child.i)
    right = token.i
    for child in token.rights:
        if child.dep_ in {"flat", "compound"} and child.i == right + 1:
            right = child.i
    doc = token.doc
    if token.ent_iob_ in {"B", "I"}:  # widen to the whole entity, read off the IOB tags
        ent_start = token.i
        while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        ent_end = token.i + 1
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        left, right = min(left, ent_start), max(right, ent_end - 1)
    return doc[left:right + 1]


def entities_in(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, read off the IOB tags of its own tokens.

    spaCy's `Span.ents` walks every entity of the document, so calling it for each mention made
    actor resolution quadratic in the article's length; this costs the span's length only."""
    doc = span.doc
    found = []
    i = span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j <= span.end:
            found.append(Span(doc, i, j, label=doc[i].ent_type_))
        i = j
    return found


def _strip_titles(words: list[str]) -> list[list[str]]:
    """Candidate names inside a mention, longest first: "Ukrainian President Volodymyr Zelensky" → ..."""
    out = []
    for i in range(len(words)):
        tail = words[i:]
        if tail:
            out.append(tail)
    return out


@dataclass
class ActorResolver:
    """Resolves mentions of one document; remembers the persons it met for pronouns and surnames."""

    new_actors: dict[str, Actor] = field(default_factory=dict)
    surnames: dict[str, Actor] = field(default_factory=dict)
    # Actors this document names, in order of their latest resolution (a dict: moving one to the end
    # costs O(1), where a list's remove scanned them all at every mention).
    seen: dict[Actor, None] = field(default_factory=dict)

    def note_document(self, doc: Doc) -> None:
        """Remember the known actors the whole document names, so a short form ("the ministry",
        "Foreign Ministry" in a headline) can resolve to the full name used elsewhere."""
        actors = load_actors()
        for ent in doc.ents:
            entry = actors.get(ent.ent_id_)
            if entry is not None:
                self._remember(to_actor(entry))

    def _remember(self, actor: Actor) -> Actor:
        self.seen.pop(actor, None)
        self.seen[actor] = None
        return actor

    def _by_name_tail(self, words: list[str]) -> Actor | None:
        """The latest actor of this document whose name ends with these words ("ministry", "foreign ministry")."""
        if not words or all(w in TITLES for w in words):
            return None
        tail = " " + " ".join(words)
        for actor in reversed(self.seen):
            names = [actor.name, *actor.aliases]
            if actor.type != "Person" and any((" " + normalize(n)).endswith(tail) for n in names):
                return actor
        return None

    def actors(self) -> list[Actor]:
        return list(self.new_actors.values())

    def lookup(self, text: str) -> Actor | None:
        """A known or already-met actor for a name, trying it without its titles too."""
        words = [w for w in re.split(r"\s+", normalize(text)) if w]
        for candidate in _strip_titles(words):
            key = " ".join(candidate)
            entry = alias_index().get(key)
            if entry is not None:
                return self._remember(to_actor(entry))
            if key in self.surnames:
                return self._remember(self.surnames[key])
        found = self._by_name_tail(words) or self._by_role(text, words)
        return self._remember(found) if found else None

    def _by_role(self, text: str, words: list[str]) -> Actor | None:
        """"the president", "the chancellor": the latest person of this document holding that office."""
        if not re.match(r"(?i)^the\s", text.strip()) or not words or words[-1] not in ROLE_NOUNS:
            return None
        for actor in reversed(self.seen):
            entry = load_actors().get(actor.id)
            if actor.type == "Person" and entry is not None and words[-1] in normalize(entry.role).split():
                return actor
        return None

    def _new(self, name: str, type_: str, role: str = "") -> Actor:
        actor = Actor(id=actor_iri(name), name=name, type=type_, role=role, known=False)  # type: ignore[arg-type]
        self.new_actors.setdefault(actor.id, actor)
        return self.new_actors[actor.id]

    def resolve_span(self, span: Span) -> Resolution | None:
        """The actor a noun phrase names, a new actor for an unknown person or source, else None."""
        text = span.text.strip()
        if span.root.pos_ == "PRON":
            return None  # "supplying us with missiles": "us" is never the U.S.
        found = self.lookup(text)
        if found is not None:
            return Resolution(found, text, 1.0)
        head = span.root
        entities = entities_in(span)
        person_ents = [e for e in entities if e.label_ == "PERSON"]
        if person_ents:
            words = [t.text for t in person_ents[-1] if normalize(t.text) not in TITLES]
            if words:
                name = " ".join(words)
                actor = self._new(name, "Person")
                self.surnames.setdefault(normalize(words[-1]), actor)
                return Resolution(self._remember(actor), text, 0.8)
        org_ents = [e for e in entities if e.label_ in {"ORG", "GPE", "NORP"}]
        if org_ents and org_ents[-1].root == head:
            ent = org_ents[-1]
            kind = "State" if ent.label_ == "GPE" else "Organization"
            return Resolution(self._new(re.sub(r"^the\s+", "", ent.text, flags=re.I), kind), text, 0.7)
        modified = any(t.dep_ in {"det", "amod", "compound", "nummod", "poss"} for t in head.lefts)
        if head.lower_ in SOURCE_NOUNS and (modified or head.lower_ in BARE_SOURCES):
            right = [c.right_edge.i for c in head.rights if c.dep_ in {"amod", "acl"}]  # "people familiar with ..."
            if right:
                text = head.doc[span.start:max(right) + 1].text
            name = re.sub(r"^(the|a|an|one)\s+", "", text, flags=re.I)
            kind = "Person" if not head.lower_.endswith("s") else "Organization"
            return Resolution(self._new(name, kind, role="anonymous source"), text, 0.7)
        return None


def gender_of(actor: Actor) -> str:
    entry = load_actors().get(actor.id)
    return entry.gender if entry else ""


def agrees(pronoun: str, actor: Actor) -> bool:
    """A pronoun may refer to `actor`: persons only, gender respected where the gazetteer knows it."""
    if actor.type != "Person":
        return False
    gender = gender_of(actor)
    if pronoun in MALE:
        return gender in {"", "male"}
    if pronoun in FEMALE:
        return gender in {"", "female"}
    return True


__all__ = ["ActorResolver", "Resolution", "mention_span", "agrees", "to_actor", "find_actor", "PERSONAL"]
