"""Draw the data model from the ontology: classes as boxes, object properties as arrows (domain → range),
datatype properties listed in their class. Written as Graphviz DOT and rendered with `dot` when it is
installed, so the picture in the README never drifts from diplomacy.ttl.

    python -m diplograph.graph.datamodel docs/datamodel.svg
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, URIRef

from diplograph.ontology.terms import DG

from .ontology import ontology_files

EXTERNAL = {"http://www.w3.org/ns/prov#": "prov:", "https://schema.org/": "schema:",
            "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/2001/XMLSchema#": "xsd:",
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
            str(DG): ""}


def short(iri: URIRef) -> str:
    for namespace, prefix in EXTERNAL.items():
        if str(iri).startswith(namespace):
            return prefix + str(iri)[len(namespace):]
    return str(iri)


def _classes(graph: Graph, node: URIRef | BNode) -> list[URIRef]:
    """A domain or range: one class, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [node]
    union = graph.value(node, OWL.unionOf)
    return [c for c in graph.items(union)] if union is not None else []


def datamodel_dot() -> str:
    """The ontology's classes and properties as a Graphviz digraph."""
    graph = Graph()
    for path in ontology_files():
        if path.name == "diplomacy.ttl":
            graph.parse(path, format="turtle")
    classes = sorted(c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(str(DG)))
    fields: dict[URIRef, list[str]] = {c: [] for c in classes}
    lines = ["digraph datamodel {", '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.3, ranksep=0.8];',
             '  node [shape=plaintext, fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']
    arrows = []
    for prop in sorted(graph.subjects(RDF.type, OWL.DatatypeProperty)):
        for domain in _classes(graph, graph.value(prop, RDFS.domain)):
            if domain in fields:
                rng = graph.value(prop, RDFS.range)
                fields[domain].append(f"{short(prop)} : {short(rng) if rng else 'literal'}")
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        for domain in _classes(graph, graph.value(prop, RDFS.domain)):
            for rng in _classes(graph, graph.value(prop, RDFS.range)):
                if domain in fields and rng in fields:
                    arrows.append(f'  "{short(domain)}" -> "{short(rng)}" [label="{short(prop)}"];')
    for cls in classes:
        for parent in graph.objects(cls, RDFS.subClassOf):
            if parent in fields:
                arrows.append(f'  "{short(cls)}" -> "{short(parent)}" [arrowhead=empty, style=dashed, label="subClassOf"];')
        parents = ", ".join(short(p) for p in graph.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef))
        rows = "".join(f'<tr><td align="left">{f}</td></tr>' for f in sorted(fields[cls]))
        under = f'<br/><font point-size="8">{parents}</font>' if parents else ""
        header = f'<tr><td bgcolor="#dde7f7"><b>{short(cls)}</b>{under}</td></tr>'
        lines.append(f'  "{short(cls)}" [label=<<table border="1" cellborder="0" cellspacing="0">{header}{rows}</table>>];')
    return "\n".join(lines + arrows + ["}"]) + "\n"


def write_datamodel(out: Path) -> Path:
    """Write `out` (.svg or .png via Graphviz; .dot always works); returns the file written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    dot_text = datamodel_dot()
    if out.suffix == ".dot" or shutil.which("dot") is None:
        target = out.with_suffix(".dot")
        target.write_text(dot_text, encoding="utf-8")
        return target
    subprocess.run(["dot", f"-T{out.suffix.lstrip('.')}", "-o", str(out)], input=dot_text.encode("utf-8"), check=True)
    return out


if __name__ == "__main__":
    print(write_datamodel(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/datamodel.svg")))
