"""Extraction on a Dask LocalCluster against one process and `--workers`: words/s, 1 and 2 workers.

The real articles (seeds/ and tests/data/articles) repeated DASK_COPIES times go through the one
entry point `extract_all` as `diplograph ingest` calls it: in this process, with `workers=2` (a
process pool, extract/parallel.py), and with `executor=dask://...` on a distributed.LocalCluster of 1
and of 2 worker processes (one thread each: spaCy holds the GIL). A cluster is started and warmed up
(each worker loads the spaCy model on its first batch) before it is timed; its start and warm-up are
reported apart. The configurations are interleaved in each of DASK_ROUNDS rounds, so the machine's
load falls on all alike; the median round is reported, with the CPU seconds the run used in all
processes (this one, its pool workers, the Dask workers) and the load average. Every configuration
must give the same extractions as one process. Writes bench/out/dask_extraction.md and .json.

Environment: DASK_COPIES (4), DASK_ROUNDS (3).
"""
from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import tables  # bench/ is on sys.path: the script's own folder (bench/tables.py)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
COPIES = int(os.environ.get("DASK_COPIES", "4"))
ROUNDS = int(os.environ.get("DASK_ROUNDS", "3"))


def cpu_seconds() -> float:
    """CPU seconds used so far by this process, its finished children and its live descendants."""
    import psutil

    mine = os.times()
    total = mine.user + mine.system + mine.children_user + mine.children_system
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def fingerprint(extractions: list) -> list[tuple]:
    """What must be equal whatever the executor: each document's statements, in order."""
    return [(e.document.name, tuple((s.speaker, s.text, s.kind) for s in e.statements)) for e in extractions]


def main() -> int:
    from distributed import LocalCluster

    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import real_documents  # bench/corpus.py

    from diplograph.extract.nlp import model_name
    from diplograph.extract.parallel import extract_all

    model = model_name()
    corpus = real_documents() * COPIES
    words = sum(len(d.text.split()) for d in corpus)
    load = [os.getloadavg()[0]]
    reference = fingerprint(list(extract_all(corpus[:len(corpus) // COPIES], model=model)))  # loads the model here
    clusters, setup = {}, {}
    try:
        for workers in (1, 2):
            began = time.perf_counter()
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   host="127.0.0.1", silence_logs=logging.ERROR)
            started = time.perf_counter() - began
            address = "dask://" + cluster.scheduler_address.split("://", 1)[1]
            began = time.perf_counter()
            warm = fingerprint(list(extract_all(corpus[:len(corpus) // COPIES], model=model, executor=address)))
            setup[f"Dask LocalCluster, {workers} worker{'s' if workers > 1 else ''}"] = {
                "start s": started, "warm-up s": time.perf_counter() - began, "same": warm == reference}
            clusters[workers] = (cluster, address)
        runs: dict[str, Callable[[], list]] = {
            "one process": lambda: list(extract_all(corpus, model=model)),
            "--workers 2 (process pool)": lambda: list(extract_all(corpus, model=model, workers=2)),
            "Dask LocalCluster, 1 worker": lambda: list(extract_all(corpus, model=model, executor=clusters[1][1])),
            "Dask LocalCluster, 2 workers": lambda: list(extract_all(corpus, model=model, executor=clusters[2][1])),
        }
        seconds: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        same: dict[str, bool] = {}
        expected = reference * COPIES
        for round_number in range(ROUNDS):
            for name, run in runs.items():
                cpu_before, began = cpu_seconds(), time.perf_counter()
                found = run()
                seconds[name].append(time.perf_counter() - began)
                cpu[name].append(cpu_seconds() - cpu_before)
                same[name] = same.get(name, True) and fingerprint(found) == expected
            print(f"   round {round_number + 1}: " + ", ".join(f"{n} {s[-1]:.1f} s" for n, s in seconds.items()), flush=True)
    finally:
        for cluster, _ in clusters.values():
            cluster.close()
    load.append(os.getloadavg()[0])
    median = {name: statistics.median(values) for name, values in seconds.items()}
    result = {"model": model, "words": words, "documents": len(corpus), "rounds": ROUNDS, "seconds": median,
              "cpu seconds": {name: statistics.median(values) for name, values in cpu.items()},
              "words per second": {name: words / s for name, s in median.items()}, "same": same,
              "setup": setup, "load": load, "cores": os.cpu_count()}
    tables.save("dask_extraction", result, render)
    return 0 if all(same.values()) else 1


def render(result: dict) -> str:
    base = result["seconds"]["one process"]
    lines = ["## Extraction on a Dask LocalCluster", "",
             f"{result['documents']} articles ({result['words']:,} words: the real articles, {COPIES} copies), model "
             f"`{result['model']}`, median of {result['rounds']} interleaved rounds through `extract_all` (what "
             f"`diplograph ingest --workers` and `--executor dask://` call). Load average {result['load'][0]:.1f} → "
             f"{result['load'][1]:.1f} on {result['cores']} shared cores.", "",
             "| executor | seconds | words/s | speed-up over one process | CPU seconds (all processes) "
             "| cores it got (CPU s ÷ s) | same extractions |",
             "|---|---:|---:|---:|---:|---:|---|"]
    for name, seconds in result["seconds"].items():
        lines.append(f"| {name} | {seconds:.1f} | {result['words per second'][name]:,.0f} | {base / seconds:.2f}× | "
                     f"{result['cpu seconds'][name]:.1f} | {result['cpu seconds'][name] / seconds:.2f} | "
                     f"{'yes' if result['same'][name] else 'NO'} |")
    lines += ["", "| cluster | start | warm-up (model loaded by each worker, one copy of the articles) |", "|---|---:|---:|"]
    for name, setup in result["setup"].items():
        lines.append(f"| {name} | {setup['start s']:.1f} s | {setup['warm-up s']:.1f} s |")
    lines += ["", "Where the cores it got stay near one process's, the machine's other jobs held the cores: the "
              "speed-up of 2 workers cannot show, and the CPU seconds (the work each executor costs) are the comparison."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--render"]:  # the report again from bench/out/dask_extraction.json
        (OUT / "dask_extraction.md").write_text(render(json.loads((OUT / "dask_extraction.json").read_text())))
        sys.exit(0)
    sys.exit(main())
