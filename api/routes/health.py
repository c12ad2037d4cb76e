"""GET /health: the store answers, and how much it holds."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from diplograph.api.routes.deps import get_store
from diplograph.api.routes.models import Health
from diplograph.graph.store import GraphStore

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(store: Annotated[GraphStore, Depends(get_store)]) -> Health:
    """Liveness plus the store's counts (documents, statements, actors, triples)."""
    counts = store.counts()
    return Health(
        status="ok",
        documents=counts.documents,
        statements=counts.statements,
        actors=counts.actors,
        triples=counts.triples,
    )
