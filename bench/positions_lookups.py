"""Positions, profile and name lookups before and after the positions index, side by side (issue 12).

For each cached store of bench/scale.py (DIPLOGRAPH_BENCH_CACHE/size-N), on a working copy: the index
rebuild on open, then p50/p95 of each lookup as GraphStore calls, the SPARQL path (what the API did
before: every match read, then cut) against the index path (graph/position_index.py), in one process.

Environment: DIPLOGRAPH_BENCH_CACHE (folder of size-N stores, as bench/scale.py builds them),
SCALE_REPS (20). Prints a Markdown table; writes bench/out/positions_lookups.json.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tables  # bench/ is on sys.path: the script's own folder (bench/tables.py)

from rdflib import URIRef

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
REPS = int(os.environ.get("SCALE_REPS", "20"))
TOPIC, SPEAKER, PAGE, EVIDENCE = "ceasefire", "Russia", 50, 20


def timed(call: Callable[[], Any]) -> dict[str, float]:
    call()
    samples = []
    for _ in range(REPS):
        began = time.perf_counter()
        call()
        samples.append(time.perf_counter() - began)
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000,
            "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000}


def measure(store_dir: Path) -> dict[str, Any]:
    from diplograph.graph import lookups, queries
    from diplograph.graph.position_index import PositionIndex
    from diplograph.graph.statements import topic_iri
    from diplograph.graph.store import open_store

    began = time.perf_counter()
    store = open_store(f"oxigraph:{store_dir}")  # the copy has no index file: rebuilt on open
    rebuild = time.perf_counter() - began
    try:
        family = store._topic_family(topic_iri(TOPIC))
        russia = [URIRef(r[0]) for r in store._select(queries.actors_named_query(SPEAKER))][0]

        def sparql_topic_page() -> list[Any]:
            rows = lookups.positions(store._select, topics=family)
            return [r.evidence[:EVIDENCE] for r in rows[:PAGE]]

        def sparql_profile() -> Any:
            iri = URIRef(store._select(queries.actors_named_query(SPEAKER))[0][0])
            row = lookups.actors(store._select, ids=[iri])[0]
            lookups.roles_and_merges(store._select, iri)
            held = sorted(lookups.positions(store._select, holders=[iri]), key=lambda p: (-p.count, p.topic))
            return row, held[:PAGE], store.statements(speaker=str(iri), limit=PAGE, order="-date")

        index = PositionIndex(store.index)
        lookups_ms = {
            "positions of a topic, page of 50 (SPARQL: all read, then cut)": timed(sparql_topic_page),
            "positions of a topic, page of 50 (index)": timed(
                lambda: store.position_page(topic=TOPIC, limit=PAGE, evidence=EVIDENCE)),
            "actor profile (SPARQL positions and actor row)": timed(sparql_profile),
            "actor profile (index)": timed(lambda: store.actor(SPEAKER, statements_limit=PAGE, positions_limit=PAGE,
                                                                evidence_limit=EVIDENCE)),
            "name -> actor IRI (SPARQL)": timed(lambda: store._select(queries.actors_named_query(SPEAKER))),
            "name -> actor IRI (index)": timed(lambda: index.actors_named(SPEAKER)),
        }
        page = store.position_page(topic=TOPIC, limit=PAGE, evidence=EVIDENCE)
        profile = store.actor(SPEAKER, statements_limit=PAGE, positions_limit=PAGE, evidence_limit=EVIDENCE)
        return {"triples": store.counts().triples, "statements": store.counts().statements,
                "index rebuild on open s": rebuild, "topic positions": page.total,
                "Russia positions": profile.positions_total if profile else 0, "russia": str(russia),
                "lookups ms": lookups_ms}
    finally:
        store.close()


def main() -> int:
    import pyoxigraph

    cache = Path(os.environ.get("DIPLOGRAPH_BENCH_CACHE", str(OUT / "scale-cache"))).expanduser()
    sizes = sorted((p for p in cache.glob("size-*") if p.is_dir()), key=lambda p: int(p.name.split("-")[1]))
    result: dict[str, Any] = {}
    for cached in sizes:
        work = Path(tempfile.mkdtemp(prefix="diplograph-positions-"))
        try:
            source = pyoxigraph.Store.read_only(str(cached))
            source.backup(str(work / "store"))
            del source
            result[cached.name] = measure(work / "store")
            print(cached.name, json.dumps(result[cached.name], indent=1), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "positions_lookups.json").write_text(json.dumps(result, indent=2))
    names = list(next(iter(result.values()))["lookups ms"]) if result else []
    print("\n".join(tables.header("lookup", *(f"p50 / p95 ms at {r['triples']:,} triples" for r in result.values()))))
    for name in names:
        cells = [f"{r['lookups ms'][name]['p50']:.1f} / {r['lookups ms'][name]['p95']:.1f}" for r in result.values()]
        print(tables.row(name, *cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
