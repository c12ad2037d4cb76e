"""The web workspace's pages, rendered over the seed articles (HTTP level; tests/web drives a browser)."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html import unescape
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from diplograph.api.web.text import Mark, paragraphs, quote_in_sentence
from diplograph.graph.store import GraphStore

TOMAHAWK_QUESTION = "who said what about Tomahawks"


def card_iris(html: str) -> list[str]:
    return re.findall(r'data-statement="([^"]+)"', html)


def test_the_front_page_is_the_workspace_not_a_redirect(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert 'role="search"' in response.text and "who said what about Tomahawks" in response.text


def test_a_question_answers_with_the_statements_ask_gives(client: TestClient) -> None:
    asked = client.get("/ask", params={"q": TOMAHAWK_QUESTION, "limit": 20}).json()
    page = client.get("/", params={"q": TOMAHAWK_QUESTION})
    assert page.status_code == 200
    assert asked["statements"], "the seeds hold statements about Tomahawks"
    assert card_iris(page.text) == [s["iri"] for s in asked["statements"]]
    first = asked["statements"][0]
    assert f'<mark class="quote">{first["text"]}</mark>' in unescape(page.text)
    assert re.search(r'class="badge stance-%s">%s<' % (first["stance"], first["stance"]), page.text)


def test_plain_words_search_quotes_and_sentences(client: TestClient) -> None:
    page = client.get("/", params={"q": "drones"})
    rows = client.get("/statements", params={"text": "drones"}).json()
    assert rows and card_iris(page.text) == [r["iri"] for r in rows][:20]
    assert "containing “drones”" in page.text


def test_filters_and_paging(client: TestClient) -> None:
    everything = client.get("/statements", params={"kind": "reported", "limit": 100}).json()
    assert len(everything) > 20, "the seeds have more than a page of reported statements"
    first = client.get("/", params={"kind": "reported"})
    second = client.get("/", params={"kind": "reported", "page": 2})
    assert card_iris(first.text) + card_iris(second.text) == [r["iri"] for r in everything][:40]
    assert 'rel="next"' in first.text and 'rel="prev"' in second.text


def test_bad_filters_get_a_message_and_a_400(client: TestClient) -> None:
    page = client.get("/", params={"date_from": "last week", "stance": "furious"})
    assert page.status_code == 400
    text = unescape(page.text)
    assert "Date from must be a date like 2025-10-17." in text and "Unknown stance 'furious'" in text
    assert client.get("/", params={"page": "0"}).status_code in (400, 422)


def test_downloads_hold_the_whole_answer(client: TestClient) -> None:
    rows = [{k: v for k, v in r.items() if k != "match"}  # why a row answers is the answer's, not the row's
            for r in client.get("/ask", params={"q": TOMAHAWK_QUESTION}).json()["statements"]]
    table = client.get("/download.csv", params={"q": TOMAHAWK_QUESTION})
    assert table.status_code == 200 and "attachment" in table.headers["content-disposition"]
    parsed = list(csv.DictReader(io.StringIO(table.text)))
    assert [r["iri"] for r in parsed] == [r["iri"] for r in rows]
    assert all("tomahawk" in r["topics"] for r in parsed)
    lines = client.get("/download.jsonl", params={"q": TOMAHAWK_QUESTION}).text.splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert client.get("/download.xml").status_code == 404


def test_the_article_marks_every_statement_at_its_offsets(client: TestClient, seeded_store: GraphStore) -> None:
    statement = seeded_store.statements(topic="tomahawk")[0]
    page = client.get(f"/article/{statement.doc}", params={"st": f"{statement.start}-{statement.end}"})
    assert page.status_code == 200
    text = seeded_store.document(statement.doc).text
    assert text[statement.start:statement.end] == statement.text, "the stored text is the text the offsets point into"
    spans = {(int(a), int(b)) for a, b in re.findall(r'data-start="(\d+)" data-end="(\d+)"', page.text)}
    assert spans == {(s.start, s.end) for s in seeded_store.statements(doc=statement.doc)}
    target = re.search(r'<mark class="statement target"[^>]*id="mark"[^>]*>([^<]*)', page.text)
    assert target and statement.text.startswith(unescape(target.group(1)))
    assert "event:" in page.text  # events are marked too


def test_unknown_things_get_a_404_page(client: TestClient) -> None:
    for path in ("/article/no-such-article.txt", "/actor/Nobody%20Atall", "/topic/no_such_topic"):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html"), path
        assert 'role="alert"' in response.text
    assert client.get("/evidence").status_code == 400


def test_the_actor_page_shows_positions_claims_and_statements(client: TestClient) -> None:
    profile = client.get("/actors/Zelensky").json()
    page = client.get("/actor/Zelensky")
    assert page.status_code == 200 and "<h1>Volodymyr Zelensky</h1>" in page.text
    assert set(card_iris(page.text)) == {s["iri"] for s in profile["statements"]}
    for position in profile["positions"]:
        assert f'href="/topic/{position["topic"]}"' in page.text
    assert f"Statements 1–{len(profile['statements'])} of {profile['statement_count']}" in page.text
    beyond = client.get("/actor/Zelensky", params={"page": 2})  # paged: fewer than one page of statements here
    assert beyond.status_code == 200 and card_iris(beyond.text) == []
    assert 'id="met" data-src="/graph/met?actor=' in page.text  # fetched after the page (actor.js)


def test_whom_an_actor_met_is_read_from_the_network(client: TestClient) -> None:
    met = [e for e in client.get("/graph/data.json").json()["edges"] if e["relation"] == "met"]
    assert met, "the seeds report meetings"
    actor = Counter(end for e in met for end in (e["source"], e["target"])).most_common(1)[0][0]
    expected = {e["target"] if e["source"] == actor else e["source"] for e in met if actor in (e["source"], e["target"])}
    items = client.get("/graph/met", params={"actor": actor})
    assert items.status_code == 200
    assert {unquote(ref) for ref in re.findall(r'met <a href="/actor/([^"]+)"', items.text)} == expected
    evidence = re.findall(r'href="(/evidence\?[^"]+)"', items.text)
    assert len(evidence) == len(expected) and all("iri=" in href for href in evidence)
    assert client.get(unescape(evidence[0])).status_code == 200
    assert "No meeting found." in client.get("/graph/met", params={"actor": "https://example.org/nobody"}).text


def test_matrix_cells_name_the_stance_and_link_to_the_evidence(client: TestClient) -> None:
    page = client.get("/matrix", params={"stance": "requests"})
    cells = re.findall(r'<a class="cell stance-(\w+)" href="(/evidence\?[^"]+)">(\w+) <strong>(\d+)</strong>', page.text)
    assert cells and all(stance == word == "requests" for stance, _, word, _ in cells)
    evidence = client.get(unescape(cells[0][1]))
    assert evidence.status_code == 200 and card_iris(evidence.text)
    assert client.get("/matrix", params={"stance": "angry"}).status_code == 400


@pytest.mark.parametrize("claimed", [False, True])
def test_matrix_counts_are_the_positions_summed_over_reporters(client: TestClient, claimed: bool) -> None:
    summed: Counter[tuple[str, str, str]] = Counter()
    for p in client.get("/positions", params={"claimed": str(claimed).lower()}).json():
        summed[(p["holder_id"], p["topic"], p["stance"])] += p["count"]
    own, others = client.get("/matrix", params={"rows": 5000}).text.split("What others claim they think")
    shown = Counter({(unquote(h), unquote(t), s): int(n) for h, t, s, n in re.findall(
        r'href="/evidence\?holder=([^&]+)&amp;topic=([^&]+)&amp;stance=(\w+)&amp;claimed=%d">\w+ <strong>(\d+)</strong>'
        % claimed, others if claimed else own)})
    assert shown and shown == summed


def test_the_topic_page_shows_its_place_in_the_scheme(client: TestClient) -> None:
    topics = {t["key"]: t for t in client.get("/topics").json()}
    child = next(t for t in topics.values() if t["broader"])
    page = client.get(f"/topic/{child['key']}")
    assert page.status_code == 200
    assert f'href="/topic/{child["broader"][0]}"' in page.text
    assert "Statements over time" in page.text


def test_graph_data_is_the_export_network(client: TestClient, seeded_store: GraphStore) -> None:
    from diplograph.graph.network import actor_network

    data = client.get("/graph/data.json").json()
    network = actor_network(seeded_store)
    assert {n["id"] for n in data["nodes"]} == set(network.nodes)
    assert len(data["edges"]) == network.number_of_edges()
    assert all(n["pagerank"] > 0 for n in data["nodes"])


def test_api_reference_pages_load_nothing_from_elsewhere(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert sources and all(s.startswith("/") for s in sources), sources
        for source in sources:
            assert client.get(source).status_code == 200, source


def test_adding_articles_needs_a_token(client: TestClient, make_client) -> None:
    assert client.get("/add").status_code == 403
    assert 'href="/add"' not in client.get("/").text
    writable = make_client(api_token="s3cret", seeded=False)
    assert writable.get("/add").status_code == 200 and 'href="/add"' in writable.get("/").text


def test_paragraphs_cut_overlapping_marks() -> None:
    text = "Alpha said hello there.\nBeta met Gamma."
    marks = [Mark("statement", "s1", 0, 22), Mark("event", "e1", 11, 16), Mark("statement", "s2", 24, 39)]
    found = paragraphs(text, marks)
    assert [(p.start, p.end) for p in found] == [(0, 23), (24, 39)]
    pieces = [(seg.text, [m.key for m in seg.marks]) for seg in found[0].segments]
    assert pieces == [("Alpha said ", ["s1"]), ("hello", ["s1", "e1"]), (" there", ["s1"]), (".", [])]
    assert [m.key for m in found[1].starting] == ["s2"]


@pytest.mark.parametrize(("sentence", "quote", "expected"), [
    ("He said peace is near.", "peace is near", ("He said ", "peace is near", ".")),
    ("", "words", ("", "words", "")),
    ("Elsewhere.", "words", ("Elsewhere. ", "words", "")),
])
def test_quote_in_sentence(sentence: str, quote: str, expected: tuple[str, str, str]) -> None:
    assert quote_in_sentence(sentence, quote) == expected


def test_position_pages_read_the_bounded_lookups_of_the_json_routes(dated_store: GraphStore, api_client,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The actor page, a topic's claims and a position's evidence page read what GET /actors, /positions and
    /positions/evidence answer (one lookup path), and a position's evidence page shows its newest reports only."""
    from diplograph.api.web import pages

    with api_client(dated_store) as client:
        positions = client.get("/positions", params={"claimed": "false", "limit": 1000, "evidence": 0}).json()
        busiest = max(positions, key=lambda p: (p["reports"], p["iri"]))
        assert busiest["reports"] >= 3, "the editions repeat each seed statement"
        page = client.get(f"/actor/{busiest['holder_id']}")
        links = {unquote(iri): int(n) for iri, n in
                 re.findall(r'href="/evidence\?position=([^&"]+)[^"]*">(\d+) reports', page.text)}
        assert links[busiest["iri"]] == busiest["reports"]
        whole = client.get("/positions/evidence", params={"position": busiest["iri"], "limit": 1000})
        evidence = client.get("/evidence", params={"position": busiest["iri"]})
        assert evidence.status_code == 200
        assert set(card_iris(evidence.text)) == {e["statement"] for e in whole.json()}
        monkeypatch.setattr(pages, "MAX_EVIDENCE_IRIS", 2)
        newest = client.get("/positions/evidence", params={"position": busiest["iri"], "limit": 2}).json()
        cut = client.get("/evidence", params={"position": busiest["iri"]})
        assert set(card_iris(cut.text)) == {e["statement"] for e in newest}
        assert f"The newest 2 of {busiest['reports']} reports." in cut.text
        assert client.get("/evidence", params={"position": "https://example.org/no-position"}).status_code == 404
        assert client.get("/evidence", params={"position": "not an iri"}).status_code == 400
        claimed = client.get("/positions", params={"claimed": "true", "limit": 1000, "evidence": 0}).json()
        topic = Counter(p["topic"] for p in claimed).most_common(1)[0][0]
        shown = client.get(f"/topic/{topic}").text.split("What speakers claim others think")[1]
        expected = [p["iri"] for p in client.get("/positions", params={"topic": topic, "claimed": "true"}).json()]
        assert [unquote(i) for i in re.findall(r'href="/evidence\?position=([^&"]+)', shown)] == expected
