"""One utterance, many reports: near-duplicate statements of one speaker in different articles.

A wire story republished by five outlets gives five statements with (nearly) the same words; they are
one utterance with five reports, so that counts and weights measure what was said, not how often it
was syndicated. Quotes are compared by MinHash signatures of their word pairs (datasketch), and
candidates are found by locality-sensitive hashing: each statement stores its LSH band keys
(dg:minhashBand) in its document's graph, so a new statement meets only the stored statements that
share a band with it, found by one indexed lookup, never by a scan of the store. Its cost grows with
what is added, not with what is stored (bench/dedup.py measures it).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash, MinHashLSH
from rdflib import Literal, URIRef

from diplograph.ontology.terms import BASE

from .queries import PREFIXES, term

NUM_PERM = 64  # signature length: enough to tell 0.6 from 0.9 similarity on sentence-long quotes
THRESHOLD = 0.6  # estimated Jaccard similarity of word pairs above which two quotes are one utterance
UTTERANCE_BASE = BASE + "utterance/"
_WORDS = re.compile(r"\w+", re.UNICODE)
_PARAMETERS = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)  # datasketch's optimal bands and rows
BANDS, ROWS = _PARAMETERS.b, _PARAMETERS.r


def shingles(text: str) -> set[bytes]:
    """Word pairs of a quote, case and punctuation ignored (single words for a one-word quote)."""
    words = _WORDS.findall(text.lower())
    if len(words) < 2:
        return {w.encode("utf-8") for w in words}
    return {f"{a} {b}".encode() for a, b in zip(words, words[1:])}


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1).permutations  # drawn once: drawing them is the slow part


def signature(text: str) -> LeanMinHash:
    """The MinHash signature of a quote."""
    minhash = MinHash(num_perm=NUM_PERM, seed=1, permutations=_PERMUTATIONS)
    minhash.update_batch(list(shingles(text)) or [b""])
    return LeanMinHash(minhash)


def band_keys(sig: LeanMinHash) -> list[str]:
    """The LSH band keys of a signature: two quotes that share one are candidate near-duplicates."""
    keys = []
    for band in range(BANDS):
        chunk = sig.hashvalues[band * ROWS:(band + 1) * ROWS]
        keys.append(f"{band}:{hashlib.blake2b(chunk.tobytes(), digest_size=8).hexdigest()}")
    return keys


def utterance_iri(first_report: str) -> URIRef:
    """An utterance is named after the first report that introduced it (stable while that report stays)."""
    return URIRef(UTTERANCE_BASE + hashlib.md5(first_report.encode("utf-8")).hexdigest()[:16])


@dataclass(frozen=True, slots=True)
class Report:
    """One statement as a report of an utterance: who said it, in which article, in which words."""

    statement: str  # IRI
    speaker: str  # IRI
    doc: str  # IRI of the article
    quote: str


@dataclass(frozen=True, slots=True)
class Assignment:
    """The utterance a statement reports, and the band keys stored with it for later lookups."""

    utterance: str
    bands: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A stored statement the lookup found, with its utterance (and its signature when the lookup kept it)."""

    report: Report
    utterance: str
    signature: LeanMinHash | None = None


# (band key, speaker IRI) pairs → the stored reports of that speaker that share that band key; a lookup may
# give only the representatives of each quote (graph/utterance_rows.py), as `_Quote` keeps them
Lookup = Callable[[Sequence[tuple[str, str]]], list[StoredReport]]


def quote_key(speaker: str, sig: LeanMinHash) -> bytes:
    """One speaker's one signature: the reports that share it score alike against any quote."""
    return hashlib.blake2b(speaker.encode("utf-8") + b"\0" + sig.hashvalues.tobytes(), digest_size=16).digest()


@dataclass(slots=True)
class _Quote:
    """The reports of one speaker with one signature, kept as two representatives. Reports with the same
    signature score the same against any quote, and of those the matcher takes the first by IRI that is
    in another article: `first` is the first by IRI, `other` the first by IRI in another article than
    `first`'s, so whichever article asks, one of them is its answer. A quote repeated a thousand times
    costs one comparison, not a thousand."""

    signature: LeanMinHash
    first: Report
    first_utterance: str
    other: Report | None = None
    other_utterance: str = ""

    def add(self, report: Report, utterance: str) -> None:
        if report.statement < self.first.statement:
            if report.doc != self.first.doc:
                self.other, self.other_utterance = self.first, self.first_utterance
            self.first, self.first_utterance = report, utterance
        elif report.doc != self.first.doc and (self.other is None or report.statement < self.other.statement):
            self.other, self.other_utterance = report, utterance

    def candidate(self, doc: str) -> tuple[str, str] | None:
        """(statement, utterance) of the first report by IRI outside the article `doc`, if any."""
        if self.first.doc != doc:
            return self.first.statement, self.first_utterance
        if self.other is not None:
            return self.other.statement, self.other_utterance
        return None


class UtteranceIndex:
    """Assigns statements to utterances: the utterance of an earlier near-duplicate by the same speaker
    in another article, else a new one. One index serves a whole ingest, so copies within it meet too."""

    def __init__(self, lookup: Lookup | None = None, threshold: float = THRESHOLD) -> None:
        self.lookup = lookup
        self.threshold = threshold
        lsh = _PARAMETERS if threshold == THRESHOLD else MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._params = (lsh.b, lsh.r)
        # one LSH index per speaker: only one speaker's quotes can be reports of one utterance, and a shared
        # index would hand every query the look-alike quotes of all speakers (set phrases, boilerplate),
        # a candidate list that grows with the ingest and made it quadratic (bench/dedup.py); its keys are
        # quotes (one per speaker and signature), not reports, so that copies of one quote do not pile up
        self._lsh: dict[str, MinHashLSH] = {}
        self._quotes: dict[bytes, _Quote] = {}
        self._utterance_of: dict[str, str] = {}  # statement IRI → utterance, for every report seen

    def _index(self, speaker: str) -> MinHashLSH:
        index = self._lsh.get(speaker)
        if index is None:
            index = self._lsh[speaker] = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM, params=self._params)
        return index

    def assign(self, reports: Sequence[Report]) -> dict[str, Assignment]:
        """statement IRI → its utterance for `reports`, in their order (earlier reports name the utterance)."""
        signatures = [signature(r.quote) for r in reports]
        bands = [tuple(band_keys(sig)) for sig in signatures]
        if self.lookup is not None:  # the same speaker's stored look-alikes only: other speakers' never match
            pairs = sorted({(k, r.speaker) for r, keys in zip(reports, bands) for k in keys})
            computed: dict[str, LeanMinHash] = {}
            for stored in self.lookup(pairs) if pairs else []:
                sig = stored.signature
                if sig is None:
                    sig = computed.get(stored.report.quote) or computed.setdefault(stored.report.quote,
                                                                                   signature(stored.report.quote))
                self._remember(stored.report, sig, stored.utterance)
        assigned: dict[str, Assignment] = {}
        for report, sig, keys in zip(reports, signatures, bands):
            utterance = self._utterance_of.get(report.statement)
            if utterance is None:
                utterance = self._match(report, sig) or str(utterance_iri(report.statement))
                self._remember(report, sig, utterance)
            assigned[report.statement] = Assignment(utterance, keys)
        return assigned

    def _match(self, report: Report, sig: LeanMinHash) -> str:
        best, best_score, best_statement = "", 0.0, ""
        for key in self._index(report.speaker).query(sig):
            quote = self._quotes[key]
            found = quote.candidate(report.doc)
            if found is None:
                continue
            statement, utterance = found
            score = sig.jaccard(quote.signature)
            if score >= self.threshold and (score > best_score or (score == best_score and statement < best_statement)):
                best, best_score, best_statement = utterance, score, statement
        return best

    def _remember(self, report: Report, sig: LeanMinHash, utterance: str) -> None:
        if report.statement in self._utterance_of:
            return
        self._utterance_of[report.statement] = utterance
        key = quote_key(report.speaker, sig)
        quote = self._quotes.get(key)
        if quote is None:
            self._quotes[key] = _Quote(sig, report, utterance)
            self._index(report.speaker).insert(key, sig)
        else:
            quote.add(report, utterance)


_STORED = PREFIXES + """\
SELECT ?st ?speaker ?quote ?d ?u WHERE {
  VALUES (?band ?speaker) { %(pairs)s }
  GRAPH ?g { ?st dg:minhashBand ?band ; dg:speaker ?speaker ; dg:quote ?quote ; dg:inDocument ?d ; dg:utterance ?u }
}
"""


def store_lookup(select: Callable[[str], list]) -> Lookup:
    """A Lookup that asks the store for the statements of a speaker sharing a band key with one of the
    speaker's new statements (indexed queries of 2,000 pairs)."""

    def lookup(pairs: Sequence[tuple[str, str]]) -> list[StoredReport]:
        found: dict[str, StoredReport] = {}
        for start in range(0, len(pairs), 2000):
            block = " ".join(f"({term(Literal(k))} {term(URIRef(speaker))})" for k, speaker in pairs[start:start + 2000])
            for row in select(_STORED % {"pairs": block}):
                report = Report(statement=str(row.st), speaker=str(row.speaker), doc=str(row.d), quote=str(row.quote))
                found.setdefault(report.statement, StoredReport(report, str(row.u)))
        return list(found.values())

    return lookup


