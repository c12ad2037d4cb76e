"""Positions and actors in the statements index: a page of positions, a profile and a name lookup
without SPARQL.

A topic's positions or an actor's profile read from the positions graph in SPARQL cost every matching
position and every piece of its evidence before the page is cut (709 ms p95 for one topic at 1M
triples, growing with the archive). Here they are rows of the same SQLite database as the statements
(graph/statement_index.py), read through B-trees sorted like the pages: the cost grows with the page.

Tables (created beside the statements tables; the schema version is the statements index's):
`positions` (one row per position node, every PositionRow field but the evidence), `position_topics`
(position × its topic and every broader topic, so that a topic with its narrower ones is one key),
`position_evidence` (position × evidence statement, keyed in the history's date order, with the
columns the page shows of each report copied from its statements row and the utterance it reports from
the near-duplicate lookup's `reports` table, graph/utterance_rows.py: a position's reports are then
neighbours in one B-tree, read in a few pages, where reading each by IRI from the statements table cost
a cache miss per report once the file outgrew SQLite's cache, 3.3x slower pages at 5M triples than at
1M; every write that changes a document's statements rewrites the positions with evidence in it, so the
copies stay in step, and the drift check compares them with the store), `position_steps` (position × utterance: the running tally
of its reports, graph/summaries.py `Tally`, from which a write that adds reports recomputes the
position without reading its older evidence: graph/position_tallies.py), `actors` (the actor rows of the profile: names, type, roles, merges) and `actor_names`
(every label lower-cased → actor, for speaker and holder filters).

A write that only adds documents stores here the positions it computed from the tallies and the new
reports (`apply`); any other write (a removal, a replaced version, a merge) reads the positions of the
holder × topic pairs it touched back with SPARQL and recomputes their tallies from the stored evidence
(`replace`), so the index answers what position_rows.py answers; `diplograph index check` and
tests/graph/test_graph_position_index.py compare the two.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import replace as with_fields
from typing import Any

from rdflib import URIRef

from diplograph.ontology.terms import ACTOR

from .iris import ACTORS_GRAPH, graph_of
from .lookups import _ACTORS as _ACTOR_ROWS
from .lookups import ActorRow
from .position_rows import EvidenceRow, PositionCell, PositionRow, _local, _ordered, _text, outlet, topic_key
from .queries import ACTOR_TYPES, PREFIXES, term, values
from .topic_scope import on_topic
from .summaries import POSITIONS_GRAPH, Evidence, Summary, Tally, all_holders, position_iri, stored_evidence, tallies

Select = Callable[[str], list[Any]]
CHUNK = 200  # holders, pairs, actors or documents per SPARQL read

SCHEMA = """
CREATE TABLE IF NOT EXISTS positions(
  id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE, holder TEXT NOT NULL, holder_label TEXT, topic TEXT NOT NULL,
  topic_key TEXT NOT NULL, stance TEXT NOT NULL, reporter TEXT NOT NULL, reporter_label TEXT,
  claimed INTEGER NOT NULL, count INTEGER NOT NULL, reports INTEGER NOT NULL, undated INTEGER NOT NULL,
  shifts INTEGER NOT NULL, first_date TEXT NOT NULL, last_date TEXT NOT NULL, stances TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS positions_listed ON positions(holder_label, holder, topic, claimed, reporter_label, iri);
CREATE INDEX IF NOT EXISTS positions_of_holder ON positions(holder, claimed, count DESC, topic_key, reporter_label, iri);
CREATE INDEX IF NOT EXISTS positions_of_pair ON positions(holder, topic);
CREATE TABLE IF NOT EXISTS position_topics(
  topic TEXT NOT NULL, pid INTEGER NOT NULL, holder_label TEXT, holder TEXT NOT NULL, ptopic TEXT NOT NULL,
  claimed INTEGER NOT NULL, reporter_label TEXT, iri TEXT NOT NULL, PRIMARY KEY(topic, pid)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS position_topics_of ON position_topics(pid);
CREATE INDEX IF NOT EXISTS position_topics_listed ON position_topics(topic, holder_label, holder, ptopic, claimed,
  reporter_label, iri);
CREATE INDEX IF NOT EXISTS position_topics_claimed ON position_topics(topic, claimed, holder_label, holder, ptopic,
  reporter_label, iri);
CREATE TABLE IF NOT EXISTS position_evidence(
  pid INTEGER NOT NULL, day TEXT NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, statement TEXT NOT NULL,
  doc_iri TEXT NOT NULL, utterance TEXT NOT NULL, quote TEXT NOT NULL, sentence TEXT NOT NULL, stance TEXT NOT NULL,
  title TEXT NOT NULL, url TEXT NOT NULL, date TEXT NOT NULL, "end" INTEGER NOT NULL, confidence REAL NOT NULL,
  PRIMARY KEY(pid, day, name, start, statement)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS position_evidence_in ON position_evidence(doc_iri, pid);
CREATE TABLE IF NOT EXISTS position_steps(
  position TEXT NOT NULL, utterance TEXT NOT NULL, stance TEXT NOT NULL, confidence REAL NOT NULL,
  strong_day TEXT NOT NULL, strong_statement TEXT NOT NULL, first_day TEXT NOT NULL, first_statement TEXT NOT NULL,
  date TEXT NOT NULL, last_date TEXT NOT NULL, reports INTEGER NOT NULL, PRIMARY KEY(position, utterance)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actors(
  iri TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, role TEXT NOT NULL, wikidata TEXT NOT NULL,
  aliases TEXT NOT NULL, roles TEXT NOT NULL, merged_from TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_names(key TEXT NOT NULL, actor TEXT NOT NULL, PRIMARY KEY(key, actor)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_names_of ON actor_names(actor);
CREATE INDEX IF NOT EXISTS statements_iri ON statements(iri);
"""

_GRAPH = term(POSITIONS_GRAPH)
_ACTORS = term(ACTORS_GRAPH)
# Every triple of the positions selected (no OPTIONAL: Oxigraph would evaluate each optional part over the
# whole positions graph before joining it; a VALUES list of the wanted predicates made it 5x slower),
# their stance counts, and the labels of their actors.
_POSITION_TRIPLES = PREFIXES + f"""\
SELECT ?p ?x ?o WHERE {{ %(values)s GRAPH {_GRAPH} {{ ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; ?x ?o }} }}"""
_STANCE_COUNTS = PREFIXES + f"""\
SELECT ?p ?s ?n WHERE {{ %(values)s
  GRAPH {_GRAPH} {{ ?p a dg:Position ; dg:holder ?h ; dg:topic ?t ; dg:stanceCount ?c . ?c dg:stance ?s ; dg:count ?n }} }}"""
_LABELS = PREFIXES + f"SELECT ?a ?l WHERE {{ %(values)s GRAPH {_ACTORS} {{ ?a skos:prefLabel ?l }} }}"
_PAIRS_IN = PREFIXES + f"""\
SELECT DISTINCT ?h ?t WHERE {{ %(values)s GRAPH {_GRAPH} {{ ?p dg:reportedIn ?d ; dg:holder ?h ; dg:topic ?t }} }}"""
_ACTORS_IN = PREFIXES + f"""\
SELECT DISTINCT ?a WHERE {{ %(values)s GRAPH ?g {{ ?x ?y ?a }} FILTER(STRSTARTS(STR(?a), "{ACTOR}")) }}"""
_NAMES = PREFIXES + """\
SELECT DISTINCT ?a ?label WHERE { %(values)s VALUES ?type { %(types)s }
  ?a a ?type ; skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }"""
_ALL_ACTORS = PREFIXES + """\
SELECT DISTINCT ?a WHERE { VALUES ?type { %(types)s } ?a a ?type }"""
_ROLES_AND_MERGES = PREFIXES + f"""\
SELECT ?a ?role ?merged WHERE {{ %(values)s GRAPH {_ACTORS} {{ {{ ?a dg:role ?role }} UNION {{ ?merged dg:mergedInto ?a }} }} }}"""
# An evidence row as stored: its place in the history's order, then the columns the page shows, copied from the
# statements table and the utterance from `reports` (a statement that reports none is its own utterance).
_EVIDENCE_ROW = ("CASE WHEN substr(s.date, 1, 10) = '' THEN '9999' ELSE substr(s.date, 1, 10) END, s.name, s.start, "
                 "s.iri, s.doc_iri, COALESCE((SELECT utterance FROM reports WHERE statement = s.iri), s.iri), s.quote, "
                 "s.sentence, s.stance, s.title, s.url, s.date, s.\"end\", s.confidence")
_EVIDENCE_COLUMNS = "statement, utterance, quote, sentence, stance, name, doc_iri, title, url, date, start, \"end\", confidence"
_POSITION_COLUMNS = ("p.id, p.iri, p.holder, p.holder_label, p.topic_key, p.stance, p.reporter, p.reporter_label, "
                     "p.claimed, p.count, p.first_date, p.last_date, p.reports, p.undated, p.stances, p.shifts")
LISTED = ("holder_label", "holder", "{topic}", "claimed", "reporter_label", "iri")  # the SPARQL lookup's order


@dataclass(frozen=True, slots=True)
class PositionPage:
    """One page of positions and how many match in all (the page is cut from them)."""

    rows: tuple[PositionRow, ...]
    total: int


@dataclass(frozen=True, slots=True)
class EvidencePage:
    """Some of one position's reports, in date order, and how many it has in all."""

    rows: tuple[EvidenceRow, ...]
    total: int


def create(db: sqlite3.Connection) -> None:
    """The tables of this module, in an index whose statements tables exist (idempotent)."""
    db.executescript(SCHEMA)


def pair_values(pairs: Sequence[tuple[str, str]]) -> str:
    return "VALUES (?h ?t) { %s }" % " ".join(f"({term(URIRef(h))} {term(URIRef(t))})" for h, t in pairs)


# -- reading from the store -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredPosition:
    """One position node as the store holds it, with its evidence statements."""

    iri: str
    holder: str
    holder_label: str | None
    topic: str
    stance: str
    reporter: str
    reporter_label: str | None
    claimed: bool
    count: int
    reports: int
    undated: int
    shifts: int
    first_date: str
    last_date: str
    stances: dict[str, int]
    evidence: tuple[str, ...]


def stored_position(s: Summary) -> StoredPosition:
    """A computed summary as the index stores it (labels unset; its evidence as the summary carries it)."""
    return StoredPosition(
        iri=s.iri, holder=s.holder, holder_label=None, topic=s.topic, stance=s.stance, reporter=s.reporter,
        reporter_label=None, claimed=s.claimed, count=s.utterances, reports=s.reports, undated=s.undated,
        shifts=len(s.shifts), first_date=s.first_date, last_date=s.last_date, stances=_ordered(s.stances),
        evidence=s.evidence)


def read_positions(select: Select, scope: str) -> list[StoredPosition]:
    """The positions a VALUES block (`?h`, or `?h ?t` pairs; "" for all) selects, as stored."""
    parts = {"values": scope}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in select(_STANCE_COUNTS % parts):
        counts[str(row.p)][_local(row.s)] = int(row.n)
    triples: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in select(_POSITION_TRIPLES % parts):
        triples[str(row.p)][_local(row.x)].append(row.o)
    labels = read_labels(select, {str(o) for t in triples.values() for key in ("holder", "reporter") for o in t.get(key, ())})
    found = []
    for iri, t in triples.items():
        first = lambda key: t[key][0] if t.get(key) else None  # noqa: E731
        if not all(first(k) is not None for k in ("holder", "topic", "claimed", "stance", "reporter", "statementCount")):
            continue  # not a whole position (the SPARQL lookup leaves it out too)
        holder, reporter = str(first("holder")), str(first("reporter"))
        found.append(StoredPosition(
            iri=iri, holder=holder, holder_label=labels.get(holder), topic=str(first("topic")),
            stance=_local(first("stance")), reporter=reporter, reporter_label=labels.get(reporter),
            claimed=_text(first("claimed")) in ("true", "1"), count=int(first("statementCount")),
            reports=_int(first("reportCount")), undated=_int(first("undatedCount")), shifts=_int(first("shiftCount")),
            first_date=_text(first("firstDate"))[:10], last_date=_text(first("lastDate"))[:10],
            stances=_ordered(counts.get(iri, {})), evidence=tuple(sorted({str(e) for e in t.get("evidence", ())}))))
    return found


def read_labels(select: Select, people: Iterable[str]) -> dict[str, str]:
    """The preferred label of each actor of `people` that has one."""
    wanted = sorted(set(people))
    labels: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        for row in select(_LABELS % {"values": values("a", [URIRef(a) for a in wanted[start:start + 500]])}):
            labels.setdefault(str(row.a), str(row.l))
    return labels


def read_tallies(select: Select, *, holders: Sequence[str] = (), pairs: Sequence[tuple[str, str]] = ()) -> list[tuple[Any, ...]]:
    """The position_steps rows of the positions of `holders` and of the holder × topic `pairs`, recomputed
    from the evidence the store holds (a rebuild, or a write that removed evidence)."""
    evidence = stored_evidence(select, [URIRef(h) for h in holders], pairs=[(URIRef(h), URIRef(t)) for h, t in pairs])
    groups: dict[str, list[Evidence]] = defaultdict(list)
    for e in evidence:
        groups[str(position_iri(e.holder, e.topic, e.reporter))].append(e)
    return [tally_row(position, t) for position, rows in groups.items() for t in tallies(rows).values()]


def tally_row(position: str, t: Tally) -> tuple[Any, ...]:
    """A position_steps row."""
    return (position, t.utterance, t.stance, t.confidence, *t.strong_order, *t.first, t.date, t.last_date, t.reports)


def tally_of(row: Sequence[Any]) -> Tally:
    """A position_steps row (without its position) as a tally."""
    return Tally(utterance=row[0], stance=row[1], confidence=float(row[2]), strong_order=(row[3], row[4]),
                 first=(row[5], row[6]), date=row[7], last_date=row[8], reports=int(row[9]))


def pairs_reported_in(select: Select, docs: Sequence[str]) -> set[tuple[str, str]]:
    """Holder × topic pairs whose positions the store says are reported in `docs`."""
    found: set[tuple[str, str]] = set()
    for start in range(0, len(docs), CHUNK):
        block = values("d", [URIRef(d) for d in docs[start:start + CHUNK]])
        found |= {(str(r.h), str(r.t)) for r in select(_PAIRS_IN % {"values": block})}
    return found


def actors_in(select: Select, docs: Sequence[str]) -> set[str]:
    """Every actor the graphs of `docs` name (speakers, mentions, addressees, participants, claims)."""
    found: set[str] = set()
    for start in range(0, len(docs), CHUNK):
        block = values("g", [graph_of(URIRef(d)) for d in docs[start:start + CHUNK]])
        found |= {str(r.a) for r in select(_ACTORS_IN % {"values": block})}
    return found


def read_actors(select: Select, iris: Sequence[str]) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
    """The actors table's rows and the actor_names rows of `iris` (the actor lookups' own SPARQL)."""
    rows, names = [], []
    for start in range(0, len(iris), CHUNK):
        chunk = [URIRef(a) for a in iris[start:start + CHUNK]]
        extra: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for r in select(_ROLES_AND_MERGES % {"values": values("a", chunk)}):
            if r.role is not None:
                extra[str(r.a)][0].add(str(r.role))
            if r.merged is not None:
                extra[str(r.a)][1].add(str(r.merged))
        # the actor lookups' own query, without the statement counts (the index counts them when read)
        for a in select(_ACTOR_ROWS % {"values": values("a", chunk), "types": ACTOR_TYPES, "filters": ""}):
            roles, merged = extra.get(str(a.a), (set(), set()))
            rows.append((str(a.a), str(a.name), _local(a.type) if a.type is not None else "Actor", _text(a.role),
                         _local(a.wikidata) if a.wikidata is not None else "",
                         "\t".join(sorted(x for x in _text(a.aliases).split("\t") if x)), "\t".join(sorted(roles)),
                         "\t".join(sorted(merged))))
        names += [(str(r.label).lower(), str(r.a))
                  for r in select(_NAMES % {"values": values("a", chunk), "types": ACTOR_TYPES})]
    return rows, names


def every_actor(select: Select) -> list[str]:
    return [str(r[0]) for r in select(_ALL_ACTORS % {"types": ACTOR_TYPES})]


# -- writing to the index -------------------------------------------------------------------------------


class PositionIndex:
    """The positions and actors tables of one StatementIndex (which owns the connection and its lock)."""

    def __init__(self, index: Any) -> None:
        self.index = index

    def _db(self) -> sqlite3.Connection:
        return self.index._connect()

    def touched(self, docs: Sequence[str]) -> tuple[set[tuple[str, str]], set[str]]:
        """What the index holds of `docs` before they are replaced: the holder × topic pairs with evidence
        in them, and the actors they mention, speak in them or hold and report those positions."""
        db = self._db()
        pairs: set[tuple[str, str]] = set()
        people: set[str] = set()
        with self.index._lock:
            for start in range(0, len(docs), 500):
                chunk = list(docs[start:start + 500])
                marks = ", ".join("?" * len(chunk))
                for h, t, r in db.execute(
                        f"SELECT DISTINCT p.holder, p.topic, p.reporter FROM position_evidence e JOIN positions p "
                        f"ON p.id = e.pid WHERE e.doc_iri IN ({marks})", chunk):
                    pairs.add((h, t))
                    people |= {h, r}
                people |= {r[0] for r in db.execute(f"SELECT actor FROM mentions WHERE doc IN ({marks})", chunk)}
                people |= {r[0] for r in db.execute(
                    f"SELECT DISTINCT speaker_id FROM statements WHERE doc_iri IN ({marks})", chunk)}
        return pairs, people

    def replace(self, select: Select, *, pairs: Iterable[tuple[str, str]], actors_of: Iterable[str],
                ancestors: dict[str, frozenset[str]]) -> None:
        """In one transaction: the positions of `pairs` (with their tallies, recomputed from the stored
        evidence) and the rows of the actors `actors_of` replaced by what the store holds now (all read
        before the transaction starts)."""
        wanted_pairs = sorted(set(pairs))
        positions = [p for start in range(0, len(wanted_pairs), CHUNK)
                     for p in read_positions(select, pair_values(wanted_pairs[start:start + CHUNK]))]
        steps = read_tallies(select, pairs=wanted_pairs)
        people = sorted(set(actors_of) | {p.holder for p in positions} | {p.reporter for p in positions})
        actor_rows, names = read_actors(select, people)
        with self.index._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                gone = [r for pair in wanted_pairs
                        for r in db.execute("SELECT id, iri FROM positions WHERE holder = ? AND topic = ?", pair)]
                self._forget(db, [pid for pid, _ in gone])
                db.executemany("DELETE FROM position_steps WHERE position = ?", [(iri,) for iri in sorted(
                    {iri for _, iri in gone} | {p.iri for p in positions} | {row[0] for row in steps})])
                self._store_steps(db, steps)
                self._store_positions(db, positions, ancestors)
                self._restore_actors(db, people, actor_rows, names)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def apply(self, select: Select, planned: Any, *, actors_of: Iterable[str], ancestors: dict[str, frozenset[str]]) -> None:
        """In one transaction: the positions a write that only added reports computed from their tallies
        (graph/position_tallies.py `Planned`, written to the store), their new tallies and evidence
        rows, and the rows of the actors `actors_of` re-read. A position's older evidence rows stay."""
        found = [stored_position(s) for s in planned.summaries]
        people = sorted(set(actors_of) | {p.holder for p in found} | {p.reporter for p in found})
        labels = read_labels(select, {p.holder for p in found} | {p.reporter for p in found})
        found = [with_fields(p, holder_label=labels.get(p.holder), reporter_label=labels.get(p.reporter)) for p in found]
        actor_rows, names = read_actors(select, people)
        with self.index._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                for p in found:
                    self._upsert(db, p, ancestors)
                self._store_steps(db, planned.steps)
                self._restore_actors(db, people, actor_rows, names)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _store_steps(db: sqlite3.Connection, steps: Iterable[Sequence[Any]]) -> None:
        """A position's kept tallies, one row per utterance (replacing what the row held)."""
        db.executemany("INSERT OR REPLACE INTO position_steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps)

    def _restore_actors(self, db: sqlite3.Connection, people: Sequence[str], actor_rows: list[tuple[Any, ...]],
                        names: list[tuple[str, str]]) -> None:
        """The rows of `people` replaced by what was just read from the store, so a write's actors stay current."""
        db.executemany("DELETE FROM actors WHERE iri = ?", [(a,) for a in people])
        db.executemany("DELETE FROM actor_names WHERE actor = ?", [(a,) for a in people])
        self._store_actors(db, actor_rows, names)

    def tallies_of(self, positions: Sequence[str]) -> dict[str, dict[str, Tally]]:
        """The kept tallies of `positions`, by position and utterance."""
        found: dict[str, dict[str, Tally]] = defaultdict(dict)
        with self.index._lock:
            db = self._db()
            for position in positions:
                for row in db.execute("SELECT utterance, stance, confidence, strong_day, strong_statement, first_day, "
                                      "first_statement, date, last_date, reports FROM position_steps WHERE position = ?",
                                      (position,)):
                    found[position][row[0]] = tally_of(row)
        return found

    def known_evidence(self, position: str, docs: Iterable[str]) -> tuple[set[str], set[str]]:
        """Of the documents `docs`, those the position already has evidence in, and that evidence."""
        with self.index._lock:
            db = self._db()
            found = db.execute("SELECT id FROM positions WHERE iri = ?", (position,)).fetchone()
            if found is None:
                return set(), set()
            rows = [r for d in docs for r in db.execute(
                "SELECT doc_iri, statement FROM position_evidence WHERE doc_iri = ? AND pid = ?", (d, found[0]))]
        return {r[0] for r in rows}, {r[1] for r in rows}

    def rebuild(self, select: Select, *, ancestors: dict[str, frozenset[str]]) -> None:
        """Every position (with its tallies) and actor of the store, read in chunks (one transaction each)."""
        db = self._db()
        with self.index._lock:
            create(db)
            for table in ("positions", "position_topics", "position_evidence", "position_steps", "actors", "actor_names"):
                db.execute(f"DELETE FROM {table}")
        holders = sorted(all_holders(select))
        for start in range(0, len(holders), CHUNK):
            chunk = holders[start:start + CHUNK]
            found = read_positions(select, values("h", [URIRef(h) for h in chunk]))
            steps = read_tallies(select, holders=chunk)
            self._write(lambda db, found=found, steps=steps: (
                self._store_positions(db, found, ancestors),
                db.executemany("INSERT OR REPLACE INTO position_steps VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps)))
        people = every_actor(select)
        for start in range(0, len(people), 1000):
            rows, names = read_actors(select, people[start:start + 1000])
            self._write(lambda db, rows=rows, names=names: self._store_actors(db, rows, names))

    def _write(self, step: Callable[[sqlite3.Connection], Any]) -> None:
        with self.index._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                step(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    @staticmethod
    def _forget(db: sqlite3.Connection, ids: list[int]) -> None:
        rows = [(i,) for i in ids]
        db.executemany("DELETE FROM position_topics WHERE pid = ?", rows)
        db.executemany("DELETE FROM position_evidence WHERE pid = ?", rows)
        db.executemany("DELETE FROM positions WHERE id = ?", rows)

    @staticmethod
    def _store_positions(db: sqlite3.Connection, found: Iterable[StoredPosition],
                         ancestors: dict[str, frozenset[str]]) -> None:
        for p in found:
            old = db.execute("SELECT id FROM positions WHERE iri = ?", (p.iri,)).fetchone()
            if old:
                PositionIndex._forget(db, [old[0]])
            cursor = db.execute(
                "INSERT INTO positions VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (p.iri, p.holder, p.holder_label, p.topic, topic_key(p.topic), p.stance, p.reporter, p.reporter_label,
                 int(p.claimed), p.count, p.reports, p.undated, p.shifts, p.first_date, p.last_date,
                 json.dumps(p.stances)))
            PositionIndex._store_links(db, cursor.lastrowid, p, ancestors)

    @staticmethod
    def _upsert(db: sqlite3.Connection, p: StoredPosition, ancestors: dict[str, frozenset[str]]) -> None:
        """One position's row updated in place (or added), its topic rows rewritten and the evidence
        rows of `p.evidence` added beside those it has."""
        values_ = (p.holder, p.holder_label, p.topic, topic_key(p.topic), p.stance, p.reporter, p.reporter_label,
                   int(p.claimed), p.count, p.reports, p.undated, p.shifts, p.first_date, p.last_date,
                   json.dumps(p.stances))
        old = db.execute("SELECT id FROM positions WHERE iri = ?", (p.iri,)).fetchone()
        if old:
            pid = old[0]
            db.execute("UPDATE positions SET holder = ?, holder_label = ?, topic = ?, topic_key = ?, stance = ?, "
                       "reporter = ?, reporter_label = ?, claimed = ?, count = ?, reports = ?, undated = ?, shifts = ?, "
                       "first_date = ?, last_date = ?, stances = ? WHERE id = ?", (*values_, pid))
            db.execute("DELETE FROM position_topics WHERE pid = ?", (pid,))
        else:
            pid = db.execute("INSERT INTO positions VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (p.iri, *values_)).lastrowid
        PositionIndex._store_links(db, pid, p, ancestors)

    @staticmethod
    def _store_links(db: sqlite3.Connection, pid: int, p: StoredPosition, ancestors: dict[str, frozenset[str]]) -> None:
        db.executemany("INSERT OR IGNORE INTO position_topics VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [(t, pid, p.holder_label, p.holder, p.topic, int(p.claimed), p.reporter_label, p.iri)
                        for t in {p.topic} | ancestors.get(p.topic, frozenset())])
        db.executemany(f"INSERT OR IGNORE INTO position_evidence SELECT ?, {_EVIDENCE_ROW} FROM statements s WHERE s.iri = ?",
                       [(pid, statement) for statement in p.evidence])

    @staticmethod
    def _store_actors(db: sqlite3.Connection, rows: list[tuple[Any, ...]], names: list[tuple[str, str]]) -> None:
        db.executemany("INSERT OR REPLACE INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT OR IGNORE INTO actor_names VALUES (?, ?)", names)

    # -- reading ---------------------------------------------------------------------------------------

    def actors_named(self, name: str) -> list[str]:
        """Actor IRIs one of whose labels is `name`, any case (as queries.actors_named_query finds them)."""
        with self.index._lock:
            return [r[0] for r in self._db().execute(
                "SELECT DISTINCT actor FROM actor_names WHERE key = ? ORDER BY actor", (name.lower(),))]

    def actor(self, iri: str) -> tuple[ActorRow, tuple[str, ...], tuple[str, ...]] | None:
        """One actor's row (statements counted in the statements table), roles and merged actors."""
        with self.index._lock:
            db = self._db()
            found = db.execute("SELECT iri, name, type, role, wikidata, aliases, roles, merged_from FROM actors "
                               "WHERE iri = ?", (iri,)).fetchone()
            if found is None:
                return None
            said = db.execute("SELECT COUNT(*) FROM statements WHERE speaker_id = ?", (iri,)).fetchone()[0]
        split = lambda text: tuple(t for t in text.split("\t") if t)  # noqa: E731
        row = ActorRow(id=found[0], name=found[1], type=found[2], role=found[3], wikidata=found[4],
                       aliases=split(found[5]), statements=int(said))
        return row, split(found[6]), split(found[7])

    def page(self, *, holders: Sequence[str] | None = None, topic: str | None = None, claimed: bool | None = None,
             offset: int = 0, limit: int | None = None, evidence: int | None = None,
             ranked: bool = False) -> PositionPage:
        """One page of positions in the SPARQL lookup's order (holder name, holder, topic, claimed, reporter
        name, IRI), or with `ranked` the most evidenced first (count, topic key: the profile's order),
        each with its newest `evidence` reports (all when None) in date order, and the total."""
        where: list[str] = []
        params: list[Any] = []
        source = on_topic("positions p", "position_topics", "pid", topic, where, params)
        if topic is not None:
            order = [f"t.{c.replace('{topic}', 'ptopic')}" for c in LISTED]
        else:
            order = [f"p.{c.replace('{topic}', 'topic')}" for c in LISTED]
        if holders is not None:
            where.append(f"p.holder IN ({', '.join('?' * len(holders))})" if holders else "0")
            params += list(holders)
        if claimed is not None:
            where.append(("t" if topic is not None else "p") + ".claimed = ?")
            params.append(int(claimed))
        if ranked:
            order = ["p.count DESC", "p.topic_key", "p.reporter_label", "p.iri"]
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        with self.index._lock:
            db = self._db()
            # on a topic and no holders every filter is a column of the topic table: counted in its index alone
            counted = "position_topics t" if topic is not None and holders is None else source
            total = db.execute(f"SELECT COUNT(*) FROM {counted}{clause}", params).fetchone()[0]
            rows = db.execute(f"SELECT {_POSITION_COLUMNS} FROM {source}{clause} ORDER BY {', '.join(order)} "
                              "LIMIT ? OFFSET ?", [*params, -1 if limit is None else limit, offset]).fetchall()
            found = tuple(self._position(db, r, evidence) for r in rows)
        return PositionPage(rows=found, total=int(total))

    def evidence(self, position: str, *, offset: int = 0, limit: int | None = None) -> EvidencePage | None:
        """One position's evidence, `limit` reports ending `offset` reports before the newest, in date order
        (None when there is no such position): a page of positions shows the newest few of each, this
        pages back through the rest. The total is the position's report count, kept on its row."""
        with self.index._lock:
            db = self._db()
            found = db.execute("SELECT id, reports FROM positions WHERE iri = ?", (position,)).fetchone()
            if found is None:
                return None
            rows = _newest(db, found[0], limit, offset)
        return EvidencePage(rows=rows, total=int(found[1]))

    @staticmethod
    def _position(db: sqlite3.Connection, r: Sequence[Any], evidence: int | None) -> PositionRow:
        reports = _newest(db, r[0], evidence)
        return PositionRow(
            iri=r[1], holder=r[3] if r[3] is not None else _local(r[2]), holder_id=r[2], topic=r[4], stance=r[5],
            reporter=r[7] if r[7] is not None else _local(r[6]), reporter_id=r[6], claimed=bool(r[8]), count=r[9],
            first_date=r[10], last_date=r[11], reports=r[12], undated=r[13], stances=json.loads(r[14]), shifts=r[15],
            evidence=reports)

    def cells(self, *, topic: str | None = None, claimed: bool | None = None) -> list[PositionCell]:
        """The positions matrix's cells (holder × topic × stance × claimed, utterances summed over
        reporters), on `topic` (an IRI) and its narrower topics when given."""
        where: list[str] = []
        params: list[Any] = []
        source = on_topic("positions p", "position_topics", "pid", topic, where, params)
        if claimed is not None:
            where.append("p.claimed = ?")
            params.append(int(claimed))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        with self.index._lock:
            rows = self._db().execute(
                f"SELECT p.holder, p.holder_label, p.topic_key, p.stance, p.claimed, SUM(p.count) FROM {source}{clause} "
                "GROUP BY p.holder, p.holder_label, p.topic, p.stance, p.claimed", params).fetchall()
        return [PositionCell(holder=r[1] if r[1] is not None else _local(r[0]), holder_id=r[0], topic=r[2], stance=r[3],
                             claimed=bool(r[4]), count=int(r[5])) for r in rows]

    def actor_rows(self) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
        """The actors and actor_names tables, sorted (for the drift check)."""
        with self.index._lock:
            db = self._db()
            return (sorted(tuple(r) for r in db.execute("SELECT * FROM actors")),
                    sorted(tuple(r) for r in db.execute("SELECT key, actor FROM actor_names")))

    def tally_rows(self) -> list[tuple[Any, ...]]:
        """Every kept tally (position_steps row), sorted (for the drift check)."""
        with self.index._lock:
            return sorted(tuple(r) for r in self._db().execute("SELECT * FROM position_steps"))

    def stored(self) -> dict[str, PositionRow]:
        """Every indexed position with all its evidence, by IRI (for the drift check)."""
        return {row.iri: row for row in self.page().rows}


def _newest(db: sqlite3.Connection, pid: int, limit: int | None, offset: int = 0) -> tuple[EvidenceRow, ...]:
    """A position's reports in date order: all of them, or the `limit` that end `offset` before the newest, read
    backwards along its evidence B-tree so that the cost is the reports read, not the position's history."""
    if limit is None and offset == 0:
        rows = db.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM position_evidence WHERE pid = ? "
                          "ORDER BY day, name, start, statement", (pid,)).fetchall()
    else:
        rows = db.execute(f"SELECT {_EVIDENCE_COLUMNS} FROM position_evidence WHERE pid = ? "
                          "ORDER BY day DESC, name DESC, start DESC, statement DESC LIMIT ? OFFSET ?",
                          (pid, -1 if limit is None else limit, offset)).fetchall()
        rows.reverse()
    return tuple(_evidence(e) for e in rows)


def _evidence(e: Sequence[Any]) -> EvidenceRow:
    date = (e[9] or "")[:10]
    return EvidenceRow(statement=e[0], utterance=e[1], text=e[2], sentence=e[3], stance=e[4], doc=e[5], doc_iri=e[6],
                       title=e[7], outlet=outlet(e[8]), url=e[8], date=date, dated=bool(date), start=e[10], end=e[11],
                       confidence=e[12])


def _int(value: Any) -> int:
    return int(value) if value is not None else 0
