"""Document → Extraction: parse once, find quotes and cues, attribute statements.

The Extractor holds the spaCy pipeline and the ontology lexicons, built once and reused for every
document; `extract_many` streams documents through `nlp.pipe` (with worker processes on request).

`extract(document, time_limit=...)` bounds one article's time, so one pathological article is
reported and skipped while the rest of its batch is stored: in a main thread (the CLI, pool worker
processes) a timer signal interrupts the work wherever it is, between two Python steps (one spaCy
component running in C finishes first); elsewhere (API threads) the deadline is checked between stages.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from spacy.tokens import Doc

from .actors import ActorResolver
from .attribution import Attributor
from .cues import HEADLINE_END, find_cues
from .dates import statement_date
from .events import find_events
from .nlp import load_nlp, model_name
from .quotes import find_quotes
from .records import Document, Extraction
from .topics import TopicTagger
from .triples import find_triples


class ExtractionTimeout(Exception):
    """One article took longer than its time limit; it is skipped, the batch goes on."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the article took longer than {seconds:g} s to extract (split it, or raise the limit)")
        self.seconds = seconds


@contextmanager
def time_bound(seconds: float | None) -> Iterator[float | None]:
    """Raise ExtractionTimeout in the block after `seconds`; yields the deadline (None: no limit).

    The timer signal works in the main thread only; other threads get the deadline, to check."""
    if not seconds:
        yield None
        return
    deadline = time.monotonic() + seconds
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check(deadline: float | None, seconds: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(seconds or 0)


class Extractor:
    """Extracts statements and actors from Documents with one configured spaCy model."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model_name(model)
        self.nlp = load_nlp(self.model)
        self.tagger = TopicTagger(self.nlp)

    def extract(self, document: Document, *, time_limit: float | None = None) -> Extraction:
        """Everything diplograph reads in one document; ExtractionTimeout past `time_limit` seconds."""
        with time_bound(time_limit) as deadline:
            doc = self.nlp(document.clean)
            _check(deadline, time_limit)
            return self._from_doc(document, doc, deadline=deadline, time_limit=time_limit)

    def extract_parsed(self, document: Document, doc: Doc, *, time_limit: float | None = None) -> Extraction:
        """The extraction of a document `self.nlp` has already parsed (in a batch: see parallel.py)."""
        with time_bound(time_limit) as deadline:
            return self._from_doc(document, doc, deadline=deadline, time_limit=time_limit)

    def extract_many(self, documents: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        """Stream many documents through the parser; results come back in input order."""
        pairs = ((d.clean, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
            yield self._from_doc(document, doc)

    def _from_doc(self, document: Document, doc: Doc, *, deadline: float | None = None,
                  time_limit: float | None = None) -> Extraction:
        # the headline's clauses are parsed as sentences of their own lines (document.split_headline_clauses);
        # the stored text's first line still says where the headline ends
        doc.user_data[HEADLINE_END] = document.text.find("\n")
        quotes = find_quotes(document.clean)
        resolver = ActorResolver()
        attributor = Attributor(document, doc, quotes, [], self.tagger, resolver)
        attributor.cues = find_cues(doc, attributor.quoted)
        _check(deadline, time_limit)
        statements = [replace(s, date=statement_date(document.published, doc, s.start, s.end))
                      for s in attributor.statements()]
        _check(deadline, time_limit)
        events = find_events(document, doc, resolver)
        _check(deadline, time_limit)
        triples = find_triples(document, doc, resolver, quoted=attributor.quoted,
                               cue_tokens={cue.token.i for cue in attributor.cues})
        used = {s.speaker_id for s in statements} | {i for s in statements for i in s.addressee_ids} | \
            {c.holder_id for s in statements for c in s.claims} | {i for e in events for i in e.participant_ids} | \
            {t.subject_id for t in triples} | {t.object_id for t in triples}
        for actor in resolver.actors():  # an institution brings its state, a group its members
            if actor.id in used:
                used |= {actor.part_of, *actor.members} - {""}
        actors = tuple(a for a in resolver.actors() if a.id in used)  # new actors that records refer to
        return Extraction(document=document, statements=tuple(statements), actors=actors,
                          events=tuple(events), triples=tuple(triples))
