"""Reading articles: formats, titles, furniture, and bad input reported without losing good input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.extract.document import DocumentError, document_from_text, iter_documents
from diplograph.extract.records import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_seed_titles_and_furniture() -> None:
    docs = {d.name: d for d in iter_documents([SEEDS]) if isinstance(d, Document)}
    titled = docs["004_16d7c908a1f93d37.txt"]
    assert titled.title.startswith("Trump Urges Zelensky")
    assert "Similar Posts" in titled.text and "Similar Posts" not in titled.clean
    assert len(titled.clean) == len(titled.text)  # blanking keeps every offset
    assert docs["000_99e161be9118d118.txt"].title == ""


def test_headline_is_decased_but_names_keep_their_case() -> None:
    doc = document_from_text("Trump Urges Zelensky to Stop the Killing\n\nTrump met Zelensky on Friday.", name="x.txt")
    assert doc.clean.startswith("Trump urges Zelensky to stop the killing")


def test_headline_keeps_the_case_of_states_and_capitals_the_body_never_writes() -> None:
    doc = document_from_text("Talks Stall as New Delhi Presses for Water Data\n\nThe talks stalled on Friday.", name="x.txt")
    assert doc.clean.startswith("Talks stall as New Delhi presses for water data")


def test_jsonl_records_and_a_malformed_line(tmp_path) -> None:
    path = tmp_path / "batch.jsonl"
    good = {"id": "a1", "title": "T", "url": "https://example.org/a1", "published": "2025-10-17T10:00:00Z",
            "text": "Zelensky said Ukraine needed air defense."}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "a2", "text": ""}) + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [d.name for d in docs] == ["a1"] and docs[0].published == "2025-10-17"
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3"]
    assert "malformed JSON" in errors[0].message and "empty" in errors[1].message


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("Zelensky sagte: Grüße".encode("latin-1"), "UTF-8"),
])
def test_bad_files_are_reported_and_good_ones_kept(tmp_path, content: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text("Trump said the talks went well.", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    assert [d.name for d in items if isinstance(d, Document)] == ["good.txt"]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert len(errors) == 1 and reason in errors[0].message and errors[0].source.endswith("bad.txt")


def test_missing_path_is_an_error_not_an_exception(tmp_path) -> None:
    items = list(iter_documents([tmp_path / "nope.txt"]))
    assert isinstance(items[0], DocumentError) and "no such file" in items[0].message


def test_huge_article_is_refused_with_the_limit(tmp_path) -> None:
    (tmp_path / "huge.txt").write_text("Trump said the talks went well. " * 40_000, encoding="utf-8")
    errors = [i for i in iter_documents([tmp_path]) if isinstance(i, DocumentError)]
    assert len(errors) == 1 and "limit is 1,000,000" in errors[0].message
