"""GET|POST /sparql: a read-only SPARQL 1.1 Protocol endpoint over every named graph of the store.

Queries arrive as `GET ?query=`, as a form-encoded POST (`query=`) or as a direct POST with
`Content-Type: application/sparql-query`. SELECT and ASK answer in SPARQL JSON results,
CONSTRUCT and DESCRIBE in Turtle. Updates are refused: the endpoint only reads.
"""
from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from diplograph.api.routes.deps import get_store
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.models import ErrorOut
from diplograph.graph.store import GraphStore, QueryError

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
RESULTS_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"


def refuse_update() -> ApiError:
    return ApiError(403, "updates refused", "This SPARQL endpoint is read-only; add articles with `diplograph ingest`.")


def media_type(request: Request) -> tuple[str, str | None]:
    """The request's media type (lower case, no parameters) and its charset parameter, if any."""
    media, *parameters = request.headers.get("content-type", "").split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def decode_body(body: bytes, charset: str | None) -> str:
    """The body as text: SPARQL Protocol requests are UTF-8, anything else is refused."""
    if charset is not None and charset not in ("utf-8", "utf8"):
        raise ApiError(415, "unsupported charset", f"The request body must be UTF-8, not {charset}.")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad encoding", "The request body is not valid UTF-8.") from None


def the_one_query(values: list[str]) -> str:
    """Exactly one non-empty query, as the protocol requires."""
    if len(values) > 1:
        raise ApiError(400, "multiple queries", "Give exactly one 'query' parameter, not several.")
    if not values or not values[0].strip():
        raise ApiError(
            400,
            "missing query",
            "Give a SPARQL query: GET /sparql?query=..., a form-encoded POST with query=..., "
            f"or a POST whose body is the query with Content-Type: {SPARQL_QUERY}.",
        )
    return values[0]


async def read_query(request: Request) -> str:
    """The query text of a protocol request, or an ApiError saying what is wrong with the request."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise refuse_update()
        return the_one_query(request.query_params.getlist("query"))
    media, charset = media_type(request)
    if media == FORM:
        text = decode_body(await request.body(), charset)
        try:
            form = parse_qs(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise ApiError(400, "bad encoding", "The form's percent-encoded query is not valid UTF-8.") from None
        if "update" in form:
            raise refuse_update()
        return the_one_query(form.get("query", []))
    if media == SPARQL_QUERY:
        return the_one_query([decode_body(await request.body(), charset)])
    if media == SPARQL_UPDATE:
        raise refuse_update()
    raise ApiError(
        415,
        "unsupported media type",
        f"POST the query as {FORM} (query=...) or as {SPARQL_QUERY}, not {media or 'a body without Content-Type'}.",
    )


def run_query(store: GraphStore, text: str) -> Response:
    """Evaluate and serialise in one go (rdflib evaluates lazily, so errors can surface while serialising)."""
    try:
        result = store.query(text)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return Response(result.serialize(format="turtle"), media_type=TURTLE)
        return Response(result.serialize(format="json"), media_type=RESULTS_JSON)
    except QueryError as exc:
        raise ApiError(400, "malformed query", str(exc)) from None


@router.api_route(
    "/sparql",
    methods=["GET", "POST"],
    summary="SPARQL 1.1 Protocol query endpoint (read-only)",
    responses={
        200: {
            "description": "SELECT/ASK results as SPARQL JSON; CONSTRUCT/DESCRIBE as Turtle.",
            "content": {RESULTS_JSON: {}, TURTLE: {}},
        },
        400: {"model": ErrorOut, "description": "Missing, repeated or malformed query (with the parser's message)."},
        403: {"model": ErrorOut, "description": "An update was sent: the endpoint is read-only."},
        415: {"model": ErrorOut, "description": "A POST body that is neither form-encoded nor application/sparql-query."},
    },
    openapi_extra={
        "requestBody": {
            "required": False,
            "content": {
                FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
                SPARQL_QUERY: {"schema": {"type": "string"}},
            },
        }
    },
)
async def sparql(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    query: Annotated[str | None, Query(description="The SPARQL query (GET).")] = None,
) -> Response:
    """Run one read-only SPARQL query over every named graph (one per article, plus ontology and actors)."""
    del query  # declared for the OpenAPI docs; read_query reads it raw so a repeated query is caught
    text = await read_query(request)
    return await run_in_threadpool(run_query, store, text)
