"""Positions and actors in the statements index: a page of positions, a profile and a name lookup
without SPARQL.

A topic's positions or an actor's profile read from the positions graph in SPARQL cost every matching
position and every piece of its evidence before the page is cut (709 ms p95 for one topic at 1M
triples, growing with the archive). Here they are rows of the same SQLite database as the statements
(graph/statement_index.py), read through B-trees sorted like the pages: the cost grows with the page.

Tables (created beside the statements tables; the schema version is the statements index's):
`positions` (one row per position node, every PositionRow field but the evidence), `position_topics`
(position × its topic and every broader topic, so that a topic with its narrower ones is one key),
`position_evidence` (position × evidence statement, keyed in the history's date order; the rows
themselves are the statements table's), `utterances` (statement → the utterance it reports, per
document), `actors` (the actor rows of the profile: names, type, roles, merges) and `actor_names`
(every label lower-cased → actor, for speaker and holder filters).

What is copied is read with SPARQL from the store, the positions of the holder × topic pairs a write
touched (graph/index_sync.py calls `refresh_positions`), so the index answers what position_rows.py
answers; `diplograph index check` and tests/graph/test_graph_position_index.py compare the two.
"""
from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from diplograph.ontology.terms import ACTOR

from .iris import ACTORS_GRAPH, graph_of
from .lookups import _ACTORS as _ACTOR_ROWS
from .lookups import ActorRow
from .position_rows import EvidenceRow, PositionCell, PositionRow, _local, _ordered, _text, outlet, topic_key
from .queries import ACTOR_TYPES, PREFIXES, term, values
from .topic_scope import on_topic
from .summaries import POSITIONS_GRAPH, all_holders

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
  doc_iri TEXT NOT NULL, PRIMARY KEY(pid, day, name, start, statement)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS position_evidence_in ON position_evidence(doc_iri, pid);
CREATE TABLE IF NOT EXISTS utterances(statement TEXT PRIMARY KEY, doc_iri TEXT NOT NULL, utterance TEXT NOT NULL)
  WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS utterances_in ON utterances(doc_iri);
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
_UTTERANCES = PREFIXES + "SELECT ?g ?st ?u WHERE { %(values)s GRAPH ?g { ?st dg:utterance ?u } }"
_NAMES = PREFIXES + """\
SELECT DISTINCT ?a ?label WHERE { %(values)s VALUES ?type { %(types)s }
  ?a a ?type ; skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label }"""
_ALL_ACTORS = PREFIXES + """\
SELECT DISTINCT ?a WHERE { VALUES ?type { %(types)s } ?a a ?type }"""
_ROLES_AND_MERGES = PREFIXES + f"""\
SELECT ?a ?role ?merged WHERE {{ %(values)s GRAPH {_ACTORS} {{ {{ ?a dg:role ?role }} UNION {{ ?merged dg:mergedInto ?a }} }} }}"""
# The utterance as a subquery: with a LEFT JOIN the 694 reports of a topic page at 5M triples took 19-64 ms, 5-38 ms so
_EVIDENCE_COLUMNS = ("s.iri, COALESCE((SELECT utterance FROM utterances WHERE statement = e.statement), s.iri), "
                     "s.quote, s.sentence, s.stance, s.name, s.doc_iri, s.title, "
                     "s.url, s.date, s.start, s.\"end\", s.confidence")
_POSITION_COLUMNS = ("p.id, p.iri, p.holder, p.holder_label, p.topic_key, p.stance, p.reporter, p.reporter_label, "
                     "p.claimed, p.count, p.first_date, p.last_date, p.reports, p.undated, p.stances, p.shifts")
LISTED = ("holder_label", "holder", "{topic}", "claimed", "reporter_label", "iri")  # the SPARQL lookup's order


@dataclass(frozen=True, slots=True)
class PositionPage:
    """One page of positions and how many match in all (the page is cut from them)."""

    rows: tuple[PositionRow, ...]
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


def read_positions(select: Select, scope: str) -> list[StoredPosition]:
    """The positions a VALUES block (`?h`, or `?h ?t` pairs; "" for all) selects, as stored."""
    parts = {"values": scope}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in select(_STANCE_COUNTS % parts):
        counts[str(row.p)][_local(row.s)] = int(row.n)
    triples: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for row in select(_POSITION_TRIPLES % parts):
        triples[str(row.p)][_local(row.x)].append(row.o)
    people = sorted({str(o) for t in triples.values() for key in ("holder", "reporter") for o in t.get(key, ())})
    labels: dict[str, str] = {}
    for start in range(0, len(people), 500):
        for row in select(_LABELS % {"values": values("a", [URIRef(a) for a in people[start:start + 500]])}):
            labels.setdefault(str(row.a), str(row.l))
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


def read_utterances(select: Select, docs: Sequence[str]) -> list[tuple[str, str, str]]:
    """(statement, document, utterance) of the statements of `docs` that report a shared utterance."""
    found = []
    for start in range(0, len(docs), CHUNK):
        chunk = docs[start:start + CHUNK]
        by_graph = {str(graph_of(URIRef(d))): d for d in chunk}
        block = values("g", [URIRef(g) for g in by_graph])
        found += [(str(r.st), by_graph[str(r.g)], str(r.u)) for r in select(_UTTERANCES % {"values": block})]
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

    def replace(self, select: Select, *, docs: Sequence[str], pairs: Iterable[tuple[str, str]], actors_of: Iterable[str],
                ancestors: dict[str, frozenset[str]]) -> None:
        """In one transaction: the utterances of `docs`, the positions of `pairs` and the rows of the actors
        `actors_of` replaced by what the store holds now (all read before the transaction starts)."""
        wanted_pairs = sorted(set(pairs))
        positions = [p for start in range(0, len(wanted_pairs), CHUNK)
                     for p in read_positions(select, pair_values(wanted_pairs[start:start + CHUNK]))]
        people = sorted(set(actors_of) | {p.holder for p in positions} | {p.reporter for p in positions})
        actor_rows, names = read_actors(select, people)
        utterances = read_utterances(select, list(docs))
        with self.index._lock:
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                for start in range(0, len(docs), 500):
                    chunk = list(docs[start:start + 500])
                    db.execute(f"DELETE FROM utterances WHERE doc_iri IN ({', '.join('?' * len(chunk))})", chunk)
                db.executemany("INSERT OR REPLACE INTO utterances VALUES (?, ?, ?)", utterances)
                gone = [r[0] for pair in wanted_pairs
                        for r in db.execute("SELECT id FROM positions WHERE holder = ? AND topic = ?", pair)]
                self._forget(db, gone)
                self._store_positions(db, positions, ancestors)
                db.executemany("DELETE FROM actors WHERE iri = ?", [(a,) for a in people])
                db.executemany("DELETE FROM actor_names WHERE actor = ?", [(a,) for a in people])
                self._store_actors(db, actor_rows, names)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def rebuild(self, select: Select, *, ancestors: dict[str, frozenset[str]], docs: Sequence[str]) -> None:
        """Every position, actor and utterance of the store, read in chunks (one transaction each)."""
        db = self._db()
        with self.index._lock:
            create(db)
            for table in ("positions", "position_topics", "position_evidence", "utterances", "actors", "actor_names"):
                db.execute(f"DELETE FROM {table}")
        holders = sorted(all_holders(select))
        for start in range(0, len(holders), CHUNK):
            found = read_positions(select, values("h", [URIRef(h) for h in holders[start:start + CHUNK]]))
            self._write(lambda db, found=found: self._store_positions(db, found, ancestors))
        people = every_actor(select)
        for start in range(0, len(people), 1000):
            rows, names = read_actors(select, people[start:start + 1000])
            self._write(lambda db, rows=rows, names=names: self._store_actors(db, rows, names))
        for start in range(0, len(docs), 1000):
            found_u = read_utterances(select, list(docs[start:start + 1000]))
            self._write(lambda db, found_u=found_u: db.executemany("INSERT OR REPLACE INTO utterances VALUES (?, ?, ?)",
                                                                   found_u))

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
            pid = cursor.lastrowid
            db.executemany("INSERT OR IGNORE INTO position_topics VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [(t, pid, p.holder_label, p.holder, p.topic, int(p.claimed), p.reporter_label, p.iri)
                            for t in {p.topic} | ancestors.get(p.topic, frozenset())])
            db.executemany(
                "INSERT OR IGNORE INTO position_evidence SELECT ?, CASE WHEN substr(s.date, 1, 10) = '' THEN '9999' "
                "ELSE substr(s.date, 1, 10) END, s.name, s.start, s.iri, s.doc_iri FROM statements s WHERE s.iri = ?",
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
        each with at most `evidence` reports in date order, and the total."""
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

    @staticmethod
    def _position(db: sqlite3.Connection, r: Sequence[Any], evidence: int | None) -> PositionRow:
        reports = db.execute(
            f"SELECT {_EVIDENCE_COLUMNS} FROM position_evidence e JOIN statements s ON s.iri = e.statement WHERE e.pid = ? "
            "ORDER BY e.day, e.name, e.start, e.statement LIMIT ?", (r[0], -1 if evidence is None else evidence))
        return PositionRow(
            iri=r[1], holder=r[3] if r[3] is not None else _local(r[2]), holder_id=r[2], topic=r[4], stance=r[5],
            reporter=r[7] if r[7] is not None else _local(r[6]), reporter_id=r[6], claimed=bool(r[8]), count=r[9],
            first_date=r[10], last_date=r[11], reports=r[12], undated=r[13], stances=json.loads(r[14]), shifts=r[15],
            evidence=tuple(_evidence(e) for e in reports))

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

    def stored(self) -> dict[str, PositionRow]:
        """Every indexed position with all its evidence, by IRI (for the drift check)."""
        return {row.iri: row for row in self.page().rows}


def _evidence(e: Sequence[Any]) -> EvidenceRow:
    date = (e[9] or "")[:10]
    return EvidenceRow(statement=e[0], utterance=e[1], text=e[2], sentence=e[3], stance=e[4], doc=e[5], doc_iri=e[6],
                       title=e[7], outlet=outlet(e[8]), url=e[8], date=date, dated=bool(date), start=e[10], end=e[11],
                       confidence=e[12])


def _int(value: Any) -> int:
    return int(value) if value is not None else 0
