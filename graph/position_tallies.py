"""Positions updated from running tallies: a write that adds reports recomputes the positions it
touches from what the statements index keeps of them and the new reports, never from their older
evidence.

A popular holder × topic pair (Russia on a ceasefire) gains reports with every copy of a wire story,
so recomputing it from all its evidence (graph/summaries.py `position_updates`) made each article
cost more as the archive grew. A position's summary depends on its reports only through the tally of
each utterance (graph/summaries.py `Tally`: strongest and first report, earliest and latest date, how
many), and tallies merge; the index keeps them (position_steps, graph/position_index.py). So a write
reads the tallies of the positions it touches, merges the new reports in, and rewrites in the store
only the triples that changed: counts, dates, stance counts and shifts (computed for the old and the
new tallies and compared, only the parts that differ made into triples: summaries.py `changed_quads`) and the
links of the new reports (evidence, document, utterance). After the
store is written, the same summaries and tallies go into the index (`PositionIndex.apply`).

Only additions go this way. A write that drops documents (a removal, a replaced version) or
rewrites actors recomputes the touched positions from the stored evidence as before, and the index
re-reads them and recomputes their tallies (`PositionIndex.replace`).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .position_index import PositionIndex, tally_row
from .summaries import (Evidence, Quad, Summary, Tally, changed_quads, delete_data, insert_data, link_quads, merge,
                        position_iri, summary_of, tallies)


@dataclass(slots=True)
class Planned:
    """The position updates of one write that adds reports, and what the index stores once it is written."""

    updates: list[str]
    summaries: list[Summary]  # the touched positions now (evidence: the new reports' statements only)
    steps: list[tuple[Any, ...]]  # position_steps rows of the utterances the write touched
    gone: list[Quad] = field(default_factory=list)  # the positions graph's quads the updates delete
    new: list[Quad] = field(default_factory=list)  # and insert
    written: bool = field(default=False)  # set when the store took the write: only then is the index told
    growth: dict[str, int] | None = None  # quads the write adds to each shared graph, when told before it


def plan(index: Any, added: Sequence[Evidence]) -> Planned | None:
    """The updates bringing the positions in step with reports `added`, from the tallies `index` (a
    StatementIndex in step with the store) keeps; None when one of the reports is stored already (not
    an addition: the caller recomputes from the stored evidence)."""
    groups: dict[tuple[str, str, str], dict[str, Evidence]] = defaultdict(dict)
    for e in added:
        groups[(e.holder, e.topic, e.reporter)].setdefault(e.statement, e)
    positions = PositionIndex(index)
    iris = {key: str(position_iri(*key)) for key in groups}
    kept = positions.tallies_of(sorted(iris.values()))
    gone: list[Quad] = []
    new: list[Quad] = []
    summaries: list[Summary] = []
    steps: list[tuple[Any, ...]] = []
    for key, by_statement in sorted(groups.items()):
        iri, rows = iris[key], list(by_statement.values())
        docs, known = positions.known_evidence(iri, sorted({r.doc for r in rows}))
        if known & set(by_statement):
            return None
        old = kept.get(iri, {})
        fresh = tallies(rows)
        merged: dict[str, Tally] = dict(old)
        for utterance, t in fresh.items():
            merged[utterance] = merge(old[utterance], t) if utterance in old else t
        after_summary = summary_of(key, merged.values(), evidence=tuple(sorted(by_statement)))
        deleted, inserted = changed_quads(summary_of(key, old.values()) if old else None, after_summary)
        gone += deleted
        new += inserted
        new += link_quads(iri, sorted(by_statement), sorted({r.doc for r in rows} - docs),
                          sorted(u for u in fresh if u not in old))
        summaries.append(after_summary)
        steps += [tally_row(iri, merged[u]) for u in sorted(fresh)]
    updates = ([delete_data(gone)] if gone else []) + ([insert_data(new)] if new else [])
    return Planned(updates=updates, summaries=summaries, steps=steps, gone=gone, new=new)
