"""`diplograph extract`: the JSONL contract on stdout, no store, bad files on stderr."""
from __future__ import annotations

import json
from pathlib import Path

# The public JSONL contract of `diplograph extract`.
STATEMENT_KEYS = {
    "doc", "speaker", "speaker_id", "speaker_mention", "kind", "text", "cue", "addressees",
    "topics", "stance", "sentence", "start", "end", "confidence",
}


def test_extract_writes_one_contract_object_per_line(cli, seed_files: list[Path]) -> None:
    result = cli("extract", *map(str, seed_files), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "no statements extracted from the seeds"
    for row in rows:
        assert STATEMENT_KEYS <= row.keys(), row
        assert row["kind"] in ("direct", "reported")
        assert row["stance"] in ("requests", "supports", "opposes", "rejects", "warns", "neutral")
    assert {row["doc"] for row in rows} == {path.name for path in seed_files}
    speakers = {row["speaker"] for row in rows}
    assert {"Volodymyr Zelensky", "Donald Trump"} <= speakers


def test_extract_keeps_non_ascii_characters_unescaped(cli, seed_files: list[Path]) -> None:
    result = cli("extract", *map(str, seed_files), "--format", "jsonl")
    assert "\\u201c" not in result.stdout and "\\u2019" not in result.stdout
    sentences = "".join(json.loads(line)["sentence"] for line in result.stdout.splitlines())
    assert "’" in sentences or "“" in sentences  # the second seed uses typographic quotes


def test_extract_offsets_point_into_the_file(cli, seed_files: list[Path]) -> None:
    result = cli("extract", str(seed_files[1]))
    text = seed_files[1].read_text(encoding="utf-8")
    for row in map(json.loads, result.stdout.splitlines()):
        assert text[row["start"]:row["end"]] == row["text"]


def test_extract_touches_no_store(cli, tmp_path: Path, seed_files: list[Path], monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("extract", str(seed_files[0]), env={"DIPLOGRAPH_STORE": f"oxigraph:{tmp_path / 'graph'}"})
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == []


def test_bad_file_is_reported_and_good_files_still_extracted(cli, tmp_path: Path, seed_files: list[Path]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = cli("extract", str(empty), str(seed_files[0]))
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {seed_files[0].name}


def test_extract_table_lists_speakers(cli, seed_files: list[Path]) -> None:
    result = cli("extract", str(seed_files[1]), "--format", "table")
    assert result.exit_code == 0, result.output
    assert "Zelensky" in result.stdout and "Trump" in result.stdout
