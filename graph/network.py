"""RDF → networkx views of a store, for Gephi exports, centrality and paths.

`actors`: actors, topics and events. actor → topic edges are the actor's own positions (current
stance, weight = utterances, first/last date, shifts, and the stance on each date for the dynamic GEXF);
actor → actor edges say who told, called on or criticised whom, who met whom (held meetings only), who
plans to meet or called off meeting whom ("planned meeting", "cancelled meeting" edges), and who reported
on (made claims about) whom; actor → event edges say who took part.
`full`: every resource of the document, positions and actor graphs, linked by every IRI-valued triple.
Edges carry the IRIs of their evidence (statements or events) so that paths can quote it. The view is a
MultiDiGraph keyed by relation: two actors who met and spoke keep both links.

The `actors` view is assembled from rows kept in the SQLite index beside a local store, replaced on
every write for the documents it touched (graph/network_index.py), so that opening it reads no store;
a remote store (or one whose index cannot be read) has it built from the store's own rows, by the same
code (graph/network_rows.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from . import index_sync
from .network_rows import assemble, read_rows

if TYPE_CHECKING:
    from .store import GraphStore

VIEWS = ("actors", "full")


def network(store: GraphStore, view: str = "actors") -> nx.MultiDiGraph:
    """The named network view of a store."""
    if view not in VIEWS:
        raise ValueError(f"unknown network view {view!r}: expected one of {', '.join(VIEWS)}")
    if view == "full":
        from .fullview import full_network

        return full_network(store)
    return actor_network(store)


def actor_network(store: GraphStore) -> nx.MultiDiGraph:
    """Actors, topics and events, linked by positions, speech, claims, meetings and participation:
    from the rows the index keeps when it keeps them, else read from the store."""
    kept = index_sync.network_rows(store)
    return assemble(kept) if kept is not None else network_from_store(store)


def network_from_store(store: GraphStore) -> nx.MultiDiGraph:
    """The actor view built from the store's own rows (every document read: seconds per million triples)."""
    return assemble(read_rows(store._select, None, None))
