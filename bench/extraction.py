"""Extraction benchmark: diplograph against raw spaCy and textacy's quote extractor, side by side.

Speed: words per second of (a) the bare spaCy model's `nlp.pipe` — the practical limit, (b)
diplograph's full extraction, (c) textacy's `direct_quotations` on the same parses; all on the same
texts and model, after one untimed warm-up pass of each (model caches, lexicons, the extractor's
topic indexes), interleaved in each round so the machine's load falls on all alike, raw spaCy and
diplograph timed back to back in alternating order; the median of the rounds is reported. On a
shared machine the wall-clock times swing with the others' load, so the one-process pipelines are
also timed in CPU seconds of this process (time.process_time), which the others' load does not
inflate: the "≥ 0.75 of raw spaCy" ratio is read on CPU time, as the median of each round's ratio
(two adjacent runs), the two-worker speed-up on wall-clock time. `make bench-extraction` runs it alone. Quality: both extractors scored with the shared matching rule on the seed
gold and on our own annotated test articles. Writes bench/out/extraction.md and .json.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import tables  # bench/ is on sys.path: the script's own folder (bench/tables.py)

import spacy

from diplograph.extract.document import iter_documents
from diplograph.extract.evaluation import evaluate, load_jsonl
from diplograph.extract.nlp import model_name
from diplograph.extract.parallel import extract_all
from diplograph.extract.pipeline import Extractor
from diplograph.extract.records import Document

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
GOLD_SETS = {
    "seed articles": (ROOT / "seeds", ROOT / "tests/data/seeds_gold.jsonl", ROOT / "tests/data/seeds_actors.jsonl"),
    "own test articles": (ROOT / "tests/data/articles", ROOT / "tests/data/articles/gold.jsonl",
                          ROOT / "tests/data/articles/actors.jsonl"),
}
ROUNDS = 5
COPIES = 12  # the corpus repeated so that each timing lasts seconds, not milliseconds


def documents(folder: Path) -> list[Document]:
    return [d for d in iter_documents([folder]) if isinstance(d, Document)]


def textacy_predictions(nlp, docs: list[Document]) -> list[dict]:
    """textacy's direct quotations in the statement contract (speaker words as the speaker)."""
    from textacy.extract.triples import direct_quotations

    rows = []
    for document, parsed in zip(docs, nlp.pipe(d.clean for d in docs)):
        for quote in direct_quotations(parsed):
            rows.append({"doc": document.name, "speaker": " ".join(t.text for t in quote.speaker),
                         "text": quote.content.text.strip("“”\" "), "kind": "direct", "topics": [], "stance": ""})
    return rows


def timed(function, cpu: list[float] | None = None) -> float:
    """Wall-clock seconds of `function()`; its CPU seconds in this process appended to `cpu`."""
    start, start_cpu = time.perf_counter(), time.process_time()
    function()
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def main() -> int:
    from textacy.extract.triples import direct_quotations

    model = model_name()
    raw = spacy.load(model)
    extractor = Extractor(model)
    corpus = [d for folder, _, _ in GOLD_SETS.values() for d in documents(folder)] * COPIES
    words = sum(len(d.text.split()) for d in corpus)
    texts = [d.clean for d in corpus]
    timings: dict[str, list[float]] = {"raw spaCy nlp.pipe": [], "diplograph extract": [],
                                       "diplograph extract --workers 2": [], "textacy direct_quotations": []}
    cpu: dict[str, list[float]] = {"raw spaCy nlp.pipe": [], "diplograph extract": []}
    one_copy = len(corpus) // COPIES
    list(raw.pipe(texts[:one_copy]))  # warm-up, untimed: first calls build caches the rounds then share
    list(extract_all(corpus[:one_copy], model=model))
    load = [os.getloadavg()[0]]
    for round_number in range(ROUNDS):
        pair = [("raw spaCy nlp.pipe", lambda: list(raw.pipe(texts))),
                ("diplograph extract", lambda: list(extract_all(corpus, model=model)))]
        for name, run in pair if round_number % 2 == 0 else pair[::-1]:  # neither always runs first
            timings[name].append(timed(run, cpu[name]))
        timings["diplograph extract --workers 2"].append(
            timed(lambda: list(extract_all(corpus, model=model, workers=2))))
        timings["textacy direct_quotations"].append(
            timed(lambda: [list(direct_quotations(doc)) for doc in raw.pipe(texts)]))
    load.append(os.getloadavg()[0])
    median = {name: statistics.median(values) for name, values in timings.items()}
    cpu_median = {name: statistics.median(values) for name, values in cpu.items()}
    base = median["raw spaCy nlp.pipe"]
    quality = {}
    for name, (folder, gold_path, actors_path) in GOLD_SETS.items():
        docs = documents(folder)
        gold, actors = load_jsonl(gold_path), load_jsonl(actors_path)
        ours = [s.to_json() for d in docs for s in extractor.extract(d).statements]
        quality[name] = {"diplograph": evaluate(gold, ours, actors).scores,
                         "textacy": evaluate(gold, textacy_predictions(raw, docs), actors).scores}
    result = {"model": model, "words": words, "rounds": ROUNDS, "seconds": median,
              "words_per_second": {k: words / v for k, v in median.items()},
              "overhead_over_raw_spacy": median["diplograph extract"] / base - 1,
              "cpu_seconds": cpu_median,
              "throughput_cpu": statistics.median(
                  r / d for r, d in zip(cpu["raw spaCy nlp.pipe"], cpu["diplograph extract"])),
              "load": load,
              "two_worker_speedup": median["diplograph extract"] / median["diplograph extract --workers 2"],
              "quality": quality}
    tables.save("extraction", result, render)
    return 0


def render(result: dict) -> str:
    lines = ["## Extraction", "",
             f"Model `{result['model']}`, {result['words']:,} words, median of {result['rounds']} interleaved rounds.", "",
             "| pipeline | seconds | words/s | relative to raw spaCy |", "|---|---:|---:|---:|"]
    base = result["seconds"]["raw spaCy nlp.pipe"]
    for name, seconds in result["seconds"].items():
        lines.append(f"| {name} | {seconds:.2f} | {result['words_per_second'][name]:,.0f} | {base / seconds:.2f}× |")
    overhead = result["overhead_over_raw_spacy"]
    cpu = result["cpu_seconds"]
    lines += ["", f"CPU seconds of this process (median): raw spaCy {cpu['raw spaCy nlp.pipe']:.2f}, diplograph extract "
              f"{cpu['diplograph extract']:.2f}: throughput **{result['throughput_cpu']:.2f}** of raw spaCy on CPU time "
              f"(median of the rounds' ratios; goal: at least 0.75); on wall-clock time {1 / (1 + overhead):.2f} (overhead {overhead:+.0%}; goal: "
              f"under +25 %). Load average {result['load'][0]:.1f} → {result['load'][1]:.1f} on "
              f"{os.cpu_count()} cores: where it is far above the core count, read the CPU-time ratio.",
              f"Two worker processes: **{result['two_worker_speedup']:.2f}×** one process (goal: at least 1.7×; "
              f"{os.cpu_count()} cores on this machine).", "",
              "| gold set | extractor | attributed F1 | span F1 | content token F1 | topic F1 | stance acc. |",
              "|---|---|---:|---:|---:|---:|---:|"]
    for gold_set, by_extractor in result["quality"].items():
        for name, s in by_extractor.items():
            lines.append(f"| {gold_set} | {name} | {s['attr_f1']:.3f} | {s['span_f1']:.3f} | "
                         f"{s['content_token_f1']:.3f} | {s['topic_f1']:.3f} | {s['stance_acc']:.3f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
