"""Topics and stance of a statement, read from the ontology's labels and the stance lexicon.

Topic labels come from the SKOS scheme (ontology/topics.ttl). Generic words ("deal", "talks") are
context labels: they name a topic only when nothing specific is named beside them, and only the
topic the article leans to, so a "deal" in a trade story is not a peace deal. Words that lean on
their context take their sentence's topics. Stance is read by StanceReader (extract/stance.py).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import CueEntry, load_topics, topic_ancestors

from .cues import Cue, is_dependent
from .lexicon_match import PhraseIndex
from .records import Statement
from .stance import CONFIDENCE, StanceReader, StanceReading

MIN_LEANING = 2  # topic words a top concept needs before a generic word is read its way
DOMINANT_SHARE = 0.6  # a topic named by this share of the topic words is what the article is about
ANAPHORS = {"that", "this", "it", "same", "these", "those"}
NO_TOPIC = ""  # the value of a phrase that holds a label but names no topic ("peace and security")
CARRIERS = {"that", "this", "same"}  # anaphors that stand for what was just said, stance included


def top_concept(key: str) -> str:
    """The top concept a topic falls under ("tariffs" → "economic_pressure")."""
    ancestors = topic_ancestors(key)
    topics = load_topics()
    return next((a for a in ancestors if not topics[a].broader), key) if ancestors else key


def narrowest(keys: list[str]) -> list[str]:
    """The keys that say most: broader topics yield to their narrower ones, and a process (talks, a
    meeting) to what it is about ("talks on a truce" is about the truce)."""
    broader = set().union(*(topic_ancestors(k) for k in keys)) if keys else set()
    keys = [k for k in keys if k not in broader]
    topics = load_topics()
    if any(not topics[k].process for k in keys):
        keys = [k for k in keys if not topics[k].process]
    return keys


class TopicTagger:
    """Finds topic keys and the speaker's stance in a span of a parsed document."""

    def __init__(self, nlp: Language) -> None:
        topics = load_topics()
        labels = {label: key for key, entry in topics.items() for label in entry.labels}
        labels.update({phrase: NO_TOPIC for entry in topics.values() for phrase in entry.not_labels})
        self._topics = PhraseIndex(nlp, labels)
        context: dict[str, list[str]] = {}
        for key, entry in topics.items():
            for label in entry.context_labels:
                context.setdefault(label, []).append(key)
        self._context = PhraseIndex(nlp, {label: " ".join(sorted(keys)) for label, keys in context.items()})
        self.reader = StanceReader(nlp)
        self._counts: tuple[Doc | None, Counter[str], Counter[str]] = (None, Counter(), Counter())

    def _matches(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
        """Topic labels in tokens [start, end), less the phrases that hold a label but name no topic."""
        return [m for m in self._topics.matches(doc, start, end) if m[2] != NO_TOPIC]

    def _document_counts(self, doc: Doc) -> tuple[Counter[str], Counter[str]]:
        """How often the document names each topic, and each top concept by what it names other than
        processes (talks and meetings are about something else)."""
        if self._counts[0] is not doc:
            keys = Counter(key for _, _, key in self._matches(doc, 0, len(doc)))
            topics = load_topics()
            tops: Counter[str] = Counter()
            for key, n in keys.items():
                if not topics[key].process:
                    tops[top_concept(key)] += n
            self._counts = (doc, keys, tops)
        return self._counts[1], self._counts[2]

    def _resolve(self, doc: Doc, candidates: list[str]) -> str | None:
        """The topic a generic word names in this document: a subject the document names or leans to
        ("a deal" in a war story is a peace deal, in a trade story a trade deal), else a process the
        document names ("a deal" reached in talks on a dam is the talks' outcome)."""
        keys, tops = self._document_counts(doc)
        topics = load_topics()
        subjects = [k for k in candidates if not topics[k].process]
        if subjects and tops:
            best = max(subjects, key=lambda k: (2 * keys[k] + tops[top_concept(k)], k))
            leaning, n = tops.most_common(1)[0]
            if keys[best] or (top_concept(best) == leaning and n >= MIN_LEANING):
                return best
        processes = [k for k in candidates if topics[k].process and keys[k]]
        return max(processes, key=lambda k: (keys[k], k)) if processes else None

    def topics(self, doc: Doc, start: int, end: int) -> list[str]:
        """The most specific topics named in tokens [start, end), in order of first mention."""
        found = self._matches(doc, start, end)
        if not found:  # a generic word ("the proposal") stands for the specific topic when one is named
            for s, e, joined in self._context.matches(doc, start, end):
                key = self._resolve(doc, joined.split())
                if key:
                    found.append((s, e, key))
        found.sort()
        keys: list[str] = []
        for _, _, key in found:
            if key not in keys:
                keys.append(key)
        return narrowest(keys)

    def statement_topics(self, doc: Doc, tokens: tuple[int, int], cue: Cue, taken: set[int]) -> list[str]:
        """Topics of a statement's words; when the words lean on their context and name none, of the
        sentence around them (less other statements' words).

        Words lean on context when they only characterise ("described the talks as “constructive”"),
        name an act by a summary ("dismissed the move"), hang on the main clause ("..., saying ...")
        or point back ("we want that").
        """
        topics = self.topics(doc, *tokens)
        if topics:
            return topics
        if not self._leans_on_context(doc, tokens, cue):
            return self._dominant(doc)
        sent = doc[tokens[0]].sent
        cue_sent = cue.token.sent
        start, end = min(sent.start, cue_sent.start), max(sent.end, cue_sent.end)
        keys: list[str] = []
        i = start
        while i < end:  # runs of the sentence outside other statements
            j = i
            while j < end and j not in taken:
                j += 1
            keys += [k for k in self.topics(doc, i, j) if k not in keys]
            i = j + 1
        if keys:
            return keys
        return self.topics(doc, start, end) or self._dominant(doc)

    def _dominant(self, doc: Doc) -> list[str]:
        """The topic the document is about, when one stands out: most of its topic words name it."""
        keys, _ = self._document_counts(doc)
        total = sum(keys.values())
        if not total:
            return []
        key, n = keys.most_common(1)[0]
        return [key] if n / total >= DOMINANT_SHARE else []

    @classmethod
    def _leans_on_context(cls, doc: Doc, tokens: tuple[int, int], cue: Cue) -> bool:
        return cue.content_kind in {"as", "object"} or is_dependent(cue.token) or cls._points_back(doc, tokens)

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
