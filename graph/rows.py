"""Light result rows: what `GraphStore._select` hands the canned lookups, on every backend.

A row answers `row.name`, `row[0]` and `row["name"]`, an unbound variable reading as None, like
rdflib's ResultRow, but costs a tuple: the hot lookups read thousands of them per request.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import XSD, Literal


def row_type(names: Sequence[str]) -> type[tuple]:
    """A tuple class whose items can also be read by variable name."""
    labels = {name: index for index, name in enumerate(names)}

    class Row(tuple):
        __slots__ = ()
        variables = tuple(names)

        def __getattr__(self, name: str) -> Any:
            try:
                return tuple.__getitem__(self, labels[name])
            except KeyError:
                raise AttributeError(name) from None

        def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
            if isinstance(key, str):
                return tuple.__getitem__(self, labels[key])
            return tuple.__getitem__(self, key)

    return Row


def rows_of(names: Sequence[str], values: Iterable[Sequence[Any]]) -> list[Any]:
    """Rows named `names` from sequences of values."""
    row = row_type(names)
    return [row(v) for v in values]


def plain_term(value: Any) -> Any:
    """"x"^^xsd:string as "x": the same RDF 1.1 literal, written the way the memory store keeps it."""
    if isinstance(value, Literal) and value.datatype == XSD.string and value.language is None:
        return Literal(str(value))
    return value


def plain_rows(result: Any) -> list[Any]:
    """The rows of an rdflib SELECT Result, strings made plain."""
    names = [str(v) for v in result.vars or ()]
    return rows_of(names, ([plain_term(b.get(v)) for v in result.vars] for b in result.bindings))
