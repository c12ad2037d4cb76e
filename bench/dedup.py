"""Dedup benchmark: what finding the reports of one utterance (graph/utterances.py) costs, and how it grows.

The statements are synthesised from sentences written for this benchmark (CLAUSES: 24 clause patterns
with slots for actors, places, deals, weapons and times, two or three clauses a quote), said by 1,000
speakers. A controlled share of them are copies of an earlier quote by the same speaker in another
article, as wire copy and republication make them: verbatim, with case and punctuation changed, with
one word replaced, or with one word dropped (COPY_SHARE, one kind in four each). Knowing which
statement copies which, the benchmark also says how many copies were found (recall) and how many
distinct quotes were wrongly merged.

Two measures:
(a) assigning N statements to utterances in one ingest (MinHash signatures, the LSH index of the ingest,
    Jaccard check of the candidates): total time and microseconds per statement, at each N;
(b) assigning a batch of 1,000 new statements (half copies of stored quotes, half new quotes) against an
    Oxigraph store already holding N statements' band keys: the candidates come from one indexed lookup
    of the batch's band keys, so the time should stay flat as N grows (a write costs what it adds, not
    what is stored).
Sizes come from DEDUP_SIZES (default 10000,100000); the README quotes the report. Writes bench/out/dedup.md
and .json. `make bench` runs it (about 4 minutes on 2 shared cores at the default sizes).
"""
from __future__ import annotations

import json
import os
import random
import resource
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
SPEAKERS = 1_000
COPY_SHARE = 0.2  # one statement in five copies an earlier quote of its speaker

# Clause patterns written for this benchmark (not taken from any article); {slots} are filled at random.
CLAUSES = (
    "we will not accept any {deal} that rewards {actor} for {deed}",
    "the {deal} must include firm guarantees for {place}",
    "{actor} has to stop {deed} before any talks can begin",
    "our partners promised to deliver {weapon} to {place} {time}",
    "there is no military solution to the crisis in {place}",
    "we are ready to meet {actor} in {place} {time}",
    "sanctions on {actor} will stay in force until {deed} ends",
    "the talks in {place} were frank and useful but no {deal} was reached",
    "any attack on {place} would be answered with {weapon}",
    "we call on {actor} to return to the negotiating table {time}",
    "humanitarian corridors around {place} must open {time}",
    "{actor} is trying to buy time with empty promises about a {deal}",
    "we thank our friends in {place} for the {weapon} they sent",
    "a {deal} is possible only if {actor} withdraws from {place}",
    "free elections in {place} cannot be held under {deed}",
    "we will keep talking to {actor} about the {deal} {time}",
    "nobody in {place} believes that {actor} wants a {deal}",
    "the world must not look away from {deed} in {place}",
    "we asked {actor} for more {weapon} and for faster deliveries",
    "the proposal from {actor} is a step in the right direction for a {deal}",
    "{deed} is a clear violation of international law",
    "our delegation will travel to {place} {time} to prepare a {deal}",
    "we warned {actor} that {deed} would have consequences",
    "the ministers agreed in {place} to study a {deal} {time}",
)
SLOTS = {
    "actor": ("Moscow", "Kyiv", "Beijing", "Tehran", "Washington", "Caracas", "Khartoum", "Pyongyang", "Ankara",
              "Islamabad", "New Delhi", "Baku", "Yerevan", "Taipei", "the junta", "the rebel command",
              "the transitional council", "the coalition", "the militia leaders", "the government in exile"),
    "place": ("Gaza", "Kherson", "Darfur", "Nagorno-Karabakh", "the Red Sea", "Kashmir", "the Taiwan Strait",
              "Zaporizhzhia", "Aleppo", "the Sahel", "Crimea", "Donbas", "Port Sudan", "Hodeidah", "Rafah",
              "the Black Sea", "Odesa", "Goma", "Maracaibo", "the Korean peninsula"),
    "deal": ("ceasefire", "peace deal", "truce", "prisoner exchange", "grain deal", "trade agreement",
             "security pact", "nuclear deal", "border accord", "hostage release", "framework agreement",
             "monitoring mission"),
    "deed": ("the shelling of cities", "the blockade of the ports", "the drone strikes on power plants",
             "the arrests of journalists", "the seizure of merchant ships", "the forced deportations",
             "the attacks on aid convoys", "the missile tests", "the cyber attacks on hospitals",
             "the occupation of the border villages"),
    "weapon": ("air defense systems", "long-range missiles", "artillery shells", "armoured vehicles",
               "fighter jets", "drones", "mine-clearing equipment", "radar stations"),
    "time": ("next week", "this month", "before the winter", "without delay", "by the end of the year",
             "as soon as possible", "in the coming days", "after the summit"),
}
VOCABULARY = sorted({w for values in SLOTS.values() for v in values for w in v.split()})
COPY_KINDS = ("verbatim", "case and punctuation", "one word replaced", "one word dropped")


def new_quote(rng: random.Random) -> str:
    """Two or three clauses of CLAUSES with their slots filled, as one quote."""
    clauses = [rng.choice(CLAUSES).format(**{k: rng.choice(v) for k, v in SLOTS.items()})
               for _ in range(rng.randint(2, 3))]
    return ". ".join(c[0].upper() + c[1:] for c in clauses) + "."


def copy_of(quote: str, kind: str, rng: random.Random) -> str:
    """A copy of `quote` as another outlet prints it."""
    if kind == "case and punctuation":
        return quote.lower().replace(".", ",").rstrip(",") + "!"
    words = quote.split()
    at = rng.randrange(len(words))
    if kind == "one word replaced":
        words[at] = rng.choice(VOCABULARY)
    elif kind == "one word dropped":
        del words[at]
    return " ".join(words)


def corpus(count: int, seed: int = 7) -> tuple[list[Report], list[int]]:
    """`count` reports and, for each, the index of the original it copies (its own index for an original)."""
    rng = random.Random(seed)
    reports: list[Report] = []
    origin: list[int] = []
    for i in range(count):
        if reports and rng.random() < COPY_SHARE:
            source = origin[rng.randrange(len(reports))]
            original = reports[source]
            quote = copy_of(original.quote, COPY_KINDS[i % len(COPY_KINDS)], rng)
            reports.append(Report(f"urn:st:{i}", original.speaker, f"urn:doc:{i}", quote))
            origin.append(source)
        else:
            reports.append(Report(f"urn:st:{i}", f"urn:speaker:{rng.randrange(SPEAKERS)}", f"urn:doc:{i}",
                                  new_quote(rng)))
            origin.append(i)
    return reports, origin


def accuracy(reports: list[Report], origin: list[int], utterance_of: dict[str, str]) -> dict[str, float]:
    """Copies found (joined their original's utterance) and distinct originals wrongly merged."""
    copies = [i for i, source in enumerate(origin) if source != i]
    found = sum(1 for i in copies if utterance_of[reports[i].statement] == utterance_of[reports[origin[i]].statement])
    originals = [i for i, source in enumerate(origin) if source == i]
    distinct = len({utterance_of[reports[i].statement] for i in originals})
    return {"copies": len(copies), "copies_found": found, "recall": found / len(copies) if copies else 1.0,
            "originals": len(originals), "originals_merged": len(originals) - distinct}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_ingest(count: int) -> dict[str, float]:
    reports, origin = corpus(count)
    started, started_cpu = time.perf_counter(), time.process_time()
    assigned = UtteranceIndex().assign(reports)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    utterance_of = {statement: a.utterance for statement, a in assigned.items()}
    utterances = len(set(utterance_of.values()))
    return {"statements": count, "seconds": seconds, "us_per_statement": seconds / count * 1e6,
            "cpu_seconds": cpu, "cpu_us_per_statement": cpu / count * 1e6,
            "utterances": utterances, "merged": count - utterances, "peak_rss_mb": peak_mb(),
            **accuracy(reports, origin, utterance_of)}


def against_store(count: int) -> dict[str, float]:
    """A store holding `count` statements' band keys, then one batch of new ones assigned against it."""
    stored, _ = corpus(count)
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
        # loading the stored statements is set-up, not what is measured: Oxigraph's bulk loader, not one
        # transaction of a million quads
        backend = store.backend
        backend.native.bulk_extend(backend._terms.quads(quads))
        backend.native.flush()
        del quads
        rng = random.Random(11)
        batch = []
        for i in range(BATCH):  # half copies of stored quotes, half new quotes
            if i % 2:
                original = stored[rng.randrange(len(stored))]
                quote = copy_of(original.quote, COPY_KINDS[(i // 2) % len(COPY_KINDS)], rng)
                batch.append(Report(f"urn:new:{i}", original.speaker, f"urn:newdoc:{i}", quote))
            else:
                batch.append(Report(f"urn:new:{i}", f"urn:speaker:{rng.randrange(SPEAKERS)}", f"urn:newdoc:{i}",
                                    new_quote(rng)))
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
    ingest, stored = [], []
    for n in SIZES:
        ingest.append(in_ingest(n))
        print(json.dumps(ingest[-1]), flush=True)
    for n in SIZES:
        stored.append(against_store(n))
        print(json.dumps(stored[-1]), flush=True)
    lines = ["## Dedup: one utterance, many reports", "",
             f"MinHash of word pairs, {NUM_PERM} permutations, LSH with {BANDS} bands of {ROWS} rows "
             f"(Jaccard threshold {THRESHOLD}, datasketch). Quotes of two or three clauses from {len(CLAUSES)} "
             f"patterns written for the benchmark, {SPEAKERS:,} speakers; {COPY_SHARE:.0%} of the statements copy "
             "an earlier quote of their speaker in another article (verbatim, case and punctuation changed, one "
             "word replaced, one word dropped: a quarter each).", "",
             "| statements in one ingest | seconds | CPU seconds | CPU µs per statement | utterances | copies found | "
             "distinct quotes wrongly merged | peak RSS MB |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['statements']:,} | {r['seconds']:.2f} | {r['cpu_seconds']:.2f} | {r['cpu_us_per_statement']:.0f} | "
              f"{r['utterances']:,} | "
              f"{r['copies_found']:,} of {r['copies']:,} ({r['recall']:.1%}) | {r['originals_merged']:,} of "
              f"{r['originals']:,} | {r['peak_rss_mb']:.0f} |" for r in ingest]
    if len(ingest) > 1:
        growth = ingest[-1]["cpu_seconds"] / ingest[0]["cpu_seconds"]
        wall = ingest[-1]["seconds"] / ingest[0]["seconds"]
        size = ingest[-1]["statements"] / ingest[0]["statements"]
        lines += ["", f"Growth: {size:.0f}× the statements took **{growth:.1f}×** the CPU time (linear would be "
                  f"{size:.0f}×; {wall:.1f}× the wall-clock time, which the shared machine's load moves)."]
    lines += ["", f"| statements stored | new batch ({BATCH // 2} copies of stored quotes) | seconds | "
              "µs per new statement | joined a stored utterance |",
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
