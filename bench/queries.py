"""Query benchmark: the canned lookups at 10k, 100k and 1M triples on Oxigraph, rdflib and rdflib-endpoint.

The graph is grown from the real articles (bench/corpus.py: new documents, invented people, new dates,
the same shape) into one Oxigraph store with `add_many`; at each size its quads are also dumped to
N-Quads for rdflib's in-memory store and for rdflib-endpoint serving them over HTTP on 127.0.0.1. Each
store is measured in its own process, so that its peak RSS (VmHWM) is its own; every backend runs the
same GraphStore calls, hence the same SPARQL (Oxigraph natively, rdflib with its evaluator, the
endpoint through HTTP). rdflib is measured only where a series fits the time budget (see REPORT).
Writes bench/out/queries.md, queries.json and queries.png.

Environment: QUERY_SIZES (10000,100000,1000000), QUERY_RDFLIB_MAX (100000), QUERY_REPS (20),
QUERY_BUDGET (seconds per rdflib series, 10).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from processes import stop_process  # bench/ is on sys.path: the script's own folder
import tables  # bench/tables.py: table rows and result files

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = [int(s) for s in os.environ.get("QUERY_SIZES", "10000,100000,1000000").split(",")]
RDFLIB_MAX = int(os.environ.get("QUERY_RDFLIB_MAX", "100000"))
REPS = int(os.environ.get("QUERY_REPS", "20"))
BUDGET = float(os.environ.get("QUERY_BUDGET", "10"))
GOAL_MS = 50.0
GOAL_RATIO = 20.0
TOPIC = "ceasefire"
QUERIES = ("who said what about a topic", "actor profile", "positions matrix", "actor network build", "4-hop path")


# ------------------------------------------------------------------ measuring one store (child process)


def lookups(store, speaker: str, other: str):
    """The four canned lookups, as the API calls them."""
    from diplograph.graph.paths import networks, paths

    def network_build() -> list:
        store.views.clear()  # cold: the whole actor network read from the store; the cache is left filled
        return list(networks(store)[0].edges)

    return {
        "who said what about a topic": lambda: store.statements(topic=TOPIC, limit=100, order="-date"),
        "actor profile": lambda: store.actor(speaker, statements_limit=50),
        "positions matrix": lambda: store.positions(topic=TOPIC, claimed=False),
        "actor network build": network_build,
        "4-hop path": lambda: paths(store, speaker, other, k=3, max_hops=4),
    }


def measure(uri: str, speaker: str, other: str, reps: int, budget: float, skip: str = "") -> dict:
    """Timings (ms) of each lookup on the store at `uri`, plus this process's peak RSS."""
    store = open_measured(uri)
    results: dict[str, dict] = {}
    for name, call in lookups(store, speaker, other).items():
        if name in skip.split(","):
            continue
        if budget >= 30 or not uri.startswith(("nq:", "sparql:")):
            call()  # warm-up: caches, parsed queries (rdflib's slow series skip it to fit the budget)
        times: list[float] = []
        started = time.perf_counter()
        while len(times) < reps and (time.perf_counter() - started < budget or not times):
            begin = time.perf_counter()
            answer = call()
            times.append((time.perf_counter() - begin) * 1000)
        results[name] = {"p50": statistics.median(times), "p95": percentile(times, 95), "runs": len(times),
                         "rows": len(answer) if isinstance(answer, list) else 1}
    return {"queries": results, "peak_rss_mb": peak_rss_mb()}


def open_measured(uri: str):
    from diplograph.graph.backends import MemoryBackend, RemoteBackend
    from diplograph.graph.store import GraphStore, open_store

    if uri.startswith("nq:"):  # rdflib's memory store holding the dumped quads
        backend = MemoryBackend()
        backend.dataset.parse(uri[3:], format="nquads")
        return GraphStore(backend, uri="memory")
    if uri.startswith("sparql:"):  # read-only endpoint: no ontology check that could write
        return GraphStore(RemoteBackend(uri[len("sparql:"):], timeout=600), uri=uri)
    return open_store(uri)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb(pid: int | str = "self") -> float:
    """Peak resident set size (VmHWM) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def serve(nquads: str, port: int) -> None:
    """rdflib-endpoint serving the quads, the union of named graphs as default graph."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    app = SparqlEndpoint(graph=dataset, path="/", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


# ------------------------------------------------------------------ the run (parent process)


def child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{args[0]} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def endpoint_measure(nquads: Path, speaker: str, other: str, triples: int) -> dict:
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(nquads), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/?query=ASK%7B%7D", timeout=5).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"rdflib-endpoint exited: {server.stderr.read().decode()[-2000:]}")
                time.sleep(0.5)
        # A remote store keeps no network between calls: there a path costs a whole network build, which
        # rdflib needs most of a minute for above 10k triples (measured on rdflib's memory store instead).
        skip = "actor network build,4-hop path" if triples > 20_000 else ""
        found = child("--measure", f"sparql:http://127.0.0.1:{port}/", speaker, other, str(REPS), str(BUDGET), skip)
        found["peak_rss_mb"] = peak_rss_mb(server.pid)  # the server's, not the client's
        return found
    finally:
        stop_process(server, timeout=30)


def main() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import grow, real_extractions

    from diplograph.graph.store import open_store

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="diplograph-queries-"))
    location = f"oxigraph:{work / 'graph'}"
    result: dict = {"sizes": [], "ingest": {}}
    try:
        started = time.perf_counter()
        base = real_extractions()
        extraction_seconds = time.perf_counter() - started
        documents = grow(base, 10**7)
        added = 0
        write_seconds = 0.0
        for target in SIZES:
            store = open_store(location)
            began = time.perf_counter()
            while (triples := store.counts().triples) < target:
                step = max(5, min(200, (target - triples) // 450 + 1))
                store.add_many(next(documents) for _ in range(step))
                added += step
            write_seconds += time.perf_counter() - began
            top = store.actors(limit=40, mentioned_only=True)
            speaker = top[0].name
            other = next((a.name for a in reversed(top) if a.statements and a.name != speaker), top[-1].name)
            dump = work / f"graph-{target}.nq"
            if target <= RDFLIB_MAX:
                store.export("nq", dump)
            store.close()
            print(f"{target:,}: {triples:,} triples, {added} documents; measuring", flush=True)
            row = {"target": target, "triples": triples, "documents": added, "speaker": speaker, "other": other,
                   "oxigraph": child("--measure", location, speaker, other, str(REPS), "30")}
            if target <= RDFLIB_MAX:
                row["rdflib"] = child("--measure", f"nq:{dump}", speaker, other, str(REPS), str(BUDGET))
                row["rdflib-endpoint"] = endpoint_measure(dump, speaker, other, triples)
                dump.unlink()
            result["sizes"].append(row)
            print(json.dumps(row), flush=True)
        result["ingest"] = {"documents": added, "seconds": write_seconds, "extraction_seconds": extraction_seconds,
                            "documents_per_second": added / write_seconds if write_seconds else 0.0}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    tables.save("queries", result, render, plot)
    return 0


def plot(result: dict, path: Path) -> None:
    plt = tables.pyplot()

    fig, axes = plt.subplots(1, len(QUERIES), figsize=(3.4 * len(QUERIES), 3.4), sharey=True)
    for axis, name in zip(axes, QUERIES):
        for backend, style in (("oxigraph", "o-"), ("rdflib", "s--"), ("rdflib-endpoint", "^:")):
            points = [(r["triples"], r[backend]["queries"][name]["p95"]) for r in result["sizes"]
                      if name in r.get(backend, {}).get("queries", {})]
            if points:
                axis.plot(*zip(*points), style, label=backend)
        axis.axhline(GOAL_MS, color="grey", linewidth=0.8)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_title(name, fontsize=10)
        axis.set_xlabel("triples")
    axes[0].set_ylabel("p95 latency (ms)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def render(result: dict) -> str:
    lines = ["## Queries", "",
             "The canned lookups on a graph grown from the real articles (bench/corpus.py), measured on the "
             "embedded Oxigraph store (native SPARQL), on rdflib's in-memory store (the same SPARQL through "
             "rdflib's evaluator) and on rdflib-endpoint serving the same quads over HTTP on 127.0.0.1, each "
             f"in its own process. Lookups: statements about `{TOPIC}` and its narrower topics, newest 100; "
             "the most quoted actor's profile with its 50 newest statements; the positions matrix (own "
             f"positions on `{TOPIC}`: actor × stance with counts, dates and evidence); the actor network "
             "read from the store (the SPARQL behind paths, exports and metrics; cold, every call); up to 3 "
             "paths of at most 4 hops between two actors on that network, which a local store keeps until "
             "its next write. rdflib series stop after "
             f"{BUDGET:.0f} s (at least one run) and skip the warm-up run; the runs column says how many.", "",
             f"Goals: p95 ≤ {GOAL_MS:.0f} ms at 1M triples; ≥ {GOAL_RATIO:.0f}× faster than rdflib's memory store.", "",
             "| triples | lookup | Oxigraph p50 / p95 (ms) | rdflib p50 / p95 (ms) | rdflib-endpoint p50 / p95 (ms) "
             "| speed-up vs rdflib (p50) |", "|---:|---|---:|---:|---:|---:|"]
    for row in result["sizes"]:
        for name in QUERIES:
            ox = row["oxigraph"]["queries"][name]
            cells = [f"{row['triples']:,}", name, f"{ox['p50']:.1f} / {ox['p95']:.1f}"]
            for backend in ("rdflib", "rdflib-endpoint"):
                found = row.get(backend, {}).get("queries", {}).get(name)
                cells.append(f"{found['p50']:.0f} / {found['p95']:.0f} ({found['runs']} runs)" if found else "not run")
            rd = row.get("rdflib", {}).get("queries", {}).get(name)
            cells.append(f"{rd['p50'] / ox['p50']:.0f}×" if rd else "–")
            lines.append(tables.row(*cells))
    lines += ["", "Peak RSS (MB) of the process holding the store:", "",
              "| triples | documents | Oxigraph (embedded, queries) | rdflib memory | rdflib-endpoint server |",
              "|---:|---:|---:|---:|---:|"]
    for row in result["sizes"]:
        lines.append(tables.row(f"{row['triples']:,}", f"{row['documents']:,}", f"{row['oxigraph']['peak_rss_mb']:.0f}",
                                *(f"{row[b]['peak_rss_mb']:.0f}" if b in row else "not run"
                                  for b in ("rdflib", "rdflib-endpoint"))))
    ingest = result["ingest"]
    if ingest:
        lines += ["", f"Growing the store: {ingest['documents']:,} pre-extracted documents written with `add_many` "
                  f"(RDF build, bulk write, positions) in {ingest['seconds']:.0f} s = "
                  f"**{ingest['documents_per_second']:.0f} documents/s** while the store grew to "
                  f"{result['sizes'][-1]['triples']:,} triples."]
    lines += ["", "![p95 latency by size](out/queries.png)", "", verdict(result)]
    return "\n".join(lines) + "\n"


def verdict(result: dict) -> str:
    largest = result["sizes"][-1]
    out = [f"**Goals at {largest['triples']:,} triples** (Oxigraph p95; the actor network build is what a "
           "path costs after a write, not a lookup of its own):", ""]
    for name in (q for q in QUERIES if q != "actor network build"):
        p95 = largest["oxigraph"]["queries"][name]["p95"]
        state = "met" if p95 <= GOAL_MS else f"missed by {p95 - GOAL_MS:.0f} ms ({p95 / GOAL_MS:.1f}× the goal)"
        out.append(f"- {name}: {p95:.0f} ms — {state}")
    compared = [r for r in result["sizes"] if "rdflib" in r]
    if compared:
        row = compared[-1]
        out += ["", f"**Speed-up over rdflib's memory store at {row['triples']:,} triples** (p50, same SPARQL):", ""]
        for name in QUERIES:
            ratio = row["rdflib"]["queries"][name]["p50"] / row["oxigraph"]["queries"][name]["p50"]
            state = "met" if ratio >= GOAL_RATIO else f"missed ({ratio / GOAL_RATIO:.0%} of the goal)"
            out.append(f"- {name}: {ratio:.0f}× — {state}")
    out += ["", f"rdflib is not run above {RDFLIB_MAX:,} triples: its store needs minutes to load 1M quads and "
            "gigabytes of memory, and its lookups take seconds each (the actor network alone takes it most of a "
            "minute at 100k), which does not fit `make bench`'s 15 minutes. rdflib-endpoint keeps no network "
            "between requests, so above 20k triples its path series (a whole network build per call) is not run.",
            "", "**Why the misses.** The 1M-triple graph has ~33,000 statements, a tenth of them about the measured "
            "topic, and its most quoted actor has ~1,500 statements and ~600 positions (most of them claims by "
            "other speakers). (1) A page of statements sorted by date must read the sort keys of every "
            "matching statement before it can cut the page: the first query reads a few index entries for each of "
            "thousands of statements on disk (~100 ms), the details of the page take ~15 ms; a per-statement "
            "sort key (the publication date copied onto each statement) or a date-partitioned index would cut the "
            "first step, a data-model change left open. (2) The profile and the matrix return hundreds of "
            "positions with thousands of evidence links, and turning those rows into Python records costs about "
            "as much as Oxigraph's evaluation. (3) The positions matrix and the path are small queries whose "
            "time is partly Python (row conversion, networkx) that costs the same on every store, so the whole "
            "call is 14–16× faster than on rdflib while the all-SPARQL network build is ~150× faster. Paths "
            "answer from the actor network, which a local store keeps until its next write; rebuilding it after "
            "a write reads the whole graph (seconds at 1M)."]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        uri, speaker, other, reps, budget = sys.argv[2:7]
        skipped = sys.argv[7] if len(sys.argv) > 7 else ""
        print(json.dumps(measure(uri, speaker, other, int(reps), float(budget), skipped)))
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "--render":  # the report again from bench/out/queries.json
        saved = json.loads((OUT / "queries.json").read_text())
        plot(saved, OUT / "queries.png")
        (OUT / "queries.md").write_text(render(saved))
        sys.exit(0)
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
