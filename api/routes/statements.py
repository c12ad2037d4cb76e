"""GET /statements (filtered list) and GET /ask (a plain-English question): who said what, with evidence."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from diplograph.api.ask import EXAMPLES, AskError, answer
from diplograph.api.routes.deps import get_store
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.models import AskOut, ErrorOut, StatementOut
from diplograph.graph.store import GraphStore

router = APIRouter(tags=["statements"])

StanceLabel = Literal["requests", "supports", "opposes", "rejects", "warns", "neutral"]
KindLabel = Literal["direct", "reported"]


@router.get("/statements", response_model=list[StatementOut], responses={400: {"model": ErrorOut}})
def list_statements(
    store: Annotated[GraphStore, Depends(get_store)],
    speaker: Annotated[str | None, Query(description="Speaker name or alias, e.g. Zelensky.")] = None,
    topic: Annotated[str | None, Query(description="Topic key, e.g. tomahawk.")] = None,
    stance: Annotated[StanceLabel | None, Query(description="Stance label.")] = None,
    kind: Annotated[KindLabel | None, Query(description="direct or reported speech.")] = None,
    doc: Annotated[str | None, Query(description="Article name.")] = None,
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="At most this many rows.")] = None,
) -> list[StatementOut]:
    """Stored statements matching every filter given, each with its sentence and article."""
    try:
        rows = store.statements(speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc, limit=limit)
    except ValueError as exc:
        raise ApiError(400, "bad filter", str(exc)) from None
    return [StatementOut.from_row(row) for row in rows]


@router.get("/ask", response_model=AskOut, responses={400: {"model": ErrorOut}})
async def ask(
    store: Annotated[GraphStore, Depends(get_store)],
    q: Annotated[str, Query(description='A question, e.g. "who said what about Tomahawks".', examples=list(EXAMPLES))],
    limit: Annotated[int | None, Query(ge=1, le=100_000, description="At most this many statements.")] = None,
) -> AskOut:
    """Answer a plain-English question; an unreadable one gets a 400 listing phrasings that work."""
    try:
        result = await run_in_threadpool(answer, store, q, limit=limit)
    except AskError as exc:
        raise ApiError(400, "cannot read the question", str(exc), examples=list(EXAMPLES)) from None
    return AskOut(
        question=result.question,
        speaker=result.speaker,
        topic=result.topic,
        stance=result.stance,
        statements=[StatementOut.from_row(row) for row in result.rows],
    )
