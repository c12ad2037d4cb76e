"""Path lookups read by neighbourhood against reading the whole kept network, on the large tier's indexes.

For each cached size of bench/scale.py's tier (SCALE_SIZES, DIPLOGRAPH_BENCH_CACHE), on a copy of its
SQLite index only (the cache is never written; the copy gets the network's endpoint indexes, timed: the
one-time cost for an index written before them):
- what the first /paths after a start or a write paid before: the kept rows read whole, assembled and
  linked (graph/network_index.py `load`, `assemble`, paths `_links`);
- what it pays now, cold (nothing read yet): the bounded search over neighbourhoods read from SQLite,
  and the rows of the hops found, assembled (graph/route_search.py, graph/network_neighbours.py), for
  pairs of the most linked actors, an actor and a topic, the least linked actors (k=20, 8 hops) and an
  event and an actor; with how many neighbourhoods it read and whether its routes are networkx's.
Writes bench/out/paths_neighbourhood.json and prints a table for bench/REPORT.md.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = sorted(int(s) for s in os.environ.get("SCALE_SIZES", "1000000,5000000").split(","))
CEASEFIRE = "https://w3id.org/diplograph/topic/ceasefire"


def measure(index_file: Path) -> dict:
    from diplograph.graph import network_index
    from diplograph.graph.network_neighbours import KeptNeighbourhoods, rows_around
    from diplograph.graph.network_rows import assemble
    from diplograph.graph.paths import _links
    from diplograph.graph.route_search import k_shortest
    from diplograph.graph.statement_index import StatementIndex

    index = StatementIndex(index_file)
    began = time.perf_counter()
    network_index.searchable(index)
    result: dict = {"endpoint indexes made s": time.perf_counter() - began}
    began = time.perf_counter()
    whole = assemble(network_index.load(index))
    links = _links(whole)
    result["whole network read s"] = time.perf_counter() - began
    result["nodes"] = links.number_of_nodes()
    actors = sorted((n for n in links if whole.nodes[n].get("type") not in ("Topic", "Event")),
                    key=lambda n: (-links.degree(n), n))
    events = sorted(n for n in links if whole.nodes[n].get("type") == "Event")
    cases = {"the two most linked actors, k=3, 4 hops": (actors[0], actors[1], 3, 4),
             "the most linked actor and ceasefire, k=3, 4 hops": (actors[0], CEASEFIRE, 3, 4),
             "the two least linked actors, k=20, 8 hops": (actors[-1], actors[-2], 20, 8),
             "an event and the most linked actor, k=10, 6 hops": (events[len(events) // 2], actors[0], 10, 6)}
    for name, (a, b, k, hops) in cases.items():
        began = time.perf_counter()
        kept = KeptNeighbourhoods(index)
        routes = k_shortest(kept, a, b, k, hops)
        if routes:
            assemble(rows_around(index, {n for r in routes for n in r},
                                 {tuple(sorted(p)) for r in routes for p in zip(r, r[1:])}))
        cold = time.perf_counter() - began
        expected = []
        try:
            for route in islice(nx.shortest_simple_paths(links, a, b), k):
                if len(route) - 1 > hops:
                    break
                expected.append(route)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            pass
        result[name] = {"cold s": cold, "neighbourhoods read": len(kept._known), "routes": len(routes),
                        "same as networkx": routes == expected}
    return result


def main() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from scale import cache_folder

    from diplograph.graph.statement_index import FILE_NAME

    folder = Path(os.environ["DIPLOGRAPH_BENCH_CACHE"]) if "DIPLOGRAPH_BENCH_CACHE" in os.environ else cache_folder()
    results: dict = {}
    with tempfile.TemporaryDirectory() as work:
        for size in SIZES:
            cached = folder / f"size-{size}" / FILE_NAME
            if not cached.exists():
                print(f"no cached index for {size} triples at {cached}: run bench/scale.py first", file=sys.stderr)
                return 1
            copy = Path(work) / f"{size}.sqlite"
            source, target = sqlite3.connect(f"file:{cached}?mode=ro", uri=True), sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
            results[str(size)] = measure(copy)
            copy.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "paths_neighbourhood.json").write_text(json.dumps(results, indent=1))
    names = [k for k in results[str(SIZES[0])] if isinstance(results[str(SIZES[0])][k], dict)]
    print("| cold path lookup | " + " | ".join(f"{s:,} triples" for s in SIZES) + " |")
    print("|---|" + "---:|" * len(SIZES))
    print("| the kept network read whole (before) | " +
          " | ".join(f"{results[str(s)]['whole network read s']:.2f} s" for s in SIZES) + " |")
    for name in names:
        cells = [results[str(s)][name] for s in SIZES]
        print(f"| {name} | " + " | ".join(
            f"{c['cold s']:.2f} s ({c['neighbourhoods read']} read, {c['routes']} routes"
            f"{'' if c['same as networkx'] else ', NOT networkx'})" for c in cells) + " |")
    print("| endpoint indexes made once | " +
          " | ".join(f"{results[str(s)]['endpoint indexes made s']:.1f} s" for s in SIZES) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
