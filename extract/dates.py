"""Resolve the dates news writes ("on Friday", "last Monday", "October 17", "next week") to ISO dates.

News dates are relative to the article's own date, so a date resolves only when the article's
publication date is known; "on Friday" points back in a report of the past and forward in a plan.
A statement's date is the date its sentence gives for the saying, else the article's own date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {name: i + 1 for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9


def parse_anchor(published: str) -> date | None:
    """The article's date, from an ISO date or timestamp; None when unknown or malformed."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def resolve_date(text: str, anchor: date | None, *, future: bool = False) -> str:
    """ISO date for a date expression, or "" when it cannot be pinned to a day."""
    phrase = text.lower().strip().rstrip(".")
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", phrase)
    if iso:
        return iso.group(0)
    month_day = re.search(r"\b([a-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b", phrase) or \
        re.search(r"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,9})(?:,? (\d{4}))?\b", phrase)
    if month_day:
        groups = month_day.groups()
        month_name, day = (groups[0], groups[1]) if groups[0].isalpha() else (groups[1], groups[0])
        if month_name in MONTHS:
            year = int(groups[2]) if groups[2] else (anchor.year if anchor else None)
            if year is None:
                return ""
            try:
                return date(year, MONTHS[month_name], int(day)).isoformat()
            except ValueError:
                return ""
    if anchor is None:
        return ""
    simple = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    for word, shift in simple.items():
        if re.search(rf"\b{word}\b", phrase):
            return (anchor + timedelta(days=shift)).isoformat()
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", phrase):
            if "next" in phrase or (future and "last" not in phrase):
                ahead = (index - anchor.weekday()) % 7 or 7
                return (anchor + timedelta(days=ahead)).isoformat()
            back = (anchor.weekday() - index) % 7
            if "last" in phrase and back == 0:
                back = 7
            return (anchor - timedelta(days=back)).isoformat()
    return ""


def statement_date(published: str, doc: Doc, start: int, end: int) -> str:
    """When a statement was made: the date its sentence gives outside the quoted words ("Peskov said on
    Monday that ..."), resolved against the article's date, else the article's date ("" when unknown).
    A date inside the quote is what the words are about, not when they were said."""
    anchor = parse_anchor(published)
    fallback = anchor.isoformat() if anchor else ""
    # the text's length from its last token: Doc.text rebuilds the whole text at every call
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if anchor is None or not 0 <= start < length:
        return fallback
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None:
        return fallback
    sentence = token[0].sent
    for ent in sentence.ents:
        if ent.label_ == "DATE" and (ent.end_char <= start or ent.start_char >= end):
            said = resolve_date(ent.text, anchor, future=False)
            if said and said <= anchor.isoformat():
                return said
    return fallback
