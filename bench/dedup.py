"""Dedup benchmark: what finding the reports of one utterance (graph/utterances.py) costs, and how it grows.

Two measures on synthetic statements (quotes of 12 to 30 words from a 5,000-word vocabulary, one in five
a light rewording of an earlier quote by the same speaker in another article, 200 speakers):
(a) assigning N statements to utterances in one ingest (MinHash signatures, the LSH index of the ingest,
    Jaccard check of the candidates): total time and microseconds per statement, at each N;
(b) assigning a batch of 1,000 new statements against an Oxigraph store already holding N statements'
    band keys: the candidates come from one indexed lookup of the batch's band keys, so the time should
    stay flat as N grows (a write costs what it adds, not what is stored).
Sizes come from DEDUP_SIZES (default 10000,100000); the README quotes the report. Writes bench/out/dedup.md
and .json.
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Literal, URIRef

from diplograph.graph.store import open_store
from diplograph.graph.utterances import BANDS, NUM_PERM, ROWS, THRESHOLD, Report, UtteranceIndex, store_lookup
from diplograph.ontology.terms import DG

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
SIZES = [int(n) for n in os.environ.get("DEDUP_SIZES", "10000,100000").split(",") if n.strip()]
BATCH = 1_000
SPEAKERS = 200
VOCABULARY = [f"w{i}" for i in range(5_000)]


def corpus(count: int, seed: int = 7) -> list[Report]:
    """`count` reports; one in five rewords an earlier quote of the same speaker in another article."""
    rng = random.Random(seed)
    reports: list[Report] = []
    for i in range(count):
        if reports and rng.random() < 0.2:
            original = reports[rng.randrange(len(reports))]
            words = original.quote.split()
            words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
            reports.append(Report(f"urn:st:{i}", original.speaker, f"urn:doc:{i}", " ".join(words)))
        else:
            quote = " ".join(rng.choices(VOCABULARY, k=rng.randint(12, 30)))
            reports.append(Report(f"urn:st:{i}", f"urn:speaker:{rng.randrange(SPEAKERS)}", f"urn:doc:{i}", quote))
    return reports


def in_ingest(count: int) -> dict[str, float]:
    reports = corpus(count)
    started = time.perf_counter()
    assigned = UtteranceIndex().assign(reports)
    seconds = time.perf_counter() - started
    utterances = len({a.utterance for a in assigned.values()})
    return {"statements": count, "seconds": seconds, "us_per_statement": seconds / count * 1e6,
            "utterances": utterances, "merged": count - utterances}


def against_store(count: int) -> dict[str, float]:
    """A store holding `count` statements' band keys, then one batch of new ones assigned against it."""
    stored = corpus(count)
    assigned = UtteranceIndex().assign(stored)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"oxigraph:{folder}/graph")
        graph = URIRef("https://w3id.org/diplograph/graph/doc/bench")
        quads = []
        for report in stored:
            st = URIRef(report.statement)
            quads += [(st, DG.speaker, URIRef(report.speaker), graph), (st, DG.quote, Literal(report.quote), graph),
                      (st, DG.inDocument, URIRef(report.doc), graph),
                      (st, DG.utterance, URIRef(assigned[report.statement].utterance), graph)]
            quads += [(st, DG.minhashBand, Literal(k), graph) for k in assigned[report.statement].bands]
        store.backend.write(insert=quads)
        rng = random.Random(11)
        batch = []
        for i in range(BATCH):  # half rewordings of stored quotes, half new quotes
            if i % 2:
                original = stored[rng.randrange(len(stored))]
                words = original.quote.split()
                words[0] = rng.choice(VOCABULARY)
                batch.append(Report(f"urn:new:{i}", original.speaker, f"urn:newdoc:{i}", " ".join(words)))
            else:
                batch.append(Report(f"urn:new:{i}", "urn:speaker:0", f"urn:newdoc:{i}",
                                    " ".join(rng.choices(VOCABULARY, k=20))))
        started = time.perf_counter()
        result = UtteranceIndex(store_lookup(store._select)).assign(batch)
        seconds = time.perf_counter() - started
        store.close()
    known = {a.utterance for a in assigned.values()}
    joined = sum(1 for r in batch if result[r.statement].utterance in known)
    return {"stored": count, "batch": BATCH, "seconds": seconds, "us_per_new_statement": seconds / BATCH * 1e6,
            "joined_stored_utterances": joined}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    ingest = [in_ingest(n) for n in SIZES]
    stored = [against_store(n) for n in SIZES]
    lines = ["## Dedup: one utterance, many reports", "",
             f"MinHash of word pairs, {NUM_PERM} permutations, LSH with {BANDS} bands of {ROWS} rows "
             f"(Jaccard threshold {THRESHOLD}); synthetic quotes, one in five a rewording by the same speaker.", "",
             "| statements in one ingest | seconds | µs per statement | utterances | reports merged |",
             "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['statements']:,} | {r['seconds']:.2f} | {r['us_per_statement']:.0f} | {r['utterances']:,} | "
              f"{r['merged']:,} |" for r in ingest]
    if len(ingest) > 1:
        growth = ingest[-1]["seconds"] / ingest[0]["seconds"]
        size = ingest[-1]["statements"] / ingest[0]["statements"]
        lines += ["", f"Growth: {size:.0f}× the statements took {growth:.1f}× the time (linear would be {size:.0f}×)."]
    lines += ["", "| statements stored | new batch | seconds | µs per new statement | joined a stored utterance |",
              "|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['stored']:,} | {r['batch']:,} | {r['seconds']:.2f} | {r['us_per_new_statement']:.0f} | "
              f"{r['joined_stored_utterances']:,} |" for r in stored]
    lines += ["", "A batch meets the stored statements through one indexed lookup of its band keys: its cost "
              "follows the batch and the candidates it finds, not the size of the store.", ""]
    (OUT / "dedup.md").write_text("\n".join(lines))
    (OUT / "dedup.json").write_text(json.dumps({"in_ingest": ingest, "against_store": stored}, indent=2))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
