"""The workspace's pages: search, article, actor, topic, positions matrix, graph, evidence, SPARQL, add.

Each page calls the lookups the JSON routes call (GraphStore's statements, actor,
positions, topics, documents and network views) and renders them with a Jinja2 template; the little
JavaScript there is lives in static/. Bad input renders a page with a one-line message and a 4xx.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any
from functools import lru_cache
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from diplograph.api.ask import EXAMPLES
from diplograph.api.routes.deps import get_settings, get_store
from diplograph.api.settings import Settings
from diplograph.api.routes.lookups import PAGE
from diplograph.api.web.cache import all_topics, per_generation, position_cells
from diplograph.api.web.network_data import network_json
from diplograph.api.web.search import DOWNLOAD_LIMIT, PAGE_SIZE, csv_text, jsonl_text, named_filters, read_search
from diplograph.api.web.text import Mark, outlet, paragraphs, quote_in_sentence
from diplograph.extract.records import KINDS, STANCES
from diplograph.graph.paths import evidence as evidence_of
from diplograph.graph.queries import NAMESPACES
from diplograph.graph.store import GraphStore, QueryError

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
MAX_EVIDENCE_IRIS = 200
IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
MATRIX_ROWS = 60  # actors per matrix, most quoted first (?rows= shows more)
ACTOR_STATEMENTS = 50  # per page of an actor's statements, newest first, as GET /actors/{ref} gives by default

Store = Annotated[GraphStore, Depends(get_store)]


@lru_cache(maxsize=65_536)
def quoted(text: str) -> str:
    """`text` safe in a URL path or query (a page of cells quotes the same actor IRIs many times)."""
    return quote(text, safe="")


def actor_href(ref: str) -> str:
    return "/actor/" + quoted(ref)


def topic_href(key: str) -> str:
    return "/topic/" + quoted(key)


def article_href(doc: str, start: int | None = None, end: int | None = None) -> str:
    href = "/article/" + quote(doc, safe="")
    return f"{href}?st={start}-{end}#mark" if start is not None else href


def evidence_href(iris: list[str] | tuple[str, ...], title: str = "") -> str:
    params = "&".join("iri=" + quote(i, safe="") for i in list(iris)[:MAX_EVIDENCE_IRIS])
    return f"/evidence?{params}" + (f"&title={quote(title, safe='')}" if title else "")


def position_evidence_href(position: str, title: str = "") -> str:
    """One position's evidence: the page reads its newest reports by the position's IRI (the lookup of GET
    /positions/evidence), so a link stays short however much evidence the position has."""
    return f"/evidence?position={quote(position, safe='')}" + (f"&title={quote(title, safe='')}" if title else "")


def position_href(holder: str, topic: str, stance: str, claimed: bool) -> str:
    """The evidence of a matrix or topic cell: short, so that a page of cells stays small and quick."""
    return f"/evidence?holder={quoted(holder)}&topic={quoted(topic)}&stance={quoted(stance)}&claimed={int(claimed)}"


templates.env.globals.update(
    actor_href=actor_href, topic_href=topic_href, article_href=article_href, evidence_href=evidence_href,
    position_href=position_href, position_evidence_href=position_evidence_href,
    quote_in_sentence=quote_in_sentence, outlet=outlet, STANCES=STANCES, KINDS=KINDS,
)


def compile_templates() -> None:
    """Compile every template when the app is built: compiling one on its first request costs that
    request 25-200 ms (Jinja2 keeps them compiled, and recompiles one only when its file changes)."""
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)


compile_templates()


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    return templates.TemplateResponse(request, name, {"writable": not settings.read_only, **context},
                                      status_code=status)


def problem(request: Request, status: int, title: str, message: str) -> HTMLResponse:
    return page(request, "problem.html", status=status, title=title, message=message)


async def topic_rows(store: GraphStore) -> list[Any]:
    return await run_in_threadpool(all_topics, store)


# -- search ----------------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, store: Store,
                      page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    search = read_search(request.query_params)
    rows, error = [], ""
    if not search.empty:
        filters = {**search.filters, "offset": (page_number - 1) * PAGE_SIZE, "limit": PAGE_SIZE + 1}
        try:
            rows = await run_in_threadpool(lambda: store.statements(**named_filters(store, filters)))
        except ValueError as exc:
            error = str(exc)
    topics = await topic_rows(store)
    params = {k: v for k, v in request.query_params.items() if k != "page" and v}
    return page(request, "search.html", active="search", search=search, rows=rows[:PAGE_SIZE], error=error,
                page_number=page_number, has_next=len(rows) > PAGE_SIZE, params=params, topics=topics,
                examples=EXAMPLES, status=400 if error or search.problems else 200)


@router.get("/download.{fmt}")
async def download(request: Request, fmt: str, store: Store) -> Response:
    if fmt not in ("csv", "jsonl"):
        return problem(request, 404, "Unknown format", "Download as /download.csv or /download.jsonl.")
    search = read_search(request.query_params)
    if search.problems:
        return problem(request, 400, "Bad filter", " ".join(search.problems))
    try:
        filters = {**search.filters, "limit": DOWNLOAD_LIMIT}
        rows = await run_in_threadpool(lambda: store.statements(**named_filters(store, filters)))
    except ValueError as exc:
        return problem(request, 400, "Bad filter", str(exc))
    body, media = (csv_text(rows), "text/csv") if fmt == "csv" else (jsonl_text(rows), "application/x-ndjson")
    return Response(body, media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="diplograph-statements.{fmt}"'})


# -- article ---------------------------------------------------------------------------------------

def _span(text: str) -> tuple[int, int] | None:
    start, _, end = text.partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


@router.get("/article/{ref:path}", response_class=HTMLResponse)
async def article_page(request: Request, ref: str, store: Store,
                       st: Annotated[str, Query(max_length=40)] = "") -> HTMLResponse:
    try:
        found = await run_in_threadpool(store.document, ref)
    except QueryError as exc:
        return problem(request, 400, "Bad article name", str(exc))
    if found is None:
        return problem(request, 404, "No such article", f"No stored article matches {ref!r}.")
    statements = await run_in_threadpool(lambda: store.statements(doc=found.document.iri))
    target = _span(st)
    claims = defaultdict(list)
    for claim in found.claims:
        claims[claim.statement].append(claim)
    marks = [Mark("statement", s.iri, s.start, s.end, s.speaker) for s in statements]
    marks += [Mark("event", e.iri, e.start, e.end, e.kind) for e in found.events]
    by_key = {s.iri: s for s in statements} | {e.iri: e for e in found.events}
    return page(request, "article.html", article=found, statements=statements, by_key=by_key, claims=claims,
                paragraphs=paragraphs(found.text, marks), target=target)


# -- actor -----------------------------------------------------------------------------------------

@router.get("/actor/{ref:path}", response_class=HTMLResponse)
async def actor_page(request: Request, ref: str, store: Store,
                     page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    offset = (page_number - 1) * ACTOR_STATEMENTS
    try:
        profile = await run_in_threadpool(per_generation, store, f"actor:{ref}:{page_number}",
                                          lambda: store.actor(ref, statements_limit=ACTOR_STATEMENTS,
                                                              statements_offset=offset, positions_limit=PAGE,
                                                              evidence_limit=0))
    except QueryError as exc:
        return problem(request, 400, "Bad actor", str(exc))
    if profile is None:
        return problem(request, 404, "No such actor", f"No actor named {ref!r}. Search for it on the first page.")
    timeline: dict[str, list[Any]] = defaultdict(list)
    addressed: Counter[str] = Counter()
    for row in profile.statements:
        timeline[row.date or "undated"].append(row)
        addressed.update(row.addressees)
    shown = (offset + 1, offset + len(profile.statements))
    return page(request, "actor.html", active="", profile=profile, actor=profile.actor,
                timeline=sorted(timeline.items(), reverse=True), addressed=addressed.most_common(),
                page_number=page_number, shown=shown, has_next=shown[1] < profile.actor.statements)


@router.get("/graph/met", response_class=HTMLResponse)
async def met_items(request: Request, store: Store, actor: Annotated[str, Query(max_length=500)]) -> HTMLResponse:
    """Whom an actor met, as list items its page fetches after it has loaded: they come from the actors
    network, which is built from the whole archive (once per write), so the page does not wait for it."""
    met, name = await run_in_threadpool(_met, store, actor)
    return page(request, "_met.html", met=met, actor_name=name)


def _met(store: GraphStore, actor_id: str) -> tuple[list[dict[str, Any]], str]:
    """Whom the actor met (events with both as participants), from the network the paths lookup uses,
    and the actor's own label there."""
    network = network_json(store)
    labels = {n["id"]: n["label"] for n in network["nodes"]}
    found = []
    for edge in network["edges"]:
        if edge["relation"] == "met" and actor_id in (edge["source"], edge["target"]):
            other = edge["target"] if edge["source"] == actor_id else edge["source"]
            found.append({"id": other, "label": labels.get(other, other), "evidence": edge["evidence"],
                          "count": int(edge["weight"])})
    return sorted(found, key=lambda m: (-m["count"], m["label"])), labels.get(actor_id, actor_id)


# -- topics ----------------------------------------------------------------------------------------

@router.get("/topic", response_class=HTMLResponse)
async def topics_page(request: Request, store: Store) -> HTMLResponse:
    topics = await topic_rows(store)
    by_key = {t.key: t for t in topics}
    roots = [t for t in topics if not any(b in by_key for b in t.broader)]
    return page(request, "topics.html", active="topics", roots=roots, by_key=by_key)


@router.get("/topic/{key}", response_class=HTMLResponse)
async def topic_page(request: Request, key: str, store: Store) -> HTMLResponse:
    topics = await topic_rows(store)
    by_key = {t.key: t for t in topics}
    topic = by_key.get(key)
    if topic is None:
        return problem(request, 404, "No such topic", f"No topic {key!r}; the topics page lists them all.")
    ancestors, current = [], topic
    while current.broader and current.broader[0] in by_key and len(ancestors) < 20:
        current = by_key[current.broader[0]]
        ancestors.insert(0, current)
    cells = await run_in_threadpool(lambda: position_cells(store, topic=key))
    claims = await run_in_threadpool(per_generation, store, f"claims-on-{key}", lambda: store.position_page(
        topic=key, claimed=True, limit=PAGE, evidence=0))  # a page of them, as GET /positions gives it
    table: dict[str, dict[str, Any]] = {}
    for cell in cells:
        if cell.claimed:
            continue
        row = table.setdefault(cell.holder_id, {"name": cell.holder, "cells": defaultdict(list)})
        row["cells"][cell.stance].append(cell)
    rows = await run_in_threadpool(lambda: store.statements(topic=key))
    months = Counter((r.published or "")[:7] or "undated" for r in rows)
    return page(request, "topic.html", active="topics", topic=topic, ancestors=ancestors, by_key=by_key,
                table=sorted(table.items(), key=lambda item: item[1]["name"]),
                claims=claims, months=sorted(months.items()),
                most=max(months.values(), default=1), statements=len(rows))


# -- positions matrix ------------------------------------------------------------------------------

@router.get("/matrix", response_class=HTMLResponse)
async def matrix_page(request: Request, store: Store,
                      topic: Annotated[str, Query(max_length=100)] = "",
                      stance: Annotated[str, Query(max_length=20)] = "",
                      actor: Annotated[str, Query(max_length=200)] = "",
                      minimum: Annotated[int, Query(alias="min", ge=1, le=100_000)] = 1,
                      rows: Annotated[int, Query(ge=1, le=5_000)] = MATRIX_ROWS) -> HTMLResponse:
    topics = await topic_rows(store)
    if stance and stance not in STANCES:
        return problem(request, 400, "Bad filter", f"Unknown stance {stance!r}: choose one of {', '.join(STANCES)}.")
    if topic and topic not in {t.key for t in topics}:
        return problem(request, 400, "Bad filter", f"Unknown topic {topic!r}: the topics page lists them.")
    positions = await run_in_threadpool(lambda: position_cells(store, topic=topic or None))
    wanted = actor.strip().lower()
    kept = [p for p in positions if (not stance or p.stance == stance) and p.count >= minimum
            and (not wanted or wanted in p.holder.lower())]
    return page(request, "matrix.html", active="matrix", topics=topics, topic=topic, stance=stance, actor=actor,
                minimum=minimum, rows=rows, own=_matrix([p for p in kept if not p.claimed], rows),
                claimed=_matrix([p for p in kept if p.claimed], rows))


def _matrix(positions: list[Any], rows: int) -> dict[str, Any]:
    """Actors × topics, the `rows` most quoted actors first: each cell the stances held (reporters
    summed) with their counts; a cell's evidence page reads its statements."""
    cells: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    names: dict[str, str] = {}
    for p in positions:
        names[p.holder_id] = p.holder
        cell = cells[(p.holder_id, p.topic)].setdefault(p.stance, {"stance": p.stance, "count": 0})
        cell["count"] += p.count
    topics = sorted({t for _, t in cells})
    totals = Counter({h: 0 for h in names})
    for (holder, _), stances in cells.items():
        totals[holder] += sum(c["count"] for c in stances.values())
    actors = sorted(names, key=lambda h: (-totals[h], names[h]))[:rows]
    shown = set(actors)
    ordered = {key: sorted(value.values(), key=lambda c: (-c["count"], STANCES.index(c["stance"])))
               for key, value in cells.items() if key[0] in shown}
    return {"actors": [(h, names[h]) for h in actors], "topics": topics, "cells": ordered, "total": len(names)}


# -- evidence --------------------------------------------------------------------------------------

@router.get("/evidence", response_class=HTMLResponse)
async def evidence_page(request: Request, store: Store,
                        iri: Annotated[list[str] | None, Query(max_length=500)] = None,
                        title: Annotated[str, Query(max_length=300)] = "",
                        holder: Annotated[str, Query(max_length=500)] = "",
                        topic: Annotated[str, Query(max_length=100)] = "",
                        stance: Annotated[str, Query(max_length=20)] = "",
                        claimed: Annotated[bool, Query()] = False,
                        position: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    """The statements behind IRIs (an edge), one position (its newest reports) or one cell of the positions
    matrix (the newest reports of its positions). Positions are read through the bounded lookups the JSON
    routes use (GraphStore.position_evidence, .position_page): at most MAX_EVIDENCE_IRIS reports each."""
    iris = [i for i in dict.fromkeys(iri or []) if IRI.match(i)]
    reports = 0  # how many reports the positions asked for have in all (the page shows the newest)
    try:
        if position:
            found = await run_in_threadpool(lambda: store.position_evidence(position, limit=MAX_EVIDENCE_IRIS))
            if found is None:
                return problem(request, 404, "No such position", f"No position {position!r} is stored.")
            iris += [row.statement for row in found.rows]
            reports += found.total
        if holder and topic:
            page_ = await run_in_threadpool(lambda: store.position_page(actor=holder, topic=topic, claimed=claimed,
                                                                        evidence=MAX_EVIDENCE_IRIS))
            cell = [p for p in page_.rows if p.topic == topic and (not stance or p.stance == stance)]
            iris += [e.statement for p in cell for e in p.evidence]
            reports += sum(p.reports for p in cell)
            if cell and not title:
                title = f"{cell[0].holder} {stance} {topic.replace('_', ' ')}" + (" (claimed by others)" if claimed else "")
    except QueryError as exc:
        return problem(request, 400, "Bad evidence request", str(exc))
    iris = list(dict.fromkeys(iris))[:MAX_EVIDENCE_IRIS]
    if not iris:
        return problem(request, 400, "No evidence asked for", "Open evidence from a card, a matrix cell or a graph edge.")
    statements = await run_in_threadpool(store.statements_by_iri, iris)
    said = {s.iri for s in statements}
    others = await run_in_threadpool(evidence_of, store, {i for i in iris if i not in said})
    return page(request, "evidence.html", title=title, rows=statements, others=list(others.values()),
                reports=reports)


# -- graph -----------------------------------------------------------------------------------------

@router.get("/graph", response_class=HTMLResponse)
async def graph_page(request: Request) -> HTMLResponse:
    """The page without the network (nor the topics of its filter, which are the network's topic
    nodes): graph.js asks for /graph/data.json once the page is there."""
    return page(request, "graph.html", active="graph")


@router.get("/graph/data.json")
async def graph_data(store: Store) -> JSONResponse:
    return JSONResponse(await run_in_threadpool(network_json, store))


# -- SPARQL and adding articles --------------------------------------------------------------------

SPARQL_EXAMPLES = (
    ("Who said what, newest first", """SELECT ?speakerName ?stance ?quote ?published WHERE {
  ?st a dg:Statement ; dg:speaker ?speaker ; dg:quote ?quote ; dg:inDocument ?doc .
  OPTIONAL { ?speaker skos:prefLabel ?speakerName }
  OPTIONAL { ?st dg:stance ?stance }
  OPTIONAL { ?doc schema:datePublished ?published }
}
ORDER BY DESC(?published)
LIMIT 50"""),
    ("Statements per topic", """SELECT ?topic (COUNT(DISTINCT ?st) AS ?statements) WHERE {
  ?st a dg:Statement ; dg:about ?topic .
}
GROUP BY ?topic
ORDER BY DESC(?statements)"""),
    ("Positions with their stance", """SELECT ?holderName ?topic ?stance ?count WHERE {
  GRAPH <https://w3id.org/diplograph/graph/positions> {
    ?p a dg:Position ; dg:holder ?holder ; dg:topic ?topic ; dg:stance ?stance ; dg:statementCount ?count ;
       dg:claimed false .
  }
  OPTIONAL { ?holder skos:prefLabel ?holderName }
}
ORDER BY DESC(?count)"""),
    ("One article's statements as Turtle (CONSTRUCT)", """CONSTRUCT { ?st ?p ?o } WHERE {
  ?st a dg:Statement ; ?p ?o .
}
LIMIT 60"""),
)


@router.get("/query", response_class=HTMLResponse)
async def sparql_page(request: Request) -> HTMLResponse:
    return page(request, "query.html", active="query", prefixes=sorted(NAMESPACES.items()), examples=SPARQL_EXAMPLES)


@router.get("/add", response_class=HTMLResponse)
async def add_page(request: Request, settings: Annotated[Settings, Depends(get_settings)]) -> HTMLResponse:
    if settings.read_only:
        return problem(request, 403, "Adding articles is off",
                       "This server is read-only: start it with DIPLOGRAPH_API_TOKEN set to add articles.")
    return page(request, "add.html", active="add")
