"""The statements index against the SPARQL lookup it replaces, side by side on one store.

Builds (once, cached under bench/out/index-store-N) an Oxigraph store of about N triples from the
benchmark corpus (bench/corpus.py), then measures, in this process:
- each statements lookup answered by the index and by SPARQL (graph/statements.py find_statements),
  p50/p95 over repeated calls;
- the API routes (in-process, FastAPI's TestClient: no network in the figures) p50/p95, and the first
  /statements after the store is opened;
- the index's rebuild time and size on disk, and SQLite's query plans of the common pages.

`python bench/index.py [TRIPLES] [--routes STORE]`; with --routes only the route timings of an existing
store are printed as JSON (used to time another checkout's code on a copy of the same store).
Writes bench/out/index.json and the "Statements index" section of bench/REPORT.md.
"""
from __future__ import annotations

import json
import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
REPORT = ROOT / "bench" / "REPORT.md"
REPS = 40


def timed(call: Callable[[], object], reps: int = REPS) -> dict[str, float]:
    """p50 and p95 in milliseconds of `reps` calls after two warm-up calls."""
    call()
    call()
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, int(0.95 * len(times)))]}


def build(target: int) -> Path:
    """An Oxigraph store of about `target` triples (cached: built once per size)."""
    location = OUT / f"index-store-{target}"
    if (location / "done").exists():
        return location
    shutil.rmtree(location, ignore_errors=True)
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import grow, real_extractions

    from diplograph.graph.store import open_store

    documents = grow(real_extractions(), 10**7)
    with open_store(f"oxigraph:{location}") as store:
        while (triples := store.counted().triples) < target:
            store.add_many(next(documents) for _ in range(max(5, min(200, (target - triples) // 450 + 1))))
    (location / "done").write_text("ok")
    return location


def routes(location: Path, speaker: str) -> dict[str, dict[str, float]]:
    """The API routes, in process, over the store at `location` (whatever diplograph is importable)."""
    from urllib.parse import quote

    from fastapi.testclient import TestClient

    from diplograph.api.app import create_app
    from diplograph.api.settings import Settings
    from diplograph.graph.store import open_store

    began = time.perf_counter()
    store = open_store(f"oxigraph:{location}")
    with TestClient(create_app(store=store, settings=Settings(store=store.uri, sparql_workers=1))) as client:
        first = client.get("/statements", params={"topic": "ceasefire", "order": "-date", "limit": 100})
        assert first.status_code == 200, first.text
        found = {"first /statements after open (s)": {"p50": time.perf_counter() - began, "p95": 0.0}}
        paths = {
            "/statements?topic=ceasefire&order=-date&limit=100": "/statements?topic=ceasefire&order=-date&limit=100",
            f"/statements?speaker=SPEAKER&limit=50": f"/statements?speaker={quote(speaker)}&limit=50",
            "/statements?speaker=SPEAKER&order=-date&limit=50": f"/statements?speaker={quote(speaker)}&order=-date&limit=50",
            "/statements?text=missiles&limit=20": "/statements?text=missiles&limit=20",
            "/actors/SPEAKER (profile)": f"/actors/{quote(speaker)}",
            "/health": "/health",
        }
        for name, path in paths.items():
            assert client.get(path).status_code == 200, path
            found[name] = timed(lambda path=path: client.get(path))
    store.close()
    return found


def lookups(location: Path, speaker: str) -> dict[str, dict[str, dict[str, float]]]:
    """Each lookup by the index (GraphStore.statements) and by SPARQL (find_statements)."""
    from diplograph.graph.statements import find_statements
    from diplograph.graph.store import open_store

    cases = {
        "topic ceasefire, -date, 100": dict(topic="ceasefire", order="-date", limit=100),
        "speaker, -date, 50": dict(speaker=speaker, order="-date", limit=50),
        "speaker, doc order, 50": dict(speaker=speaker, limit=50),
        "text missiles, 20": dict(text="missiles", limit=20),
        "stance opposes + date range, 50": dict(stance="opposes", date_from="2025-03-01", date_to="2025-06-30",
                                                limit=50, order="-date"),
    }
    found = {}
    with open_store(f"oxigraph:{location}") as store:
        for name, filters in cases.items():
            assert [r.iri for r in store.statements(**filters)] == [r.iri for r in find_statements(store, **filters)]
            found[name] = {"index": timed(lambda f=filters: store.statements(**f)),
                           "sparql": timed(lambda f=filters: find_statements(store, **f), reps=10)}
        found["counts (/health)"] = {"index": timed(store.counts), "sparql": timed(store.counted, reps=5)}
    return found


def facts(location: Path) -> dict[str, object]:
    from diplograph.graph import index_sync
    from diplograph.graph.store import open_store

    with open_store(f"oxigraph:{location}") as store:
        counts = store.counts()
        started = time.perf_counter()
        index_sync.rebuild(store)
        rebuild = time.perf_counter() - started
        index = store.index
        assert index is not None
        plans = {}
        for name, filters in {"topic + -date": dict(topic="https://w3id.org/diplograph/topic/ceasefire", order="-date"),
                              "speaker + -date": dict(speakers=[store.actors(limit=1, mentioned_only=True)[0].id],
                                                      order="-date"),
                              "text + limit": dict(text="missiles")}.items():
            sql, params = index.page_sql(**filters)
            plans[name] = " | ".join(index.explain(sql + " LIMIT 50", params))
        store_bytes = sum(p.stat().st_size for p in location.iterdir() if p.is_file()
                          and not p.name.startswith("diplograph-index"))
        return {"counts": counts.to_json(), "rebuild_s": rebuild, "index_mb": index.size_on_disk() / 1e6,
                "store_mb": store_bytes / 1e6, "plans": plans}


def render(result: dict) -> str:
    c = result["facts"]["counts"]
    lines = [
        "## Statements index (bench/index.py)", "",
        f"One Oxigraph store of {c['triples']:,} triples ({c['documents']:,} articles, {c['statements']:,} "
        f"statements), on the shared 2-core machine (loaded by other work: figures are noisy). Index: "
        f"{result['facts']['index_mb']:.1f} MB on disk beside {result['facts']['store_mb']:.1f} MB of Oxigraph "
        f"files; rebuilt from the store in {result['facts']['rebuild_s']:.1f} s.", "",
        "| lookup | index p50 | index p95 | SPARQL p50 | SPARQL p95 |", "|---|---:|---:|---:|---:|",
    ]
    for name, row in result["lookups"].items():
        lines.append(f"| {name} | {row['index']['p50']:.1f} ms | {row['index']['p95']:.1f} ms | "
                     f"{row['sparql']['p50']:.1f} ms | {row['sparql']['p95']:.1f} ms |")
    lines += ["", "Through the API (in process, TestClient), this branch"
              + (" and the code before it (in-memory Python index, SPARQL counts) on a copy of the same store:"
                 if result.get("before") else ":"), "",
              "| route | p50 | p95 |" + (" before p50 | before p95 |" if result.get("before") else ""),
              "|---|---:|---:|" + ("---:|---:|" if result.get("before") else "")]
    for name, row in result["routes"].items():
        unit = " s" if name.endswith("(s)") else " ms"
        line = f"| {name} | {row['p50']:.2f}{unit} | {row['p95']:.2f}{unit} |"
        before = (result.get("before") or {}).get(name)
        if before:
            line += f" {before['p50']:.2f}{unit} | {before['p95']:.2f}{unit} |"
        elif result.get("before"):
            line += " | |"
        lines.append(line)
    lines += ["", "SQLite's plans of the common pages (no sort of all matches: the page is read in index order):", ""]
    lines += [f"- {name}: `{plan}`" for name, plan in result["facts"]["plans"].items()]
    return "\n".join(lines) + "\n"


def write_report(section: str) -> None:
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Benchmarks\n"
    text = re.sub(r"## Statements index \(bench/index\.py\)\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n"
    REPORT.write_text(text + section, encoding="utf-8")


def main(argv: list[str]) -> int:
    if "--routes" in argv:
        location, speaker = Path(argv[argv.index("--routes") + 1]), argv[argv.index("--routes") + 2]
        print(json.dumps(routes(location, speaker)))
        return 0
    target = int(argv[0]) if argv and argv[0].isdigit() else 200_000
    OUT.mkdir(parents=True, exist_ok=True)
    location = build(target)
    from diplograph.graph.store import open_store

    with open_store(f"oxigraph:{location}") as store:
        speaker = store.actors(limit=1, mentioned_only=True)[0].name
    result = {"speaker": speaker, "facts": facts(location), "lookups": lookups(location, speaker),
              "routes": routes(location, speaker)}
    before = next((a for a in argv if a.startswith("--before=")), None)
    if before:  # another checkout's python: its code, on a copy of the store (its format of the index aside)
        copy = OUT / f"index-store-{target}-before"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(location, copy, ignore=shutil.ignore_patterns("diplograph-index*"))
        import subprocess

        answer = subprocess.run([before.split("=", 1)[1], __file__, "--routes", str(copy), speaker],
                                capture_output=True, text=True, check=True, cwd="/tmp")
        result["before"] = json.loads(answer.stdout.strip().splitlines()[-1])
        shutil.rmtree(copy, ignore_errors=True)
    (OUT / "index.json").write_text(json.dumps(result, indent=2))
    section = render(result)
    write_report(section)
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
