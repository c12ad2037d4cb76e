"""Load test of the HTTP API: 50 concurrent clients for 60 s against the lookups and /sparql, on a graph
of at least 100k triples; reports throughput, errors, p50 and p99 per endpoint. Goal: p99 < 100 ms
for /statements, zero errors. Writes bench/out/load_api.md and bench/out/load_api.json.

The graph is built offline from the seed articles: each is extracted once by the real extractor, then
re-issued as dated editions whose statements' stances and topics are varied deterministically (a
seeded random generator), so filters have different selectivities; no network, same graph every run.
The server is `uvicorn --factory diplograph.api.app:create_app` in its own process over an Oxigraph
store, as `diplograph serve` runs it; the driver is an httpx asyncio client in this process. Each
client waits 1-2 s between requests (a think time, as locust users do) and the clients arrive spread
over the first 2 s; set LOAD_THINK=0 for a closed loop that starts at once and measures saturation.

Environment: LOAD_CLIENTS (50), LOAD_SECONDS (60), LOAD_TRIPLES (100000), LOAD_THINK (1 = on).
"""
from __future__ import annotations

import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import httpx
from processes import stop_process  # bench/ is on sys.path: the script's own folder
import tables  # bench/tables.py: table rows and result files

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
TARGET_TRIPLES = int(os.environ.get("LOAD_TRIPLES", "100000"))
THINK = os.environ.get("LOAD_THINK", "1") != "0"
STANCES = ("requests", "supports", "opposes", "rejects", "warns", "neutral")


# ------------------------------------------------------------------ the graph


def editions(extractions: list, count: int, topic_keys: list[str]) -> list:
    """`count` dated editions of the seed extractions, stances and topics varied by a seeded generator."""
    rng = random.Random(20251017)
    start = date(2025, 1, 1)
    out = []
    for number in range(count):
        source = extractions[number % len(extractions)]
        published = (start + timedelta(days=number % 330)).isoformat()
        document = source.document
        name = f"edition-{number:04d}-{document.name}"
        suffix = f"\n(Edition {number} of {published}.)"
        edition = replace(document, name=name, text=document.text + suffix, clean=document.clean + suffix, published=published)
        statements = tuple(
            replace(
                statement,
                doc=name,
                stance=rng.choice(STANCES),
                topics=tuple(sorted({*statement.topics[:1], rng.choice(topic_keys)})),
                claims=(),
            )
            for statement in source.statements
        )
        events = tuple(replace(event, doc=name) for event in source.events)
        triples = tuple(replace(triple, doc=name) for triple in source.triples)
        out.append(replace(source, document=edition, statements=statements, events=events, triples=triples))
    return out


def build_store(location: Path) -> dict:
    """Extract the seeds, write editions until the store holds TARGET_TRIPLES; returns the build figures."""
    from diplograph.extract.document import Document, iter_documents
    from diplograph.extract.pipeline import Extractor
    from diplograph.graph.store import open_store
    from diplograph.ontology.lexicon import load_topics

    started = time.perf_counter()
    extractor = Extractor()
    seeds = [d for d in iter_documents([ROOT / "seeds"]) if isinstance(d, Document)]
    extractions = [extractor.extract(d) for d in seeds]
    topic_keys = sorted(load_topics())
    store = open_store(f"oxigraph:{location}")
    try:
        written = 0
        batch = 40
        while store.counts().triples < TARGET_TRIPLES:
            store.add_many(editions(extractions, written + batch, topic_keys)[written:])
            written += batch
        counts = store.counts()
    finally:
        store.close()
    return {"seconds": time.perf_counter() - started, "documents": counts.documents, "statements": counts.statements,
            "triples": counts.triples}


# ------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(store: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DIPLOGRAPH_STORE": f"oxigraph:{store}", "DIPLOGRAPH_SPARQL_WORKERS": "2",
           "DIPLOGRAPH_MAX_CONCURRENCY": "256"}
    env.pop("DIPLOGRAPH_API_TOKEN", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "diplograph.api.app:create_app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the API server exited with {server.returncode}")
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the API server did not start within 60 s")


# ------------------------------------------------------------------ the load


SPARQL = {
    "count by stance": "SELECT ?stance (COUNT(?s) AS ?n) WHERE { ?s a dg:Statement ; dg:stance ?stance } GROUP BY ?stance",
    "quotes of a speaker": "SELECT ?quote ?doc WHERE { ?s dg:speaker actor:volodymyr_zelensky ; dg:quote ?quote ; dg:inDocument ?doc } LIMIT 20",
    "ask": "ASK { ?s dg:about topic:tomahawk ; dg:stance stance:requests }",
    "construct": "CONSTRUCT { ?s dg:quote ?q } WHERE { ?s dg:about topic:ceasefire ; dg:quote ?q } LIMIT 50",
}
QUESTIONS = ("who said what about Tomahawks", "what did Trump say about the ceasefire", "who opposes sanctions",
             "Zelensky's position on territory")


def request_for(rng: random.Random, speakers: list[str], topics: list[str]) -> tuple[str, str, dict, dict]:
    """(endpoint label, path, params, headers) of one request of the mix."""
    roll = rng.random()
    if roll < 0.5:
        params: dict = {"limit": rng.choice((20, 50))}
        for name, chance, value in (
            ("speaker", 0.4, lambda: rng.choice(speakers)),
            ("topic", 0.4, lambda: rng.choice(topics)),
            ("stance", 0.3, lambda: rng.choice(STANCES)),
            ("date_from", 0.2, lambda: f"2025-{rng.randint(1, 6):02d}-01"),
            ("offset", 0.2, lambda: rng.choice((20, 40, 100))),
        ):
            if rng.random() < chance:
                params[name] = value()
        return "/statements", "/statements", params, {}
    if roll < 0.7:
        name = rng.choice(sorted(SPARQL))
        accept = rng.choice(("application/sparql-results+json", "text/csv")) if name != "construct" else "text/turtle"
        if name == "ask":
            accept = "application/sparql-results+json"
        return "/sparql", "/sparql", {"query": SPARQL[name]}, {"accept": accept}
    if roll < 0.8:
        return "/ask", "/ask", {"q": rng.choice(QUESTIONS), "limit": 20}, {}
    if roll < 0.85:
        return "/actors", "/actors", {"limit": 20}, {}
    if roll < 0.9:
        return "/topics", "/topics", {}, {}
    return "/positions", "/positions", {"topic": rng.choice(topics)}, {}


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    slow: list[tuple[float, float, str]] = field(default_factory=list)  # (seconds into the run, latency, request)


async def client_loop(number: int, base: str, deadline: float, tally: Tally, speakers: list[str], topics: list[str],
                      http: httpx.AsyncClient) -> None:
    rng = random.Random(number)
    if THINK:
        await asyncio.sleep(rng.uniform(0, 2.0))  # clients arrive spread over the first think time, not all at once
    while time.perf_counter() < deadline:
        label, path, params, headers = request_for(rng, speakers, topics)
        started = time.perf_counter()
        try:
            response = await http.get(base + path, params=params, headers=headers)
            ok = response.status_code == 200
            detail = f"{response.status_code} {response.text[:120]}"
        except httpx.HTTPError as error:
            ok, detail = False, repr(error)
        elapsed = time.perf_counter() - started
        tally.latencies.setdefault(label, []).append(elapsed)
        if elapsed > 0.1:
            tally.slow.append((started - deadline + SECONDS, elapsed, f"{label} {params}"))
        if not ok:
            tally.errors[label] = tally.errors.get(label, 0) + 1
            if len(tally.examples) < 5:
                tally.examples.append(f"{label} {params}: {detail}")
        if THINK:
            await asyncio.sleep(rng.uniform(1.0, 2.0))


async def drive(base: str) -> tuple[Tally, float]:
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=CLIENTS)) as http:
        speakers = [row["name"] for row in (await http.get(base + "/actors", params={"limit": 15})).json()]
        topics = [row["key"] for row in (await http.get(base + "/topics")).json() if row["statements"] > 0]
        for label, path, params, headers in [request_for(random.Random(i), speakers, topics) for i in range(20)]:
            await http.get(base + path, params=params, headers=headers)  # warm up: workers loaded, caches filled
        tally = Tally()
        started = time.perf_counter()
        deadline = started + SECONDS
        await asyncio.gather(*(client_loop(n, base, deadline, tally, speakers, topics, http) for n in range(CLIENTS)))
        return tally, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(build: dict, tally: Tally, elapsed: float) -> dict:
    rows = []
    total = sum(len(v) for v in tally.latencies.values())
    for label in sorted(tally.latencies):
        values = tally.latencies[label]
        rows.append({"endpoint": label, "requests": len(values), "errors": tally.errors.get(label, 0),
                     "p50_ms": 1000 * statistics.median(values), "p99_ms": 1000 * percentile(values, 0.99),
                     "max_ms": 1000 * max(values)})
    statements = next((r for r in rows if r["endpoint"] == "/statements"), None)
    return {"clients": CLIENTS, "seconds": elapsed, "think_time": "1-2 s" if THINK else "none", "graph": build,
            "requests": total, "throughput_rps": total / elapsed, "errors": sum(tally.errors.values()),
            "error_examples": tally.examples, "endpoints": rows, "slowest": tally.slow,
            "goal_statements_p99_under_100ms": bool(statements and statements["p99_ms"] < 100)}


def markdown(result: dict) -> str:
    graph = result["graph"]
    lines = [
        "## API under load (bench/load_api.py)", "",
        f"{result['clients']} concurrent clients for {result['seconds']:.0f} s (think time {result['think_time']}) against "
        f"`uvicorn` serving an Oxigraph store of {graph['triples']:,} triples ({graph['documents']} articles, "
        f"{graph['statements']:,} statements; built from the seeds in {graph['seconds']:.0f} s, no network). "
        f"Mix: /statements 50 % (random filters and paging), /sparql 20 % (SELECT, ASK, CONSTRUCT; JSON, CSV, Turtle), "
        f"/ask 10 %, /actors, /topics, /positions 20 %.", "",
        f"**{result['requests']:,} requests, {result['throughput_rps']:.0f} req/s, {result['errors']} errors.** "
        f"Goal p99 < 100 ms for /statements: {'met' if result['goal_statements_p99_under_100ms'] else 'NOT met'}.", "",
        "| endpoint | requests | errors | p50 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['endpoint']} | {r['requests']} | {r['errors']} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} |"
              for r in result["endpoints"]]
    slow = sorted(result["slowest"], key=lambda item: -item[1])[:5]
    if slow:
        lines += ["", "Slowest requests (seconds into the run, ms, request):",
                  *[f"- {at:.1f} s, {1000 * latency:.0f} ms: `{request}`" for at, latency, request in slow]]
    if result["error_examples"]:
        lines += ["", "First errors:", *[f"- `{e}`" for e in result["error_examples"]]]
    return "\n".join(lines) + "\n"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="diplograph-load-") as tmp:
        location = Path(tmp) / "store"
        print(f"building a graph of >= {TARGET_TRIPLES:,} triples ...", flush=True)
        build = build_store(location)
        print(f"  {build['triples']:,} triples, {build['documents']} articles in {build['seconds']:.0f} s", flush=True)
        port = free_port()
        server = start_server(location, port)
        try:
            print(f"driving {CLIENTS} clients for {SECONDS:.0f} s ...", flush=True)
            tally, elapsed = asyncio.run(drive(f"http://127.0.0.1:{port}"))
        finally:
            stop_process(server)
    result = report(build, tally, elapsed)
    tables.save("load_api", result, markdown)
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
