"""What an analyst does in the workspace, in a real browser: ask, read the evidence in its article,
open an actor, filter the matrix, click the graph, query SPARQL, add an article. Every page is
checked for console errors, requests leaving the machine and serious accessibility violations."""
from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

PAGES = {
    "search": "/?q=who+said+what+about+Tomahawks",
    "article": "/article/000_99e161be9118d118.txt",
    "actor": "/actor/Zelensky",
    "topic": "/topic/tomahawk",
    "topics": "/topic",
    "matrix": "/matrix",
    "graph": "/graph",
    "sparql": "/query",
    "add": "/add",
    "evidence": None,  # filled from a matrix cell
    "docs": "/docs",
    "redoc": "/redoc",
}
OWN_PAGES = {name for name in PAGES if name not in ("docs", "redoc")}


def settle(watched, name: str) -> None:
    page = watched.page
    page.wait_for_load_state("networkidle")
    if name == "graph":
        page.wait_for_selector("body[data-graph-ready='true']")
    if name == "docs":
        page.wait_for_selector(".opblock")
    if name == "redoc":
        page.wait_for_selector("h1")


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads_offline_without_errors_or_serious_violations(
        server: str, watched, screenshots: Path, name: str) -> None:
    path = PAGES[name] or evidence_path(server)
    response = watched.page.goto(server + path)
    assert response is not None and response.status == 200, f"{name}: {response and response.status}"
    settle(watched, name)
    assert not watched.errors, f"{name}: {watched.errors}"
    assert not watched.outside, f"{name} asked another machine for {watched.outside}"
    if name in OWN_PAGES:  # Swagger UI's and ReDoc's own markup is theirs to fix
        assert watched.axe_violations() == [], name
    if name in ("search", "actor", "topic", "matrix", "graph"):
        watched.page.screenshot(path=str(screenshots / f"workspace-{name}.png"))


def evidence_path(server: str) -> str:
    html = httpx.get(server + "/matrix").text
    return unquote_amp(re.search(r'<a class="cell[^"]*" href="(/evidence\?[^"]+)"', html).group(1))


def unquote_amp(href: str) -> str:
    return href.replace("&amp;", "&")


def test_ask_then_read_the_statement_in_its_article(server: str, watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(server + "/")
    page.get_by_label("Question or words").fill("who said what about Tomahawks")
    page.get_by_label("Question or words").press("Enter")
    cards = page.locator("li.card")
    cards.first.wait_for()
    assert cards.count() >= 2
    assert all("tomahawk" in cards.nth(i).locator(".chips").inner_text().lower() for i in range(cards.count()))
    quote = cards.first.locator("mark.quote").inner_text()
    cards.first.get_by_role("link", name=re.compile("Read in the article")).click()
    page.wait_for_url(re.compile(r"/article/"))
    target = page.locator("mark.statement.target")
    assert target.first.is_visible()
    assert " ".join(target.all_inner_texts()).split() == quote.split()
    assert page.evaluate("document.activeElement.id") == "mark"  # focus starts at the evidence
    page.screenshot(path=str(screenshots / "workspace-article.png"))
    assert not watched.errors


def test_open_an_actor_page_from_a_card(server: str, watched) -> None:
    page = watched.page
    page.goto(server + "/?q=what+did+Zelensky+say")
    page.locator("li.card a.speaker").first.click()
    page.wait_for_url(re.compile(r"/actor/"))
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    assert page.get_by_role("heading", name="Positions").is_visible()
    assert page.locator("table").first.locator("tbody tr").count() > 0
    assert not watched.errors


def test_filter_the_matrix_and_open_a_cell(server: str, watched) -> None:
    page = watched.page
    page.goto(server + "/matrix")
    before = page.locator("a.cell").count()
    page.get_by_label("Stance").select_option("requests")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"stance=requests"))
    cells = page.locator("a.cell")
    assert 0 < cells.count() < before
    assert all(text.startswith("requests") for text in cells.all_inner_texts())
    cells.first.click()
    page.wait_for_url(re.compile(r"/evidence\?"))
    assert page.locator("li.card .badge").first.inner_text() == "requests"
    assert not watched.errors


def test_click_a_graph_node_opens_its_page(server: str, watched) -> None:
    page = watched.page
    page.goto(server + "/graph")
    page.wait_for_selector("body[data-graph-ready='true']")
    shown = page.evaluate("window.diplographGraph.shownNodes().size")
    assert shown > 5
    page.get_by_label("Relation").select_option("met")
    fewer = page.evaluate("window.diplographGraph.shownNodes().size")
    assert 0 < fewer < shown
    page.get_by_label("Relation").select_option("")
    point = page.evaluate("""() => {
        const {graph, renderer} = window.diplographGraph;
        const node = graph.findNode((n, a) => a.label === "Volodymyr Zelensky");
        const container = document.getElementById("sigma");
        container.scrollIntoView({block: "center"});
        const p = renderer.graphToViewport(graph.getNodeAttributes(node));
        const box = container.getBoundingClientRect();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"/actor/"))
    assert page.locator("h1").inner_text() == "Volodymyr Zelensky"
    assert not watched.errors


def test_export_gexf_holds_exactly_what_is_shown(server: str, watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(server + "/graph")
    page.wait_for_selector("body[data-graph-ready='true']")
    page.get_by_label("Stance").select_option("supports")
    shown = page.evaluate("[window.diplographGraph.shownNodes().size, window.diplographGraph.shownEdges().size]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export GEXF of what is shown").click()
    path = tmp_path / "shown.gexf"
    download.value.save_as(path)
    xml = path.read_text()
    assert xml.count("<node ") == shown[0] and xml.count("<edge ") == shown[1]
    assert 'value="supports"' in xml and 'value="opposes"' not in xml


def test_run_a_sparql_query_and_see_a_table(server: str, watched, screenshots: Path) -> None:
    page = watched.page
    page.goto(server + "/query")
    page.get_by_label("Example queries").select_option(label="Statements per topic")
    page.get_by_role("button", name="Run query").click()
    table = page.locator("#results table")
    table.wait_for()
    headers = table.locator("th").all_inner_texts()
    assert headers == ["topic", "statements"]
    assert table.locator("tbody tr").count() > 3
    page.screenshot(path=str(screenshots / "workspace-sparql.png"))
    page.get_by_label("Example queries").select_option(label="One article's statements as Turtle (CONSTRUCT)")
    page.get_by_role("button", name="Run query").click()
    page.locator("#results pre.turtle").wait_for()
    assert "dg:Statement" in page.locator("#results pre.turtle").inner_text()
    assert not watched.errors
    page.get_by_role("textbox", name=re.compile("^Query")).fill("SELECT ?x WHERE { ?x ")
    page.get_by_role("button", name="Run query").click()
    page.wait_for_function("document.getElementById('query-status').textContent.includes('failed (400)')")
    assert all("status of 400" in error for error in watched.errors)  # the browser logs the refusal itself


def test_add_an_article_with_the_token(server: str, watched, api_token: str) -> None:
    page = watched.page
    page.goto(server + "/add")
    page.get_by_label("API token").fill(api_token)
    page.get_by_label("Title").fill("Harbour talks")
    page.get_by_label("Article text").fill(
        "Harbour talks end without a deal\n"
        "Ukrainian President Volodymyr Zelensky said on Monday that Ukraine needs more air defense systems "
        "before the winter. \"We cannot wait for a ceasefire that never comes,\" Zelensky told reporters in Kyiv.\n")
    page.get_by_role("button", name="Extract and store").click()
    page.wait_for_function("document.getElementById('add-status').textContent.startsWith('Done')", timeout=120_000)
    extracted = page.locator("#extracted section")
    assert "stored" in extracted.locator("h2").inner_text()
    assert "Volodymyr Zelensky" in extracted.inner_text()
    extracted.get_by_role("link", name=re.compile("Read it")).click()
    page.wait_for_url(re.compile(r"/article/"))
    assert page.locator("mark.statement").count() >= 1
    assert not watched.errors


def test_a_wrong_token_is_refused_and_nothing_is_stored(server: str, watched) -> None:
    before = httpx.get(server + "/health").json()["documents"]
    page = watched.page
    page.goto(server + "/add")
    page.get_by_label("API token").fill("not-the-token")
    page.get_by_label("Article text").fill("Zelensky said Ukraine needs more air defense.")
    page.get_by_role("button", name="Extract and store").click()
    page.wait_for_function("document.getElementById('add-status').textContent.startsWith('Not stored')")
    assert httpx.get(server + "/health").json()["documents"] == before
    watched.errors.clear()  # the browser logs the 401 response itself


def test_keyboard_reaches_the_search_and_shows_focus(server: str, watched) -> None:
    page = watched.page
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert page.evaluate("document.activeElement.name") == "q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
