"""Time words of a question ("since October", "last week", "in 2025", "this month") as a date range.

Relative words are read against a reference date that the caller chooses and reports: the ask
module uses the newest publication date in the store (an archive of last year's news asked about
"last week" means the last week of the archive), or today when no stored article is dated.
Ranges are inclusive ISO dates, the form the statements filters take.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = r"\d{4}-\d{2}-\d{2}"
_DAY = rf"(?:(?:{_MONTH}) \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?)"  # "November 10", "10 November 2025"
_POINT = rf"(?:{_ISO}|{_DAY}|(?:{_MONTH})(?: \d{{4}})?|\d{{4}})"
# The time phrases understood, at the end of a question or at its start followed by a comma.
TIME_PHRASE = (
    rf"(?:since|after|from|before|until) {_POINT}"
    rf"|between {_POINT} and {_POINT}"
    rf"|in {_POINT}"
    r"|(?:last|this|past) (?:week|month|year)"
    r"|(?:in|over) the (?:last|past) (?:week|month|year|\d+ days)"
    r"|today|yesterday"
)
_AT_END = re.compile(rf"^(?P<rest>.+?),? (?P<time>{TIME_PHRASE})$", re.IGNORECASE)
_AT_START = re.compile(rf"^(?P<time>{TIME_PHRASE}),? (?P<rest>.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive range of publication dates; either end open (None)."""

    phrase: str
    start: str | None
    end: str | None


def split_time(question: str) -> tuple[str, str | None]:
    """The question without its time phrase, and the phrase (None when it has none)."""
    for pattern in (_AT_END, _AT_START):
        match = pattern.match(question)
        if match:
            return match["rest"].strip(), match["time"]
    return question, None


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _point(words: str, reference: date) -> tuple[date, date]:
    """The first and last day a date, month (the latest one not after `reference`) or year names."""
    words = words.strip().lower()
    if re.fullmatch(_ISO, words):
        day = date.fromisoformat(words)
        return day, day
    if re.fullmatch(r"\d{4}", words):
        return date(int(words), 1, 1), date(int(words), 12, 31)
    words = words.replace(",", "")
    day_match = re.fullmatch(rf"(?:(?P<m1>{_MONTH}) (?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH}))(?: (?P<y>\d{{4}}))?", words)
    if day_match:
        month = MONTHS[day_match["m1"] or day_match["m2"]]
        day_number = int(day_match["d1"] or day_match["d2"])
        year = int(day_match["y"]) if day_match["y"] else reference.year
        day = date(year, month, day_number)
        if not day_match["y"] and day > reference:
            day = date(year - 1, month, day_number)
        return day, day
    name, _, year_text = words.partition(" ")
    month = MONTHS[name]
    year = int(year_text) if year_text else (reference.year if month <= reference.month else reference.year - 1)
    return _month_start(year, month), _month_end(year, month)


def resolve(phrase: str, reference: date) -> Period:
    """The dates `phrase` covers, relative words read against `reference`."""
    words = re.sub(r"\s+", " ", phrase.strip().lower())
    head, _, rest = words.partition(" ")
    start: date | None
    end: date | None
    if words == "today":
        start = end = reference
    elif words == "yesterday":
        start = end = reference - timedelta(days=1)
    elif head in ("since", "after", "from"):
        first, last = _point(rest, reference)
        start, end = (last + timedelta(days=1) if head == "after" else first), None
    elif head in ("before", "until"):
        first, last = _point(rest, reference)
        start, end = None, (first - timedelta(days=1) if head == "before" else last)
    elif head == "between":
        left, right = rest.split(" and ", 1)
        start, end = _point(left, reference)[0], _point(right, reference)[1]
    elif head == "this":
        end = reference
        start = {"week": reference - timedelta(days=reference.weekday()),
                 "month": reference.replace(day=1), "year": reference.replace(month=1, day=1)}[rest]
    elif head in ("last", "past") or words.startswith(("in the", "over the")):
        unit = words.rsplit(" ", 1)[-1] if not words.endswith("days") else words.split(" ")[-2]
        days = int(unit) if unit.isdigit() else {"week": 7, "month": 30, "year": 365}[unit]
        start, end = reference - timedelta(days=days), reference
    elif head == "in":
        start, end = _point(rest, reference)
    else:
        raise ValueError(f"not a time phrase: {phrase!r}")
    return Period(phrase=phrase, start=start.isoformat() if start else None, end=end.isoformat() if end else None)
