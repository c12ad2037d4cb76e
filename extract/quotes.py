"""Find quoted passages by their marks, at character level, before any parsing.

Quote marks are read as news uses them: curly and straight double quotes (a straight opening mark
may close with a curly one), «guillemets», a quote that runs over several paragraphs (each new
paragraph reopens it and only the last one closes it: one passage a paragraph, marked as continuing),
and unbalanced marks, which end at the paragraph's end rather than swallowing the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

OPENERS = {"“": "”", "„": "”", "«": "»", '"': '"'}
CLOSERS = {"”", "»", '"'}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted passage: `start`/`end` span the inner words, `outer_*` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool  # False when the paragraph ended before a closing mark
    continues: bool = False  # reopens the paragraph after an unclosed quote: the same speaker goes on

    def words(self, text: str) -> str:
        return text[self.start:self.end]


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _paragraph_end(text: str, i: int) -> int:
    newline = text.find("\n", i)
    return len(text) if newline < 0 else newline


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage of `text`, in order; paragraphs of one running quote are merged."""
    quotes: list[Quote] = []
    i = 0
    n = len(text)
    limit = -1  # the end of the paragraph i is in, found once per paragraph, not once per quote
    while i < n:
        ch = text[i]
        if ch in OPENERS and (ch != '"' or _straight_opens(text, i)):
            closer = OPENERS[ch]
            if i >= limit:
                limit = _paragraph_end(text, i)
            j = i + 1
            while j < limit and not (text[j] == closer or (closer in {"”", '"'} and text[j] in {'"', "”"})):
                j += 1
            closed = j < limit
            start, end = _trim(text, i + 1, j)
            if end > start:
                quotes.append(Quote(start, end, i, j + 1 if closed else j, closed))
            i = j + 1
            continue
        i += 1
    quotes += _headline_single_quotes(text, quotes)
    return _mark_running_quotes(text, sorted(quotes, key=lambda q: q.start))


_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(:—–-]))(['‘])(?=\w)(.+?)(?<=[\w.!?,…])['’](?=[\s,.:;!?)—–-]|$)")


def _headline_single_quotes(text: str, found: list[Quote]) -> list[Quote]:
    """Single-quoted words in the first line: headlines quote with ‘...’ ("Trump says Kyiv should ‘make a deal’").

    Only in the headline: in body text a single mark is far more often an apostrophe.
    """
    first_line = text.split("\n", 1)[0]
    quotes = []
    for match in _SINGLE.finditer(first_line):
        start, end = match.start(2), match.end(2)
        if not any(q.outer_start <= start < q.outer_end for q in found):
            quotes.append(Quote(start, end, match.start(1), end + 1, True))
    return quotes


def _mark_running_quotes(text: str, quotes: list[Quote]) -> list[Quote]:
    """Mark the quote that reopens the paragraph after an unclosed one (news convention for a quotation
    running over paragraphs): it continues the same speaker, as its own record (the guide: one record
    per quoted stretch)."""
    marked: list[Quote] = []
    for quote in quotes:
        if marked and not marked[-1].closed:
            between = text[marked[-1].outer_end:quote.outer_start]
            if between.strip() == "" and "\n" in between:
                quote = replace(quote, continues=True)
        marked.append(quote)
    return marked
