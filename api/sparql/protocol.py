"""Read a SPARQL 1.1 Protocol request: which operation, its text, and the dataset parameters.

Queries come by GET (?query=), by form-encoded POST (query=) or by POST with Content-Type
application/sparql-query; updates only by POST, form-encoded (update=) or application/sparql-update.
Graph parameters may sit in the URL or in the form. Every protocol violation is an ApiError:
400 for a bad request (non-UTF-8 included), 415 for a body in another media type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import Request

from diplograph.api.routes.errors import ApiError

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
QUERY_GRAPHS = ("default-graph-uri", "named-graph-uri")
UPDATE_GRAPHS = ("using-graph-uri", "using-named-graph-uri")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True, slots=True)
class Operation:
    """What a protocol request asks for. kind "none": a GET without a query (the service description)."""

    kind: str  # "query" | "update" | "none"
    text: str = ""
    default_graphs: tuple[str, ...] = ()  # default-graph-uri, or using-graph-uri for an update
    named_graphs: tuple[str, ...] = ()  # named-graph-uri, or using-named-graph-uri for an update


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
    """The body as text: SPARQL Protocol requests are UTF-8; anything else is a bad request (400)."""
    if charset is not None and charset not in ("utf-8", "utf8"):
        raise ApiError(400, "bad encoding", f"The request body must be UTF-8, not {charset}.")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "bad encoding", "The request body is not valid UTF-8.") from None


def _one(values: list[str], name: str) -> str:
    if len(values) > 1:
        raise ApiError(400, f"multiple {name}s", f"Give exactly one '{name}' parameter, not {len(values)}.")
    if not values[0].strip():
        raise ApiError(400, f"missing {name}", f"The '{name}' parameter is empty.")
    return values[0]


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[str, ...]:
    graphs = tuple(value.strip() for key, value in params if key == name)
    for iri in graphs:
        if not _IRI.match(iri):
            raise ApiError(400, "bad graph IRI", f"{name} must be an absolute IRI, not {iri!r}.")
    return graphs


def _operation(params: list[tuple[str, str]], *, body_text: str | None = None, body_kind: str | None = None) -> Operation:
    queries = [value for key, value in params if key == "query"]
    updates = [value for key, value in params if key == "update"]
    if body_kind == "query":
        queries.append(body_text or "")
    elif body_kind == "update":
        updates.append(body_text or "")
    if queries and updates:
        raise ApiError(400, "query and update", "Send either a query or an update, not both.")
    if updates:
        if any(key in QUERY_GRAPHS for key, _ in params):
            raise ApiError(400, "bad parameter", "default-graph-uri and named-graph-uri apply to queries only.")
        return Operation(
            "update", _one(updates, "update"), _graphs(params, "using-graph-uri"), _graphs(params, "using-named-graph-uri")
        )
    if queries:
        if any(key in UPDATE_GRAPHS for key, _ in params):
            raise ApiError(400, "bad parameter", "using-graph-uri and using-named-graph-uri apply to updates only.")
        return Operation(
            "query", _one(queries, "query"), _graphs(params, "default-graph-uri"), _graphs(params, "named-graph-uri")
        )
    return Operation("none")


def _url_params(request: Request) -> list[tuple[str, str]]:
    return list(request.query_params.multi_items())


async def read_operation(request: Request) -> Operation:
    """The operation a protocol request carries, or an ApiError that says what is wrong with the request."""
    url_params = _url_params(request)
    if request.method == "GET":
        if any(key == "update" for key, _ in url_params):
            raise ApiError(400, "update by GET", "Updates must be POSTed (form-encoded update=... or application/sparql-update).")
        return _operation(url_params)
    media, charset = media_type(request)
    if media == FORM:
        text = decode_body(await request.body(), charset)
        try:
            form = parse_qsl(text, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise ApiError(400, "bad encoding", "The form's percent-encoded values are not valid UTF-8.") from None
        operation = _operation(url_params + form)
        if operation.kind == "none":
            raise ApiError(400, "missing query", "The form holds neither query=... nor update=....")
        return operation
    if media in (SPARQL_QUERY, SPARQL_UPDATE):
        if any(key in ("query", "update") for key, _ in url_params):
            raise ApiError(400, "query and body", f"With {media}, the operation is the body; drop query= and update= from the URL.")
        text = decode_body(await request.body(), charset)
        return _operation(url_params, body_text=text, body_kind="query" if media == SPARQL_QUERY else "update")
    raise ApiError(
        415,
        "unsupported media type",
        f"POST a query as {FORM} (query=...) or {SPARQL_QUERY}, an update as {FORM} (update=...) or "
        f"{SPARQL_UPDATE}; not {media or 'a body without Content-Type'}.",
    )
