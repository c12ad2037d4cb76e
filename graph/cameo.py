"""CAMEO event codes for statements, read from the SKOS scheme in ontology/cameo.ttl.

CAMEO (Conflict and Mediation Event Observations) is the coding scheme of GDELT and ICEWS; giving
statements a code lets the graph be compared with those datasets. The codes and the rules that give
them are data (each code's stances, topics and rank), so a new rule is an edit to Turtle, not Python.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from diplograph.ontology.terms import DG, STANCE, TOPIC

from .errors import StoreError

CAMEO_FILE = "cameo.ttl"


@dataclass(frozen=True, slots=True)
class CameoRule:
    """A code given to a statement with one of `stances`, about one of `topics` (any topic when empty)."""

    code: str
    label: str
    rank: int
    stances: frozenset[str]
    topics: frozenset[str]

    def matches(self, stance: str, topics: set[str]) -> bool:
        return stance in self.stances and (not self.topics or bool(self.topics & topics))


def cameo_file() -> Path:
    import diplograph.ontology as package

    return Path(next(iter(package.__path__))) / CAMEO_FILE


@lru_cache(maxsize=1)
def cameo_rules() -> tuple[CameoRule, ...]:
    """The rules of ontology/cameo.ttl in rank order."""
    path = cameo_file()
    try:
        graph = Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as error:
        raise StoreError(f"cannot read the CAMEO codes in {path}: {error}") from error
    rules = []
    for node in graph.subjects(RDF.type, DG.CameoCode):
        code, rank = graph.value(node, SKOS.notation), graph.value(node, DG.cameoRank)
        if code is None or rank is None:
            raise StoreError(f"{path}: the CAMEO code {node} needs skos:notation and dg:cameoRank")
        rules.append(CameoRule(
            code=str(code), label=str(graph.value(node, SKOS.prefLabel) or ""), rank=int(rank),
            stances=frozenset(str(s)[len(str(STANCE)):] for s in graph.objects(node, DG.cameoStance)),
            topics=frozenset(str(t)[len(str(TOPIC)):] for t in graph.objects(node, DG.cameoTopic)),
        ))
    return tuple(sorted(rules, key=lambda r: (r.rank, r.code)))


def cameo_labels() -> dict[str, str]:
    """Code → label, e.g. "0232" → "Appeal for military aid"."""
    return {rule.code: rule.label for rule in cameo_rules()}


def cameo_code(stance: str, topics: Iterable[str]) -> str | None:
    """The CAMEO code of a statement with this stance on these topics, or None when no rule fits plainly."""
    keys = set(topics)
    for rule in cameo_rules():
        if rule.matches(stance, keys):
            return rule.code
    return None
