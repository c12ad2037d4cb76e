"""Export a store: a network view (gexf, graphml, csv) or the whole dataset as RDF (ttl, nq, trig, jsonld).

Network exports carry centrality and communities (graph/metrics.py) as node attributes. A file is
written only once complete, so a failed export never leaves half a file behind.
"""
from __future__ import annotations

import io
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Iterator

from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from .gexf import gexf_document, write_gexf  # noqa: F401 - re-exported for callers of the old module
from .metrics import add_metrics
from .network import network
from .queries import NAMESPACES as PREFIXES
from .tabular import write_csv, write_graphml

if TYPE_CHECKING:
    from .store import GraphStore

RDF_FORMATS = {"ttl": "turtle", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
NETWORK_FORMATS = ("gexf", "graphml", "csv")
FORMATS = (*NETWORK_FORMATS, *RDF_FORMATS)
MEDIA_TYPES = {
    "gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "csv": "application/zip",
    "ttl": "text/turtle", "nq": "application/n-quads", "trig": "application/trig", "jsonld": "application/ld+json",
}


def export(store: GraphStore, fmt: str, out: Path | BinaryIO, *, view: str = "actors") -> str:
    """Write `store` to `out` (a path or a binary file) in `fmt`; csv writes a folder or a zip.
    Returns what was written, counted as it was written, for the user to read."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if fmt in NETWORK_FORMATS:
        graph = add_metrics(network(store, view))
        if fmt == "csv":
            write_csv(graph, out)
        else:
            with _binary(out) as stream:
                (write_gexf if fmt == "gexf" else write_graphml)(graph, stream)
        return f"the {view} network: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    with _binary(out) as stream:
        return write_rdf(store, fmt, stream)


def write_rdf(store: GraphStore, fmt: str, stream: BinaryIO) -> str:
    """The whole dataset: named graphs kept in nq, trig and jsonld, merged into one graph in ttl.
    Returns what was written (triples, or quads and named graphs)."""
    native = getattr(store.backend, "native", None)
    if fmt == "nq" and native is not None:
        return _dump_nquads(native, stream)
    copy = Dataset()
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace)
    if fmt == "ttl":
        merged = copy.default_graph
        for s, p, o, _ in store.quads():
            merged.add((s, p, o))
        merged.serialize(destination=stream, format="turtle", encoding="utf-8")
        return f"the whole store merged into one graph: {len(merged)} triples"
    graphs: dict = {}
    quads = 0
    for s, p, o, g in store.quads():
        quads += 1
        if g is None or g == DATASET_DEFAULT_GRAPH_ID:
            copy.default_graph.add((s, p, o))
        else:
            if g not in graphs:
                graphs[g] = copy.graph(g)
            graphs[g].add((s, p, o))
    copy.serialize(destination=stream, format=RDF_FORMATS[fmt], encoding="utf-8")
    return f"the whole store: {quads} quads in {len(graphs)} named graphs"


def _dump_nquads(native: Any, stream: BinaryIO) -> str:
    """N-Quads straight from the embedded Oxigraph store, streamed by Oxigraph itself: the export a replica
    is loaded from (bench/replica.py) takes seconds where building an rdflib Dataset first took minutes
    (171 s for 334k quads) and held the whole store in memory."""
    from pyoxigraph import RdfFormat

    quads, graphs = len(native), sum(1 for _ in native.named_graphs())
    native.dump(stream, RdfFormat.N_QUADS)
    return f"the whole store: {quads} quads in {graphs} named graphs"


@contextmanager
def _binary(out: Path | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(out, (str, Path)):
        path = Path(out)
        buffer = io.BytesIO()
        yield buffer
        path.write_bytes(buffer.getvalue())  # written only once complete: no half file on error
    else:
        yield out
