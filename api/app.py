"""The FastAPI application: a read-only view of the graph over HTTP.

`create_app()` opens the store once at start-up (lifespan) and closes it at shutdown; a caller
that already holds an open store (the `serve` command, a test) passes it in and keeps ownership.
Every refusal is a JSON `ErrorOut` with a 4xx status: bad input never produces a 500.
"""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from diplograph.api.routes import health, sparql, statements
from diplograph.api.routes.errors import ApiError
from diplograph.api.settings import Settings
from diplograph.graph.store import GraphStore, QueryError, StoreError, open_store

DESCRIPTION = """Who said what about what in diplomacy news, with the sentence and article behind each statement.

* `/statements` and `/ask` list attributed statements;
* `/sparql` is a read-only SPARQL 1.1 Protocol endpoint over one named graph per article.
"""


def create_app(store_uri: str | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """The API over `store` (already open, left open) or over the store at `store_uri` (default: settings)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if store is not None:
            yield
            return
        opened = open_store(store_uri or Settings.from_env().store)
        app.state.store = opened
        try:
            yield
        finally:
            opened.close()

    app = FastAPI(title="diplograph", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    if store is not None:
        app.state.store = store
    app.include_router(health.router)
    app.include_router(statements.router)
    app.include_router(sparql.router)
    add_error_handlers(app)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/docs")

    return app


def add_error_handlers(app: FastAPI) -> None:
    """Turn the errors a request can cause into JSON answers with a 4xx (or 503 for an unusable store)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"error": "malformed query", "message": str(exc)}, status_code=400)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        return JSONResponse({"error": "store unavailable", "message": str(exc)}, status_code=503)
