"""Which cue a quote belongs to, and whether the quote is the statement or part of one.

A quote binds to the cue whose content it is (the parse links them), else to the cue beside it in
the same sentence ("“...,” Trump said", "Trump said: “...”"), never across a full stop. A short
quote inside a reported clause is a mixed quote; a quote that is most of the clause, or a whole verb
phrase, or the "as" of "described X as Y", is the statement itself.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from .cues import Cue, as_token, headline_end
from .quotes import Quote
from .records import Document

DIRECT_SHARE = 0.75  # a quote covering this share of a clause is the statement itself
CLAUSE_DEPS = {"advcl", "ccomp", "xcomp", "conj", "cc", "relcl", "parataxis"}


class CueIndex:
    """The cues of a document indexed by their token and by the start of their content, so that the
    cues near a quote or a token are found by bisection: asking every cue about every quote made
    attribution quadratic in the article's length. Answers are cue indices in ascending order."""

    def __init__(self, cues: list[Cue]) -> None:
        by_token = sorted((cue.token.i, ci) for ci, cue in enumerate(cues))
        self._token_keys = [i for i, _ in by_token]
        self._token_cues = [ci for _, ci in by_token]
        with_content = sorted((cue.content[0], ci) for ci, cue in enumerate(cues) if cue.content is not None)
        self._content_keys = [start for start, _ in with_content]
        self._content_cues = [ci for _, ci in with_content]
        self._longest = max((cue.content[1] - cue.content[0] for cue in cues if cue.content is not None), default=0)

    def with_token_in(self, start: int, end: int) -> list[int]:
        """Cues whose own token lies in [start, end)."""
        return sorted(self._token_cues[bisect_left(self._token_keys, start):bisect_left(self._token_keys, end)])

    def with_content_near(self, start: int, end: int) -> list[int]:
        """Cues whose content may overlap [start, end): it starts before `end`, no further back than the longest."""
        low = bisect_left(self._content_keys, start - self._longest)
        return sorted(self._content_cues[low:bisect_left(self._content_keys, end)])


@dataclass
class QuoteBinding:
    """Binds the quotes of one parsed document to its cues."""

    document: Document
    doc: Doc
    quotes: list[Quote]
    quote_tokens: list[tuple[int, int]]
    quoted: set[int]
    cues: list[Cue]

    def __post_init__(self) -> None:
        # token index → index of its sentence's first token: Token.sent rescans the parse on every call
        self.sentence_starts = [0] * len(self.doc)
        self.sentence_ends = [0] * len(self.doc)
        for sent in self.doc.sents:
            for i in range(sent.start, sent.end):
                self.sentence_starts[i] = sent.start
                self.sentence_ends[i] = sent.end
        self.index = CueIndex(self.cues)
        self._quote_starts = [quote.outer_start for quote in self.quotes]

    def overlaps(self, cue: Cue, tokens: tuple[int, int]) -> bool:
        return cue.content is not None and cue.content[0] < tokens[1] and tokens[0] < cue.content[1]

    def _adjacent(self, cue: Cue, quote: Quote, tokens: tuple[int, int]) -> bool:
        """The cue stands beside the quote in one sentence, with only its speaker and punctuation between."""
        cue_tok = cue.token
        starts = self.sentence_starts
        start_sent, end_sent, cue_sent = starts[tokens[0]], starts[max(tokens[1] - 1, tokens[0])], starts[cue_tok.i]
        if cue_tok.i >= tokens[1] and cue_sent == end_sent:
            between = self.doc[tokens[1]:cue_tok.i]
            if any(t.dep_ == "cc" and t.head.pos_ in {"VERB", "AUX"} and t.head.i != cue_tok.i for t in between):
                return False  # "dismissed it as “a smokescreen” and said ...": the quote is the first act's
        elif cue_tok.i < tokens[0] and cue_sent in {start_sent, end_sent}:
            between = self.doc[cue_tok.i + 1:tokens[0]]
            if any(t.text in {".", "!", "?"} for t in between):
                return False  # "... she said. “They will fail.”" is a new sentence, not a split quote
        else:
            return False
        speaker_side = {t.i for t in cue.speaker.subtree} if cue.speaker is not None else set()
        extra = [t for t in between if not (t.is_punct or t.is_space or t.i in speaker_side or t.i in self.quoted
                                            or t.head.i == cue_tok.i and t.dep_ in {"dobj", "dative", "advmod", "prep", "npadvmod"}
                                            or t.head.i in {a.i for a in cue.addressees} or t.dep_ in {"det", "compound", "aux"})]
        return len(extra) <= 2

    def _full_stop_between(self, cue: Cue, quote: Quote) -> bool:
        """A sentence ends between the cue and the quote (outside any quote marks)."""
        cue_char = cue.token.idx
        start, end = (quote.outer_end, cue_char) if cue_char >= quote.outer_end else (cue_char, quote.outer_start)
        gap = self.document.clean[start:end]
        first = bisect_left(self._quote_starts, start)
        for other in self.quotes[first:bisect_right(self._quote_starts, end)]:
            if start <= other.outer_start and other.outer_end <= end:
                gap = gap.replace(self.document.clean[other.outer_start:other.outer_end], " ")
        return any(mark + " " in gap or gap.rstrip().endswith(mark) for mark in ".!?") and cue_char < quote.outer_start

    def _is_constituent(self, tokens: tuple[int, int]) -> bool:
        """The quote is a whole verb phrase or clause (its only outside dependents are "to", aux, marks)."""
        start, end = tokens
        if not any(t.whitespace_ for t in self.doc[start:end - 1]):
            return False  # one word ("ASEAN-led") is a mixed quote's word, whatever tag its last part gets
        roots = [t for t in self.doc[start:end] if not (start <= t.head.i < end) and not t.is_punct]
        if len(roots) != 1 or roots[0].pos_ not in {"VERB", "AUX"} or roots[0].dep_ in {"amod", "compound", "nmod"}:
            return False  # a participle modifying a noun outside the quote is a mixed quote's words
        head = roots[0].head
        if roots[0].dep_ in {"advcl", "acl", "relcl"} and head.i != roots[0].i and not (start <= head.i < end) \
                and any(c.dep_ in {"nsubj", "nsubjpass"} and not (start <= c.i < end) for c in head.children):
            return False  # "units would not return “pending the completion of the survey”": a modifier of the
            # reporter's clause, which has its subject outside the marks, is a mixed quote's words
        outside = [c for c in roots[0].children if not (start <= c.i < end) and not c.is_punct]
        if not all(c.dep_ in {"aux", "mark", "advmod", "neg"} for c in outside):
            return False
        # "urged Tokyo to “stop making trouble” in the strait": a phrase after the marks that hangs inside the
        # quoted words completes them, so the quote is a fragment of the reporter's clause (a mixed quote).
        # A clause after it ("... “make a deal” to end the war") is the reporter's framing, and so is a
        # headline's setting ("Urges X to “Make a Deal” in White House Summit"), which the parser hangs inside.
        line_end = headline_end(self.doc)  # a first line that ends a sentence is a lead, not a headline
        in_headline = self.doc[start].idx < line_end and not self.doc.text[:line_end].rstrip().endswith((".", "?", "!"))
        if not in_headline and any(t.i >= end and start <= t.head.i < end and not t.is_punct and not t.is_space
                                   and t.dep_ not in CLAUSE_DEPS for t in roots[0].subtree):
            return False
        # "said the position was “well known” and had not changed": a quoted predicate of a verb outside the
        # marks is a word of the reporter's clause, not a clause or verb phrase of its own
        return roots[0].dep_ not in {"acomp", "attr", "oprd", "dobj", "pobj", "appos"}

    def bind(self) -> dict[int, list[int]]:
        """quote index → the index of the cue it belongs to (one cue may take a split quote's parts)."""
        bound: dict[int, list[int]] = {}
        for qi, (quote, tokens) in enumerate(zip(self.quotes, self.quote_tokens)):
            if tokens == (0, 0):
                continue
            syntactic = [ci for ci in self.index.with_content_near(*tokens)
                         if self.overlaps(self.cues[ci], tokens) and not self._full_stop_between(self.cues[ci], quote)]
            last = max(tokens[1] - 1, tokens[0])  # _adjacent wants the cue in the quote's first or last sentence
            nearby = self.index.with_token_in(self.sentence_starts[tokens[0]], self.sentence_ends[last])
            adjacent = [ci for ci in nearby if self._adjacent(self.cues[ci], quote, tokens)]
            choice = syntactic or adjacent
            if choice:
                ci = min(choice, key=lambda c: abs(self.cues[c].token.i - (tokens[0] + tokens[1]) / 2))
                bound.setdefault(ci, []).append(qi)
        return bound

    def is_direct(self, cue: Cue, qi: int) -> bool:
        """The bound quote is the statement itself, not a mixed quote inside a reported clause."""
        tokens = self.quote_tokens[qi]
        if not self.overlaps(cue, tokens):
            return True
        start, end = cue.content  # type: ignore[misc]
        inside = sum(1 for i in range(start, end) if tokens[0] <= i < tokens[1] and not self.doc[i].is_punct)
        words = sum(1 for i in range(start, end) if not self.doc[i].is_punct)
        if cue.content_kind == "as":
            as_prep = as_token(cue.token)
            if as_prep is None:
                return False
            if as_prep.lower_ != "as" and not any(t.whitespace_ for t in self.doc[tokens[0]:tokens[1] - 1]):
                return False  # "called the decision “disproportionate”": a one-word quote is a mixed quote's word
            after = as_prep.left_edge.i if as_prep.dep_ == "oprd" else \
                as_prep.left_edge.i + 1 if as_prep.dep_ == "advcl" else as_prep.i + 1  # "as" as a clause's mark
            return tokens[0] >= after
        if self._leaves_out_subject(cue, tokens):
            return False
        return (words and inside / words >= DIRECT_SHARE) or self._is_constituent(tokens) \
            and not self._content_goes_on(cue, tokens)

    def _content_goes_on(self, cue: Cue, tokens: tuple[int, int]) -> bool:
        """The reported content goes on after the quoted verb phrase with a clause of its own ("called on
        Seoul to “take appropriate measures” so that no company suffers harm"): a mixed quote, the whole
        content reported (the guide, section 5)."""
        end = cue.content[1]  # type: ignore[index]
        return any(t.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
                   for t in self.doc[tokens[1]:end])

    def _leaves_out_subject(self, cue: Cue, tokens: tuple[int, int]) -> bool:
        """The quote lacks its clause's subject, which the reporter wrote outside the marks ("Hamas is
        “studying the proposal”, the ministry said"): a mixed quote, so the whole clause is the reported
        statement (the guide, section 5: direct only when the whole text lies inside the marks)."""
        start, end = cue.content  # type: ignore[misc]
        outside = [t for t in self.doc[start:end] if not tokens[0] <= t.i < tokens[1]]
        return any(t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ != "PRON" and tokens[0] <= t.head.i < tokens[1]
                   for t in outside)
