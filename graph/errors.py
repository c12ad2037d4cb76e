"""The errors graph/ raises: each carries a message fit to show a user as is."""
from __future__ import annotations

from typing import NamedTuple


class StoreError(Exception):
    """A store cannot be opened, used or written (bad URI, locked directory, closed store)."""


class RecordError(StoreError, ValueError):
    """An extraction record cannot be written as RDF (a stance outside the scheme, a bad IRI)."""


class QueryError(ValueError):
    """A SPARQL query was refused: it does not parse, or it asks for something the store does not allow."""


class DocumentRef(NamedTuple):
    """A stored document as a reference resolves it: IRI, file name and content hash."""

    iri: object  # rdflib URIRef
    name: str
    content_hash: str

    def describe(self) -> str:
        return f"{self.name or '(no name)'} ({self.content_hash[:12]}, {self.iri})"


class AmbiguousReference(QueryError):
    """A document reference that does not name exactly one document; the message lists the matches."""

    def __init__(self, ref: str, matches: list[DocumentRef], *, reason: str) -> None:
        shown = "; ".join(m.describe() for m in matches[:10]) + ("; ..." if len(matches) > 10 else "")
        super().__init__(f"{ref!r} is ambiguous ({reason}): {len(matches)} documents match: {shown}. "
                         "Give a full file name, IRI or a longer hash prefix.")
        self.ref = ref
        self.matches = matches
