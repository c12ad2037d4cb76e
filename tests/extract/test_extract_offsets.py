"""Offsets never lie: for every statement of generated articles, its text is the article's characters
at its spans (issue 11, item 7). Quotes split by their attribution ("...," she said, "...") and
clauses around a parenthetical cue come in pieces; each piece carries its own span.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.extract.document import document_from_text
from diplograph.extract.pipeline import Extractor
from diplograph.extract.records import TEXT_JOINER

SPEAKERS = ["Foreign Minister Andrii Sybiha", "Dmitry Peskov", "Chancellor Friedrich Merz", "the spokesman",
            "a senior European diplomat", "President Emmanuel Macron", "she", "he", "Mr Rubio"]
VERBS = ["said", "told reporters", "warned", "added", "insisted", "stressed"]
CLAUSES = ["Ukraine needs more air defence before winter", "the sanctions on Russian oil will stay in place",
           "talks in Geneva would resume next week", "nobody wants a frozen conflict",
           "Tomahawk missiles would be a serious escalation", "the ceasefire must hold"]
OPEN, CLOSE = st.sampled_from(['"', "“"]), st.sampled_from(['"', "”"])


@st.composite
def sentence(draw: st.DrawFn) -> str:
    who, verb = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(VERBS))
    first, second = draw(st.sampled_from(CLAUSES)), draw(st.sampled_from(CLAUSES))
    opener, closer = draw(OPEN), draw(CLOSE)
    form = draw(st.integers(0, 4))
    if form == 0:  # a quote split by its attribution
        return f"{opener}{first.capitalize()},{closer} {who} {verb}, {opener}and {second}.{closer}"
    if form == 1:  # quote first
        return f"{opener}{first.capitalize()},{closer} {who} {verb}."
    if form == 2:  # reported speech
        return f"{who[0].upper() + who[1:]} {verb} that {first}."
    if form == 3:  # a parenthetical cue
        return f"{first.capitalize()}, {who} {verb}, and {second}."
    return f"{who[0].upper() + who[1:]} {verb}: {opener}{first.capitalize()}.{closer}"


@st.composite
def article(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4), min_size=1, max_size=4))
    return "Talks in Geneva\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=article())
def test_every_statement_text_is_the_characters_at_its_spans(extractor: Extractor, text: str) -> None:
    document = document_from_text(text, name="generated.txt")
    extraction = extractor.extract(document)
    for statement in extraction.statements:
        pieces = statement.pieces
        assert all(0 <= start < end <= len(text) for start, end in pieces)
        assert all(a[1] <= b[0] for a, b in zip(pieces, pieces[1:])), "pieces are in order and apart"
        assert (statement.start, statement.end) == (pieces[0][0], pieces[-1][1])
        assert statement.text == TEXT_JOINER.join(text[start:end] for start, end in pieces), statement
        if len(pieces) == 1:
            assert statement.text == text[statement.start:statement.end]
        assert statement.to_json()["spans"] == [list(piece) for piece in pieces]


def test_a_split_quote_carries_both_spans(extractor: Extractor) -> None:
    text = ('Talks\n\n"Ukraine needs more air defence," Sybiha told reporters, "and the ceasefire must hold."\n')
    [statement] = [s for s in extractor.extract(document_from_text(text, name="split.txt")).statements
                   if s.kind == "direct"]
    assert [text[a:b] for a, b in statement.pieces] == ["Ukraine needs more air defence,", "and the ceasefire must hold."]
