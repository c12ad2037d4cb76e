"""api/names.py on its own: names, aliases, plurals and typos matched against a small actor list."""
from __future__ import annotations

import pytest

from diplograph.api.names import NameBook, UnknownName, read_filters
from diplograph.graph.lookups import ActorRow
from diplograph.ontology.lexicon import load_topics

ACTOR = "https://w3id.org/diplograph/actor/"


def actor(slug: str, name: str, *aliases: str, statements: int = 1) -> ActorRow:
    return ActorRow(id=ACTOR + slug, name=name, type="Person", role="", wikidata="", aliases=aliases,
                    statements=statements)


BOOK = NameBook([actor("donald_trump", "Donald Trump", "Trump", "President Trump", statements=9),
                 actor("donald_tusk", "Donald Tusk", "Tusk"),
                 actor("senior_us_official", "senior US official")], load_topics())


@pytest.mark.parametrize(("typed", "name", "how"), [
    ("Donald Trump", "Donald Trump", "exact"),
    ("PRESIDENT TRUMP", "Donald Trump", "alias"),
    ("the senior US official", "senior US official", "exact"),
    ("Trump's", "Donald Trump", "alias"),
    (ACTOR + "donald_tusk", "Donald Tusk", "exact"),
])
def test_names_aliases_case_and_the(typed: str, name: str, how: str) -> None:
    found = BOOK.actor(typed)
    assert (found.label, found.how, found.note) == (name, how, None)


def test_a_typo_is_corrected_only_when_asked_and_said_so() -> None:
    with pytest.raises(UnknownName) as error:
        BOOK.actor("Trupm")
    assert error.value.suggestions[0] == "Donald Trump"
    found = BOOK.actor("Trupm", correct_typos=True)
    assert found.label == "Donald Trump" and found.how == "typo" and "did you mean 'Donald Trump'" in found.note


def test_a_name_near_two_actors_is_not_guessed() -> None:
    with pytest.raises(UnknownName) as error:
        BOOK.actor("Donald", correct_typos=True)
    assert {"Donald Trump", "Donald Tusk"} <= set(error.value.suggestions)


@pytest.mark.parametrize(("typed", "key", "how"), [
    ("tomahawk", "tomahawk", "exact"), ("Tomahawk missiles", "tomahawk", "alias"), ("tomahawks", "tomahawk", "plural"),
    ("a ceasefire", "ceasefire", "alias"), ("https://w3id.org/diplograph/topic/ceasefire", "ceasefire", "exact"),
])
def test_topics(typed: str, key: str, how: str) -> None:
    found = BOOK.topic(typed)
    assert (found.value, found.how) == (key, how)


def test_a_typo_in_a_plural_topic_is_near_its_singular() -> None:
    assert BOOK.topic("tomahwaks", correct_typos=True).value == "tomahawk"


def test_filters_use_exact_names_and_say_how_plurals_were_read() -> None:
    actor_value, topic_value, reread = read_filters(BOOK, actor="Tusk", topic="sanctions")
    assert (actor_value, topic_value, reread) == (ACTOR + "donald_tusk", "sanctions", [])
    _, topic_value, reread = read_filters(BOOK, actor=None, topic="drone")
    assert topic_value == "drones" and reread == []
    with pytest.raises(UnknownName):
        read_filters(BOOK, actor="Tsuk", topic=None)
