"""SHACL validation of a store: does every statement, claim, actor, position, event and document carry
what ontology/shapes.ttl says it must?

The data graph is the union of every named graph (ontology included, so that rdfs:subClassOf lets a
dg:Person count as a dg:Actor), checked with pyshacl against the shapes. A store built from the seed
articles conforms; a statement without a speaker or a position without evidence does not.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from .ontology import shapes_file

if TYPE_CHECKING:
    from .store import GraphStore


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong."""

    focus: str
    path: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"conforms": self.conforms,
                "violations": [{"focus": v.focus, "path": v.path, "message": v.message, "shape": v.shape}
                               for v in self.violations]}


def validate(store: GraphStore) -> ValidationReport:
    """Validate everything the store holds against the shapes."""
    data = Graph()
    for s, p, o, _ in store.quads():
        data.add((s, p, o))
    return validate_graph(data)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate one rdflib graph (the union of a store, or a graph built by hand in a test)."""
    import pyshacl

    shapes = Graph().parse(shapes_file(), format="turtle")
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=False)
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode) or ""),
            path=_short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            shape=str(report.value(result, SH.sourceShape) or ""),
        ))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return ValidationReport(conforms=bool(conforms), violations=tuple(violations), text=str(text))


def _short(value: Any) -> str:
    if isinstance(value, URIRef):
        return str(value).replace("https://w3id.org/diplograph/ontology#", "dg:")
    return "" if value is None else str(value)
