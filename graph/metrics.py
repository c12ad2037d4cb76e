"""Centrality and communities as node attributes, so Gephi can size and colour by them at once.

Computed on the undirected, weighted projection of a view (who is connected to whom, however):
degree, betweenness (sampled on large graphs, with a fixed seed so exports are reproducible),
PageRank on the directed graph, and Louvain communities.
"""
from __future__ import annotations

import networkx as nx

EXACT_BETWEENNESS_LIMIT = 2_000  # nodes; above it betweenness is estimated from a sample of sources
SAMPLE = 500
SEED = 7


def simple_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One weighted edge per connected pair, weights summed over relations and directions."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for source, target, data in graph.edges(data=True):
        if source == target:
            continue
        weight = float(data.get("weight", 1.0)) or 1.0
        if simple.has_edge(source, target):
            simple[source][target]["weight"] += weight
        else:
            simple.add_edge(source, target, weight=weight)
    return simple


def weighted_pagerank(graph: nx.MultiDiGraph) -> dict:
    """PageRank on the directed graph, the weights of parallel edges summed (cheap, unlike betweenness)."""
    directed = nx.DiGraph()
    directed.add_nodes_from(graph.nodes)
    for source, target, data in graph.edges(data=True):
        weight = float(data.get("weight", 1.0)) or 1.0
        previous = directed.get_edge_data(source, target, {}).get("weight", 0.0)
        directed.add_edge(source, target, weight=previous + weight)
    return nx.pagerank(directed, weight="weight") if directed.number_of_nodes() else {}


def add_metrics(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Set degree, betweenness, pagerank and community on every node of `graph` (in place) and return it."""
    if graph.number_of_nodes() == 0:
        return graph
    simple = simple_undirected(graph)
    n = simple.number_of_nodes()
    betweenness = nx.betweenness_centrality(simple, k=None if n <= EXACT_BETWEENNESS_LIMIT else SAMPLE,
                                            normalized=True, seed=SEED)
    pagerank = weighted_pagerank(graph)
    communities = nx.community.louvain_communities(simple, weight="weight", seed=SEED) if simple.number_of_edges() else []
    community_of = {node: index for index, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))))
                    for node in members}
    for node, data in graph.nodes(data=True):
        data["degree"] = int(simple.degree(node))
        data["betweenness"] = round(float(betweenness.get(node, 0.0)), 6)
        data["pagerank"] = round(float(pagerank.get(node, 0.0)), 6)
        data["community"] = int(community_of.get(node, len(community_of) + 0))
    return graph
