"""Quoted words that the page layout attributes, not a quote mark: block quotations, interview answers,
and headlines of the form "Quote – Speaker".

A block quotation is a paragraph without quote marks after a paragraph that ends on its cue ("In his
report he wrote:"); an interview answer is a paragraph opening "A:" and belongs to the person the
introduction takes up with "we spoke to her/him", else the one it named last before the first
question; a headline quote followed by a dash or colon and a noun phrase ("“The Red Sea will stay
dangerous” – a shipping chief") belongs to that noun phrase.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import ActorResolver, Resolution
from .cues import Cue
from .quotes import Quote
from .speakers import DOCUMENT_NOUNS, ISSUING_VERBS

_ANSWER = re.compile(r"^\s*A\s*[:.]\s+")
_QUESTION = re.compile(r"^\s*Q\s*[:.]\s+")
_AFTER_QUOTE = re.compile(r"^\s*[-–—:]\s+")
INTERVIEWEE_PRONOUNS = {"her", "him"}  # "we spoke to her": the introduction's person is the interviewee
INTERVIEWERS = {"we", "i"}
FIRST_PERSON = {"we", "our", "us", "ours", "i", "my", "me"}


@dataclass(frozen=True, slots=True)
class LayoutQuote:
    """Words the layout marks as one speaker's: a character range, who, and the token standing for the cue."""

    start: int
    end: int
    speaker: Resolution
    anchor: Token
    label: str


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            left = start + len(line) - len(line.lstrip())
            spans.append((left, start + len(line.rstrip())))
        start = end + 1
    return spans


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def block_quotations(text: str, doc: Doc, cues: list[Cue], quotes: list[Quote],
                     speaker_of: Callable[[Token | None], Resolution | None]) -> Iterator[LayoutQuote]:
    """The paragraphs after "... he wrote:" / "the two governments said:" that hold no quote marks of
    their own: each is one direct statement of that speaker (the guide, sections 1 and 5: one record per
    quoted stretch, a block quotation is direct). The block runs on while the layout or the voice says so
    (`_block_goes_on`)."""
    paragraphs = _paragraphs(text)
    for index, (start, end) in enumerate(paragraphs[:-1]):
        if not text[start:end].endswith(":"):
            continue
        cue = next((c for c in cues if start <= c.token.idx < end and c.content is None
                    and c.token.sent.end_char >= end - 1), None)
        anchor, subject, label = (cue.token, cue.speaker, cue.label) if cue is not None else _issued_document(doc, end)
        speaker = speaker_of(subject) if anchor is not None else None
        if anchor is None or speaker is None:
            continue
        block = paragraphs[index + 1:]
        for number, (block_start, block_end) in enumerate(block):
            if any(block_start <= q.outer_start < block_end for q in quotes):
                break
            if number and not _block_goes_on(text, doc, cues, (start, end), block[0], (block_start, block_end)):
                break
            yield LayoutQuote(block_start, block_end, speaker, anchor, label)


def _issued_document(doc: Doc, end: int) -> tuple[Token | None, Token | None, str]:
    """"The governments of A and B issued the following statement:": an introduction whose verb issues a
    document ends on the document, not on a speech verb; what follows is the issuers' text (the guide: a
    statement of an institution or a joint statement is its issuers')."""
    at = doc.char_span(end - 1, end, alignment_mode="expand")
    if at is None or not len(at):
        return None, None, ""
    root = at[0].sent.root
    if root.lemma_.lower() not in ISSUING_VERBS or not any(
            c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in root.children):
        return None, None, ""
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    return (root, subject, root.text) if subject is not None else (None, None, "")


def _indent(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    return start - line_start


NARRATIVE_TAGS = {"VBD", "VBN"}  # a reporter tells what happened in the past tense


def _block_goes_on(text: str, doc: Doc, cues: list[Cue], intro: tuple[int, int], first: tuple[int, int],
                   paragraph: tuple[int, int]) -> bool:
    """Whether a paragraph after a block quotation's first one still belongs to it.

    An indented block (deeper than its introduction) runs exactly as far as the indentation. A block set
    as plain paragraphs ends where the reporter's narration resumes: at a paragraph with a speech cue of
    its own that is not the speakers' first person ("Analysts said ...", but not "We call on ..."), or
    at one told wholly in the past tense with no first person ("The agreement was welcomed by ..."),
    since the quoted text speaks in the speaker's present and first person."""
    depth = _indent(text, first[0])
    if depth > _indent(text, intro[0]):
        return _indent(text, paragraph[0]) == depth
    start, end = paragraph
    if any(start <= c.token.idx < end and not (c.speaker is not None and c.speaker.lower_ in FIRST_PERSON)
           for c in cues):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    if any(t.lower_ in FIRST_PERSON for t in span):
        return True
    roots = [sent.root for sent in span.sents]
    narrative = all(root.tag_ in NARRATIVE_TAGS or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD"
                                                        for c in root.children) for root in roots)
    return not narrative


def _interviewer_speaks(pronoun: Token) -> bool:
    """"We spoke to her", "I asked him": the pronoun's verb has the interviewer ("we", "I") as subject."""
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    return any(c.dep_ == "nsubj" and c.lower_ in INTERVIEWERS for c in verb.children)


def _introduced_by_pronoun(doc: Doc, start: int, end: int,
                           person_of: Callable[[Token], Resolution | None]) -> Resolution | None:
    """The person an introduction names and then takes up with a pronoun ("X heads the commission. We
    spoke to her in Vientiane."): the named subject before the pronoun in its paragraph."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    pronoun = next((t for t in span if t.lower_ in INTERVIEWEE_PRONOUNS and t.dep_ in {"pobj", "dobj"}
                    and _interviewer_speaks(t)), None)
    if pronoun is None:
        return None
    subjects = (t for t in span if t.i < pronoun.i and t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN")
    return next((found for found in map(person_of, subjects) if found is not None), None)


def _reporters_summary(doc: Doc, start: int, end: int, cues: Sequence[Cue], quotes: Sequence[Quote]) -> bool:
    """An answer told by the reporter in the third person ("A: Nothing has been decided, she said."; a
    press-conference summary): a speech cue outside quote marks with a third-person subject, and no first
    person outside quote marks. Its statements are reported speech, read like any other paragraph; an
    interviewee's own answer speaks in the first person."""
    def quoted(char: int) -> bool:
        return any(q.outer_start <= char < q.outer_end for q in quotes)

    if not any(start <= c.token.idx < end and c.speaker is not None and c.speaker.lower_ not in FIRST_PERSON
               and not quoted(c.token.idx) for c in cues):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(t.lower_ in FIRST_PERSON and not quoted(t.idx) for t in span)


def interview_answers(text: str, doc: Doc, persons: list[tuple[int, Resolution]],
                      person_of: Callable[[Token], Resolution | None] | None = None,
                      cues: Sequence[Cue] = (), quotes: Sequence[Quote] = ()) -> Iterator[LayoutQuote]:
    """Paragraphs opening "A:" in a question-and-answer interview: the interviewee's own words. The
    interviewee is the person the introduction takes up with "we spoke to her/him", else the person it
    names last before the first question. An answer the reporter tells in the third person is no
    direct answer (`_reporters_summary`)."""
    paragraphs = _paragraphs(text)
    first_question = next((i for i, (s, e) in enumerate(paragraphs) if _QUESTION.match(text[s:e])), None)
    if first_question is None:
        return
    intro = paragraphs[first_question - 1] if first_question else None
    interviewee = _introduced_by_pronoun(doc, *intro, person_of) if intro and person_of else None
    before = [r for char, r in persons if char < paragraphs[first_question][0]]
    if not before:  # a transcript that names its interviewee only in a closing line ("The envoy, X, spoke to ...")
        last_turn = max(s for s, e in paragraphs if _QUESTION.match(text[s:e]) or _ANSWER.match(text[s:e]))
        before = [r for char, r in persons if char > last_turn][:1]
    if interviewee is None and not before:
        return
    interviewee = interviewee or before[-1]
    for start, end in paragraphs:
        match = _ANSWER.match(text[start:end])
        anchor = _token_at(doc, start)
        if match and anchor is not None and end > start + match.end() \
                and not _reporters_summary(doc, start, end, cues, quotes):
            yield LayoutQuote(start + match.end(), end, interviewee, anchor, "")


def headline_quote_speakers(text: str, doc: Doc, quotes: list[Quote],
                            resolver: ActorResolver) -> Iterator[LayoutQuote]:
    """"“Quote” – Speaker ..." in the first line: the noun phrase after the dash speaks."""
    first_line_end = text.find("\n") if "\n" in text else len(text)
    for quote in quotes:
        if quote.outer_end > first_line_end:
            break
        after = _AFTER_QUOTE.match(text[quote.outer_end:first_line_end])
        if after is None:
            continue
        at = quote.outer_end + after.end()
        # the chunk may hold the dash itself ("- Sudan's foreign minister"): the words from the name on
        chunk = next((c for c in doc.noun_chunks if c.start_char <= at < c.end_char), None)
        if chunk is not None and chunk.start_char < at:
            chunk = doc.char_span(at, chunk.end_char, alignment_mode="contract")
        found = resolver.resolve_span(chunk) if chunk is not None else None
        if found is not None and chunk is not None:
            yield LayoutQuote(quote.start, quote.end, found, chunk.root, "")
