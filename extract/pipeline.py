"""Document → Extraction: parse once, find quotes and cues, attribute statements.

The Extractor holds the spaCy pipeline and the ontology lexicons, built once and reused for every
document; `extract_many` streams documents through `nlp.pipe` (with worker processes on request).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .actors import ActorResolver
from .attribution import Attributor
from .cues import find_cues
from .events import find_events
from .nlp import load_nlp, model_name
from .quotes import find_quotes
from .records import Document, Extraction
from .topics import TopicTagger
from .triples import find_triples


class Extractor:
    """Extracts statements and actors from Documents with one configured spaCy model."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model_name(model)
        self.nlp = load_nlp(self.model)
        self.tagger = TopicTagger(self.nlp)

    def extract(self, document: Document) -> Extraction:
        """Everything diplograph reads in one document."""
        return self._from_doc(document, self.nlp(document.clean))

    def extract_many(self, documents: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        """Stream many documents through the parser; results come back in input order."""
        pairs = ((d.clean, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
            yield self._from_doc(document, doc)

    def _from_doc(self, document: Document, doc: Doc) -> Extraction:
        quotes = find_quotes(document.clean)
        resolver = ActorResolver()
        attributor = Attributor(document, doc, quotes, [], self.tagger, resolver)
        attributor.cues = find_cues(doc, attributor.quoted)
        statements = attributor.statements()
        events = find_events(document, doc, resolver)
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
