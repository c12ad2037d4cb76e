"""The large tier: lookups, start-up, memory and ingest rate at 1M and 5M triples (issue 12's goals).

The store is grown from the real articles (bench/corpus.py: new documents, invented people, new dates)
by `add_many` in chunks of CHUNK pre-extracted articles, timing each chunk (the ingest rate as the
store grows); a RocksDB checkpoint of it, with a copy of its statements index, is kept when it passes each
size. A build that was stopped (progress.json beside the growing store) goes on where it stopped when
run again with the same folder. Building 5M triples takes
tens of minutes, so the stores are cached under bench/out/scale-cache/<sizes>-<writer version>, the
version being a hash of the code and data that decide what is written (graph/, extract/records.py,
ontology/, bench/corpus.py, the source articles): a change there rebuilds the cache.

Each size is then measured on a copy (a checkpoint of the cached store: the cache's store is never
written; an index copy of an older schema is rebuilt once and kept in the cache, or, for a shared cache given by
DIPLOGRAPH_BENCH_CACHE, which is never written, in bench/out/scale-index):
- through the HTTP API, `diplograph serve` in its own process: the first lookup, /sparql and /paths
  after start, p50/p95 of each route over SCALE_REPS sequential requests after a warm-up, the
  server's RSS with its SPARQL workers, then the same first requests after a write (POST /documents);
- in the store (GraphStore calls, no HTTP): p50/p95 of each lookup and the actor network's build.
Writes bench/out/scale.md and scale.json.

Environment: SCALE_SIZES (1000000,5000000), SCALE_REPS (50), SCALE_PORT (8139), SCALE_CHUNK (250), SCALE_ONLY
(ingest: only the chunk's write is timed at each size, written to scale-ingest.json), BENCH_SCALE (1: run
even when the stores are not cached; otherwise the tier is skipped unless cached, because building
them does not fit `make bench`'s budget), DIPLOGRAPH_BENCH_CACHE (a folder holding the tier's stores:
used as it is when it holds a finished build, whatever the writer version; built there otherwise).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from processes import stop_process  # bench/ is on sys.path: the script's own folder
import tables  # bench/tables.py: table rows and result files

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = sorted(int(s) for s in os.environ.get("SCALE_SIZES", "1000000,5000000").split(","))
REPS = int(os.environ.get("SCALE_REPS", "50"))
PORT = int(os.environ.get("SCALE_PORT", "8139"))
CHUNK = int(os.environ.get("SCALE_CHUNK", "250"))
ONLY = os.environ.get("SCALE_ONLY", "")  # "ingest": time only the chunk written at each size
TOKEN = "scale-bench-token"
SPEAKER, OTHER, TOPIC = "Russia", "Ukraine", "ceasefire"
NEWEST = ("PREFIX dg: <https://w3id.org/diplograph/ontology#> PREFIX schema: <https://schema.org/> "
          "SELECT ?st ?date WHERE { GRAPH ?g { ?st dg:speaker <https://w3id.org/diplograph/actor/Russia> ; "
          "dg:inDocument ?d . ?d schema:datePublished ?date } } ORDER BY DESC(?date) LIMIT 50")
ROUTES = {
    "/statements?topic=ceasefire&order=-date&limit=100": ("/statements", {"topic": TOPIC, "order": "-date", "limit": 100}),
    "/statements?speaker=Russia&limit=50": ("/statements", {"speaker": SPEAKER, "limit": 50}),
    "/statements?text=missiles&limit=20": ("/statements", {"text": "missiles", "limit": 20}),
    "/actors/Russia (profile)": (f"/actors/{SPEAKER}", {}),
    "/positions?topic=ceasefire": ("/positions", {"topic": TOPIC}),
    "/paths Russia–Ukraine": ("/paths", {"a": SPEAKER, "b": OTHER}),
    "/sparql (a speaker's 50 newest)": ("/sparql", {"query": NEWEST}),
    "/health": ("/health", {}),
}
LOOKUP_GOAL_MS, GROWTH_GOAL, FIRST_GOAL_S, HEALTH_GOAL_MS, INGEST_GOAL = 50.0, 1.5, 2.0, 10.0, 0.8
# A short article written for this benchmark (no real news): the write whose aftermath is timed.
NEW_ARTICLE = ("Envoys meet on the ceasefire\nForeign Minister Andrii Sybiha said on Friday that Ukraine supports "
               "a ceasefire monitored by observers. Kremlin spokesman Dmitry Peskov said Russia rejects any "
               "ceasefire that lets Ukraine rearm.")


# ------------------------------------------------------------------ the cached stores


def writer_version() -> str:
    """A hash of everything that decides what the writer stores."""
    digest = hashlib.sha256()
    files = [*sorted((ROOT / "graph").glob("*.py")), ROOT / "extract" / "records.py", *sorted((ROOT / "ontology").rglob("*")),
             ROOT / "bench" / "corpus.py", *sorted((ROOT / "seeds").glob("*")), *sorted((ROOT / "tests" / "data" / "articles").glob("*"))]
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def cache_folder() -> Path:
    given = os.environ.get("DIPLOGRAPH_BENCH_CACHE")
    if given:
        return Path(given).expanduser().resolve()
    return OUT / "scale-cache" / f"{'-'.join(map(str, SIZES))}-{CHUNK}-{writer_version()}"


def build(folder: Path) -> dict:
    """Grow the store to every size of SIZES, keeping a checkpoint at each; the ingest curve."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # noqa: E402 - bench/corpus.py

    from diplograph.graph.store import open_store

    progress_file = folder / "progress.json"
    progress = json.loads(progress_file.read_text()) if progress_file.exists() and (folder / "building").is_dir() else None
    if progress is None:  # a new build; otherwise one that was stopped goes on where it stopped
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    started = time.perf_counter()
    base = corpus.real_extractions()
    extraction_seconds = time.perf_counter() - started
    store = open_store(f"oxigraph:{folder / 'building'}")
    native = store.backend.native
    targets = [size for size in SIZES if not (folder / f"size-{size}").is_dir()]
    curve, articles, before = [], 0, 0.0
    if progress is not None:
        curve, articles, before = progress["curve"], progress["articles"], progress["seconds"]
        print(f"   going on from {articles} articles ({len(native):,} triples)", flush=True)
    documents = corpus.grow(base, 10 ** 8, start=articles)  # a chunk cut short by a stop is written again: no-op
    while targets:
        chunk = list(islice(documents, CHUNK))
        began = time.perf_counter()
        written = sum(r.changed for r in store.add_many(chunk))
        seconds = time.perf_counter() - began
        articles += len(chunk)
        triples = len(native)
        if written == len(chunk):  # not the chunk a stop cut short, written again (its rate means nothing)
            curve.append({"articles": articles, "triples": triples, "seconds": seconds, "rate": len(chunk) / seconds})
            print(f"   {articles} articles, {triples:,} triples: {len(chunk) / seconds:.1f} articles/s", flush=True)
        while targets and triples >= targets[0]:
            native.flush()
            checkpoint = folder / f"size-{targets.pop(0)}"
            native.backup(str(checkpoint))
            copy_index(store.index.path, checkpoint)
        progress_file.write_text(json.dumps({"articles": articles, "curve": curve,
                                             "seconds": before + time.perf_counter() - started}))
    store.close()
    shutil.rmtree(folder / "building", ignore_errors=True)
    meta = {"version": writer_version(), "sizes": SIZES, "chunk": CHUNK, "curve": curve,
            "base_extraction_seconds": extraction_seconds, "build_seconds": before + time.perf_counter() - started}
    (folder / "build.json").write_text(json.dumps(meta, indent=2))
    progress_file.unlink(missing_ok=True)
    return meta


def copy_index(index: Path | None, store_dir: Path) -> None:
    """Copy the statements index beside a checkpoint (a RocksDB checkpoint holds only Oxigraph's own files),
    so that a server on the copy starts with it; an index of another schema is rebuilt on open."""
    import sqlite3

    from diplograph.graph.statement_index import FILE_NAME

    if index is None or not index.exists():
        return
    source, target = sqlite3.connect(index), sqlite3.connect(store_dir / FILE_NAME)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def cached_build(folder: Path) -> dict | None:
    meta_file = folder / "build.json"
    if not meta_file.exists():
        return None
    meta = json.loads(meta_file.read_text())
    if "DIPLOGRAPH_BENCH_CACHE" not in os.environ and meta.get("version") != writer_version():
        return None
    if not all((folder / f"size-{size}").is_dir() for size in SIZES):
        return None
    return meta


# ------------------------------------------------------------------ measuring


def quantiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000,
            "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000}


def working_copy(cached: Path, work: Path) -> Path:
    """A checkpoint of the cached store that a server may write (the cache's store stays as built). An index
    copy of another schema (a cache built by another version) is rebuilt on the copy and kept in the cache,
    so that the rebuild (minutes at 5M) is paid once, not by every run's first lookups."""
    import pyoxigraph

    from diplograph.graph.statement_index import FILE_NAME, SCHEMA_VERSION
    from diplograph.graph.store import open_store

    target = work / "store"
    shutil.rmtree(target, ignore_errors=True)
    source = pyoxigraph.Store.read_only(str(cached))
    source.backup(str(target))
    del source
    # a cache given by DIPLOGRAPH_BENCH_CACHE is shared and never written: its rebuilt index is kept beside the bench
    kept = cached if "DIPLOGRAPH_BENCH_CACHE" not in os.environ else OUT / "scale-index" / f"{cached.name}-{SCHEMA_VERSION}"
    copy_index(kept / FILE_NAME if index_schema(kept / FILE_NAME) == SCHEMA_VERSION else cached / FILE_NAME, target)
    if index_schema(target / FILE_NAME) != SCHEMA_VERSION:
        print(f"   {cached.name}: rebuilding its statements index for this version (kept in {kept})", flush=True)
        open_store(f"oxigraph:{target}").close()  # opening rebuilds a missing or older index
        kept.mkdir(parents=True, exist_ok=True)
        copy_index(target / FILE_NAME, kept)
    return target


def index_schema(index: Path) -> str | None:
    """The schema version of an index file (None when there is none or it cannot be read)."""
    import sqlite3

    if not index.exists():
        return None
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
            found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.Error:
        return None
    return found[0] if found else None


def through_api(store_dir: Path) -> dict:
    """First requests after start and after a write, p50/p95 per route, and the server's memory."""
    import httpx
    import psutil

    env = {**os.environ, "DIPLOGRAPH_API_TOKEN": TOKEN, "DIPLOGRAPH_SPARQL_WORKERS": "2",
           "DIPLOGRAPH_QUERY_TIMEOUT": "120"}
    command = [str(Path(sys.executable).parent / "diplograph"), "serve", "--store", f"oxigraph:{store_dir}",
               "--host", "127.0.0.1", "--port", str(PORT)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result: dict = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=600) as client:
            while True:
                try:
                    client.get("/openapi.json", timeout=2)
                    break
                except httpx.TransportError:
                    if process.poll() is not None:
                        raise RuntimeError("diplograph serve exited") from None
                    time.sleep(0.1)
            result["server start s"] = time.perf_counter() - started

            def once(route: str) -> float:
                path, params = ROUTES[route]
                began = time.perf_counter()
                response = client.get(path, params=params)
                if response.status_code >= 400:
                    raise RuntimeError(f"{route}: {response.status_code} {response.text[:200]}")
                return time.perf_counter() - began

            firsts = ("/statements?topic=ceasefire&order=-date&limit=100", "/sparql (a speaker's 50 newest)",
                      "/paths Russia–Ukraine", "/actors/Russia (profile)", "/health")
            result["first after start s"] = {route: once(route) for route in firsts}
            result["routes ms"] = {}
            for route in ROUTES:
                once(route)
                result["routes ms"][route] = quantiles([once(route) for _ in range(REPS)])
            server = psutil.Process(process.pid)
            result["rss MB"] = {"server": server.memory_info().rss / 2 ** 20,
                                "workers": sum(c.memory_info().rss for c in server.children(recursive=True)) / 2 ** 20}
            began = time.perf_counter()
            response = client.post("/documents", content=NEW_ARTICLE.encode(), params={"name": f"scale-{time.time_ns()}.txt"},
                                   headers={"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"})
            if response.status_code >= 400:
                raise RuntimeError(f"POST /documents: {response.status_code} {response.text[:200]}")
            result["write s"] = time.perf_counter() - began
            result["first after a write s"] = {route: once(route) for route in firsts}
    finally:
        stop_process(process, timeout=60)
    return result


def in_store(store_dir: Path) -> dict:
    """p50/p95 of each lookup as GraphStore calls (no HTTP), and the actor network's build."""
    from diplograph.graph.paths import networks, paths
    from diplograph.graph.store import open_store

    store = open_store(f"oxigraph:{store_dir}")
    lookups = {
        "statements by topic, newest 100": lambda: store.statements(topic=TOPIC, order="-date", limit=100),
        "statements by speaker, 50": lambda: store.statements(speaker=SPEAKER, limit=50),
        "statements by words, 20": lambda: store.statements(text="missiles", limit=20),
        "actor profile, 50 statements": lambda: store.actor(SPEAKER, statements_limit=50),
        "positions of a topic": lambda: store.positions(topic=TOPIC, claimed=False),
        "4-hop path (network cached)": lambda: paths(store, SPEAKER, OTHER, k=3, max_hops=4),
    }
    result: dict = {}
    try:
        store.views.clear()
        began = time.perf_counter()
        networks(store)
        result["actor network build s"] = time.perf_counter() - began
        result["lookups ms"] = {}
        for name, call in lookups.items():
            call()
            samples = []
            for _ in range(max(5, REPS // 2)):
                began = time.perf_counter()
                call()
                samples.append(time.perf_counter() - began)
            result["lookups ms"][name] = quantiles(samples)
    finally:
        store.close()
    return result


# ------------------------------------------------------------------ report


def ingest_rates(curve: list[dict]) -> tuple[float, float, int, int]:
    """Articles/s of the chunk nearest 100k triples and of the last chunk, with their sizes."""
    early = min(curve, key=lambda c: abs(c["triples"] - 100_000))
    return early["rate"], curve[-1]["rate"], early["triples"], curve[-1]["triples"]


def next_chunk(articles_built: int) -> list:
    """The CHUNK articles the build would have written next: new to every size's store, the same for each."""
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # noqa: E402 - bench/corpus.py

    return list(corpus.grow(corpus.real_extractions(), articles_built + CHUNK, start=articles_built))


def timed_ingest(store_dir: Path, chunk: list) -> dict:
    """One chunk written to a copy of a size's store, in wall and CPU seconds of this process: the build's
    own curve is wall time on a machine whose load changes over the hour it takes, so the goal is judged
    on the same chunk written to each size in one run, by CPU time."""
    from diplograph.graph.store import open_store

    store = open_store(f"oxigraph:{store_dir}")
    try:
        wall, cpu, times = time.perf_counter(), time.process_time(), os.times()
        store.add_many(chunk)
        wall, cpu, after = time.perf_counter() - wall, time.process_time() - cpu, os.times()
    finally:
        store.close()
    # user and system time apart: reading a large store's files from disk is system time, not the write's work
    return {"articles": len(chunk), "wall s": wall, "cpu s": cpu, "user s": after.user - times.user,
            "system s": after.system - times.system}


def verdict(value: float, goal: float, *, lower_is_better: bool = True) -> str:
    met = value <= goal if lower_is_better else value >= goal
    if met:
        return "met"
    return f"missed by {value / goal:.2f}×" if lower_is_better else f"missed by {(goal - value) / goal:.0%}"


def render(result: dict) -> str:
    sizes = [str(s) for s in SIZES]
    large = sizes[-1]
    small = "1000000" if "1000000" in sizes[:-1] else sizes[0]  # the growth is from 1M to the largest
    label = {s: f"{int(s) / 1e6:g}M" for s in sizes}
    lines = ["## Large tier (issue 12)", "",
             f"A store grown from the real articles to {', '.join(label[s] for s in sizes)} triples "
             f"(bench/corpus.py; cache: `{result['cache']}`, writer version {result['version']}"
             f"{', built in this run in ' + format(result['build_seconds'], '.0f') + ' s' if result.get('built') else ', cached'}). "
             f"Routes through `diplograph serve` (2 SPARQL workers), {REPS} sequential requests after a warm-up; "
             "lookups as GraphStore calls (the SQLite index's).", "",
             *tables.header("route (HTTP)", *(f"p50 / p95 at {label[s]}" for s in sizes),
                            f"growth p95 {label[small]} → {label[large]}")]
    api = {s: result["sizes"][s]["api"] for s in sizes}
    for route in ROUTES:
        cells = [f"{api[s]['routes ms'][route]['p50']:.0f} / {api[s]['routes ms'][route]['p95']:.0f} ms" for s in sizes]
        growth = api[large]["routes ms"][route]["p95"] / max(api[small]["routes ms"][route]["p95"], 0.01)
        lines.append(tables.row(f"`{route}`", *cells, f"{growth:.1f}×"))
    store = {s: result["sizes"][s]["store"] for s in sizes}
    lines += ["", *tables.header("lookup (in the store)", *(f"p50 / p95 at {label[s]}" for s in sizes),
                                 f"growth p95 {label[small]} → {label[large]}")]
    for name in store[small]["lookups ms"]:
        cells = [f"{store[s]['lookups ms'][name]['p50']:.0f} / {store[s]['lookups ms'][name]['p95']:.0f} ms" for s in sizes]
        growth = store[large]["lookups ms"][name]["p95"] / max(store[small]["lookups ms"][name]["p95"], 0.01)
        lines.append(tables.row(name, *cells, f"{growth:.1f}×"))
    lines.append(tables.row("actor network build (cold)", *(f"{store[s]['actor network build s']:.1f} s" for s in sizes), ""))
    lines += ["", *tables.header("after start / after a write", *(label[s] for s in sizes))]
    for route in api[small]["first after start s"]:
        lines.append(tables.row(f"first `{route}` after start", *(f"{api[s]['first after start s'][route]:.2f} s" for s in sizes)))
    for route in api[small]["first after a write s"]:
        lines.append(tables.row(f"first `{route}` after a write",
                                *(f"{api[s]['first after a write s'][route]:.2f} s" for s in sizes)))
    lines.append(tables.row("the write (POST /documents, one article)", *(f"{api[s]['write s']:.2f} s" for s in sizes)))
    lines.append(tables.row("server RSS + SPARQL workers' RSS",
                            *(f"{api[s]['rss MB']['server']:.0f} + {api[s]['rss MB']['workers']:.0f} MB" for s in sizes)))
    early, late, early_size, late_size = ingest_rates(result["curve"])
    lines += ["", f"The build's own curve (wall time, {CHUNK} pre-extracted articles a chunk, under whatever load the "
              f"machine had then): {early:.1f} articles/s at {early_size:,} triples, {late:.1f} at {late_size:,}."]
    timed = {s: result["sizes"][s].get("ingest") for s in sizes}
    if all(timed.values()):
        lines += ["", *tables.header("the same next chunk written to each size", *(label[s] for s in sizes)),
                  tables.row("CPU seconds (articles/s)",
                             *(f"{timed[s]['cpu s']:.1f} s ({timed[s]['articles'] / timed[s]['cpu s']:.1f})" for s in sizes)),
                  tables.row("wall seconds", *(f"{timed[s]['wall s']:.1f} s" for s in sizes))]
        first_size = min(sizes, key=lambda s: abs(int(s) - 100_000))
        ingest_ratio = timed[first_size]["cpu s"] / timed[large]["cpu s"]  # rate at the largest / rate at ~100k
        ingest_basis = f"CPU rate of the same chunk, {label[large]} against {label[first_size]}"
    else:
        ingest_ratio, ingest_basis = late / early, "the build's wall-clock curve"
    lines.append("")
    statements_routes = [r for r in ROUTES if r.startswith("/statements") or r.startswith("/actors")]
    worst = max(statements_routes, key=lambda r: api[large]["routes ms"][r]["p95"])
    worst_growth = max(api[large]["routes ms"][r]["p95"] / max(api[small]["routes ms"][r]["p95"], 0.01)
                       for r in statements_routes)
    first = max(v for s in (large,) for key in ("first after start s", "first after a write s")
                for v in api[s][key].values())
    health = api[large]["routes ms"]["/health"]["p95"]
    lines += ["| goal (issue 12) | measured | verdict |", "|---|---:|---|",
              f"| p95 ≤ 50 ms at {label[large]}, statements lookups and profile | worst {api[large]['routes ms'][worst]['p95']:.0f} ms (`{worst}`) | {verdict(api[large]['routes ms'][worst]['p95'], LOOKUP_GOAL_MS)} |",
              f"| growth {label[small]} → {label[large]} under 1.5× | worst {worst_growth:.1f}× | {verdict(worst_growth, GROWTH_GOAL)} |",
              f"| first lookup after start or a write ≤ 2 s | slowest {first:.2f} s | {verdict(first, FIRST_GOAL_S)} |",
              f"| /health ≤ 10 ms | p95 {health:.1f} ms | {verdict(health, HEALTH_GOAL_MS)} |",
              f"| ingest rate at {label[large]} within 20 % of the rate at 100k | {ingest_ratio:.0%} of it ({ingest_basis}) | {verdict(ingest_ratio, INGEST_GOAL, lower_is_better=False)} |",
              f"| server memory at {label[large]} (server + workers, RSS) | {api[large]['rss MB']['server'] + api[large]['rss MB']['workers']:.0f} MB | reported |",
              ""]
    return "\n".join(lines)


def main() -> int:
    folder = cache_folder()
    meta = cached_build(folder)
    built = False
    if meta is None:
        if os.environ.get("BENCH_SCALE") != "1":
            print(f"   the large tier is not cached ({folder}); set BENCH_SCALE=1 (make bench SCALE=1) to build it "
                  "(about half an hour at 5M triples)")
            section = OUT / "scale.md"
            if not section.exists():
                section.write_text("## Large tier (issue 12)\n\nNot run: `make bench SCALE=1` builds and measures it.\n")
            return 0
        print(f"   building the stores into {folder}", flush=True)
        meta, built = build(folder), True
    result = {"cache": str(folder), "version": meta["version"], "built": built, "build_seconds": meta["build_seconds"],
              "curve": meta["curve"], "sizes": {}}
    chunk = next_chunk(meta["curve"][-1]["articles"]) if meta["curve"] else []
    for size in SIZES:
        work = Path(tempfile.mkdtemp(prefix="diplograph-scale-"))
        try:
            copy = working_copy(folder / f"size-{size}", work)
            measured: dict = {}
            if ONLY != "ingest":
                print(f"   {size:,} triples: in the store", flush=True)
                measured["store"] = in_store(copy)
                print(f"   {size:,} triples: through the API", flush=True)
                measured["api"] = through_api(copy)
            if chunk:
                print(f"   {size:,} triples: one chunk of {len(chunk)} articles written", flush=True)
                measured["ingest"] = timed_ingest(copy, chunk)
            result["sizes"][str(size)] = measured
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if ONLY == "ingest":
        tables.save("scale-ingest", result["sizes"])
        for size, measured in result["sizes"].items():
            print(f"   {int(size):,} triples: {measured['ingest']['cpu s']:.1f} CPU s for {measured['ingest']['articles']} articles "
                  f"(user {measured['ingest']['user s']:.1f} s, system {measured['ingest']['system s']:.1f} s, "
                  f"wall {measured['ingest']['wall s']:.1f} s)")
        return 0
    tables.save("scale", result, render)
    return 0


if __name__ == "__main__":
    sys.exit(main())
