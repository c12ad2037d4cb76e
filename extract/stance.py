"""Stance v2: where a speaker stands on the topic of their own statement, read by the guide.

The stance comes from the content's frames (a conditional threat, a negated refusal, a need, a
characterisation's polarity), from trigger phrases of ontology/stance.ttl, and from the cue's own
act, which the content can overrule. When several apply, the stronger act wins (rejects > warns >
requests > opposes > supports > neutral). In "X, not Y" and "X rather than Y" the speaker argues for
X: the contrasted words are left out of the reading, and their topics are reported as `contrasted`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import CueEntry, alias_index, load_cues, load_stance_lexicon, normalize, place_nouns

from .lexicon_match import DETERMINERS, PhraseIndex, phrase_forms
from .stance_implicit import ImplicitFrames
from .stance_modality import ModalFrames
from .stance_syntax import (
    ANIMATE, DEONTIC, EMBEDDED, FIRST_PERSON, FUTURE, HYPOTHETICAL, NEGATION_WORDS, NEGATIVE_SUBJECTS,
    POLARITY_THRESHOLD, SELF, animate, anothers_view, cue_subjects, named_side, negated, own_side, polarity,
    speaker_bodies, speaker_side, state_named,
)

# The guide's precedence, strongest first.
PRECEDENCE = ("rejects", "warns", "requests", "opposes", "supports")
CONDITION_MARKS = {"if", "unless"}
TIME_MARKS = {"if", "after", "when", "once"}  # "only after ...", "only when ...": a condition set
INVERTED_CONDITION = {"should", "were", "had"}
READINESS = {"ready", "prepared", "willing"}  # a disposition to act: "ready to close X if Y" is a conditional
GENERIC_SUBJECTS = {"anyone", "anybody", "whoever", "those", "any"}  # "anyone who X will Y": X is a condition
STATED_THRESHOLD = 0.6  # from which words with no other frame do ("a trade war has no winners"): plain
                        # statements mix praise and blame more than characterisations, so it is higher

# How often each source gave the gold stance on the articles the rules were built on (seeds, own
# articles, dev and fresh stories: 354 statements with the speaker right, measured with stance v2.3), smoothed
# as (right + 1) / (seen + 2) so that a source seen rarely is not trusted fully; a source never seen there
# gets 0.5. A statement's stance_confidence is its source's rate (README "Stance").
CONFIDENCE = {
    "act": 0.96, "future": 0.94, "trigger": 0.93, "appeal": 0.92, "refusal": 0.90, "conditional": 0.88,
    "modal": 0.86, "need": 0.83, "contrast": 0.83, "limit": 0.83, "intent": 0.80, "polarity": 0.77,
    "imperative": 0.75, "denied": 0.71, "carried": 0.67, "none": 0.65, "hedge": 0.5, "cost": 0.5, "benefit": 0.5,
    "grievance": 0.5, "blame": 0.5,
}


@dataclass(frozen=True, slots=True)
class StanceReading:
    """A stance, the source it was read from, its confidence, and the topics argued against."""

    label: str
    source: str
    confidence: float
    contrasted: tuple[int, int] | None = None  # token range of the words argued against
    against: tuple[str, ...] = ()  # topics named only in those words


DUTY = {"must", "should", "shall"}  # "peace must not reward aggression" (not "people cannot vote there")
INTENT = {"will", "would", "shall", "'ll"}  # "could" and "might" only speculate
AFFECTED = {"dobj", "prep", "attr", "acomp", "oprd", "xcomp", "ccomp"}  # what a predicted harm falls on


def _reported_fact(verb: Token) -> bool:
    """A denied act in the past ("did not discuss", "never signed") is a fact told, not a refusal."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    return verb.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" and c.lemma_ == "do" for c in verb.children)


def _named_holder(token: Token) -> bool:
    """The attitude is held by a party the words name ("Russia was not ready for real peace", "Tehran does
    not want talks"): the speaker's claim about another, not the speaker's own stance (the guide, section
    4). A pronoun or a first person may be the speaker, a thing holds no attitude ("the result does not
    reflect the will of the people" is the speaker's criticism)."""
    holder = token.head if token.dep_ in {"acomp", "xcomp", "attr"} else token
    subjects = [c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(c.pos_ == "PROPN" or c.ent_type_ in ANIMATE for c in subjects)


def _described(token: Token, label: str, act_nouns: frozenset[str]) -> bool:
    """The trigger reports a state rather than the speaker's act: a passive of a thing ("the package is
    blocked"; but "he was concerned by" is his own view), or a request named as a thing ("the offer was
    a recycled demand", "we take note of Brazil's request")."""
    if any(c.dep_ == "auxpass" for c in token.children):
        if label == "requests":
            return True  # "the House was being asked to approve": the subject is the one asked, another asks
        if label == "opposes" and not any(c.dep_ == "agent" for c in token.children):
            return False  # blame in the passive still accuses ("the count was stolen"), unless another's
            # act is told ("the plan was criticised by several members")
        return not any(c.dep_ == "nsubjpass" and animate(c) for c in token.children)
    if label in {"requests", "supports"} and token.pos_ == "NOUN" and token.lemma_.lower() in act_nouns:
        owner = [c for c in token.children if c.dep_ == "poss"]
        return token.dep_ in {"attr", "nsubj", "nsubjpass"} or any(c.lower_ not in FIRST_PERSON for c in owner)
    return False


def _content_clause(token: Token) -> bool:
    """A clause that states a noun's content ("the principle that borders must not be changed") rather
    than describing it: it opens with "that" and has a subject of its own."""
    return token.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children) \
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)


def _condition_set(token: Token) -> bool:
    """The word lies in a condition ("if", "as long as", "once", "unless") whose subject is another party:
    what that party asks is the condition the speaker sets, not the speaker's own request."""
    clause = next((a for a in (token, *token.ancestors) if a.dep_ == "advcl"), None)
    if clause is None or not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS | {"as", "once"} for c in clause.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON for c in clause.children)


TURNING = {"turn", "transform"}  # verbs whose "into" names what a thing was made: a characterisation
OBJECT_PATH = {"dobj", "pobj", "prep", "amod", "compound", "conj", "appos", "nmod"}  # from a noun up to its verb
ATTITUDES = {"opposes", "supports"}  # what a participial cue's words share with the act they elaborate


def _institution(cue: Token | None) -> bool:
    """The speaker is a body or a state, not a person ("the Treasury Department said it would ..."), so
    "it" in its words is the speaker's side."""
    return bool(subjects := cue_subjects(cue)) and all(_body(c) for c in subjects)


def _body(subject: Token) -> bool:
    """A named body or a state: "the Treasury Department", "the Foreign Ministry", "Norway". A lone name
    must be a state or a body the gazetteer knows, since NER also tags surnames as ORG ("Holloway said")."""
    named = subject.ent_type_ in {"ORG", "GPE", "NORP"} or (subject.pos_ == "PROPN" and subject.ent_type_ != "PERSON")
    if not named:
        return False
    if any(c.dep_ in {"compound", "amod", "poss"} for c in subject.children):
        return True
    entry = alias_index().get(normalize(subject.text))
    return bool(state_named(subject.text)) or (entry is not None and entry.type in {"State", "Organization"})


def strongest(labels: set[str]) -> str:
    """The strongest stance of `labels` by the guide's precedence, neutral when none."""
    return next((label for label in PRECEDENCE if label in labels), "neutral")


def contrast_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The words argued against: "Y" of "X, not Y", "X rather than Y", "X instead of Y"."""
    for token in doc[start:end]:
        nxt = doc[token.i + 1] if token.i + 1 < end else None
        if nxt is None:
            continue
        if (token.lower_, nxt.lower_) in {("rather", "than"), ("instead", "of")}:
            return nxt.i + 1, _phrase_end(doc, nxt.i + 1, end)
        if token.lower_ == "not" and token.i > start and doc[token.i - 1].text in {",", "—", "–"} \
                and nxt.pos_ in {"DET", "NOUN", "PROPN", "ADJ", "PRON", "NUM", "ADP"}:  # "as brothers, not under threats"
            return token.i + 1, _phrase_end(doc, token.i + 1, end)
    return None


def _phrase_end(doc: Doc, start: int, end: int) -> int:
    """Where the contrasted phrase stops: the end of the clause or of the statement."""
    i = start
    while i < end and doc[i].text not in {",", ";", ".", "—", "–"} and not (doc[i].dep_ == "cc" and i > start):
        i += 1
    return max(i, start + 1)


class StanceReader(ImplicitFrames, ModalFrames):
    """Reads the stance of a statement's words, given its cue and topics."""

    def __init__(self, nlp: Language) -> None:
        lexicon = load_stance_lexicon()
        self.lexicon = lexicon
        self._triggers = PhraseIndex(nlp, {p: label for label, phrases in lexicon.triggers.items() for p in phrases},
                                     skip_determiners=True)  # "reserve its right", "bear the responsibility"
        self._places = frozenset(place_nouns()) | {"border", "base", "position", "post", "line", "ridge", "front"}
        self._cue_verbs = frozenset(entry.lemma.split()[0].lower() for entry in load_cues())
        self._cue_takes: dict[str, dict[str, tuple[str, ...]]] = {}  # lemma -> particle -> what it takes
        for entry in load_cues():
            by_particle = self._cue_takes.setdefault(entry.lemma.split()[0].lower(), {})
            by_particle[entry.particle] = by_particle.get(entry.particle, ()) + tuple(entry.takes)
        self._trigger_words = {p for phrases in lexicon.triggers.values() for p in phrases if " " not in p}
        self._single = {p: label for label, phrases in lexicon.triggers.items() for p in phrases if " " not in p}
        phrases = {p: label for label, items in lexicon.triggers.items() for p in items if " " in p}
        self._gapped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for text, forms in phrase_forms(nlp, phrases, frozenset(DETERMINERS)).items():
            for form in forms:
                if len(form) > 1:
                    self._gapped.setdefault(form[0], []).append((form, phrases[text]))

    def lemma(self, token: Token) -> str:
        """The token's lemma, mended where the lemmatiser strips a past tense too far ("hoped" -> "hop"):
        a "-ed" verb whose "-e" stem is a word of the stance lexicon is read as that word, and so is an
        adverb formed from a trigger adjective ("illegally" -> "illegal")."""
        if token.tag_ in {"VBD", "VBN"} and token.lower_.endswith("ed"):
            stem = token.lower_[:-1]
            if stem in self._single or stem in self.lexicon.wish_verbs:
                return stem
        if token.pos_ == "ADV" and token.lower_.endswith("ly") and token.lower_[:-2] in self._single:
            return token.lower_[:-2]  # "illegally intruded", "unilaterally": the adverb of a trigger adjective
        return token.lemma_.lower()

    def _matches(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
        """Trigger phrases in [start, end), with single words the lemmatiser misread matched by their stem."""
        found = [(i, j, label) for i, j, label in self._triggers.matches(doc, start, end)
                 if j - i > 1 or doc[i].lower_ in self._single or self.lemma(doc[i]) in self._single]
        # a one-word trigger matched only through the lemma of its written form ("promising" is lemmatised
        # "promise") is another word: "too many promises" is no praise
        covered = {k for i, j, _ in found for k in range(i, j)}
        for token in doc[start:end]:
            if token.i in covered:
                continue
            stem = self.lemma(token)
            if stem != token.lemma_.lower() and stem in self._single:
                found.append((token.i, token.i + 1, self._single[stem]))
            elif stem in self._gapped:
                span = self._gapped_match(doc, token.i, end)
                if span is not None:
                    found.append(span)
                    covered.update(range(span[0], span[1]))
        return found

    def _gapped_match(self, doc: Doc, i: int, end: int) -> tuple[int, int, str] | None:
        """A trigger phrase with modifiers inside it: "pay a heavy price", "bear full responsibility",
        "take all the necessary measures" (adjectives, adverbs and determiners passed over, two at most
        in a row)."""
        for form, label in self._gapped[self.lemma(doc[i])]:
            j, k, gap = i + 1, 1, 0
            while k < len(form) and j < end and gap <= 2:
                if form[k] in {doc[j].lemma_.lower(), doc[j].lower_}:
                    k, gap = k + 1, 0
                elif doc[j].pos_ in {"ADJ", "ADV", "DET", "NUM"} or doc[j].tag_ == "PRP$":
                    gap += 1
                else:
                    break
                j += 1
            if k == len(form):
                return i, j, label
        return None

    def triggered(self, doc: Doc, start: int, end: int, skip: tuple[int, int] | None = None,
                  bidden: Token | None = None, side: frozenset[str] | None = None) -> set[str]:
        """Stances whose trigger phrases appear un-negated in tokens [start, end), outside `skip`;
        `bidden` is the verb of a command the words open with, if any; with the speaker's `side`, an
        attitude verb held by another party is left out (that party's view)."""
        found = set()
        for i, j, label in self._matches(doc, start, end):
            if skip and skip[0] <= i < skip[1]:
                continue
            token = doc[i]
            if side is not None and self._others_attitude(doc[i:j].root, side):
                continue
            if _described(token, label, self.lexicon.act_nouns):
                continue
            if negated(token):  # "did not rule out" is no rejection (denied attitudes: _denied)
                continue
            if anothers_view(token, start, end):  # "the plan, which Moscow has rejected, was a good basis"
                continue
            if label == "requests" and j - i == 1 and any(c.dep_ in {"prt", "advmod"} and c.lower_ in {"ahead", "on"}
                                                          for c in token.children):
                continue  # "will press ahead with the reform" goes on with it, asks nothing
            if label == "requests" and self.lemma(token) == "lack" and token.pos_ == "VERB" \
                    and any(c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON and not own_side(c) for c in token.children):
                label = "opposes"  # "the plan lacked credibility" blames it; "we lack shells" asks for them
            if label == "requests" and _condition_set(token):
                continue  # "as long as the legitimate government asks for them": another's ask is the condition
            root = doc[i:j].root
            if label == "rejects" and root.tag_ == "VBG" and root.dep_ in {"csubj", "csubjpass", "nsubj", "nsubjpass"}:
                continue  # "blocking the grain ships would be a mistake": the act judged, not refused
            if j - i == 1 and self.lemma(token) in self.lexicon.verb_sense and token.pos_ != "VERB" \
                    and token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "compound", "conj", "appos"}:
                continue  # "answers to Pacific challenges" names problems; "would challenge the ban" opposes
            if self._target_of_attitude(root, label, start, end):
                continue  # "opposed bloc confrontation": the danger word is what is opposed, not a warning
            if label == "rejects" and doc[i].lower_ in {"not", "never", "n't"} and \
                    ((_reported_fact(root) and root.lemma_.lower() not in self.lexicon.stative)
                     or (bidden is not None and root.i == bidden.i)):
                continue  # "he did not discuss it" tells what happened, "do not send" bids; "would not send" refuses
                # (an attitude backshifted after "said" still holds: "said it did not recognise the vote")
            if root.pos_ == "ADP" and (root.head.pos_ in {"NOUN", "PROPN"} or root.head.dep_ in EMBEDDED):
                continue  # "the measures taken against Kosovo", "sanctions against Russia" name, not oppose
            if label in {"warns", "opposes"} and self._yielded_to(root):
                label = "rejects"  # "we will not bow to threats", "will not give in to blackmail"
            if label == "rejects" and self._harm_let(root):
                label = "warns"  # "will not tolerate interference": a caution, not a refusal of a proposal
            if self._phase_told(root):
                continue  # "I stopped counting", "the talks ended on Friday": a phase told, no advocacy
            if label == "rejects" and self._harm_judged(root):
                label = "opposes"  # "attacks on aid workers are unacceptable" condemns; a proposal can be refused
            if label == "supports" and self._aims_at_harm(root):
                label = "warns"  # "preparing new strikes", "ready to strike the bases": readiness for harm threatens
            if label == "rejects" and root.dep_ == "amod" and root.head.pos_ in {"NOUN", "PROPN"}:
                # "an unacceptable threat" characterises; "described the claims as baseless" dismisses
                label = "opposes"
            if label == "warns" and root.pos_ == "NOUN" and root.dep_ in {"attr", "oprd"}:
                label = "opposes"  # "called the launches a threat": naming a danger is criticism, not a threat
            if label == "warns" and root.dep_ == "amod" and root.head.pos_ in {"NOUN", "PROPN"} \
                    and root.head.dep_ not in {"attr", "oprd", "ROOT"}:
                label = "opposes"  # "the dangerous manoeuvres had violated ...": an epithet on a party's act
                # characterises it; "this is a dangerous moment" (the predicate) still cautions
            found.add(label)
        return found

    def _yielded_to(self, word: Token) -> bool:
        """The word is what a side denies it will yield to: "we will not bow to threats", "will never give
        in to blackmail", "would not yield to pressure" (stance.ttl's dg:yieldVerb)."""
        if word.dep_ != "pobj" or word.head.lower_ != "to":
            return False
        verb = word.head.head
        if verb.lower_ == "in" and verb.dep_ in {"prt", "prep", "advmod"}:
            verb = verb.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in self.lexicon.yielding and negated(verb)

    def lexicon_label(self, token: Token) -> str:
        """The stance of a one-word trigger the token is, "" if none."""
        return self._single.get(self.lemma(token), "")

    def _others_attitude(self, word: Token, side: frozenset[str]) -> bool:
        """"The Saudis want Iran to restrain the militia", "the families had asked her whether ...", "if
        both parties ask for it", "both sides had blocked convoys": a verb of wishing, asking or refusing
        whose subject is another party tells that party's view or act, the speaker's claim about it, not
        the speaker's stance (the guide, section 4). Verbs of blame are left to the speaker ("European
        sanctions hurt Europe" is the speaker's criticism), and so is a subject of the speaker's side:
        a first person, "he", "she", "it", a noun the side owns ("his government"), a state of the side,
        or a body told in the singular ("the navy would ask Congress")."""
        refusal = self._single.get(self.lemma(word), "") == "rejects"  # "both sides had blocked convoys"
        if word.pos_ != "VERB" or (self.lemma(word) not in self.lexicon.wish_verbs | self.lexicon.asking and not refusal):
            return False
        head = word.head if word.dep_ == "conj" else word
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        return bool(subjects) and all(self._another_party(c, side) for c in subjects)

    @staticmethod
    def _another_party(subject: Token, side: frozenset[str]) -> bool:
        """"they", a plural noun ("the families", "both parties"), a people ("the Saudis") or a named
        person; a state or a body by name only when the speaker's side is known and is not it, since
        officials and spokespeople name their own ("Japan hoped ...", said by its minister; "the Kremlin
        wanted ...", said by its spokesman)."""
        if subject.lower_ in SELF | {"it", "you"} or own_side(subject) or named_side(subject, side):
            return False
        if subject.lower_ == "they" or subject.tag_ in {"NNS", "NNPS"} or subject.ent_type_ in {"NORP", "PERSON"}:
            return True
        return subject.pos_ == "PROPN" and subject.ent_type_ in ANIMATE and bool(side)

    def _harm_let(self, verb: Token) -> bool:
        """"Peru will not tolerate interference", "would not allow any threat to Somalia's security", "will
        never let anyone threaten our ships": a side denying it will let a harm be done cautions about what
        follows (the guide's warns); refusing to let a welcome or neutral thing ("will not allow the
        observers in") stays a refusal. The harm is what is let: the object's head with its modifiers,
        or the act an infinitive names."""
        if verb.lemma_.lower() not in self.lexicon.tolerance or verb.pos_ != "VERB" or not negated(verb):
            return False
        head = verb.head if verb.dep_ == "conj" else verb
        if not any(c.dep_ == "aux" and c.lower_ in FUTURE | DEONTIC for c in head.children):
            return False  # "did not allow the convoy through" tells what happened
        words: list[Token] = []
        for child in verb.children:
            if child.dep_ == "dobj":
                words += [child, *(c for c in child.children if c.dep_ in {"amod", "compound"})]
                words += [g for c in child.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            elif child.dep_ in {"xcomp", "ccomp"} and (any(c.dep_ == "dobj" for c in child.children)
                                                      or child.lemma_.lower() in self.lexicon.threat_verbs):
                # a harm done to something ("let anyone threaten our ships"); "will not let Ukraine lose"
                # is a commitment to the party let, not a caution
                words += [child, *(c for c in child.children if c.dep_ in {"dobj", "advmod"})]
        if not words:
            return False
        if any(self._single.get(self.lemma(t), "") in {"opposes", "warns"} for t in words):
            return True
        return polarity(" ".join(t.text for t in words)) <= -POLARITY_THRESHOLD

    def _phase_told(self, word: Token) -> bool:
        """A trigger verb that tells a phase of something else ("I stopped counting", "the talks ended on
        Friday", "fighting has ceased"): with a gerund, or told as a past fact without a modal, it advocates
        nothing; "the war must end", "stop the shelling" and "to end the war" still do."""
        if word.pos_ != "VERB" or word.lemma_.lower() not in self.lexicon.aspectual:
            return False
        if any(c.dep_ in {"xcomp", "ccomp"} and c.tag_ == "VBG" for c in word.children):
            return True
        if word.tag_ not in {"VBD", "VBN"} or word.dep_ in {"xcomp", "amod", "acl"}:
            return False
        head = word.head if word.dep_ == "conj" else word
        return not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL | DEONTIC | {"to"}
                       for c in head.children)

    def _target_of_attitude(self, word: Token, label: str, start: int, end: int) -> bool:
        """The trigger word is what another attitude verb of the words is about: "Beijing opposed bloc
        confrontation", "we welcome the end of the threat", "she condemned the provocations" take a stand
        on the danger or the blame the noun names; the verb's stance is the speaker's, not the noun's."""
        if word.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return False
        if any(c.dep_ == "amod" and c.pos_ == "VERB" and self._single.get(self.lemma(c), label) in
               {"opposes", "supports", "rejects"} - {label} for c in word.children):
            return True  # "and opposed bloc confrontation", where the parser hangs the verb on its object
        node = word
        while node.dep_ in OBJECT_PATH and node.head.i != node.i:
            node = node.head  # up the object's path: "concern over the threats", "opposed confrontation"
            if not start <= node.i < end or negated(node):
                return False
            held = self._single.get(self.lemma(node), "") or \
                (self.lexicon.acts.get(self.lemma(node), "") if node.pos_ == "VERB" else "")
            if held in {"opposes", "supports", "rejects"} and held != label:
                return True
            if node.pos_ == "VERB":
                break
        return False

    def _denied(self, doc: Doc, start: int, end: int) -> str:
        """"Russia is not ready for real peace", "the result does not reflect the will of the people": a
        denied attitude is against its object, whatever the object: "nobody wants to punish the people" is
        against punishing them (the guide's opposes: "preferring it not happen")."""
        for token in doc[start:end]:
            flipped = self.lexicon.when_negated.get(token.lemma_.lower(), "")
            if flipped and (token.dep_ not in EMBEDDED or token.dep_ == "amod") and negated(token) \
                    and not _named_holder(token):
                return flipped
        return ""

    def _wished_away(self, doc: Doc, start: int, end: int, skip: tuple[int, int] | None) -> str:
        """"We would prefer that no troops are sent at all", "we hope the embassy will not move": a wish
        whose object is denied is against that object, unless the object is itself harm ("we hope nobody
        gets hurt")."""
        for token in doc[start:end]:
            if self.lemma(token) not in self.lexicon.wish_verbs or token.dep_ in EMBEDDED or negated(token):
                continue
            for aim in (c for c in token.children if c.dep_ in {"ccomp", "xcomp", "dobj"} and start <= c.i < end):
                if not self._denied_aim(aim, skip or (end, end)):
                    continue
                words = [t.text for t in aim.subtree if t.lower_ not in {"no", "not", "never", "n't", "nobody"}]
                if polarity(" ".join(words)) > -POLARITY_THRESHOLD:
                    return "opposes"
        return ""

    @staticmethod
    def _denied_aim(aim: Token, contrasted: tuple[int, int]) -> bool:
        """The wished clause or thing is denied: "that no troops are sent", "it does not move", "no war";
        not the "not" of a contrast ("we want peace, not escalation")."""
        if any(c.dep_ == "neg" and not contrasted[0] - 1 <= c.i < contrasted[1] for c in aim.children):
            return True
        heads = [aim] if aim.pos_ in {"NOUN", "PROPN"} else \
            [c for c in aim.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        return any(h.lower_ in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in h.children)
                   for h in heads)

    def plain(self, doc: Doc, start: int, end: int) -> str:
        """The stance of a span read from its frames and triggers alone (no cue)."""
        return self._content(doc, start, end, None)[0]

    def _content(self, doc: Doc, start: int, end: int, skip: tuple[int, int] | None,
                 institution: bool = False, side: frozenset[str] = frozenset(),
                 bodies: frozenset[str] = frozenset()) -> tuple[str, str]:
        frames = {}
        conditional = self._conditional(doc, start, end)
        if conditional:
            frames[conditional] = "conditional"
        if self._needs(doc, start, end) or self._lacking(doc, start, end):
            frames.setdefault("requests", "need")
        if self._withheld(doc, start, end) or self._refused_passive(doc, start, end) \
                or self._refused_until(doc, start, end):
            frames.setdefault("rejects", "refusal")
        appealed = self._appealed(doc, start, end)
        if appealed:
            frames.setdefault(appealed, "appeal")
        seat = self._seat_asked(doc, start, end)
        if seat:
            frames.setdefault(seat, "need" if seat == "requests" else "modal")
        if self._exclusive(doc, start, end):
            frames.setdefault("opposes", "limit")
        characterised = self._characterised(doc, start, end) or self._equated_by_be(doc, start, end)
        if characterised:
            frames.setdefault(characterised, "polarity")
        bidden = self._bidden(doc, start, end)
        if bidden is not None:  # "do not send troops" opposes, "open the crossings" supports
            frames.setdefault("opposes" if any(c.dep_ == "neg" for c in bidden.children) else "supports", "imperative")
        if self._release_asked(doc, start, end, bidden, side) or self._burden_put(doc, start, end, side) \
                or self._demanded(doc, start, end, side) or self._time_for(doc, start, end, side):
            frames.setdefault("requests", "need")
        denied = self._denied(doc, start, end) or self._wished_away(doc, start, end, skip)
        if denied:
            frames.setdefault(denied, "denied")
        if self._forbidden(doc, start, end):
            frames.setdefault("opposes", "modal")
        if self._refused(doc, start, end) or self._holds_ground(doc, start, end) or self._stays_put(doc, start, end):
            frames.setdefault("rejects", "refusal")
        if self._costly(doc, start, end) or self._losing(doc, start, end):
            frames.setdefault("opposes", "cost")
        if self._works(doc, start, end):
            frames.setdefault("supports", "benefit")
        if self._programme(doc, start, end):
            frames.setdefault("supports", "intent")
        if self._closed(doc, start, end):
            frames.setdefault("rejects", "refusal")
        if self._owed(doc, start, end, side):
            frames.setdefault("requests", "need")
        regarded = self._regarded(doc, start, end, side)
        if regarded:
            frames.setdefault(regarded, "polarity")
        if self._wanted_of(doc, start, end, side):
            frames.setdefault("requests", "need")
        expected = self._expected_of(doc, start, end)
        if expected:
            frames.setdefault(expected, "need" if expected == "requests" else "intent")
        worse = self._made_worse(doc, start, end)
        if worse:
            frames.setdefault(worse, "cost" if worse == "opposes" else "benefit")
        if self._blamed(doc, start, end):
            frames.setdefault("opposes", "blame")
        if self._claimed(doc, start, end, side):
            frames.setdefault("opposes", "limit")
        if self._left_out(doc, start, end):
            frames.setdefault("opposes", "grievance")
        if self._options_open(doc, start, end):
            frames.setdefault("warns", "trigger")
        if any(self._harm_let(t) for t in doc[start:end] if t.dep_ not in EMBEDDED):
            frames.setdefault("warns", "future")
        if self._threatened(doc, start, end) or self._restraint_ends(doc, start, end) \
                or self._stands_aside(doc, start, end) or self._sets_off(doc, start, end) \
                or self._harm_foretold(doc, start, end):
            frames.setdefault("warns", "future")
        elif self._intended(doc, start, end, institution, side) or self._arranged(doc, start, end) \
                or self._announced(doc, start, end, side, bodies):
            frames.setdefault("supports", "intent")
        if self._beneficial(doc, start, end) or self._narrowing(doc, start, end):
            frames.setdefault("supports", "benefit")
        for label in self.triggered(doc, start, end, skip, bidden, side):
            frames.setdefault(label, "trigger")
        own_act = self._own_act(doc, start, end, side)
        if own_act:
            frames.setdefault(own_act, "act")
        if self._speculative(doc, start, end):  # "the chances of a breakthrough are slim" speculates
            frames = {k: v for k, v in frames.items() if not (k in {"supports", "opposes"} and v == "trigger")}
        if conditional == "warns":  # "if they insist, we will walk away": the refusal is the threat
            frames = {k: v for k, v in frames.items() if not (k == "rejects" and v in {"trigger", "refusal"})}
        label = strongest(set(frames))
        return label, frames.get(label, "none")

    def _conditional(self, doc: Doc, start: int, end: int) -> str:
        """"If X, we will Y" / "Y unless X" / "Should X, Y will": a threat, or an offer when Y is welcome."""
        generic = self._generic_condition(doc, start, end)
        if generic:
            return generic
        if self._fronted_without(doc, start, end):
            return "warns"
        for token in doc[start:end]:
            if token.dep_ not in {"advcl", "dobj", "ccomp"} or not (start <= token.head.i < end):
                continue
            marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
            if token.dep_ != "advcl" and not ("if" in marks and any(c.lower_ == "only" for c in token.children)):
                continue  # "holds only if the shelling stops" parsed as an object; "see if" asks whether
            main = token.head
            if main.lower_ == "long" and "as" in marks and start <= main.head.i < end:
                # "only as long as both sides keep quiet": a condition with "only", a duration without it
                if not any(c.lower_ == "only" for c in main.children):
                    continue
                marks, main = marks | {"if"}, main.head
            inverted = token.left_edge.lower_ in INVERTED_CONDITION and token.left_edge.dep_ == "aux"
            edge = token.left_edge  # "only" hangs on the clause, on its mark, or just before it
            only = edge.lower_ == "only" or any(c.lower_ == "only" for c in token.children) or \
                (edge.i > 0 and doc[edge.i - 1].lower_ == "only") or any(c.lower_ == "only" for c in token.head.children
                                                                         if c.dep_ == "advmod" and c.i < token.i)
            if not (marks & CONDITION_MARKS or inverted or (only and marks & TIME_MARKS)):
                continue
            future = any(c.lower_ in FUTURE for c in main.children if c.dep_ == "aux") or main.lower_ in FUTURE \
                or any(c.dep_ == "acomp" and c.lower_ in READINESS for c in main.children) \
                or ("if" in marks and main.tag_ == "VBP" and token.i < main.i
                    and any(c.dep_ == "nsubj" and c.lower_ in {"we", "i"} for c in main.children))
            # "was ready to close ...", "if that language goes, we walk out": the speaker's side told in the
            # present after a fronted "if" says what it will do
            if not future and not (only and marks & TIME_MARKS):  # "the truce holds only if the shelling stops"
                continue
            if "unless" in marks or ("if" in marks and any(c.dep_ == "neg" for c in token.children)):
                return "warns"  # "if the balloons do not stop" is "unless they stop"
            inside = (token.left_edge.i, token.right_edge.i + 1)
            lo, hi = max(main.left_edge.i, start), min(main.right_edge.i + 1, end)
            offered = strongest(self.triggered(doc, lo, hi, inside)) == "supports"
            clause = [t.text for t in doc[lo:hi] if not inside[0] <= t.i < inside[1]]
            if offered or (not only and polarity(" ".join(clause)) > POLARITY_THRESHOLD):
                return "supports"  # "we will sign if they withdraw": an offer, not a threat
            return "warns"
        return ""

    def _generic_condition(self, doc: Doc, start: int, end: int) -> str:
        """"Anyone who dreams of taking the port should remember the price of the last war", "whoever
        crosses this line will pay": a generic subject with a relative clause is a condition in disguise,
        and what it will, would or should meet is a threat when harmful, an offer when welcome."""
        for token in doc[start:end]:
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.lower_ not in GENERIC_SUBJECTS \
                    and not any(d.dep_ == "det" and d.lower_ in GENERIC_SUBJECTS for d in token.children):
                continue
            if not any(c.dep_ == "relcl" for c in token.children):
                continue
            main = token.head
            if not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in FUTURE | {"should", "must"} for c in main.children):
                continue
            lo, hi = max(main.left_edge.i, start), min(main.right_edge.i + 1, end)
            subject = (token.left_edge.i, token.right_edge.i + 1)
            words = [t.text for t in doc[lo:hi] if not subject[0] <= t.i < subject[1]]
            score = polarity(" ".join(words))
            warned = "warns" in self.triggered(doc, lo, hi, subject)  # "... will pay the price"
            if main.lemma_.lower() in self.lexicon.threat_verbs or warned or score <= -POLARITY_THRESHOLD:
                return "warns"
            if score >= POLARITY_THRESHOLD:
                return "supports"
        return ""

    def _lacking(self, doc: Doc, start: int, end: int) -> bool:
        """"Every night we have fewer interceptors", "we cannot police a country with half the officers we
        were promised", "without more air defence our cities will freeze": the speaker's side telling
        what it lacks asks for it (the guide: "we need fuel and medicine now", said by the side that lacks
        them). A shortfall word on what the side has or acts with; an addition word on what it is without."""
        for token in doc[start:end]:
            word = token.lemma_.lower()
            if token.dep_ not in {"amod", "predet", "det", "nummod", "advmod"} or token.head.pos_ not in {"NOUN", "PROPN"}:
                continue
            thing = token.head
            holder = thing.head
            if word in self.lexicon.addition and thing.dep_ == "pobj" and holder.lower_ == "without":
                return True
            if word not in self.lexicon.shortfall:
                continue
            verb = holder.head if thing.dep_ == "pobj" and holder.lower_ == "with" else \
                holder if thing.dep_ == "dobj" and holder.lemma_ == "have" else None
            if verb is not None and any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in verb.children):
                return True
        return False

    def _withheld(self, doc: Doc, start: int, end: int) -> bool:
        """"The port is not for sale or lease", "our sovereignty is not up for negotiation", "the quota
        is not on the table": a thing denied as being for a trade, or on the table, is ruled out (rejects)."""
        for token in doc[start:end]:
            word, prep = token.lemma_.lower(), token.head.lower_
            if token.dep_ == "attr" and word in self.lexicon.withheld_as and token.head.lemma_ == "be" \
                    and any(c.dep_ == "neg" for c in token.head.children):
                return True  # "sovereignty is not a commodity to be traded", "not a bargaining chip"
            if token.dep_ != "pobj" or not ((prep == "for" and word in self.lexicon.withheld)
                                           or (prep == "on" and word in self.lexicon.withheld_on)):
                continue
            verb = token.head.head
            if verb.lower_ == "up" and verb.dep_ in {"advmod", "prt", "prep"}:
                verb = verb.head
            if verb.lemma_ == "be" and any(c.dep_ == "neg" for c in verb.children):
                return True
        return False

    def _exclusive(self, doc: Doc, start: int, end: int) -> bool:
        """"The future of Greenland will be decided in Nuuk and nowhere else", "the security of the sea is
        the responsibility of the coastal states alone": a right kept to one party is against any other's
        part in it (opposes). Not when denied: "we cannot do it alone" tells a need."""
        last_words = {phrase.split()[-1] for phrase in self.lexicon.exclusive}
        for token in doc[start:end]:
            if token.lower_ not in last_words:
                continue
            pair = f"{doc[token.i - 1].lower_} {token.lower_}" if token.i > start else ""
            if token.lower_ not in self.lexicon.exclusive and pair not in self.lexicon.exclusive:
                continue
            verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), token.head)
            if not negated(verb) and not any(c.dep_ == "neg" for c in verb.children):
                return True
        return False

    def _characterised(self, doc: Doc, start: int, end: int) -> str:
        """"The American interest amounted to neo-colonial pressure", "the move constitutes a provocation":
        a verb of equating characterises its subject by what it is equated with, whose polarity is the
        speaker's praise or blame (VADER, with stance.ttl's political blame words)."""
        for token in doc[start:end]:
            if token.lemma_.lower() not in self.lexicon.equating | TURNING or token.pos_ != "VERB" or negated(token):
                continue
            if token.lemma_.lower() in TURNING:  # "turned the island into an open-air prison": the result
                objects = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "into"
                           for g in c.children if g.dep_ == "pobj"]
                score = polarity(" ".join(t.text for o in objects for t in o.subtree))
                if objects and abs(score) >= POLARITY_THRESHOLD:
                    return "opposes" if score < 0 else "supports"
                continue
            objects = [c for c in token.children if c.dep_ in {"dobj", "attr"}] + \
                [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
            words = [t.text for o in objects for t in o.subtree]
            score = polarity(" ".join(words))
            if score <= -POLARITY_THRESHOLD:
                return "opposes"
            if score >= POLARITY_THRESHOLD:
                return "supports"
        return ""

    @staticmethod
    def _bidden(doc: Doc, start: int, end: int) -> Token | None:
        """The verb of a bare command opening a sentence of the words: "Keep the escorts in place and open
        a channel" advocates a course of action; "do not send troops" is against it (a bid to others,
        not the speaker's refusal)."""
        for sent_start in [start] + [i for i in range(start + 1, end) if doc[i].is_sent_start]:
            first = next((t for t in doc[sent_start:end] if not t.is_punct and not t.is_quote), None)
            if first is None:
                continue
            verb = first.head if first.dep_ in {"aux", "neg"} and first.lower_ in {"do", "not", "never"} else first
            if verb.dep_ in {"ROOT", "ccomp", "xcomp", "parataxis"} and verb.tag_ == "VB" and verb.pos_ == "VERB" \
                    and verb.i >= first.i \
                    and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} and c.i < verb.i and c.lower_ != "do"
                                for c in verb.children):
                return verb
        return None

    @staticmethod
    def _forbidden(doc: Doc, start: int, end: int) -> bool:
        """"A just peace cannot be dictated by the aggressor", "borders cannot be redrawn unilaterally",
        "peace must not reward aggression": an act denied with a modal of possibility or duty is against
        it, said of a passive or of another party acting on something (the speaker's own "we must not give
        up" is resolve, and "pressure must not ease" wants the pressure kept).
        A clause of a noun's content counts ("the principle that borders must not be changed by force")."""
        for token in doc[start:end]:
            if token.lemma_ == "be" and token.dep_ not in EMBEDDED and any(c.dep_ == "neg" for c in token.children) \
                    and any(c.dep_ == "aux" and c.lower_ in DUTY for c in token.children) \
                    and any(c.dep_ == "attr" for c in token.children):
                return True  # "food aid should never be a weapon": what a thing must not be is opposed
            if token.pos_ != "VERB" or not any(c.dep_ == "neg" for c in token.children) \
                    or (token.dep_ in EMBEDDED and not _content_clause(token)) \
                    or not any(c.dep_ == "aux" and c.lemma_.lower() in DEONTIC for c in token.children):
                continue
            passive = any(c.dep_ == "auxpass" or (c.dep_ == "aux" and c.lemma_ == "be") for c in token.children)
            if passive and token.tag_ in {"VBN", "VBG"}:
                return True
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            duty = any(c.dep_ == "aux" and c.lower_ in DUTY for c in token.children)  # active "cannot" tells ability
            acts_on = any(c.dep_ in {"dobj", "attr", "oprd"} or (c.dep_ == "prep" and c.lower_ == "at")
                          for c in token.children)  # "pressure must not ease" wants it kept; "sovereignty must
            # not become a bargaining chip", "aid must not come at the price of silence" are against it
            if duty and acts_on and token.tag_ == "VB" and subjects \
                    and not any(c.lower_ in FIRST_PERSON or own_side(c) for c in subjects):
                return True
            if duty and token.tag_ == "VB" and subjects and any(c.dep_ in {"attr", "oprd"} for c in token.children) \
                    and token.lemma_ != "be":
                return True  # "our fishing rights must not become a bargaining chip": the side's thing as well
        return False

    def _refused(self, doc: Doc, start: int, end: int) -> bool:
        """"Serbia would never recognise the declaration", "we will not sign", "there will be no amnesty":
        a party saying what it will not do, or that a thing will not be, refuses it (the guide's "would not
        supply" is a rejection), read from the parse rather than from a list of refused verbs. What was not
        done ("did not sign") is a fact, what cannot be done ("cannot be redrawn") an opposition, and a
        denied threat ("we will not stand by") or a harm denied by a thing ("blaming will not help") no refusal."""
        for token in doc[start:end]:
            if token.pos_ not in {"VERB", "AUX"} or token.dep_ in EMBEDDED or token.dep_ == "aux":
                continue
            head = token.head if token.dep_ == "conj" else token  # "would keep X closed and would not host"
            auxes = [c for c in token.children if c.dep_ == "aux"] or [c for c in head.children if c.dep_ == "aux"]
            no_longer = self._no_longer(token, auxes)
            if not any(c.lower_ in FUTURE for c in auxes) and not no_longer:
                continue
            if not no_longer and not any((c.dep_ == "neg" and c.lower_ in NEGATION_WORDS)
                                         or (c.dep_ == "nsubj" and c.lower_ in {"nobody", "no one"})
                                         for c in token.children):  # "nobody will take our land"
                if not (token.lemma_ == "be" and self._nothing_of(token)):
                    continue
            elif token.lemma_ == "be" or token.lemma_.lower() in self.lexicon.threat_verbs \
                    or not self._refusable(token) or self._harm_let(token):
                continue
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "expl"}] or \
                [c for c in head.children if c.dep_ in {"nsubj", "expl"}]
            if subjects and all(c.dep_ == "expl" or animate(c) for c in subjects):
                return True
        return False

    @staticmethod
    def _no_longer(verb: Token, auxes: list[Token]) -> bool:
        """"His country could no longer host new arrivals", "we can not accept them any longer": what a
        side says it can no longer do it refuses from now on (the guide's rejects), where a bare "cannot"
        tells ability ("people cannot vote there")."""
        words = {t.lower_ for c in verb.children if c.dep_ in {"neg", "advmod"} for t in c.subtree}
        return any(c.lower_ in {"can", "could", "ca"} for c in auxes) and bool(words & {"longer", "anymore"}) \
            and bool(words & {"no", "not", "n't"})

    @staticmethod
    def _refusable(verb: Token) -> bool:
        """A refusal has a thing refused ("would not host refugee camps"); "we will not retreat" describes
        the speaker, and denying a harm ("I will not abandon them") is a commitment, not a refusal."""
        objects = [c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]
        if not objects:
            return False
        words = [verb.text] + [t.text for c in objects for t in c.subtree
                               if not any(a.dep_ in {"relcl", "acl"} and a.i != c.i and a in c.subtree
                                          for a in (t, *t.ancestors))]
        # the thing refused, less what a clause tells of it: "would never recognise a government that
        # jails its opponents" refuses the government; the jailing describes it
        return polarity(" ".join(words)) > -POLARITY_THRESHOLD

    @staticmethod
    def _nothing_of(verb: Token) -> bool:
        """"there will be no amnesty": the existential denied by its determiner."""
        return any(c.dep_ == "expl" for c in verb.children) and any(
            c.dep_ in {"attr", "nsubj"} and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in verb.children)

    def _threatened(self, doc: Doc, start: int, end: int) -> bool:
        """"Any step in Varosha would poison these talks", "we will respond at a time of our choosing":
        what will or would happen, told as harm or as a forceful response, cautions about consequences."""
        for token in doc[start:end]:
            if token.pos_ not in {"VERB", "AUX"} or token.dep_ in EMBEDDED:
                continue
            head = token.head if token.dep_ == "conj" else token  # "will be found and punished"
            if not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL for c in head.children) \
                    or negated(token):
                continue
            if token.lemma_.lower() in self.lexicon.threat_verbs:
                return True
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if token.lemma_.lower() in self._trigger_words and any(animate(c) for c in subjects):
                continue  # "Hungary would challenge the ban" is its opposition; "a dispute could hurt" warns
            if not any(c.dep_ in AFFECTED for c in token.children):
                continue  # "they will fail" affects nobody
            lo = min([c.left_edge.i for c in token.children if c.dep_ not in {"nsubj", "nsubjpass", "mark", "advcl"}] + [token.i])
            hi = max([c.right_edge.i + 1 for c in token.children if c.dep_ not in {"advcl", "conj", "cc"}] + [token.i + 1])
            words = [t.text for t in doc[max(lo, start):min(hi, end)]
                     if not (t.dep_ in {"nsubj", "nsubjpass"} and t.head.i == token.i)]
            if polarity(" ".join(words)) <= -POLARITY_THRESHOLD:
                return True
        return False

    def _restraint_ends(self, doc: Doc, start: int, end: int) -> bool:
        """"Our patience is running out", "that patience is not unlimited", "restraint has its limits":
        a restraint noun as the subject of a predicate of ending (stance.ttl) cautions about what follows.
        A predicate adjective counts when denied ("not unlimited") or when it says the end ("thin")."""
        for token in doc[start:end]:
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.lemma_.lower() not in self.lexicon.restraint:
                continue
            verb = token.head
            predicates = [verb, *(c for c in verb.children if c.dep_ in {"acomp", "attr", "dobj", "prt", "advmod"})]
            for word in predicates:
                if word.lemma_.lower() not in self.lexicon.ending:
                    continue
                if word.lower_ in {"unlimited", "infinite", "endless"} and not (negated(word) or negated(verb)):
                    continue
                return True
        return False

    def _own_act(self, doc: Doc, start: int, end: int, side: frozenset[str] = frozenset()) -> str:
        """"Turkey said it backed the plan fully", "she said her government endorsed the text": a speech
        act of stance.ttl (dg:act) told of the speaker's side in the content is the speaker's act, as it
        would be as the cue; told of a named party it is a claim about that party."""
        for token in doc[start:end]:
            label = self.lexicon.acts.get(token.lemma_.lower(), "")
            if not label or token.pos_ != "VERB" or token.dep_ not in {"ROOT", "ccomp", "conj"} or negated(token):
                continue
            head = token.head if token.dep_ == "conj" else token
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if subjects and all(c.pos_ == "PRON" or own_side(c) or named_side(c, side) for c in subjects):
                return label
        return ""

    def _intended(self, doc: Doc, start: int, end: int, institution: bool = False,
                  side: frozenset[str] = frozenset()) -> bool:
        """"We will host the next round", "his government would keep its arrangement": the speaker's side
        saying what it will do announces a course of action (the guide's supports), unless it only waits,
        looks or weighs ("we will look at all the options" is noncommittal). "It" is the speaker's side
        when the speaker is an institution ("the Treasury said it would extend the licence")."""
        selves = SELF | {"it"} if institution else SELF
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ not in {"ROOT", "ccomp", "conj"}:
                continue
            head = token.head if token.dep_ == "conj" else token
            if not any(c.dep_ == "aux" and c.lower_ in INTENT for c in head.children) or negated(token):
                continue
            ours = any(c.dep_ == "nsubj" and (c.lower_ in selves or (own_side(c) and c.pos_ == "NOUN")
                                              or named_side(c, side)) for c in head.children)
            if ours and token.lemma_.lower() not in self.lexicon.noncommittal:
                return True
        return False

    @staticmethod
    def _needs(doc: Doc, start: int, end: int) -> bool:
        """"Ukraine needs Patriots now", "we need fuel": needing a thing is asking for it, and needing
        another party to act ("we need every donor to deliver") asks that it be done."""
        def asked(clause: Token) -> bool:  # a party asked to act, not a named thing's purpose ("we need
            # Tomahawk to protect our country" tells what the thing is for)
            return clause.dep_ in {"ccomp", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) \
                and any(c.dep_ == "nsubj" and (c.pos_ != "PROPN" or c.ent_type_ in ANIMATE) for c in clause.children)
        return any(t.lemma_ == "need" and t.pos_ == "VERB" and any(c.dep_ == "dobj" or asked(c) for c in t.children)
                   and not negated(t) for t in doc[start:end])

    def read(self, doc: Doc, start: int, end: int, entry: CueEntry | None, cue: Token | None,
             content_kind: str, topics: tuple[str, ...] | list[str]) -> StanceReading:
        """The speaker's stance in tokens [start, end) of a statement made with `cue`."""
        end = self._own_end(doc, start, end)
        contrasted = contrast_span(doc, start, end)
        side = speaker_side(doc, cue)
        content, source = self._content(doc, start, end, contrasted, _institution(cue), side, speaker_bodies(cue))
        if contrasted and source == "trigger":
            source = "contrast"
        act, act_source = self._act(doc, start, end, entry, cue, topics, side)
        if not act and entry is not None and content_kind == "infinitive" \
                and entry.lemma.lower() in self.lexicon.consent and (cue is None or not negated(cue)):
            act, act_source = "supports", "act"  # "agreed to reopen two checkpoints": agreeing to a course
        if act == "warns" and content == "neutral" and self._hedged(doc, start, end):
            return self._reading("neutral", "hedge", contrasted)  # "warned that the talks might slip"
        bids = act_source == "appeal" or (act == "requests" and content_kind == "infinitive")
        if bids and content in {"opposes", "rejects"} and source == "trigger":
            # "urged both sides to avoid unilateral steps", "asked the EU to suspend the rule": the words
            # name what the speaker asks others to avoid or call off, not the speaker's own refusal
            content = "neutral"
        if act and PRECEDENCE.index(act) <= (PRECEDENCE.index(content) if content in PRECEDENCE else len(PRECEDENCE)):
            return self._reading(act, act_source, contrasted)
        if content == "neutral" and cue is not None:
            condition = self._condition_of(doc, start, end, cue)
            if condition:  # "ready to close its checkpoints “if the balloons do not stop”": the quoted condition
                return self._reading(condition, "conditional", contrasted)
            carried = self._elaborated(doc, cue)
            if carried:  # "voiced concern over the decision, saying the licence rewarded ...": the act stands
                return self._reading(carried, "carried", contrasted)
        if content == "neutral":
            words = " ".join(t.text for t in doc[start:end] if not anothers_view(t, start, end))
            score = polarity(words)
            quoted = (start > 0 and doc[start - 1].is_quote) or (end < len(doc) and doc[end].is_quote)
            fragment = quoted and not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end])  # a label: "a smokescreen"
            threshold = POLARITY_THRESHOLD if content_kind == "as" or fragment else STATED_THRESHOLD
            denial = content_kind != "as" and any(t.dep_ == "neg" for t in doc[start:end])
            if abs(score) >= threshold and not denial:  # VADER misreads "did not want to escalate the war"  # "described the talks as candid and productive"
                return self._reading("supports" if score > 0 else "opposes", "polarity", contrasted)
        return self._reading(content, source, contrasted)

    def _condition_of(self, doc: Doc, start: int, end: int, cue: Token) -> str:
        """Words that are only the condition of the speaker's reported clause ("Vilnius was ready to close
        its checkpoints “if the balloons do not stop”", the quoted "if" clause taken as the statement) are
        read with the clause they condition: the guide's conditional threat is the two together."""
        root = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
        if root is None or root.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS
                                                           for c in root.children):
            return ""
        main = root.head
        if main.i == cue.i or cue not in main.ancestors or main.left_edge.i <= cue.i < end:
            return ""
        return self._conditional(doc, main.left_edge.i, end)

    def _elaborated(self, doc: Doc, cue: Token) -> str:
        """The stance of the act a participial cue elaborates: in "voiced concern over the decision, saying
        the licence rewarded the government" or "welcomed the deal, adding that ...", "saying" tells the
        content of the act before it, so the act's stance (its trigger words, the verb's own act) holds
        for words that take none of their own (the guide: the cue verb carries stance)."""
        act = cue.head
        if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "xcomp", "conj"} or act.pos_ != "VERB" or act.i > cue.i \
                or negated(act):
            return ""
        lo = act.left_edge.i
        labels = self.triggered(doc, lo, cue.left_edge.i if cue.left_edge.i > act.i else cue.i)
        own = self.lexicon.acts.get(self.lemma(act), "")
        label = strongest(labels | ({own} if own else set()))
        return label if label in ATTITUDES else ""  # "rejected the report, saying it was flawed" gives the
        # reason for the refusal, which is no refusal of its own

    def _own_end(self, doc: Doc, start: int, end: int) -> int:
        """Where the statement's own words stop: a clause inside the span in which another speaker speaks
        ("the venue had not been chosen, while her deputy warned of grave consequences") is that
        speaker's, and its words must not colour this statement's stance."""
        for token in doc[start + 1:end]:
            if token.dep_ not in {"advcl", "conj", "parataxis"} or token.lemma_.lower() not in self._cue_verbs:
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if subjects and all(c.pos_ in {"NOUN", "PROPN"} for c in subjects) and token.left_edge.i > start \
                    and self._speaks(token):
                cut = token.left_edge.i
                while cut > start + 1 and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc"):
                    cut -= 1
                return cut
        return end

    def _speaks(self, verb: Token) -> bool:
        """The cue verb carries content as cues.ttl says it takes it: a clause ("warned that ..."), an
        infinitive, an object ("condemned the visit"), a characterisation ("called them a sham") or its
        particle's object ("warned of ..."); "once the
        allies agreed on the targets" tells an event, not speech."""
        takes = self._cue_takes.get(verb.lemma_.lower(), {})
        for child in verb.children:
            if child.dep_ == "ccomp" and "clause" in takes.get("", ()) \
                    or child.dep_ == "xcomp" and "infinitive" in takes.get("", ()) \
                    or child.dep_ == "dobj" and "object" in takes.get("", ()) \
                    or child.dep_ in {"oprd", "dobj"} and "as" in takes.get("", ()) \
                    or child.dep_ == "prep" and "object" in takes.get(child.lower_, ()):
                return True
        return False

    def _act(self, doc: Doc, start: int, end: int, entry: CueEntry | None, cue: Token | None,
             topics: tuple[str, ...] | list[str], side: frozenset[str] = frozenset()) -> tuple[str, str]:
        """The stance the speech act itself carries; an appeal is a request when it asks for something given
        or done for the speaker's side ("urged India to meet China halfway", said for China)."""
        if entry is None:
            return "", ""
        lemma = entry.lemma.lower()
        if cue is not None and negated(cue):
            return "", ""
        if lemma in self.lexicon.appeals and entry.stance in {"supports", "requests"}:  # not "called X Y"
            gives = any(t.lemma_.lower() in self.lexicon.transfer or
                        (t.dep_ in {"dobj", "pobj", "dative"} and (named_side(t, side) or t.lower_ in {"us", "me"}))
                        or (t.dep_ == "poss" and t.lower_ in {"our", "my"}) or (t.ent_type_ == "NORP" and t.dep_ == "amod"
                                                                             and state_named(t.text) in side)
                        for t in doc[start:end])  # "urged Moscow to return our children": done for the side
            wanted = any(t in self.lexicon.request_topics for t in topics)
            return ("requests" if gives or wanted else "supports"), "appeal"
        if entry.stance:
            return entry.stance, "act"
        if lemma in self.lexicon.restatement:  # "reaffirmed that the consensus remained the reference"
            words = " ".join(t.text for t in doc[start:end])
            return ("supports", "act") if polarity(words) > -POLARITY_THRESHOLD else ("", "")
        act = self.lexicon.acts.get(lemma, "")
        return act, ("act" if act else "")

    def _speculative(self, doc: Doc, start: int, end: int) -> bool:
        """The words' main clause only speculates: its predicate is a hedge ("the chances are slim", "a
        deal is possible") or carries one as its modal ("the talks may resume"). Praise or blame words
        inside it are what is speculated about, not the speaker's view (the guide's neutral)."""
        roots = [t for t in doc[start:end] if t.head.i == t.i or not start <= t.head.i < end]
        for root in roots[:1]:
            parts = [c for c in root.children if c.dep_ in {"acomp", "aux", "advmod"}]
            if root.pos_ == "ADJ":
                parts.append(root)
            return any(t.lower_ in self.lexicon.hedges for t in parts)  # "expected" is a view, not a hedge here
        return False

    def _hedged(self, doc: Doc, start: int, end: int) -> bool:
        return any(t.lower_ in self.lexicon.hedges or t.lemma_.lower() in self.lexicon.hedges for t in doc[start:end])

    @staticmethod
    def _reading(label: str, source: str, contrasted: tuple[int, int] | None) -> StanceReading:
        return StanceReading(label, source, CONFIDENCE.get(source, 0.6), contrasted)
