"""Bad input that used to get through: each is reported in one line, and the good files of the same
command are still stored (issue 11, items 2 and 6)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from diplograph.extract.document import Document, DocumentError, iter_documents
from diplograph.graph.store import open_store

ARTICLE = (
    "Ministers meet in Geneva\n\n"
    "Foreign Minister Andrii Sybiha said on Monday that Ukraine would not accept a ceasefire that let Russia rearm. "
    "\"We need more air defence before winter,\" Sybiha told reporters in Geneva.\n"
)
RUSSIAN = ("Министр иностранных дел заявил в понедельник, что Москва не примет перемирие, которое позволит "
           "Украине перевооружиться. «Мы не согласимся на это», — сказал он журналистам в Женеве.\n")
CHINESE = "外交部发言人周一表示，中方欢迎双方在日内瓦举行的直接谈判，并希望各方保持克制，通过对话解决分歧，早日实现停火。\n"


def summary(output: str) -> tuple[int, int, int]:
    match = re.search(r"Documents: (\d+) new, (\d+) unchanged, (\d+) failed", output)
    assert match, output
    return int(match[1]), int(match[2]), int(match[3])


def names_stored(uri: str) -> list[str]:
    store = open_store(uri)
    try:
        return sorted(d.name for d in store.documents())
    finally:
        store.close()


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        data = ARTICLE.encode(encoding)
        path.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
        [document] = iter_documents([path])
        assert isinstance(document, Document), document
        assert document.text == ARTICLE


def test_invisible_characters_are_stripped_and_offsets_stay_true(cli, tmp_path: Path) -> None:
    hidden = ARTICLE.replace("Sybiha", "Sy\u200bbi\u200dha").replace("Ukraine", "\u202eUkraine\u202c")
    hidden = hidden.replace("We need", "We\u2060 need\u00ad")
    path = tmp_path / "hidden.txt"
    path.write_text(hidden, encoding="utf-8")
    [document] = iter_documents([path])
    assert isinstance(document, Document) and document.text == ARTICLE
    result = cli("extract", str(path))
    assert result.exit_code == 0, result.output
    rows = [__import__("json").loads(line) for line in result.stdout.splitlines()]
    assert any(row["speaker"] == "Andrii Sybiha" for row in rows), rows
    for row in rows:
        assert ARTICLE[row["start"]:row["end"]].startswith(row["text"][:10])


@pytest.mark.parametrize("text, language", [(RUSSIAN, "Russian"), (CHINESE, "Chinese")])
def test_a_non_english_article_is_named_and_skipped(cli, tmp_path: Path, text: str, language: str) -> None:
    foreign = tmp_path / "foreign.txt"
    foreign.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    uri = f"oxigraph:{tmp_path / 'graph'}"
    result = cli("ingest", str(foreign), str(good), "--store", uri)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "foreign.txt" in line]
    assert language in line and "English" in line and "Traceback" not in result.output
    assert summary(result.stdout) == (1, 0, 1)
    assert names_stored(uri) == ["good.txt"]


def test_impossible_publication_dates_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    lines = [{"id": "a", "text": ARTICLE, "published": "2025-13-45"},
             {"id": "b", "text": ARTICLE + " ", "published": "not-a-date"},
             {"id": "c", "text": ARTICLE + "  ", "published": "2025-10-17T08:00:00Z"}]
    path.write_text("\n".join(__import__("json").dumps(line) for line in lines), encoding="utf-8")
    found = list(iter_documents([path]))
    errors = [item for item in found if isinstance(item, DocumentError)]
    assert [e.source for e in errors] == [f"{path}:1", f"{path}:2"]
    assert all("YYYY-MM-DD" in e.message for e in errors)
    [document] = [item for item in found if isinstance(item, Document)]
    assert document.published == "2025-10-17"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file: permissions cannot make one unreadable")
def test_unreadable_files_and_folders_are_reported_and_the_rest_stored(cli, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    unreadable = tmp_path / "unreadable.txt"
    unreadable.write_text(ARTICLE + " ", encoding="utf-8")
    (folder / "locked").chmod(0)
    unreadable.chmod(0)
    try:
        uri = f"oxigraph:{tmp_path / 'graph'}"
        result = cli("ingest", str(unreadable), str(folder), "--store", uri)
    finally:
        (folder / "locked").chmod(0o755)
        unreadable.chmod(0o644)
    assert result.exit_code == 1 and "Usage" not in result.output
    assert "unreadable.txt" in result.stderr and "locked" in result.stderr
    assert names_stored(uri) == ["good.txt"]


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk's own error path, which root never takes with chmod: os.scandir refusing a sub-folder."""
    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - os.scandir's own signature
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(iter_documents([folder]))
    errors = [item for item in found if isinstance(item, DocumentError)]
    assert [e.source for e in errors] == [str(folder / "locked")] and "Permission denied" in errors[0].message
    assert [d.name for d in found if isinstance(d, Document)] == ["good.txt"]


def test_a_slow_article_is_reported_and_the_rest_of_the_batch_stored(cli, tmp_path: Path) -> None:
    sentences = " ".join(f"Minister Number{i} said on day {i} that talks in Geneva would go on." for i in range(1500))
    slow = tmp_path / "b_slow.txt"
    slow.write_text("Talks\n\n" + sentences + "\n", encoding="utf-8")
    first, last = tmp_path / "a_good.txt", tmp_path / "c_good.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    last.write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    uri = f"oxigraph:{tmp_path / 'graph'}"
    result = cli("ingest", str(first), str(slow), str(last), "--store", uri, "--batch", "1", "--time-limit", "0.5")
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.stderr.splitlines() if "b_slow.txt" in line]
    assert "longer than 0.5 s" in line and "skipped" in line
    assert summary(result.stdout) == (2, 0, 1)
    assert names_stored(uri) == ["a_good.txt", "c_good.txt"]


@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 10_000 + " ?s ?p ?o " + "}" * 10_000,
    "INSERT { <urn:a> <urn:b> ?x } WHERE { BIND(" + "(" * 5_000 + "1" + ")" * 5_000 + " AS ?x) }",
])
def test_the_cli_refuses_deeply_nested_sparql_in_one_line(cli, text: str) -> None:
    result = cli("sparql", text, "--store", "memory")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: the SPARQL text nests brackets") and "at most 100" in line


def test_ordinary_nesting_still_runs(cli) -> None:
    query = "SELECT ?n WHERE { { { BIND(((((1 + 2)))) AS ?n) } } }"
    result = cli("sparql", query, "--store", "memory", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "3"
