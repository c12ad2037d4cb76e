"""The statements index beside the store: in step after every kind of write, rebuilt when missing,
damaged, stale or older, read in index order for the common pages, and the counts /health serves."""
from __future__ import annotations

import multiprocessing
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph import index_sync
from diplograph.graph.statement_index import FILE_NAME
from diplograph.graph.statements import find_statements
from diplograph.graph.store import GraphStore, open_store


def edition(extraction: Extraction, name: str, suffix: str, published: str = "2025-11-02") -> Extraction:
    document = replace(extraction.document, name=name, text=extraction.document.text + suffix,
                       clean=extraction.document.clean + suffix, published=published)
    return replace(extraction, document=document, statements=tuple(replace(s, doc=name) for s in extraction.statements))


def agrees(store: GraphStore) -> None:
    """No drift, the index answers as SPARQL, and its counts are the counted ones."""
    assert index_sync.check(store) == []
    assert [r.to_json() for r in store.statements(order="-date")] == \
        [r.to_json() for r in find_statements(store, order="-date")]
    assert store.counts() == store.counted()


def test_no_drift_after_every_kind_of_write(store: GraphStore, kremlin: Extraction, white_house: Extraction) -> None:
    store.add(kremlin)
    agrees(store)
    store.add_many([white_house, edition(kremlin, "kremlin-later.txt", "\n(Updated.)")])
    agrees(store)
    store.add(edition(white_house, white_house.document.name, "\n(Corrected.)"))  # replaces the older version
    agrees(store)
    assert len({r.doc_iri for r in store.statements(doc=white_house.document.name)}) == 1
    store.remove("kremlin-later.txt")
    agrees(store)
    assert store.statements(doc="kremlin-later.txt") == []
    speakers = {r.speaker_id for r in store.statements()}
    keep, drop = sorted(speakers)[:2]
    store.merge_actors(keep, drop)
    agrees(store)
    assert drop not in {r.speaker_id for r in store.statements()}
    store.refresh_positions()
    agrees(store)


def test_a_failed_write_leaves_the_index_with_the_store(store: GraphStore, kremlin: Extraction,
                                                        white_house: Extraction) -> None:
    store.add(kremlin)
    before = (store.counts(), [r.iri for r in store.statements()])
    real_write = store.backend.write

    def failing_write(**_: object) -> None:
        raise OSError("disk full")

    store.backend.write = failing_write  # the store refuses the write: nothing of it is stored
    with pytest.raises(Exception, match="disk full"):
        store.add(white_house)
    store.backend.write = real_write
    assert (store.counts(), [r.iri for r in store.statements()]) == before
    agrees(store)


def _kill_after_write(uri: str, kill_at: str, extraction: Extraction) -> None:
    os.environ["DIPLOGRAPH_KILL_AT"] = kill_at
    store = open_store(uri)
    store.add(extraction)
    store.close()


def test_a_kill_between_the_store_write_and_the_index_is_mended_on_open(
        tmp_path: Path, capfd: pytest.CaptureFixture[str], kremlin: Extraction, white_house: Extraction) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    with open_store(uri) as store:
        store.add(kremlin)
    child = multiprocessing.get_context("spawn").Process(target=_kill_after_write, args=(uri, "write:1", white_house))
    child.start()
    child.join(timeout=300)
    assert child.exitcode == -9
    capfd.readouterr()
    with open_store(uri) as store:  # the document is stored, the index was left dirty: rebuilt
        assert "behind the store" in capfd.readouterr().err
        assert store.counts().documents == 2
        agrees(store)


@pytest.mark.parametrize("damage", ["delete", "garbage", "old schema", "dirty"])
def test_a_damaged_index_is_rebuilt_with_one_line(tmp_path: Path, damage: str, capfd: pytest.CaptureFixture[str],
                                                  kremlin: Extraction, white_house: Extraction) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    with open_store(uri) as store:
        store.add_many([kremlin, white_house])
        expected = [r.to_json() for r in store.statements()]
    path = tmp_path / "graph" / FILE_NAME
    assert path.exists()
    if damage == "delete":
        path.unlink()
    elif damage == "garbage":
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.write_bytes(b"not a database at all\x00" * 100)
    else:
        with sqlite3.connect(path) as db:
            db.execute("UPDATE meta SET value = ? WHERE key = ?",
                       ("0", "schema") if damage == "old schema" else ("1", "dirty"))
    capfd.readouterr()
    with open_store(uri) as store:
        err = capfd.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "rebuilt it from the store" in err
        assert [r.to_json() for r in store.statements()] == expected
        agrees(store)


def test_a_store_copied_with_its_directory_keeps_its_index(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                                           kremlin: Extraction) -> None:
    import shutil

    with open_store(f"oxigraph:{tmp_path / 'graph'}") as store:
        store.add(kremlin)
    shutil.copytree(tmp_path / "graph", tmp_path / "copy")
    capfd.readouterr()
    with open_store(f"oxigraph:{tmp_path / 'copy'}") as copy:
        assert capfd.readouterr().err == ""  # nothing to rebuild
        agrees(copy)


def test_drift_is_reported(filled: GraphStore) -> None:
    """A row changed behind the index's back (as a bug in a write path would) is found by the check."""
    assert filled.index is not None
    db = filled.index._connect()
    db.execute("UPDATE statements SET stance = 'warns' WHERE id = (SELECT MIN(id) FROM statements)")
    problems = index_sync.check(filled)
    # the statement, and the position it is evidence of (its evidence rows are the statements' rows)
    assert problems[0].startswith("statement") and problems[0].endswith("differs")
    assert all(p.startswith("position") for p in problems[1:])
    index_sync.rebuild(filled)
    assert index_sync.check(filled) == []


def test_counts_follow_writes_without_counting(filled: GraphStore) -> None:
    counted = filled.counted()
    assert filled.counts() == counted and counted.triples > 0 and counted.statements > 0
    filled.remove("kremlin.txt")
    assert filled.counts() == filled.counted() and filled.counts().documents == counted.documents - 1


@pytest.mark.parametrize("filters", [
    dict(topic="https://w3id.org/diplograph/topic/weapons_supply", order="-date"),
    dict(speakers=["https://w3id.org/diplograph/actor/volodymyr_zelensky"], order="-date"),
    dict(text="Tomahawk", order="doc"),
    dict(order="-date"),
    dict(topic="https://w3id.org/diplograph/topic/ceasefire", order="doc"),
])
def test_pages_are_read_in_index_order(filled: GraphStore, filters: dict) -> None:
    """The common pages walk a B-tree in the asked order: no sort of every match before the page."""
    assert filled.index is not None
    sql, params = filled.index.page_sql(**filters)
    plan = " | ".join(filled.index.explain(sql + " LIMIT 50", params))
    assert "TEMP B-TREE" not in plan, plan
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


def test_a_remote_store_keeps_no_index() -> None:
    from diplograph.graph.backends import RemoteBackend

    assert index_sync.open_index(RemoteBackend("http://127.0.0.1:9/query")) is None
