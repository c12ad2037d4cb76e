"""A full rebuild of the statements index, read from an Oxigraph store without making rdflib terms.

A rebuild reads every statement with the statements lookup's own SPARQL (graph/index_reads.py), so the
index holds what that lookup answers. Through `GraphStore._select` each value of each row becomes an
rdflib term (a URIRef, a Literal cast to its Python value), then a plain string again: about a third
of the read's time in a profile at 171k triples. Here the same queries run on Oxigraph directly and
rows hold the strings Oxigraph gives (what `str()` of the rdflib term is), which is all
`results.statement_row` reads. Scanning each
document graph with quad patterns was measured too and is slower (every quad becomes a Python object;
the SPARQL rows are one per statement): see README "Statements index".
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .index_reads import IndexedDocument, Select, all_documents, read_documents
from .rows import rows_of

if TYPE_CHECKING:
    from .store import GraphStore


def can_read_plain(backend: Any) -> bool:
    """Whether the backend is a local Oxigraph store (its queries can be run without rdflib terms)."""
    return backend.__class__.__name__ == "OxigraphBackend" and hasattr(backend, "native")


def plain_select(native: Any) -> Select:
    """A SELECT on the Oxigraph store `native` over the union of its graphs, values as plain strings."""
    from .oxigraph import namespaces

    def select(sparql: str) -> list[Any]:
        solutions = native.query(sparql, use_default_graph_as_union=True, prefixes=namespaces())
        return rows_of([v.value for v in solutions.variables],
                       ([None if value is None else value.value for value in solution] for solution in solutions))

    return select


def reader(store: GraphStore) -> Select:
    """The fastest SELECT of the store for a rebuild (the caller holds the store's lock)."""
    return plain_select(store.backend.native) if can_read_plain(store.backend) else store._select


def every_document(store: GraphStore) -> Iterable[IndexedDocument]:
    """Every stored document as the index keeps it, a hundred documents per read."""
    select = reader(store)
    return read_documents(select, all_documents(select))
