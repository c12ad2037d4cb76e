"""Events, dates, triples and claims about others' positions, on text written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.extract.dates import parse_anchor, resolve_date
from diplograph.extract.document import document_from_text


@pytest.fixture()
def extract_all(extractor):
    def run(text: str, published: str = ""):
        return extractor.extract(document_from_text(text, name="facts.txt", published=published))
    return run


@pytest.mark.parametrize(("phrase", "future", "expected"), [
    ("on Friday", False, "2025-10-17"),
    ("on Friday", True, "2025-10-24"),
    ("last Saturday", False, "2025-10-11"),
    ("next Monday", False, "2025-10-20"),
    ("yesterday", False, "2025-10-17"),
    ("October 17", False, "2025-10-17"),
    ("17 October 2024", False, "2024-10-17"),
    ("in the next few weeks", True, ""),
])
def test_relative_dates_resolve_against_the_article_date(phrase: str, future: bool, expected: str) -> None:
    assert resolve_date(phrase, date(2025, 10, 18), future=future) == expected


def test_no_article_date_means_no_guess() -> None:
    assert parse_anchor("") is None and parse_anchor("not a date") is None
    assert resolve_date("on Friday", None) == ""


def test_meeting_with_participants_place_and_date(extract_all) -> None:
    extraction = extract_all("Donald Trump met Vladimir Putin in Budapest on Thursday.\n", published="2025-10-18")
    event = next(e for e in extraction.events if e.kind == "meeting")
    assert set(event.participants) == {"Donald Trump", "Vladimir Putin"}
    assert event.place == "Budapest" and event.date == "2025-10-16" and not event.planned


def test_planned_summit_is_marked_planned(extract_all) -> None:
    extraction = extract_all("Mr. Trump is preparing to meet Russian President Vladimir Putin in Hungary "
                             "in the next few weeks.\n", published="2025-10-18")
    event = next(e for e in extraction.events if e.kind == "meeting")
    assert set(event.participants) == {"Donald Trump", "Vladimir Putin"}
    assert event.planned and event.place == "Hungary" and event.date == ""
    assert "next few weeks" in event.date_text


def test_visit_and_triples(extract_all) -> None:
    extraction = extract_all("Ukrainian President Volodymyr Zelensky visited the White House on October 17.\n"
                             "Ukraine lacked Tomahawk missiles.\n", published="2025-10-20")
    visit = next(e for e in extraction.events if e.kind == "visit")
    assert visit.participants[0] == "Volodymyr Zelensky" and visit.date == "2025-10-17"
    facts = {(t.subject, t.predicate, t.object) for t in extraction.triples}
    assert ("Volodymyr Zelensky", "visit", "the White House") in facts
    assert ("Ukraine", "lack", "Tomahawk missiles") in facts


def test_nested_position_is_a_claim_not_the_holders_statement(extract_all) -> None:
    extraction = extract_all('Mr Zelensky admitted that a ceasefire was hard, asserting that '
                             '"we want that, but Mr Putin does not".\n')
    speakers = {s.speaker for s in extraction.statements}
    assert speakers == {"Volodymyr Zelensky"}
    claim = next(c for s in extraction.statements for c in s.claims)
    assert (claim.holder, claim.stance) == ("Vladimir Putin", "opposes")


def test_dateline_is_not_part_of_the_statement(extract_all) -> None:
    extraction = extract_all("MOSCOW, Nov 3 (Reuters) - The Kremlin said the plan was unacceptable.\n")
    statement = extraction.statements[0]
    assert statement.speaker == "Kremlin" and "Reuters" not in statement.sentence.split(" - ")[-1]
    assert statement.text == "the plan was unacceptable" and statement.stance == "rejects"


def test_only_actors_that_records_use_are_returned(extract_all) -> None:
    extraction = extract_all("Observers say the statement was long. Envoy Jukka Virtanen said talks stalled.\n")
    assert [a.name for a in extraction.actors] == ["Jukka Virtanen"]
