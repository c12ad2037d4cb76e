"""GET|POST /sparql: a SPARQL 1.1 Protocol endpoint over every named graph of the store.

Queries are evaluated in worker processes under a time limit, a memory cap and a row cap (see
sparql/engine.py); updates need the API token, are rehearsed in a worker under the same limits, and
only then applied to the store (never to the ontology or the actors' gazetteer: see updates.py).
SERVICE and LOAD are refused: the server never fetches anything. GET without a query answers a service description (or a query page).
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from diplograph.api.routes.deps import get_engine, get_settings, get_store, require_token, store_changed
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.models import ErrorOut
from diplograph.api.settings import Settings
from diplograph.api.sparql import formats
from diplograph.api.sparql.description import describe, query_page
from diplograph.api.sparql.engine import (
    EngineBusy,
    QueryJob,
    QueryRefused,
    QueryTimeout,
    WorkerFailed,
    WorkerOutOfMemory,
)
from diplograph.api.sparql.protocol import FORM, SPARQL_QUERY, SPARQL_UPDATE, Operation, read_operation
from diplograph.api.sparql.text import (
    QUERY_FORMS,
    add_using,
    fetching_keyword,
    has_dataset_clause,
    has_from,
    query_form,
)
from diplograph.api.sparql.updates import UpdateRefused, checked_update
from diplograph.graph.store import GraphStore

router = APIRouter(tags=["sparql"])

ALL_ANSWER_TYPES = {
    fmt.media_type: {"schema": {"type": "string"}}
    for fmt in (*formats.SELECT_FORMATS, *formats.GRAPH_FORMATS, formats.HTML)
}


def endpoint_url(request: Request) -> str:
    return str(request.url.replace(query="", fragment=""))


def refuse_fetching(text: str) -> None:
    keyword = fetching_keyword(text)
    if keyword is not None:
        raise ApiError(
            400,
            "not allowed",
            f"{keyword} is refused: this endpoint never fetches data from other servers or files; "
            "query the local graphs only.",
        )


def description_response(request: Request, settings: Settings) -> Response:
    accept = request.headers.get("accept")
    fmt = formats.negotiate(accept, (*formats.GRAPH_FORMATS, formats.HTML))
    if fmt is None:
        raise ApiError(406, "not acceptable", f"The service description is available as {formats.media_types(formats.GRAPH_FORMATS)} or text/html.")
    updates = not settings.read_only
    if fmt is formats.HTML:
        return HTMLResponse(query_page(endpoint_url(request), updates=updates))
    return Response(describe(endpoint_url(request), updates=updates, format_key=fmt.key), media_type=fmt.content_type)


@asynccontextmanager
async def worker_slot(request: Request, settings: Settings) -> AsyncIterator[None]:
    """Hold one of the engine's worker slots; EngineBusy when none frees up within the query time limit.

    Waiting happens on the event loop, so queued SPARQL requests never tie up the thread pool that
    the other routes (statements, lookups) run in.
    """
    state = request.app.state
    gate = getattr(state, "sparql_gate", None)
    if gate is None:
        gate = state.sparql_gate = asyncio.Semaphore(settings.sparql_workers)
    try:
        await asyncio.wait_for(gate.acquire(), timeout=settings.query_timeout)
    except asyncio.TimeoutError:
        raise EngineBusy(f"every query worker stayed busy for {settings.query_timeout:g} s") from None
    try:
        yield
    finally:
        gate.release()


@contextmanager
def engine_errors(settings: Settings) -> Iterator[None]:
    """The engine's failures as JSON refusals: 400 for the text's fault, 503 for a limit or a lost worker."""
    try:
        yield
    except QueryRefused as refused:
        if refused.error == "memory limit":
            raise ApiError(503, "memory limit", memory_message(settings)) from None
        raise ApiError(400, refused.error, refused.message) from None
    except QueryTimeout:
        raise ApiError(
            503, "query timeout", f"The query ran longer than {settings.query_timeout:g} s and was stopped; narrow it down or add a LIMIT."
        ) from None
    except EngineBusy:
        raise ApiError(503, "busy", "Every query worker is busy; try again shortly.", headers={"Retry-After": "1"}) from None
    except WorkerOutOfMemory:
        raise ApiError(503, "memory limit", memory_message(settings)) from None
    except WorkerFailed as failed:
        raise ApiError(503, "query failed", f"The query worker stopped while answering ({failed}); it has been restarted.") from None


def memory_message(settings: Settings) -> str:
    return (f"The query needed more than the {settings.worker_memory} MB a SPARQL worker may use "
            "(DIPLOGRAPH_WORKER_MEMORY) and was stopped; narrow it down or add a LIMIT.")


async def answer_query(request: Request, operation: Operation, settings: Settings) -> Response:
    refuse_fetching(operation.text)
    form = query_form(operation.text)
    if form not in QUERY_FORMS:
        raise ApiError(
            400,
            "malformed query",
            f"Expected a SELECT, ASK, CONSTRUCT or DESCRIBE query{f', not {form}' if form else ''}; "
            "send updates as update=... or application/sparql-update.",
        )
    choices = formats.FORMATS_BY_FORM[form]
    fmt = formats.negotiate_answer(request.headers.get("accept"), choices)
    if fmt is None:
        raise ApiError(406, "not acceptable", f"{form} queries can answer as {formats.media_types(choices)}.")
    job = QueryJob(
        text=operation.text,
        format_key=fmt.key,
        default_graphs=operation.default_graphs,
        named_graphs=operation.named_graphs,
        base=endpoint_url(request),
        union_default=not has_from(operation.text),
    )
    engine = get_engine(request)
    with engine_errors(settings):
        async with worker_slot(request, settings):  # wait for a worker here, not in a thread of the pool
            answer = await run_in_threadpool(engine.run, job)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-SPARQL-MaxRows"] = str(settings.max_rows)
    return Response(answer.body, media_type=fmt.content_type, headers=headers)


async def apply_update(request: Request, operation: Operation, store: GraphStore, settings: Settings) -> Response:
    require_token(request)
    refuse_fetching(operation.text)
    text = operation.text
    if operation.default_graphs or operation.named_graphs:
        if has_dataset_clause(text):
            raise ApiError(
                400,
                "dataset conflict",
                "The update names its dataset with USING or WITH; drop using-graph-uri / using-named-graph-uri, or those clauses.",
            )
        text = add_using(text, operation.default_graphs, operation.named_graphs)
    engine = get_engine(request)
    try:
        with engine_errors(settings):
            async with worker_slot(request, settings):
                await run_in_threadpool(checked_update, engine, store, text, base=endpoint_url(request))
    except UpdateRefused as refused:
        raise ApiError(400, "malformed update", str(refused)) from None
    finally:  # the statements index followed the update in run_update, under the store's writer lock
        store_changed(request)
    return Response(status_code=204)


RESPONSES: dict = {
    200: {
        "description": "SELECT/ASK results (JSON, XML, CSV, TSV); CONSTRUCT/DESCRIBE as RDF; without a query "
        "the service description (Turtle etc.) or, for browsers, a query page. Negotiated on Accept.",
        "content": ALL_ANSWER_TYPES,
    },
    204: {"description": "The update was applied."},
    400: {"model": ErrorOut, "description": "Missing, repeated or malformed query; SERVICE or LOAD; update by GET; not UTF-8."},
    401: {"model": ErrorOut, "description": "An update without the right bearer token."},
    403: {"model": ErrorOut, "description": "An update while the API is read-only (no token configured)."},
    406: {"model": ErrorOut, "description": "No acceptable answer format for this query form."},
    413: {"model": ErrorOut, "description": "Request body over the size limit."},
    415: {"model": ErrorOut, "description": "A POST body that is not form-encoded, sparql-query or sparql-update."},
    503: {"model": ErrorOut, "description": "The query ran past the time limit or the memory cap, or every worker is busy."},
}
POST_BODY = {
    "requestBody": {
        "required": False,
        "content": {
            FORM: {
                "schema": {
                    "type": "object",
                    "properties": {
                        "query": {"type": "string"},
                        "update": {"type": "string"},
                        "default-graph-uri": {"type": "string"},
                        "named-graph-uri": {"type": "string"},
                        "using-graph-uri": {"type": "string"},
                        "using-named-graph-uri": {"type": "string"},
                    },
                }
            },
            SPARQL_QUERY: {"schema": {"type": "string"}},
            SPARQL_UPDATE: {"schema": {"type": "string"}},
        },
    }
}
DefaultGraphs = Annotated[
    list[str] | None, Query(alias="default-graph-uri", description="A graph of the query's default graph (repeatable).")
]
NamedGraphs = Annotated[list[str] | None, Query(alias="named-graph-uri", description="A named graph the query may use (repeatable).")]


async def handle(request: Request, store: GraphStore, settings: Settings) -> Response:
    """Dispatch one protocol request: service description, query or update."""
    operation = await read_operation(request)
    if operation.kind == "none":
        return description_response(request, settings)
    if operation.kind == "update":
        return await apply_update(request, operation, store, settings)
    return await answer_query(request, operation, settings)


@router.get("/sparql", summary="SPARQL query by GET (no query: the service description)", responses=RESPONSES)
async def sparql_get(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    query: Annotated[str | None, Query(description="The SPARQL query.")] = None,
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
) -> Response:
    """Run one SPARQL query over every named graph (one per article, plus ontology, actors, positions)."""
    del query, default_graph_uri, named_graph_uri  # documented here; read_operation reads the raw request
    return await handle(request, store, settings)


@router.post(
    "/sparql",
    summary="SPARQL query or update by POST (form-encoded, sparql-query or sparql-update)",
    responses=RESPONSES,
    openapi_extra=POST_BODY,
)
async def sparql_post(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    default_graph_uri: DefaultGraphs = None,
    named_graph_uri: NamedGraphs = None,
) -> Response:
    """Run one query, or one update with the bearer token (updates need DIPLOGRAPH_API_TOKEN on the server)."""
    del default_graph_uri, named_graph_uri
    return await handle(request, store, settings)
