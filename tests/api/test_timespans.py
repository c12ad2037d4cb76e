"""Time words of questions as inclusive ISO date ranges, relative ones read against a reference date."""
from __future__ import annotations

from datetime import date

import pytest

from diplograph.api.timespans import resolve, split_time

REFERENCE = date(2025, 10, 17)  # a Friday


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("since October", "2025-10-01", None),
    ("since November", "2024-11-01", None),  # the latest November not after the reference
    ("after October 2024", "2024-11-01", None),
    ("before June", None, "2025-05-31"),
    ("until June 2025", None, "2025-06-30"),
    ("in 2025", "2025-01-01", "2025-12-31"),
    ("in February", "2025-02-01", "2025-02-28"),
    ("in February 2024", "2024-02-01", "2024-02-29"),
    ("between March and June", "2025-03-01", "2025-06-30"),
    ("since 2025-10-10", "2025-10-10", None),
    ("since October 10", "2025-10-10", None),
    ("before 10 November 2024", None, "2024-11-09"),
    ("since November 10", "2024-11-10", None),  # the latest November 10 not after the reference
    ("last week", "2025-10-10", "2025-10-17"),
    ("in the past 3 days", "2025-10-14", "2025-10-17"),
    ("this week", "2025-10-13", "2025-10-17"),
    ("this month", "2025-10-01", "2025-10-17"),
    ("this year", "2025-01-01", "2025-10-17"),
    ("last month", "2025-09-17", "2025-10-17"),
    ("today", "2025-10-17", "2025-10-17"),
    ("yesterday", "2025-10-16", "2025-10-16"),
])
def test_time_phrases(phrase: str, start: str | None, end: str | None) -> None:
    period = resolve(phrase, REFERENCE)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(("question", "rest", "time"), [
    ("what did Trump say since October", "what did Trump say", "since October"),
    ("In 2025, what did Zelensky say", "what did Zelensky say", "In 2025"),
    ("who met whom", "who met whom", None),
    ("what did Trump say in Hungary", "what did Trump say in Hungary", None),  # a place is not a time
])
def test_the_time_phrase_is_split_off(question: str, rest: str, time: str | None) -> None:
    assert split_time(question) == (rest, time)
