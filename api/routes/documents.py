"""GET /documents, POST /documents (add an article: runs the real extractor), DELETE /documents/{ref}.

Adding and removing need the API token. An article arrives as plain text (title, url, published
and name in the query string), as JSON ({"text", "id", "title", "url", "published"}) or as an HTML
page (text/html: its main text and metadata are read by the same reader as `diplograph ingest`
page.html; `url` in the query string says where it came from). The API never fetches a URL it is
given: a URL is only recorded. The extractor (a spaCy pipeline) is loaded once, on the first
article, and shared.
"""
from __future__ import annotations

import hashlib
import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from diplograph.api.routes.deps import get_settings, get_store, require_token, store_changed
from diplograph.api.routes.errors import ApiError
from diplograph.api.routes.models import ArticleIn, DocumentOut, ErrorOut, ExtractedOut, RemovedDocument, RemovedOut
from diplograph.api.settings import Settings
from diplograph.graph.store import AmbiguousReference, GraphStore, RecordError

router = APIRouter(tags=["documents"])
_extractor_lock = threading.Lock()
WRITE_ERRORS = {
    401: {"model": ErrorOut, "description": "Missing or wrong bearer token."},
    403: {"model": ErrorOut, "description": "The API is read-only (no token configured)."},
}


@router.get("/documents", response_model=list[DocumentOut])
async def list_documents(store: Annotated[GraphStore, Depends(get_store)]) -> list[DocumentOut]:
    """Every stored article with its provenance and statement count."""
    rows = await run_in_threadpool(store.documents)
    return [DocumentOut.from_row(row) for row in rows]


def extractor_for(request: Request, settings: Settings) -> Any:
    state = request.app.state
    with _extractor_lock:
        if getattr(state, "extractor", None) is None:
            from diplograph.extract.pipeline import Extractor

            state.extractor = Extractor(settings.model_name)
        return state.extractor


async def read_article(request: Request, name: str | None, title: str, url: str, published: str) -> ArticleIn:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if media == "application/json":
        try:
            return ArticleIn.model_validate(json.loads(body))
        except RecursionError:
            raise ApiError(400, "bad article", "The JSON body nests too deeply; send one object with a \"text\" string.") from None
        except (ValueError, ValidationError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            raise ApiError(400, "bad article", f"The JSON article is not valid: {message}.") from None
    if media == "text/plain":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "bad encoding", "The article text is not valid UTF-8.") from None
        try:
            return ArticleIn(text=text, id=name, title=title, url=url, published=published)
        except ValidationError as exc:
            raise ApiError(400, "bad article", f"The article is not valid: {exc.errors()[0]['msg']}.") from None
    raise ApiError(415, "unsupported media type",
                   "POST the article as text/plain, application/json or text/html.")


async def html_document(request: Request, name: str | None, url: str) -> Any:
    """The article of an HTML page in the request body; `url` is recorded, never fetched."""
    from diplograph.extract.document import DocumentError
    from diplograph.extract.html_pages import document_from_html

    body = await request.body()
    doc_name = name or url or f"page-{hashlib.sha256(body).hexdigest()[:12]}"
    try:
        return await run_in_threadpool(document_from_html, body, name=doc_name, url=url)
    except DocumentError as exc:
        raise ApiError(400, "bad article", exc.message) from None


def is_html(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip().lower() in ("text/html",
                                                                                       "application/xhtml+xml")


@router.post(
    "/documents",
    response_model=ExtractedOut,
    status_code=201,
    responses={
        200: {"model": ExtractedOut, "description": "The same text was stored already: nothing changed."},
        400: {"model": ErrorOut, "description": "Empty text, bad JSON, bad date, not English, a page with no article text."},
        422: {"model": ErrorOut, "description": "The article took longer than DIPLOGRAPH_ARTICLE_TIMEOUT to extract."},
        415: {"model": ErrorOut, "description": "Neither text/plain, application/json nor text/html."},
        **WRITE_ERRORS,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ArticleIn.model_json_schema()},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def add_document(
    request: Request,
    response: Response,
    store: Annotated[GraphStore, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    name: Annotated[str | None, Query(max_length=300, description="Article name (text/plain body).")] = None,
    title: Annotated[str, Query(max_length=1000, description="Title (text/plain body).")] = "",
    url: Annotated[str, Query(max_length=2000, description="URL (text/plain body).")] = "",
    published: Annotated[str, Query(max_length=40, description="Publication date (text/plain body).")] = "",
) -> ExtractedOut:
    """Extract statements from one article and store them; returns what was extracted."""
    require_token(request)
    if is_html(request):
        document = await html_document(request, name, url)
    else:
        document = await text_document(await read_article(request, name, title, url, published))
    extractor = await run_in_threadpool(extractor_for, request, settings)
    from diplograph.extract.pipeline import ExtractionTimeout

    try:
        extraction = await run_in_threadpool(extractor.extract, document, time_limit=settings.article_timeout or None)
    except ExtractionTimeout as exc:
        raise ApiError(422, "article too slow", f"{exc}; nothing was stored (DIPLOGRAPH_ARTICLE_TIMEOUT).") from None
    try:
        added = await run_in_threadpool(store.add, extraction)
    except RecordError as exc:
        raise ApiError(400, "bad article", str(exc)) from None
    finally:
        store_changed(request)
    if not added.changed:
        response.status_code = 200
    return ExtractedOut(
        doc=document.name,
        doc_iri=added.doc_iri,
        changed=added.changed,
        replaced=list(added.replaced),
        triples=added.triples,
        statements=[statement.to_json() for statement in extraction.statements],
        actors=actor_names(extraction),
        events=len(extraction.events),
    )


async def text_document(article: ArticleIn) -> Any:
    from diplograph.extract.document import DocumentError, document_from_text

    doc_name = article.id or f"article-{hashlib.sha256(article.text.encode()).hexdigest()[:12]}"
    try:
        return document_from_text(
            article.text, name=doc_name, title=article.title, url=article.url, published=article.published
        )
    except DocumentError as exc:
        raise ApiError(400, "bad article", exc.message) from None


def actor_names(extraction: Any) -> list[str]:
    """Everyone the article names as speaker, addressee or participant (known or newly found)."""
    names = {actor.name for actor in extraction.actors}
    for statement in extraction.statements:
        names.add(statement.speaker)
        names.update(statement.addressees)
    for event in extraction.events:
        names.update(event.participants)
    return sorted(name for name in names if name)


@router.delete(
    "/documents/{ref:path}",
    response_model=RemovedOut,
    responses={
        404: {"model": ErrorOut, "description": "No stored article matches."},
        409: {"model": ErrorOut, "description": "The reference fits several articles (they are listed)."},
        **WRITE_ERRORS,
    },
)
async def delete_document(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    ref: Annotated[str, Path(description="Article name, IRI, or at least 8 characters of its content hash.")],
) -> RemovedOut:
    """Remove one article's graph and recompute what derived from it (positions, actors found only there).

    The reference must name exactly one article; when several fit, nothing is removed and the
    answer (409) lists them."""
    require_token(request)
    try:
        removed = await run_in_threadpool(store.remove, ref)
    except AmbiguousReference as exc:
        raise ApiError(409, "ambiguous reference", str(exc)) from None
    finally:
        store_changed(request)
    if not removed:
        raise ApiError(404, "unknown document", f"No stored article matches {ref!r}; GET /documents lists them.")
    return RemovedOut(removed=[RemovedDocument(doc=r.name, doc_iri=str(r.iri), content_hash=r.content_hash)
                               for r in removed])
