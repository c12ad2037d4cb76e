"""GET /actors, /actors/{ref}, /topics, /positions, /shifts: who the actors are, where they stand on what,
and when that changed."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from diplograph.api.routes.deps import get_store
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.filters import read_names
from diplograph.api.routes.models import (ActorOut, ActorProfileOut, ErrorOut, PositionEvidenceOut, PositionOut, ShiftOut,
                                         TopicOut)
from diplograph.api.options import EVIDENCE_PAGE, NEWEST_EVIDENCE
from diplograph.graph.store import GraphStore, QueryError

router = APIRouter(tags=["lookups"])
PAGE = 50  # rows per page of a profile or of /positions, unless asked otherwise
EVIDENCE = NEWEST_EVIDENCE  # the newest reports per position, unless asked otherwise (graph/position_index.py)
TOTAL_HEADER = "X-Total-Count"


@router.get("/actors", response_model=list[ActorOut], responses={400: {"model": ErrorOut}})
async def list_actors(
    store: Annotated[GraphStore, Depends(get_store)],
    q: Annotated[str | None, Query(max_length=200, description="Part of a name or alias, any case.")] = None,
    include_all: Annotated[bool, Query(alias="all", description="Also the gazetteer's actors no stored article mentions "
                                           "(by default only the actors the stored articles mention).")] = False,
    limit: Annotated[int, Query(ge=1, le=10_000, description="At most this many actors.")] = 100,
) -> list[ActorOut]:
    """The actors the stored articles mention (all known actors with `all=true`), most quoted first,
    with aliases and statement counts."""
    rows = await run_in_threadpool(store.actors, query=q or None, limit=limit, mentioned_only=not include_all)
    return [ActorOut.from_row(row) for row in rows]


@router.get(
    "/actors/{ref:path}",
    response_model=ActorProfileOut,
    responses={404: {"model": ErrorOut, "description": "No actor by that name, alias or IRI."}},
)
async def get_actor(
    store: Annotated[GraphStore, Depends(get_store)],
    ref: Annotated[str, Path(description="Name, alias, slug or IRI of the actor, e.g. Zelensky.")],
    limit: Annotated[int, Query(ge=0, le=1_000, description="Statements per page, newest first "
                                "(`statement_count` is the total).")] = PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many statements (paging).")] = 0,
    positions: Annotated[int, Query(ge=0, le=1_000, description="At most this many positions of each kind, the most "
                                    "evidenced first (`positions_total`, `claimed_positions_total` count all).")] = PAGE,
    evidence: Annotated[int, Query(ge=0, le=1_000, description="The newest so many reports of evidence per position "
                                   "(`reports` counts all; GET /positions/evidence pages them).")] = EVIDENCE,
) -> ActorProfileOut:
    """One actor: aliases, roles, one page of its statements, its own positions and positions others claim for
    it, each list bounded (limit/offset, positions, evidence) and counted in full."""
    try:
        profile = await run_in_threadpool(lambda: store.actor(ref, statements_limit=limit, statements_offset=offset,
                                                              positions_limit=positions, evidence_limit=evidence))
    except QueryError as exc:
        raise ApiError(400, "bad actor", str(exc)) from None
    if profile is None:
        raise ApiError(404, "unknown actor", f"No actor named {ref!r}; GET /actors?q=... lists the known ones.")
    return ActorProfileOut.from_profile(profile, positions=positions, evidence=evidence)


@router.get("/topics", response_model=list[TopicOut])
async def list_topics(store: Annotated[GraphStore, Depends(get_store)]) -> list[TopicOut]:
    """Every topic with its broader and narrower topics and how many statements are about it."""
    rows = await run_in_threadpool(store.topics)
    return [TopicOut.from_row(row) for row in rows]


@router.get("/positions", response_model=list[PositionOut], responses={
    400: {"model": ErrorOut},
    200: {"headers": {TOTAL_HEADER: {"description": "How many positions match in all (the page is cut from them).",
                                     "schema": {"type": "integer"}}}}})
async def list_positions(
    response: Response,
    store: Annotated[GraphStore, Depends(get_store)],
    actor: Annotated[str | None, Query(max_length=300, description="Holder: name, alias or IRI.")] = None,
    topic: Annotated[str | None, Query(max_length=100, description="Topic key (narrower topics included).")] = None,
    claimed: Annotated[
        bool | None, Query(description="true: only claims by others; false: only actors' own words; unset: both.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="Positions per page (X-Total-Count: all).")] = PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many positions (paging).")] = 0,
    evidence: Annotated[int, Query(ge=0, le=1_000, description="The newest so many reports of evidence per position "
                                   "(`reports` counts all; GET /positions/evidence pages them).")] = EVIDENCE,
) -> list[PositionOut]:
    """Position summaries, one per holder × topic × reporter: the current stance, the count of each stance
    (in utterances: copies of one story count once), first and last date, shifts, and the newest reports of
    the evidence in date order with sentence, article, outlet, date and offsets. Claims by others are rows of
    their own. Names are read as in /statements: an unknown actor or topic is a 400 with the nearest names.
    Paged: `limit`/`offset` over the positions (X-Total-Count header: how many in all), `evidence`: the newest
    reports per position (`reports` counts all; GET /positions/evidence?position=IRI pages back through them)."""
    actor, topic, read_as = await run_in_threadpool(read_names, store, actor, topic)
    response.headers.update(read_as)
    try:
        found = await run_in_threadpool(lambda: store.position_page(actor=actor, topic=topic, claimed=claimed,
                                                                    offset=offset, limit=limit, evidence=evidence))
    except QueryError as exc:
        raise ApiError(400, "bad filter", str(exc)) from None
    response.headers[TOTAL_HEADER] = str(found.total)
    return [PositionOut.from_row(row, evidence=evidence) for row in found.rows]


@router.get("/positions/evidence", response_model=list[PositionEvidenceOut], responses={
    404: {"model": ErrorOut, "description": "No position with that IRI."},
    200: {"headers": {TOTAL_HEADER: {"description": "How many reports the position has in all.",
                                     "schema": {"type": "integer"}}}}})
async def position_evidence(
    response: Response,
    store: Annotated[GraphStore, Depends(get_store)],
    position: Annotated[str, Query(max_length=300, description="IRI of the position (`iri` of a /positions row).")],
    limit: Annotated[int, Query(ge=1, le=1_000, description="Reports per page.")] = EVIDENCE_PAGE,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many of the newest reports "
                                 "(0: the newest page; `evidence` on /positions showed the first of them).")] = 0,
) -> list[PositionEvidenceOut]:
    """One position's evidence, paged back from the newest: `limit` reports ending `offset` reports before the
    newest, in date order (undated last), as /positions shows them; X-Total-Count: the position's reports."""
    try:
        found = await run_in_threadpool(lambda: store.position_evidence(position, offset=offset, limit=limit))
    except QueryError as exc:
        raise ApiError(400, "bad position", str(exc)) from None
    if found is None:
        raise ApiError(404, "unknown position", f"No position {position!r}; GET /positions lists them with their IRIs.")
    response.headers[TOTAL_HEADER] = str(found.total)
    return [PositionEvidenceOut.model_validate(row.to_json()) for row in found.rows]


@router.get("/shifts", response_model=list[ShiftOut], responses={400: {"model": ErrorOut}})
async def list_shifts(
    store: Annotated[GraphStore, Depends(get_store)],
    actor: Annotated[str | None, Query(max_length=300, description="Holder: name, alias or IRI.")] = None,
    topic: Annotated[str | None, Query(max_length=100, description="Topic key (narrower topics included).")] = None,
    since: Annotated[str | None, Query(max_length=10, description="Only shifts on or after this date (YYYY-MM-DD).",
                                       examples=["2025-10-01"])] = None,
    claimed: Annotated[
        bool | None, Query(description="false (default): shifts in actors' own words; true: in claims by others.")
    ] = False,
) -> list[ShiftOut]:
    """Changes of stance, newest first ("who changed position on Tomahawks this month?"), each with the
    statements on either side."""
    try:
        rows = await run_in_threadpool(store.shifts, actor=actor, topic=topic, since=since, claimed=claimed)
    except QueryError as exc:
        raise ApiError(400, "bad filter", str(exc)) from None
    return [ShiftOut.from_row(row) for row in rows]
