"""GET /events: the meetings, visits, calls and summits the articles report, with whether they were held,
are planned or were called off, and who hosted whom."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

from diplograph.api.routes.deps import get_store
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.filters import read_names
from diplograph.api.routes.models import ErrorOut, EventOut
from diplograph.graph.store import GraphStore, QueryError

router = APIRouter(tags=["lookups"])


@router.get("/events", response_model=list[EventOut], responses={400: {"model": ErrorOut}})
async def list_events(
    response: Response,
    store: Annotated[GraphStore, Depends(get_store)],
    actor: Annotated[str | None, Query(max_length=300, description="A participant: name, alias or IRI.")] = None,
    status: Annotated[Literal["held", "planned", "cancelled"] | None, Query(
        description="held (\"met\"), planned (\"will meet\") or cancelled (\"called off\"); unset: all.")] = None,
    kind: Annotated[Literal["meeting", "visit", "call", "summit"] | None, Query(description="Kind of event.")] = None,
) -> list[EventOut]:
    """Events with their status, participants (a visit's guests and hosts apart), place, date and the
    sentence they were read from. Names are read as in /statements: an unknown actor is a 400 with the
    nearest names."""
    actor, _, read_as = await run_in_threadpool(read_names, store, actor, None)
    response.headers.update(read_as)
    try:
        rows = await run_in_threadpool(store.events, actor=actor, status=status, kind=kind)
    except QueryError as exc:
        raise ApiError(400, "bad filter", str(exc)) from None
    return [EventOut.model_validate(row.to_json()) for row in rows]
