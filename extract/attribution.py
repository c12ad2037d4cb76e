"""Turn speech cues and quotes into attributed Statements.

Direct quotes bind to the cue whose content they are (syntax first), else to the cue beside them in
the same sentence ("“...,” Trump said" / "Trump said: “...”"). A short quote inside a reported
clause is a mixed quote and stays part of the reported statement, unless it is the whole clause.
A quote that opens a paragraph with no cue continues the previous speaker. Cues without quotes give
reported statements. Speakers resolve through the ActorResolver; pronouns through salience.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .actors import FEMALE, MALE, ActorResolver, Resolution, agrees, mention_span, to_actor
from diplograph.ontology.lexicon import CueEntry, demonym_index, normalize

from .claims import find_claims
from .cues import Cue, as_token, is_dependent
from .quotes import Quote
from .records import Actor, Document, Statement
from .topics import TopicTagger

DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "readout", "declaration", "report", "letter"}
ISSUING_VERBS = {"issue", "release", "publish", "put", "sign", "adopt", "send"}
DIRECT_SHARE = 0.75  # a quote covering this share of a clause is the statement itself
CONTINUATION_MIN_WORDS = 6           # a cue-less quote paragraph continues the last speaker
CONTINUATION_MIN_SENTENCE_WORDS = 3  # a cue-less quote sentence right after a direct quote does too


@dataclass
class _Mention:
    char: int
    sent: int
    actor: Actor
    subject: bool


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
        self._mentions = self._person_mentions()

    # --- helpers -----------------------------------------------------------------------------
    def _tokens_of(self, start: int, end: int) -> tuple[int, int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def _sent_index(self, token: Token) -> int:
        return token.sent.start

    def _person_mentions(self) -> list[_Mention]:
        mentions = []
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or ent.root.i in self.quoted:
                continue
            found = self.resolver.resolve_span(mention_span(ent.root))
            if found is not None and found.actor.type == "Person":
                subject = ent.root.dep_ in {"nsubj", "nsubjpass"}
                mentions.append(_Mention(ent.start_char, ent.sent.start, found.actor, subject))
        return mentions

    def _antecedent(self, pronoun: Token) -> Actor | None:
        """The most salient earlier person: a subject in the nearest sentence, else the last mention."""
        before = [m for m in self._mentions if m.char < pronoun.idx and agrees(pronoun.lower_, m.actor)]
        if not before:
            return None
        sentences = sorted({m.sent for m in before}, reverse=True)
        for sent in sentences[:3]:
            in_sent = [m for m in before if m.sent == sent]
            subjects = [m for m in in_sent if m.subject]
            if subjects:
                return subjects[-1].actor
            if sent == pronoun.sent.start:
                continue
            return in_sent[-1].actor
        return before[-1].actor

    def _speaker(self, token: Token | None) -> Resolution | None:
        if token is None:
            return None
        if token.lower_ in {"who", "that"} and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lower_ in MALE | FEMALE:
            actor = self._antecedent(token)
            return Resolution(actor, token.text, 0.85) if actor else None
        if token.pos_ == "PRON":
            return None
        if token.lemma_.lower() in DOCUMENT_NOUNS:
            return self._document_author(token)
        appositions = [c for c in token.children if c.dep_ == "appos"] if token.pos_ != "PROPN" else []
        for appos in appositions:  # "the alliance's chief, Mark Rutte, said"
            named = self.resolver.resolve_span(mention_span(appos))
            if named is not None and named.actor.type == "Person":
                return named
        found = self.resolver.resolve_span(mention_span(token))
        if found is not None and found.actor.type == "Person":
            self._mentions.append(_Mention(token.idx, token.sent.start, found.actor, True))
            self._mentions.sort(key=lambda m: m.char)
        return found

    def _document_author(self, noun: Token) -> Resolution | None:
        """Who a statement, readout or communiqué speaks for: "a Kremlin statement", "a Russian readout",
        or whoever "issued a joint statement" before "the statement said"."""
        for modifier in noun.lefts:
            if modifier.dep_ in {"compound", "amod", "poss", "nmod"}:
                entry = demonym_index().get(normalize(modifier.text))
                if entry is not None:
                    return Resolution(to_actor(entry), modifier.text, 0.8)
                found = self.resolver.lookup(modifier.text)
                if found is not None:
                    return Resolution(found, modifier.text, 0.8)
        for verb in reversed(self.doc[:noun.i]):
            if verb.lemma_.lower() in ISSUING_VERBS and any(c.dep_ == "dobj" and c.lemma_ == noun.lemma_
                                                            for c in verb.children):
                issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                return self._speaker(issuer) if issuer is not None else None
        return None

    def _addressees(self, cue: Cue) -> list[Actor]:
        actors = []
        for token in cue.addressees:
            found = self.resolver.resolve_span(mention_span(token))
            if found is not None and found.actor not in actors:
                actors.append(found.actor)
        return actors

    # --- binding quotes to cues ----------------------------------------------------------------
    def _overlaps(self, cue: Cue, tokens: tuple[int, int]) -> bool:
        return cue.content is not None and cue.content[0] < tokens[1] and tokens[0] < cue.content[1]

    def _adjacent(self, cue: Cue, quote: Quote, tokens: tuple[int, int]) -> bool:
        """The cue stands beside the quote in one sentence, with only its speaker and punctuation between."""
        cue_tok = cue.token
        start_sent = self.doc[tokens[0]].sent
        end_sent = self.doc[max(tokens[1] - 1, tokens[0])].sent
        if cue_tok.i >= tokens[1] and cue_tok.sent.start == end_sent.start:
            between = self.doc[tokens[1]:cue_tok.i]
        elif cue_tok.i < tokens[0] and cue_tok.sent.start in {start_sent.start, end_sent.start}:
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
        for other in self.quotes:
            if start <= other.outer_start and other.outer_end <= end:
                gap = gap.replace(self.document.clean[other.outer_start:other.outer_end], " ")
        return any(mark + " " in gap or gap.rstrip().endswith(mark) for mark in ".!?") and cue_char < quote.outer_start

    def _is_constituent(self, tokens: tuple[int, int]) -> bool:
        """The quote is a whole verb phrase or clause (its only outside dependents are "to", aux, marks)."""
        start, end = tokens
        roots = [t for t in self.doc[start:end] if not (start <= t.head.i < end) and not t.is_punct]
        if len(roots) != 1 or roots[0].pos_ not in {"VERB", "AUX"}:
            return False
        outside = [c for c in roots[0].children if not (start <= c.i < end) and not c.is_punct]
        return all(c.dep_ in {"aux", "mark", "advmod", "neg"} for c in outside)

    def _bind(self) -> dict[int, list[int]]:
        """quote index → the index of the cue it belongs to (one cue may take a split quote's parts)."""
        bound: dict[int, list[int]] = {}
        for qi, (quote, tokens) in enumerate(zip(self.quotes, self._quote_tokens)):
            if tokens == (0, 0):
                continue
            syntactic = [ci for ci, cue in enumerate(self.cues)
                         if self._overlaps(cue, tokens) and not self._full_stop_between(cue, quote)]
            adjacent = [ci for ci, cue in enumerate(self.cues) if self._adjacent(cue, quote, tokens)]
            choice = syntactic or adjacent
            if choice:
                ci = min(choice, key=lambda c: abs(self.cues[c].token.i - (tokens[0] + tokens[1]) / 2))
                bound.setdefault(ci, []).append(qi)
        return bound

    # --- statements ------------------------------------------------------------------------------
    def drafts(self) -> list[_Draft]:
        bound = self._bind()
        drafts: list[_Draft] = []
        used_quotes: set[int] = set()
        for ci, cue in enumerate(self.cues):
            if self._nested(cue) and not is_dependent(cue.token):
                continue  # "X said Y told Z ...": a claim by X, not Y's own statement
            speaker = self._speaker(cue.speaker)
            if speaker is None:
                continue
            quote_ids = bound.get(ci, [])
            direct = [qi for qi in quote_ids if self._direct(cue, qi)]
            if direct:
                used_quotes.update(quote_ids)
                parts = [(self.quotes[qi].start, self.quotes[qi].end) for qi in direct]
                tokens = (self._quote_tokens[direct[0]][0], self._quote_tokens[direct[-1]][1])
                confidence = 0.9 if any(self._overlaps(cue, self._quote_tokens[q]) for q in direct) else 0.8
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

    def _direct(self, cue: Cue, qi: int) -> bool:
        tokens = self._quote_tokens[qi]
        if not self._overlaps(cue, tokens):
            return True
        start, end = cue.content  # type: ignore[misc]
        inside = sum(1 for i in range(start, end) if tokens[0] <= i < tokens[1] and not self.doc[i].is_punct)
        words = sum(1 for i in range(start, end) if not self.doc[i].is_punct)
        if cue.content_kind == "as":
            as_prep = as_token(cue.token)
            if as_prep is None:
                return False
            return tokens[0] >= (as_prep.left_edge.i if as_prep.dep_ == "oprd" else as_prep.i + 1)
        return (words and inside / words >= DIRECT_SHARE) or self._is_constituent(tokens)

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

    def _leans_on_context(self, draft: _Draft) -> bool:
        """Words whose topic lies outside them: a characterisation ("described the talks as
        “constructive”"), a participle hanging on the main clause, or an anaphor ("we want that")."""
        if draft.cue.content_kind == "as" or is_dependent(draft.cue.token):
            return True
        words = self.doc[draft.tokens[0]:draft.tokens[1]]
        return any(t.lower_ in {"that", "this", "it", "same"} and t.dep_ in {"dobj", "nsubj", "amod", "attr"}
                   for t in words)

    def _topic_window(self, draft: _Draft, others: list[_Draft]) -> list[str]:
        """Topics of the words; else of the sentence outside other statements; else the whole sentence."""
        topics = self.tagger.topics(self.doc, *draft.tokens)
        if topics or not self._leans_on_context(draft):
            return topics
        sent = self.doc[draft.tokens[0]].sent
        cue_sent = draft.cue.token.sent
        start, end = min(sent.start, cue_sent.start), max(sent.end, cue_sent.end)
        taken = {i for d in others if d is not draft for i in range(*d.tokens)}
        runs = []
        i = start
        while i < end:
            if i in taken:
                i += 1
                continue
            j = i
            while j < end and j not in taken:
                j += 1
            runs.append((i, j))
            i = j
        keys = []
        for run in runs:
            keys += [k for k in self.tagger.topics(self.doc, *run) if k not in keys]
        return keys or self.tagger.topics(self.doc, start, end)

    def statements(self) -> list[Statement]:
        drafts = self.drafts()
        out = []
        for draft in drafts:
            text = " ".join(self.document.text[s:e] for s, e in draft.parts)
            stance = draft.cue.entry.stance or self.tagger.stance(self.doc, *draft.tokens)
            addressees = self._addressees(draft.cue)
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
                topics=tuple(self._topic_window(draft, drafts)),
                stance=stance,  # type: ignore[arg-type]
                confidence=round(draft.confidence, 2),
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
