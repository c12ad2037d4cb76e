"""The near-duplicate lookup of the statements index: one row per quote, not per report.

Finding the stored reports of a new quote through its band keys in SPARQL (utterances.store_lookup)
hands back every stored copy of every look-alike quote: a wire story republished a thousand times is a
thousand candidates for each new copy, so each write cost more as the archive grew. Copies that share
a speaker and a MinHash signature score alike against any quote, and the matcher takes the first of
them by IRI (graph/utterances.py, `_Quote`). So the index keeps each speaker's signature once
(`quotes`: the signature and its band keys in `quote_bands`) and its reports in `reports`, and a
lookup answers each quote with its first report by IRI: one B-tree probe per band key and one per
quote found, however many copies are stored. A stored report is never in the article being added
(that article is new, else its statements would not be looked up), so the first report is the answer.
`reports` is also where the positions index finds the utterance an evidence statement reports
(graph/position_index.py joins it by statement): the one table of statement → utterance.
"""
from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Sequence

from datasketch import LeanMinHash

from .index_reads import IndexedDocument
from .utterances import Report, StoredReport, band_keys, quote_key, signature

SCHEMA = """
CREATE TABLE quotes(quote BLOB PRIMARY KEY, speaker TEXT NOT NULL, signature BLOB NOT NULL, text TEXT NOT NULL)
  WITHOUT ROWID;
CREATE TABLE quote_bands(band TEXT NOT NULL, speaker TEXT NOT NULL, quote BLOB NOT NULL,
  PRIMARY KEY(band, speaker, quote)) WITHOUT ROWID;
CREATE TABLE reports(quote BLOB NOT NULL, statement TEXT NOT NULL, doc TEXT NOT NULL, utterance TEXT NOT NULL,
  PRIMARY KEY(quote, statement)) WITHOUT ROWID;
CREATE INDEX reports_of_doc ON reports(doc);
CREATE INDEX reports_of_statement ON reports(statement);
"""
_PAIRS = 400  # (band, speaker) pairs per query: 800 parameters, under SQLite's oldest limit of 999
SEED = 1  # utterances.signature's seed


def store(db: sqlite3.Connection, document: IndexedDocument) -> None:
    """Add the reports of one document: those statements that report an utterance (older stores: none)."""
    said = dict(document.utterances)
    for item in document.statements:
        row = item.row
        utterance = said.get(row.iri)
        if utterance is None:
            continue
        sig = signature(row.text)
        key = quote_key(row.speaker_id, sig)
        if db.execute("INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?)",
                      (key, row.speaker_id, sig.hashvalues.tobytes(), row.text)).rowcount:
            db.executemany("INSERT OR IGNORE INTO quote_bands VALUES (?, ?, ?)",
                           [(band, row.speaker_id, key) for band in band_keys(sig)])
        db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?)", (key, row.iri, row.doc_iri, utterance))


def forget(db: sqlite3.Connection, docs: Sequence[str]) -> None:
    """Drop the reports of these documents, and the quotes (with their band keys) left without a report."""
    quotes: set[bytes] = set()
    for doc in docs:
        quotes.update(r[0] for r in db.execute("SELECT quote FROM reports WHERE doc = ?", (doc,)))
    db.executemany("DELETE FROM reports WHERE doc = ?", [(d,) for d in docs])
    for key in sorted(quotes):
        if db.execute("SELECT 1 FROM reports WHERE quote = ? LIMIT 1", (key,)).fetchone() is not None:
            continue
        speaker, hashvalues = db.execute("SELECT speaker, signature FROM quotes WHERE quote = ?", (key,)).fetchone()
        db.executemany("DELETE FROM quote_bands WHERE band = ? AND speaker = ? AND quote = ?",
                       [(band, speaker, key) for band in band_keys(_signature(hashvalues))])
        db.execute("DELETE FROM quotes WHERE quote = ?", (key,))


def lookup(db: sqlite3.Connection, pairs: Sequence[tuple[str, str]]) -> list[StoredReport]:
    """The first stored report by IRI of each quote of a speaker that shares a band key with the pairs."""
    quotes: set[bytes] = set()
    for start in range(0, len(pairs), _PAIRS):
        block = pairs[start:start + _PAIRS]
        sql = ("WITH p(band, speaker) AS (VALUES " + ", ".join("(?, ?)" for _ in block) + ") "
               "SELECT DISTINCT b.quote FROM p JOIN quote_bands b ON b.band = p.band AND b.speaker = p.speaker")
        quotes.update(r[0] for r in db.execute(sql, [v for pair in block for v in pair]))
    found = []
    for key in sorted(quotes):
        stored = db.execute("SELECT q.speaker, q.signature, r.statement, r.doc, r.utterance, q.text FROM quotes q "
                            "JOIN reports r ON r.quote = q.quote WHERE q.quote = ? ORDER BY r.statement LIMIT 1",
                            (key,)).fetchone()
        if stored is None:
            continue
        speaker, hashvalues, statement, doc, utterance, text = stored
        found.append(StoredReport(Report(statement=statement, speaker=speaker, doc=doc, quote=text), utterance,
                                  _signature(hashvalues)))
    return found


def _signature(hashvalues: bytes) -> LeanMinHash:
    values = array("Q")
    values.frombytes(hashvalues)
    return LeanMinHash(seed=SEED, hashvalues=values)


def reports_of(db: sqlite3.Connection, doc: str) -> set[tuple[str, str]]:
    """(statement, utterance) of one document's reports as the index keeps them (the drift check)."""
    return set(db.execute("SELECT statement, utterance FROM reports WHERE doc = ?", (doc,)).fetchall())


def counts(db: sqlite3.Connection) -> tuple[int, int]:
    """(quotes, reports) kept: how much the lookup holds (bench and tests)."""
    return (db.execute("SELECT COUNT(*) FROM quotes").fetchone()[0], db.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
