"""Route dependencies: the store opened once by the app's lifespan."""
from __future__ import annotations

from fastapi import Request

from diplograph.graph.store import GraphStore


def get_store(request: Request) -> GraphStore:
    """The application's store (see create_app)."""
    return request.app.state.store
