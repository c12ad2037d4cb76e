"""Route dependencies: the store opened once by the app's lifespan, the settings, the SPARQL engine, the token."""
from __future__ import annotations

import hmac
import threading

from fastapi import Request

from diplograph.api.routes.errors import ApiError
from diplograph.api.settings import Settings
from diplograph.api.sparql.engine import SparqlEngine
from diplograph.graph.store import GraphStore

_engine_lock = threading.Lock()


def get_store(request: Request) -> GraphStore:
    """The application's store (see create_app)."""
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_engine(request: Request) -> SparqlEngine:
    """The app's SPARQL engine, started on first use (its workers are processes: no cost until needed)."""
    state = request.app.state
    engine = getattr(state, "sparql_engine", None)
    if engine is None:
        with _engine_lock:
            engine = getattr(state, "sparql_engine", None)
            if engine is None:
                from diplograph.api.sparql.snapshots import snapshots_of
                from diplograph.graph.queries import NAMESPACES

                settings: Settings = state.settings
                store: GraphStore = state.store
                engine = SparqlEngine(
                    snapshots_of(store),
                    prefixes=NAMESPACES,
                    workers=settings.sparql_workers,
                    timeout=settings.query_timeout,
                    max_rows=settings.max_rows,
                    memory_mb=settings.worker_memory,
                )
                state.sparql_engine = engine
    return engine


def store_changed(request: Request) -> None:
    """Call after every write made through the API: SPARQL workers and the store's own cached views
    (the paths network) refresh. Writes made through GraphStore keep the statements index in step
    themselves, and so does a SPARQL update (api/sparql/updates.run_update, under the writer lock)."""
    store = getattr(request.app.state, "store", None)
    if store is not None and hasattr(store, "changed"):
        store.changed(behind_its_back=False)
    engine = getattr(request.app.state, "sparql_engine", None)
    if engine is not None:
        engine.invalidate()


def require_token(request: Request) -> None:
    """Writes need the configured bearer token: 403 when none is configured (read-only), 401 when it is wrong."""
    settings: Settings = request.app.state.settings
    if settings.read_only:
        raise ApiError(
            403,
            "read-only",
            "This API is read-only: set DIPLOGRAPH_API_TOKEN on the server to allow updates and ingestion.",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = settings.api_token or ""
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(
            401,
            "unauthorized",
            "Send the API token as 'Authorization: Bearer <token>' to update or ingest.",
            headers={"WWW-Authenticate": 'Bearer realm="diplograph"'},
        )
