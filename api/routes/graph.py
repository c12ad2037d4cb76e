"""GET /paths (how two actors are connected, with evidence) and GET /export (the graph for Gephi or as RDF).

/export runs under the same limits as SPARQL (see api/export_worker.py)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from diplograph.api.export_worker import run_export
from diplograph.api.routes.deps import get_engine, get_settings, get_store
from diplograph.api.routes.models import ErrorOut
from diplograph.api.routes.sparql import engine_errors, worker_slot
from diplograph.api.settings import Settings
from diplograph.graph.export import MEDIA_TYPES
from diplograph.graph.paths import paths
from diplograph.graph.store import GraphStore

router = APIRouter(tags=["graph"])


class EvidenceOut(BaseModel):
    iri: str = Field(description='IRI of the evidence statement or fact.')
    sentence: str = Field(description='The sentence it was read from.')
    text: str = Field(description='The quoted or reported words.')
    doc: str = Field(description='File name of the article.')
    start: int = Field(description='Character offset where the words start in the article.')
    end: int = Field(description='Character offset where they end.')
    published: str = Field(description='Publication date of the article, when known.')


class HopOut(BaseModel):
    source: str = Field(description='Node the hop starts from.')
    target: str = Field(description='Node the hop leads to.')
    relation: str = Field(description='Kind of link: told, called on, met, reported on, position, took part ...')
    label: str = Field(description='Readable label of the link.')
    stance: str = Field(description='Stance on a position link, empty otherwise.')
    evidence: list[EvidenceOut] = Field(description='Up to five sentences that show the link.')


class PathNodeOut(BaseModel):
    id: str = Field(description='IRI of the node (actor, topic or event).')
    label: str = Field(description='Readable name.')
    type: str = Field(description='Person, State, Organization, Group, Topic or Event.')


class PathOut(BaseModel):
    length: int = Field(description='Number of hops.')
    nodes: list[PathNodeOut] = Field(description='The nodes along the path, in order.')
    hops: list[HopOut] = Field(description='The links between consecutive nodes, with evidence.')


@router.get("/paths", response_model=list[PathOut])
async def get_paths(
    store: Annotated[GraphStore, Depends(get_store)],
    a: Annotated[str, Query(min_length=1, max_length=300, description="Actor name, alias or IRI, or a topic key.")],
    b: Annotated[str, Query(min_length=1, max_length=300, description="Actor name, alias or IRI, or a topic key.")],
    k: Annotated[int, Query(ge=1, le=20, description="How many paths.")] = 3,
    max_hops: Annotated[int, Query(ge=1, le=8, description="Longest path, in hops.")] = 4,
) -> list[dict]:
    """The k shortest paths between `a` and `b` in the actors network, each hop with its evidence sentences."""
    found = await run_in_threadpool(paths, store, a, b, k=k, max_hops=max_hops)
    return [p.to_json() for p in found]


@router.get("/export", response_class=Response,
            responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}},
                       503: {"model": ErrorOut, "description": "The export ran past the time limit or the memory cap, "
                                                                 "or every worker is busy."}})
async def get_export(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    format: Annotated[Literal["gexf", "graphml", "csv", "ttl", "trig", "nq", "jsonld"], Query()] = "gexf",
    view: Annotated[Literal["actors", "full"], Query(description="Network view (gexf, graphml, csv).")] = "actors",
) -> Response:
    """The network view for Gephi (gexf, graphml, csv as a zip of nodes.csv and edges.csv) or the store as RDF.

    Runs under the SPARQL limits: in a process of its own, killed past DIPLOGRAPH_QUERY_TIMEOUT or
    DIPLOGRAPH_WORKER_MEMORY, holding one of the DIPLOGRAPH_SPARQL_WORKERS slots."""
    engine = get_engine(request)
    with engine_errors(settings):
        async with worker_slot(request, settings):
            with engine.lease() as snapshot:  # a checkpoint stays on disk until the export has read it
                body = await run_in_threadpool(run_export, snapshot, format, view, timeout=settings.query_timeout,
                                               memory_mb=settings.worker_memory)
    extension = "zip" if format == "csv" else format
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="diplograph-{view}.{extension}"'})
