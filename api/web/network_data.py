"""The actors network (the view GET /export?format=gexf writes) as JSON for the graph page.

The same networkx view and metrics as the exports (graph/network.py, graph/metrics.py), taken from
the per-generation cache the paths lookup keeps, so the page costs one build per write. Evidence
lists are cut to a few IRIs per edge: the evidence page takes them from there.
"""
from __future__ import annotations

from typing import Any

from diplograph.graph.metrics import weighted_pagerank
from diplograph.graph.paths import networks
from diplograph.graph.store import GraphStore

MAX_EDGE_EVIDENCE = 20


def network_json(store: GraphStore) -> dict[str, Any]:
    """{"nodes": [...], "edges": [...]}: every node with type, statements, PageRank and dates; every
    edge with relation, stance, weight, dates and (some of) its evidence."""
    network, _ = networks(store)
    key = ("workspace-network", store.generation)
    cached = store.views.get(key) if store.caches_views else None
    if cached is not None:
        return cached
    graph = network
    pagerank = weighted_pagerank(graph)
    nodes = [{"id": node, "label": str(data.get("label", node)), "type": str(data.get("type", "")),
              "statements": int(data.get("statements", 0) or 0), "pagerank": round(float(pagerank.get(node, 0.0)), 6),
              "first": str(data.get("first", "")), "last": str(data.get("last", ""))}
             for node, data in graph.nodes(data=True)]
    edges = [{"id": f"{source}|{target}|{relation}", "source": source, "target": target, "relation": str(relation),
              "label": str(data.get("label", relation)), "stance": str(data.get("stance", "")),
              "weight": float(data.get("weight", 1.0)), "first": str(data.get("first", "")),
              "last": str(data.get("last", "")), "evidence": list(data.get("evidence", ()))[:MAX_EDGE_EVIDENCE]}
             for source, target, relation, data in graph.edges(keys=True, data=True)]
    found = {"nodes": nodes, "edges": edges}
    if store.caches_views:
        store.views[key] = found
    return found
