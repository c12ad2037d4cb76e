"""`diplograph positions` and `diplograph shifts`, and GET /shifts, on four dated articles written for
these tests and the README (examples/tomahawk_weeks.jsonl): Trump supports, supports, opposes, then supports again."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from fastapi.testclient import TestClient

from diplograph.api.app import create_app
from diplograph.graph.store import open_store

WEEKS = Path(__file__).resolve().parents[2] / "examples" / "tomahawk_weeks.jsonl"  # also a README example


@pytest.fixture(scope="module")
def store_uri(tmp_path_factory: pytest.TempPathFactory, cli: Callable[..., Result]) -> str:
    uri = f"oxigraph:{tmp_path_factory.mktemp('weeks') / 'graph'}"
    result = cli("ingest", str(WEEKS), "--store", uri)
    assert result.exit_code == 0, result.output
    return uri


def test_shifts_lists_both_changes_with_the_statements_either_side(store_uri: str, cli: Callable[..., Result]) -> None:
    result = cli("shifts", "--actor", "Trump", "--topic", "tomahawk", "--store", store_uri)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2025-10-21  Donald Trump on tomahawk: opposes → supports"
    assert "he supports sending Tomahawks to Ukraine after all" in lines[2] and "[trump-week-4" in lines[2]
    assert any(line.startswith("2025-10-15  Donald Trump on tomahawk: supports → opposes") for line in lines)
    recent = cli("shifts", "--since", "2025-10-20", "--format", "jsonl", "--store", store_uri)
    rows = [json.loads(line) for line in recent.output.splitlines()]
    assert [(r["from_stance"], r["to_stance"], r["after"]["outlet"]) for r in rows] == [
        ("opposes", "supports", "morning-post.example")]


def test_a_bad_since_is_one_clear_line(store_uri: str, cli: Callable[..., Result]) -> None:
    result = cli("shifts", "--since", "last month", "--store", store_uri)
    assert result.exit_code == 2 and result.output.strip().startswith("error: --since must be a date")


def test_positions_shows_the_summary(store_uri: str, cli: Callable[..., Result]) -> None:
    result = cli("positions", "--actor", "Trump", "--format", "jsonl", "--store", store_uri)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["topic"], r["stance"], r["count"], r["shifts"], r["stances"]) for r in rows] == [
        ("tomahawk", "supports", 4, 2, {"supports": 3, "opposes": 1})]
    table = cli("positions", "--topic", "tomahawk", "--store", store_uri)
    assert "Donald Trump" in table.output and "supports 3, opposes 1" in table.output


def test_positions_keeps_the_newest_reports_and_pages_one_positions_evidence(store_uri: str,
                                                                             cli: Callable[..., Result]) -> None:
    """The CLI reads the page the API answers: the newest reports of each position (--evidence), and
    --position pages back through one position's reports from the newest."""
    result = cli("positions", "--actor", "Trump", "--evidence", "2", "--format", "jsonl", "--store", store_uri)
    row = json.loads(result.output.splitlines()[0])
    assert row["reports"] == 4 and [e["date"] for e in row["evidence"]] == ["2025-10-15", "2025-10-21"]
    older = cli("positions", "--position", row["iri"], "--offset", "2", "--limit", "5", "--format", "jsonl",
                "--store", store_uri)
    assert older.exit_code == 0, older.output
    assert [json.loads(line)["date"] for line in older.output.splitlines()] == ["2025-09-29", "2025-10-08"]
    table = cli("positions", "--position", row["iri"], "--limit", "1", "--store", store_uri)
    assert "Reports 1–1 of 4" in table.output and "2025-10-21" in table.output
    unknown = cli("positions", "--position", "https://w3id.org/diplograph/position/none", "--store", store_uri)
    assert unknown.exit_code == 2 and unknown.output.strip().startswith("error: no position")
    paged = cli("positions", "--limit", "1", "--offset", "1", "--store", store_uri)
    assert paged.exit_code == 0 and "Positions (0 of 1)" in paged.output


def test_get_shifts_answers_who_changed_position_this_month(store_uri: str) -> None:
    store = open_store(store_uri)
    try:
        with TestClient(create_app(store=store)) as client:
            rows = client.get("/shifts", params={"topic": "tomahawk", "since": "2025-10-01"}).json()
            assert [(r["holder"], r["from_stance"], r["to_stance"], r["date"]) for r in rows] == [
                ("Donald Trump", "opposes", "supports", "2025-10-21"),
                ("Donald Trump", "supports", "opposes", "2025-10-15")]
            assert rows[1]["before"]["doc"] == "trump-week-2" and rows[1]["after"]["doc"] == "trump-week-3"
            position = client.get("/positions", params={"actor": "Trump", "topic": "tomahawk"}).json()
            assert len(position) == 1 and position[0]["stance"] == "supports" and position[0]["shifts"] == 2
            # the page keeps the newest three reports, in date order; the fourth is paged back to
            assert position[0]["reports"] == 4
            assert [e["date"] for e in position[0]["evidence"]] == ["2025-10-08", "2025-10-15", "2025-10-21"]
            older = client.get("/positions/evidence", params={"position": position[0]["iri"], "offset": 3})
            assert [e["date"] for e in older.json()] == ["2025-09-29"] and older.headers["x-total-count"] == "4"
            schema = client.get("/openapi.json").json()
            assert "/shifts" in schema["paths"] and "PositionEvidenceOut" in schema["components"]["schemas"]
    finally:
        store.close()


def test_an_undated_article_is_counted_by_date_filters(tmp_path: Path, cli: Callable[..., Result]) -> None:
    undated = tmp_path / "undated.jsonl"
    undated.write_text(json.dumps({"id": "no-date", "text": "Tomahawks\nPresident Donald Trump said he opposes "
                                   "giving Tomahawks to Kyiv before his talks with Moscow."}) + "\n", encoding="utf-8")
    uri = f"oxigraph:{tmp_path / 'graph'}"
    assert cli("ingest", str(WEEKS), str(undated), "--store", uri).exit_code == 0
    store = open_store(uri)
    try:
        with TestClient(create_app(store=store)) as client:
            dated = client.get("/statements", params={"speaker": "Trump", "date_from": "2025-09-29"})
            assert len(dated.json()) == 4 and dated.headers["X-Undated-Documents"] == "1"
            # date filters read the statement's own date: the first week's words were said on the Monday
            # (2025-09-29) before the article's publication date (2025-10-01)
            later = client.get("/statements", params={"speaker": "Trump", "date_from": "2025-10-01"}).json()
            assert [row["date"] for row in later] == ["2025-10-08", "2025-10-15", "2025-10-21"]
            assert "X-Undated-Documents" not in client.get("/statements").headers
            position = client.get("/positions", params={"actor": "Trump", "topic": "tomahawk"}).json()[0]
            assert position["undated"] == 1 and position["evidence"][-1]["dated"] is False
            assert position["evidence"][-1]["doc"] == "no-date" and position["stance"] == "supports"
    finally:
        store.close()
