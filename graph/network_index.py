"""The actor network kept in the statements index's SQLite database, so that it is not rebuilt from the store.

Building the `actors` view reads the whole store (4 s at 1M triples, 28 s at 5M), and every write made
it stale. Here its raw rows (graph/network_rows.py) are kept per document graph, and the own positions
per holder, in tables beside the statements index (graph/statement_index.py). A write replaces the rows
of the documents it touched and the positions of the actors those documents name (before and after
the write), nothing else; opening the network reads the tables back (no store query) and assembles it
with the same code as the store path. Like the statements index it is derived data: rebuilt whole by
`diplograph index rebuild`, after a SPARQL update, or when its tables are missing, older or were left
behind by a write that did not finish (the `network` meta row holds NETWORK_VERSION when it is in step).

Tables: `network_actors` (graph × actor it names as speaker, addressee, participant, holder or
claimant), `network_speakers` (graph × speaker × statement), `network_topics` (graph × topic ×
statement × the article's date), `network_speech` (statements addressed to someone, claims about
someone), `network_events` (event × participant), `network_positions` (own positions as edges, their
attributes as JSON), `network_evidence` (own position × evidence statement) and `network_nodes` (label,
actor type and role of every actor and topic named).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from .network_rows import Node, NetworkRows, Participation, Position, Speech
from .statement_index import StatementIndex

NETWORK_VERSION = "1"
# A position edge's evidence statements, one row each: a write adds the rows of its new reports, where a JSON list
# in the edge's attributes was rewritten whole by every write that added a report to the position (100 kB for one
# popular position at 5M triples). Edges kept before this table carry their list in the JSON: copied into the rows
# when the table is made, and read with them until the edge is next written.
_EVIDENCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS network_evidence(position TEXT NOT NULL, statement TEXT NOT NULL,
  PRIMARY KEY(position, statement)) WITHOUT ROWID;
"""
_TABLES = ("network_actors", "network_speakers", "network_topics", "network_speech", "network_events")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS network_actors(graph TEXT NOT NULL, actor TEXT NOT NULL, PRIMARY KEY(graph, actor)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS network_speakers(graph TEXT NOT NULL, speaker TEXT NOT NULL, st TEXT NOT NULL,
  PRIMARY KEY(graph, speaker, st)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS network_topics(graph TEXT NOT NULL, topic TEXT NOT NULL, st TEXT NOT NULL, date TEXT NOT NULL,
  PRIMARY KEY(graph, topic, st, date)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS network_speech(graph TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
  claim INTEGER NOT NULL, st TEXT NOT NULL, stance TEXT NOT NULL, call INTEGER NOT NULL, date TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS network_speech_graph ON network_speech(graph);
CREATE TABLE IF NOT EXISTS network_events(graph TEXT NOT NULL, event TEXT NOT NULL, kind TEXT NOT NULL, who TEXT NOT NULL,
  role TEXT NOT NULL, date TEXT NOT NULL, place TEXT NOT NULL, status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS network_events_graph ON network_events(graph);
CREATE TABLE IF NOT EXISTS network_positions(iri TEXT PRIMARY KEY, holder TEXT NOT NULL, topic TEXT NOT NULL,
  attributes TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS network_positions_holder ON network_positions(holder);
CREATE TABLE IF NOT EXISTS network_nodes(iri TEXT PRIMARY KEY, label TEXT NOT NULL, type TEXT NOT NULL,
  role TEXT NOT NULL) WITHOUT ROWID;
"""
# What a path lookup reads a neighbourhood by (graph/network_neighbours.py): every table by its endpoints.
PATH_INDEXES = """
CREATE INDEX IF NOT EXISTS network_actors_of ON network_actors(actor);
CREATE INDEX IF NOT EXISTS network_topics_of ON network_topics(topic);
CREATE INDEX IF NOT EXISTS network_speech_from ON network_speech(source, target);
CREATE INDEX IF NOT EXISTS network_speech_to ON network_speech(target, source);
CREATE INDEX IF NOT EXISTS network_events_of ON network_events(who, event);
CREATE INDEX IF NOT EXISTS network_events_with ON network_events(event, who);
CREATE INDEX IF NOT EXISTS network_positions_on ON network_positions(topic, holder);
"""


def state(index: StatementIndex) -> str:
    """"" when the kept network is in step with the store, else why not (one line)."""
    with index._lock:
        try:
            found = index._meta("network")
        except Exception as error:  # a missing or damaged file: the caller builds from the store
            return f"the kept network cannot be read ({error})"
    if found is None:
        return "the kept network is missing"
    if found != NETWORK_VERSION:
        return "the kept network is behind the store" if found == "dirty" else \
            f"the kept network has version {found}, this version uses {NETWORK_VERSION}"
    return ""


def mark_dirty(index: StatementIndex) -> None:
    """Before a write: until `replace(..., finish=True)` the kept network may be behind the store."""
    with index._lock:
        index._connect().execute("INSERT OR REPLACE INTO meta VALUES ('network', 'dirty')")


def speakers_of(index: StatementIndex, graphs: Iterable[str]) -> set[str]:
    """The speakers the kept rows of these document graphs hold: the holders whose own positions a
    write of these documents may change (an own position's holder is its statements' speaker)."""
    with index._lock:
        db = index._connect()
        _tables(db)
        found: set[str] = set()
        for graph in graphs:
            found |= {r[0] for r in db.execute("SELECT DISTINCT speaker FROM network_speakers WHERE graph = ?", (graph,))}
        return found


def replace(index: StatementIndex, graphs: Iterable[str] | None, holders: Iterable[str] | None, rows: NetworkRows,
            *, finish: bool = True) -> None:
    """In one transaction: forget the rows of `graphs` (None: all) and the positions of `holders` (None:
    all), store `rows`; with `finish`, mark the kept network in step with the store."""
    with index._lock:
        db = index._connect()
        _tables(db)
        db.execute("BEGIN IMMEDIATE")
        try:
            if graphs is None:
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table}")  # noqa: S608 - table names are constants
            else:
                gone = [(g,) for g in graphs]
                for table in _TABLES:
                    db.executemany(f"DELETE FROM {table} WHERE graph = ?", gone)  # noqa: S608
            if holders is None:
                db.execute("DELETE FROM network_positions")
                db.execute("DELETE FROM network_evidence")
            else:
                gone = [(h,) for h in holders]
                db.executemany("DELETE FROM network_evidence WHERE position IN "
                               "(SELECT iri FROM network_positions WHERE holder = ?)", gone)
                db.executemany("DELETE FROM network_positions WHERE holder = ?", gone)
            db.executemany("INSERT OR IGNORE INTO network_actors VALUES (?, ?)", rows.actors)
            db.executemany("INSERT OR IGNORE INTO network_speakers VALUES (?, ?, ?)", rows.speakers)
            db.executemany("INSERT OR IGNORE INTO network_topics VALUES (?, ?, ?, ?)", rows.topics)
            db.executemany("INSERT INTO network_speech VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(g, *s) for g, s in rows.speech])
            db.executemany("INSERT INTO network_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(g, *e) for g, e in rows.events])
            db.executemany("INSERT OR REPLACE INTO network_positions VALUES (?, ?, ?, ?)",
                           [(p.iri, p.holder, p.topic, _stored(p.attributes)) for p in rows.positions])
            db.executemany("INSERT OR IGNORE INTO network_evidence VALUES (?, ?)",
                           [(p.iri, st) for p in rows.positions for st in p.attributes.get("evidence", ())])
            db.executemany("INSERT OR REPLACE INTO network_nodes VALUES (?, ?, ?, ?)", list(rows.nodes.values()))
            if finish:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('network', ?)", (NETWORK_VERSION,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def load(index: StatementIndex) -> NetworkRows:
    """Every kept row (no store query): what `network_rows.assemble` turns into the actor network."""
    with index._lock:
        db = index._connect()
        rows = NetworkRows()
        rows.actors = db.execute("SELECT graph, actor FROM network_actors").fetchall()
        rows.speakers = db.execute("SELECT graph, speaker, st FROM network_speakers").fetchall()
        rows.topics = db.execute("SELECT graph, topic, st, date FROM network_topics").fetchall()
        rows.speech = [(r[0], Speech(r[1], r[2], bool(r[3]), r[4], r[5], bool(r[6]), r[7]))
                       for r in db.execute("SELECT * FROM network_speech")]
        rows.events = [(r[0], Participation(*r[1:])) for r in db.execute("SELECT * FROM network_events")]
        evidence: dict[str, list[str]] = {}
        if _has_evidence(db):
            for position, statement in db.execute("SELECT position, statement FROM network_evidence"):
                evidence.setdefault(position, []).append(statement)
        rows.positions = [Position(r[0], r[1], r[2], _attributes(r[3], evidence.get(r[0], ())))
                          for r in db.execute("SELECT iri, holder, topic, attributes FROM network_positions")]
        rows.nodes = {r[0]: Node(*r) for r in db.execute("SELECT iri, label, type, role FROM network_nodes")}
        return rows


def evidence_of(db: sqlite3.Connection, position: str) -> list[str]:
    """The evidence statements of one position edge kept in rows (its JSON may hold more: `_attributes`)."""
    if not _has_evidence(db):
        return []
    return [r[0] for r in db.execute("SELECT statement FROM network_evidence WHERE position = ?", (position,))]


def _has_evidence(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'network_evidence'").fetchone() is not None


def _stored(attributes: dict) -> str:
    """A position edge's attributes as kept: all but its evidence (rows of network_evidence)."""
    return json.dumps({k: v for k, v in attributes.items() if k != "evidence"})


def _attributes(text: str, evidence: Iterable[str]) -> dict:
    """A position edge's attributes as kept, with its evidence rows (and the list an edge kept before them
    carries in its JSON): JSON gives lists back where the edge holds tuples."""
    found = json.loads(text)
    found["dates"] = tuple(found["dates"])
    found["evidence"] = tuple(sorted(set(found.get("evidence", ())) | set(evidence)))
    found["stance_spells"] = tuple(tuple(s) for s in found["stance_spells"])
    return found


def searchable(index: StatementIndex) -> bool:
    """Whether path lookups can read the kept network by neighbourhood: its endpoint indexes exist, created
    now when missing (an index written before them; a read-only one without them answers from the whole network)."""
    with index._lock:
        db = index._connect()
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'network_positions_on'").fetchone():
            return True
        if index.read_only:
            return False
        _tables(db)
        return True


def _tables(db: sqlite3.Connection) -> None:
    """The network's tables, created beside the statements index's own (an index built before them has none),
    and their endpoint indexes."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'network_positions'").fetchone():
        db.executescript(_SCHEMA)
    if not _has_evidence(db):  # an edge kept before the rows: its list is copied into them (the JSON is left)
        db.executescript(_EVIDENCE_SCHEMA)
        db.execute("INSERT OR IGNORE INTO network_evidence SELECT p.iri, e.value FROM network_positions p, "
                   "json_each(p.attributes, '$.evidence') e")
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'network_positions_on'").fetchone():
        db.executescript(PATH_INDEXES)
