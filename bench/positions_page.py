"""A topic's positions page at each cached size, read from an index file alone (issue 12).

`/positions?topic=ceasefire` answers `PositionIndex.page(topic=..., limit=50, evidence=3)`: 50 positions
and the newest 3 reports of evidence of each (api/options.py NEWEST_EVIDENCE; `--evidence 20` times the page as
it was before session 8, the oldest 20 then). Its cost is the reports' rows, so the page is timed on an index
file opened read-only (no store, no server): the same call whichever version of diplograph imports it,
so that two checkouts' indexes are timed side by side, each by its own code, in alternating rounds.

    python bench/positions_page.py                    # the page at each size whose index `prepare` kept
    python bench/positions_page.py prepare            # this checkout's index of each size, rebuilt on a copy
    python bench/positions_page.py time INDEX [REPS [EVIDENCE]]  # p50/p95 (ms) of the page on INDEX, as JSON
    python bench/positions_page.py compare LABEL=PYTHON:INDEX[#EVIDENCE] ... [--rounds N --reps N --evidence N]

`prepare` rebuilds the index of each size of SCALE_SIZES for this checkout's schema on a checkpoint copy
of DIPLOGRAPH_BENCH_CACHE (bench/scale.py `working_copy`: the shared cache is never written; the index is
kept in bench/out/scale-index) and prints where it is. `compare` runs `time` under each checkout's
Python in turn, ROUNDS times, and prints each label's p50/p95 over all rounds (the load is shared alike;
give both sizes' indexes in one run to measure the growth side by side), and whether the labels on one
size's indexes (the same total) gave the same page.
Without arguments (as `make bench` runs it) it times the page on the kept index of each size and writes
bench/out/positions_page.md, or says it is skipped when `prepare` has not been run for this schema.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOPIC = "ceasefire"
LIMIT, EVIDENCE = 50, 3  # the API's page: 50 positions, the newest 3 reports of each (api/options.py)


def time_page(index_file: Path, reps: int, evidence: int = EVIDENCE) -> dict:
    """Open `index_file` read-only, time the page once (the first after open), then `reps` times."""
    from diplograph.graph.position_index import PositionIndex
    from diplograph.graph.statement_index import StatementIndex
    from diplograph.graph.statements import topic_iri

    positions = PositionIndex(StatementIndex(index_file, read_only=True))
    topic = str(topic_iri(TOPIC))
    first = time.perf_counter()
    page = positions.page(topic=topic, limit=LIMIT, evidence=evidence)
    cold = time.perf_counter() - first
    samples = []
    for _ in range(reps):
        began = time.perf_counter()
        positions.page(topic=topic, limit=LIMIT, evidence=evidence)
        samples.append(time.perf_counter() - began)
    return {"samples": samples, "first": cold, "total": page.total, "rows": len(page.rows),
            "reports": sum(len(p.evidence) for p in page.rows),
            "answer": [p.to_json() for p in page.rows]}


def quantiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"p50": statistics.median(ordered) * 1000,
            "p95": ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] * 1000}


def prepare() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import scale  # bench/scale.py

    folder = scale.cache_folder()
    from diplograph.graph.statement_index import FILE_NAME

    for size in scale.SIZES:
        work = Path(tempfile.mkdtemp(prefix="diplograph-positions-"))
        try:
            began = time.perf_counter()
            copy = scale.working_copy(folder / f"size-{size}", work)
            print(f"{size}: index ready in {time.perf_counter() - began:.0f} s "
                  f"({scale.index_schema(copy / FILE_NAME)})", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def compare(specs: list[str], rounds: int, reps: int, evidence: int = EVIDENCE) -> dict:
    """Each LABEL=PYTHON:INDEX[#EVIDENCE] timed by its own Python, in turn, `rounds` times (#EVIDENCE: that label's
    reports per position, e.g. an older checkout's page as it was; else `evidence`)."""
    runs = []
    for label, rest in (s.split("=", 1) for s in specs):
        python, index = rest.split(":", 1)
        index, _, own = index.partition("#")
        runs.append((label, python, index, int(own) if own else evidence))
    samples: dict[str, list[float]] = {label: [] for label, *_ in runs}
    answers: dict[str, object] = {}
    facts: dict[str, dict] = {}
    first: dict[str, list[float]] = {label: [] for label, *_ in runs}
    for _ in range(rounds):
        for label, python, index, wanted in runs:
            out = subprocess.run([python, __file__, "time", index, str(reps), str(wanted)], check=True, capture_output=True,
                                 text=True).stdout
            found = json.loads(out)
            samples[label] += found["samples"]
            answers[label] = found["answer"]
            facts[label] = {k: found[k] for k in ("total", "rows", "reports")}
            first[label].append(found["first"])
    by_total: dict[tuple[int, int], set[str]] = {}
    for label, _, _, wanted in runs:  # the labels on one size's indexes and evidence must give one answer
        by_total.setdefault((facts[label]["total"], wanted), set()).add(json.dumps(answers[label], sort_keys=True))
    same = all(len(found) == 1 for found in by_total.values())
    return {label: {**quantiles(samples[label]), **facts[label], "n": len(samples[label]),
                    "first after open, median ms": statistics.median(first[label]) * 1000} for label in samples} | {
        "same answer": same}


def kept_indexes() -> dict[int, Path]:
    """This checkout's prepared index of each size of SCALE_SIZES that has one (bench/scale.py's kept copies)."""
    from diplograph.graph.statement_index import FILE_NAME, SCHEMA_VERSION

    sizes = sorted(int(s) for s in os.environ.get("SCALE_SIZES", "1000000,5000000").split(","))
    kept = Path(__file__).resolve().parent / "out" / "scale-index"
    return {n: kept / f"size-{n}-{SCHEMA_VERSION}" / FILE_NAME for n in sizes
            if (kept / f"size-{n}-{SCHEMA_VERSION}" / FILE_NAME).exists()}


def render(result: dict) -> str:
    lines = ["## A topic's positions page at each size (bench/positions_page.py)", "",
             f"`PositionIndex.page(topic={TOPIC}, limit={LIMIT}, evidence={EVIDENCE})` on each size's index file.", "",
             "| triples | positions on the topic | reports on the page | p50 / p95 |", "|---:|---:|---:|---:|"]
    lines += [f"| {int(n):,} | {r['total']:,} | {r['reports']} | {r['p50']:.1f} / {r['p95']:.1f} ms |"
              for n, r in result.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if not argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import tables  # bench/tables.py

        indexes = kept_indexes()
        if not indexes:
            print("   no prepared index for this schema: run `python bench/positions_page.py prepare` first; skipped")
            return 0
        result = {}
        for n, index in indexes.items():
            found = time_page(index, int(os.environ.get("SCALE_REPS", "50")))
            result[str(n)] = {**quantiles(found["samples"]), **{k: found[k] for k in ("total", "rows", "reports")}}
        tables.save("positions_page", result, render)
    elif argv[:1] == ["prepare"]:
        prepare()
    elif argv[:1] == ["time"]:
        print(json.dumps(time_page(Path(argv[1]), int(argv[2]) if len(argv) > 2 else 50,
                                   int(argv[3]) if len(argv) > 3 else EVIDENCE)))
    elif argv[:1] == ["compare"]:
        rest = argv[1:]
        rounds = int(rest[rest.index("--rounds") + 1]) if "--rounds" in rest else 4
        reps = int(rest[rest.index("--reps") + 1]) if "--reps" in rest else 50
        evidence = int(rest[rest.index("--evidence") + 1]) if "--evidence" in rest else EVIDENCE
        specs = [a for a in rest if "=" in a]
        print(json.dumps(compare(specs, rounds, reps, evidence), indent=1))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
