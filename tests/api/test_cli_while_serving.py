"""While `diplograph serve` holds an embedded Oxigraph store, the other commands read it (opened
read-only) and a command that writes stops at once with one line saying what to do.

The server is a real process, as `make run` starts it; the commands run as real processes too.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
TOKEN = "serving-token"


def command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DIPLOGRAPH_")}
    return subprocess.run([DIPLOGRAPH, *args], cwd=cwd, env={**env, "COLUMNS": "200"}, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def serving_store(seed_files: list[Path], live_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, Path]]:
    """(base URL, store URI, folder): the seeds ingested, then served by `diplograph serve`."""
    folder = tmp_path_factory.mktemp("serving")
    uri = f"oxigraph:{folder / 'graph'}"
    ingested = command("ingest", *map(str, seed_files), "--store", uri, cwd=folder)
    assert ingested.returncode == 0, ingested.stderr
    with live_server(["--store", uri], cwd=folder, env={"DIPLOGRAPH_API_TOKEN": TOKEN}) as base:
        yield base, uri, folder


def test_read_commands_work_while_the_server_holds_the_store(serving_store) -> None:
    base, uri, folder = serving_store
    listed = command("statements", "--store", uri, "--speaker", "Zelensky", "--format", "jsonl", cwd=folder)
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    with urllib.request.urlopen(f"{base}/statements?speaker=Zelensky&limit=1000") as response:
        served = json.loads(response.read())
    assert rows and {row["iri"] for row in rows} == {row["iri"] for row in served}
    for args in (["sparql", "ASK { ?s a dg:Statement }"], ["actors", "--format", "csv"], ["documents"],
                 ["ask", "who said what about Tomahawks"], ["validate"]):
        result = command(*args, "--store", uri, cwd=folder)
        assert result.returncode == 0, f"{args}: {result.stderr}"
        notes = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("note: ")]
        assert result.stdout.strip() and not notes, result.stderr  # how a name was read is a note, no error


def test_a_write_says_in_one_line_what_to_do(serving_store, seed_files: list[Path]) -> None:
    base, uri, folder = serving_store
    for args in (["ingest", str(seed_files[0])], ["remove", seed_files[0].name],
                 ["actors", "merge", "Donald Trump", "Volodymyr Zelensky"]):
        result = command(*args, "--store", uri, cwd=folder)
        assert result.returncode == 2, result.stdout
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "held by another process" in lines[0], result.stderr
        assert "stop that process" in lines[0] and "POST /documents" in lines[0]
        assert "Traceback" not in result.stderr
    with urllib.request.urlopen(f"{base}/health") as response:
        assert json.loads(response.read())["documents"] == len(seed_files)  # nothing was lost


def test_articles_posted_to_the_server_are_seen_by_the_next_command(serving_store) -> None:
    base, uri, folder = serving_store
    article = "Foreign Minister Andrii Sybiha said Ukraine needed more air defence systems before winter.\n"
    request = urllib.request.Request(f"{base}/documents?name=served-note.txt", data=article.encode(), method="POST",
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 201
    listed = command("documents", "--store", uri, "--format", "jsonl", cwd=folder)
    assert listed.returncode == 0, listed.stderr
    assert "served-note.txt" in {json.loads(line)["name"] for line in listed.stdout.splitlines()}
