"""Extraction time against article length: every stage must grow near-linearly, 10k to 1M characters.

One article is grown to each length from our own test articles (tests/data/articles), run together
into a single paragraph: the worst shape, where no paragraph break bounds a quote or a look-back.
Each length runs in a process of its own (so its peak memory is its own), where the spaCy parse and
diplograph's rule stages (quotes, cues, attribution, events, facts) are timed apart (the rules: the
fastest of ROUNDS runs on the same parse up to 100k characters, as the machine is shared; one run
above, which lasts long enough to average the load out). Reported per length: seconds,
characters per second, peak RSS, the machine's load average; between lengths 10× apart, the growth
ratio of the time (10 for linear, 100 for quadratic); over all lengths, the growth exponent of a
log-log fit (1.0 linear, 2.0 quadratic). The rules were quadratic before issue 11 (0.18 / 1.14 / 3.05 /
17.67 s at 25k / 50k / 100k / 200k); the goal is an exponent of at most 1.2. Writes bench/out/length.md
and .json.

    python bench/length.py                       # 10k, 30k, 100k, 300k, 1M (minutes; ~2 GB at 1M)
    python bench/length.py 10000 20000 40000     # other lengths, a quick look
"""
from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import tables  # bench/ is on sys.path: the script's own folder (bench/tables.py)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
LENGTHS = (10_000, 30_000, 100_000, 300_000, 1_000_000)  # the reader's limit is 1,000,000 characters
GOAL = 1.2
ROUNDS = 3  # the rules run this many times on the same parse; the fastest counts (the machine is shared)


def rounds(length: int) -> int:
    """ROUNDS up to 100k characters; one run above (a long run averages the machine's load out itself)."""
    return ROUNDS if length <= 100_000 else 1


def one_paragraph(length: int) -> str:
    """Our test articles run together, whitespace collapsed, repeated up to `length` characters."""
    articles = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
    paragraph = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in articles)
    return ("Long report\n\n" + (paragraph + " ") * (length // len(paragraph) + 1))[:length]


def exponent(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(length)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(seconds, 1e-6)) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def measure(length: int) -> dict:
    """One length, in this process: parse once, run the rules ROUNDS times on that parse."""
    from diplograph.extract.document import document_from_text
    from diplograph.extract.pipeline import Extractor

    extractor = Extractor()
    extractor.nlp.max_length = max(extractor.nlp.max_length, length + 1)
    load_before = os.getloadavg()[0]
    document = document_from_text(one_paragraph(length), name=f"long-{length}.txt")
    started = time.perf_counter()
    doc = extractor.nlp(document.clean)
    parse = time.perf_counter() - started
    rules = []
    for _ in range(rounds(length)):
        started = time.perf_counter()
        extraction = extractor._from_doc(document, doc)
        rules.append(time.perf_counter() - started)
    return {"chars": length, "words": len(doc), "parse_s": parse, "rules_s": min(rules), "rules_rounds": rules,
            "statements": len(extraction.statements), "events": len(extraction.events),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "load": [round(load_before, 1), round(os.getloadavg()[0], 1)]}


def growth(rows: list[dict], key: str) -> list[tuple[int, int, float]]:
    """(short, long, time ratio) for each pair of lengths 9-11× apart."""
    pairs = []
    for short in rows:
        for long in rows:
            if 9 <= long["chars"] / short["chars"] <= 11:
                pairs.append((short["chars"], long["chars"], long[key] / max(short[key], 1e-6)))
    return pairs


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:  # the child process of one length
        print(json.dumps(measure(int(argv[1]))), flush=True)
        return 0
    lengths = [int(arg) for arg in argv] or list(LENGTHS)
    rows = []
    for length in lengths:
        child = subprocess.run([sys.executable, __file__, "--one", str(length)], capture_output=True, text=True,
                               check=False)
        if child.returncode:
            print(child.stderr[-2000:], file=sys.stderr)
            return 2
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    for row in rows:
        row["total_s"] = row["parse_s"] + row["rules_s"]
    result = {"rows": rows, "rounds": ROUNDS, "cores": os.cpu_count(),
              "exponent_parse": exponent([(r["chars"], r["parse_s"]) for r in rows]),
              "exponent_rules": exponent([(r["chars"], r["rules_s"]) for r in rows]),
              "exponent_total": exponent([(r["chars"], r["total_s"]) for r in rows]),
              "growth_rules": growth(rows, "rules_s"), "growth_total": growth(rows, "total_s"), "goal": GOAL}
    tables.save("length", result, render)
    return 0 if result["exponent_rules"] <= GOAL else 1


def render(result: dict) -> str:
    lines = ["## Extraction time against article length", "",
             "One paragraph grown from the test articles, each length in a process of its own; seconds for the "
             f"spaCy parse and for diplograph's rules (fastest of {result['rounds']} runs on the same parse up to "
             "100k characters, one run above), "
             f"characters per second of the two together, peak RSS of the process, and the load average "
             f"({result['cores']} shared cores) before → after.", "",
             "| characters | words | parse s | rules s | total s | chars/s | rules µs/char | peak RSS MB | statements "
             "| events | load |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in result["rows"]:
        lines.append(f"| {row['chars']:,} | {row['words']:,} | {row['parse_s']:.2f} | {row['rules_s']:.2f} | "
                     f"{row['total_s']:.2f} | {row['chars'] / row['total_s']:,.0f} | "
                     f"{1e6 * row['rules_s'] / row['chars']:.1f} | {row['peak_rss_mb']:,.0f} | {row['statements']} | "
                     f"{row['events']} | {row['load'][0]} → {row['load'][1]} |")
    if result["growth_rules"]:
        lines += ["", "Growth per 10× length (10 = linear, 100 = quadratic): " + "; ".join(
            f"{a:,} → {b:,}: rules **{r:.1f}×**, total {t:.1f}×"
            for (a, b, r), (_, _, t) in zip(result["growth_rules"], result["growth_total"])) + "."]
    lines += ["", f"Growth exponent (log-log fit; 1 = linear, 2 = quadratic): parse **{result['exponent_parse']:.2f}**, "
              f"rules **{result['exponent_rules']:.2f}**, total **{result['exponent_total']:.2f}** "
              f"(goal for the rules: at most {result['goal']})."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
