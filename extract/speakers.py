"""Who speaks: a cue's subject resolved to an actor, through pronouns, relatives and documents.

Pronouns take the most salient earlier person (the last one that was a grammatical subject outside
quotes, agreeing in gender); "who" takes the noun its clause hangs from; "the statement said" takes
whoever issued the statement, and "a Kremlin statement" the body that names it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import demonym_index, normalize

from .actors import (FEMALE, INSTITUTIONS, MALE, ROLE_NOUNS, ActorResolver, Resolution, agrees, is_anonymous,
                     mention_span, to_actor)
from .cues import Cue, headline_end, headline_line
from .names import HONORIFICS, fold
from .records import Actor

GROUP_NOUNS = {"leader", "minister", "government", "president", "country", "state", "ally", "foreign minister",
               "head", "premier", "chancellor", "nation", "partner", "member", "envoy", "negotiator", "mediator",
               "rebel", "insurgent", "militant"}  # "the M23 rebels said": a named movement's fighters speak as one
DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "readout", "declaration", "report", "letter",
                  "announcement", "bulletin", "memorandum", "note"}  # "the Kremlin's announcement said", a diplomatic note
ISSUING_VERBS = {"issue", "release", "publish", "put", "sign", "adopt", "send"}


IT_LOOKBACK_CHARS = 400  # "it said" refers to a body that spoke within about two sentences
AUTHOR_LOOKBACK = 2000  # tokens searched back for who "issued a statement" (a few paragraphs)


@dataclass
class _Mention:
    char: int
    sent: int
    actor: Actor
    subject: bool


@dataclass
class Speakers:
    """Resolves the speakers and addressees of one parsed document."""

    doc: Doc
    resolver: ActorResolver
    quoted: set[int]
    _mentions: list[_Mention] = field(default_factory=list)
    _bodies: list[tuple[int, Actor]] = field(default_factory=list)  # bodies that spoke, for a later "it"

    def __post_init__(self) -> None:
        self._mentions = self._person_mentions()
        self._chars = [mention.char for mention in self._mentions]
        for token in self.doc:  # groups named as subjects, so that a later "they" can refer to them
            if token.dep_ == "nsubj" and token.i not in self.quoted and (_conjuncts(token) or token.tag_ == "NNS"):
                self.group(token)

    def _person_mentions(self) -> list[_Mention]:
        """Persons named outside quotes, in order: the candidates a pronoun may refer to."""
        mentions = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.root.i in self.quoted or self.asks(ent.root):
                continue
            found = self.resolver.resolve_span(mention_span(ent.root))
            if found is not None and found.actor.type == "Person":
                # a name set beside the subject ("Russia's deputy minister, Mikhail Galuzin, was ...") is the subject
                subject = ent.root.dep_ in {"nsubj", "nsubjpass"} or (
                    ent.root.dep_ == "appos" and ent.root.head.dep_ in {"nsubj", "nsubjpass"})
                mentions.append(_Mention(ent.start_char, ent.sent.start, found.actor, subject))
        in_ents = {i for ent in self.doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        for token in self.doc:  # "Samoa's prime minister, Fiame Naomi Mata'afa, opened ...": a name NER missed,
            # set beside the subject's role, is that subject for a later "she said"
            if token.dep_ == "appos" and token.pos_ == "PROPN" and token.i not in in_ents and token.i not in self.quoted \
                    and fold(token.head.text) in ROLE_NOUNS and not self.asks(token):
                found = self.resolver.as_person(mention_span(token))
                if found is not None and found.actor.type == "Person":
                    subject = token.head.dep_ in {"nsubj", "nsubjpass"}
                    mentions.append(_Mention(mention_span(token).start_char, token.sent.start, found.actor, subject))
        mentions.sort(key=lambda m: m.char)
        return mentions

    @property
    def mentions(self) -> list[_Mention]:
        """Persons named outside quotes, in order of their place in the text."""
        return list(self._mentions)

    def antecedent(self, pronoun: Token) -> Actor | None:
        """The most salient earlier person: a subject in the nearest sentence, else the last mention.

        Mentions are walked back from the pronoun (found by bisection) through at most three
        sentences, so each pronoun costs its neighbourhood, not the whole article."""
        groups: list[tuple[int, list[_Mention]]] = []  # the nearest sentences first, their mentions latest first
        latest: _Mention | None = None
        for index in range(bisect_left(self._chars, pronoun.idx) - 1, -1, -1):
            mention = self._mentions[index]
            if not agrees(pronoun.lower_, mention.actor):
                continue
            latest = latest or mention
            if groups and groups[-1][0] == mention.sent:
                groups[-1][1].append(mention)
            elif len(groups) == 3:
                break
            else:
                groups.append((mention.sent, [mention]))
        if latest is None:
            return None
        for sent, in_sent in groups:
            subjects = [m for m in in_sent if m.subject]
            if subjects:
                return subjects[0].actor
            if sent == pronoun.sent.start:
                continue
            return in_sent[0].actor
        return latest.actor

    def speaker(self, token: Token | None) -> Resolution | None:
        """The actor a cue's subject names: a pronoun's antecedent, a relative "who"'s noun, a document's author."""
        if token is None:
            return None
        if token.lower_ in {"who", "that", "which"} and token.head.dep_ == "relcl":
            token = token.head.head  # "a letter from the ministry, which insisted": the noun the clause hangs from
        if token.lower_ in MALE | FEMALE:
            actor = self.antecedent(token) or self._subject_of_clause_before(token)
            return Resolution(actor, token.text, 0.85) if actor else None
        if token.lower_ == "they":  # "they said" after "the Nordic prime ministers said" → the group
            group = self.resolver.latest_group(token.idx)
            return Resolution(group, token.text, 0.75) if group else None
        if token.lower_ == "it":  # "The army said ... and it accused ...": the body that spoke last
            body = next((actor for char, actor in reversed(self._bodies)
                         if char < token.idx and token.idx - char <= IT_LOOKBACK_CHARS), None)
            return Resolution(body, token.text, 0.75) if body else None
        if token.pos_ == "PRON":
            return None
        owned = self._owned_by_its(token)
        if owned is not None:
            return owned
        named_later = self._headline_body(token)
        if named_later is not None:
            return named_later
        group = self.group(token)
        if group is not None:
            return group
        if token.lemma_.lower() in DOCUMENT_NOUNS:
            return self.document_author(token)
        # "the alliance's chief, Mark Rutte, said"; a title-cased role too ("Solomon Islands' Foreign Minister, X,")
        # ... and a title-cased office that is no name ("the Chair of the Senior Arctic Officials, Ambassador X,")
        titled_office = token.pos_ == "PROPN" and not token.ent_type_ and token.lower_ in HONORIFICS | {"chair"}
        for appos in _appositions(token) if token.pos_ != "PROPN" or fold(token.text) in ROLE_NOUNS or titled_office else []:
            named = self.resolver.resolve_span(mention_span(appos))
            if (named is None or named.actor.type != "Person") and (fold(token.text) in ROLE_NOUNS or token.pos_ == "NOUN"):
                # "the opposition leader, X", "its administrator, X", "a senior diplomat, X": a common noun
                # describing the subject, and a proper name set beside it, name a person
                named = self.resolver.as_person(mention_span(appos))  # "the opposition leader, X": X is a person
            if named is not None and named.actor.type == "Person":
                self._note_subject(appos, named.actor)
                return named
        found = self.resolver.resolve_span(mention_span(token))
        if found is None and token.pos_ == "PROPN" and (_who_clause(token) or _role_apposition(token)):
            # "X, who directs the programme, argued"; "X, the Brazilian ambassador, said": a name NER missed
            found = self.resolver.as_person(mention_span(token))
        if found is not None and found.actor.type == "Person":
            self._note_subject(token, found.actor)
        elif found is not None and found.actor.type in {"Organization", "State"} and not is_anonymous(found.actor):
            self._bodies.append((token.idx, found.actor))
        return found

    def _headline_body(self, token: Token) -> Resolution | None:
        """"Government Denies Report", "Ministry Rejects Claim": a headline names a body by its bare noun; it
        is the body the article names with that noun as a subject ("The Colombian government said ...")."""
        line = headline_line(token)  # the title or a subhead
        if line is None or token.pos_ not in {"NOUN", "PROPN"} or token.lower_ not in INSTITUTIONS \
                or any(c.dep_ not in {"det", "punct"} for c in token.lefts):
            return None
        later = next((t for t in self.doc[token.i:] if t.idx > line[1] and t.i not in self.quoted
                      and t.dep_ == "nsubj" and t.lemma_.lower() == token.lemma_.lower()
                      and any(c.dep_ in {"amod", "poss", "compound"} for c in t.lefts)), None)
        found = self.resolver.resolve_span(mention_span(later)) if later is not None else None
        return Resolution(found.actor, token.text, 0.7) if found is not None and found.actor.type == "Organization" else None

    def _owned_by_its(self, token: Token) -> Resolution | None:
        """"Its foreign ministry said", "its spokesman said" with no name beside it: "its" is the state or
        body last named as a subject within about two sentences. A ministry is that state's (the state of a
        body); an unnamed spokesperson speaks for the body (the README's "through its spokesman")."""
        its = next((c for c in token.children if c.dep_ == "poss" and c.lower_ == "its"), None)
        if its is None or _appositions(token):
            return None
        owner = self._last_subject_body(its)
        if owner is None:
            return None
        if fold(token.text) in {"spokesman", "spokeswoman", "spokesperson"}:
            return Resolution(owner, mention_span(token).text, 0.7) if owner.type == "Organization" else None
        state = owner.id if owner.type == "State" else owner.part_of
        body = self.resolver.institution(mention_span(token), owner_state=state) if state else None
        return Resolution(body, mention_span(token).text, 0.7) if body is not None else None

    def _last_subject_body(self, its: Token) -> Actor | None:
        """The state or body that the last subject (outside quotes) before "its" names, in its sentence or
        the two before it; None when that subject names neither ("The North itself has closed that door")."""
        sents = [s for s in self.doc.sents if s.end <= its.sent.start][-2:]
        start = sents[0].start if sents else its.sent.start
        for token in reversed(self.doc[start:its.i]):
            if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"PROPN", "NOUN"} and token.i not in self.quoted:
                found = self.resolver.resolve_span(mention_span(token))
                if found is not None and found.actor.type in {"State", "Organization"} and not is_anonymous(found.actor):
                    return found.actor
                return None  # the last subject is what "its" refers to; when it names no state or body, none
        return None

    def _subject_of_clause_before(self, pronoun: Token) -> Actor | None:
        """"When Armenia's deputy minister met the families, she told them ...": with no person named
        before, the subject of a clause opening the pronoun's sentence is what it refers to, a role
        descriptor resolving to the person the article names with that role."""
        for subject in pronoun.sent:
            if subject.i >= pronoun.i:
                break
            if subject.dep_ == "nsubj" and subject.head.dep_ == "advcl" and subject.pos_ in {"NOUN", "PROPN"}:
                found = self.resolver.resolve_span(mention_span(subject))
                if found is not None and found.actor.type == "Person" and agrees(pronoun.lower_, found.actor):
                    return found.actor
        return None

    def asks(self, token: Token) -> bool:
        """The token's sentence is a question the reporter or interviewer puts ("Q: Will the minister meet
        his counterpart?"): it ends on a question mark outside quotes. It states nothing, and a person it
        names is not who a later "she said" in the answer refers to."""
        sent = token.sent
        last = next((t for t in reversed(sent) if not t.is_space and t.text not in {"\"", "”", "'", "’"}), None)
        return last is not None and last.text == "?" and last.i not in self.quoted

    def _note_subject(self, token: Token, actor: Actor) -> None:
        """A speaker named as a subject is the most salient person for a later "she said", even where
        NER missed the name (a liveblog's "Senegal's foreign minister, X, proposed ... “...,” she said")."""
        if self.asks(token):
            return
        at = bisect_right(self._chars, token.idx)  # kept in order without re-sorting them all
        self._mentions.insert(at, _Mention(token.idx, token.sent.start, actor, True))
        self._chars.insert(at, token.idx)

    def group(self, token: Token) -> Resolution | None:
        """A joint speaker: "X and Y announced", "the two foreign ministers, X and Y, said", "the prime
        ministers of A, B and C said"; "the leaders" or "the two governments" then refer back to it."""
        doc = token.doc
        named = next((c for c in token.children if c.dep_ == "appos" and _conjuncts(c)), None)
        head = named if named is not None else token
        conjuncts = _conjuncts(head)
        first = _stranded_first_conjunct(head) if not conjuncts else None
        listed = _headline_list(head) if not conjuncts and first is None else []
        if first is not None:  # "Brazil and Colombia said" parsed with "Brazil" cut off as a fragment
            head, conjuncts = first, [head]
        elif listed:  # "Putin, Trump Agree" in a headline
            head, conjuncts = listed[0], listed[1:]
        elif conjuncts and token.tag_ == "NNS" and doc[conjuncts[0].left_edge.i - 1].text == "," \
                and all(c.pos_ == "PROPN" for c in conjuncts):
            # "The two foreign ministers, A and B, said": the names set off by a comma after a plural are
            # its apposition, whatever the parser made of them
            head, conjuncts = conjuncts[0], conjuncts[1:]
        if conjuncts:
            members = []
            for member in [head, *conjuncts]:
                found = self.resolver.resolve_span(mention_span(member))
                if found is None:
                    return None
                members.append(found.actor)
            name = ", ".join(m.name for m in members[:-1]) + " and " + members[-1].name
            start = mention_span(token).start
            mention = doc[start:max(head.right_edge.i, conjuncts[-1].i) + 1].text
            return Resolution(self.resolver.note_group(token.idx, members, name), mention, 0.85)
        lemma = token.lemma_.lower()
        if token.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in GROUP_NOUNS:
            lemma = lemma[:-1]  # "Forum Foreign Ministers": a capitalised plural, tagged as a name, keeps its -s
        elif token.tag_ not in {"NNS", "NNPS"}:
            return None
        if lemma not in GROUP_NOUNS:
            return None
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        listed = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if listed and _conjuncts(listed[0]):  # "the prime ministers of Denmark, Finland and Sweden"
            members = [self.resolver.resolve_span(mention_span(m)) for m in [listed[0], *_conjuncts(listed[0])]]
            span = doc[mention_span(token).start:of.right_edge.i + 1]  # not an aside after it ("..., meeting in Doha,")
            name = re.sub(r"^(the|a|an)\s+", "", span.text, flags=re.I)
            actor = self.resolver.note_group(token.idx, [m.actor for m in members if m is not None], name)
            return Resolution(actor, span.text, 0.8)
        modifiers = [c for c in token.lefts if c.dep_ not in {"det", "nummod", "punct"}]
        if not modifiers:  # "the leaders said", "the two governments said"
            group = self.resolver.latest_group(token.idx)
            return Resolution(group, mention_span(token).text, 0.75) if group else None
        if any(_names_a_body(m) for m in modifiers):  # "the G7 foreign ministers", "the African Union envoys"
            span = mention_span(token)
            name = " ".join(t.text for t in span if t.dep_ not in {"det", "nummod"} or t.head.i != token.i)
            return Resolution(self.resolver.note_group(token.idx, [], name), span.text, 0.75)
        return None

    def document_author(self, noun: Token) -> Resolution | None:
        """Who a statement, readout or communiqué speaks for: "a Kremlin statement", "a Russian readout",
        or whoever "issued a joint statement" before "the statement said". A document's named source
        ("a report by Amnesty International", "a statement from the presidency", "a statement issued by
        the ministry", "the commission's statement") is its speaker: an institution's report or statement
        is that institution's (the guide, section 2)."""
        source = _document_source(noun)
        if source is not None and source.dep_ == "poss":  # "the ministry's statement": the name without its "'s"
            span = mention_span(source)
            found = self.resolver.resolve_span(span[:-1] if span[-1].dep_ == "case" and len(span) > 1 else span)
            if found is not None:
                return found
        elif source is not None:
            found = self.speaker(source)
            if found is not None:
                return found
        for modifier in noun.lefts:
            if modifier.dep_ in {"compound", "amod", "poss", "nmod"}:
                entry = demonym_index().get(normalize(modifier.text))
                if entry is not None:
                    return Resolution(to_actor(entry), modifier.text, 0.8)
                found = self.resolver.lookup(modifier.text)
                if found is not None:
                    return Resolution(found, modifier.text, 0.8)
        for verb in reversed(self.doc[max(0, noun.i - AUTHOR_LOOKBACK):noun.i]):
            if verb.lemma_.lower() in ISSUING_VERBS and any(c.dep_ == "dobj" and c.lemma_ == noun.lemma_
                                                            for c in verb.children):
                issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                return self.speaker(issuer) if issuer is not None else None
        return self._joint_document_author(noun)

    def _joint_document_author(self, noun: Token) -> Resolution | None:
        """"according to a joint communique", then "the communique said": a joint document that names
        no issuer is the joint speakers' last met before it (the guide, section 2: a joint statement is
        the group's), and so is every later mention of the same document."""
        mentions = [t for t in self.doc[:noun.i + 1] if t.lemma_ == noun.lemma_ and t.i not in self.quoted]
        if not any(c.lower_ == "joint" for t in mentions for c in t.children if c.dep_ in {"amod", "compound"}):
            return None
        group = self.resolver.latest_group(noun.idx)
        return Resolution(group, mention_span(noun).text, 0.75) if group is not None else None

    def addressees(self, cue: Cue) -> list[Actor]:
        """The actors a cue addresses ("told Zelensky", "called on Ukraine and Russia")."""
        actors = []
        for token in cue.addressees:
            found = self.resolver.resolve_span(mention_span(token))
            if found is not None and found.actor not in actors:
                actors.append(found.actor)
        return actors


SOURCE_PREPOSITIONS = {"by", "from", "of"}


def _document_source(noun: Token) -> Token | None:
    """Who a document noun says is its author: "a report by X", "a statement from X", "a statement issued
    by X", "X's statement" (a pronoun such as "its" is left to the look-back for an issuing verb)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        holders = [child] if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS else \
            [c for c in child.children if c.dep_ == "agent"] if child.dep_ == "acl" else []
        for holder in holders:
            source = next((c for c in holder.children if c.dep_ == "pobj"), None)
            if source is not None and source.lemma_.lower() not in DOCUMENT_NOUNS:
                return source
    return None


def _stranded_first_conjunct(token: Token) -> Token | None:
    """"Brazil and Colombia said ...": where the parser left the first name as a root of its own (at a
    paragraph's start, after a blanked dateline) and took only "Colombia" for the subject, the name
    right before "and" is still the subject's first conjunct."""
    doc = token.doc
    start = token.left_edge.i
    if start < 2 or doc[start - 1].lower_ not in {"and", "&"} or doc[start - 1].dep_ != "cc":
        return None
    before = doc[start - 2]
    stranded = before.head.i == before.i or before.head.i == start - 1
    return before if stranded and before.pos_ == "PROPN" and token.pos_ == "PROPN" else None


def _headline_list(token: Token) -> list[Token]:
    """"Thailand, Cambodia Agree to Reopen ...", "Iran, Saudi Arabia Vow ...", "Putin, Trump Agree": a headline
    writes "and" as a comma, so the name that opens the headline, a comma and the name right after it, both
    hung on the same verb, are one joint subject (whichever of the two the parser took for the subject)."""
    doc = token.doc
    if token.sent.start != 0 or not 0 <= token.idx < headline_end(doc):
        return []
    comma = next((t.i for t in token.sent if t.text == ","), None)
    if comma is None or comma == 0:
        return []
    names = [doc[0:comma], doc[comma + 1:token.i + 1] if token.i > comma else None]
    if names[1] is None:  # the parser took the first name for the subject: the second runs to the verb
        end = next((t.i for t in doc[comma + 1:token.head.i + 1] if t.pos_ != "PROPN"), comma + 1)
        names[1] = doc[comma + 1:end]
    if any(not len(n) or any(t.pos_ != "PROPN" for t in n) for n in names):
        return []
    roots = [n.root for n in names]
    return roots if all(r.head.i == token.head.i and r.head.pos_ in {"VERB", "AUX"} for r in roots) else []


def _who_clause(token: Token) -> bool:
    """The name takes a relative clause with "who" ("Farhad Sadeghi, who directs ..."): "who" refers to
    people, so the name is a person's even where NER missed it."""
    return any(c.dep_ == "relcl" and any(g.lower_ in {"who", "whose"} and g.i < c.i for g in c.children)
               for c in token.rights)


def _role_apposition(token: Token) -> bool:
    """The name is set beside a role only a person holds ("X, the Brazilian ambassador,"; "X, a senior
    negotiator,"): the name is a person's even where NER missed it."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and fold(c.text) in ROLE_NOUNS and c.tag_ == "NN"
               for c in token.children)


def _names_a_body(modifier: Token) -> bool:
    """A modifier that names who the members serve ("G7", "African Union", "Gulf"): then "the G7 foreign
    ministers" is one group actor (the guide, section 2), not an unnamed plural."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "NORP", "GPE", "LOC"} for t in modifier.subtree)
def _appositions(token: Token) -> list[Token]:
    """The names set off by commas after a subject: "the State Department's coordinator for the Arctic,
    Melissa Garrity, said". The parser may hang the name on the last noun of the subject's phrase
    ("Arctic") rather than its head; it is still the subject's apposition when it closes that phrase."""
    own = [c for c in token.children if c.dep_ == "appos"]
    if own:
        return own
    doc = token.doc
    twin = [c for c in token.head.children if c.dep_ == token.dep_ == "nsubj" and c.i > token.i
            and doc[c.left_edge.i - 1].text == ","]
    if twin:  # "The UN coordinator for the territory, Ingrid Solberg, welcomed": parsed as two subjects
        return twin
    last = token.right_edge.i
    return [t for t in token.subtree if t.dep_ == "appos" and t.i != token.i and t.right_edge.i in {last, last - 1}
            and t.head.dep_ in {"pobj", "compound", "dobj"}]


def _conjuncts(token: Token) -> list[Token]:
    """The words coordinated with `token` by "and" ("Brazil and Colombia"), not by "or" or "but"."""
    conj = [c for c in token.conjuncts if c.i > token.i]
    joined_by_and = any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for t in [token, *conj] for c in t.children)
    return conj if conj and joined_by_and else []
