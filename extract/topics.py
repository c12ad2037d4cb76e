"""Topics and stance of a statement, read from the ontology's labels and the stance lexicon.

Topic labels come from the SKOS scheme (ontology/topics.ttl), matched by lemma. Phrases that hold a
label but name no topic ("peace and security") are matched first and yield nothing. Generic words
("deal", "talks") are context labels: they stand for the topic the article names or leans to, so a
"deal" in a trade story is not a peace deal. Processes (talks, meetings) yield to what they are about,
broader topics to narrower ones, weak words used in passing ("border", "inspection") to words that name
a topic outright. Place words ("sell", "for sale", "seize") name territory when a place is what they act
on, "disputed" and "contested" the place they qualify. A headline phrase that names several topics
together is the story's subject, and words naming part of it are about all of it. Fallback nouns ("the
war", "air strike") name their broad topic only where nothing around names one; a vote that decides
something is not an election; a process told as a verb ("ready to negotiate") stays beside its subject, unless
negated. Generic words are nouns ("according to" names no accord); a definite one whose own reading the
article never names ("the treaty" in a story about sovereignty) takes the topic its top concept is named by.
A definite noun of an act ("the extension") takes up the clause of its verb. A meeting of working bodies (a
commission, delegations) is a round of talks, not a summit; "the swap" of a story naming prisoners is their
exchange; a generic word whose reading's matter (the war) the article never names reads the topic the article
names under the same top concept. Words that name no topic take one from their sentence, the sentence before,
the default reading of their generic words ("talks" are negotiations), or the article's story, named at least
twice (TopicTagger.statement_topics). Stance is read by StanceReader
(extract/stance.py).
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from diplograph.ontology.lexicon import (CueEntry, assembly_nouns, load_topics, other_labels, place_nouns,
                                        topic_ancestors)

from .cues import Cue, headline_end
from .lexicon_match import PhraseIndex, token_keys
from .records import Statement
from .stance import CONFIDENCE, StanceReader, StanceReading

MIN_LEANING = 2  # topic words a top concept needs before a generic word is read its way
MIN_STORY = 2  # a topic named once (a meeting in a setting) is no story, whatever its share
DOMINANT_SHARE = 0.6  # a topic named by this share of the topic words is what the article is about
STORY_SHARE = 0.4  # ... and one named by this share is, when its headline names it too
PARAGRAPH_BREAK = "\n\n"
DEFINITE = {"the", "this", "that", "these", "those"}
NOMINAL_SUFFIXES = ("ion", "al", "ment", "ance", "ence", "ure")  # suffixes that name the act of a verb
ANTECEDENT_WINDOW = 400  # tokens looked back for the earlier mention of a definite noun
SETTING_WORDS = {"after", "before", "during", "while", "as", "when", "at", "following", "ahead", "upon"}
SETTING_PREPOSITIONS = {"in", "into", "inside", "within", "across", "throughout", "through", "at"}  # where a thing is
ANAPHORS = {"that", "this", "it", "same", "these", "those"}
Match = tuple[int, int, str]  # tokens [start, end) and the topic key (or keys) they name
OTHER = "other"  # the value of courtesies and procedural words ("grateful", "no comment")
NO_TOPIC = ""  # the value of a phrase that holds a label but names no topic ("peace and security")
CARRIERS = {"that", "this", "same"}  # anaphors that stand for what was just said, stance included
NAME = "^"  # marks a one-word preferred label, the concept's name: a noun, never matched as a verb ("trade")
WEAK = "~"  # marks the value of a weak label: it names its topic only where no other topic is named
FALLBACK = "!"  # marks the value of a fallback label: a noun naming its topic only where nothing around names one
PLACE_ENTITIES = {"GPE", "LOC", "FAC"}  # spaCy's entity types of named places
PLACE_ARGUMENTS = {"dobj", "nsubjpass", "compound", "poss"}  # what a place word acts on ("sell the island")
PRESENT_VERBS = {"VB", "VBG", "VBP", "VBZ"}  # a process told as an act to do or under way, not one done ("mediated")
DEGREE_TAGS = {"JJR", "JJS", "RBR", "RBS"}  # comparatives and superlatives: "better", "best"
VOTE_WORDS = {"vote", "voting", "ballot"}  # words of voting: an election's, or a body's decision
CONTEXT_VERBS = {"sign", "talk"}  # generic words that name their topic as verbs: concluding a deal, holding talks
VOTERS = {"nsubj", "poss", "compound", "pobj", "agent"}  # who holds a vote: "parliament voted", "the Senate's vote"


def top_concept(key: str) -> str:
    """The top concept a topic falls under ("tariffs" → "economic_pressure")."""
    ancestors = topic_ancestors(key)
    topics = load_topics()
    return next((a for a in ancestors if not topics[a].broader), key) if ancestors else key


def narrowest(keys: list[str], kept: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The keys that say most: broader topics yield to their narrower ones, and a process (talks, a
    meeting) to what it is about ("talks on a truce" is about the truce), unless it is in `kept`."""
    broader = set().union(*(topic_ancestors(k) for k in keys)) if keys else set()
    keys = [k for k in keys if k not in broader]
    topics = load_topics()
    if any(not topics[k].process for k in keys):
        keys = [k for k in keys if not topics[k].process or k in kept]
    return keys


class TopicTagger:
    """Finds topic keys and the speaker's stance in a span of a parsed document."""

    def __init__(self, nlp: Language) -> None:
        topics = load_topics()
        labels = {label: key for key, entry in topics.items() for label in entry.labels}
        labels.update({entry.label: NAME + key for key, entry in topics.items() if " " not in entry.label
                       and sum(label.lower() == entry.label.lower() for label in entry.labels) == 1})
        labels.update({label: WEAK + key for key, entry in topics.items() for label in entry.weak_labels})
        labels.update({label: FALLBACK + key for key, entry in topics.items() for label in entry.fallback_labels})
        labels.update({phrase: NO_TOPIC for entry in topics.values() for phrase in entry.not_labels})
        labels.update({phrase: OTHER for phrase in other_labels()})
        self._topics = PhraseIndex(nlp, labels, skip_determiners=True, skip_hyphens=True)
        self._place_words = {word: key for key, entry in topics.items() for word in entry.place_labels}
        self._defaults = {label.lower(): key for key, entry in topics.items() for label in entry.default_labels}
        self._echoes = PhraseIndex(nlp, {label: key for key, entry in topics.items() for label in entry.echo_labels},
                                   skip_determiners=True)
        self._echo_words = {key: frozenset(label.lower() for label in entry.echo_labels)
                            for key, entry in topics.items() if entry.echo_labels}
        self._process_nouns = {key: frozenset(n.lower() for n in entry.process_nouns)
                               for key, entry in topics.items() if entry.process_nouns}
        self._place_nouns = frozenset(place_nouns())
        self._assemblies = frozenset(noun.lower() for noun in assembly_nouns())
        self._body_nouns = {key: frozenset(n.lower() for n in entry.body_nouns)
                            for key, entry in topics.items() if entry.body_nouns}
        self._election_words = frozenset(label.lower() for key, entry in topics.items() if key == "elections"
                                         for label in entry.labels if " " not in label)
        self._weak: set[tuple[int, int]] = set()  # the spans of the current document's weak labels
        context: dict[str, list[str]] = {}
        for key, entry in topics.items():
            for label in entry.context_labels:
                context.setdefault(label, []).append(key)
        self._context = PhraseIndex(nlp, {label: " ".join(sorted(keys)) for label, keys in context.items()},
                                    skip_determiners=True)
        self.reader = StanceReader(nlp)
        self._counts: tuple[Doc | None, Counter[str], Counter[str]] = (None, Counter(), Counter())
        self._found: tuple[Doc | None, list[Match], list[Match]] = (None, [], [])
        self._other: list[Match] = []  # courtesies and procedural words of the current document
        self._fallback: list[Match] = []  # the current document's fallback labels used as nouns ("the war")
        self._headline: tuple[Doc | None, list[str]] = (None, [])  # the subject its headline names
        self._headline_keys: tuple[Doc | None, list[str]] = (None, [])  # the topics its headline names

    def _document_matches(self, doc: Doc) -> tuple[list[Match], list[Match]]:
        """The topic labels and the generic words of the whole document, found once: every span asked
        about later (a statement, its sentence, the one before) takes the matches that lie inside it."""
        if self._found[0] is not doc:
            labels = self._topics.matches(doc, 0, len(doc))
            idioms = {i for s, e, key in labels if key == NO_TOPIC for i in range(s, e)}
            labels = [m for m in labels if m[2] != NO_TOPIC]
            self._other = [m for m in labels if m[2] == OTHER]
            labels = [m for m in labels if m[2] != OTHER]
            self._fallback = [(s, e, key[1:]) for s, e, key in labels if key.startswith(FALLBACK)
                              and doc[e - 1].pos_ in {"NOUN", "PROPN"}]
            labels = [m for m in labels if not m[2].startswith(FALLBACK)]
            labels = [m for m in labels if not (m[2].startswith(NAME) and doc[m[0]].pos_ in {"VERB", "AUX"})]
            # a degree form shares its lemma with a noun label ("the best relations": "best" is "good", "goods"
            # a word of trade) but names no thing
            labels = [m for m in labels if not (m[1] - m[0] == 1 and doc[m[0]].tag_ in DEGREE_TAGS)]
            labels = [m for m in labels if not (m[1] - m[0] == 1 and (self._is_decision_vote(doc[m[0]])
                                                                     or self._is_meeting_idiom(doc[m[0]])))]
            labels = [self._meeting_of_bodies(doc, m) for m in labels if not self._is_errand_visit(doc, m)
                      and not (m[1] - m[0] == 1 and self._is_setting_place(doc[m[0]]))]
            generic = [m for m in self._context.matches(doc, 0, len(doc)) if self._is_generic_noun(doc, *m)]
            qualified = {e - 1 for s, e, _ in generic}
            # a weak word that says which deal or talks ("the border deal", "boundary talks") is what they are
            # about, not a word used in passing
            self._weak = {(s, e) for s, e, key in labels if key.startswith(WEAK)
                          and not (doc[e - 1].dep_ in {"compound", "amod"} and doc[e - 1].head.i in qualified)}
            labels = sorted([(s, e, key.lstrip(WEAK + NAME)) for s, e, key in labels]
                            + self._place_matches(doc, labels, idioms))
            labels = sorted(labels + self._echo_matches(doc, labels, idioms))
            self._found = (doc, self._unechoed(doc, labels), generic)
        return self._found[1], self._found[2]

    def _echo_matches(self, doc: Doc, labels: list[Match], idioms: set[int]) -> list[Match]:
        """Nouns that name a topic only in an article that names it outright (dg:echoLabel): "the exchange"
        and "the swap" after prisoners were exchanged are the prisoner exchange, so that "the exchange was the
        result of quiet mediation" is about the exchange, not the mediation; in a story naming no prisoners
        "the exchange" names nothing, and nor does a phrase that names no topic ("in exchange for"). Named
        outright means twice (MIN_STORY) or most: a war report that calls one strike "terror" is no story about
        terrorism, and its "attacks" are the war's."""
        counts = Counter(key for s, e, key in labels if (s, e) not in self._weak)
        named = {key for key, n in counts.items() if n >= MIN_STORY} | {key for key, _ in counts.most_common(1)}
        taken = idioms | {i for s, e, _ in labels for i in range(s, e)}
        return [(s, e, key) for s, e, key in self._echoes.matches(doc, 0, len(doc))
                if key in named and doc[e - 1].pos_ == "NOUN" and taken.isdisjoint(range(s, e))]

    def _is_setting_place(self, token: Token) -> bool:
        """A label that is also a noun of land (dg:placeNoun: "territory") told as where something goes or is
        ("trucks crossing into the territory", "strikes inside its territory", "enter our territory") is a place
        of the story; the land at issue is held, lost, given up or claimed ("part of its territory")."""
        if self._place_nouns.isdisjoint(token_keys(token)):
            return False
        head = token.head
        if token.dep_ == "pobj":
            return head.lower_ in SETTING_PREPOSITIONS
        return token.dep_ == "dobj" and head.lemma_.lower() in {"enter", "cross"}

    def _unechoed(self, doc: Doc, labels: list[Match]) -> list[Match]:
        """Less the weak words that are also echo labels (dg:weakLabel and dg:echoLabel: "border") in an article
        that names another topic but never theirs outright: the border of a story about reopening it to travel
        and trade is a place of the story, the border of a story about sovereignty the land at issue; where the
        article names no topic at all, a noun of land ("the border") is all there is to say what it is about, while
        "the release of the data" stays nothing."""
        echoes = {(s, e) for s, e, key in labels
                  if (s, e) in self._weak and doc[s:e].lemma_.lower() in self._echo_words.get(key, ())}
        named = {key for s, e, key in labels if (s, e) not in self._weak}
        if not named:  # a noun of land (dg:placeNoun) is all there is to say what the words are about
            echoes = {(s, e) for s, e in echoes if self._place_nouns.isdisjoint(token_keys(doc[e - 1]))}
        return [(s, e, key) for s, e, key in labels if (s, e) not in echoes or key in named]

    @staticmethod
    def _is_generic_noun(doc: Doc, start: int, end: int, keys: str) -> bool:
        """A generic word ("deal", "plan", "accord") names a thing only as a noun: "according to the
        press service", "deal with the crisis" and "plan to visit" name no agreement, and a modifier names the
        noun it modifies ("licence plates" are plates). Two are verbs of the
        process itself: "sign" (concluding a deal) and "talk" ("ready to talk", like "negotiate")."""
        head = doc[end - 1]
        if head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"}:
            return False  # "licence plates", "treaty text": the thing named is the noun it modifies
        return head.pos_ in {"NOUN", "PROPN"} or (head.pos_ == "VERB" and head.lemma_.lower() in CONTEXT_VERBS)

    def _meeting_of_bodies(self, doc: Doc, match: Match) -> Match:
        """A meeting held by working bodies ("the joint committee met", "a meeting of the border commission",
        "the delegations will meet") is the process those bodies belong to (dg:bodyNoun: a round of
        negotiations), not the guide's summit, a meeting of leaders."""
        start, end, key = match
        own = key.lstrip(WEAK + NAME)
        if end - start != 1 or not load_topics()[own].process:
            return match
        parties = self._parties(doc[start])
        for other, nouns in self._body_nouns.items():
            if other != own and any(not nouns.isdisjoint(token_keys(p)) for p in parties):
                return start, end, other
        return match

    @staticmethod
    def _parties(token: Token) -> list[Token]:
        """Who holds a meeting: the subject of "meet", the noun a meeting is named by ("committee meeting"),
        its owner, or its "of"/"between" phrase, with their conjuncts."""
        if token.pos_ in {"VERB", "AUX"}:
            parties = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        else:
            parties = [c for c in token.children if c.dep_ in {"compound", "poss", "nmod"}]
            parties += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "between"}
                        for g in c.children if g.dep_ == "pobj"]
        return parties + [c for p in parties for c in p.conjuncts]

    def _is_errand_visit(self, doc: Doc, match: Match) -> bool:
        """"Visit graves", "visit the site": a visit whose object is a thing, not a state, a city or a
        person, is no meeting of leaders."""
        start, end, _ = match
        token = doc[start]
        if end - start != 1 or token.lemma_.lower() != "visit" or token.pos_ != "VERB":
            return False
        objects = [c for c in token.children if c.dep_ == "dobj"]
        return bool(objects) and all(not o.ent_type_ and o.pos_ == "NOUN" and not self._is_place(o, set())
                                     for o in objects)

    @staticmethod
    def _is_meeting_idiom(token: Token) -> bool:
        """"Meet X halfway" is the idiom of compromise: nobody is met. (Meeting a requirement, "meet the
        demands", is a dg:notLabel phrase of the scheme.)"""
        return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() == "meet" \
            and any(c.lower_ == "halfway" for c in token.children)

    def _is_decision_vote(self, token: Token) -> bool:
        """A vote that decides something rather than elects someone: a vote on a text ("vote on the treaty",
        "the ratification vote", "voted in favour of"), a vote to act ("voted to ratify"), or one held by a
        body that decides by vote ("parliament voted", "the vote in the Senate", "the council will hold a
        vote"), or the division a text was carried by ("passed by 301 votes to 180"). The guide's
        `elections` is about choosing who governs."""
        if token.lemma_.lower() not in VOTE_WORDS:
            return False
        if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "on") for c in token.children):
            return True
        if any(c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() not in self._election_words
               for c in token.children):
            return True  # "the ratification vote", "a confidence vote": the noun says what is decided
        if any(c.dep_ == "prep" and g.lower_ in {"favour", "favor"} for c in token.children for g in c.children):
            return True  # "voted in favour of the resolution"
        if token.dep_ == "pobj" and token.head.lower_ == "by" and token.head.head.pos_ in {"VERB", "AUX"}:
            verb = token.head.head  # "the bill was passed by 318 votes to 201": a text carried by a division
            if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) and verb.lemma_.lower() != "elect":
                return True
        holders = [c for c in token.children if c.dep_ in VOTERS]
        holders += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "by", "of"}
                    for g in c.children if g.dep_ == "pobj"]
        if token.dep_ == "dobj":  # "the council will hold a vote"
            holders += [c for c in token.head.children if c.dep_ == "nsubj"]
        return any(not self._assemblies.isdisjoint(token_keys(h)) for h in holders)

    def _place_matches(self, doc: Doc, labels: list[Match], idioms: set[int]) -> list[Match]:
        """Words that name a topic when a place is what they act on: "Greenland is not for sale", "taking
        Assab", "buying the island" are about territory; "selling oil" is not, nor a place word inside a phrase
        that names no topic ("border controls")."""
        if not self._place_words:
            return []
        outweighed = self._outweighed_by_local(labels)
        # a weak word of the place words' own topic ("borders must not be changed") is the place they act on
        own = {WEAK + key for key in self._place_words.values()}
        named = {i for s, e, key in labels if key not in own for i in range(s, e)} | idioms  # "border controls"
        places = {t.lower_ for t in doc if t.ent_type_ in PLACE_ENTITIES and t.pos_ == "PROPN"}
        places |= {g.lower_ for t in doc if t.lemma_.lower() in self._place_nouns for c in t.children
                   if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.pos_ == "PROPN"}
        return [(t.i, t.i + 1, self._place_words[t.lemma_.lower()]) for t in doc
                if t.lemma_.lower() in self._place_words and t.i not in named
                and self._place_words[t.lemma_.lower()] not in outweighed and self._acts_on_place(t, places, named)]

    def _outweighed_by_local(self, labels: list[Match]) -> set[str]:
        """The place words' topics the article names less often than a topic fought inside one state
        (dg:LocalTopic: an insurgency): "regained control of the town" is a place of the insurgency, not land at
        issue."""
        topics = load_topics()
        counts = Counter(key.lstrip(NAME) for _, _, key in labels if key and key[0] not in (WEAK, FALLBACK)
                         and key != OTHER and key.lstrip(NAME) in topics)
        local = max((n for key, n in counts.items() if topics[key].local), default=0)
        return {key for key in self._place_words.values() if counts[key] < local}

    def _acts_on_place(self, token: Token, places: set[str], named: set[int]) -> bool:
        """The word's object, possessor, "of" or "over" phrase is a place, or the place it qualifies ("the
        disputed islands"), or, as the object of a preposition ("for sale"), the subject of the clause it
        completes is; a conjunct ("for sale or lease") shares them."""
        word = token.head if token.dep_ == "conj" and token.head.pos_ == token.pos_ else token
        arguments = [c for c in word.children if c.dep_ in PLACE_ARGUMENTS]
        arguments += [g for c in word.children if c.dep_ == "prep" and c.lower_ in {"of", "over"} for g in c.children
                      if g.dep_ == "pobj"]
        if word.dep_ == "amod":  # "the contested border region": the word qualifies the place
            arguments.append(word.head)
        arguments += [c for a in arguments for c in a.conjuncts]  # "the airport and two districts"
        if word.dep_ == "pobj" and word.head.dep_ == "prep":
            arguments += [c for c in word.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if self._passes_to_state(word):  # "the islands belong to Japan", "every metre of the canal ..."
            subjects = [c for c in word.children if c.dep_ == "nsubj"]
            arguments += subjects + [g for c in subjects for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                                     for g in p.children if g.dep_ == "pobj"]
        return any(a.i not in named and self._is_place(a, places) for a in arguments)

    @staticmethod
    def _passes_to_state(word: Token) -> bool:
        """A place word told without an object, its "to" phrase a state: what passes or belongs to the state is
        its subject ("Hong Kong returned to China"); "Kyiv returned to the table" passes to no state."""
        if word.pos_ != "VERB" or any(c.dep_ == "dobj" for c in word.children):
            return False
        return any(g.ent_type_ == "GPE" for c in word.children if c.dep_ == "prep" and c.lower_ == "to"
                   for g in c.children if g.dep_ == "pobj")

    def _is_place(self, token: Token, places: set[str]) -> bool:
        """A named place (a state, a region, a port), a name the document gives a place elsewhere ("the port
        of Assab", where the parser misses it in "taking Assab"), or a noun that names land or sea; a word
        that names a topic is a thing, whatever the parser tagged it ("the sale of Patriots")."""
        return token.ent_type_ in PLACE_ENTITIES or not self._place_nouns.isdisjoint(token_keys(token)) \
            or (token.pos_ == "PROPN" and token.lower_ in places)

    @staticmethod
    def _inside(matches: list[Match], start: int, end: int) -> list[Match]:
        first = bisect_left(matches, (start, -1, ""))
        out = []
        for match in matches[first:]:
            if match[0] >= end:
                break
            if match[1] <= end:
                out.append(match)
        return out

    def _matches(self, doc: Doc, start: int, end: int) -> list[Match]:
        """Topic labels in tokens [start, end), less the phrases that hold a label but name no topic, and
        less weak labels ("border", "inspection") where a topic is named by a strong one: "borders open for
        trade" is about trade, "inspection ships and long-range drones" about drones. As with strong words,
        a process (a meeting) outweighs only a weak process ("a delegation at the summit")."""
        found = self._inside(self._document_matches(doc)[0], start, end)
        strong = {key for s, e, key in found if (s, e) not in self._weak}
        if not strong:
            return found
        topics = load_topics()
        subjects = any(not topics[key].process for key in strong)
        return [m for m in found if (m[0], m[1]) not in self._weak or m[2] in strong
                or not (subjects or topics[m[2]].process)]

    def _document_counts(self, doc: Doc) -> tuple[Counter[str], Counter[str]]:
        """How often the document names each topic, and each top concept by what it names other than
        processes (talks and meetings are about something else); words used in passing (weak labels) do
        not count, nouns of the war itself ("the war", "the fighting": fallback labels) do, so that two
        mentions of the displaced in a war story do not make it a story about aid."""
        if self._counts[0] is not doc:
            keys = Counter(key for s, e, key in self._matches(doc, 0, len(doc)) if (s, e) not in self._weak)
            keys.update(key for _, _, key in self._fallback)  # "the war", named as a thing, is what it is about
            topics = load_topics()
            tops: Counter[str] = Counter()
            for key, n in keys.items():
                if not topics[key].process:
                    tops[top_concept(key)] += n
            self._counts = (doc, keys, tops)
        return self._counts[1], self._counts[2]

    def _resolve(self, doc: Doc, candidates: list[str], given: bool = False) -> str | None:
        """The topic a generic word names in this document: a subject the document names or leans to
        ("a deal" in a war story is a peace deal, in a trade story a trade deal), else a process the
        document names ("a deal" reached in talks on a dam is the talks' outcome). A definite one ("the
        treaty", `given`) is the agreement the article is about: where its own reading is never named, it
        is about what the article names under the same top concept (the treaty of a story about sovereignty
        and no peace is about the sovereignty); "a deal", a new one, keeps its kind's reading."""
        keys, tops = self._document_counts(doc)
        topics = load_topics()
        subjects = [k for k in candidates if not topics[k].process]
        if subjects and tops:
            best = max(subjects, key=lambda k: (2 * keys[k] + tops[top_concept(k)], tops[top_concept(k)], k))
            leaning, n = tops.most_common(1)[0]
            if keys[best]:
                return best
            if top_concept(best) == leaning and n >= MIN_LEANING:
                own = not given and self._names_its_matter(doc, best)
                return (None if own else self._named_sibling(doc, best)) or best
        processes = [k for k in candidates if topics[k].process and (keys[k] or tops[top_concept(k)])]
        return max(processes, key=lambda k: (keys[k], tops[top_concept(k)], k)) if processes else None

    def _names_its_matter(self, doc: Doc, key: str) -> bool:
        """The article names what the reading `key` settles: its top concept itself, by a noun of the thing
        ("the war", "the conflict": a new deal in a war story is a peace deal), or a topic the scheme relates
        to it (skos:related: a ceasefire pauses the war a peace deal ends). Where it names neither, a dispute
        over an island or a port with no war, a generic word is about what the article does name there."""
        keys, _ = self._document_counts(doc)  # the top concept's own count holds its fallback nouns
        return bool(keys[top_concept(key)]) or any(keys[k] for k in load_topics()[key].related)

    def _named_sibling(self, doc: Doc, key: str) -> str | None:
        """The topic of `key`'s top concept that the document names most (talks and meetings aside)."""
        keys, _ = self._document_counts(doc)
        topics = load_topics()
        top = top_concept(key)
        named = [k for k, n in keys.most_common() if n and not topics[k].process and k != top and top_concept(k) == top]
        return named[0] if named else None

    @staticmethod
    def _is_given(token: Token) -> bool:
        """A definite noun ("the treaty", "this agreement", "Britain's deal"): something the reader knows."""
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children)

    def topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """The most specific topics named in tokens [start, end), in order of first mention.

        A generic word ("the proposal") stands for the specific topic the document names; beside
        specific words it counts only when it is what its clause is about, the subject or object of a
        verb ("a deal that freezes the territorial gains": the deal and the territory).
        """
        found = self._matches(doc, start, end)
        named = {i for s, e, _ in found for i in range(s, e)}
        explicit = {key for s, e, key in found if (s, e) not in self._weak and doc[e - 1].tag_ in PRESENT_VERBS
                    and not any(c.dep_ == "neg" for c in doc[e - 1].children)}  # "will not negotiate": no process
        # the process named as itself ("a new round of indirect talks on a ceasefire"), not by its agents ("the
        # mediators put forward a proposal for a truce"), is what the words are about beside what it settles
        explicit |= {key for s, e, key in found if (s, e) not in self._weak and doc[e - 1].pos_ == "NOUN"
                     and doc[e - 1].lemma_.lower() in self._process_nouns.get(key, ())}
        for s, e, joined in self._inside(self._document_matches(doc)[1], start, end):
            head = doc[e - 1]
            if any(child.i in named for child in head.children):
                continue  # "the Mutual Defence Treaty": its modifier already says which treaty
            if not found or self._is_core(head, start, end):
                key = self._resolve(doc, joined.split(), self._is_given(head))
                if key:
                    found.append((s, e, key))
        found.sort()
        keys: list[str] = []
        for _, _, key in found:
            if key not in keys:
                keys.append(key)
        return narrowest(keys, explicit)

    def statement_topics(self, doc: Doc, tokens: tuple[int, int], cue: Cue, taken: set[int],
                         foreign: frozenset[int] | set[int] = frozenset()) -> list[str]:
        """Topics of a statement read as the guide says, "with its sentence": its own words first (a
        definite noun, "the ban", standing for its earlier mention); when they name none, the rest of
        its sentence (the reporting clause, then the same speaker's other statements: `foreign` holds
        other speakers' words, which are theirs to be about), then the sentence before it
        in its paragraph or the question it answers, then the article's story. A topic borrowed from
        around the words is one: the one the article names most.
        """
        topics = self.topics(doc, *tokens) or narrowest(self._antecedent_topics(doc, *tokens))
        if topics and self._headline_object(doc, cue):
            # "Inside the Drone War: Kyiv Pleads for Interceptors": a headline's bare object is read with
            # the whole headline, which is its sentence (the guide, section 3)
            sent = doc[tokens[0]].sent
            skip = set(range(*tokens)) | self._aside(cue, tokens) | set(foreign)
            around = self._outside(doc, sent.start, sent.end, skip)
            topics = narrowest(list(dict.fromkeys(topics + around)))
        if topics:
            return self._specialise(doc, self._with_subject(doc, topics))
        if self.is_courtesy(doc, tokens):
            return []  # thanks, solidarity, "no comment": the guide's `other`
        sent, cue_sent = doc[tokens[0]].sent, cue.token.sent
        start, end = min(sent.start, cue_sent.start), max(sent.end, cue_sent.end)
        aside = self._aside(cue, tokens)
        keys = self._outside(doc, start, end, taken | aside) or self._outside(doc, start, end, aside | foreign) \
            or self._before(doc, start, self._points_to_before(doc, tokens))
        if keys:
            return self._borrow(doc, keys)
        return self._default_topics(doc, *tokens) or self._fallback_topics(doc, *tokens) or self._dominant(doc)

    def _default_topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """Where the words, their sentence and the one before name no topic, a generic word of theirs that the
        article neither names nor leans to reads its default (dg:defaultLabel): "the decision to resume the
        talks" in a story about an election law is `negotiations`, talks being negotiations whatever they
        settle."""
        _, generic = self._document_matches(doc)
        words = [doc[e - 1].lemma_.lower() for _, e, _ in self._inside(generic, start, end)]
        return list(dict.fromkeys(self._defaults[w] for w in words if w in self._defaults))

    def _fallback_topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """The broad topic the words' own nouns name where nothing around names a narrower one: "the war must
        end" with no truce, talks or deal in sight is about war and peace, the guide's broader key, rather than
        the story's most named topic."""
        self._document_matches(doc)
        local = self._local_reading(doc)
        return list(dict.fromkeys(local.get(key, key) for _, _, key in self._inside(self._fallback, start, end)))

    def _local_reading(self, doc: Doc) -> dict[str, str]:
        """In an article naming a topic fought inside one state (dg:LocalTopic: an insurgency) more often than any
        narrower topic of the war, the war's own nouns ("the violence", "the fighting") are that topic's."""
        keys, _ = self._document_counts(doc)
        topics = load_topics()
        local = max((k for k in keys if topics[k].local), key=lambda k: keys[k], default=None)
        if local is None:
            return {}
        broad = {key for _, _, key in self._fallback}
        return {b: local for b in broad if keys[local] > max((keys[k] for k in topics[b].narrower
                                                              if not topics[k].process), default=0)}

    def _subject(self, doc: Doc) -> list[str]:
        """The topics one noun phrase of the headline names together: a story's subject of several topics
        ("Ban on Russian Gas": sanctions on energy). Topics of separate phrases ("Hostage Talks Resume as Aid
        Convoys Wait") are separate matters, and a headline of one topic has no subject of several."""
        if self._headline[0] is not doc:
            span = self._headline_span(doc)
            phrases: dict[int, list[str]] = {}
            found = self._matches(doc, 0, span.end) if span is not None else []
            named = {i for s, e, _ in found for i in range(s, e)}
            topics = load_topics()
            for s, e, joined in self._inside(self._document_matches(doc)[1], 0, span.end) if span is not None else []:
                # headlines drop their articles: "Oil Licence" is the licence the story is about
                key = self._resolve(doc, joined.split(), given=True)
                if key and not topics[key].process and not named.intersection(range(s, e)):
                    found.append((s, e, key))
            for s, e, key in found:
                phrases.setdefault(self._phrase_head(doc[s:e].root).i, []).append(key)
            subjects = [narrowest(list(dict.fromkeys(keys))) for keys in phrases.values()]
            self._headline = (doc, max(subjects, key=len) if subjects else [])
        return self._headline[1]

    @staticmethod
    def _headline_span(doc: Doc) -> Span | None:
        """The document's first line: its headline."""
        end_of_line = headline_end(doc)
        return doc.char_span(0, end_of_line, alignment_mode="contract") if end_of_line > 0 else None

    def _headline_topics(self, doc: Doc) -> list[str]:
        """The subjects the headline names (talks and meetings only where it names nothing else)."""
        if self._headline_keys[0] is not doc:
            span = self._headline_span(doc)
            keys = self.topics(doc, 0, span.end) if span is not None else []
            topics = load_topics()
            self._headline_keys = (doc, [k for k in keys if not topics[k].process] or keys)
        return self._headline_keys[1]

    @staticmethod
    def _phrase_head(token: Token) -> Token:
        """The noun a word's noun phrase is headed by, through compounds and the prepositional phrases that
        follow a noun: "gas" in "ban on Russian gas" belongs to "ban"."""
        while True:
            if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.i < token.head.i:
                head = token.head.head
            elif token.dep_ in {"compound", "amod", "nmod"}:
                head = token.head
            else:
                return token
            if head.pos_ not in {"NOUN", "PROPN"}:
                return token
            token = head

    def _with_subject(self, doc: Doc, keys: list[str]) -> list[str]:
        """Words that name part of a subject of several topics are about the whole of it: in a story on a ban
        on Russian gas, "the ban" is the gas ban and paying for Russian gas is what the ban is about."""
        subject = self._subject(doc)
        if len(subject) < 2 or not set(keys) <= set(subject):
            return keys
        return narrowest(list(dict.fromkeys(keys + subject)))

    @staticmethod
    def _headline_object(doc: Doc, cue: Cue) -> bool:
        """The cue is a headline's and its content a noun phrase ("... Presses for Tougher Measures")."""
        return cue.content_kind == "object" and 0 <= cue.token.idx < headline_end(doc)

    def is_courtesy(self, doc: Doc, tokens: tuple[int, int]) -> bool:
        """Words that name no topic but hold a courtesy or a procedural phrase (thanks, solidarity, "no
        comment", "we'll see what happens"): the guide's `other`, which borrows no topic from around it,
        not even from the quote it continues."""
        self._document_matches(doc)
        return bool(self._inside(self._other, *tokens)) and not self._matches(doc, *tokens)

    @staticmethod
    def _aside(cue: Cue, tokens: tuple[int, int]) -> set[int]:
        """Words of the reporting clause that are not what was said: the speaker's description ("a
        commander of an air defence unit") and the setting ("after meeting Zelensky", "as she arrived
        for the meeting"); the "as" of "described X as Y" is what was said, not a setting."""
        phrases = [cue.speaker] if cue.speaker is not None else []
        for child in cue.token.children:
            marks = {child.lemma_.lower()} - {"as"} if child.dep_ == "prep" else \
                {c.lemma_.lower() for c in child.children if c.dep_ == "mark"} if child.dep_ == "advcl" else set()
            if marks & SETTING_WORDS:
                phrases.append(child)
        return {t.i for phrase in phrases for t in phrase.subtree if not tokens[0] <= t.i < tokens[1]}

    def _antecedent_topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """Topics of the earlier mentions that definite nouns of the words take up: "the ban" after "a
        ban on Russian gas" is the gas ban, "the proposal" after "a proposal for a truce" the truce. Where the
        earlier mention's own words say nothing ("issued a statement after the talks on the strait") and the
        words are that noun alone ("welcomed the statement"), the sentence that introduced it says what it is
        about: one topic, the one the article names most."""
        keys: list[str] = []
        for token in doc[start:end]:
            if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
                continue
            window = list(reversed(doc[max(0, start - ANTECEDENT_WINDOW):start]))
            earlier = next((t for t in window if t.lemma_ == token.lemma_ and t.pos_ == "NOUN"), None) \
                or next((t for t in window if t.pos_ == "VERB" and self._nominalises(token, t)), None)
            if earlier is not None:
                found = self.topics(doc, earlier.left_edge.i, earlier.right_edge.i + 1)
                if not found and token.left_edge.i <= start and token.right_edge.i >= end - 1:
                    found = self._borrow(doc, self.topics(doc, earlier.sent.start, earlier.sent.end))
                keys += [k for k in found if k not in keys]
        return keys

    @staticmethod
    def _nominalises(noun: Token, verb: Token) -> bool:
        """The noun names the act of the verb ("the extension" of "would extend", "the approval" of
        "approve", "the renewal" of "renew"): a noun with a suffix that makes acts of verbs, sharing all of
        the verb but its last letter. No maintained English lexicon of derivations installs without a
        download at run time (WordNet's data does not), so the suffixes are the rule."""
        n, v = noun.lemma_.lower(), verb.lemma_.lower()
        if len(v) < 5 or n == v or len(n) - len(v) > 4 or not n.endswith(NOMINAL_SUFFIXES):
            return False
        return n.startswith(v[:-1])

    def _outside(self, doc: Doc, start: int, end: int, taken: set[int]) -> list[str]:
        """Topics of the runs of tokens [start, end) outside other statements' words."""
        keys: list[str] = []
        i = start
        while i < end:
            j = i
            while j < end and j not in taken:
                j += 1
            keys += [k for k in self.topics(doc, i, j) if k not in keys]
            i = j + 1
        return keys

    def _before(self, doc: Doc, start: int, pointing: bool = False) -> list[str]:
        """Topics of the sentence before token `start` when it belongs to the same paragraph (no blank
        line between), is the question the words answer, or is what words made of a pronoun or a bare
        definite noun point back to ("welcomed it" at the head of a paragraph); a process named there
        (talks, a meeting) is the setting, not what the words are about, unless they point back to it
        ("brought the delegations back to the negotiating table. [...] welcomed it")."""
        if start == 0:
            return []
        previous = doc[start - 1].sent
        between = doc[previous.start:start].text_with_ws
        if PARAGRAPH_BREAK in between and not previous.text.rstrip().endswith("?") and not pointing:
            return []
        topics = load_topics()
        keys = self.topics(doc, previous.start, previous.end)
        if pointing and not keys:  # "the plan was a trap. [...] welcomed it": the plan's earlier mention
            keys = narrowest(self._antecedent_topics(doc, previous.start, previous.end))
        return [k for k in keys if pointing or not topics[k].process]

    @staticmethod
    def _points_to_before(doc: Doc, tokens: tuple[int, int]) -> bool:
        """The words are a pronoun alone ("it", "this", "that") or a bare definite noun ("rejected the
        accusation", "welcomed the decision"): they stand for what was told just before."""
        words = [t for t in doc[tokens[0]:tokens[1]] if not t.is_punct]
        if not words:
            return False
        if len(words) == 1 and words[0].pos_ == "PRON" and words[0].lower_ in ANAPHORS:
            return True
        head = doc[tokens[0]:tokens[1]].root
        return len(words) <= 3 and head.pos_ == "NOUN" and all(head.i in (t.i, t.head.i) for t in words) \
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children)

    def _borrow(self, doc: Doc, keys: list[str]) -> list[str]:
        """Of the topics named around a statement, the one the article names most."""
        if len(keys) < 2:
            return keys
        counts, _ = self._document_counts(doc)
        return [max(keys, key=lambda k: counts[k])]

    def _specialise(self, doc: Doc, keys: list[str]) -> list[str]:
        """A broad topic word ("confrontation") in an article about a narrower topic of it (Iran's
        nuclear programme) is about that narrower topic."""
        story = self._dominant(doc)
        if not story:
            return keys
        topics = load_topics()
        process = topics[story[0]].process
        return list(dict.fromkeys(story[0] if k in topic_ancestors(story[0]) or (process and topics[k].process)
                                  else k for k in keys))

    @staticmethod
    def _is_core(token: Token, start: int, end: int) -> bool:
        """The word is the subject or object of a verb inside the span: what the clause is about."""
        return token.dep_ in {"nsubj", "nsubjpass", "dobj"} and start <= token.head.i < end

    def _dominant(self, doc: Doc) -> list[str]:
        """The topic the document is about, when one stands out: most of its topic words name it, or a large
        share of them do and the headline names it too. A story on hostages whose topic words also name the
        talks, the aid and the insurgency is still "an article about" the hostages (the guide, section 3),
        while a topic that only leads the count, unnamed in the headline, is no story."""
        keys, _ = self._document_counts(doc)
        total = sum(keys.values())
        if not total:
            return []
        key, n = keys.most_common(1)[0]
        if n < MIN_STORY:
            return []
        share = n / total
        return [key] if share >= DOMINANT_SHARE or (share >= STORY_SHARE and key in self._headline_topics(doc)) else []

    @staticmethod
    def _points_back(doc: Doc, tokens: tuple[int, int], words: set[str] = ANAPHORS) -> bool:
        """"we want that", "the same thing": words that stand for something said before."""
        return any(t.lower_ in words and t.tag_ != "WDT" and t.dep_ in {"dobj", "nsubj", "amod", "attr", "det", "pobj"}
                   for t in doc[tokens[0]:tokens[1]])

    def carry_stance(self, doc: Doc, tokens: tuple[int, int], cue: Cue, reading: StanceReading,
                     previous: Statement | None, speaker_id: str, sentence: str) -> StanceReading:
        """Words with no stance of their own that point back to the same speaker's statement in the same
        sentence ("..., adding that it was “the same thing that I told President Putin”") share its stance."""
        if reading.source != "none" or previous is None or previous.speaker_id != speaker_id \
                or previous.sentence != sentence or not self._points_back(doc, tokens, CARRIERS):
            return reading
        return replace(reading, label=previous.stance, source="carried", confidence=CONFIDENCE["carried"])

    def stance(self, doc: Doc, start: int, end: int) -> str:
        """The strongest stance shown in tokens [start, end) by its frames and triggers alone."""
        return self.reader.plain(doc, start, end)

    def read_stance(self, doc: Doc, start: int, end: int, entry: CueEntry | None, cue_kind: str,
                    topics: tuple[str, ...] | list[str], cue_token: Token | None = None) -> StanceReading:
        """The speaker's stance on the statement's topic, with its source, confidence and the topics
        argued against ("a ceasefire, not an escalation": escalation is contrasted, never supported)."""
        reading = self.reader.read(doc, start, end, entry, cue_token, cue_kind, topics)
        if reading.contrasted is None:
            return reading
        lo, hi = reading.contrasted
        argued = set(self.topics(doc, start, lo)) | set(self.topics(doc, hi, end))
        against = tuple(k for k in self.topics(doc, lo, hi) if k not in argued and k in topics)
        return replace(reading, against=against)
