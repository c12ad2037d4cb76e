"""The statements index: every statement of the store in an embedded SQLite database (stdlib sqlite3).

A lookup of statements by topic, speaker, stance, kind, document, dates and words, sorted and paged,
costs in SPARQL a sort of every match (Oxigraph reads them all before it cuts the page); here it
walks a B-tree in the asked order and stops at the end of the page. It is derived data: rebuilt from
the RDF store by `diplograph index rebuild`, kept in step by every write (graph/index_sync.py),
checked by `diplograph index check`.

Where it lives: `oxigraph:PATH` keeps it in PATH/diplograph-index.sqlite (inside the store's
directory, so copying or backing up the directory keeps both together; Oxigraph's RocksDB leaves
files it does not own alone); `memory` keeps it in memory; a remote `sparql:` store has none (others
may write that server), and its lookups stay SPARQL queries.

Tables: `statements` (one row per statement, every StatementRow field), `topics` (statement × topic
IRI, the statement's own topics, contrasted ones included, and every broader topic, so that a topic
with its narrower topics is one key of an index sorted like the page), `documents`, `mentions`
(document × actor named), `graphs` (quads per named graph: the triple count without counting),
`words` (FTS5, trigram tokens: any substring of three or more characters of the quote or the
sentence, case-insensitive, found without a scan) and `meta` (schema version, counts, the dirty flag).
"""
from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from diplograph.ontology.terms import TOPIC

from . import utterance_rows
from .index_reads import IndexedDocument
from .position_index import SCHEMA as POSITIONS_SCHEMA
from .position_index import create as create_positions
from .results import Counts, StatementRow
from .topic_scope import on_topic
from .utterances import StoredReport

SCHEMA_VERSION = "2"  # 2: positions, utterances and actors tables (graph/position_index.py)
FILE_NAME = "diplograph-index.sqlite"
CACHE_KB = 64 * 1024  # SQLite's page cache per connection (its default is 2 MB)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE documents(iri TEXT PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX documents_name ON documents(name);
CREATE INDEX documents_hash ON documents(hash);
CREATE TABLE mentions(actor TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY(actor, doc)) WITHOUT ROWID;
CREATE INDEX mentions_doc ON mentions(doc);
CREATE TABLE graphs(iri TEXT PRIMARY KEY, quads INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE statements(
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL, doc_iri TEXT NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
  published TEXT NOT NULL, date TEXT NOT NULL, url TEXT NOT NULL, speaker TEXT NOT NULL,
  speaker_key TEXT NOT NULL, speaker_id TEXT NOT NULL, kind TEXT NOT NULL, quote TEXT NOT NULL,
  cue TEXT NOT NULL, stance TEXT NOT NULL, topics TEXT NOT NULL, addressees TEXT NOT NULL,
  sentence TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, confidence REAL NOT NULL);
CREATE INDEX statements_in_doc ON statements(doc_iri, start, "end");
CREATE INDEX statements_by_doc ON statements(name, doc_iri, start, "end", iri);
CREATE INDEX statements_by_date ON statements(date, name, start, "end", iri);
CREATE INDEX statements_by_newest ON statements(date DESC, name, start, "end", iri);
CREATE INDEX statements_by_speaker ON statements(speaker_key, name, start, "end", iri);
CREATE INDEX statements_by_confidence ON statements(confidence, name, start, "end", iri);
CREATE INDEX statements_by_most_confident ON statements(confidence DESC, name, start, "end", iri);
CREATE INDEX speaker_by_doc ON statements(speaker_id, name, doc_iri, start, "end", iri);
CREATE INDEX speaker_by_date ON statements(speaker_id, date, name, start, "end", iri);
CREATE INDEX speaker_by_newest ON statements(speaker_id, date DESC, name, start, "end", iri);
CREATE TABLE topics(
  topic TEXT NOT NULL, sid INTEGER NOT NULL, date TEXT NOT NULL, name TEXT NOT NULL, doc_iri TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, iri TEXT NOT NULL, PRIMARY KEY(topic, sid)) WITHOUT ROWID;
CREATE INDEX topics_of ON topics(sid);
CREATE INDEX topic_by_doc ON topics(topic, name, doc_iri, start, "end", iri);
CREATE INDEX topic_by_date ON topics(topic, date, name, start, "end", iri);
CREATE INDEX topic_by_newest ON topics(topic, date DESC, name, start, "end", iri);
CREATE VIRTUAL TABLE words USING fts5(quote, sentence, content='statements', content_rowid='id', tokenize='trigram');
CREATE TRIGGER words_add AFTER INSERT ON statements BEGIN
  INSERT INTO words(rowid, quote, sentence) VALUES (new.id, new.quote, new.sentence); END;
CREATE TRIGGER words_drop AFTER DELETE ON statements BEGIN
  INSERT INTO words(words, rowid, quote, sentence) VALUES ('delete', old.id, old.quote, old.sentence); END;
"""
_SCHEMA += utterance_rows.SCHEMA  # the near-duplicate lookup's tables: one row per quote (graph/utterance_rows.py)
# The version names the tables too (the positions' of graph/position_index.py among them), so that an index written with other tables reads as older and is rebuilt.
SCHEMA_VERSION = f"{SCHEMA_VERSION}.{hashlib.sha256((_SCHEMA + POSITIONS_SCHEMA).encode()).hexdigest()[:8]}"

# The sort of each order (a leading - is newest/highest first); ties as the SPARQL lookup breaks them.
ORDERS: dict[str, tuple[str, ...]] = {
    "doc": ("name", "doc_iri", "start", '"end"', "iri"),
    "date": ("date", "name", "start", '"end"', "iri"),
    "-date": ("date DESC", "name", "start", '"end"', "iri"),
    "speaker": ("speaker_key", "name", "start", '"end"', "iri"),
    "confidence": ("confidence", "name", "start", '"end"', "iri"),
    "-confidence": ("confidence DESC", "name", "start", '"end"', "iri"),
}
_TOPIC_COLUMNS = {"date", "name", "doc_iri", "start", '"end"', "iri"}
_ROW = ("s.iri, s.name, s.doc_iri, s.title, s.published, s.date, s.url, s.speaker, s.speaker_id, s.kind, s.quote, "
        "s.cue, s.stance, s.topics, s.addressees, s.sentence, s.start, s.\"end\", s.confidence")
CHANGED = "2"  # the dirty flag's value after a SPARQL update made behind the index's back
MIN_WORD = 3  # characters: shorter words are looked for by a scan (trigram tokens are three characters)


class IndexUnavailable(Exception):
    """The index cannot answer (missing, older schema, stale or damaged): the message says which."""


class StatementIndex:
    """One SQLite database of statements; every method is safe to call from several threads."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None

    @property
    def where(self) -> str:
        return str(self.path) if self.path is not None else "memory"

    # -- the database ------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            if self.path is None:
                self._db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            elif self.read_only:
                if not self.path.exists():
                    raise IndexUnavailable(f"no statements index at {self.path}")
                self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False,
                                           isolation_level=None)
            else:
                self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            # a write puts rows into a dozen B-trees at keys spread over the file (IRIs, speakers, dates, words):
            # with SQLite's default 2 MB cache most of their pages are read again on every write once the file
            # outgrows it (900 MB at 5M triples); pages are cached as they are used, up to CACHE_KB
            self._db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
        return self._db

    def state(self) -> str:
        """"" when the index can answer, else why not (one line)."""
        with self._lock:
            try:
                version = self._meta("schema")
                if version is None:
                    return "the statements index is missing"
                if version != SCHEMA_VERSION:
                    return f"the statements index has schema {version}, this version uses {SCHEMA_VERSION}"
                dirty = self._meta("dirty")
                if dirty == CHANGED:
                    return "the store was changed by a SPARQL update"
                if dirty != "0":
                    return "the statements index is behind the store (a write did not finish)"
                return ""
            except IndexUnavailable as error:
                return str(error)
            except sqlite3.Error as error:
                return f"the statements index cannot be read ({error})"

    def _meta(self, key: str) -> str | None:
        db = self._connect()
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            return None
        found = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return found[0] if found else None

    def reset(self) -> None:
        """An empty index of the current schema, marked dirty until `finish` (a damaged file is replaced)."""
        with self._lock:
            self.close()
            if self.path is not None:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(str(self.path) + suffix).unlink(missing_ok=True)
            db = self._connect()
            db.executescript(_SCHEMA)
            create_positions(db)
            db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", SCHEMA_VERSION), ("dirty", "1")])

    def mark_dirty(self, value: str = "1") -> None:
        """Before a write to the store: until `finish`, the index may be behind it (a crash leaves it so);
        CHANGED: the store was changed behind the index's back (a SPARQL update): rebuilt when next used."""
        with self._lock:
            self._connect().execute("UPDATE meta SET value = ? WHERE key = 'dirty'", (value,))

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """While a rebuild fills the empty index: the secondary indexes and the words triggers are
        dropped, then made again and the words index built in one pass (six times faster than keeping
        ten B-trees and the trigram index up to date row by row). The index stays dirty meanwhile."""
        with self._lock:
            db = self._connect()
            made = db.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
                              "(type = 'index' OR (type = 'trigger' AND tbl_name = 'statements'))").fetchall()
            for kind, name, _ in made:
                db.execute(f'DROP {kind.upper()} "{name}"')
        try:
            yield
        finally:
            with self._lock:
                db = self._connect()
                for _, _, sql in made:
                    db.execute(sql)
                db.execute("INSERT INTO words(words) VALUES ('rebuild')")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # -- writing -----------------------------------------------------------------------------------

    def replace(self, docs: Iterable[str], found: Iterable[IndexedDocument], *, ancestors: dict[str, frozenset[str]],
                graphs: dict[str, int], dropped_graphs: Iterable[str] = (), finish: bool = True) -> None:
        """In one transaction: forget the documents `docs`, store `found` (their versions now in the
        store, and any others), set the sizes of `graphs`; with `finish`, recount and mark clean."""
        with self._lock:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                gone = [(d,) for d in docs]
                utterance_rows.forget(db, [d for (d,) in gone])
                db.executemany("DELETE FROM topics WHERE sid IN (SELECT id FROM statements WHERE doc_iri = ?)", gone)
                db.executemany("DELETE FROM statements WHERE doc_iri = ?", gone)
                db.executemany("DELETE FROM mentions WHERE doc = ?", gone)
                db.executemany("DELETE FROM documents WHERE iri = ?", gone)
                db.executemany("DELETE FROM graphs WHERE iri = ?", [(g,) for g in dropped_graphs])
                for document in found:
                    self._store(db, document, ancestors)
                db.executemany("INSERT OR REPLACE INTO graphs VALUES (?, ?)", list(graphs.items()))
                if finish:
                    self._finish(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _store(self, db: sqlite3.Connection, document: IndexedDocument, ancestors: dict[str, frozenset[str]]) -> None:
        db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                   (document.iri, document.name, document.content_hash))
        db.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?)", [(a, document.iri) for a in document.mentions])
        for item in document.statements:
            r = item.row
            cursor = db.execute(
                "INSERT INTO statements VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.iri, r.doc_iri, r.doc, r.title, r.published, r.date, r.url, r.speaker, item.speaker_key,
                 r.speaker_id, r.kind, r.text, r.cue, r.stance, "\t".join(r.topics), "\t".join(r.addressees),
                 r.sentence, r.start, r.end, r.confidence))
            topics: set[str] = set()
            for key in r.topics:
                iri = key if "://" in key else str(TOPIC) + key
                topics |= {iri} | ancestors.get(iri, frozenset())
            db.executemany("INSERT OR IGNORE INTO topics VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [(t, cursor.lastrowid, r.date, r.doc, r.doc_iri, r.start, r.end, r.iri) for t in topics])
        utterance_rows.store(db, document)

    def finish(self) -> None:
        """Recount and mark clean in a transaction of its own (after other tables were brought in step)."""
        with self._lock:
            db = self._connect()
            db.execute("BEGIN IMMEDIATE")
            try:
                self._finish(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _finish(self, db: sqlite3.Connection) -> None:
        """The counts /health reads, recounted from the index's own B-trees (no store query), and clean."""
        counts = {
            "documents": db.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "statements": db.execute("SELECT COUNT(*) FROM statements").fetchone()[0],
            "actors": db.execute("SELECT COUNT(DISTINCT actor) FROM mentions").fetchone()[0],
            "triples": db.execute("SELECT COALESCE(SUM(quads), 0) FROM graphs").fetchone()[0],
        }
        db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                       [(k, str(v)) for k, v in counts.items()] + [("dirty", "0")])

    # -- reading -----------------------------------------------------------------------------------

    def counts(self) -> Counts:
        """Documents, statements, actors named and triples, as kept on write (four meta rows)."""
        with self._lock:
            found = dict(self._connect().execute(
                "SELECT key, value FROM meta WHERE key IN ('documents', 'statements', 'actors', 'triples')").fetchall())
        return Counts(**{k: int(found.get(k, 0)) for k in ("documents", "statements", "actors", "triples")})

    def graph_quads(self, graphs: Iterable[str]) -> dict[str, int]:
        """The kept quad counts of `graphs` (0 for a graph the index has no row of)."""
        wanted = list(graphs)
        with self._lock:
            db = self._connect()
            return {g: int(found[0]) if found else 0
                    for g in wanted for found in [db.execute("SELECT quads FROM graphs WHERE iri = ?", (g,)).fetchone()]}

    def documents_named(self, ref: str) -> list[str]:
        """Documents whose IRI or file name is `ref`, or whose content hash starts with it (lower-cased)."""
        text = ref.strip()
        if not text:
            return []
        prefix = text.lower()
        with self._lock:
            rows = self._connect().execute(
                "SELECT iri FROM documents WHERE iri = ? UNION SELECT iri FROM documents WHERE name = ? "
                "UNION SELECT iri FROM documents WHERE hash >= ? AND hash < ?", (text, text, prefix, prefix + "\uffff"))
            return [r[0] for r in rows]

    def lookup(self, *, speakers: Sequence[str] | None = None, topic: str | None = None, stance: str | None = None,
               kind: str | None = None, docs: Sequence[str] | None = None, date_from: str | None = None,
               date_to: str | None = None, text: str | None = None, order: str = "doc", offset: int = 0,
               limit: int | None = None) -> list[StatementRow]:
        """One page of statements (filters checked and names resolved by the caller)."""
        sql, params = self.page_sql(speakers=speakers, topic=topic, stance=stance, kind=kind, docs=docs,
                                    date_from=date_from, date_to=date_to, text=text, order=order)
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        with self._lock:
            rows = self._connect().execute(sql, params).fetchall()
        return [_row(r) for r in rows]

    def page_sql(self, *, speakers: Sequence[str] | None = None, topic: str | None = None, stance: str | None = None,
                 kind: str | None = None, docs: Sequence[str] | None = None, date_from: str | None = None,
                 date_to: str | None = None, text: str | None = None, order: str = "doc") -> tuple[str, list[Any]]:
        """The SELECT of a lookup and its parameters (without LIMIT), also for EXPLAIN QUERY PLAN."""
        where: list[str] = []
        params: list[Any] = []

        def among(column: str, items: Sequence[str]) -> None:
            where.append(f"{column} IN ({', '.join('?' * len(items))})" if items else "0")
            params.extend(items)

        source = on_topic("statements s", "topics", "sid", topic, where, params)
        if speakers is not None:
            among("s.speaker_id", speakers)
        if docs is not None:
            among("s.doc_iri", docs)
        for column, value in (("s.stance", stance), ("s.kind", kind)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if date_from is not None:
            where.append("s.date != '' AND s.date >= ?")
            params.append(date_from)
        if date_to is not None:
            where.append("s.date != '' AND s.date <= ?")
            params.append(date_to)
        if text:
            if len(text) >= MIN_WORD:
                # `+`: the page is read in the order's index, the matches (one FTS5 lookup) only tested
                # against; without it SQLite fetches and sorts every match before the first row
                where.append("+s.id IN (SELECT rowid FROM words WHERE words MATCH ?)")
                params.append('"' + text.replace('"', '""') + '"')
            else:
                escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                where.append("(s.quote LIKE ? ESCAPE '\\' OR s.sentence LIKE ? ESCAPE '\\')")
                params += [f"%{escaped}%"] * 2
        table = "t" if topic is not None else "s"
        keys = []
        for key in ORDERS[order]:
            column = key.split()[0]
            keys.append(f"{table if table == 's' or column in _TOPIC_COLUMNS else 's'}.{key}")
        sql = f"SELECT {_ROW} FROM {source}" + (" WHERE " + " AND ".join(where) if where else "")
        return sql + " ORDER BY " + ", ".join(keys), params

    def stored_reports(self, pairs: Sequence[tuple[str, str]]) -> list[StoredReport]:
        """The near-duplicate lookup (graph/utterances.py's Lookup): for (band key, speaker IRI) pairs, the
        first stored report of each quote of that speaker sharing a band key with them."""
        with self._lock:
            return utterance_rows.lookup(self._connect(), pairs)

    def reports_of(self, doc: str) -> set[tuple[str, str]]:
        """(statement, utterance) of the reports of one document in the near-duplicate lookup (drift check)."""
        with self._lock:
            return utterance_rows.reports_of(self._connect(), doc)

    def explain(self, sql: str, params: Sequence[Any]) -> list[str]:
        """SQLite's plan of a query (tests and the bench check that pages are read in index order)."""
        with self._lock:
            return [r[3] for r in self._connect().execute("EXPLAIN QUERY PLAN " + sql, list(params))]

    def rows_of(self, doc: str) -> list[StatementRow]:
        """The stored rows of one document, by statement IRI (for the drift check)."""
        with self._lock:
            rows = self._connect().execute(f"SELECT {_ROW} FROM statements s WHERE s.doc_iri = ? ORDER BY s.iri",
                                           (doc,)).fetchall()
        return [_row(r) for r in rows]

    def all_documents(self) -> dict[str, tuple[str, str]]:
        with self._lock:
            return {r[0]: (r[1], r[2]) for r in self._connect().execute("SELECT iri, name, hash FROM documents")}

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file (after a rebuild it holds the whole index)."""
        with self._lock:
            if self.path is not None and not self.read_only:
                self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def size_on_disk(self) -> int:
        """Bytes of the index's files (the database and its write-ahead log)."""
        if self.path is None:
            return 0
        return sum(Path(str(self.path) + s).stat().st_size for s in ("", "-wal") if Path(str(self.path) + s).exists())


def _row(r: Sequence[Any]) -> StatementRow:
    return StatementRow(iri=r[0], doc=r[1], doc_iri=r[2], title=r[3], published=r[4], date=r[5], url=r[6],
                        speaker=r[7], speaker_id=r[8], kind=r[9], text=r[10], cue=r[11], stance=r[12],
                        topics=tuple(t for t in r[13].split("\t") if t),
                        addressees=tuple(a for a in r[14].split("\t") if a), sentence=r[15], start=r[16],
                        end=r[17], confidence=r[18])


def index_path(store_directory: Path) -> Path:
    """Where an `oxigraph:PATH` store keeps its statements index."""
    return store_directory / FILE_NAME
