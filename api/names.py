"""Actor and topic names as people type them, matched to the stored actors and the topic scheme.

A filter (`/statements?speaker=`, `diplograph statements --topic`) or a question names an actor or
a topic loosely: another case, an alias ("Mr. Zelenskyy"), a plural ("tomahawks"), a leading "the"
("the Kremlin"), or a typo ("Zelenksy"). Case, aliases and plurals are matched whenever
they point to one actor or topic; a typo is only corrected where the caller allows it (questions
do, with a "did you mean" note; filters do not, they answer with the near names instead). A name
that matches nothing raises UnknownName with the nearest names, never a silent empty answer.
Near names are scored with rapidfuzz (edit-distance ratio over every name and alias).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rapidfuzz import fuzz, process

from diplograph.ontology.lexicon import TopicEntry, find_topic, load_topics, normalize
from diplograph.ontology.terms import TOPIC

if TYPE_CHECKING:
    from diplograph.graph.lookups import ActorRow
    from diplograph.graph.store import GraphStore

NameKind = Literal["actor", "topic"]
# How a name was matched: its canonical name, an alias or label, a plural, or a corrected typo.
How = Literal["exact", "alias", "plural", "typo"]
CORRECT_AT = 80.0  # ratio (0-100) from which the single nearest name is taken for a typo
SUGGEST_AT = 65.0  # ratio from which a name is offered as a suggestion
MAX_SUGGESTIONS = 5
_POSSESSIVE = re.compile(r"(?:'s|')$")


@dataclass(frozen=True, slots=True)
class NameMatch:
    """What a typed name was taken to mean."""

    kind: NameKind
    asked: str
    value: str  # actor IRI or topic key: what the lookups are given
    label: str  # canonical actor name or topic key, for people
    how: How

    @property
    def note(self) -> str | None:
        """A line telling the user how the name was read, when it was not read as typed."""
        if self.how == "typo":
            return f"{self.kind} {self.asked!r} is not known; did you mean {self.label!r}? Answered for {self.label!r}."
        if self.how == "plural":
            return f"{self.kind} {self.asked!r} read as {self.label!r}."
        return None


class UnknownName(LookupError):
    """A name that matches no actor or topic; `suggestions` holds the nearest names."""

    def __init__(self, kind: NameKind, asked: str, suggestions: Sequence[str], *, hint: str = "") -> None:
        self.kind = kind
        self.asked = asked
        self.suggestions = list(suggestions)
        near = f" Did you mean {' or '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"No {kind} named {asked!r} is known.{near}{(' ' + hint) if hint else ''}")


def _key(text: str) -> str:
    return _POSSESSIVE.sub("", normalize(text)).strip()


def _nearest(key: str, labels: dict[str, str], cutoff: float) -> list[tuple[str, float]]:
    """Canonical names whose labels are near `key`, best first, one entry per name."""
    best: dict[str, float] = {}
    for label, score, _ in process.extract(key, list(labels), scorer=fuzz.ratio, score_cutoff=cutoff, limit=40):
        name = labels[label]
        best[name] = max(best.get(name, 0.0), score)
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))


def _single_best(near: list[tuple[str, float]]) -> str | None:
    """The nearest name when it is near enough and clearly nearer than the next one."""
    if not near or near[0][1] < CORRECT_AT:
        return None
    if len(near) > 1 and near[1][1] > near[0][1] - 5:
        return None
    return near[0][0]


class NameBook:
    """The actors of a store and the topics of the scheme, by every name they go by."""

    def __init__(self, actors: Iterable[ActorRow] | Callable[[], Iterable[ActorRow]], topics: dict[str, TopicEntry],
                 resolve: Callable[[str], Sequence[object]] | None = None) -> None:
        self._load_actors = actors if callable(actors) else (lambda rows=list(actors): rows)
        self._actors: dict[str, ActorRow] | None = None
        self.topics = topics
        self._resolve = resolve
        self._topic_labels: dict[str, str] = {}
        for entry in topics.values():
            for label in (entry.key, entry.key.replace("_", " "), *entry.labels):
                self._topic_labels.setdefault(_key(label), entry.key)

    @property
    def actors(self) -> dict[str, ActorRow]:
        """Actor IRI -> row, read from the store on first use (a filter with a plain name never needs it)."""
        if self._actors is None:
            self._actors = {row.id: row for row in self._load_actors()}
            # Actors quoted in the store come first on a tie, so a name shared with a gazetteer-only
            # entry goes to the actor the articles talk about.
            ranked = sorted(self._actors.values(), key=lambda a: (-a.statements, a.name))
            self._actor_labels: dict[str, str] = {}
            self._actor_ids: dict[str, str] = {}
            for row in ranked:
                for label in (row.name, *row.aliases):
                    self._actor_labels.setdefault(_key(label), row.name)
                self._actor_ids.setdefault(row.name, row.id)
        return self._actors

    @classmethod
    def of(cls, store: GraphStore) -> NameBook:
        """Every actor of the store (the gazetteer's and those found in text) and the topic scheme."""
        return cls(lambda: store.actors(mentioned_only=False), load_topics(), resolve=store.resolve_actors)

    def known_actor(self, words: str) -> bool:
        """Whether the store itself resolves `words` to an actor it holds (one query, no actor list)."""
        if self._resolve is None or not words.strip():
            return False
        found = [str(iri) for iri in self._resolve(words.strip())]
        slug = re.sub(r"[^a-z0-9_]", "", words.strip())
        # resolve_actors turns a bare slug into an IRI without checking it exists: that one needs the list
        return bool(found) and not (len(found) == 1 and found[0].endswith("/" + slug))

    def actor(self, words: str, *, correct_typos: bool = False) -> NameMatch:
        """The actor `words` name; UnknownName (with the near names) when there is none."""
        text = words.strip()
        actors = self.actors
        if text in actors:
            return NameMatch("actor", words, text, actors[text].name, "exact")
        key = _key(text)
        name = self._actor_labels.get(key)
        if name is None and self._resolve is not None and text:
            # descriptors ("the Kremlin spokesman") and other labels the store resolves itself
            known = [str(iri) for iri in self._resolve(text) if str(iri) in actors]
            name = actors[known[0]].name if len(known) == 1 else None
        if name is not None:
            how: How = "exact" if key == _key(name) else "alias"
            return NameMatch("actor", words, self._actor_ids[name], name, how)
        near = _nearest(key, self._actor_labels, SUGGEST_AT) if key else []
        best = _single_best(near) if correct_typos else None
        if best is not None:
            return NameMatch("actor", words, self._actor_ids[best], best, "typo")
        raise UnknownName("actor", words, [n for n, _ in near[:MAX_SUGGESTIONS]],
                          hint="The API's GET /actors lists the known actors.")

    def topic(self, words: str, *, correct_typos: bool = False) -> NameMatch:
        """The topic key `words` name (labels, aliases, plurals); UnknownName with the near topics."""
        text = words.strip()
        if text.startswith(str(TOPIC)) and text[len(str(TOPIC)):] in self.topics:
            return NameMatch("topic", words, text[len(str(TOPIC)):], text[len(str(TOPIC)):], "exact")
        if text in self.topics:
            return NameMatch("topic", words, text, text, "exact")
        key = _key(text)
        found = self._topic_labels.get(key) or self._topic_labels.get(key.replace("_", " "))
        if found is not None:
            return NameMatch("topic", words, found, found, "alias")
        found = find_topic(text) if key else None
        if found is not None:
            return NameMatch("topic", words, found, found, "plural")
        near = _nearest(key, self._topic_labels, SUGGEST_AT) if key else []
        if not near and key.endswith("s"):  # a typo in a plural: "tomahwaks"
            near = _nearest(key[:-1], self._topic_labels, SUGGEST_AT)
        best = _single_best(near) if correct_typos else None
        if best is not None:
            return NameMatch("topic", words, best, best, "typo")
        suggestions = [n for n, _ in near[:MAX_SUGGESTIONS]]
        raise UnknownName("topic", words, suggestions,
                          hint="" if suggestions else f"Known topics: {', '.join(sorted(self.topics))}.")


def read_filters(book: NameBook, *, actor: str | None, topic: str | None) -> tuple[str | None, str | None, list[NameMatch]]:
    """The actor and topic filters as the lookups take them, and the names read otherwise than typed
    ("tomahawks" -> tomahawk). Typos are not corrected here: UnknownName carries the near names."""
    reread: list[NameMatch] = []
    if actor is not None and not book.known_actor(actor):
        actor = book.actor(actor).value
    if topic is not None:
        found = book.topic(topic)
        if found.note:
            reread.append(found)
        topic = found.value
    return actor, topic, reread
