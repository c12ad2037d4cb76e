"""The parse and polarity readings every stance frame shares: negation, who holds a view, VADER.

Kept apart from the frames (extract/stance.py, extract/stance_implicit.py) so that both read the parse the
same way.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from diplograph.ontology.countries import find_country
from diplograph.ontology.lexicon import alias_index, load_stance_lexicon, normalize

FUTURE = {"will", "would", "shall", "'ll", "wo"}
NEGATION_WORDS = {"not", "never", "n't", "no"}
FIRST_PERSON = {"we", "i", "us", "our"}
PEJORATIVE_VALENCE = -2.0  # VADER's scale is -4..4; a firm blame word such as "hostile" is -1.8
POLARITY_THRESHOLD = 0.3  # |VADER compound| from which a characterisation counts as praise or criticism


@lru_cache(maxsize=1)


def _vader() -> SentimentIntensityAnalyzer:
    """VADER with the political blame words of stance.ttl (dg:pejorative) its general lexicon lacks, and
    without the words of the domain it misrates (dg:domainNeutral)."""
    analyzer = SentimentIntensityAnalyzer()
    lexicon = load_stance_lexicon()
    for word in lexicon.pejorative:
        analyzer.lexicon.setdefault(word, PEJORATIVE_VALENCE)
    for word in lexicon.domain_neutral:  # "crude" is oil here, not rudeness
        analyzer.lexicon.pop(word, None)
    return analyzer


def polarity(text: str) -> float:
    """VADER's compound polarity of `text`, from -1 (criticism) to 1 (praise)."""
    return float(_vader().polarity_scores(text)["compound"]) if text.strip() else 0.0


NEGATIVE_SUBJECTS = {"nobody", "no one", "none", "nothing", "neither"}
DEONTIC = {"can", "could", "must", "should", "may", "ca"}  # "cannot be redrawn", "must not be dictated"
SELF = {"we", "i", "he", "she"}  # the speaker, in their words or as reported ("it" is too often a thing)
POSSESSIVE_SELF = {"our", "my", "his", "her", "its", "their"}  # "his country would keep its border open"
HYPOTHETICAL = {"will", "would", "could", "'ll", "wo", "shall"}  # said of what is to come (not "might")
ANIMATE = {"PERSON", "ORG", "GPE", "NORP"}
PEOPLE = {"people", "ally", "partner", "family", "citizen", "civilian", "friend", "population"}  # held as a duty
EMBEDDED = {"relcl", "acl", "advcl", "amod", "pcomp"}  # clauses that describe a noun or a circumstance


def negated(token: Token) -> bool:
    """The trigger is denied: "did not rule out", "does not want", "must not", "no deal", "nobody should",
    "without reservation"."""
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True
    if prefixed_no(token):
        return True  # "non-interference", "non-aggression": the prefix denies the word
    if denied_by_its_noun(token):
        return True
    if token.dep_ == "amod" and any(c.dep_ == "det" and c.lower_ == "no" for c in token.head.children):
        return True  # "had no credible justification": the quality is denied with its noun
    if token.dep_ == "aux" and any(c.dep_ == "neg" or negative_subject(c) for c in token.head.children):
        return True
    for candidate in (token, token.head):
        if any(child.dep_ == "neg" or child.lower_ in NEGATION_WORDS or negative_subject(child)
               for child in candidate.children):
            return candidate.i == token.i or token.dep_ in {"xcomp", "dobj", "prt", "acomp", "oprd"}
    return False


def denied_by_its_noun(token: Token) -> bool:
    """"Had no intention of violating anyone's territory", "there is no plan to close the strait": a verb
    that completes a noun denied with "no" is denied with it."""
    if token.pos_ != "VERB" or token.dep_ not in {"pcomp", "acl", "xcomp"}:
        return False
    noun = token.head.head if token.dep_ == "pcomp" and token.head.dep_ == "prep" else token.head
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def prefixed_no(token: Token) -> bool:
    """The word carries the negating prefix "non-", as one token ("nonintervention" is its own word) or
    split by the tokenizer ("non", "-", "interference")."""
    doc, i = token.doc, token.i
    return token.lower_.startswith("non-") or (i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "non")


def negative_subject(token: Token) -> bool:
    return token.dep_ in {"nsubj", "nsubjpass"} and token.lower_ in NEGATIVE_SUBJECTS


def anothers_view(token: Token, start: int, end: int) -> bool:
    """The word lies in a relative clause whose own subject is another party ("the plan, which Moscow has
    rejected", "the sanctions, which critics call illegal"): that party's view, not the speaker's (the
    guide: the stance is the speaker's own). A pronoun as subject may be the speaker, and keeps it."""
    clause = next((a for a in (token, *token.ancestors) if a.dep_ == "relcl" and start <= a.i < end), None)
    if clause is None:
        return False
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(c.pos_ in {"NOUN", "PROPN"} and not own_side(c) for c in subjects):
        return True
    # "any partner that offered secure terms": the relative pronoun is the noun it hangs on, whose act
    # the clause tells to pick it out; "we, who have always backed the talks" keeps the speaker's
    # view, and so does a clause on a predicate noun, the speaker's own label ("the offer was a recycled
    # demand that ignores our rights"), and an aside set off by a comma ("the strikes, which were brutal")
    antecedent = clause.head
    edge = clause.left_edge.i
    if edge > 0 and clause.doc[edge - 1].text in {",", "—", "–", "("}:
        return False
    return any(c.tag_ in {"WDT", "WP"} for c in subjects) and antecedent.pos_ in {"NOUN", "PROPN"} \
        and antecedent.dep_ not in {"attr", "oprd", "acomp"} and not own_side(antecedent)


def animate(token: Token) -> bool:
    """A subject that can hold a view: a pronoun, a person, a body, a state ("Hanoi was concerned"), or a
    party named by its owner ("his country", "our government": reported speech names the speaker's side so)."""
    return token.pos_ in {"PRON", "PROPN"} or token.ent_type_ in ANIMATE or \
        (token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children))


def own_side(token: Token) -> bool:
    """The subject is the speaker's side as reported: "we", "he", or "his country", "its government"."""
    return token.lower_ in SELF or \
        (token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_SELF for c in token.children))


STATE_ENTITIES = {"GPE", "NORP"}


@lru_cache(maxsize=4096)
def state_named(text: str) -> str:
    """The state a name, a capital or an adjective stands for ("London", "Chinese", "the United States"):
    the gazetteer's state first (its aliases hold capitals such as "Washington"), then ISO data; "" if none."""
    entry = alias_index().get(normalize(text))
    if entry is not None and entry.type == "State":
        return entry.id
    country = find_country(text)
    return country.id if country is not None else ""


def _entity_text(token: Token) -> str:
    doc = token.doc
    return next((e.text for e in doc.ents if e.start <= token.i < e.end), token.text)


def cue_subjects(cue: Token | None) -> list[Token]:
    """The words naming the speaker: the cue's subject, or the object of "according to"."""
    if cue is None:
        return []
    return [c for c in cue.children if c.dep_ == "nsubj"] or \
        [g for c in cue.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]


def speaker_side(doc: Doc, cue: Token | None) -> frozenset[str]:
    """The states the speaker speaks for, read from the words that name the speaker: "The representative
    of the United Kingdom", "Chinese foreign ministry spokeswoman Liu Fang", or "its delegate" after "The
    United States ..." in the same sentence; for "she" or "it", the subject of the sentence before. The
    speaker's side named in the words ("London would table a draft") is then the speaker's own act, not a
    claim about another party (the guide, section 4)."""
    subjects = cue_subjects(cue)
    if len(subjects) == 1 and subjects[0].lower_ in {"he", "she", "it", "they"} and subjects[0].sent.start > 0:
        before = doc[subjects[0].sent.start - 1].sent  # "She urged ...": the subject of the sentence before
        subjects = [c for c in before.root.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
    states = set()
    for subject in subjects:
        lo, hi = subject.left_edge.i, subject.right_edge.i + 1
        states |= {state_named(e.text) for e in doc.ents
                   if e.label_ in STATE_ENTITIES and lo <= e.start and e.end <= hi}
        if any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in subject.children):
            sentence = subject.sent  # "The United States announced ..., its delegate said": its = that state
            states |= {state_named(e.text) for e in doc.ents if e.label_ in STATE_ENTITIES
                       and sentence.start <= e.start and e.end <= lo}
    return frozenset(states - {""})


def speaker_bodies(cue: Token | None) -> frozenset[str]:
    """The bodies named in the words that name the speaker, lowercased: "EU foreign policy chief Kaja
    Kallas" speaks for the EU, "NATO Secretary General Mark Rutte" for NATO, so "the EU would train
    ..." in their words is their own body's act."""
    # read by word, not by entity: NER often takes the whole "EU foreign policy chief Kaja Kallas" as a person
    return frozenset(t.lower_ for subject in cue_subjects(cue) for t in subject.subtree if t.pos_ == "PROPN")


def named_side(token: Token, side: frozenset[str]) -> bool:
    """The token names one of the speaker's states ("London" said by the United Kingdom's representative)."""
    return bool(side) and token.pos_ == "PROPN" and state_named(_entity_text(token)) in side
