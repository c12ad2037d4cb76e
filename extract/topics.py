"""Topics and stance of a statement, read from the ontology's labels and triggers."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import load_stance_triggers, load_topics, topic_ancestors

from .lexicon_match import PhraseIndex

# When several stances show, the strongest wins: a refusal outweighs a wish in the same words.
STANCE_PRIORITY = ("rejects", "warns", "opposes", "requests", "supports")


def _negated(token: Token) -> bool:
    """The trigger is denied: "did not rule out", "does not want", "must not", "no deal"."""
    if token.dep_ == "aux" and any(c.dep_ == "neg" for c in token.head.children):
        return True
    for candidate in (token, token.head):
        if any(child.dep_ == "neg" or child.lower_ in {"not", "never", "n't", "no"} for child in candidate.children):
            return candidate.i == token.i or token.dep_ in {"xcomp", "dobj", "prt", "acomp", "oprd"}
    return False


class TopicTagger:
    """Finds topic keys and the speaker's stance in a span of a parsed document."""

    def __init__(self, nlp: Language) -> None:
        topics = load_topics()
        self._topics = PhraseIndex(nlp, {label: key for key, entry in topics.items() for label in entry.labels})
        triggers = load_stance_triggers()
        self._stances = PhraseIndex(nlp, {phrase: stance for stance, phrases in triggers.items() for phrase in phrases})

    def topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """The most specific topics named in tokens [start, end), in order of first mention."""
        keys: list[str] = []
        for _, _, key in self._topics.matches(doc, start, end):
            if key not in keys:
                keys.append(key)
        broader = set().union(*(topic_ancestors(k) for k in keys)) if keys else set()
        return [k for k in keys if k not in broader]

    def stance(self, doc: Doc, start: int, end: int) -> str:
        """The strongest stance whose trigger appears un-negated in tokens [start, end)."""
        seen = {value for i, _, value in self._stances.matches(doc, start, end) if not _negated(doc[i])}
        if any(t.lemma_ == "need" and t.pos_ == "VERB" and any(c.dep_ == "dobj" for c in t.children)
               and not _negated(t) for t in doc[start:end]):
            seen.add("requests")  # "Ukraine needs Patriots now": needing a thing is asking for it
        for stance in STANCE_PRIORITY:
            if stance in seen:
                return stance
        return "neutral"
