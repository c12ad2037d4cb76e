"""`diplograph ingest`: summary, idempotence, bad files reported and skipped, store errors without tracebacks."""
from __future__ import annotations

import json
import re
from pathlib import Path


from diplograph.graph.store import open_store


def summary(output: str) -> tuple[int, int, int]:
    """(new, unchanged, failed) from the summary line."""
    match = re.search(r"Documents: (\d+) new, (\d+) unchanged, (\d+) failed", output)
    assert match, output
    return int(match[1]), int(match[2]), int(match[3])


def stored_counts(uri: str):
    store = open_store(uri)
    try:
        return store.counts()
    finally:
        store.close()


def test_ingest_reports_new_documents_and_store_counts(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    result = cli("ingest", *map(str, seed_files), "--store", uri)
    assert result.exit_code == 0, result.output
    assert summary(result.stdout) == (len(seed_files), 0, 0)
    counts = stored_counts(uri)
    assert counts.documents == len(seed_files)
    assert counts.statements > 0 and counts.actors > 0
    for number in (counts.documents, counts.statements, counts.actors, counts.triples):
        assert str(number) in result.stdout  # the summary table shows the store's counts


def test_ingesting_again_changes_nothing(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    assert cli("ingest", str(seed_files[0].parent), "--store", uri).exit_code == 0  # a folder works too
    before = stored_counts(uri)
    again = cli("ingest", *map(str, seed_files), "--store", uri)
    assert again.exit_code == 0, again.output
    assert summary(again.stdout) == (0, len(seed_files), 0)
    assert stored_counts(uri) == before


def test_unchanged_files_are_known_by_hash_before_any_parsing(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    """Re-ingesting stored texts never builds the extractor: with a spaCy model that does not exist, the
    run still succeeds (building the extractor would fail with "cannot load the spaCy model")."""
    uri = f"oxigraph:{tmp_path / 'graph'}"
    assert cli("ingest", *map(str, seed_files), "--store", uri).exit_code == 0
    again = cli("ingest", *map(str, seed_files), "--store", uri, "--model", "no_such_spacy_model")
    assert again.exit_code == 0, again.output
    assert summary(again.stdout) == (0, len(seed_files), 0)
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("Foreign Minister Andrii Sybiha said Ukraine needed more air defence systems.\n", encoding="utf-8")
    refused = cli("ingest", *map(str, seed_files), str(fresh), "--store", uri, "--model", "no_such_spacy_model")
    assert refused.exit_code == 2 and "cannot load the spaCy model" in refused.output  # a new text is parsed


def test_a_changed_file_is_parsed_again_and_replaces_its_older_version(cli, tmp_path: Path,
                                                                       seed_files: list[Path]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    folder = tmp_path / "articles"
    folder.mkdir()
    copies = [folder / path.name for path in seed_files]
    for source, copy in zip(seed_files, copies):
        copy.write_bytes(source.read_bytes())
    assert cli("ingest", str(folder), "--store", uri).exit_code == 0
    copies[0].write_text(copies[0].read_text(encoding="utf-8") + "\nUpdated with a correction.\n", encoding="utf-8")
    again = cli("ingest", str(folder), "--store", uri)
    assert again.exit_code == 0, again.output
    assert summary(again.stdout) == (1, len(seed_files) - 1, 0)
    assert stored_counts(uri).documents == len(seed_files)


def write_bad_files(folder: Path, good_text: str) -> dict[str, Path]:
    """The four kinds of bad input, plus a JSONL file whose other line is a good article."""
    folder.mkdir()
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "latin1": folder / "latin1.txt",
        "jsonl": folder / "batch.jsonl",
    }
    files["empty"].write_text("", encoding="utf-8")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["latin1"].write_bytes("Le président Macron a déclaré que la paix était proche.".encode("latin-1"))
    good_line = json.dumps({"id": "good-1", "title": "Summit", "url": "https://example.org/a", "text": good_text})
    files["jsonl"].write_text(good_line + "\n" + '{"id": "broken", "text": "unterminated\n', encoding="utf-8")
    return files


def test_bad_files_are_reported_and_skipped_and_good_ones_stored(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    assert cli("ingest", str(seed_files[0]), "--store", uri).exit_code == 0
    before = stored_counts(uri)
    good_text = "Zelensky said Ukraine needed more air defense systems before winter."
    bad = write_bad_files(tmp_path / "incoming", good_text)

    result = cli("ingest", *map(str, bad.values()), str(seed_files[1]), "--store", uri)

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for name in ("empty.txt", "binary.txt", "latin1.txt", "batch.jsonl"):
        assert name in result.stderr, f"{name} not reported: {result.stderr}"
    new, unchanged, failed = summary(result.stdout)
    assert failed == 4
    assert new == 2  # the second seed and the good JSONL line
    after = stored_counts(uri)
    assert after.documents == before.documents + 2  # nothing stored before was lost
    assert after.statements > before.statements


def test_ingest_of_a_missing_path_fails_clearly(cli, tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path / "nowhere.txt"), "--store", "memory")
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr
    assert "Traceback" not in result.output


def test_bad_store_uri_exits_2_with_a_message(cli, seed_files: list[Path]) -> None:
    result = cli("ingest", str(seed_files[0]), "--store", "postgres://nope")
    assert result.exit_code == 2
    assert "postgres://nope" in result.stderr
    assert "Traceback" not in result.output


def test_store_locked_by_another_opener_exits_2(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    path = tmp_path / "graph"
    holder = open_store(f"oxigraph:{path}")
    try:
        result = cli("ingest", str(seed_files[0]), "--store", f"oxigraph:{path}")
    finally:
        holder.close()
    assert result.exit_code == 2, result.output
    assert str(path) in result.stderr
    assert "Traceback" not in result.output
