"""Extraction time against article length: every stage must grow near-linearly, 10k to 1M characters.

One article is grown to each length from our own test articles (tests/data/articles), run together
into a single paragraph: the worst shape, where no paragraph break bounds a quote or a look-back.
For each length the spaCy parse and diplograph's rule stages (quotes, cues, attribution, events,
facts) are timed apart (the rules: fastest of ROUNDS runs on the same parse), and the growth exponent of each is fitted on a log-log scale: 1.0 is linear,
2.0 quadratic. The rules were quadratic before issue 11 (0.18 / 1.14 / 3.05 / 17.67 s at 25k / 50k /
100k / 200k); the goal is an exponent of at most 1.2. Writes bench/out/length.md and .json.

`python bench/length.py 10000 20000 40000` measures other lengths (a quick look); without arguments
it runs the full range, which takes minutes and a few GB of memory for the 1M-character parse.
"""
from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

from diplograph.extract.document import document_from_text
from diplograph.extract.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
LENGTHS = (10_000, 30_000, 100_000, 300_000, 990_000)  # the reader's limit is 1,000,000 characters
GOAL = 1.2
ROUNDS = 3  # the rules run this many times on the same parse; the fastest counts (the machine is shared)


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


def measure(extractor: Extractor, length: int) -> dict:
    document = document_from_text(one_paragraph(length), name=f"long-{length}.txt")
    started = time.perf_counter()
    doc = extractor.nlp(document.clean)
    parse = time.perf_counter() - started
    rules = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        extraction = extractor._from_doc(document, doc)
        rules.append(time.perf_counter() - started)
    return {"chars": length, "parse_s": parse, "rules_s": min(rules),
            "statements": len(extraction.statements), "events": len(extraction.events)}


def main(argv: list[str]) -> int:
    lengths = [int(arg) for arg in argv] or list(LENGTHS)
    extractor = Extractor()
    extractor.nlp.max_length = max(extractor.nlp.max_length, max(lengths) + 1)
    rows = []
    for length in lengths:
        rows.append(measure(extractor, length))
        print(json.dumps(rows[-1]), flush=True)
    result = {"rows": rows,
              "exponent_parse": exponent([(r["chars"], r["parse_s"]) for r in rows]),
              "exponent_rules": exponent([(r["chars"], r["rules_s"]) for r in rows]),
              "goal": GOAL}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "length.json").write_text(json.dumps(result, indent=2))
    (OUT / "length.md").write_text(render(result))
    print(render(result))
    return 0 if result["exponent_rules"] <= GOAL else 1


def render(result: dict) -> str:
    lines = ["## Extraction time against article length", "",
             "One paragraph grown from the test articles; seconds for the spaCy parse and for diplograph's rules.", "",
             "| characters | parse s | rules s | rules µs/char | statements | events |", "|---:|---:|---:|---:|---:|---:|"]
    for row in result["rows"]:
        lines.append(f"| {row['chars']:,} | {row['parse_s']:.2f} | {row['rules_s']:.2f} | "
                     f"{1e6 * row['rules_s'] / row['chars']:.1f} | {row['statements']} | {row['events']} |")
    lines += ["", f"Growth exponent (log-log fit; 1 = linear, 2 = quadratic): parse **{result['exponent_parse']:.2f}**, "
              f"rules **{result['exponent_rules']:.2f}** (goal: at most {result['goal']})."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
