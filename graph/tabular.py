"""GraphML and CSV exports of a network view, shaped for Gephi's importers.

GraphML: keys declared `for="node"` / `for="edge"` with their types, scalar values only (Gephi and
yEd reject list values), one edge element per relation. CSV: `nodes.csv` (Id, Label, …) and
`edges.csv` (Source, Target, Type, Id, Label, Weight, …), the column names Gephi's spreadsheet import
recognises, written to a folder or a zip file.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import BinaryIO

import networkx as nx

NODE_COLUMNS = ("type", "role", "statements", "degree", "betweenness", "pagerank", "community", "first", "last",
                "status")  # an event's held | planned | cancelled
EDGE_COLUMNS = ("relation", "stance", "statements", "stances", "first", "last", "shift",
                "role")  # a visit's guest or host on its "took part" edges


def scalar_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same network with only str/int/float/bool attributes (evidence tuples dropped)."""
    copy = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    for source, target, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(source, target, key=str(key),
                      **{k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))})
    return copy


def write_graphml(graph: nx.MultiDiGraph, stream: BinaryIO) -> None:
    nx.write_graphml(scalar_copy(graph), stream, encoding="utf-8", prettyprint=True, named_key_ids=True)


def csv_tables(graph: nx.MultiDiGraph) -> dict[str, str]:
    """{"nodes.csv": text, "edges.csv": text}."""
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\n")
    writer.writerow(("Id", "Label", *NODE_COLUMNS))
    for node, data in sorted(graph.nodes(data=True)):
        writer.writerow((node, data.get("label", ""), *(data.get(c, "") for c in NODE_COLUMNS)))
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\n")
    writer.writerow(("Source", "Target", "Type", "Id", "Label", "Weight", *EDGE_COLUMNS))
    ordered = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for index, (source, target, _, data) in enumerate(ordered):
        writer.writerow((source, target, "Directed", f"e{index}", data.get("label", ""),
                         float(data.get("weight", 1.0)), *(data.get(c, "") for c in EDGE_COLUMNS)))
    return {"nodes.csv": nodes.getvalue(), "edges.csv": edges.getvalue()}


def write_csv(graph: nx.MultiDiGraph, out: Path | BinaryIO) -> None:
    """nodes.csv and edges.csv into folder `out`, or into a zip (a path ending in .zip, or a binary stream)."""
    tables = csv_tables(graph)
    if isinstance(out, (str, Path)) and not str(out).lower().endswith(".zip"):
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            (folder / name).write_text(text, encoding="utf-8")
        return
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables.items():
            archive.writestr(name, text)
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(buffer.getvalue())
    else:
        out.write(buffer.getvalue())
