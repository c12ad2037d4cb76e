"""Speech cues in a parsed document: the verb, who speaks, to whom, and where the content is.

Everything here reads the dependency parse: the subject of the cue (climbing through
participles and coordinated verbs: "..., saying that ..." speaks with its main verb's subject),
the addressee (object of "tell", "urge", "call on"), and the content ("that"-clause, infinitive,
object, or "described X as Y"), with the lexicon of cues taken from the ontology.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import CueEntry, load_cues

from .spokespeople import spoken_through

CLIMB_DEPS = {"advcl", "conj", "xcomp", "pcomp", "acl"}
SUBJECT_DEPS = {"nsubj"}
ADDRESSEE_DEPS = {"dobj", "dative", "iobj"}
TRIM_LEFT = {"that", "whether", "if", ",", ":", "—", "–", "-", '"', "“", "”", "’", "‘"}


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech act found in the parse; `content` is a token range [start, end) or None."""

    token: Token
    entry: CueEntry
    label: str
    speaker: Token | None
    addressees: tuple[Token, ...]
    content: tuple[int, int] | None
    content_kind: str  # clause | infinitive | object | as | according | parenthetical | colon | ""
    gap: tuple[int, int] | None = None  # tokens inside `content` that are not the speaker's ("Putin, he said, wants")


@lru_cache(maxsize=1)
def _cues_by_lemma() -> dict[str, list[CueEntry]]:
    table: dict[str, list[CueEntry]] = defaultdict(list)
    for entry in load_cues():
        table[entry.lemma].append(entry)
    for entries in table.values():
        entries.sort(key=lambda e: not e.particle)  # phrasal cues first: "call on" before "call ... as"
    return table


def cue_lemmas() -> set[str]:
    """The lemmas of the cue lexicon's verbs."""
    return set(_cues_by_lemma())


def as_token(token: Token) -> Token | None:
    """The "as" of "described X as Y", whether the parser hangs it on the verb or on X."""
    # the object may be tagged an adverbial noun where NER took it for a date ("described the first day as ...")
    for holder in [token, *(c for c in token.children if c.dep_ in {"dobj", "npadvmod"} and c.i > token.i)]:
        for child in holder.children:
            if child.lower_ == "as" and child.dep_ == "prep" and child.i > token.i:
                return child
    for child in token.children:  # "calling it a deliberate attack": the object predicate
        if child.dep_ == "oprd" and any(c.dep_ == "dobj" for c in token.children):
            return child
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        for child in obj.rights:  # "called the decision “disproportionate”": an adjective after its noun is
            if child.dep_ == "amod" and child.pos_ == "ADJ":  # the object's predicate, whatever the parse says
                return child
    for child in token.children:  # "described the terms as “blackmail dressed up as aid”": "as" made a clause's mark
        if child.dep_ == "advcl" and child.i > token.i and any(c.dep_ == "dobj" for c in token.children) and \
                not (child.tag_ in {"VBZ", "VBP", "VBD"} and any(c.dep_ == "nsubj" for c in child.children)) and \
                any(m.dep_ in {"mark", "advmod"} and m.lower_ == "as" and m.i == child.left_edge.i for m in child.children):
            return child  # ... or an adverb of it: "described the decision as long overdue"; a finite clause with a
            # subject is a time clause, no predicate ("Hanoi Welcomes Talks as Beijing Urges Patience")
    return None


def _particle(token: Token, particle: str) -> Token | None:
    for child in token.children:
        if child.lower_ == particle and child.dep_ in {"prep", "prt", "ccomp", "acomp", "oprd", "dobj", "advmod", "xcomp"}:
            return child
        if particle == "clear" and child.dep_ in {"dobj", "nsubj"} and child.lower_ == "it":
            for grandchild in child.head.children:
                if grandchild.lower_ == "clear":
                    return grandchild
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb a participle or coordinated verb hangs from."""
    current = verb
    for _ in range(5):
        subjects = [child for child in current.children
                    if child.dep_ in SUBJECT_DEPS or (child.dep_ == "nsubjpass" and current.lemma_ in {"quote", "cite"})]
        if len(subjects) > 1 and (_is_label(subjects[0]) or _participle_subject(subjects[0]) is None):
            subjects = subjects[1:]  # "OKAFOR: China's spokeswoman, X, said": a transcript's label is no subject
        if subjects:
            return _addressed(_participle_subject(subjects[0]) or subjects[0], current)  # "X was quoted as saying"
        agent = _passive_agent(current)
        if agent is not None:
            return agent
        trailing = _trailing_subject(current) or _stranded_subject(current)
        if trailing is not None:
            return trailing
        broken = _broken_relative_subject(current) or _subject_before_aside(current)
        if broken is not None:
            return broken
        # ... also tagged a participle, after the comma that closes an apposition: the noun is the sentence's
        # root, so the sentence has no other verb ("Uzbekistan's president, X, offered to host talks")
        if current.dep_ == "acl" and (current.tag_ == "VBD" or current.tag_ == "VBN" and current.i > 0
                                      and current.doc[current.i - 1].text == ",") \
                and current.head.dep_ == "ROOT" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head  # "Greece's foreign minister, X, called on ...": a past tense is no relative clause
        fragment = _split_off_subject(current)
        if fragment is not None:
            return fragment
        if (current.dep_ in CLIMB_DEPS or _coordinated_act(current)) and current.head.i != current.i:
            current = current.head
            while current.pos_ in {"NOUN", "PROPN", "ADP", "SCONJ"} and current.dep_ in {"dobj", "pobj", "prep", "pcomp", "advcl", "mark"} \
                    and current.head.i != current.i:
                current = current.head
            continue
        return None
    return None


def _split_off_subject(verb: Token) -> Token | None:
    """"GENEVA — Germany | pledged 50 million euros": where the parser cut the subject off as a fragment of its
    own (after a blanked dateline), a finite verb with no subject that opens its parse right after a fragment
    of nouns alone takes that fragment as its subject: English puts no finite verb without one."""
    doc = verb.doc
    start = verb.left_edge.i
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBZ", "VBP"} or start == 0 or start != verb.i:
        return None
    root = doc[start - 1]
    if root.is_punct or root.is_space:
        return None  # "ANCHOR: Thank you": a label with its colon is no subject
    while root.head.i != root.i:
        root = root.head
    if root.i == verb.i or root.pos_ not in {"PROPN", "NOUN"} \
            or root.right_edge.i != start - 1 or any(t.pos_ in {"VERB", "AUX"} for t in root.subtree) \
            or doc[root.left_edge.i:start].text.count("\n"):
        return None
    return root


def _broken_relative_subject(verb: Token) -> Token | None:
    """"X's deputy minister, Y, who co-chairs the talks, said ...": where the parser broke the relative clause
    (at a hyphen) and made it an adverbial clause holding the subject, the cue has no subject of its own. An
    adverbial clause before its verb, finite, with no conjunction to open it, cannot be one in English: its
    subject, a noun set off by commas, is the cue's."""
    for clause in verb.children:
        if clause.dep_ == "advcl" and clause.i < verb.i and clause.tag_ in {"VBZ", "VBD", "VBP"} \
                and not any(c.dep_ in {"mark", "advmod"} for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}
                            and any(a.dep_ == "appos" or a.text == "," for a in c.rights)), None)
            if subject is not None:
                return subject
    return None


def _subject_before_aside(verb: Token) -> Token | None:
    """"Ukraine's delegation, led by deputy minister X, called for escorts": a past tense after a comma that
    the parser hung on a noun inside the aside, in a sentence whose root is a noun (so it has no verb of its
    own), is that root's verb: the root noun is the subject."""
    root = verb.sent.root
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or verb.i == 0 or verb.doc[verb.i - 1].text != "," \
            or root.pos_ not in {"NOUN", "PROPN"} or root.i >= verb.i or verb.head.i == root.i:
        return None
    return root if root.right_edge.i >= verb.i else None


def _without_speaker(doc: Doc, content: tuple[int, int], speaker: Token, cue: Token) -> tuple[int, int] | None:
    """No speaker is part of its own words: where a misparse puts the speaker inside the content ("The US
    announced more aid, its delegate, X, said"; a stray word hung on the clause before the speaker), the
    content is the longer stretch on either side of the speaker and its cue."""
    before = (content[0], speaker.left_edge.i)
    after = (max(speaker.right_edge.i, cue.i) + 1, content[1])
    longer = max(before, after, key=lambda r: r[1] - r[0])
    return _trim(doc, *longer, keep_to=False) if longer[1] > longer[0] else None


def _on_behalf_of(verb: Token) -> Token | None:
    """"Speaking on behalf of ASEAN, the representative of Malaysia reiterated ...": the body a speaker
    speaks for is the speaker (the guide, section 2: a collective speaker, not one member)."""
    holders = [verb, *(c for c in verb.children if c.dep_ in {"advcl", "csubj"} and c.tag_ == "VBG" and c.i < verb.i)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != "on":
                continue
            behalf = next((c for c in prep.children if c.dep_ == "pobj" and c.lower_ == "behalf"), None)
            of = next((c for c in behalf.children if c.dep_ == "prep" and c.lower_ == "of"), None) if behalf else None
            body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if body is not None:
                return body
    return None


def _passive_agent(verb: Token) -> Token | None:
    """"It was stated by the minister that ...": a passive speech verb's by-phrase names the speaker."""
    if verb.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _trailing_subject(verb: Token) -> Token | None:
    """"The US announced more aid, its delegate, Rachel Donnelly, said.": a closing cue verb with no
    subject, right after a comma, whose subject the parser hung as an apposition inside the clause
    before it. The outermost apposition ending at that comma is the subject."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    token = doc[verb.i - 2]
    if token.dep_ != "appos":
        return None
    while token.head.dep_ == "appos" and token.head.i < token.i:
        token = token.head
    head = token.head  # "its delegate, X": the role noun the name is set beside, whatever the parser made of it
    if head.pos_ == "NOUN" and head.i < token.i and head.left_edge.i > 0 and doc[head.left_edge.i - 1].text == ",":
        token = head
    before = token.left_edge.i - 1
    return token if before > 0 and doc[before].text == "," else None


SUBORDINATORS = {"after", "before", "since", "until", "when", "while", "as", "because"}
ASIDE_MARKS = {",", "-", "–", "—"}


def _stranded_subject(verb: Token) -> Token | None:
    """"Peru expelled the envoy after Mexico's minister - speaking on the radio - called the government
    “illegitimate”": with an aside between, the parser reads "after" as a preposition and leaves the
    verb without a subject. The noun right before the aside (or before the verb), inside that "after"
    phrase, followed by a finite verb with no subject of its own, is that verb's subject: "after X
    called" is a clause. A verb joined to it by "and" shares it."""
    if verb.dep_ not in {"conj", "advcl"} or verb.tag_ not in {"VBD", "VBZ", "VBP", "VBN"} or verb.i < 2 \
            or any(c.dep_ in {"aux", "auxpass"} for c in verb.children):  # a past tense the tagger read as a participle
        return None
    doc = verb.doc
    i = verb.i - 1
    if doc[i].dep_ == "cc":  # "... called X “illegitimate” and offered asylum": the conjunct before shares it
        before = [c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i]
        first = before[-1] if before else verb.head
        return _stranded_subject(first) if first.i != verb.i and first.pos_ in {"VERB", "AUX"} else None
    if doc[i].text in ASIDE_MARKS:  # skip the aside back to its opening mark
        j = i - 1
        while j > verb.sent.start and doc[j].text != doc[i].text:
            j -= 1
        i = j - 1
    noun = doc[i] if i >= 0 else None
    if noun is None or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    subordinator = next((a for a in noun.ancestors if a.lower_ in SUBORDINATORS and a.dep_ in {"prep", "mark"}), None)
    if subordinator is None or subordinator.head.i not in {verb.i, verb.head.i}:
        return None
    return noun


def _is_label(token: Token) -> bool:
    """A transcript's speaker label ("OKAFOR:", "ANCHOR:") that the parser took for a subject: a name in
    capitals before a colon (an interview's "Q:" is the question's turn, left to the Q&A layout)."""
    doc = token.doc
    return len(token.text) > 1 and token.text.isupper() and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"


def _participle_subject(subject: Token) -> Token | None:
    """"Replying, Ms Marsh said ...": an opening participle the parser took for the subject; the name
    after its comma (its apposition, where the parser made one) is the subject, else None: the verb's
    other subject is."""
    opening_ing = subject.lower_.endswith("ing") and subject.i == subject.sent.start  # tagged a name at times
    if subject.tag_ != "VBG" and not opening_ing:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)


def _addressed(subject: Token, verb: Token) -> Token:
    """"Meera, the Indian foreign ministry confirmed ...": a name set off by a comma and followed by a noun
    phrase that runs straight into the verb (no closing comma, as an apposition has) is the one the
    speaker addresses; the noun phrase is the subject."""
    doc = subject.doc
    opens_turn = subject.i == subject.sent.start or doc[subject.i - 1].text == ":"
    if subject.i + 1 >= len(doc) or doc[subject.i + 1].text != "," or subject.pos_ != "PROPN" or not opens_turn:
        return subject
    for appos in subject.children:
        if appos.dep_ != "appos" or appos.i < subject.i or appos.ent_type_ == "PERSON" or appos.right_edge.i >= verb.i:
            continue
        runs_into_verb = appos.right_edge.i + 1 < len(doc) and not doc[appos.right_edge.i + 1].is_punct
        # "Sara, the ministry's spokeswoman, Park Min-ji, said": a person named inside the phrase is who speaks
        names_another = any(t.ent_type_ == "PERSON" for t in appos.subtree if t.i > appos.i)
        if runs_into_verb or names_another:
            return appos
    return subject


def _coordinated_act(verb: Token) -> bool:
    """A finite verb the parser made a complement although it has no subject: one more act in a list
    of the same speaker's acts ("the leaders said X, agreed to Y and asked Z"; a headline's "X extends Y,
    warns of Z", which the parser leaves unlabelled). A complement clause
    with a finite verb always has a subject of its own, so this reading is the only one left."""
    return verb.dep_ in {"ccomp", "dep"} and verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.head.pos_ in {"VERB", "AUX"} \
        and not any(c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl", "csubj"} for c in verb.children)


def _span(token: Token, skip: set[int]) -> tuple[int, int]:
    """A token's subtree as a range, cut before any nested participle cue it governs."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    doc = token.doc
    for i in sorted(skip):
        if start < i < end and doc[i].left_edge.i > start and not _object_of_act(doc[i]):
            end = doc[i].left_edge.i
            break
    return start, end


def _object_of_act(token: Token) -> bool:
    """"thanked X for pledging Y", "accused X of threatening Y", "credited X with proposing Y": a participle that
    is the object of the act's preposition is what the act is about, not a new act of the speaker's."""
    return token.dep_ == "pcomp" and token.head.dep_ == "prep" and (token.head.lower_ in {"for", "of"} or (
        token.head.lower_ == "with" and not any(c.dep_ in SUBJECT_DEPS for c in token.children)))  # not "with X saying"


def _trim(doc: Doc, start: int, end: int, *, keep_to: bool) -> tuple[int, int] | None:
    while start < end and (doc[start].lower_ in TRIM_LEFT or doc[start].is_space or
                           (doc[start].dep_ == "mark" and not (keep_to and doc[start].lower_ == "to"))):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in {")", "%"} or doc[end - 1].is_space
                           or doc[end - 1].lower_ in {"and", "but", "or", "with", "while", "as"}):
        end -= 1
    return (start, end) if end > start else None


def _content(token: Token, entry: CueEntry, particle: Token | None, skip: set[int]) -> tuple[tuple[int, int] | None, str]:
    doc = token.doc
    children = list(token.children)
    for kind in entry.takes:
        if kind == "clause":
            heads = [c for c in (particle.children if particle is not None and entry.particle == "clear" else children)
                     if c.dep_ == "ccomp" or (c.dep_ == "advcl" and c.i > token.i and c.pos_ in {"VERB", "AUX"}
                                              and any(m.lower_ == "that" for m in c.children))
                     # "said the passage “deliberately disturbed” peace": an object holding a subject is a
                     # clause whose verb the parser took for a modifier (a noun never has a subject)
                     or (c.dep_ == "dobj" and c.i > token.i and any(g.dep_ == "nsubj" for g in c.children))]
            if not heads:
                heads = _clause_on_setting(token) or _clause_after_citing(token)
            after = [h for h in heads if h.i > token.i]
            if after and heads[0].i < token.i and any(t.text in {":", ";"} for t in doc[heads[0].right_edge.i:token.i]):
                heads = after  # "X was less upbeat: he said the status was unresolved": a clause closed by a
                # colon before the subject is the reporter's, and the complement is the one after the cue
            if heads:
                span = _trim(doc, *_span(heads[0], skip), keep_to=False)
                if span:
                    return span, kind
        elif kind == "infinitive":
            heads = [c for c in children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"
                     and any(a.lower_ == "to" for a in c.lefts)]
            if not heads and particle is not None and particle.dep_ == "prep":
                # "called on Seoul to “take measures” so that ...": the parser may hang the infinitive as
                # an adverbial clause on the verb, on the particle or on the one called on
                holders = [token, particle, *(c for c in particle.children if c.dep_ == "pobj")]
                heads = [c for h in holders for c in h.children if c.dep_ in {"advcl", "acl", "xcomp", "relcl"}
                         and c.pos_ == "VERB" and c.i > particle.i and any(a.lower_ == "to" for a in c.lefts)]
            if heads:
                start, end = _span(heads[0], skip)
                doer = next((c for c in children if c.dep_ == "dobj" and c.right_edge.i + 1 == start), None)
                sums = [c for c in children if c.dep_ == "dobj" and c.i < heads[0].i and _is_amount(c)]
                if sums:  # "pledged $500 million to rebuild schools": the sum is part of what was pledged
                    start = sums[0].left_edge.i
                elif doer is not None:  # "asked the Commission to negotiate": the one asked does the infinitive
                    start = doer.left_edge.i
                span = _trim(doc, start, end, keep_to=True)
                if span:
                    return span, kind
        elif kind == "object":
            holder = particle if particle is not None and particle.dep_ == "prep" else token
            objects = [c for c in holder.children if c.dep_ in {"dobj", "pobj"}] or \
                [c for c in holder.children if c.dep_ in {"xcomp", "ccomp"} and c.tag_ == "VBG" and c.i > token.i]
            if objects:
                start, end = _span(objects[0], skip)
                for extra in objects[1:]:  # "backs ceasefire plan": a noun compound the parser split in two objects
                    if extra.left_edge.i == end:
                        end = _span(extra, skip)[1]
                for prep in holder.children:  # "expressed concern over ...", "voiced support for ..."
                    # ... and "condemned the launches as a violation of ...": "as" with a noun is the object's
                    # predicate (an "as" opening a clause is a time clause, not part of the object)
                    if prep.dep_ in {"prep", "dative"} and prep.i == end and \
                            (prep.lower_ != "as" or any(c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"} for c in prep.children)):
                        end = _span(prep, skip)[1]
                # "called for “an immediate halt” to the drills and the release of X": a second object the
                # parser hung on the verb after the "and" that closes the first is still what was called for
                if end < len(doc) and doc[end - 1].dep_ == "cc" and start <= doc[end - 1].head.i < end:
                    more = next((c for c in token.children if c.dep_ == "dobj" and c.left_edge.i == end), None)
                    end = _span(more, skip)[1] if more is not None else end
                end = _purpose_after(token, end, skip)
                end = _bare_conjunct(token, end, skip)
                end = _with_condition(token, end, skip)
                span = _trim(doc, start, end, keep_to=False)
                if span and not _only_names(doc, *span):
                    return span, kind
        elif kind == "as":
            as_prep = as_token(token)
            objects = [c for c in children if c.dep_ == "dobj"] or \
                [c for c in children if c.dep_ == "npadvmod" and c.i > token.i and as_prep is not None and as_prep.head.i == c.i]
            if as_prep is not None and objects:
                span = _trim(doc, objects[0].left_edge.i, max(as_prep.right_edge.i, objects[0].right_edge.i) + 1,
                             keep_to=False)
                if span:
                    return span, kind
    for child in children:  # "asked for Tomahawks", "pressed for guarantees"
        if child.dep_ == "prep" and child.lower_ == "for" and entry.stance == "requests":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                span = _trim(doc, *_span(objects[0], skip), keep_to=False)
                if span:
                    return span, "object"
    return None, ""


def _clause_after_citing(token: Token) -> list[Token]:
    """"reported, citing documents, that the base would be expanded": the parser may hang the that-clause
    on the participle of the source ("citing", "quoting") set off by commas; it is the cue's complement."""
    return [clause for part in token.children if part.dep_ in {"advcl", "xcomp"} and part.lemma_.lower() in {"cite", "quote"}
            and part.tag_ == "VBG" for clause in part.children if clause.dep_ == "ccomp"
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)]


def _clause_on_setting(token: Token) -> list[Token]:
    """"said in a statement that Berlin supported the plan": the parser may hang the that-clause on the noun
    of the setting ("in a statement", "in an interview") as its modifier; a clause opened by "that" with a
    subject of its own is a complement (a relative clause's "that" is its subject or object, not a mark)."""
    return [clause for prep in token.children if prep.dep_ == "prep" and prep.i > token.i
            for noun in prep.children if noun.dep_ == "pobj"
            for clause in noun.children if clause.dep_ in {"acl", "relcl"} and clause.pos_ in {"VERB", "AUX", "ADJ"}
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
            and any(g.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"} for g in clause.children)]


QUESTION_VERBS = {"ask", "question", "press"}  # their passive participle names the one asked


def question_put_aside(token: Token) -> bool:
    """"Hovhannisyan, asked whether she expected ..., paused": a participle of asking set off by commas
    after a name is a passive aside (the name is the one asked; English puts no comma between a subject
    and its verb), however the parser hangs it: as a modifier of the name, or as the main verb whose
    real predicate ("paused") follows after a comma with no subject of its own."""
    if token.lemma_.lower() not in QUESTION_VERBS or token.tag_ not in {"VBN", "VBD"}:
        return False
    if token.dep_ == "acl":
        return not any(c.dep_ in {"aux", "auxpass"} for c in token.children)
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].text != ",":
        return False
    if token.dep_ == "parataxis" and token.head.i > token.right_edge.i and token.head.pos_ == "VERB" \
            and "," in {doc[token.right_edge.i].text, doc[token.right_edge.i + 1].text}:  # "X, asked about ..., declined to comment": set off by
        return True  # commas before the sentence's verb, whatever subject the parser gave it
    def after_comma(verb: Token) -> bool:
        first = next(t for t in verb.subtree if not t.is_punct or t.i == verb.i)
        return doc[first.i - 1].text == ","

    return any(c.dep_ in {"ccomp", "conj"} and c.i > token.i and c.pos_ == "VERB" and after_comma(c)
               and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children) for c in token.children)


def _continued_after(token: Token, content: tuple[int, int] | None, kind: str,
                     table: dict[str, list[CueEntry]], skip: set[int], quoted: set[int]) -> list[tuple[int, int]]:
    """"Relations were “on track,” he told IRNA, and Tehran was ready to resume flights": a cue set
    inside the speaker's words, after the clause it reports, and a clause with its own subject joined to
    it by "and" after it: the reported speech goes on past the parenthesis (a second stretch, as a split
    quote is, the guide, section 1). A clause that is itself a speech act is its own statement."""
    if content is None or content[1] > token.i or kind not in {"clause", "parenthetical"}:
        return []
    parts = []
    for conj in token.children:
        if conj.dep_ != "conj" or conj.i < token.i or conj.pos_ not in {"VERB", "AUX"} \
                or conj.lemma_.lower() in table:
            continue
        if next(t for t in conj.subtree if not t.is_punct or t.i == conj.i).i in quoted:
            continue  # a second part opening inside quote marks is the split quote's, bound with the first
        if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children):
            continue  # "..., he said, and left": the speaker's next act, no words of theirs
        if not any(c.dep_ == "cc" and c.lower_ == "and" and token.i < c.i < conj.left_edge.i for c in token.children):
            continue
        span = _trim(token.doc, *_span(conj, skip), keep_to=False)
        if span:
            parts.append(span)
    return parts


def _bare_conjunct(token: Token, end: int, skip: set[int]) -> int:
    """"urged both sides to “exercise restraint” and avoid escalation": where quote marks broke the parse, the
    parser may hang the second infinitive on the cue as a coordinated act; a base form cannot be one more
    act of a speaker who "urged" (that would be "avoided"), so it is the content's second infinitive."""
    doc = token.doc
    at = end
    while at < len(doc) and (doc[at].is_punct and doc[at].text in {'"', "”", "’", "»"}):
        at += 1
    if token.tag_ not in {"VBD", "VBZ", "VBN"} or at >= len(doc) or doc[at].dep_ != "cc" or doc[at].head.i != token.i:
        return end
    conj = next((c for c in token.children if c.dep_ == "conj" and c.i > at and c.tag_ == "VB" and c.left_edge.i == at + 1
                 and not any(g.dep_ in SUBJECT_DEPS for g in c.children)), None)
    return _span(conj, skip)[1] if conj is not None and conj.i not in skip else end


def _purpose_after(token: Token, end: int, skip: set[int]) -> int:
    """"pledged $30 million to help families through the winter", "sent two ships to escort the convoy": an
    infinitive right after the object says what the object is for; the parser hangs it on the verb as an
    adverbial clause, but it belongs to what was pledged or announced (the guide, section 1: the object
    with its complement, as printed)."""
    doc = token.doc
    for clause in token.children:
        if clause.dep_ in {"advcl", "xcomp"} and clause.pos_ == "VERB" and clause.left_edge.i == end \
                and doc[end].lower_ == "to" and clause.i not in skip:
            return _span(clause, skip)[1]
    return end


def _is_amount(token: Token) -> bool:
    """A sum or quantity ("$500 million", "2 billion euros"), not a party the act is aimed at."""
    return token.pos_ == "NUM" or token.ent_type_ in {"MONEY", "QUANTITY", "CARDINAL"} or \
        any(c.dep_ in {"nummod", "quantmod"} and c.ent_type_ in {"MONEY", "CARDINAL", "QUANTITY"} for c in token.children)


def _simultaneous_act(verb: Token) -> bool:
    """"... as Poland calls for unity": an adverbial clause opened by "as", finite, with a subject of its
    own that is a name or a noun (a pronoun, "as she said", may be the first speaker's aside)."""
    return verb.dep_ == "advcl" and verb.tag_ in {"VBZ", "VBP", "VBD"} \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
        and any(c.dep_ in SUBJECT_DEPS and c.pos_ in {"PROPN", "NOUN"} for c in verb.children)


CONDITION_MARKS = {"before", "until", "unless", "once", "if"}
CONTRAST_MARKS = {"though", "although", "whereas", "while"}


def _with_condition(token: Token, end: int, skip: set[int]) -> int:
    """"called for a referendum before any new agreement is signed": a clause of time or condition
    right after the object (no comma between) says when or on what terms the thing is wanted, so it is
    part of the content wherever the parser hangs it, on the object or on the cue verb."""
    for clause in token.children:
        if clause.dep_ == "advcl" and clause.left_edge.i == end and \
                any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children):
            return _span(clause, skip)[1]
    return end


ADDRESSEE_NOUNS = {"partner", "ally", "leader", "people", "country", "government", "side", "nation", "counterpart"}


# Heads of a named course of action: "endorsed the Pacific Policing Initiative" names what is backed, not whom
PLAN_NOUNS = {"initiative", "plan", "agreement", "deal", "treaty", "accord", "resolution", "proposal", "framework",
              "declaration", "consensus", "roadmap", "pact", "strategy", "programme", "program", "bill", "act"}


def _only_names(doc: Doc, start: int, end: int) -> bool:
    """An object that only names whom the act is aimed at ("thanked Macron", "criticised Washington",
    "praised our partners") carries no content: the guide counts a summary only when it does."""
    root = doc[start:end].root
    if root.lower_ in PLAN_NOUNS:
        return False
    words = [t for t in doc[start:end] if not (t.is_punct or t.dep_ in {"det", "poss", "case", "cc", "amod"})]
    return bool(words) and all(t.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"} or t.pos_ == "PROPN"
                               or t.lemma_.lower() in ADDRESSEE_NOUNS for t in words)


def _addressees(token: Token, particle: Token | None) -> tuple[Token, ...]:
    holders = [token] + ([particle] if particle is not None and particle.dep_ == "prep" and particle.lower_ == "on" else [])
    found: list[Token] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ADDRESSEE_DEPS | ({"pobj"} if particle is not None and holder.i == particle.i else set()):
                if holder.i == token.i and token.lemma_.lower() not in {"tell", "urge", "ask", "warn", "inform", "assure", "brief"}:
                    continue
                found.append(child)
                found.extend(c for c in child.conjuncts if c.i > child.i)
    return tuple(found)


def _opens_sentence(token: Token) -> bool:
    """Only punctuation or space stands before the token in its sentence."""
    return all(t.is_punct or t.is_space for t in token.doc[token.sent.start:token.i])


def _is_cue_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or (token.tag_ in {"VBZ", "VBD", "VBG", "VBN", "VBP"})


def _keeps_open(token: Token) -> bool:
    """"X did not rule out new sanctions": a refusal denied, told as the subject's own act, is a statement of
    its own, the speaker keeping a course open (the guide: "did not rule out" is no rejection). "While not
    ruling out ..." sets the manner of another act (the seed gold holds no statement there), and "did not
    rule out asking X to mediate" is the request's statement, not a second one around it."""
    table = _cues_by_lemma()
    return token.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children) \
        and any(c.dep_ == "nsubj" for c in token.children) \
        and not any(c.pos_ == "VERB" and c.lemma_.lower() in table for c in token.children
                    if c.dep_ in {"dobj", "xcomp", "ccomp"})


def find_cues(doc: Doc, quoted: set[int]) -> list[Cue]:
    """Every speech cue outside quotes, with speaker, addressees and content from the parse."""
    table = _cues_by_lemma()
    candidates: list[tuple[Token, list[tuple[CueEntry, Token | None]]]] = []
    for token in doc:
        if token.i in quoted or not _is_cue_verb(token):
            continue
        if token.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue  # "to blame", "plans to tell": an infinitive is not a speech act that happened
        if token.tag_ in {"VBN", "VBD"} and token.dep_ != "ROOT" and _opens_sentence(token) and \
                not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in token.children):
            continue  # "Asked whether ..., Holloway said": the participle is what was put to the speaker
        if any(c.dep_ == "neg" for c in token.children) and not _keeps_open(token):
            continue  # "did not say whether ...", "did not comment": an act denied is nothing said
        if _object_of_act(token):
            continue  # "thanked X for pledging ...": the pledge is X's, told inside the speaker's thanks
        if token.dep_ in {"amod", "compound"}:
            continue  # "the ruling party", "the promised aid": a verb form modifying a noun is no act
        entries = []
        for entry in table.get(token.lemma_.lower(), ()):
            particle = _particle(token, entry.particle) if entry.particle else None
            if entry.particle and particle is None:
                continue
            if entry.takes == ("as",) and as_token(token) is None:
                continue
            entries.append((entry, particle))
        # "dismissed the offer as “a smokescreen”": where the parse holds an "as", the object with its
        # "as" complement is the content, not the bare object (entries without "as" keep their order)
        entries.sort(key=lambda pair: pair[0].takes != ("as",))
        if entries:
            candidates.append((token, entries))
    dependent = {t.i for t, _ in candidates if is_dependent(t) or t.tag_ == "VBG"}  # "..., with X saying ..." too
    # "told a briefing that A, and he signalled that B": a coordinated act with its own subject ends A
    # (not "said the talks had failed and that Accra would recall its envoy": a conjunct opened by "that" is a
    # second complement of the same cue, whatever its verb)
    dependent |= {t.i for t, _ in candidates if t.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in t.children)
                  and not any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)}
    # "said A, though X later described B as ...": a contrasted act of another speaker ends A too
    dependent |= {t.i for t, _ in candidates if t.dep_ == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in t.children)
                  and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in t.children)}
    # "Hungary vows to block the package as Poland calls for unity": a finite act of another named party
    # joined by "as" happens beside the first, it is not part of what the first speaker said
    dependent |= {t.i for t, _ in candidates if _simultaneous_act(t)}
    dependent |= {t.i for t in doc if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children)}
    cues: list[Cue] = []
    for token, entries in candidates:
        # the first reading of the verb whose content the parse finds ("warned of", "warned that", "warned X")
        for entry, particle in entries:
            content, kind = _content(token, entry, particle, dependent - {token.i})
            if content is not None:
                break
        else:
            entry, particle = entries[0]
        label = token.text
        if entry.particle == "clear" and particle is not None:
            label = doc[token.i:particle.i + 1].text
        elif entry.particle:
            label = f"{token.text} {entry.particle}"
        gap = None
        if (token.dep_ == "parataxis" and token.head.pos_ in {"VERB", "AUX"} and token.head.i not in quoted) \
                or (content is None and _relative_aside(token)):
            content, gap = _parenthetical(token)
            kind = "parenthetical"
        elif content is None and "clause" in entry.takes:
            content = _fronted(token) or _headline_tail(token)
            kind = "clause" if content is not None else kind
        speaker = spoken_through(token) or _on_behalf_of(token) or subject_of(token)
        if _relays(token, speaker, table):
            continue  # "X said Y, his office said": X speaks, the office only relays X's words
        if _opens_headline_clause(token):  # "Peru Expels Envoy, Says It ...": not "expels" read as a noun subject
            speaker = _headline_subject(doc, token.i - 1) or speaker
            if content is not None and content[0] < token.i:
                content = None  # nor the first clause read as its complement: the words after it are (_headline_cues)
        addressees = _addressees(token, particle)
        if content is not None and speaker is not None and gap is None and content[0] < speaker.left_edge.i < content[1]:
            content = _without_speaker(doc, content, speaker, token)
        for part in (_quoted_second_clause(doc, content, quoted) if kind == "clause" and content else [content]):
            cues.append(Cue(token, entry, label, speaker, addressees, part, kind, gap))
        for part in _continued_after(token, content, kind, table, dependent, quoted):
            cues.append(Cue(token, entry, label, speaker, addressees, part, "clause"))
    cues_at: dict[int, list[Cue]] = {}
    for cue in cues:
        cues_at.setdefault(cue.token.i, []).append(cue)
    cues = [_speak_with_outer(cue, cues_at) if is_dependent(cue.token) and _stranded_subject(cue.token) is None
            else cue for cue in cues]  # a verb whose subject an aside stranded has that subject, not the outer one
    cues.extend(_according_to(doc, quoted))
    cues = [_named_before(cue) for cue in cues]
    cues = _cut_at_second_acts(doc, cues)
    # a headline verb whose content the parse lost ("Yerevan welcomes move", "move" read as a bare verb) is
    # read the headline's way too
    cues.extend(_headline_cues(doc, quoted, {c.token.i for c in cues if c.speaker is not None and (
        c.content is not None or not (_takes_phrase(c.token.lemma_.lower()) or _opens_headline_clause(c.token)))}))
    frames = _headline_frames(doc, quoted)
    framed = {t for f in frames for t in range(f.content[0], f.content[1])} | {f.token.i for f in frames}  # type: ignore[index]
    cues = [c for c in cues if c.token.i not in framed] + frames
    return sorted(cues, key=lambda c: c.token.i)


HEADLINE_STOPS = {",", ":", ";", "—", "–", "|", "as", "amid", "after", "while", "before"}


def _named_before(cue: Cue) -> Cue:
    """"... as Kyiv Presses for Tougher Measures": a name right before the cue verb that the parser hung
    on the verb as a modifier (a compound or adjective, which a verb cannot take) is its subject."""
    token = cue.token
    before = token.doc[token.i - 1] if token.i else None
    if before is None or before.head.i != token.i or before.dep_ not in {"compound", "amod"} \
            or not (before.pos_ == "PROPN" or before.ent_type_):
        return cue
    return Cue(token, cue.entry, cue.label, before, cue.addressees, cue.content, cue.content_kind, cue.gap)


def _inflected(word: str, lemma: str) -> bool:
    """A headline's present-tense verb form of `lemma`: "warns", "presses", "denies"."""
    forms = {lemma + "s", lemma + "es"} | ({lemma[:-1] + "ies"} if lemma.endswith("y") else set())
    return word in forms


HEADLINE_END = "diplograph.headline_end"


def headline_end(doc: Doc) -> int:
    """Where the headline ends: the end of the first line as stored (its clauses, broken onto lines of their
    own for the parser, are still the headline), or -1 for a text of one line, which has no headline."""
    end = doc.user_data.get(HEADLINE_END)
    if end is None:  # doc.text is built anew on each call: read it once per document
        end = doc.user_data[HEADLINE_END] = doc.text.find("\n")
    return end


HEADLINE_LINES = "diplograph.headline_lines"
SUBHEAD_LINE = re.compile(r"(?<=\n\n)([^\n]{8,160})(?=\n\n)")


def headline_line(token: Token) -> tuple[int, int] | None:
    """The character range of the headline or subhead the token stands in, or None: the first line, or a
    roundup's or live blog's subhead ("Dockworkers Union Welcomes Deal, Urges Swift Payment"), a short line
    standing alone between blank lines with no full stop (document._subheads), read as a headline is."""
    doc = token.doc
    lines = doc.user_data.get(HEADLINE_LINES)
    if lines is None:
        end = headline_end(doc)
        lines = [(0, end)] if end > 0 else []
        for match in SUBHEAD_LINE.finditer(doc.text):
            line = match.group(1).rstrip()
            if line.strip() and line[-1] not in ".!?\"”:" and len(line.split()) <= 20:
                lines.append((match.start(1), match.start(1) + len(line)))
        doc.user_data[HEADLINE_LINES] = lines
    return next(((a, b) for a, b in lines if a <= token.idx < b), None)


def _headline_tokens(doc: Doc) -> list[Token]:
    """The tokens of the title and the subheads, found by their character ranges (not a walk over the article)."""
    if len(doc):
        headline_line(doc[0])  # fills the document's headline lines
    tokens: list[Token] = []
    for start, end in doc.user_data.get(HEADLINE_LINES, []):
        span = doc.char_span(start, end, alignment_mode="expand")
        tokens += list(span) if span is not None else []
    return tokens


def _takes_phrase(lemma: str) -> bool:
    """The cue takes a noun phrase or an infinitive in some reading: what follows it in a headline."""
    return any({"object", "infinitive"} & set(e.takes) for e in _cues_by_lemma().get(lemma, ()))


def _headline_second_acts(doc: Doc) -> list[int]:
    """The "as" of a headline that opens a second speaker's act: "as", one to four capitalised words, then a
    present-tense form of a cue verb ("Hungary Vows to Block Package as Poland Calls for Unity", "... as
    Rabat Rejects Plan"). Read from the words, since the small model often parses the second act into the
    first one's object ("as Rabat rejects" taken for a possessive)."""
    end_of_line = headline_end(doc)
    found = []
    for token in doc:
        if token.idx >= end_of_line:
            break
        if token.lower_ != "as":
            continue
        names = 0
        while token.i + names + 1 < len(doc) and names < 4 and doc[token.i + names + 1].text[:1].isupper():
            names += 1
        verb = token.i + names + 1
        if names and verb < len(doc) and doc[verb].idx < end_of_line and _lemma_of(doc[verb].lower_):
            found.append(token.i)
    return found


def _cut_at_second_acts(doc: Doc, cues: list[Cue]) -> list[Cue]:
    """A headline act's content ends where a second speaker's act begins ("to block package")."""
    stops = _headline_second_acts(doc)
    if not stops:
        return cues
    out = []
    for cue in cues:
        stop = next((i for i in stops if cue.content is not None and cue.token.i < i
                     and cue.content[0] < i < cue.content[1]), None)
        if stop is not None:
            content = _trim(doc, cue.content[0], stop, keep_to=True)  # type: ignore[index]
            cue = replace(cue, content=content) if content is not None else cue
        out.append(cue)
    return out


def _headline_cues(doc: Doc, quoted: set[int], found: set[int]) -> list[Cue]:
    """Speech acts of a headline that the parser took for nouns or left without a subject ("Kyiv
    Pleads for Interceptors", "... as Kyiv Presses for Tougher Measures"): a present-tense cue verb of
    the lexicon, with its particle when it has one, right after the words naming the speaker. The
    content is what follows, up to the next clause ("as winter nears")."""
    cues: list[Cue] = []
    for token in _headline_tokens(doc):
        line = headline_line(token)
        if line is None:
            continue
        end_of_line = line[1]
        if token.i == 0 or token.i in found or token.i in quoted or doc[token.i - 1].idx < line[0]:
            continue
        subject = doc[token.i - 1]
        if subject.text == "," and token.tag_ in {"VBZ", "VBP"}:
            subject = _headline_subject(doc, subject.i) or subject
        if not (subject.pos_ in {"PROPN", "NOUN"} or subject.ent_type_) or subject.is_punct:
            continue
        if token.ent_iob_ == "I" and subject.i == token.i - 1:
            continue  # "Aid Pledges Pour In" taken for one name: a name never holds its own speech act
        # a plural subject takes the bare form ("Iran, Saudi Arabia Vow to ...")
        lemma = _lemma_of(token.lower_) or (token.lower_ if token.tag_ == "VBP" else "")
        for entry in _cues_by_lemma().get(lemma, ()):
            after = token.i + 1
            if entry.particle:
                if after >= len(doc) or doc[after].lower_ != entry.particle:
                    continue
                after += 1
            stop = after
            while stop < min(len(doc), token.sent.end) and doc[stop].idx < end_of_line \
                    and doc[stop].lower_ not in HEADLINE_STOPS and doc[stop].dep_ != "mark":
                stop += 1
            content = _trim(doc, after, stop, keep_to=True)
            if content is None:
                continue
            label = f"{token.text} {entry.particle}" if entry.particle else token.text
            kind = "object" if "object" in entry.takes else entry.takes[0]
            cues.append(Cue(token, entry, label, subject, (), content, kind))
            break
    return cues


COLON_ENTRY = CueEntry(lemma=":", particle="", takes=("clause",), stance="", label=":")
DASHES = {"–", "—", "-"}


def _names(tokens: list[Token], *, places: bool) -> bool:
    """One to four capitalised words naming a speaker ("Kremlin", "EU's Kallas"); a state or place only where
    `places` ("..., Says Oman"): "Sudan: Fighting Erupts" is a dateline-like label, not Sudan speaking."""
    kinds = {"PERSON", "ORG"} | ({"GPE", "NORP"} if places else set())
    return 1 <= len(tokens) <= 4 and all(t.text[:1].isupper() or t.dep_ == "case" or t.text in {"'s", "’s"}
                                         for t in tokens) and any(t.ent_type_ in kinds for t in tokens)


def _headline_frames(doc: Doc, quoted: set[int]) -> list[Cue]:
    """Headlines that attribute without a clause the parser can read: "Kremlin: New Sanctions Will Not Change
    Course", "Talks With Tehran Possible, Says Oman", "Sanctions Will Not Change Course – Kremlin". The words on
    the other side of the colon, the ", says" or the dash are what the speaker said (a reported statement:
    no quote marks hold them). A quote after the colon is left to the colon's direct reading."""
    cues: list[Cue] = []
    if len(doc):
        headline_line(doc[0])  # fills the document's headline lines
    say = next(iter(_cues_by_lemma().get("say", ())), None)
    for start, end in sorted(doc.user_data.get(HEADLINE_LINES, [])):
        span = doc.char_span(start, end, alignment_mode="expand")
        words = [t for t in span if not t.is_space] if span is not None else []
        if len(words) < 4 or any(t.i in quoted for t in words[:2]):
            continue
        found = None
        colon = next((k for k, t in enumerate(words[:5]) if t.text == ":"), None)
        if colon is not None and _names(words[:colon], places=False) and len(words) - colon - 1 >= 3 \
                and words[colon + 1].text not in {'"', "“", "'", "‘", "«"}:
            found = (words[colon], COLON_ENTRY, words[colon - 1], words[colon + 1].i, words[-1].i + 1)
        for k in range(2, len(words) - 1):
            if found is not None:
                break
            if words[k - 1].text == "," and words[k].lower_ in {"says", "say"} and say is not None \
                    and _names(words[k + 1:], places=True):
                found = (words[k], say, words[-1], words[0].i, words[k - 1].i)
            elif words[k].text in DASHES and words[k].whitespace_ and _names(words[k + 1:], places=False):
                found = (words[k], COLON_ENTRY, words[-1], words[0].i, words[k].i)
        if found is None:
            continue
        token, entry, speaker, first, last = found
        content = _trim(doc, first, last, keep_to=True)
        if content is not None:
            cues.append(Cue(token, entry, token.text, speaker, (), content, "clause"))
    return cues


def _opens_headline_clause(token: Token) -> bool:
    """A present-tense verb right after a headline's comma opens a clause whose subject is the headline's
    opening one, whatever the parser took for its subject before the comma."""
    return headline_line(token) is not None and token.i > 0 and token.doc[token.i - 1].text == "," \
        and token.tag_ in {"VBZ", "VBP"} and not any(c.dep_ in SUBJECT_DEPS and c.i > token.i - 1 for c in token.children)


def _headline_subject(doc: Doc, comma: int) -> Token | None:
    """"Peru Expels Envoy, Says It ...": a headline's second verb after a comma with no subject of its own
    shares the first clause's, the name that opens the headline (before its first verb, or the opening
    proper name where the tagger took that verb for a noun)."""
    line = headline_line(doc[comma])
    first = next((t.i for t in doc[:comma + 1] if line is not None and t.idx >= line[0]), 0)
    first_verb = next((t for t in doc[first:comma] if t.tag_ in {"VBZ", "VBP"}), None)
    if first_verb is not None and first_verb.i > first:
        return doc[first_verb.i - 1]
    opening = doc[first]
    return opening if opening.pos_ == "PROPN" and opening.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"} else None


def _lemma_of(word: str) -> str:
    """The cue lemma whose present-tense form `word` is, or ""."""
    return next((lemma for lemma in _cues_by_lemma() if _inflected(word, lemma)), "")


def _quoted_second_clause(doc: Doc, content: tuple[int, int], quoted: set[int]) -> list[tuple[int, int]]:
    """"said that A and that B" is one statement with one complement (the guide, section 1), unless B is
    wholly in quote marks ("said Copenhagen welcomed investment, but that “the future ... Nuuk”"):
    then B is a direct quote of its own and A the reported statement beside it."""
    start, end = content
    for token in doc[start:end]:
        if token.dep_ == "conj" and start <= token.head.i < end and \
                any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            first = _trim(doc, start, token.left_edge.i, keep_to=False)
            second = _trim(doc, token.left_edge.i, min(token.right_edge.i + 1, end), keep_to=False)
            if first and second and all(i in quoted for i in range(*second) if not doc[i].is_punct):
                return [first, second]
    return [content]


def _relative_aside(token: Token) -> bool:
    """"The crisis in Niger, Ms X said, showed that ...": a speech verb with its own subject set off by commas
    that the parser hung on the noun before it as a relative clause. A relative clause has a relative word
    ("who", "which", "that") or, without one, no comma before it; this one has neither, and nothing reported
    of its own: it is a parenthetical cue, as "Putin, he said, wants ..." is."""
    doc = token.doc
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    return token.dep_ == "relcl" and subject is not None and subject.left_edge.i > 0 \
        and doc[subject.left_edge.i - 1].text == "," and token.i + 1 < len(doc) and doc[token.i + 1].text == "," \
        and not any(c.tag_ in {"WDT", "WP", "WP$"} or c.lower_ == "that" for c in token.subtree) \
        and not any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in token.children)


def _parenthetical(token: Token) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """"Putin, he said, wants ...": the content is the clause around the cue, less the cue's own words."""
    doc = token.doc
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    start = subject.left_edge.i if subject is not None else token.i
    end = token.i + 1
    while start > 0 and doc[start - 1].is_punct:
        start -= 1
    while end < len(doc) and doc[end].is_punct and doc[end].text not in {".", "!", "?"}:
        end += 1
    head = token.head if token.dep_ != "relcl" else token.sent.root  # a relative aside: the whole sentence
    # "Peru expelled the envoy, the ministry said, after X called ...": a clause the parser hung on the cue
    # that closes the sentence is the reporter's, not the words the cue reports
    head_end = head.right_edge.i
    while head_end > head.i and (doc[head_end].is_punct or doc[head_end].is_space):
        head_end -= 1
    if any(c.i > token.i and c.dep_ in {"advcl", "prep"} and c.right_edge.i >= head_end for c in token.children):
        return _trim(doc, head.left_edge.i, start, keep_to=False), (start, end)
    return _trim(doc, head.left_edge.i, head.right_edge.i + 1, keep_to=False), (start, end)


def _fronted(token: Token) -> tuple[int, int] | None:
    """"Ethiopia is ready to negotiate ..., Foreign Minister X told lawmakers on Tuesday.": the reported
    clause comes first and the cue, with a subject of its own after a comma, closes the sentence. The
    parser may hang such a cue on the clause as a conjunct; the content is then the clause before it."""
    doc = token.doc
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or token.dep_ not in {"conj", "parataxis"} or token.head.i > token.i:
        return None
    start = subject.left_edge.i
    if start == 0 or doc[start - 1].text != "," or any(c.dep_ == "cc" for c in token.children):
        return None
    sentence_start = token.sent.start
    head_start = token.head.left_edge.i
    if head_start != sentence_start and not doc[sentence_start:head_start].text.strip() == "":
        return None
    after = [t for t in doc[token.right_edge.i + 1:token.sent.end] if not (t.is_punct or t.is_space)]
    if after:
        return None
    return _trim(doc, head_start, start - 1, keep_to=False)


def _headline_tail(token: Token) -> tuple[int, int] | None:
    """"Elections Competitive but Marred by Pressure, Observers Say", "Ceasefire Holding but Fragile, UN Envoy
    Says": a headline (a line with no full stop) that ends on a cue whose subject follows a comma puts what was
    said first, often with no verb the parser can hang it on; the content is the words before that comma."""
    doc = token.doc
    subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if subject is None or subject.i > token.i or (following is not None and not (following.is_space and "\n" in following.text)):
        return None  # the cue must close its line
    mark = subject.left_edge.i - 1
    while mark > 0 and doc[mark].is_space:  # a headline's comma turned into a break (split_headline_clauses)
        mark -= 1
    if mark <= 0 or doc[mark].text not in {",", ".", ":", "—", "–", "-"}:
        return None
    line_start = doc.text.rfind("\n", 0, doc[mark].idx) + 1
    words = [t for t in doc[:mark] if t.idx >= line_start and not t.is_space]
    if len(words) < 2 or len(words) > 20 or any(t.text in {".", "!", "?"} for t in words[:-1]):
        return None
    return _trim(doc, words[0].i, mark, keep_to=False)


def is_dependent(token: Token) -> bool:
    """A cue with no subject of its own, hanging from another verb ("..., saying", "and announced")."""
    finite_or_participle = token.tag_ in {"VBG", "VBD", "VBZ", "VBP"}
    return finite_or_participle and token.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and \
        not any(c.dep_ in SUBJECT_DEPS for c in token.children) or _coordinated_act(token)


def _speak_with_outer(cue: Cue, cues_at: dict[int, list[Cue]]) -> Cue:
    """A dependent cue inside another cue's clause shares that cue's speaker, not the clause's subject.

    In "X said the talks failed, adding that ..." the parser may hang "adding" on "failed"; the
    speaker is still X. Only the cues on the cue's own ancestors are looked at (`cues_at`: cues by
    token), so this costs the parse's depth, not the number of cues in the article.
    """
    ancestors = sorted(a.i for a in cue.token.ancestors)
    for outer in (outer for i in ancestors for outer in cues_at.get(i, ())):  # cues come in token order
        if outer is cue or outer.content is None:
            continue
        if any(outer.content[0] <= i < outer.content[1] for i in ancestors):
            return Cue(cue.token, cue.entry, cue.label, outer.speaker, cue.addressees, cue.content, cue.content_kind)
    return cue


def _relays(token: Token, speaker: Token | None, table: dict[str, list[CueEntry]]) -> bool:
    """"Serbia's president X said Belgrade would not recognise the vote, his office said": a cue whose
    subject is owned by a pronoun ("his office", "her spokesman") and whose complement is another speaker's
    act of speech with a subject and a clause of its own relays that speaker, as "according to his press
    office" does: the statement is the inner speaker's."""
    if speaker is None or not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in speaker.children):
        return False
    return any(c.dep_ == "ccomp" and c.lemma_.lower() in table and any(g.dep_ in SUBJECT_DEPS for g in c.children)
               and any(g.dep_ == "ccomp" for g in c.children) for c in token.children)


def _according_to(doc: Doc, quoted: set[int]) -> list[Cue]:
    """"According to X, ..." attributes the clause it modifies to X."""
    found = []
    for token in doc:
        if token.lower_ != "according" or token.i in quoted:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if source is None:
            continue
        clause = token.head
        while clause.dep_ not in {"ROOT", "ccomp"} and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _cues_by_lemma():
            continue  # "X told Y that ..., according to a readout": X speaks; the readout is the reporter's source
        if clause.lemma_.lower() in _cues_by_lemma() and any(c.dep_ in SUBJECT_DEPS for c in clause.children) \
                and (token.i > clause.i and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in source.children)
                     or any(c.dep_ == "ccomp" for c in clause.children)):
            # "X called the decision “theatre”, according to his press service"; "According to a readout, X told
            # both delegations that ...": X speaks, the service or the readout relays X's words
            continue
        sent = clause.sent
        if token.i < clause.i:
            start, end = token.right_edge.i + 1, sent.end
        else:
            start, end = sent.start, token.left_edge.i
        span = _trim(doc, start, end, keep_to=False)
        entry = CueEntry(lemma="according to", particle="", takes=("clause",), stance="", label="according to")
        found.append(Cue(token, entry, "according to", source, (), span, "according"))
    return found
