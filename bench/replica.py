"""Past one machine: the same lookups on the embedded store, on `oxigraph serve` and on a Virtuoso read replica.

One store (the scale tier's cached store nearest REPLICA_TRIPLES when bench/scale.py has built one,
else a store grown here from the real articles by bench/corpus.py) is exported once to N-Quads; the
export is bulk-loaded into a new `oxigraph serve` database (`oxigraph load`) and into a Virtuoso
read replica (tools/virtuoso_replica.py: `ld_dir` + `rdf_loader_run`), each load timed. Every engine
then answers the same lookups through diplograph's SPARQL path (graph/statements.py `find_statements`,
the counts of /health counted in SPARQL, the actor profile), the servers through the `sparql:` store
over HTTP on 127.0.0.1; the embedded store also answers them from its SQLite statements index, as
`diplograph serve` does. The rounds are interleaved (each round runs every lookup on every engine),
so the machine's load falls on all alike; p50/p95 per lookup, whether each engine's answers equal the
embedded store's, the servers' RSS and database sizes. A missing server is skipped with one line.
Writes bench/out/replica.md and replica.json.

Environment: REPLICA_TRIPLES (1000000: the cached scale store of at most this size; 100000 when a
store must be grown here), REPLICA_REPS (20), DIPLOGRAPH_BENCH_CACHE (the scale tier's cache folder),
REPLICA_STORE (an Oxigraph store directory to measure instead, e.g. a `size-N` checkpoint of that cache).
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from processes import stop_process  # bench/ is on sys.path: the script's own folder
import tables  # bench/tables.py: table rows and result files

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "tools"))
import virtuoso_replica  # noqa: E402 - tools/virtuoso_replica.py

TRIPLES = int(os.environ.get("REPLICA_TRIPLES", "1000000"))
GROWN = min(TRIPLES, 100_000)  # the store grown here when the scale tier has none cached (fits `make bench`)
REPS = int(os.environ.get("REPLICA_REPS", "20"))
SPEAKER, TOPIC, WORDS = "Russia", "ceasefire", "missiles"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
ENGINES = ("embedded Oxigraph", "oxigraph serve", "Virtuoso")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def quantiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000,
            "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000}


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2 ** 20


# ------------------------------------------------------------------ the store measured


def cached_store() -> Path | None:
    """The scale tier's cached checkpoint of at most TRIPLES triples (the smallest one if all are larger)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import scale  # bench/scale.py

    folder = scale.cache_folder()
    sizes = sorted(int(p.name.split("-", 1)[1]) for p in folder.glob("size-*") if p.is_dir()) \
        if (folder / "build.json").exists() else []
    if not sizes:
        return None
    fitting = [s for s in sizes if s <= TRIPLES] or sizes[:1]
    return folder / f"size-{fitting[-1]}"


def prepared_store(work: Path) -> tuple[Path, str]:
    """A writable copy of the store to measure, and where it came from."""
    import pyoxigraph

    target = work / "embedded"
    cached = Path(os.environ["REPLICA_STORE"]) if os.environ.get("REPLICA_STORE") else cached_store()
    if cached is not None:
        source = pyoxigraph.Store.read_only(str(cached))
        source.backup(str(target))
        del source
        return target, f"a copy of the store `{cached}`"
    from corpus import grow, real_extractions  # bench/corpus.py

    from diplograph.graph.store import open_store

    documents = grow(real_extractions(), 10 ** 7)
    with open_store(f"oxigraph:{target}") as store:
        while (triples := store.counts().triples) < GROWN:
            store.add_many(next(documents) for _ in range(max(5, min(200, (GROWN - triples) // 450 + 1))))
    return target, f"a store grown here to {GROWN:,} triples (no scale store cached)"


# ------------------------------------------------------------------ the servers


def wait_for(url: str, process: subprocess.Popen, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} exited with {process.returncode}") from None
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def start_oxigraph(nquads: Path, work: Path) -> tuple[subprocess.Popen, str, float]:
    """`oxigraph load` the export into a new database (timed), then `oxigraph serve` it."""
    location = work / "oxigraph-server"
    began = time.perf_counter()
    subprocess.run([OXIGRAPH, "load", "--location", str(location), "--file", str(nquads)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    load_seconds = time.perf_counter() - began
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/query?query=ASK%7B%7D", process)
    return process, f"sparql:{base}/query", load_seconds


# ------------------------------------------------------------------ the lookups


def lookups(store, *, indexed: bool) -> dict[str, Callable[[], object]]:
    """The lookups behind /statements, /health and /actors; `indexed`: as the embedded store answers
    them for the API (SQLite index), else in SPARQL as every store can."""
    from diplograph.graph.statements import find_statements

    statements = store.statements if indexed else (lambda **kw: find_statements(store, **kw))
    return {
        f"statements by speaker ({SPEAKER}), newest 50": lambda: statements(speaker=SPEAKER, order="-date", limit=50),
        f"statements by topic ({TOPIC}), newest 100": lambda: statements(topic=TOPIC, order="-date", limit=100),
        f"statements by words ({WORDS}), 20": lambda: statements(text=WORDS, limit=20),
        "counts (/health)": store.counts if indexed else store.counted,
        f"actor profile ({SPEAKER}), 50 statements": lambda: store.actor(SPEAKER, statements_limit=50),
    }


def comparable(answer: object) -> object:
    """What must be equal across engines: statement IRIs in order; counts other than triples (a Virtuoso
    replica's union of graphs also holds Virtuoso's own system graphs); the profile's JSON."""
    if isinstance(answer, list):
        return [row.iri for row in answer]
    if hasattr(answer, "documents") and hasattr(answer, "triples"):
        return (answer.documents, answer.statements, answer.actors)
    return answer.to_json() if hasattr(answer, "to_json") else answer


def measure(stores: dict[str, object]) -> dict:
    """Interleaved rounds: every lookup on every engine per round; p50/p95 and answer checks."""
    series = {name: lookups(store, indexed=False) for name, store in stores.items()}
    series["embedded Oxigraph + SQLite index"] = lookups(stores["embedded Oxigraph"], indexed=True)
    reference = {name: comparable(call()) for name, call in series["embedded Oxigraph"].items()}
    same = {engine: {name: comparable(call()) == reference[name] for name, call in calls.items()}
            for engine, calls in series.items()}
    samples: dict[str, dict[str, list[float]]] = {e: {n: [] for n in calls} for e, calls in series.items()}
    for _ in range(REPS):
        for name in reference:
            for engine, calls in series.items():
                began = time.perf_counter()
                calls[name]()
                samples[engine][name].append(time.perf_counter() - began)
    return {"ms": {e: {n: quantiles(s) for n, s in by.items()} for e, by in samples.items()}, "same answers": same}


# ------------------------------------------------------------------ the run


def main() -> int:
    import psutil

    from diplograph.graph.backends import RemoteBackend
    from diplograph.graph.store import GraphStore, open_store

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="diplograph-replica-"))
    servers: list[tuple[str, Callable[[], None]]] = []
    load_before = os.getloadavg()[0]
    result: dict = {"skipped": {}, "loads s": {}, "rss MB": {}, "disk MB": {}}
    folders: dict[str, Path] = {}
    try:
        location, result["source"] = prepared_store(work)
        began = time.perf_counter()
        embedded = open_store(f"oxigraph:{location}")  # builds the statements index beside the copy
        result["index build s"] = time.perf_counter() - began
        result["triples"] = len(embedded.backend.native)
        result["statements"] = embedded.counts().statements
        nquads = work / "graph.nq"
        began = time.perf_counter()
        embedded.export("nq", nquads)
        result["export s"] = time.perf_counter() - began
        result["export MB"] = nquads.stat().st_size / 2 ** 20
        result["disk MB"]["embedded Oxigraph"] = folder_mb(location)
        print(f"   {result['triples']:,} triples exported in {result['export s']:.0f} s", flush=True)
        stores: dict[str, object] = {"embedded Oxigraph": embedded}

        if Path(OXIGRAPH).exists():
            process, uri, result["loads s"]["oxigraph serve"] = start_oxigraph(nquads, work)
            servers.append(("oxigraph serve", lambda p=process: stop_process(p, timeout=30)))
            stores["oxigraph serve"] = GraphStore(RemoteBackend(uri[len("sparql:"):], timeout=600), uri=uri)
            result["rss MB"]["oxigraph serve"] = lambda p=process: psutil.Process(p.pid).memory_info().rss
            folders["oxigraph serve"] = work / "oxigraph-server"
            print(f"   oxigraph load: {result['loads s']['oxigraph serve']:.0f} s", flush=True)
        else:
            result["skipped"]["oxigraph serve"] = "the oxigraph server (PyPI package `oxigraph`) is not installed"

        if virtuoso_replica.installed():
            server = virtuoso_replica.start(work / "virtuoso", http_port=free_port(), sql_port=free_port(),
                                            buffers=170_000)
            servers.append(("Virtuoso", server.stop))
            began = time.perf_counter()
            server.load(nquads)
            result["loads s"]["Virtuoso"] = time.perf_counter() - began
            stores["Virtuoso"] = GraphStore(RemoteBackend(server.endpoint, timeout=600), uri=server.store_uri)
            result["rss MB"]["Virtuoso"] = lambda p=server.process: psutil.Process(p.pid).memory_info().rss
            folders["Virtuoso"] = work / "virtuoso"
            print(f"   Virtuoso load: {result['loads s']['Virtuoso']:.0f} s", flush=True)
        else:
            result["skipped"]["Virtuoso"] = ("Virtuoso is not installed (Debian: apt-get install "
                                             "virtuoso-opensource-7-bin)")
        result["skipped"]["QLever"] = ("not installable here: no Debian package, and PyPI's `qlever` is only its "
                                       "control script, which runs the server from a Docker image or from binaries "
                                       "built from the C++ sources, neither of which a package registry provides")
        for name, reason in result["skipped"].items():
            print(f"   skipped {name}: {reason}", flush=True)

        result.update(measure(stores))
        result["rss MB"] = {name: read() / 2 ** 20 for name, read in result["rss MB"].items()}
        result["rss MB"]["embedded Oxigraph (this process)"] = psutil.Process().memory_info().rss / 2 ** 20
        result["load"] = [load_before, os.getloadavg()[0]]
        result["disk MB"].update({name: folder_mb(folder) for name, folder in folders.items()})
        embedded.close()
    finally:
        for _, stop in reversed(servers):
            stop()
        shutil.rmtree(work, ignore_errors=True)
    tables.save("replica", result, render)
    return 0


def number(ms: float) -> str:
    return f"{ms:.1f}" if ms < 10 else f"{ms:,.0f}"


def render(result: dict) -> str:
    engines = [e for e in (*ENGINES, "embedded Oxigraph + SQLite index") if e in result["ms"]]
    remote = [e for e in ENGINES[1:] if e in result["ms"]]
    lines = ["## Past one machine: the same lookups on `oxigraph serve` and a Virtuoso replica", "",
             f"{result['triples']:,} triples ({result['statements']:,} statements), {result['source']}; exported "
             f"to N-Quads ({result['export MB']:.0f} MB) in {result['export s']:.0f} s and loaded into each server. "
             f"The same lookups through diplograph's SPARQL path (the servers through the `sparql:` store, HTTP on "
             f"127.0.0.1), {REPS} interleaved rounds; the last row of each lookup is the embedded store's SQLite "
             f"index, as `diplograph serve` answers. Load average {result['load'][0]:.1f} → {result['load'][1]:.1f} "
             f"on {os.cpu_count()} shared cores.", "",
             *tables.header("lookup", *(f"{e} p50 / p95" for e in engines), *(f"{e} ÷ embedded (p95)" for e in remote))]
    for name in result["ms"]["embedded Oxigraph"]:
        cells = []
        for engine in engines:
            ms = result["ms"][engine][name]
            mark = "" if result["same answers"][engine][name] else " (different answer)"
            cells.append(f"{number(ms['p50'])} / {number(ms['p95'])} ms{mark}")
        base = result["ms"]["embedded Oxigraph"][name]["p95"]
        ratios = [f"{result['ms'][e][name]['p95'] / max(base, 0.01):.1f}×" for e in remote]
        lines.append(tables.row(name, *cells, *ratios))
    lines += ["", "| engine | load of the export | database on disk | RSS after the lookups |", "|---|---:|---:|---:|",
              f"| embedded Oxigraph | — (statements index built in {result['index build s']:.0f} s) | "
              f"{result['disk MB']['embedded Oxigraph']:.0f} MB | {result['rss MB']['embedded Oxigraph (this process)']:.0f} MB "
              "(the benchmark's process) |"]
    for engine in remote:
        lines.append(f"| {engine} | {result['loads s'][engine]:.0f} s | {result['disk MB'][engine]:.0f} MB | "
                     f"{result['rss MB'][engine]:.0f} MB |")
    lines += [""] + [f"Skipped: {name}: {reason}." for name, reason in result["skipped"].items()]
    differing = [f"{e}: {n}" for e, by in result["same answers"].items() for n, same in by.items() if not same]
    lines += ["", "Answers equal to the embedded store's on every engine (statement IRIs in order; counts of "
              "documents, statements and actors; the profile)." if not differing else
              "Answers that differ from the embedded store's: " + "; ".join(differing) + "."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
