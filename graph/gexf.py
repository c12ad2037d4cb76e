"""GEXF 1.3 writer that validates against the official RelaxNG (networkx's writer does not: it writes
`name=""` on <graph>, a misspelt xsi namespace, and treats list attributes as dynamic data).

Attributes are declared up front; viz colours by node type (edges by stance) and sizes by degree;
the graph is dynamic with dates: a node starts on the publication date of its first evidence and
stays; an edge with dated evidence gets one spell per evidence date (the days it was in the news:
every date of a statement or meeting, the first and last date of a position), so Gephi's timeline
replays the news as it was reported. An edge without dates is always shown. A position edge carries its
current stance and `shift` (how many times the stance changed), and the dynamic attribute `stance_over_time`
gives the stance it held in each interval between shifts, so the timeline shows the stance changing.
"""
from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

import networkx as nx
from lxml import etree

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
NODE_COLOURS = {  # (r, g, b) by node type
    "Person": (66, 133, 244), "State": (52, 168, 83), "Organization": (251, 140, 0), "Group": (158, 158, 158),
    "Actor": (120, 120, 120), "Topic": (156, 39, 176), "Event": (0, 172, 193), "Statement": (255, 193, 7),
    "Document": (121, 85, 72), "Position": (233, 30, 99), "Claim": (255, 87, 34), "Shift": (216, 27, 96),
    "Utterance": (255, 213, 79),
}
EDGE_COLOURS = {  # by stance
    "requests": (3, 155, 229), "supports": (67, 160, 71), "opposes": (229, 57, 53), "rejects": (183, 28, 28),
    "warns": (255, 160, 0), "neutral": (117, 117, 117),
}
NODE_ATTRIBUTES = (("type", "string"), ("role", "string"), ("statements", "integer"), ("iri", "anyURI"),
                   ("degree", "integer"), ("betweenness", "double"), ("pagerank", "double"),
                   ("community", "integer"), ("first", "string"), ("last", "string"), ("status", "string"))
EDGE_ATTRIBUTES = (("relation", "string"), ("stance", "string"), ("statements", "integer"), ("stances", "string"),
                   ("first", "string"), ("last", "string"), ("shift", "integer"),
                   ("role", "string"))  # a visit's guest or host on its "took part" edges
DYNAMIC_EDGE_ATTRIBUTES = (("stance_over_time", "string"),)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def gexf_document(graph: nx.MultiDiGraph) -> etree._ElementTree:
    """A GEXF 1.3 document of a network view (after `add_metrics`)."""
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS}, version="1.3")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "diplograph"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = graph.graph.get("name", "diplograph network")
    body = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="directed", idtype="string",
                            mode="dynamic", timeformat="date")
    _declare(body, "node", NODE_ATTRIBUTES)
    _declare(body, "edge", EDGE_ATTRIBUTES)
    _declare(body, "edge", DYNAMIC_EDGE_ATTRIBUTES, mode="dynamic")

    nodes = etree.SubElement(body, f"{{{GEXF_NS}}}nodes", count=str(graph.number_of_nodes()))
    for node, data in sorted(graph.nodes(data=True)):
        element = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=str(node), label=_token(data.get("label", node)))
        _start(element, data)
        _values(element, {**{key: data.get(key, "") for key, _ in NODE_ATTRIBUTES}, "iri": node})
        r, g, b = NODE_COLOURS.get(data.get("type", ""), NODE_COLOURS["Actor"])
        etree.SubElement(element, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        etree.SubElement(element, f"{{{VIZ_NS}}}size", value=f"{10.0 + 4.0 * graph.degree(node):.1f}")

    edges = etree.SubElement(body, f"{{{GEXF_NS}}}edges", count=str(graph.number_of_edges()))
    ordered = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for index, (source, target, _, data) in enumerate(ordered):
        element = etree.SubElement(
            edges, f"{{{GEXF_NS}}}edge", id=f"e{index}", source=str(source), target=str(target),
            weight=repr(float(data.get("weight", 1.0))), label=_token(data.get("label", "")),
        )
        _values(element, {key: data.get(key, "") for key, _ in EDGE_ATTRIBUTES}, data.get("stance_spells", ()))
        _spells(element, data)
        r, g, b = EDGE_COLOURS.get(data.get("stance", ""), EDGE_COLOURS["neutral"])
        etree.SubElement(element, f"{{{VIZ_NS}}}color", r=str(r), g=str(g), b=str(b))
        etree.SubElement(element, f"{{{VIZ_NS}}}thickness", value=f"{float(data.get('weight', 1.0)):.1f}")
    return etree.ElementTree(root)


def write_gexf(graph: nx.MultiDiGraph, stream: BinaryIO) -> None:
    gexf_document(graph).write(stream, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _start(element: etree._Element, data: dict) -> None:
    """Open-ended from the first date: once reported, a link stays on the timeline."""
    first = str(data.get("first", ""))
    if _DATE.match(first):
        element.set("start", first)


def _spells(element: etree._Element, data: dict) -> None:
    """One spell per evidence date; an edge known only by its first date starts there and stays."""
    dates = sorted({str(d) for d in data.get("dates", ()) if _DATE.match(str(d))})
    if not dates:
        _start(element, data)
        return
    block = etree.SubElement(element, f"{{{GEXF_NS}}}spells")
    for day in dates:
        etree.SubElement(block, f"{{{GEXF_NS}}}spell", start=day, end=day)


def _declare(body: etree._Element, cls: str, attributes: tuple[tuple[str, str], ...], mode: str = "static") -> None:
    block = etree.SubElement(body, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": mode})
    for ident, kind in attributes:
        etree.SubElement(block, f"{{{GEXF_NS}}}attribute", id=ident, title=ident, type=kind)


def _values(element: etree._Element, values: dict[str, object], spells: tuple = ()) -> None:
    """Static values, then the stance of each dated interval ((start, end, stance); end "" = open)."""
    block = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
    for key, value in values.items():
        if value is None or value == "":
            continue
        etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": str(value)})
    for start, end, stance in spells:
        if not _DATE.match(str(start)):
            continue
        timing = {"start": str(start), **({"end": str(end)} if _DATE.match(str(end)) else {})}
        etree.SubElement(block, f"{{{GEXF_NS}}}attvalue", {"for": "stance_over_time", "value": str(stance), **timing})


def _token(value: object) -> str:
    """An xsd:token: no leading, trailing or repeated whitespace, no control characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return " ".join(text.split())
