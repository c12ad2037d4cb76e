"""GET /statements (filtered, paged, sorted list) and GET /ask (a plain-English question): who said what."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from starlette.concurrency import run_in_threadpool

from diplograph.api.ask import answer
from diplograph.api.names import UnknownName
from diplograph.api.questions import EXAMPLES, PHRASINGS, QuestionError
from diplograph.api.routes.deps import get_store
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.filters import read_names, unknown_name
from diplograph.api.routes.models import AskOut, ErrorOut, PhrasingOut, StatementOut
from diplograph.graph.store import GraphStore

router = APIRouter(tags=["statements"])

StanceLabel = Literal["requests", "supports", "opposes", "rejects", "warns", "neutral"]
KindLabel = Literal["direct", "reported"]
Order = Literal["doc", "date", "-date", "speaker", "confidence", "-confidence"]
ISO_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


UNDATED_HEADER = "X-Undated-Documents"


@router.get("/statements", response_model=list[StatementOut], responses={
    400: {"model": ErrorOut},
    200: {"headers": {UNDATED_HEADER: {"description": "With date_from or date_to: how many stored articles have no "
                                       "publication date and so cannot match a date filter.",
                                       "schema": {"type": "integer"}}}}})
async def list_statements(
    response: Response,
    store: Annotated[GraphStore, Depends(get_store)],
    speaker: Annotated[str | None, Query(max_length=300, description="Speaker name, alias or IRI, e.g. Zelensky.")] = None,
    topic: Annotated[str | None, Query(max_length=100, description="Topic key, e.g. tomahawk (narrower topics included).")] = None,
    stance: Annotated[StanceLabel | None, Query(description="Stance label.")] = None,
    kind: Annotated[KindLabel | None, Query(description="direct (quoted) or reported speech.")] = None,
    doc: Annotated[str | None, Query(max_length=300, description="Article name, IRI or content-hash prefix.")] = None,
    date_from: Annotated[str | None, Query(pattern=ISO_DATE, description="Published on or after (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[str | None, Query(pattern=ISO_DATE, description="Published on or before (YYYY[-MM[-DD]]).")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words that must occur in the quote or its sentence.")] = None,
    order: Annotated[Order, Query(description="Sort order; a leading '-' sorts descending.")] = "doc",
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many rows (paging).")] = 0,
    limit: Annotated[int, Query(ge=1, le=10_000, description="At most this many rows (paging).")] = 100,
) -> list[StatementOut]:
    """Stored statements matching every filter given, each with its sentence and article. A speaker or topic
    that names nothing known is a 400 whose `suggestions` list the nearest names; a plural or alias is read
    as the topic or actor it names (said in the Diplograph-Read-As header). Articles without a date cannot
    match a date filter: the X-Undated-Documents header then says how many there are."""
    speaker, topic, read_as = await run_in_threadpool(read_names, store, speaker, topic)
    response.headers.update(read_as)
    filters = dict(speaker=speaker, topic=topic, stance=stance, kind=kind, doc=doc, date_from=date_from,
                   date_to=date_to, text=text or None, order=order, offset=offset, limit=limit)
    try:
        rows = await run_in_threadpool(lambda: store.statements(**filters))
    except ValueError as exc:
        raise ApiError(400, "bad filter", str(exc)) from None
    if date_from is not None or date_to is not None:
        response.headers[UNDATED_HEADER] = str(await run_in_threadpool(store.undated_documents))
    return [StatementOut.from_row(row) for row in rows]


@router.get(
    "/ask",
    response_model=AskOut,
    responses={400: {"model": ErrorOut, "description": "A question no phrasing of the catalogue reads."},
               404: {"model": ErrorOut, "description": "An actor or topic that is not known, with the nearest names."}},
)
async def ask(
    store: Annotated[GraphStore, Depends(get_store)],
    q: Annotated[
        str,
        Query(max_length=500, description='A question, e.g. "who said what about Tomahawks".', examples=list(EXAMPLES)),
    ],
    limit: Annotated[int, Query(ge=1, le=10_000, description="At most this many statements.")] = 100,
) -> AskOut:
    """Answer a plain-English question (GET /ask/phrasings lists the phrasings read): statements, positions,
    meetings or a comparison, each row marked with why it answers; an unreadable question is a 400 listing
    phrasings that work, an unknown actor or topic a 404 with the nearest names."""
    try:
        result = await run_in_threadpool(
            answer, store, q, limit=limit)
    except QuestionError as exc:
        raise ApiError(400, "cannot read the question", str(exc), examples=list(EXAMPLES)) from None
    except UnknownName as exc:
        raise unknown_name(exc, 404) from None
    return AskOut.from_answer(result)


@router.get("/ask/phrasings", response_model=list[PhrasingOut])
async def ask_phrasings() -> list[PhrasingOut]:
    """The question catalogue: each kind of question /ask reads, with example phrasings."""
    return [PhrasingOut(intent=p.intent, examples=list(p.examples), reads=p.reads) for p in PHRASINGS]
