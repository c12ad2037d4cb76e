"""Keeping the statements index (graph/statement_index.py) in step with the RDF store.

Every write of GraphStore goes through `writing(store, docs)`: the index is marked dirty (committed)
before the RDF write, and after it the documents the write touched are read back from the store and
replaced in the index in one SQLite transaction that also marks it clean. A failed RDF write changes
nothing in the store, and re-reading its documents gives the index what it had; a process killed
between the two leaves the index dirty, and a dirty, missing, damaged or older-schema index is
rebuilt from the store when the store is next opened (`ensure`) or looked up. A SPARQL update made
behind the store's back (the API's /sparql) is followed document by document when the graphs it
changes are known (graph/update_scope.py, found before it is applied) and are documents' graphs
(`follow_update`); otherwise it marks the index dirty, and the next lookup rebuilds it whole (see
README "Statements index"). The actor network's rows (graph/network_index.py)
are kept in the same file and the same way: replaced for the documents a write touched
(`refresh_network`), rebuilt with the index, or on first use when missing.
"""
from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import URIRef

from diplograph.ontology.terms import DOC

from . import index_bulk, network_index
from .index_reads import SHARED_GRAPHS, all_documents, graph_sizes, read_documents, topic_ancestors
from .iris import ACTORS_GRAPH, graph_of
from .network_rows import NetworkRows, read_nodes, read_positions, read_rows, summary_edge
from .position_index import PositionIndex, actors_in, every_actor, pairs_reported_in, read_actors, read_tallies
from .position_tallies import Planned, plan
from .queries import PREFIXES, term, values
from .summaries import POSITIONS_GRAPH, Evidence, Quad, all_holders
from .statement_index import StatementIndex, index_path
from .utterances import Lookup, StoredReport, store_lookup

if TYPE_CHECKING:
    from .store import GraphStore

T = TypeVar("T")


def open_index(backend: Any) -> StatementIndex | None:
    """The index beside a backend: a file in an Oxigraph store's directory, in memory for `memory`,
    none for a remote store (others may write that server: its lookups stay SPARQL)."""
    kind = backend.__class__.__name__
    if kind == "MemoryBackend":
        return StatementIndex(None)
    if kind == "OxigraphBackend" and getattr(backend, "path", None) is not None:
        return StatementIndex(index_path(backend.path), read_only=bool(getattr(backend, "read_only", False)))
    return None


def usable(store: GraphStore) -> StatementIndex | None:
    """The store's index when it can answer, rebuilt first when it is behind (and the store writable)."""
    index = store.index
    if index is None:
        return None
    if index.state() and not index.read_only:
        ensure(store)
    return index if not index.state() else None


def damaged(store: GraphStore, error: Exception) -> None:
    """A lookup met a damaged index file: say so in one line and rebuild it (the caller answers from SPARQL)."""
    index = store.index
    if index is None:
        return
    where = index.where
    if index.read_only:
        print(f"diplograph: the statements index at {where} cannot be read ({error}); answering from the store",
              file=sys.stderr)
        return
    with store._lock:
        statements = rebuild(store)
    print(f"diplograph: the statements index at {where} was damaged ({error}): rebuilt it from the store "
          f"({statements} statements)", file=sys.stderr)


def ensure(store: GraphStore) -> str:
    """Rebuild the index when it is missing, stale, damaged or of an older schema; returns the one-line
    message said about it on stderr ("" when nothing was wrong, or for a new empty store)."""
    index = store.index
    if index is None or index.read_only:
        return ""
    with store._lock:
        reason = index.state()
        if not reason:
            return ""
        statements = rebuild(store)
    if reason.endswith("missing") and statements == 0:
        return ""
    message = f"diplograph: {reason}: rebuilt it from the store ({statements} statements, {index.where})"
    print(message, file=sys.stderr)
    return message


def rebuild(store: GraphStore) -> int:
    """Read every document of the store into a new index; returns the number of statements."""
    index = store.index
    if index is None:
        raise ValueError(f"the store {store.uri} keeps no statements index (a remote store is looked up in SPARQL)")
    with store._lock:
        index.reset()
        ancestors = topic_ancestors(store._select)
        statements = 0
        batch = []
        with index.bulk_loading():  # the secondary indexes are made once, after every row is in
            for document in index_bulk.every_document(store):
                batch.append(document)
                statements += len(document.statements)
                if len(batch) >= 200:  # one transaction per batch: memory stays bounded
                    index.replace([], batch, ancestors=ancestors, graphs={}, finish=False)
                    batch = []
            index.replace([], batch, ancestors=ancestors, graphs={}, finish=False)
        index.replace([], [], ancestors=ancestors, graphs=_sizes(store, None), finish=False)
        PositionIndex(index).rebuild(store._select, ancestors=ancestors)
        index.finish()
        rebuild_network(store)
        index.checkpoint()
        return statements


def rebuild_network(store: GraphStore) -> None:
    """Read the actor network's rows of every document and every own position into the index."""
    index = store.index
    if index is None or index.read_only:
        return
    with store._lock:
        network_index.replace(index, None, None, read_rows(index_bulk.reader(store), None, None))


def network_rows(store: GraphStore) -> NetworkRows | None:
    """The actor network's rows as kept in the index (rebuilt first when behind and the store
    writable); None when the store keeps none (remote, read-only and behind, damaged): build from the store."""
    return _read_network(store, network_index.load)


def searchable_network(store: GraphStore) -> StatementIndex | None:
    """The index whose kept network path lookups can read by neighbourhood (rebuilt first when behind
    and the store writable); None when the store keeps none: search the network built from the store."""
    return _read_network(store, lambda index: index if network_index.searchable(index) else None)


def _read_network(store: GraphStore, read: Callable[[StatementIndex], T | None]) -> T | None:
    index = usable(store)
    if index is None:
        return None
    try:
        if network_index.state(index):
            if index.read_only:
                return None
            rebuild_network(store)
        return read(index)
    except sqlite3.Error as error:
        print(f"diplograph: the kept network at {index.where} cannot be read ({error}); building it from the store",
              file=sys.stderr)
        return None


def refresh_network(store: GraphStore, docs: list[URIRef], planned: Planned | None = None) -> None:
    """Replace the network rows of these documents and the own positions of every speaker they held
    before the write or hold now (no documents: a positions-only write, every position re-read). A write
    that only added reports (`planned`, written) changed only the positions it computed: their edges
    are made from its summaries, without reading the holders' positions."""
    index = store.index
    if index is None:
        return
    graphs = [str(graph_of(d)) for d in dict.fromkeys(docs)]
    before = network_index.speakers_of(index, graphs)
    rows = read_rows(store._select, [URIRef(g) for g in graphs], ())
    holders: set[str] | list[str] | None = None if not graphs else before | {speaker for _, speaker, _ in rows.speakers}
    if graphs and planned is not None and planned.written and not before:
        # the edges' evidence is not kept with them (the positions' evidence rows hold it): the summaries suffice
        rows.positions = [summary_edge(s, s.evidence) for s in planned.summaries if not s.claimed]
        holders = []  # every other position of these speakers is as it was
    else:
        rows.positions = read_positions(store._select, holders)
    rows.nodes.update(read_nodes(store._select, {n for p in rows.positions for n in (p.holder, p.topic)} - set(rows.nodes)))
    network_index.replace(index, graphs, holders, rows)


def plan_positions(store: GraphStore, added: Sequence[Evidence]) -> Planned | None:
    """The position updates of a write that adds the reports `added`, from the tallies the index keeps
    (graph/position_tallies.py); None when the store keeps no index in step (remote, read-only,
    damaged) or a report is stored already: then the positions are recomputed from the stored evidence."""
    index = usable(store)
    if index is None or not added:
        return None
    try:
        return plan(index, added)
    except sqlite3.DatabaseError as error:
        damaged(store, error)
        return None


def refresh(store: GraphStore, docs: Iterable[URIRef], *, finish: bool = True, actors: Iterable[str] = (),
            planned: Planned | None = None) -> None:
    """Replace these documents in the index by what the store holds of them now (nothing when removed),
    and recount the shared graphs (ontology, actors, positions) and the documents' graphs. `planned`: the
    positions the write computed from the kept tallies (only added reports), stored as they are."""
    index = store.index
    if index is None:
        return
    wanted = list(dict.fromkeys(docs))
    positions = PositionIndex(index)
    pairs, people = positions.touched([str(d) for d in wanted])  # what the index held of them before
    people |= set(actors)
    found = list(read_documents(store._select, wanted)) if wanted else []
    graphs = [graph_of(URIRef(d.iri)) for d in found]
    if planned is not None and planned.written and planned.growth is not None:  # told by the write: not recounted
        sizes = {g: n + planned.growth.get(g, 0) for g, n in index.graph_quads(map(str, SHARED_GRAPHS)).items()}
        sizes = {g: n for g, n in sizes.items() if n} | _sizes(store, graphs)
    else:
        sizes = _sizes(store, [*SHARED_GRAPHS, *graphs])
    ancestors = topic_ancestors(store._select)
    index.replace([str(d) for d in wanted], found, ancestors=ancestors,
                  graphs=sizes,
                  dropped_graphs=[*map(str, SHARED_GRAPHS), *(str(graph_of(d)) for d in wanted)], finish=False)
    if wanted and planned is not None and planned.written and not pairs:  # new documents: what the write computed
        people |= actors_in(store._select, [str(d) for d in wanted])
        positions.apply(store._select, planned, actors_of=people, ancestors=ancestors)
    elif wanted:  # the positions with evidence in these documents, before or now, and the actors they name
        pairs |= pairs_reported_in(store._select, [str(d) for d in wanted])
        people |= actors_in(store._select, [str(d) for d in wanted])
        positions.replace(store._select, pairs=pairs, actors_of=people, ancestors=ancestors)
    else:  # a write of positions only (repair, refresh_positions, a merge of an actor no document names)
        positions.rebuild(store._select, ancestors=ancestors)
    if finish:
        index.finish()


def count_growth(store: GraphStore, planned: Planned | None, actor_quads: Sequence[Quad]) -> None:
    """Before a write that only adds documents (`planned`, with the actors graph's quads `actor_quads`): how
    many quads it adds to each shared graph, told from the quads it writes and which of them the store holds
    already, so that the index's counts follow it without counting the positions graph (which grows with the
    archive: 2.7 of a 250-article write's 21 CPU seconds at 5M triples). Left unset on a store that cannot
    tell a quad's presence cheaply (the graphs are then counted after the write)."""
    present = getattr(store.backend, "present", None)
    index = store.index
    if planned is None or present is None or index is None or index.read_only:
        return
    new, gone, actors = set(planned.new), set(planned.gone), set(actor_quads)
    planned.growth = {str(POSITIONS_GRAPH): len(new) - present(new) - present(gone),
                      str(ACTORS_GRAPH): len(actors) - present(actors)}


def _sizes(store: GraphStore, graphs: list[URIRef] | None) -> dict[str, int]:
    """Quads per named graph: from the backend when it counts them itself (memory), else in SPARQL."""
    counted = getattr(store.backend, "graph_sizes", None)
    return counted(graphs) if counted is not None else graph_sizes(store._select, graphs)


@contextmanager
def writing(store: GraphStore, docs: Iterable[URIRef] | None = (), *, planned: Planned | None = None) -> Iterator[None]:
    """Around one write to the RDF store touching the documents `docs` (added, replaced, removed or
    rewritten; None: anything, e.g. actor labels or the topic tree): dirty before, these documents
    re-read after (or the whole index rebuilt), clean again, whether the write worked or not."""
    index = store.index
    if index is None or index.read_only:
        yield
        return
    docs = None if docs is None else list(docs)
    was_clean = not index.state()
    network_kept = was_clean and not network_index.state(index)
    earlier: set[str] = set()
    if was_clean:
        index.mark_dirty()
        if docs:  # the actors the documents named before the write (one it removes may be their last trace)
            earlier = actors_in(store._select, [str(d) for d in docs])
    if network_kept:
        network_index.mark_dirty(index)
    try:
        yield
    finally:
        if network_kept and docs is not None:
            try:
                refresh_network(store, docs, planned)
            except Exception as error:  # stays dirty: rebuilt when the network is next opened
                print(f"diplograph: the kept network could not follow a write ({error}); it will be rebuilt",
                      file=sys.stderr)
        try:
            if not was_clean:
                ensure(store)  # it was behind already: rebuilt, and said
            elif docs is None:
                rebuild(store)
            else:
                refresh(store, docs, actors=earlier, planned=planned)
        except Exception as error:  # the store is written; the index stays dirty and is rebuilt when next needed
            print(f"diplograph: the statements index could not follow a write ({error}); it will be rebuilt",
                  file=sys.stderr)


WHOLE_REBUILD_FROM = 500  # documents an update touches, when also half the archive or more: rebuilt whole


def follow_update(store: GraphStore, graphs: set[str]) -> bool:
    """After a SPARQL update made behind the store's back that changed at most `graphs` (graph/
    update_scope.py): when each is a document's graph or the positions graph, re-read only the
    documents of those graphs (and the own positions, when it wrote the positions graph); nothing when
    it changed no graph. True when the index is in step again. False: anything may have changed (the
    actors or ontology graph hold labels and the topic tree, the default graph or another graph may hold
    triples of any statement), and the caller marks the index for a whole rebuild.
    Not followed: triples written into one document's graph about another document's statements."""
    index = store.index
    if index is None or index.read_only or index.state():
        return False
    if not graphs:
        return True  # it matched nothing: nothing to re-read
    documents_graph = str(graph_of(URIRef(str(DOC))))  # the prefix of every document's graph
    if network_index.state(index) or any(
            g != str(POSITIONS_GRAPH) and not (g.startswith(documents_graph) and g != documents_graph) for g in graphs):
        return False
    try:
        stored = [URIRef(r[0]) for r in store._select(
            PREFIXES + "SELECT DISTINCT ?doc WHERE { %s GRAPH ?g { ?doc a dg:Document } }"
            % values("g", [URIRef(g) for g in graphs]))]
        indexed = index.all_documents()
        docs = [URIRef(d) for d in indexed if str(graph_of(URIRef(d))) in graphs] + stored
        if len(set(docs)) > max(WHOLE_REBUILD_FROM, len(indexed) // 2):
            return False  # most of the archive: the bulk rebuild is cheaper than replacing it document by document
        with writing(store, docs):
            pass  # the update is made: only the re-reading of what it touched is left
        if docs and str(POSITIONS_GRAPH) in graphs and not network_index.state(index):
            network_index.mark_dirty(index)
            refresh_network(store, [])
    except Exception as error:  # noqa: BLE001 - then the whole index is rebuilt, as before
        print(f"diplograph: the statements index could not follow a SPARQL update ({error}); it will be rebuilt",
              file=sys.stderr)
        return False
    return not index.state() and not network_index.state(index)


def documents_naming(store: GraphStore, actor: URIRef) -> list[URIRef]:
    """Documents whose graph names `actor` (what merging it into another actor rewrites)."""
    a = term(actor)
    rows = store._select(PREFIXES + f"""SELECT DISTINCT ?doc WHERE {{
  GRAPH ?g {{ {{ ?s ?p {a} }} UNION {{ {a} ?p ?o }} }} GRAPH ?g {{ ?doc a dg:Document }} }}""")
    return [URIRef(r[0]) for r in rows]


def check(store: GraphStore, *, most: int = 20) -> list[str]:
    """Where the index and the store differ (one line each, at most `most`); [] when they agree."""
    index = store.index
    if index is None:
        return []
    reason = index.state()
    if reason:
        return [reason]
    problems: list[str] = []
    stored = all_documents(store._select)
    indexed = index.all_documents()
    missing = {str(d) for d in stored} - set(indexed)
    extra = set(indexed) - {str(d) for d in stored}
    problems += [f"document {d} is stored but not indexed" for d in sorted(missing)]
    problems += [f"document {d} is indexed but no longer stored" for d in sorted(extra)]
    for document in read_documents(store._select, stored):
        if document.iri in missing:
            continue
        if indexed[document.iri] != (document.name, document.content_hash):
            problems.append(f"document {document.iri}: name or hash differs")
        have = {r.iri: r for r in index.rows_of(document.iri)}
        want = {item.row.iri: item.row for item in document.statements}
        for iri in sorted(set(have) | set(want)):
            if have.get(iri) != want.get(iri):
                problems.append(f"statement {iri}: " + ("not indexed" if iri not in have else
                                                          "indexed but not stored" if iri not in want else "differs"))
        if index.reports_of(document.iri) != set(document.utterances):
            problems.append(f"document {document.iri}: its reports in the near-duplicate lookup differ")
        if len(problems) >= most:
            break
    if len(problems) < most:
        problems += position_drift(store, index)
    counted, kept = store.counted(), index.counts()
    if not problems and counted != kept:
        problems.append(f"counts differ: store {counted.to_json()}, index {kept.to_json()}")
    return problems[:most]


def position_drift(store: GraphStore, index: StatementIndex) -> list[str]:
    """Where the indexed positions (with their evidence) and actors differ from what SPARQL reads."""
    from .position_rows import positions

    problems: list[str] = []
    have = PositionIndex(index).stored()
    want = {row.iri: row for row in positions(store._select)}
    for iri in sorted(set(have) | set(want)):
        if have.get(iri) != want.get(iri):
            problems.append(f"position {iri}: " + ("not indexed" if iri not in have else
                                                     "indexed but not stored" if iri not in want else "differs"))
    kept = PositionIndex(index).tally_rows()
    recomputed = sorted(read_tallies(store._select, holders=sorted(all_holders(store._select))))
    if kept != recomputed:
        differ = {r[0] for r in set(kept) ^ set(recomputed)}
        problems += [f"position {iri}: its tallies differ from the stored evidence" for iri in sorted(differ)]
    indexed_actors = PositionIndex(index).actor_rows()
    rows, names = read_actors(store._select, every_actor(store._select))
    if indexed_actors != (sorted(rows), sorted(set(names))):
        problems.append("actors or their names differ")
    return problems


def utterance_lookup(store: GraphStore) -> Lookup:
    """The near-duplicate lookup of an ingest: from the index (one row per quote, so a quote stored a
    thousand times is one candidate) when the store keeps one, else SPARQL over the stored band keys."""
    in_sparql = store_lookup(store._select)

    def lookup(pairs: Sequence[tuple[str, str]]) -> list[StoredReport]:
        index = usable(store)
        if index is None:
            return in_sparql(pairs)
        try:
            return index.stored_reports(pairs)
        except sqlite3.DatabaseError as error:  # a damaged file: rebuilt, and this answer comes from SPARQL
            damaged(store, error)
            return in_sparql(pairs)

    return lookup
