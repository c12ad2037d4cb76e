"""The FastAPI application: the graph over HTTP, read-only unless an API token is configured.

`create_app()` opens the store once at start-up (lifespan) and closes it at shutdown; a caller
that already holds an open store (the `serve` command, a test) passes it in and keeps ownership.
Every refusal is a JSON `ErrorOut` with a 4xx status: bad input never produces a 500.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from diplograph.api.limits import RequestLimits
from diplograph.api.routes import documents, health, lookups, sparql, statements
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.models import ErrorOut
from diplograph.api.settings import Settings
from diplograph.graph.store import GraphStore, QueryError, StoreError, open_store

DESCRIPTION = """Who said what about what in diplomacy news, with the sentence and article behind each statement.

* `/statements` and `/ask` list attributed statements;
* `/actors`, `/topics` and `/positions` describe who holds which stance on what (one summary per holder
  and topic, with its evidence); `/shifts` lists who changed stance, when, with the statements either side;
* `/documents` adds (POST) and removes (DELETE) articles, with the API token;
* `/sparql` is a SPARQL 1.1 Protocol endpoint over one named graph per article (updates with the API token).
"""


# Answers any operation can give: bad input (a graph-layer QueryError included), the body cap, busy.
COMMON_RESPONSES: dict = {
    400: {"model": ErrorOut, "description": "Bad input: the message says what and how to fix it."},
    422: {"model": ErrorOut, "description": "A parameter is missing or out of its range: the message names it "
                                            "and the values it takes."},
    413: {"model": ErrorOut, "description": "Request body over DIPLOGRAPH_MAX_BODY bytes."},
    503: {"model": ErrorOut, "description": "Busy (DIPLOGRAPH_MAX_CONCURRENCY reached), a query timeout, or the store is unavailable."},
}


def create_app(
    store_uri: str | None = None, *, store: GraphStore | None = None, settings: Settings | None = None
) -> FastAPI:
    """The API over `store` (already open, left open) or over the store at `store_uri` (default: settings).

    `settings` default to the DIPLOGRAPH_* environment (token, limits, CORS; see settings.py).
    """
    config = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            try:
                yield
            finally:
                stop_sparql_workers(app)
            return
        opened = open_store(store_uri or config.store)
        app.state.store = opened
        try:
            yield
        finally:
            stop_sparql_workers(app)
            opened.close()

    app = FastAPI(
        title="diplograph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, responses=COMMON_RESPONSES,
        docs_url=None, redoc_url=None,  # served from local copies (web/docs.py): no CDN
    )
    app.state.settings = config
    if store is not None:
        app.state.store = store
    app.add_middleware(RequestLimits, max_body=config.max_body, max_concurrency=config.max_concurrency)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
        )
    app.include_router(health.router)
    app.include_router(statements.router)
    app.include_router(lookups.router)
    from diplograph.api.routes import events as event_routes  # /events (issue 13)
    app.include_router(event_routes.router)
    app.include_router(documents.router)
    app.include_router(sparql.router)
    from diplograph.api.routes import graph as graph_routes  # /paths, /export (issue 4)
    app.include_router(graph_routes.router)
    from diplograph.api.web import pages
    from diplograph.api.web.docs import mount_static_and_docs

    mount_static_and_docs(app)
    app.include_router(pages.router)  # the web workspace at /
    add_error_handlers(app)
    return app


def add_error_handlers(app: FastAPI) -> None:
    """Turn the errors a request can cause into JSON answers with a 4xx (or 503 for an unusable store)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own {"detail": [...]} would be the one answer of another shape: told as one line.
        return JSONResponse({"error": "invalid parameter", "message": validation_message(exc)}, status_code=422)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": "malformed query", "message": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": "store unavailable", "message": str(exc)}, status_code=503)

    @app.exception_handler(RecursionError)
    async def nesting_error(request: Request, exc: RecursionError) -> JSONResponse:
        # A body nested thousands deep (JSON arrays, SPARQL groups) exhausts a parser's recursion.
        return JSONResponse({"error": "too deeply nested",
                             "message": "The request nests brackets too deeply to be read; flatten it."},
                            status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 404 for unknown paths, 405 for other methods: the same JSON shape as every other refusal.
        try:
            error = HTTPStatus(exc.status_code).phrase.lower()
        except ValueError:
            error = "error"
        return JSONResponse({"error": error, "message": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        # Never a traceback in a response: the server log has it (uvicorn logs it), the client gets a line.
        return JSONResponse({"error": "internal error", "message": type(exc).__name__}, status_code=500)


def validation_message(exc: RequestValidationError) -> str:
    """FastAPI's validation errors as one sentence: each bad parameter with what it should be."""
    parts = []
    for error in exc.errors():
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body", "header")]
        name = ".".join(location) or "request"
        parts.append(f"{name}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def stop_sparql_workers(app: FastAPI) -> None:
    """Stop the SPARQL worker processes, if any were started."""
    engine = getattr(app.state, "sparql_engine", None)
    if engine is not None:
        engine.close()
        app.state.sparql_engine = None
