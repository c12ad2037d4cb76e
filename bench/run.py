"""Run every benchmark in bench/ and gather their reports into bench/REPORT.md.

Each benchmark is a script that writes its own section to bench/out/<name>.md; this runner calls
them one after the other (never in parallel: they measure the same two cores) and stitches the
sections together under a header saying on what machine the numbers were taken.
`python bench/run.py extraction` reruns one benchmark; `--report-only` only stitches.
The benchmarks: extraction.py, ingest.py, queries.py, load_api.py, dedup.py (near-duplicate reports of
one utterance at 10k and 100k statements; DEDUP_SIZES overrides the sizes), scale.py (the 1M/5M tier:
run from its cache, built only with BENCH_SCALE=1, i.e. `make bench SCALE=1`), replica.py (the same lookups
on `oxigraph serve` and a Virtuoso read replica; a server that is not installed is skipped with one line)
and dask_extraction.py (extraction on a Dask LocalCluster of 1 and 2 workers).
"""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"


def scripts() -> list[Path]:
    helpers = {"run.py", "corpus.py", "tables.py"}  # the runner itself and the modules the others import
    return sorted(p for p in BENCH.glob("*.py") if p.name not in helpers and not p.name.startswith("_"))


def header() -> str:
    return "\n".join([
        "# diplograph benchmarks", "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} with {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Reproduce with `make bench`.",
        "Every ratio below was measured side by side in one run; absolute times move with the machine's load.", "",
    ])


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    sections = []
    only = [a for a in sys.argv[1:] if not a.startswith("-")]
    if "--report-only" in sys.argv:  # stitch the sections already in bench/out without running anything
        only = ["-"]
    for script in scripts():
        if only and script.stem not in only:
            section = OUT / f"{script.stem}.md"
            sections += [section.read_text()] if section.exists() else []
            continue
        print(f"== {script.name}", flush=True)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, str(script)], check=False)
        print(f"   {script.name}: exit {done.returncode} in {time.perf_counter() - started:.0f} s", flush=True)
        if done.returncode:
            failed.append(script.name)
        section = OUT / f"{script.stem}.md"
        if section.exists():
            sections.append(section.read_text())
    (BENCH / "REPORT.md").write_text(header() + "\n".join(sections))
    print(f"wrote {BENCH / 'REPORT.md'}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
