"""Positions, profiles and actor names answered from the index: the same answers as the SPARQL lookups,
paged in index order, kept in step by every write, and drift in them found by the check."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph import index_sync, lookups, queries
from diplograph.graph.position_index import PositionIndex
from diplograph.graph.position_rows import positions as sparql_positions
from diplograph.graph.store import GraphStore, open_store
from diplograph.graph.statements import topic_iri



def edition(extraction: Extraction, name: str, suffix: str, published: str) -> Extraction:
    document = replace(extraction.document, name=name, text=extraction.document.text + suffix,
                       clean=extraction.document.clean + suffix, published=published)
    return replace(extraction, document=document, statements=tuple(replace(s, doc=name) for s in extraction.statements))


@pytest.fixture
def archive(tmp_path: Path, seed_extractions: list[Extraction], kremlin: Extraction,
            white_house: Extraction) -> Iterator[GraphStore]:
    """The seed articles, both hand-written ones and a later copy of one (wire copies: one utterance)."""
    store = open_store(f"oxigraph:{tmp_path / 'graph'}")
    store.add_many([*seed_extractions, kremlin, white_house])
    store.add(edition(kremlin, "kremlin-copy.txt", "\n(Republished.)", "2025-11-03"))
    yield store
    store.close()


def sparql(store: GraphStore, **filters: object) -> list[dict]:
    return [p.to_json() for p in sparql_positions(store._select, **filters)]  # type: ignore[arg-type]


def indexed(store: GraphStore, **filters: object) -> list[dict]:
    return [p.to_json() for p in store.positions(**filters)]  # type: ignore[arg-type]


def test_positions_answer_as_sparql(archive: GraphStore) -> None:
    every = sparql(archive)
    assert every and any(p["claimed"] for p in every) and any(len(p["evidence"]) > 1 for p in every)
    assert indexed(archive) == every
    for claimed in (True, False):
        assert indexed(archive, claimed=claimed) == sparql(archive, claimed=claimed)
    topics = sorted({p["topic"] for p in every})
    for key in topics:
        family = archive._topic_family(topic_iri(key))
        assert indexed(archive, topic=key) == sparql(archive, topics=family), key
        assert indexed(archive, topic=key, claimed=False) == sparql(archive, topics=family, claimed=False), key
    for holder in sorted({p["holder_id"] for p in every}):
        from rdflib import URIRef

        assert indexed(archive, actor=holder) == sparql(archive, holders=[URIRef(holder)]), holder


def test_matrix_cells_answer_as_sparql(archive: GraphStore) -> None:
    from diplograph.graph.position_rows import position_cells

    def key(cells: list) -> list:
        return sorted(tuple(c.to_json().items()) for c in cells)

    assert archive.position_cells() and key(archive.position_cells()) == key(position_cells(archive._select))
    for topic in sorted({p["topic"] for p in sparql(archive)}):
        family = archive._topic_family(topic_iri(topic))
        for claimed in (None, False):
            assert key(archive.position_cells(topic=topic, claimed=claimed)) == \
                key(position_cells(archive._select, topics=family, claimed=claimed)), topic


def test_a_page_is_a_slice_of_the_whole_with_its_total(archive: GraphStore) -> None:
    every = sparql(archive)
    for offset, limit in ((0, 2), (1, 3), (len(every) - 1, 5), (len(every) + 4, 2)):
        page = archive.position_page(offset=offset, limit=limit, evidence=1)
        assert page.total == len(every)
        assert [p.to_json() for p in page.rows] == [{**p, "evidence": p["evidence"][-1:]} for p in every[offset:offset + limit]]


def test_a_page_shows_the_newest_reports_and_the_rest_page_back_from_them(archive: GraphStore) -> None:
    """A page keeps each position's newest reports in date order; a position's evidence, paged back from the
    newest, gives its whole history once (no gap, no repeat), with the report count as its total, from the
    index and from SPARQL alike."""
    every = {p["iri"]: p for p in sparql(archive)}
    long = [p for p in every.values() if len(p["evidence"]) >= 3]
    assert long, "the archive has a position with three reports or more"
    for row in archive.position_page(evidence=2).rows:
        history = every[row.iri]["evidence"]
        assert [e.to_json() for e in row.evidence] == history[-2:]
    for position in long:
        pages, offset = [], 0
        while True:
            found = archive.position_evidence(position["iri"], offset=offset, limit=2)
            assert found is not None and found.total == position["reports"] == len(position["evidence"])
            if not found.rows:
                break
            pages = [e.to_json() for e in found.rows] + pages
            offset += 2
        assert pages == position["evidence"]
        whole = archive.position_evidence(position["iri"])
        assert whole is not None and [e.to_json() for e in whole.rows] == position["evidence"]
    assert archive.position_evidence(long[0]["iri"].replace("position/", "position/x")) is None
    index = archive.index
    archive.index = None  # the SPARQL path answers the same
    try:
        for position in long:
            found = archive.position_evidence(position["iri"], offset=1, limit=2)
            assert found is not None and [e.to_json() for e in found.rows] == position["evidence"][-3:-1]
            assert found.total == position["reports"]
        assert [p.to_json() for p in archive.position_page(evidence=1).rows] == [
            p.to_json() for p in PositionIndex(index).page(evidence=1).rows]
    finally:
        archive.index = index


def test_a_topic_page_counts_the_topic_with_its_narrower_ones(archive: GraphStore) -> None:
    """The total of a topic's page (counted in the topic table alone) is the number of positions the SPARQL
    lookup gives on the topic's family, with and without the claimed filter, and with a holder."""
    from diplograph.graph.index_reads import topic_ancestors

    every = sparql(archive)
    ancestors = topic_ancestors(archive._select)
    keys = {p["topic"] for p in every}
    keys |= {str(a).rsplit("/", 1)[-1] for k in keys for a in ancestors.get(str(topic_iri(k)), ())}
    broader = [k for k in keys if k not in {p["topic"] for p in every}]
    assert broader, "a topic with positions only on its narrower topics is counted too"
    for key in sorted(keys):
        family = archive._topic_family(topic_iri(key))
        for claimed in (None, True, False):
            whole = sparql(archive, topics=family, claimed=claimed)
            page = archive.position_page(topic=key, claimed=claimed, limit=1, evidence=0)
            assert page.total == len(whole), (key, claimed)
            assert [p.iri for p in page.rows] == [p["iri"] for p in whole[:1]]
        holder = every[0]["holder_id"]
        assert archive.position_page(actor=holder, topic=key).total == \
            len([p for p in sparql(archive, topics=family) if p["holder_id"] == holder])


def test_the_profile_pages_positions_the_most_evidenced_first(archive: GraphStore) -> None:
    speaker = max(archive.statements(), key=lambda r: sum(1 for s in archive.statements() if s.speaker_id == r.speaker_id))
    from rdflib import URIRef

    whole = [p for p in sparql_positions(archive._select, holders=[URIRef(speaker.speaker_id)]) if not p.claimed]
    ranked = sorted(whole, key=lambda p: (-p.count, p.topic))
    profile = archive.actor(speaker.speaker_id, statements_limit=2, positions_limit=1, evidence_limit=1)
    assert profile is not None and profile.positions_total == len(whole) >= 1
    assert [p.iri for p in profile.positions] == [p.iri for p in ranked[:1]]
    assert all(len(p.evidence) <= 1 for p in profile.positions)
    assert profile.actor == lookups.actors(archive._select, ids=[URIRef(speaker.speaker_id)])[0]
    assert (profile.roles, profile.merged_from) == lookups.roles_and_merges(archive._select, URIRef(speaker.speaker_id))
    assert len(profile.statements) == min(2, profile.actor.statements)


def test_actor_names_resolve_as_sparql(archive: GraphStore) -> None:
    index = archive.index
    assert index is not None
    names = [name for row in archive.actors() for name in (row.name, *row.aliases)]
    assert names
    for name in names[:40] + [n.upper() for n in names[:5]] + ["nobody at all"]:
        assert PositionIndex(index).actors_named(name) == \
            [str(r[0]) for r in archive._select(queries.actors_named_query(name))], name


def test_positions_follow_removal_and_merge(archive: GraphStore) -> None:
    archive.remove("kremlin-copy.txt")
    assert index_sync.check(archive) == []
    assert indexed(archive) == sparql(archive)
    holders = sorted({p["holder_id"] for p in sparql(archive)})
    archive.merge_actors(holders[0], holders[1])
    assert index_sync.check(archive) == []
    assert indexed(archive) == sparql(archive)
    slug = holders[1].rsplit("/", 1)[-1]  # the dropped actor's names now name the kept one
    assert PositionIndex(archive.index).actors_named(slug) == \
        [str(r[0]) for r in archive._select(queries.actors_named_query(slug))]
    assert holders[1] not in {p["holder_id"] for p in indexed(archive)}


def test_drift_in_positions_is_found(archive: GraphStore) -> None:
    db = archive.index._connect()
    db.execute("UPDATE positions SET stance = 'rejects' WHERE id = (SELECT MIN(id) FROM positions)")
    problems = index_sync.check(archive)
    assert len(problems) == 1 and problems[0].startswith("position") and problems[0].endswith("differs")
    index_sync.rebuild(archive)
    assert index_sync.check(archive) == []


def test_drift_in_an_evidence_copy_is_found(archive: GraphStore) -> None:
    """The columns a page shows of each report are copies in position_evidence: a copy that no longer
    says what the store says is drift, and the rebuild copies them again."""
    db = archive.index._connect()
    db.execute("UPDATE position_evidence SET quote = 'words nobody said' WHERE (pid, statement) = "
               "(SELECT pid, statement FROM position_evidence ORDER BY pid, statement LIMIT 1)")
    problems = index_sync.check(archive)
    assert len(problems) == 1 and problems[0].startswith("position") and problems[0].endswith("differs")
    index_sync.rebuild(archive)
    assert index_sync.check(archive) == []
    assert "words nobody said" not in {e["text"] for p in indexed(archive) for e in p["evidence"]}


def test_a_replaced_version_rewrites_the_evidence_it_reports(archive: GraphStore, kremlin: Extraction) -> None:
    """A changed text under the same file name replaces the older version: the evidence rows of every
    position it reports carry the new version's date, as the store's evidence does."""
    before = [e for p in indexed(archive) for e in p["evidence"] if e["doc"] == "kremlin-copy.txt"]
    assert before and {e["date"] for e in before} == {"2025-11-03"}
    archive.add(edition(kremlin, "kremlin-copy.txt", "\n(Republished with a correction.)", "2025-11-09"))
    assert index_sync.check(archive) == []
    after = [e for p in indexed(archive) for e in p["evidence"] if e["doc"] == "kremlin-copy.txt"]
    assert len(after) == len(before) and {e["date"] for e in after} == {"2025-11-09"}
    assert indexed(archive) == sparql(archive)


def test_a_pages_evidence_is_read_from_its_position_rows_alone(archive: GraphStore) -> None:
    """Each position's reports are read from its own rows of position_evidence, in key order (its whole history)
    or backwards from the newest (a page's newest reports): no probe of the statements table or the reports
    lookup per report, and no sort of the history."""
    db = archive.index._connect()
    for order in ("day, name, start, statement", "day DESC, name DESC, start DESC, statement DESC"):
        plan = " ".join(r[3] for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT statement, utterance, quote, sentence, stance, name, doc_iri, title, url, date, "
            f"start, \"end\", confidence FROM position_evidence WHERE pid = ? ORDER BY {order} LIMIT 20 OFFSET 3",
            (1,)))
        assert "TEMP B-TREE" not in plan and "PRIMARY KEY" in plan and "statements" not in plan, order


def test_a_topic_page_is_read_in_index_order(archive: GraphStore) -> None:
    """The page of one topic's positions walks a B-tree sorted like the page: no sort of every match."""
    db = archive.index._connect()
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT p.id FROM position_topics t JOIN positions p ON p.id = t.pid WHERE t.topic = ? "
        "ORDER BY t.holder_label, t.holder, t.ptopic, t.claimed, t.reporter_label, t.iri LIMIT 50",
        (str(topic_iri("ceasefire")),)))
    assert "TEMP B-TREE" not in plan and "position_topics_listed" in plan


def test_an_actor_named_only_as_addressee_follows_its_article(tmp_path: Path, kremlin: Extraction) -> None:
    """"European allies" is only addressed in kremlin.txt: indexed with it, and gone with it."""
    store = open_store(f"oxigraph:{tmp_path / 'graph'}")
    try:
        store.add(kremlin)
        names = PositionIndex(store.index)
        stored = lambda: [str(r[0]) for r in store._select(queries.actors_named_query("european allies"))]  # noqa: E731
        assert names.actors_named("European Allies") == stored() != []
        assert store.actor("European allies") is not None
        store.remove("kremlin.txt")
        assert index_sync.check(store) == []
        assert names.actors_named("european allies") == stored() == []  # forgotten with its only article
    finally:
        store.close()
