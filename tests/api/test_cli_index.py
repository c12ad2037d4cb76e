"""`diplograph index check` and `diplograph index rebuild` on a copy of an ingested store."""
from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from diplograph.graph.statement_index import FILE_NAME


def test_check_finds_drift_and_rebuild_mends_it(cli: Callable[..., Result], disk_store_uri: str, tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(disk_store_uri.removeprefix("oxigraph:"), copy)
    uri = f"oxigraph:{copy}"
    fine = cli("index", "check", "--store", uri)
    assert fine.exit_code == 0 and "agrees with the store" in fine.stdout, fine.output
    with sqlite3.connect(copy / FILE_NAME) as db:  # a statement lost from the index, as a bug would lose it
        db.execute("DELETE FROM statements WHERE id = (SELECT MIN(id) FROM statements)")
    drift = cli("index", "check", "--store", uri)
    assert drift.exit_code == 1 and "not indexed" in drift.stdout and "diplograph index rebuild" in drift.output
    rebuilt = cli("index", "rebuild", "--store", uri)
    assert rebuilt.exit_code == 0 and "Rebuilt the statements index" in rebuilt.stdout, rebuilt.output
    assert cli("index", "check", "--store", uri).exit_code == 0

