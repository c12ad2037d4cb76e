"""Turn speech cues and quotes into attributed Statements.

Direct quotes bind to the cue whose content they are (syntax first), else to the cue beside them in
the same sentence ("“...,” Trump said" / "Trump said: “...”"). A short quote inside a reported
clause is a mixed quote and stays part of the reported statement, unless it is the whole clause.
A quote that opens a paragraph with no cue continues the previous speaker. Cues without quotes give
reported statements. Speakers resolve through the ActorResolver; pronouns through salience.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from diplograph.ontology.countries import country_named
from diplograph.ontology.lexicon import CueEntry

from .actors import ActorResolver, Resolution, is_anonymous, mention_span
from .binding import QuoteBinding
from .claims import find_claims
from .cues import Cue, cue_lemmas, is_dependent, question_put_aside
from .layouts import block_quotations, headline_quote_speakers, interview_answers
from .names import HONORIFICS, clean_person_name, fold
from .quotes import Quote
from .records import TEXT_JOINER, Document, Statement
from .speakers import Speakers
from .topics import TopicTagger

# Acts of speaking that report nothing themselves and so introduce the quote that follows them ("X
# addressed parliament. “...”"), beside the cue lexicon's verbs used without content ("X told reporters.")
INTRODUCING_VERBS = {"address", "speak", "brief", "testify"}
CONTINUATION_MIN_WORDS = 6           # a cue-less quote paragraph continues the last speaker
CONTINUATION_MIN_SENTENCE_WORDS = 3  # a cue-less quote sentence right after a direct quote does too
LEAD_CHARS = 400  # how far back a "Name:" lead of a quote is looked for


def _split_off_first_name(span: Span) -> Token | None:
    """A capitalised word that the sentence splitter made a sentence of its own right before a name that
    opens the next one: the name's first part, cut off ("Sokha" before "Vannarith-Lim heads ...")."""
    doc = span.doc
    if span.start == 0 or not span[0].is_sent_start:
        return None
    first = doc[span.start - 1]
    alone = first.is_sent_start or first.i == 0
    if alone and first.is_alpha and first.is_title and first.whitespace_ == " " and first.pos_ in {"PROPN", "NOUN"} \
            and fold(first.text) not in HONORIFICS and country_named(first.text) is None:
        return first
    return None


@dataclass
class _Draft:
    cue: Cue
    speaker: Resolution
    kind: str
    parts: list[tuple[int, int]]  # character ranges of the statement's words
    tokens: tuple[int, int]       # token range, for topics and stance
    confidence: float


class _DraftIndex:
    """Drafts by the start of their tokens: those near a sentence are found by bisection, not by a
    walk over every statement of the article for every statement."""

    def __init__(self, drafts: list[_Draft]) -> None:
        self._drafts = sorted(drafts, key=lambda d: d.tokens[0])
        self._starts = [d.tokens[0] for d in self._drafts]
        self._longest = max((d.tokens[1] - d.tokens[0] for d in drafts), default=0)

    def near(self, start: int, end: int) -> list[_Draft]:
        """Drafts whose tokens may overlap [start, end)."""
        return self._drafts[bisect_left(self._starts, start - self._longest):bisect_left(self._starts, end)]


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
        self._cue_index = binding.index
        bound = binding.bind()
        drafts: list[_Draft] = []
        used_quotes: set[int] = set()
        for ci, cue in enumerate(self.cues):
            if self._nested(cue) and (not is_dependent(cue.token) or self._is_content_of_head(cue)):
                continue  # "X said Y told Z ...": a claim by X, not Y's own statement
            if self.speakers.asks(cue.token):
                continue  # "Does the government still welcome the fund?": a question asserts nothing
            if question_put_aside(cue.token):  # "X, asked whether ..., paused": put to X, who stays the one
                self.speakers.speaker(cue.speaker)  # a later "she said" refers to
                continue
            speaker = self.speakers.speaker(cue.speaker)
            if speaker is None or is_anonymous(speaker.actor):
                continue  # an anonymous source's words are not a statement (the guide, section 1)
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
        layout = self._layout_drafts(used_quotes, drafts)
        # a cue inside a block quotation or an interview answer is the speaker's own words ("The two
        # governments reaffirm their commitment ..." in a joint statement set as a block): nested, no
        # statement of its own (the guide, section 1)
        drafts = [d for d in drafts if d.kind != "reported" or not any(
            o.parts[0][0] <= d.parts[0][0] and d.parts[-1][1] <= o.parts[-1][1] for o in layout)]
        drafts += layout
        single = {d.parts[0] for d in drafts if len(d.parts) == 1}
        used_quotes |= {qi for qi, q in enumerate(self.quotes) if (q.start, q.end) in single}
        drafts.sort(key=lambda d: d.parts[0][0])
        return self._continuations(drafts, used_quotes)

    def _colon_drafts(self, used: set[int]) -> list[_Draft]:
        """"Stubb: “Peace must not reward aggression”": a name and a colon introduce the quote."""
        drafts = []
        text = self.document.clean
        for qi, quote in enumerate(self.quotes):
            if qi in used:
                continue
            # Eight words or fewer before the colon: a look back of LEAD_CHARS is plenty (and keeps
            # a one-paragraph article from being rescanned from its start for every quote).
            window = max(0, quote.outer_start - LEAD_CHARS)
            line_start = text.rfind("\n", window, quote.outer_start) + 1 or window
            lead = text[line_start:quote.outer_start].rstrip()
            if not lead.endswith(":"):
                continue
            found = None
            if len(lead.split()) <= 8:
                span = self.doc.char_span(line_start, line_start + len(lead) - 1, alignment_mode="contract")
                found = self.resolver.resolve_span(span) if span is not None and len(span) else None
            if found is None:
                found, span = self._colon_clause_subject(line_start + len(lead) - 1)
            if found is None or span is None:
                continue
            colon = self.doc.char_span(line_start + len(lead) - 1, line_start + len(lead), alignment_mode="expand")
            entry = CueEntry(lemma=":", particle="", takes=(), stance="", label=":")
            cue = Cue(colon[0] if colon is not None else span.root, entry, ":", span.root, (), None, "colon")
            drafts.append(_Draft(cue, found, "direct", [(quote.start, quote.end)], self._quote_tokens[qi],
                                 0.8 * found.certainty))
        return drafts

    def _colon_clause_subject(self, colon: int) -> tuple[Resolution | None, Span | None]:
        """"The commander put it bluntly: “...”", "Sandu was blunt: “...”": a clause of the reporter's that
        ends on a colon right before a quote introduces it, and the clause's subject speaks, as the subject of
        "said:" does. Only a clause whose verb is a main verb of its own sentence (not a question) counts."""
        at = self.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if at is None or not len(at) or at[0].text != ":":
            return None, None
        sent = at[0].sent
        # the verb of the words before the colon, wherever the parser hung it (on a verb inside the quote, say)
        root = next((t for t in self.doc[sent.start:at[0].i] if t.head.i == t.i or t.head.i >= at[0].i), sent.root)
        if root.pos_ not in {"VERB", "AUX"} or root.i > at[0].i or self.speakers.asks(root):
            return None, None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i in self.quoted:
            return None, None
        found = self.speakers.speaker(subject)
        if found is None or found.actor.type not in {"Person", "Organization", "State", "Group"}:
            return None, None
        return found, self.doc[mention_span(subject).start:mention_span(subject).end]

    def _layout_drafts(self, used: set[int], drafts: list[_Draft]) -> list[_Draft]:
        """Block quotations, interview answers and "“Quote” – Speaker" headlines (see layouts.py)."""
        text = self.document.clean
        persons = [(m.char, Resolution(m.actor, m.actor.name, 0.8)) for m in self.speakers.mentions]
        unused = [q for qi, q in enumerate(self.quotes) if qi not in used]
        found = [*block_quotations(text, self.doc, self.cues, self.quotes, self.speakers.speaker),
                 *interview_answers(self.document.text, self.doc, persons, self._named_person, self.cues, self.quotes),
                 *headline_quote_speakers(text, self.doc, unused, self.resolver)]
        out = []
        for item in found:
            if is_anonymous(item.speaker.actor) or any(d.parts[0][0] <= item.start < d.parts[-1][1] for d in drafts):
                continue
            entry = CueEntry(lemma=item.label, particle="", takes=(), stance="", label=item.label)
            cue = Cue(item.anchor, entry, item.label, None, (), None, "layout")
            out.append(_Draft(cue, item.speaker, "direct", [(item.start, item.end)],
                              self._tokens_of(item.start, item.end), 0.7 * item.speaker.certainty))
        return out

    def _named_person(self, token: Token) -> Resolution | None:
        """The person a named subject stands for, even where NER took the name for an organisation, with
        a first name the sentence splitter cut off ("Sokha | Vannarith-Lim heads ...") put back."""
        span = mention_span(token)
        found = self.resolver.resolve_span(span)
        if found is None or found.actor.type != "Person":
            found = self.resolver.as_person(span)
        first = _split_off_first_name(span)
        if found is None or first is None or found.actor.known:
            return found
        name, _ = clean_person_name(f"{first.text} {found.actor.name}")
        return Resolution(self.resolver.new_person(name, found.actor.role), f"{first.text} {found.mention}",
                          found.certainty)

    def _nested(self, cue: Cue) -> bool:
        """The cue lies in another cue's content (outside its parenthesis): a reported report."""
        i = cue.token.i
        return any(other is not cue and other.content is not None and other.content[0] <= i < other.content[1]
                   and not (other.gap and other.gap[0] <= i < other.gap[1])
                   for other in (self.cues[ci] for ci in self._cue_index.with_content_near(i, i + 1)))

    def _is_content_of_head(self, cue: Cue) -> bool:
        """"did not rule out asking IGAD to mediate": the cue is itself the content of the cue it hangs
        from, whose statement already holds all its words."""
        head = cue.token.head
        return cue.token.dep_ in {"xcomp", "ccomp", "pcomp", "dobj"} and any(
            other.token.i == head.i and other.content is not None and other.content[0] <= cue.token.i < other.content[1]
            for other in (self.cues[ci] for ci in self._cue_index.with_token_in(head.i, head.i + 1)))

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
        """A quote opening a paragraph, with no cue of its own, continues the last speaker; a quote left
        open at a paragraph's end and reopened in the next belongs to whoever the next one is given.

        Linear in the article: drafts are found by their quote's span (a dict), and the statement
        ending last before each quote by one sweep over the drafts sorted by their end."""
        text = self.document.text
        by_span = {part: draft for draft in drafts for part in draft.parts}

        def add(draft: _Draft) -> _Draft:
            drafts.append(draft)
            by_span[draft.parts[0]] = draft
            return draft

        for qi, quote in enumerate(self.quotes[:-1]):  # an open quote whose next paragraph names the speaker
            follower = self.quotes[qi + 1]
            holder = by_span.get((follower.start, follower.end))
            if follower.continues and holder is not None and qi not in used:
                used = used | {qi}
                add(_Draft(holder.cue, holder.speaker, "direct", [(quote.start, quote.end)],
                           self._quote_tokens[qi], holder.confidence))
        by_end = sorted(drafts, key=lambda d: d.parts[-1][1])
        ahead = 0
        last: _Draft | None = None
        for qi, quote in enumerate(self.quotes):
            while ahead < len(by_end) and by_end[ahead].parts[-1][1] <= quote.outer_start:
                if last is None or by_end[ahead].parts[-1][1] > last.parts[-1][1]:
                    last = by_end[ahead]
                ahead += 1
            if qi in used:
                continue
            if quote.continues and qi > 0:  # the paragraph reopens a quote the last one left open
                previous = self.quotes[qi - 1]
                holder = by_span.get((previous.start, previous.end))
                if holder is not None:
                    last = add(_Draft(holder.cue, holder.speaker, "direct", [(quote.start, quote.end)],
                                      self._quote_tokens[qi], holder.confidence))
                    continue
            if len(quote.words(text).split()) < CONTINUATION_MIN_SENTENCE_WORDS:
                continue
            if not self._opens_sentence(quote, qi):
                continue
            intro = self._introduction(quote)
            if intro is not None and (last is None or last.parts[-1][1] <= intro.cue.token.sent.start_char):
                last = add(replace(intro, parts=[(quote.start, quote.end)], tokens=self._quote_tokens[qi]))
                continue
            if last is None:
                continue
            same_paragraph = "\n" not in text[last.parts[-1][1]:quote.outer_start]
            if not same_paragraph and len(quote.words(text).split()) < CONTINUATION_MIN_WORDS:
                continue
            if same_paragraph and last.kind != "direct" and not self._follows_its_cue(last, quote):
                continue
            # it ends after every statement before it: the next quote's candidate
            last = add(_Draft(last.cue, last.speaker, "direct", [(quote.start, quote.end)],
                              self._quote_tokens[qi], 0.5 * last.speaker.certainty))
        drafts.sort(key=lambda d: d.parts[0][0])
        return drafts

    def _introduction(self, quote: Quote) -> _Draft | None:
        """"The Moldovan president, X, addressed parliament on Friday. ¶ “We will not be blackmailed ...”": a
        sentence whose subject is a named speaker and whose verb is an act of speaking with nothing reported
        (a cue of the lexicon, or addressing, speaking, briefing, testifying), right before a quote that no
        cue claims, introduces that quote, as "said:" does."""
        text = self.document.clean
        window = max(0, quote.outer_start - LEAD_CHARS)
        before = text[window:quote.outer_start].rstrip()
        if not before or before[-1] not in ".:":
            return None
        end = self.doc.char_span(window + len(before) - 1, window + len(before), alignment_mode="expand")
        if end is None or not len(end):
            return None
        sentence = end[0].sent
        root = sentence.root
        if root.pos_ != "VERB" or self.speakers.asks(root) or any(t.i in self.quoted for t in sentence) \
                or (root.lemma_.lower() not in INTRODUCING_VERBS and root.lemma_.lower() not in cue_lemmas()) \
                or any(c.dep_ in {"ccomp", "xcomp", "neg"} for c in root.children) \
                or any(cue.content is not None for ci in self._cue_index.with_token_in(sentence.start, sentence.end)
                       for cue in [self.cues[ci]]):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        found = self.speakers.speaker(subject) if subject is not None else None
        if found is None or is_anonymous(found.actor) or found.actor.type not in {"Person", "Organization", "State", "Group"}:
            return None
        entry = CueEntry(lemma=root.lemma_, particle="", takes=(), stance="", label=root.text)
        cue = Cue(root, entry, root.text, subject, (), None, "introduction")
        return _Draft(cue, found, "direct", [], (0, 0), 0.6 * found.certainty)

    def _follows_its_cue(self, last: _Draft, quote: Quote) -> bool:
        """"Nothing has been decided, she said. “Dialogue matters.”": the quote comes right after the
        sentence that names the last speaker, so the same speaker goes on (a reported statement whose
        sentence ends elsewhere leaves a later quote of the paragraph unattributed)."""
        sentence = last.cue.token.sent
        return sentence.end_char <= quote.outer_start and \
            not self.document.clean[sentence.end_char:quote.outer_start].strip(" \t\"“”")

    def _opens_sentence(self, quote: Quote, qi: int) -> bool:
        """The quote is a sentence of its own: after a full stop or a paragraph break, ending one."""
        text = self.document.clean
        before = text[:quote.outer_start].rstrip(" \t")
        after = text[quote.outer_end:].lstrip(" \t")
        starts = not before or before[-1] in "\n.!?”\"" or before.endswith(":")
        ends = not after or after[0] == "\n" or quote.words(text)[-1:] in {".", "!", "?"} or after[0] in ".!?"
        return starts and ends

    def _topic_window(self, draft: _Draft, others: _DraftIndex) -> list[str]:
        """Topics of the words, or of the sentence they lean on (TopicTagger.statement_topics), where other
        speakers' words in that sentence are theirs, not this statement's setting. Only the statements
        near that sentence are looked at, so this stays linear in the article's length."""
        sent, cue_sent = self.doc[draft.tokens[0]].sent, draft.cue.token.sent
        start, end = min(sent.start, cue_sent.start), max(sent.end, cue_sent.end)
        near = [d for d in others.near(start, end) if d is not draft]
        taken = {i for d in near for i in range(max(d.tokens[0], start), min(d.tokens[1], end))}
        foreign = {i for d in near if d.speaker.actor.id != draft.speaker.actor.id
                   for i in range(max(d.tokens[0], start), min(d.tokens[1], end))}
        return self.tagger.statement_topics(self.doc, draft.tokens, draft.cue, taken, foreign)

    def statements(self) -> list[Statement]:
        drafts = self.drafts()
        index = _DraftIndex(drafts)
        out = []
        said_with: dict[int, tuple[str, ...]] = {}  # topics of the last statement made with each cue
        for draft in drafts:
            text = TEXT_JOINER.join(self.document.text[s:e] for s, e in draft.parts)
            topics = tuple(self._topic_window(draft, index))
            if not topics and not self.tagger.is_courtesy(self.doc, draft.tokens):
                topics = said_with.get(id(draft.cue), ())  # a quote that continues a speaker keeps their topic
            said_with[id(draft.cue)] = topics
            reading = self.tagger.read_stance(self.doc, *draft.tokens, draft.cue.entry,
                                              draft.cue.content_kind, topics,
                                              draft.cue.token)
            sentence = self._sentence_text(draft)
            reading = self.tagger.carry_stance(self.doc, draft.tokens, draft.cue, reading, out[-1] if out else None,
                                               draft.speaker.actor.id, sentence)
            addressees = self.speakers.addressees(draft.cue)
            out.append(Statement(
                doc=self.document.name,
                speaker=draft.speaker.actor.name,
                speaker_id=draft.speaker.actor.id,
                speaker_mention=draft.speaker.mention,
                kind=draft.kind,  # type: ignore[arg-type]
                text=text,
                cue=draft.cue.label,
                sentence=sentence,
                start=draft.parts[0][0],
                end=draft.parts[-1][1],
                spans=tuple(draft.parts) if len(draft.parts) > 1 else (),
                addressees=tuple(a.name for a in addressees),
                addressee_ids=tuple(a.id for a in addressees),
                topics=topics,
                stance=reading.label,  # type: ignore[arg-type]
                confidence=round(draft.confidence, 2),
                stance_confidence=reading.confidence,
                contrasted=reading.against,
                claims=find_claims(self.doc, *draft.tokens, draft.speaker.actor, self.resolver, self.tagger),
                speaker_wikidata=draft.speaker.actor.wikidata,
            ))
        return out

    def _sentence_text(self, draft: _Draft) -> str:
        first = min(self.doc[draft.tokens[0]].sent.start_char, draft.cue.token.sent.start_char)
        last = max(self.doc[max(draft.tokens[1] - 1, draft.tokens[0])].sent.end_char, draft.cue.token.sent.end_char)
        clean = self.document.clean[first:last]
        last = first + len(clean.rstrip())  # blanked furniture after a sentence is not part of it
        first += len(clean) - len(clean.lstrip())
        return self.document.text[first:last]
