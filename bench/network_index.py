"""The kept actor network and the bulk index rebuild, against what they replace, side by side on one store.

On a copy of each cached store of the large tier (bench/scale.py builds them: SCALE_SIZES,
DIPLOGRAPH_BENCH_CACHE), in this process:
- the actor network (what the first /paths, `diplograph path` and the workspace graph build after a
  start or a write) built from the store, as every start and write did before (`network_from_store`,
  the same rows and assembly as the store path), against assembled from the rows kept in the index
  (`actor_network`), and `paths.networks` (the network and its undirected links) after a reopen;
- one write (a new article), its time, the part of it that replaces the kept network rows, and the
  first network after it;
- a full index rebuild as it was (rows read through rdflib terms, written row by row with every
  B-tree and the trigram index kept up to date) against now (plain rows, indexes made once after the
  rows are in), alternated NETWORK_ROUNDS times (3), the statements part alone and with the network rows;
- a check that the kept network equals the store-built one after the write (nodes and edges).
Writes bench/out/network_index.json and prints the table pasted into bench/REPORT.md.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import tables  # bench/ is on sys.path: the script's own folder (bench/tables.py)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
ROUNDS = int(os.environ.get("NETWORK_ROUNDS", "3"))
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402 - bench/scale.py: the cached stores and their copies


def seconds(call) -> tuple[float, object]:
    began = time.perf_counter()
    value = call()
    return time.perf_counter() - began, value


def previous_rebuild(store) -> int:
    """The rebuild as it was before this change: rdflib rows, row-by-row writes, no network rows."""
    from diplograph.graph import index_reads, index_sync

    index = store.index
    with store._lock:
        index.reset()
        ancestors = index_reads.topic_ancestors(store._select)
        statements, batch = 0, []
        for document in index_reads.read_documents(store._select, index_reads.all_documents(store._select)):
            batch.append(document)
            statements += len(document.statements)
            if len(batch) >= 200:
                index.replace([], batch, ancestors=ancestors, graphs={}, finish=False)
                batch = []
        index.replace([], batch, ancestors=ancestors, graphs=index_sync._sizes(store, None), finish=True)
        index.checkpoint()
        return statements


def new_article(articles: int):
    """A benchmark-corpus article the cached store does not hold (it holds the first `articles`)."""
    import corpus

    return next(islice(corpus.grow(corpus.real_extractions(), 10 ** 8), articles + 7, None))


def measure(size: int, cached: Path, articles: int, work: Path) -> dict:
    from diplograph.graph import index_sync
    from diplograph.graph.network import actor_network, network_from_store
    from diplograph.graph.paths import networks
    from diplograph.graph.store import open_store

    folder = scale.working_copy(cached, work)
    result: dict = {"size": size}
    with open_store(f"oxigraph:{folder}") as store:  # the copy has no index yet: built here (timed below)
        result["triples"] = store.counts().triples
        result["statements"] = store.counts().statements
        before, now = [], []
        for _ in range(ROUNDS):  # alternated, medians: the shared machine's load changes within a run
            before.append(seconds(lambda: previous_rebuild(store))[0])
            now.append(seconds(lambda: _statements_only(store))[0])
        result["rebuild before s"], result["rebuild statements now s"] = statistics.median(before), statistics.median(now)
        result["rebuild ratios"] = [round(b / n, 2) for b, n in zip(before, now)]
        result["rebuild now s"], _ = seconds(lambda: index_sync.rebuild(store))
        result["network rows rebuild s"], _ = seconds(lambda: index_sync.rebuild_network(store))
        built_times, kept_times = [], []
        for _ in range(ROUNDS):
            took, built = seconds(lambda: network_from_store(store))
            built_times.append(took)
            kept_times.append(seconds(lambda: actor_network(store))[0])
        result["network from store s"] = statistics.median(built_times)
        result["network from index s"] = statistics.median(kept_times)
        result["network ratios"] = [round(b / k, 1) for b, k in zip(built_times, kept_times)]
        result["nodes"], result["edges"] = built.number_of_nodes(), built.number_of_edges()
    with open_store(f"oxigraph:{folder}") as store:  # a restart: the first paths network
        result["first networks() after start s"], _ = seconds(lambda: networks(store))
        extraction = new_article(articles)
        result["write s"], written = seconds(lambda: store.add(extraction))
        assert written.changed, "the benchmark's new article was stored already"
        result["first networks() after write s"], _ = seconds(lambda: networks(store))
        result["network from store after write s"], built = seconds(lambda: network_from_store(store))
        kept = actor_network(store)
        result["kept equals built"] = (list(kept.nodes(data=True)) == list(built.nodes(data=True))
                                       and list(kept.edges(keys=True, data=True)) == list(built.edges(keys=True, data=True)))
        store.remove(extraction.document.name)  # the same write again, timed without the network's share
        began = time.perf_counter()
        _without_network(store, lambda: store.add(extraction))
        result["write without network rows s"] = time.perf_counter() - began
    return result


def _statements_only(store) -> None:
    from diplograph.graph import index_sync

    keep = index_sync.rebuild_network
    index_sync.rebuild_network = lambda _store: None
    try:
        index_sync.rebuild(store)
    finally:
        index_sync.rebuild_network = keep


def _without_network(store, call) -> None:
    from diplograph.graph import index_sync

    keep = index_sync.refresh_network
    index_sync.refresh_network = lambda _store, _docs: None
    try:
        call()
    finally:
        index_sync.refresh_network = keep


def render(results: list[dict], load: str) -> str:
    lines = [f"Load during the run: {load}", "",
             *tables.header("", *(f"{r['triples']:,} triples ({r['statements']:,} statements)" for r in results))]

    def row(label: str, key: str, fmt: str = "{:.2f} s") -> None:
        lines.append(tables.row(label, *(fmt.format(r[key]) for r in results)))

    row(f"actor network built from the store (before: every start and write), median of {ROUNDS}", "network from store s")
    row(f"actor network assembled from the kept rows (now), median of {ROUNDS}", "network from index s")
    lines.append(tables.row("store / kept of each alternated round",
                            *(", ".join(f"{x:.1f}×" for x in r["network ratios"]) for r in results)))
    row("first paths network after a restart (now)", "first networks() after start s")
    row("a write of one article (now, with its network rows)", "write s")
    row("the same write without replacing network rows", "write without network rows s")
    row("first paths network after the write (now)", "first networks() after write s")
    row("network built from the store after the write (before)", "network from store after write s")
    row(f"full index rebuild before (rdflib rows, row-by-row B-trees), median of {ROUNDS}", "rebuild before s")
    row(f"full index rebuild now, statements only, median of {ROUNDS}", "rebuild statements now s")
    lines.append(tables.row("before / now of each alternated round",
                            *(", ".join(f"{x:.2f}×" for x in r["rebuild ratios"]) for r in results)))
    row("full index rebuild now, with the network rows", "rebuild now s")
    row("network rows alone", "network rows rebuild s")
    lines.append(tables.row("nodes / edges", *(f"{r['nodes']:,} / {r['edges']:,}" for r in results)))
    lines.append(tables.row("kept network equals the store-built one after the write",
                            *("yes" if r["kept equals built"] else "NO" for r in results)))
    return "\n".join(lines)


def main() -> int:
    folder = scale.cache_folder()
    meta = scale.cached_build(folder)
    if meta is None:
        print(f"no cached stores at {folder}: run bench/scale.py with the same SCALE_SIZES first", file=sys.stderr)
        return 1
    articles = {}
    for point in meta["curve"]:
        for size in scale.SIZES:
            if size not in articles and point["triples"] >= size:
                articles[size] = point["articles"]
    results = []
    for size in scale.SIZES:
        work = Path(tempfile.mkdtemp(prefix="network-index-"))
        try:
            results.append(measure(size, folder / f"size-{size}", articles[size], work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(results[-1]), flush=True)
    load = os.popen("uptime").read().strip()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "network_index.json").write_text(json.dumps({"load": load, "results": results}, indent=2))
    print(render(results, load))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
