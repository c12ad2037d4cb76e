"""Match lemmatised phrases from the ontology against parsed text.

Topic labels and stance triggers are written in their dictionary form; matching the lower-cased
lemmas (and, as a fallback, the lower-cased words) of the text lets "Tomahawks", "drones" and
"pressed" meet "Tomahawk", "drone" and "press" without a plural or tense table.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Token

Phrase = tuple[str, ...]
QUOTE_MARKS = {'"', "“", "”", "‘", "’", "'", "«", "»"}
# articles and possessive pronouns, passed over on both sides when asked: "strikes on our energy"
# meets "strike on energy", "the release of all the hostages" is not needed beside "release of hostages"
DETERMINERS = {"the", "a", "an", "its", "their", "our", "his", "her", "my", "your"}
# the hyphen of a compound, passed over when asked: "rare-earth" meets "rare earth", "build-up" "build up"
HYPHENS = {"-", "\u2010", "\u2011"}


def token_keys(token: Token) -> tuple[str, ...]:
    """The forms a token can match by: lower-cased lemma and word, and a name's singular ("Patriots")."""
    return _keys(token.lemma_.lower(), token.lower_, token.pos_ == "PROPN")


def _keys(lemma: str, lower: str, proper: bool) -> tuple[str, ...]:
    if proper and len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss"):
        return lemma, lower, lower[:-1]
    return lemma, lower


def phrase_forms(nlp: Language, texts: Iterable[str], skip: frozenset[str] = frozenset()) -> dict[str, set[Phrase]]:
    """Each text → the token sequences (lemmas and words) it may appear as, less the words in `skip`."""
    texts = list(texts)
    forms: dict[str, set[Phrase]] = {}
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
                                  if p in nlp.pipe_names]):
        for text, doc in zip(texts, nlp.pipe(texts)):
            words = [t for t in doc if not t.is_space and t.lower_ not in skip] or [t for t in doc if not t.is_space]
            forms[text] = {
                tuple(t.lemma_.lower() for t in words),
                tuple(t.lower_ for t in words),
            }
    return forms


class PhraseIndex:
    """Longest-match lookup of many phrases, each carrying a value (a topic key, a stance)."""

    def __init__(self, nlp: Language, phrases: dict[str, str], skip_determiners: bool = False,
                 skip_hyphens: bool = False) -> None:
        self._skip = frozenset(DETERMINERS if skip_determiners else ()) | frozenset(HYPHENS if skip_hyphens else ())
        self._by_first: dict[str, list[tuple[Phrase, str]]] = defaultdict(list)
        for text, forms in phrase_forms(nlp, phrases, self._skip).items():
            for form in forms:
                if form:
                    self._by_first[form[0]].append((form, phrases[text]))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        self._prepared: tuple[Doc | None, list[tuple[str, ...]], list[bool]] = (None, [], [])
        self._forms: dict[tuple[int, int, int], tuple[tuple[str, ...], bool]] = {}  # (lemma, word, pos) ids →

    def _tokens(self, doc: Doc) -> tuple[list[tuple[str, ...]], list[bool]]:
        """Each token's match keys and whether it is passed over, read once per document: the same
        document is matched many times (each statement, its sentence, the whole text)."""
        if self._prepared[0] is not doc:
            keys, passed = [], []
            strings = doc.vocab.strings
            for lemma, lower, pos in doc.to_array([LEMMA, LOWER, POS]).tolist():
                known = self._forms.get((lemma, lower, pos))
                if known is None:
                    word = strings[lower]
                    known = self._forms[(lemma, lower, pos)] = (
                        _keys(strings[lemma].lower(), word, pos == PROPN), word in QUOTE_MARKS or word in self._skip)
                keys.append(known[0])
                passed.append(known[1])
            self._prepared = (doc, keys, passed)
        return self._prepared[1], self._prepared[2]

    def matches(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, value) matches inside tokens [start, end), longest first.

        Quote marks inside a phrase are passed over: a speaker's words quoted mid-phrase
        (would end “badly”) still match the phrase ("end badly"); so are determiners when the index
        was built to skip them.
        """
        keys, passed = self._tokens(doc)
        positions = [i for i in range(start, end) if not passed[i]]
        found: list[tuple[int, int, str]] = []
        p = 0
        while p < len(positions):
            best: tuple[int, str] | None = None
            for key in set(keys[positions[p]]):
                for phrase, value in self._by_first.get(key, ()):
                    length = len(phrase)
                    if p + length <= len(positions) and (best is None or length > best[0]) and all(
                        phrase[k] in keys[positions[p + k]] for k in range(length)
                    ):
                        best = (length, value)
                        break
            if best:
                found.append((positions[p], positions[p + best[0] - 1] + 1, best[1]))
                p += best[0]
            else:
                p += 1
        return found
