"""Mentions → canonical actors: known ones, states, institutions, unknown people, role descriptors.

Known actors come from the ontology's gazetteer; states from ISO 3166 (pycountry, with capitals and
demonyms from countryinfo). Anyone else is still an actor: a person named in the text is named as
printed with titles stripped into the role, and later surnames, first names with a title or role
descriptors ("the army chief", "the spokesman") link back to that person; an institution ("China's
foreign ministry", "the presidential administration") is an actor of its own, part of its state.
An anonymous source ("a senior US official") stays anonymous, never guessed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from diplograph.ontology.countries import Country, country_by_id, country_named, country_of_capital, \
    country_of_demonym, find_country
from diplograph.ontology.lexicon import ActorEntry, alias_index, find_actor, load_actors, normalize
from diplograph.ontology.terms import ACTOR, actor_iri

from .cues import headline_end
from .names import HONORIFICS, PARTICLES, clean_person_name, fold, is_honorific, name_parts, person_key
from .records import Actor

# Titles that only a person bears (never a body's name): "Ms X", "Pope Leo", "Emir Tamim"
PERSONAL_TITLES = {"mr", "mrs", "ms", "dr", "pope", "king", "queen", "emir", "sheikh", "prince", "princess", "sultan",
                   "cardinal", "imam", "ayatollah", "rabbi"}
COURTESY = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "sheikh", "sheik", "lord", "lady", "mr dr"}
TITLES = HONORIFICS | {"u.s.", "us", "of", "s", "'s"}
SOURCE_NOUNS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "spokesman", "spokeswoman", "spokesperson",
    "aide", "aides", "adviser", "advisers", "advisor", "minister", "ministry", "office", "government", "administration",
    "military", "army", "commander", "analyst", "analysts", "expert", "experts", "lawmaker", "lawmakers", "senator",
    "envoy", "negotiator", "negotiators", "delegation", "embassy", "agency", "council", "committee", "parliament",
    "kremlin", "president", "leader", "leaders", "chancellor", "secretary", "general", "people",
    "representative", "delegate", "ambassador", "prince", "king", "emir", "sultan", "premier", "governor", "mayor",
    "mediator", "prosecutor",
}
BARE_SOURCES = {"officials", "sources", "diplomats", "aides", "negotiators"}  # "Officials said ..." is attribution
ANONYMOUS = {"official", "officials", "source", "sources", "diplomat", "diplomats", "aide", "aides", "analyst",
             "analysts", "expert", "experts", "people", "person"}
# Head nouns of bodies that speak with one voice: "China's foreign ministry", "the Presidential Office".
INSTITUTIONS = {
    "ministry", "office", "administration", "department", "council", "commission", "authority", "agency", "mission",
    "embassy", "parliament", "cabinet", "presidency", "secretariat", "service", "court", "command", "navy", "army",
    "forces", "coalition", "party", "movement", "committee", "assembly", "bank", "tribunal", "bureau", "directorate",
    "government", "senate", "congress", "legislature", "junta", "kremlin", "platform", "alliance", "front", "union",
    "organisation", "organization", "corps", "guard", "police", "militia", "group", "board", "institute", "court",
    "treasury",  # the guide's own example of an institution: "the US Treasury"
    "chancellery", "palace", "presidium", "politburo",  # "the German chancellery", "the Elysee Palace"
    # bodies of members that speak with one voice: "the bar association", "the chamber of commerce"
    "association", "federation", "confederation", "chamber", "league", "syndicate", "consortium", "caucus",
    "opposition",
}
# Bodies and groups that speak as one under their bare noun ("the opposition said", "observers said"),
# where no earlier body of the article carries the noun; analysts and experts stay anonymous (ANONYMOUS).
COLLECTIVE_BODIES = {"opposition", "union", "junta"}
# Fighters named by nothing ("Rebels said") stay no speaker. A group's present tense in the body ("which,
# observers say, opened new opportunities") is the reporter's hedge, commentary by no one in particular (as
# "analysts say"), where "observers said" reports a mission's words.
COLLECTIVE_GROUPS = {"observers", "monitors"}
# A plural head that names one body only with its modifier: "South Korea's joint chiefs (of staff)".
PLURAL_BODIES = {("joint", "chiefs")}
# Bodies that gather members rather than serve one state: "In Bamako, the Alliance of Sahel States said"
# is not Mali's body, where "In Moscow, the foreign ministry said" is Russia's.
ASSOCIATIONS = {"alliance", "union", "coalition", "front", "movement", "party", "group", "organisation",
                "organization", "platform", "militia", "bloc", "association", "federation", "confederation",
                "chamber", "league", "syndicate", "consortium", "caucus", "opposition"}
# Role nouns that can stand for one person; the keys that refer to the same office.
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "president": "leader", "premier": "leader", "chancellor": "leader", "leader": "leader", "prime": "leader",
    "chief": "chief", "head": "chief", "minister": "minister", "secretary": "minister", "envoy": "envoy",
    "ambassador": "ambassador", "representative": "envoy", "negotiator": "negotiator", "commander": "commander", "general": "commander",
    "adviser": "adviser", "advisor": "adviser", "candidate": "candidate", "king": "leader", "emir": "leader",
    "governor": "governor", "mayor": "mayor", "commissioner": "commissioner", "chairman": "chief", "director": "chief",
    "chairwoman": "chief", "chairperson": "chief", "senator": "senator", "mediator": "mediator",
    "prosecutor": "prosecutor", "rapporteur": "rapporteur",
}
ROLE_NOUNS = set(ROLE_SYNONYMS)
POST_TITLES = {"mp", "mep", "msp", "mla", "qc", "kc", "jr", "sr"}  # titles printed after a name
RANKS = {"deputy", "vice", "former", "acting", "assistant", "junior", "shadow"}  # words that make another office of a role
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PERSONAL = MALE | FEMALE | {"i", "we", "they", "it", "you", "who", "which", "that"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor a mention resolves to, and how sure the resolution is."""

    actor: Actor
    mention: str
    certainty: float


@dataclass
class _Person:
    """A person this document names, with the role words the text gives them (for "the army chief")."""

    actor: Actor
    char: int
    roles: set[str]
    words: set[str]
    country: str


def to_actor(entry: ActorEntry) -> Actor:
    return Actor(id=entry.id, name=entry.name, type=entry.type, role=entry.role, wikidata=entry.wikidata,
                 aliases=entry.aliases, known=True, part_of=entry.part_of)


def country_actor(country: Country) -> Actor:
    """A state as an actor: the gazetteer's where it knows it, else from ISO 3166."""
    entry = load_actors().get(country.id)
    if entry is not None:
        return to_actor(entry)
    return Actor(id=country.id, name=country.name, type="State", role="state", wikidata=country.wikidata,
                 aliases=tuple(n for n in (*country.names, country.capital) if n and n != country.name), known=True)


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
    right = _name_goes_on(doc, token, left, right)
    return doc[left:right + 1]


NAME_LINKS = {"of", "for", "the", "and", "&"}  # the words that join the parts of a body's name


def _name_goes_on(doc: Doc, token: Token, left: int, right: int) -> int:
    """"the Office of the Trade Representative", "the National Council of Churches of Kenya": a body's name
    holding "of (the) X" is one name, printed whole; where NER cut it after "of" or "the" (its entities
    end mid-name), the name runs on through the proper noun that the preposition governs."""
    if token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
        return right
    while right + 1 < len(doc) and right >= token.i:
        dangling = doc[right].lower_ in NAME_LINKS and right > token.i
        # "... High Commissioner for Human Rights": a name already holding "of" goes on through a further
        # "for" or "of" with a proper noun, printed right after it
        goes_on = doc[right + 1].lower_ in {"of", "for"} and doc[right + 1].dep_ == "prep" \
            and left <= doc[right + 1].head.i <= right and any(t.lower_ == "of" and t.dep_ == "prep" for t in doc[left:right + 1])
        if not dangling and not goes_on:
            break
        links = [t for t in doc[left:right + 2] if t.dep_ in {"prep", "cc"} and t.lower_ in NAME_LINKS]
        name = next((c for t in links for c in (t.children if t.dep_ == "prep" else t.head.children)
                     if c.dep_ in ({"pobj"} if t.dep_ == "prep" else {"conj"}) and c.i > right), None)
        if name is None or name.pos_ != "PROPN" or not name.text[:1].isupper():
            break
        right = max(right + 1, mention_span(name).end - 1)
    return right


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


def _name_chain(token: Token) -> Span:
    """The proper name `token` ends: its run of proper-noun compounds and hyphens ("Singh-Rathore")."""
    doc = token.doc
    start = token.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in {"compound", "flat"}
                         or doc[start - 1].text == "-" and start > 1 and doc[start - 2].pos_ == "PROPN"):
        start -= 1
    return doc[start:token.i + 1]


def _of_country(head: Token) -> Country | None:
    """The state an "of" phrase after a role noun names ("the representative of Malaysia")."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for noun in prep.children:
                if noun.dep_ == "pobj":
                    found = country_named(_strip_determiner(mention_span(noun).text))
                    if found is not None:
                        return found
    return None


def _is_demonym(token: Token, chain: Span) -> bool:
    """A word of nationality in a name chain ("the minister, a Ukrainian"): NER's NORP, unless the chain is a
    name of several words none of which is a demonym ("Arman Petrosian", which the small model takes for a
    nationality)."""
    if token.ent_type_ != "NORP":
        return False
    return len(chain) < 2 or any(country_of_demonym(t.text) is not None for t in chain)


def _names_a_place(chain: Span) -> bool:
    """A run of names that NER took for a place and that is one: a state or a capital, whole or after a
    title, or a single word ("President Nino Kavelashvili" tagged a place is a person; "Kyiv" is not)."""
    if not any(t.ent_type_ == "GPE" for t in chain):
        return False
    words = clean_person_name(chain.text)[0] or chain.text
    return len(words.split()) < 2 or country_named(words) is not None or country_of_capital(words) is not None


def _inner_particle(token: Token, chain: Span) -> bool:
    """A lower-case particle inside a name ("Pieter de Vries", "Ursula von Berg"), never its first or last word."""
    return fold(token.text) in PARTICLES and chain.start < token.i < chain.end - 1


def _placed_in(head: Token) -> Country | None:
    """"In Moscow, the foreign ministry said": the capital the speaking verb is placed in names the state."""
    verb = head.head
    for prep in verb.children if head.dep_ in {"nsubj", "nsubjpass"} else ():
        if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i < head.i:
            place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ == "GPE":
                return country_of_capital(place.text) or country_named(place.text)
    return None


def _hyphen_tail(ent: Span) -> Span:
    """A name NER cut at a hyphen ("Pavlo Ostapenko" of "Pavlo Ostapenko-Bilyi", "Claire X" of "Marie-Claire X"),
    made whole as printed."""
    doc, start, end = ent.doc, ent.start, ent.end
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
            not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
            not doc[start - 2].whitespace_ and doc[start - 2].is_title:  # "Claire Ndayishimiye" of "Marie-Claire ..."
        start -= 2
    return doc[start:end]


def _first_names(ent: Span, span: Span) -> Span:
    """"Mehmet Ali Kaya" of which NER labelled only "Ali Kaya": capitalised proper nouns that the parser joins
    to the name as its compounds, right before it in the mention, are its first names (not a title, a
    place or a body: "Turkish envoy Ali Kaya", "UN envoy X")."""
    doc, start = ent.doc, ent.start
    while start > span.start:
        word = doc[start - 1]
        if word.pos_ != "PROPN" or not word.is_title or word.dep_ not in {"compound", "flat"} or word.head.i < ent.start \
                or word.head.i >= ent.end or word.ent_type_ in {"GPE", "NORP", "ORG", "LOC", "FAC"} or is_honorific(word.text) \
                or country_named(word.text) or country_of_demonym(word.text) or fold(word.text) in INSTITUTIONS | ROLE_NOUNS:
            break
        start -= 1
    return doc[start:ent.end]


def _to_head(ent: Span, head: Token) -> Span:
    """A person's name NER ended before the mention's head: "Rafael Tavares" of "Minister Rafael Tavares
    Lins", where the head "Lins" and the proper nouns between are still the name."""
    doc = ent.doc
    if ent.end <= head.i and head.pos_ == "PROPN" and head.is_title and \
            all(t.pos_ == "PROPN" and t.is_title and t.dep_ in {"compound", "flat"} for t in doc[ent.end:head.i]) \
            and head.i - ent.end < 2 and (not head.ent_type_ or head.ent_type_ == "PERSON" and head.ent_iob_ == "B"):
        return doc[ent.start:head.i + 1]
    return ent


def _ends_with(name: str, tail: str) -> bool:
    """The name's head words are `tail`: "the union" is "the African Union", never "the Council of the
    European Union", whose head ("Council") comes before "of"."""
    name = " " + name
    return name.endswith(tail) and re.search(r"\s(of|for)\s", name[:-len(tail)] + " ") is None


def _tails(words: list[str]) -> list[list[str]]:
    """Candidate names inside a mention, longest first: "Ukrainian President Volodymyr Zelensky" → ..."""
    return [words[i:] for i in range(len(words)) if words[i:]]


def _strip_determiner(text: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)


def _strip_quantity(text: str) -> str:
    """A group's name without the article or the count it was told with ("several rights groups")."""
    return re.sub(r"^(the|a|an|one|two|three|four|five|several|some|many)\s+", "", text.strip(), flags=re.I)


def _entity_at(token: Token) -> Span:
    """The named entity that begins at `token` (its IOB run), without walking the document's entities."""
    doc, end = token.doc, token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[token.i:end]


HEADING_VERBS = {"head", "lead", "chair", "direct", "run"}


def _offices_held(name: Token) -> list[Token]:
    """What a person heads, from a verb of leading whose subject is the name or its "who" ("X heads the
    secretariat of the commission", "X, who leads the aid commission"): the object names the office, so a
    headline's "the commission's chief" is that person (the role noun "head" is the same office as "chief")."""
    verbs = [c for c in name.children if c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ == "nsubj" for g in c.children)]
    if name.dep_ == "nsubj":
        verbs.append(name.head)
    return [obj for verb in verbs if verb.lemma_.lower() in HEADING_VERBS and verb.pos_ == "VERB"
            for obj in verb.children if obj.dep_ == "dobj"]


def _country_words(span: Span) -> tuple[Country | None, list[Token]]:
    """The state a mention's modifiers name ("China's", "Azerbaijani", "of Venezuela") and those tokens."""
    used: list[Token] = []
    found: Country | None = None
    for token in span:
        if token.dep_ in {"poss", "amod", "compound", "nmod", "pobj"} or token.ent_type_ in {"GPE", "NORP"}:
            candidate = country_named(token.text) or country_of_demonym(token.text)
            if candidate is None and token.ent_type_ == "GPE" and token.ent_iob_ == "B":
                candidate = country_named(_entity_at(token).text)
            if candidate is None and token.dep_ == "poss" and token.left_edge.i < token.i:  # "North Macedonia's"
                candidate = country_named(token.doc[token.left_edge.i:token.i + 1].text)
            if candidate is not None:
                found = found or candidate
                used.append(token)
    return found, used


@lru_cache(maxsize=None)
def _known_person_keys() -> dict[str, ActorEntry]:
    """person_key of every gazetteer person's name and alias → the first person in the gazetteer with it:
    built once (the gazetteer is loaded once), where a scan keyed every alias for every new name."""
    index: dict[str, ActorEntry] = {}
    for entry in load_actors().values():
        if entry.type == "Person":
            for name in (entry.name, *entry.aliases):
                index.setdefault(person_key(name), entry)
    return index


@dataclass
class ActorResolver:
    """Resolves mentions of one document; remembers whom it met for pronouns, surnames and descriptors."""

    new_actors: dict[str, Actor] = field(default_factory=dict)
    surnames: dict[str, Actor] = field(default_factory=dict)
    # Actors this document names, each with the tick of its latest resolution (a dict: moving one to
    # the end costs O(1), where a list's remove scanned them all at every mention).
    seen: dict[Actor, int] = field(default_factory=dict)
    _clock: Iterator[int] = field(default_factory=count)
    persons: list[_Person] = field(default_factory=list)
    groups: list[tuple[int, Actor]] = field(default_factory=list)

    # --- the document as a whole ------------------------------------------------------------
    def note_document(self, doc: Doc) -> None:
        """Remember the actors the whole document names before attributing anything, so that a short
        form ("the ministry"), a surname or a role descriptor ("its army chief") met first in a headline
        or a lead resolves to the full name the article gives elsewhere."""
        actors = load_actors()
        for ent in doc.ents:
            entry = actors.get(ent.ent_id_)
            if entry is not None:
                self._remember(to_actor(entry))
        names = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        for token in doc:  # "opposition leader María Corina Machado", whatever label NER gave the name
            if token.dep_ == "appos" and token.pos_ == "PROPN" and fold(token.head.text) in ROLE_NOUNS \
                    and not any(e.start <= token.i < e.end for e in names):
                names.append(_name_chain(token))
        for name in sorted(names, key=lambda s: s.start):
            self._note_person(name)

    def _note_person(self, ent: Span) -> None:
        span = mention_span(ent.root)
        found = self.resolve_span(span) if ent.label_ == "PERSON" else self.as_person(ent)
        if found is None or found.actor.type != "Person":
            return
        roles = {fold(t.text) for t in span if t.i < ent.start and t.pos_ in {"NOUN", "PROPN", "ADJ"}}
        roles |= {fold(w) for w in clean_person_name(ent.text)[1].split()}
        country, _ = _country_words(span)
        appositions = [ent.root.head] if ent.root.dep_ == "appos" else []
        appositions += [c for c in ent.root.children if c.dep_ == "appos"]
        for appos in appositions:  # "Lai Ching-te, Taiwan's president"; "the army chief, General X"
            words = list(appos.subtree) if appos.i > ent.root.i else list(mention_span(appos))
            # not the title of another person the apposition names ("adviser to President X": X is the president)
            roles |= {fold(t.text) for t in words if t.pos_ in {"NOUN", "ADJ", "PROPN"} and not t.ent_type_ == "PERSON"
                      and not (t.head.ent_type_ == "PERSON" and t.head.i != ent.root.i and t.dep_ == "compound")}
            country = country or _country_words(mention_span(appos))[0] or _of_country(appos)  # "the Foreign Minister of Spain, X"
        for office in _offices_held(ent.root):  # "X, who heads Sudan's aid commission", "X heads the secretariat"
            roles |= {"head"} | {fold(t.text) for t in office.subtree if t.pos_ in {"NOUN", "ADJ", "PROPN"}}
            country = country or _country_words(mention_span(office))[0]
        entry = load_actors().get(found.actor.id)
        if entry is not None:
            roles |= {fold(w) for w in entry.role.split()}
        elif not found.actor.role or fold(found.actor.role) in COURTESY:
            self._give_role(self.new_actors.get(found.actor.id, found.actor), span, ent, appositions)
        person = next((p for p in self.persons if p.actor.id == found.actor.id), None)
        if person is None:
            self.persons.append(_Person(found.actor, ent.start_char, roles, {fold(w) for w in found.actor.name.split()},
                                        country.id if country else (entry.country if entry else "")))
        else:
            person.roles |= roles
            person.country = person.country or (country.id if country else "")

    def _give_role(self, actor: Actor, span: Span, name: Span, appositions: list[Token]) -> None:
        """The role an unknown person's mention prints: the title before the name ("Prime Minister",
        "foreign ministry spokesperson") or the apposition ("Taiwan's president")."""
        before = [t for t in span if t.i < name.start and t.dep_ not in {"det", "punct"} and fold(t.text) not in COURTESY]
        words = " ".join(t.text for t in before if t.dep_ != "case").replace(" 's", "'s")
        if not words and appositions:
            appos = appositions[0]
            tokens = list(appos.subtree) if appos.i > name.root.i else list(mention_span(appos))
            words = " ".join(t.text for t in tokens if t.dep_ not in {"det", "punct"} and t.i not in range(name.start, name.end))
        if words and actor.id in self.new_actors:
            self.new_actors[actor.id] = replace(actor, role=words.replace(" 's", "'s"))

    def _remember(self, actor: Actor) -> Actor:
        self.seen.pop(actor, None)
        self.seen[actor] = next(self._clock)
        return actor

    def actors(self) -> list[Actor]:
        return list(self.new_actors.values())

    def _add(self, actor: Actor) -> Actor:
        stored = self.new_actors.setdefault(actor.id, actor)
        return stored

    # --- lookups -----------------------------------------------------------------------------
    def _by_name_tail(self, words: list[str]) -> Actor | None:
        """The latest body of this document whose name ends with these words ("ministry", "foreign ministry")."""
        if not words or all(w in TITLES for w in words):
            return None
        tail = " " + " ".join(words)
        for actor in reversed(self.seen):
            names = [actor.name, *actor.aliases]
            if actor.type == "Organization" and any(_ends_with(normalize(n), tail) for n in names):
                return actor
        return None

    def lookup(self, text: str, *, tails: bool = True) -> Actor | None:
        """A known or already-met actor for a name, trying it without its titles too."""
        words = [w for w in re.split(r"\s+", normalize(text)) if w]
        for candidate in (_tails(words) if tails else [words]):
            key = " ".join(candidate)
            entry = alias_index().get(key)
            if entry is not None:
                return self._remember(to_actor(entry))
            if key in self.surnames or fold(key) in self.surnames:
                return self._remember(self.surnames.get(key) or self.surnames[fold(key)])
        whole = " ".join(words)
        country = country_named(whole) or country_of_capital(whole)
        if country is not None:
            return self._remember(self._add(country_actor(country)) if country.id not in load_actors()
                                  else country_actor(country))
        found = self._by_name_tail(words)
        return self._remember(found) if found else None

    def _lookup_span(self, span: Span) -> Actor | None:
        """A known actor the mention names, trying it without its titles; never a name that leaves out
        the mention's head ("the ambassador to the UN" is not the UN; "the president of Georgia" is not Georgia)."""
        tokens = [t for t in span if not t.is_punct or t.text in {".", "-"}]
        head = span.root
        for i in range(len(tokens)):
            if tokens[i].i > head.i:
                break
            if tokens[i].text == "-" or i and tokens[i - 1].text == "-" and not tokens[i - 1].whitespace_:
                continue  # "Paz" of "Julia Ferreyra-Paz" is half a surname, not La Paz
            text = span.doc[tokens[i].i:span.end].text
            entry = alias_index().get(normalize(text))
            if entry is not None:
                return self._remember(to_actor(entry))
            key = normalize(text)
            if key in self.surnames:
                return self._remember(self.surnames[key])
            folded = fold(text)
            if folded in self.surnames:
                return self._remember(self.surnames[folded])
        text = re.sub(r"['’]s$", "", _strip_determiner(span.text))
        # a capital alone that NER took for a person ("Yerevan welcomes move") is its state: a person of that
        # name the article introduced was found above, by the surname
        capital_ok = head.ent_type_ in {"GPE", ""} or (head.ent_type_ == "PERSON" and len(text.split()) == 1)
        country = country_named(text) or (country_of_capital(text) if capital_ok else None)
        if country is not None and head.pos_ == "PROPN":
            actor = country_actor(country)
            return self._remember(actor if actor.id in load_actors() else self._add(actor))
        return None

    # --- new actors ---------------------------------------------------------------------------
    def new_person(self, name: str, role: str = "") -> Actor:
        """An unknown person, one IRI for every spelling of the name (see names.person_key)."""
        key = person_key(name)
        existing = self.new_actors.get(str(ACTOR["p_" + key]))  # new_actors is keyed by IRI
        if existing is not None and existing.type == "Person":
            return existing
        known = self._known_person(key)
        if known is not None:
            return known
        actor = self._add(Actor(id=str(ACTOR["p_" + key]), name=name, type="Person", role=role, known=False))
        for part in name_parts(name):
            self.surnames.setdefault(fold(part), actor)
        self.surnames.setdefault(fold(name), actor)
        return actor

    def as_person(self, span: Span) -> Resolution | None:
        """The person a proper name names when the syntax says it is one ("the leader, X"; "spokesperson
        X"), even where NER took it for an organisation."""
        chain = _name_chain(span.root) if span.root.pos_ == "PROPN" else None
        if chain is not None and _names_a_place(chain):
            return None
        if chain is None or any(_is_demonym(t, chain) or fold(t.text) in INSTITUTIONS
                                or (t.text != "-" and not t.text[:1].isupper() and not _inner_particle(t, chain))
                                for t in chain):
            return None
        name, titles = clean_person_name(chain.text)
        if not name:
            return None
        found = self.lookup(name)
        if found is not None and found.type == "Person":
            return Resolution(found, span.text, 0.9)
        return Resolution(self._remember(self.new_person(name, titles)), span.text, 0.8)

    @staticmethod
    def _known_person(key: str) -> Actor | None:
        """A gazetteer person under another transliteration ("Zelenskiy" for Zelensky)."""
        entry = _known_person_keys().get(key)
        return to_actor(entry) if entry is not None else None

    def _new(self, name: str, type_: str, role: str = "", part_of: str = "") -> Actor:
        iri = actor_iri(name)
        return self._add(Actor(id=iri, name=name, type=type_, role=role, known=False, part_of=part_of))  # type: ignore[arg-type]

    def institution(self, span: Span, *, owner_state: str = "") -> Actor | None:
        """A body that speaks for itself ("China's foreign ministry", "the Azerbaijani presidential
        administration", "India's Ministry of External Affairs"), part of the state its words name, or
        `owner_state` (the IRI of the state an "its" refers to: "Its foreign ministry")."""
        if owner_state:
            span = span.doc[span.start:span.end]
            its = [t for t in span if t.lower_ == "its" and t.dep_ == "poss"]
            if its:
                span = span.doc[its[-1].i + 1:span.end]
        head = span.root
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of" and c.i == span.end), None)
        if of is not None and head.lower_ in INSTITUTIONS and len(list(of.subtree)) <= 5 \
                and all(t.pos_ in {"ADP", "DET", "ADJ", "NOUN", "PROPN"} for t in of.subtree):
            span = span.doc[span.start:of.right_edge.i + 1]  # "the office of the Ukrainian president"
        joint_body = any((t.lower_, head.lower_) in PLURAL_BODIES for t in span if t.i < head.i)
        if (head.lower_ not in INSTITUTIONS and not joint_body) or head.pos_ not in {"NOUN", "PROPN"}:
            return None
        modifiers = [t for t in span if t.i != head.i and t.dep_ not in {"det", "punct", "case"}]
        if not modifiers and head.pos_ != "PROPN":
            return self._by_name_tail([head.lower_])
        country, used = _country_words(span)
        country = country or (country_by_id(owner_state) if owner_state else None)
        if head.lower_ not in ASSOCIATIONS:  # a bloc or party speaking in a capital is not that state's
            country = country or _placed_in(head)
        body = [t for t in span if t.dep_ not in {"det", "case"} and t not in used and not t.is_punct]
        if not body or all(t.lower_ in INSTITUTIONS for t in body) and len(body) == 1 and country is None:
            return self._by_name_tail([head.lower_])
        body_text = " ".join(t.lower_ for t in body)
        earlier = self._by_name_tail([normalize(t.text) for t in body])
        # an earlier body is this one when the states agree; a state's body named with its state is not an
        # earlier unqualified one ("the foreign ministry said ...; Mexico's foreign ministry said" in Lima)
        if earlier is not None and (country is None or earlier.part_of == country.id):
            return earlier
        if country is not None:
            known = next((e for e in load_actors().values() if e.type == "Organization" and e.part_of == country.id
                          and normalize(e.role).startswith(normalize(body_text))), None)
            if known is not None:  # the gazetteer's "Russian Foreign Ministry" for "Russia's foreign ministry"
                return self._remember(to_actor(known))
        name = re.sub(r"\s+", " ", _strip_determiner(span.text)).strip(" ,")
        if country is not None and not used:  # "In Moscow, the foreign ministry said" → Russia's foreign ministry
            name = f"{country.name}'s {name}"
        key = f"{country.name if country else ''} {body_text}".strip()
        actor = Actor(id=actor_iri(key), name=name, type="Organization", role=body_text,
                      known=False, part_of=country.id if country else "")
        if country is not None and country.id not in load_actors():
            self._add(country_actor(country))
        return self._remember(self._add(actor))

    def by_role(self, span: Span) -> Actor | None:
        """A role descriptor ("the army chief", "its spokesman", "the Azerbaijani leader", "Opposition
        Leader" in a headline) → the person of this document the text gives that role, when one fits."""
        head = span.root
        if fold(head.text) not in ROLE_NOUNS or head.tag_ in {"NNS", "NNPS"}:
            return None
        role = ROLE_SYNONYMS[fold(head.text)]
        country, used = _country_words(span)
        country = country or _of_country(head)  # "the representative of the United Kingdom"
        modifiers = {fold(t.text) for t in span if t.i != head.i and t not in used and t.pos_ in {"NOUN", "ADJ", "PROPN"}}
        candidates = []
        for person in self.persons:
            if not any(ROLE_SYNONYMS.get(r) == role for r in person.roles):
                continue
            if country is not None and person.country and person.country != country.id:
                continue
            if (modifiers - person.roles) & RANKS or (person.roles - modifiers) & RANKS:
                continue  # "the deputy foreign minister" is not the foreign minister, nor "the minister" the shadow one
            overlap = len(modifiers & person.roles) + (1 if country is not None and person.country == country.id else 0)
            in_headline = head.sent.start == 0  # a headline's "Nordic Envoy Warns" is resolved by the body
            # a person given the role only by a bare descriptor ("The envoy, X,") has no words that could
            # contradict a fuller one ("the AU's special envoy for the Horn ... The envoy, X, said")
            # ... nor one named later with no state, by the bare role that refers back to this mention
            # ("Egypt's intelligence chief said ... The chief, Hassan Rashad, has led"); a stateless holder named
            # before is another one ("The UN's envoy, X ... Russia's envoy said")
            later = not person.country and person.char > head.idx
            bare = (country is None or later) and all(ROLE_SYNONYMS.get(r) == role for r in person.roles)
            if modifiers and not overlap and not (country is not None and person.country == country.id) \
                    and not in_headline and not bare:
                continue
            before = person.char <= head.idx
            recency = self.seen.get(person.actor, -1)  # the last one spoken of
            candidates.append((overlap, before, recency if before else -person.char, person))
        if not candidates:
            return None
        best = max(candidates, key=lambda c: c[:3])
        return self._remember(best[3].actor)

    def latest_group(self, before: int) -> Actor | None:
        """The last group actor met before a character offset ("the leaders said", "they said")."""
        groups = [actor for char, actor in self.groups if char < before]
        return groups[-1] if groups else None

    def note_group(self, char: int, members: list[Actor], name: str) -> Actor:
        """A joint speaker: one actor for "X and Y announced" or "the leaders said in a joint statement"."""
        ids = sorted(m.id for m in members)
        iri = actor_iri("group " + " ".join(i.rsplit("/", 1)[-1] for i in ids)) if ids else actor_iri("group " + name)
        actor = self._add(Actor(id=iri, name=name, type="Group", role="joint speaker", known=False,
                                members=tuple(m.id for m in members)))
        self.groups.append((char, actor))
        self.groups.sort(key=lambda g: g[0])
        return actor

    # --- one mention --------------------------------------------------------------------------
    def resolve_span(self, span: Span) -> Resolution | None:
        """The actor a noun phrase names, a new actor for an unknown person, body or source, else None."""
        text = span.text.strip()
        head = span.root
        if head.pos_ == "PRON":
            return None  # "supplying us with missiles": "us" is never the U.S.
        found = self._lookup_span(span)
        if found is not None:
            return Resolution(found, text, 1.0)
        entities = entities_in(span)
        person_ents = [_first_names(_to_head(_hyphen_tail(e), head), span) for e in entities
                       if e.label_ == "PERSON" and not country_of_demonym(e.text)]
        person_ents = [e for e in person_ents if e.start <= head.i < e.end
                       or e.end == head.i and fold(head.text) in POST_TITLES]  # "Callum Reid MP"
        if person_ents:
            name, titles = clean_person_name(min(person_ents, key=lambda e: e.start).text)
            if name:
                found = self.lookup(name) if " " not in name else None
                if found is not None and found.type == "Person":
                    return Resolution(found, text, 0.9)
                actor = self.new_person(name, titles)
                return Resolution(self._remember(actor), text, 0.8)
        if head.pos_ == "PROPN" and fold(head.text) in POST_TITLES and span.start < head.i \
                and span.doc[head.i - 1].pos_ == "PROPN":  # "Isla Munro MP", whatever label NER gave the name
            named = self.as_person(span.doc[head.i - 1:head.i])
            if named is not None:
                return Resolution(named.actor, text, named.certainty)
        titled = [t for t in span if t.i < head.i and fold(t.text) in ROLE_NOUNS | HONORIFICS
                  and (t.pos_ != "PROPN" or head.ent_type_ == "GPE"  # "President X" that NER took for a place
                       # "Spokesman X" that NER took for a body, "Mediator X" for a title of a work, or left
                       # unlabelled (as_person refuses a chain holding a body's noun)
                       or (head.ent_type_ in MISREAD_NAME_LABELS and fold(t.text) in ROLE_NOUNS)
                       or fold(t.text.rstrip(".")) in PERSONAL_TITLES)  # "Ms X", "Pope Leo" NER did not label
                  and fold(t.text) not in {"the", "a", "an", "state"}]
        if head.pos_ == "PROPN" and titled and head.ent_type_ != "NORP":  # "spokesperson Lin Jian" (as_person: no place)
            named = self.as_person(span)
            if named is not None:
                return named
        institution = self.institution(span)
        if institution is not None:
            return Resolution(institution, text, 0.8)
        described = self.by_role(span)
        if described is not None:
            return Resolution(described, text, 0.75)
        org_ents = [e for e in entities if e.label_ in {"ORG", "NORP", "GPE", "FAC"}]
        if org_ents and org_ents[-1].root == head and head.lower_ not in ANONYMOUS:
            ent = org_ents[-1]
            country = find_country(ent.text) if ent.label_ != "ORG" else None
            if country is not None and ent.label_ == "GPE":
                actor = country_actor(country)
                return Resolution(self._remember(actor if actor.id in load_actors() else self._add(actor)), text, 0.8)
            name = re.sub(r"['’]s$", "", _strip_determiner(ent.text))
            if ent.label_ == "NORP" and country is not None:
                return None  # "the Russians", "Chinese" as a people, not an actor that speaks
            return Resolution(self._remember(self._new(name, "Organization")), text, 0.7)
        if _acronym(span):  # "The ELN said", "the SDF said": an acronym names an organisation
            return Resolution(self._remember(self._new(head.text, "Organization")), text, 0.7)
        titled_name = _the_proper_name(span)
        if titled_name:  # "The South China Morning Post reported": a person's name never takes "the"
            return Resolution(self._remember(self._new(titled_name, "Organization")), text, 0.7)
        media = _named_medium(span)
        if media:  # "Israel's Haaretz newspaper reported": the outlet, by its name
            return Resolution(self._remember(self._new(media, "Organization")), text, 0.7)
        modified = any(t.dep_ in {"det", "amod", "compound", "nummod", "poss"} for t in head.lefts)
        if head.lower_ in SOURCE_NOUNS and (modified or head.lower_ in BARE_SOURCES):
            right = [c.right_edge.i for c in head.rights if c.dep_ in {"amod", "acl"}  # "people familiar with ..."
                     and not head.doc[c.left_edge.i - 1].is_punct]  # not an aside: "the leaders, meeting in Doha,"
            right += [mention_span(n).end - 1 for c in head.rights if _of_country(head) is not None and c.dep_ == "prep"
                      and c.lower_ == "of" for n in c.children if n.dep_ == "pobj"]  # "the representative of Chile"
            if right:
                text = head.doc[span.start:max(right) + 1].text
            name = _strip_quantity(text)
            kind = "Organization" if head.lower_ in INSTITUTIONS else "Person" if head.tag_ not in {"NNS", "NNPS"} else "Group"
            # "a Pentagon spokesman", "European leaders" speak on the record; "a source", "officials" do not
            role = "anonymous source" if head.lower_ in ANONYMOUS else "unresolved role"
            return Resolution(self._new(name, kind, role=role), text, 0.7)
        return self._bare_collective(span) or self._plural_bodies(span)

    def _plural_bodies(self, span: Span) -> Resolution | None:
        """"Farmers' associations said", "trade unions said", "aid agencies said": bodies of one kind, named by
        what they share, speak together: one group actor named as printed (the guide's collective speakers),
        where a bare plural ("groups said") names no one."""
        head = span.root
        if head.tag_ not in {"NNS", "NNPS"} or fold(head.lemma_) not in INSTITUTIONS:
            return None
        if not any(t.dep_ in {"compound", "amod", "poss"} and t.pos_ in {"NOUN", "PROPN", "ADJ"} for t in head.lefts):
            return None
        group = self._new(_strip_quantity(span.text), "Group", role=fold(head.lemma_))
        return Resolution(self._remember(group), span.text, 0.7)

    def _bare_collective(self, span: Span) -> Resolution | None:
        """"The opposition said", "the union said", "Observers said": a body or a group of people that speaks
        as one, named by its bare noun, when no earlier body of the article ends with that noun (that one was
        tried first): an actor of its own, named as printed without its article (the guide, section 2)."""
        head = span.root
        word = fold(head.text)
        if word not in COLLECTIVE_BODIES | COLLECTIVE_GROUPS or head.doc[head.i - 1].lower_ in {"a", "an"} \
                or any(t.dep_ not in {"det", "punct"} for t in span if t.i != head.i):
            return None
        if word in COLLECTIVE_BODIES and head.tag_ in {"NN", "NNP"}:
            return Resolution(self._remember(self._new(word, "Organization", role=word)), span.text, 0.7)
        verb = head.head
        line_end = headline_end(head.doc)
        in_headline = head.idx < line_end and not head.doc.text[:line_end].rstrip().endswith((".", "!", "?"))
        commentary = verb.tag_ == "VBP" and head.dep_ == "nsubj" and not in_headline
        if word in COLLECTIVE_GROUPS and head.tag_ in {"NNS", "NNPS"} and not commentary:
            return Resolution(self._remember(self._new(word, "Group", role=word)), span.text, 0.7)
        return None


# NER labels a titled person's name is sometimes given ("Mediator Ana Ruiz" as a work of art): not a place or a people
MISREAD_NAME_LABELS = {"ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", ""}
MEDIA_NOUNS = {"newspaper", "daily", "paper", "weekly", "magazine", "broadcaster", "channel", "tabloid", "outlet"}


def _the_proper_name(span: Span) -> str:
    """"The Kyiv Independent", "the South China Morning Post": a run of proper nouns after "the" that NER
    did not take for a person names a body (the guide's outlets that report their own findings speak)."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or words[0].lower_ != "the" or words[0].dep_ != "det" or span.root.ent_type_ \
            or any(t.pos_ != "PROPN" or t.ent_type_ == "PERSON" for t in words[1:]):  # "the Black Sea" is a place
        return ""
    return " ".join(t.text for t in words[1:])


def _named_medium(span: Span) -> str:
    """"Israel's Haaretz newspaper", "the Hindustan Times daily": a media noun with its proper name."""
    head = span.root
    if head.lower_ not in MEDIA_NOUNS:
        return ""
    name = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    return " ".join(t.text for t in name)


def _acronym(span: Span) -> bool:
    """A mention that is one acronym ("the ELN", "RSF", "M23") that NER gave no label: capitals and digits
    name an organisation (a person is never printed so, a state's codes are found before this)."""
    words = [t for t in span if t.dep_ != "det" and not t.is_punct]
    return len(words) == 1 and words[0].pos_ == "PROPN" and not words[0].ent_type_ \
        and re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", words[0].text) is not None and fold(words[0].text) not in HONORIFICS


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


def is_anonymous(actor: Actor) -> bool:
    """An unnamed source ("a senior US official"): its words are not statements (the guide, section 1)."""
    return actor.role == "anonymous source"


def state_of(actor: Actor) -> Actor | None:
    """The state an institution is part of, as an actor (for the graph's dg:partOf)."""
    if not actor.part_of:
        return None
    entry = load_actors().get(actor.part_of)
    if entry is not None:
        return to_actor(entry)
    country = country_by_id(actor.part_of)
    return country_actor(country) if country else None


__all__ = ["ActorResolver", "Resolution", "mention_span", "agrees", "to_actor", "find_actor", "PERSONAL",
           "is_anonymous", "state_of"]
