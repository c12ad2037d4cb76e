"""Export a store: the whole dataset as RDF (ttl, nq, trig, jsonld) or a network view as GEXF 1.3.

The GEXF is written with lxml to validate against the official 1.3 RelaxNG (networkx's writer does
not), so that Gephi and other tools read it without complaint: attributes declared up front, viz
colour by node type and size by degree, directed weighted edges.
"""
from __future__ import annotations

import io
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator

import networkx as nx
from lxml import etree
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from .network import network
from .queries import NAMESPACES as PREFIXES

if TYPE_CHECKING:
    from .store import GraphStore

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
RDF_FORMATS = {"ttl": "turtle", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
FORMATS = ("gexf", *RDF_FORMATS)


NODE_COLOURS = {  # (r, g, b) by node type
    "Person": (66, 133, 244),
    "State": (52, 168, 83),
    "Organization": (251, 140, 0),
    "Group": (158, 158, 158),
    "Actor": (120, 120, 120),
    "Topic": (156, 39, 176),
}
EDGE_COLOURS = {  # by stance
    "requests": (3, 155, 229),
    "supports": (67, 160, 71),
    "opposes": (229, 57, 53),
    "rejects": (183, 28, 28),
    "warns": (255, 160, 0),
    "neutral": (117, 117, 117),
}
NODE_ATTRIBUTES = (("type", "type", "string"), ("statements", "statements", "integer"), ("iri", "iri", "anyURI"))
EDGE_ATTRIBUTES = (("relation", "relation", "string"), ("stance", "stance", "string"),
                   ("statements", "statements", "integer"), ("stances", "stances", "string"))


def export(store: GraphStore, fmt: str, out: Path | BinaryIO, *, view: str = "actors") -> None:
    """Write `store` to `out` (a path or a binary file) in `fmt`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    with _binary(out) as stream:
        if fmt == "gexf":
            write_gexf(network(store, view), stream)
        else:
            write_rdf(store.dataset, fmt, stream)


def write_rdf(dataset: Dataset, fmt: str, stream: BinaryIO) -> None:
    """The whole dataset: named graphs kept in nq, trig and jsonld, merged into one graph in ttl."""
    copy = Dataset()
    for prefix, namespace in PREFIXES.items():
        copy.bind(prefix, namespace)
    if fmt == "ttl":
        merged = copy.default_graph
        for s, p, o in dataset.triples((None, None, None)):
            merged.add((s, p, _plain(o)))
        merged.serialize(destination=stream, format="turtle", encoding="utf-8")
        return
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
            copy.default_graph.add((s, p, _plain(o)))
        else:
            copy.graph(graph).add((s, p, _plain(o)))
    copy.serialize(destination=stream, format=RDF_FORMATS[fmt], encoding="utf-8")


def _plain(value: Node) -> Node:
    """"x"^^xsd:string as "x": the same RDF 1.1 literal, which Oxigraph hands back typed."""
    if isinstance(value, Literal) and value.datatype == XSD.string and value.language is None:
        return Literal(str(value))
    return value


def gexf_document(graph: nx.DiGraph) -> etree._ElementTree:
    """A GEXF 1.3 document of a network whose nodes carry label/type/statements and edges
    relation/stance/weight/statements/stances/label."""
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "diplograph"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = graph.graph.get("name", "diplograph network")
    body = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="directed", idtype="string")
    _declare(body, "node", NODE_ATTRIBUTES)
    _declare(body, "edge", EDGE_ATTRIBUTES)

    nodes = etree.SubElement(body, f"{{{GEXF_NS}}}nodes", count=str(graph.number_of_nodes()))
    for node, data in sorted(graph.nodes(data=True)):
        element = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=str(node), label=_token(data.get("label", node)))
        _values(element, {"type": data.get("type", ""), "statements": data.get("statements", 0), "iri": node})
        r, g, b = NODE_COLOURS.get(data.get("type", ""), NODE_COLOURS["Actor"])
        etree.SubElement(element, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        etree.SubElement(element, f"{{{VIZ_NS}}}size", value=f"{10.0 + 4.0 * graph.degree(node):.1f}")

    edges = etree.SubElement(body, f"{{{GEXF_NS}}}edges", count=str(graph.number_of_edges()))
    for index, (source, target, data) in enumerate(sorted(graph.edges(data=True), key=lambda e: (e[0], e[1]))):
        element = etree.SubElement(
            edges, f"{{{GEXF_NS}}}edge", id=f"e{index}", source=str(source), target=str(target),
            weight=repr(float(data.get("weight", 1.0))), label=_token(data.get("label", "")),
        )
        _values(element, {key: data.get(key, "") for key, _, _ in EDGE_ATTRIBUTES})
        r, g, b = EDGE_COLOURS.get(data.get("stance", ""), EDGE_COLOURS["neutral"])
        etree.SubElement(element, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        etree.SubElement(element, f"{{{VIZ_NS}}}thickness", value=f"{float(data.get('weight', 1.0)):.1f}")
    return etree.ElementTree(root)


def write_gexf(graph: nx.DiGraph, stream: BinaryIO) -> None:
    gexf_document(graph).write(stream, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _declare(body: etree._Element, cls: str, attributes: tuple[tuple[str, str, str], ...]) -> None:
    block = etree.SubElement(body, f"{{{GEXF_NS}}}attributes", {"class": cls})
    for ident, title, kind in attributes:
        etree.SubElement(block, f"{{{GEXF_NS}}}attribute", id=ident, title=title, type=kind)


def _values(element: etree._Element, values: dict[str, object]) -> None:
    block = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for key, value in values.items():
        if value is None or value == "":
            continue
        etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": str(value)})


def _token(value: object) -> str:
    """An xsd:token: no leading, trailing or repeated whitespace, no control characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return " ".join(text.split())


@contextmanager
def _binary(out: Path | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(out, (str, Path)):
        path = Path(out)
        buffer = io.BytesIO()
        yield buffer
        path.write_bytes(buffer.getvalue())  # written only once complete: no half file on error
    else:
        yield out
