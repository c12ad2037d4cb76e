"""Turn speech cues and quotes into attributed Statements.

Direct quotes bind to the cue whose content they are (syntax first), else to the cue beside them in
the same sentence ("“...,” Trump said" / "Trump said: “...”"). A short quote inside a reported
clause is a mixed quote and stays part of the reported statement, unless it is the whole clause.
A quote that opens a paragraph with no cue continues the previous speaker. Cues without quotes give
reported statements. Speakers resolve through the ActorResolver; pronouns through salience.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from diplograph.ontology.lexicon import CueEntry

from .actors import ActorResolver, Resolution
from .binding import QuoteBinding
from .claims import find_claims
from .cues import Cue, is_dependent
from .quotes import Quote
from .records import Document, Statement
from .speakers import Speakers
from .topics import TopicTagger

CONTINUATION_MIN_WORDS = 6           # a cue-less quote paragraph continues the last speaker
CONTINUATION_MIN_SENTENCE_WORDS = 3  # a cue-less quote sentence right after a direct quote does too


@dataclass
class _Draft:
    cue: Cue
    speaker: Resolution
    kind: str
    parts: list[tuple[int, int]]  # character ranges of the statement's words
    tokens: tuple[int, int]       # token range, for topics and stance
    confidence: float


@dataclass
class Attributor:
    """Attributes the statements of one parsed document."""

    document: Document
    doc: Doc
    quotes: list[Quote]
    cues: list[Cue]
    tagger: TopicTagger
    resolver: ActorResolver = field(default_factory=ActorResolver)

    def __post_init__(self) -> None:
        self.resolver.note_document(self.doc)
        self._quote_tokens = [self._tokens_of(q.start, q.end) for q in self.quotes]
        self.quoted = {i for start, end in self._quote_tokens for i in range(start, end)}
        self.speakers = Speakers(self.doc, self.resolver, self.quoted)

    def _tokens_of(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    # --- binding quotes to cues ----------------------------------------------------------------
    def drafts(self) -> list[_Draft]:
        binding = QuoteBinding(self.document, self.doc, self.quotes, self._quote_tokens, self.quoted, self.cues)
        bound = binding.bind()
        drafts: list[_Draft] = []
        used_quotes: set[int] = set()
        for ci, cue in enumerate(self.cues):
            if self._nested(cue) and not is_dependent(cue.token):
                continue  # "X said Y told Z ...": a claim by X, not Y's own statement
            speaker = self.speakers.speaker(cue.speaker)
            if speaker is None:
                continue
            quote_ids = bound.get(ci, [])
            direct = [qi for qi in quote_ids if binding.is_direct(cue, qi)]
            if direct:
                used_quotes.update(quote_ids)
                parts = [(self.quotes[qi].start, self.quotes[qi].end) for qi in direct]
                tokens = (self._quote_tokens[direct[0]][0], self._quote_tokens[direct[-1]][1])
                confidence = 0.9 if any(binding.overlaps(cue, self._quote_tokens[q]) for q in direct) else 0.8
                drafts.append(_Draft(cue, speaker, "direct", parts, tokens, confidence * speaker.certainty))
            elif cue.content is not None:
                used_quotes.update(quote_ids)
                drafts.append(_Draft(cue, speaker, "reported", self._char_parts(cue), cue.content,
                                     0.75 * speaker.certainty))
        used_quotes |= {q for ids in bound.values() for q in ids}
        drafts += self._colon_drafts(used_quotes)
        used_quotes |= {qi for qi, q in enumerate(self.quotes) if any(d.parts == [(q.start, q.end)] for d in drafts)}
        drafts.sort(key=lambda d: d.parts[0][0])
        return self._continuations(drafts, used_quotes)

    def _colon_drafts(self, used: set[int]) -> list[_Draft]:
        """"Stubb: “Peace must not reward aggression”": a name and a colon introduce the quote."""
        drafts = []
        text = self.document.clean
        for qi, quote in enumerate(self.quotes):
            if qi in used:
                continue
            line_start = text.rfind("\n", 0, quote.outer_start) + 1
            lead = text[line_start:quote.outer_start].rstrip()
            if not lead.endswith(":") or len(lead.split()) > 8:
                continue
            span = self.doc.char_span(line_start, line_start + len(lead) - 1, alignment_mode="contract")
            if span is None or not len(span):
                continue
            found = self.resolver.resolve_span(span)
            if found is None:
                continue
            colon = self.doc.char_span(line_start + len(lead) - 1, line_start + len(lead), alignment_mode="expand")
            entry = CueEntry(lemma=":", particle="", takes=(), stance="", label=":")
            cue = Cue(colon[0] if colon is not None else span.root, entry, ":", span.root, (), None, "colon")
            drafts.append(_Draft(cue, found, "direct", [(quote.start, quote.end)], self._quote_tokens[qi],
                                 0.8 * found.certainty))
        return drafts

    def _nested(self, cue: Cue) -> bool:
        """The cue lies in another cue's content (outside its parenthesis): a reported report."""
        i = cue.token.i
        return any(other is not cue and other.content is not None and other.content[0] <= i < other.content[1]
                   and not (other.gap and other.gap[0] <= i < other.gap[1]) for other in self.cues)

    def _char_parts(self, cue: Cue) -> list[tuple[int, int]]:
        """The content's character ranges, leaving out a parenthetical cue's own words."""
        start, end = cue.content  # type: ignore[misc]
        pieces = [(start, end)] if cue.gap is None else [(start, cue.gap[0]), (cue.gap[1], end)]
        parts = []
        for a, b in pieces:
            while b > a and (self.doc[b - 1].is_punct or self.doc[b - 1].is_space):
                b -= 1
            if b > a:
                parts.append((self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1])))
        return parts

    def _continuations(self, drafts: list[_Draft], used: set[int]) -> list[_Draft]:
        """A quote opening a paragraph, with no cue of its own, continues the last speaker."""
        text = self.document.text
        for qi, quote in enumerate(self.quotes):
            if qi in used or len(quote.words(text).split()) < CONTINUATION_MIN_SENTENCE_WORDS:
                continue
            if not self._opens_sentence(quote, qi):
                continue
            earlier = [d for d in drafts if d.parts[-1][1] <= quote.outer_start]
            if not earlier:
                continue
            last = max(earlier, key=lambda d: d.parts[-1][1])
            same_paragraph = "\n" not in text[last.parts[-1][1]:quote.outer_start]
            if not same_paragraph and len(quote.words(text).split()) < CONTINUATION_MIN_WORDS:
                continue
            if same_paragraph and last.kind != "direct":
                continue
            drafts.append(_Draft(last.cue, last.speaker, "direct", [(quote.start, quote.end)],
                                 self._quote_tokens[qi], 0.5 * last.speaker.certainty))
        drafts.sort(key=lambda d: d.parts[0][0])
        return drafts

    def _opens_sentence(self, quote: Quote, qi: int) -> bool:
        """The quote is a sentence of its own: after a full stop or a paragraph break, ending one."""
        text = self.document.clean
        before = text[:quote.outer_start].rstrip(" \t")
        after = text[quote.outer_end:].lstrip(" \t")
        starts = not before or before[-1] in "\n.!?”\"" or before.endswith(":")
        ends = not after or after[0] == "\n" or quote.words(text)[-1:] in {".", "!", "?"} or after[0] in ".!?"
        return starts and ends

    def _topic_window(self, draft: _Draft, others: list[_Draft]) -> list[str]:
        """Topics of the words, or of the sentence they lean on (TopicTagger.statement_topics)."""
        taken = {i for d in others if d is not draft for i in range(*d.tokens)}
        return self.tagger.statement_topics(self.doc, draft.tokens, draft.cue, taken)

    def statements(self) -> list[Statement]:
        drafts = self.drafts()
        out = []
        said_with: dict[int, tuple[str, ...]] = {}  # topics of the last statement made with each cue
        for draft in drafts:
            text = " ".join(self.document.text[s:e] for s, e in draft.parts)
            topics = tuple(self._topic_window(draft, drafts)) or said_with.get(id(draft.cue), ())
            said_with[id(draft.cue)] = topics  # a quote that continues a speaker keeps their topic
            reading = self.tagger.read_stance(self.doc, *draft.tokens, draft.cue.entry,
                                              draft.cue.content_kind, topics,
                                              draft.cue.token)
            reading = self.tagger.carry_stance(self.doc, draft.tokens, draft.cue, reading, out[-1] if out else None,
                                               draft.speaker.actor.id, self._sentence_text(draft))
            addressees = self.speakers.addressees(draft.cue)
            out.append(Statement(
                doc=self.document.name,
                speaker=draft.speaker.actor.name,
                speaker_id=draft.speaker.actor.id,
                speaker_mention=draft.speaker.mention,
                kind=draft.kind,  # type: ignore[arg-type]
                text=text,
                cue=draft.cue.label,
                sentence=self._sentence_text(draft),
                start=draft.parts[0][0],
                end=draft.parts[-1][1],
                addressees=tuple(a.name for a in addressees),
                addressee_ids=tuple(a.id for a in addressees),
                topics=topics,
                stance=reading.label,  # type: ignore[arg-type]
                confidence=round(draft.confidence, 2),
                stance_confidence=reading.confidence,
                contrasted=reading.against,
                claims=find_claims(self.doc, *draft.tokens, draft.speaker.actor, self.resolver, self.tagger),
            ))
        return out

    def _sentence_text(self, draft: _Draft) -> str:
        first = min(self.doc[draft.tokens[0]].sent.start_char, draft.cue.token.sent.start_char)
        last = max(self.doc[max(draft.tokens[1] - 1, draft.tokens[0])].sent.end_char, draft.cue.token.sent.end_char)
        clean = self.document.clean[first:last]
        last = first + len(clean.rstrip())  # blanked furniture after a sentence is not part of it
        first += len(clean) - len(clean.lstrip())
        return self.document.text[first:last]
