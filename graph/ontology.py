"""The ontology's Turtle files, grouped by the named graph each is loaded into.

actors.ttl goes to GRAPH["actors"] (where actors found in text join it); every other .ttl file of the
ontology package (diplomacy, topics, cues, ...) goes to GRAPH["ontology"]. A content hash per graph
lets a store tell whether what it holds is the current version of the files.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from diplograph.ontology.terms import DG

from .build import ACTORS_GRAPH, ONTOLOGY_GRAPH, RdfTriple
from .errors import StoreError

ACTORS_FILE = "actors.ttl"
SHAPES_FILE = "shapes.ttl"  # SHACL shapes describe the data; they are read by `validate`, not stored


@dataclass(frozen=True, slots=True)
class OntologyFiles:
    """The parsed triples of the files that make up one named graph."""

    graph: URIRef
    files: tuple[Path, ...]
    triples: tuple[RdfTriple, ...]
    content_hash: str
    replace_on_change: bool  # the ontology graph is replaced; the actors graph only grows
    hash_predicate: URIRef = DG.contentHash


def ontology_files() -> list[Path]:
    """The .ttl files shipped in the ontology package."""
    try:
        from diplograph.ontology.lexicon import ontology_files as shipped
    except ImportError:  # pragma: no cover - before the lexicon existed
        import diplograph.ontology as package

        return sorted(p for p in Path(next(iter(package.__path__))).glob("*.ttl") if p.name != SHAPES_FILE)
    return [p for p in shipped() if p.name != SHAPES_FILE]


def shapes_file() -> Path:
    """The SHACL shapes shipped beside the ontology."""
    import diplograph.ontology as package

    return Path(next(iter(package.__path__))) / SHAPES_FILE


def ontology_sources() -> list[OntologyFiles]:
    """The ontology graph and the actors graph, parsed from the current files."""
    files = ontology_files()
    stamp = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return list(_sources(stamp))


@lru_cache(maxsize=4)
def _sources(stamp: tuple[tuple[str, int, int], ...]) -> tuple[OntologyFiles, ...]:
    paths = [Path(name) for name, _, _ in stamp]
    actors = tuple(p for p in paths if p.name == ACTORS_FILE)
    others = tuple(p for p in paths if p.name != ACTORS_FILE)
    return (
        _parse(ONTOLOGY_GRAPH, others, replace_on_change=True),
        _parse(ACTORS_GRAPH, actors, replace_on_change=False),
    )


def _parse(graph_iri: URIRef, files: tuple[Path, ...], *, replace_on_change: bool) -> OntologyFiles:
    graph = Graph()
    digest = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        try:
            graph.parse(data=data, format="turtle", publicID=path.as_uri())
        except Exception as error:
            raise StoreError(f"cannot read the ontology file {path}: {error}") from error
    return OntologyFiles(
        graph=graph_iri,
        files=files,
        triples=tuple(graph),
        content_hash=digest.hexdigest(),
        replace_on_change=replace_on_change,
    )
