"""The errors graph/ raises: each carries a message fit to show a user as is."""
from __future__ import annotations


class StoreError(Exception):
    """A store cannot be opened, used or written (bad URI, locked directory, closed store)."""


class RecordError(StoreError, ValueError):
    """An extraction record cannot be written as RDF (a stance outside the scheme, a bad IRI)."""


class QueryError(ValueError):
    """A SPARQL query was refused: it does not parse, or it asks for something the store does not allow."""
