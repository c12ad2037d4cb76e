"""A SPARQL update with a graph variable at 1M triples: the documents it touches re-read, against the
full index rebuild it used to cost (README "Statements index", graph/update_scope.py).

On a store UPDATE_SCOPE_STORE names (which it writes: give it a copy), else on a working copy of the
large tier's cached 1M store (bench/scale.py; skipped when it is not built), in this process, side by side:
- three updates applied through api/sparql/updates.run_update as /sparql applies them: the stances of
  a speaker quoted in 5 to 20 articles rewritten in every graph that holds them (`DELETE {GRAPH ?g …} INSERT {GRAPH ?g …} WHERE
  {GRAPH ?g …}`), one statement's cue deleted (`DELETE WHERE { GRAPH ?g … }`), and one that matches
  nothing; each timed whole (the scope looked up, the update, the documents re-read), with the scope
  lookup alone and the number of documents re-read;
- the full rebuild an update of unknown scope still costs (`index_sync.rebuild`), UPDATE_ROUNDS times
  (2), which before this change every one of the three updates cost at the next lookup;
- the drift check after the last update (none).
Writes bench/out/update_scope.json / .md.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tables  # noqa: E402 - bench/tables.py

ROUNDS = int(os.environ.get("UPDATE_ROUNDS", "2"))


def main() -> int:
    path = os.environ.get("UPDATE_SCOPE_STORE")
    if path is None:  # a working copy of the large tier's cached 1M store (bench/scale.py), when built
        import scale

        cached = scale.cache_folder() / "size-1000000"
        if not cached.is_dir():
            print(f"update_scope: no cached 1M store at {cached} (bench/scale.py builds it): skipped")
            return 0
        work = Path(tempfile.mkdtemp(prefix="update-scope-"))
        try:
            return measure(str(scale.working_copy(cached, work)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return measure(path)


def measure(path: str) -> int:
    from diplograph.api.sparql.updates import run_update
    from diplograph.graph import index_sync, update_scope
    from diplograph.graph.backends import PREFIX_LINES
    from diplograph.graph.store import open_store

    read: list[str] = []
    reading = index_sync.read_documents
    index_sync.read_documents = lambda select, docs: reading(select, (read.append(d) or d for d in docs))  # type: ignore[assignment]
    with open_store(f"oxigraph:{path}") as store:
        counts = store.counts()
        speaker = store._select(PREFIX_LINES + """SELECT ?a WHERE { GRAPH ?g { ?s dg:speaker ?a } }
            GROUP BY ?a HAVING (COUNT(DISTINCT ?g) >= 5 && COUNT(DISTINCT ?g) <= 20) ORDER BY ?a LIMIT 1""")[0][0]
        statement = store.statements(limit=1, order="-date")[0].iri
        updates = {
            "a speaker's stances, GRAPH ?g (DELETE/INSERT WHERE)":
                f"DELETE {{ GRAPH ?g {{ ?s dg:stance ?o }} }} INSERT {{ GRAPH ?g {{ ?s dg:stance "
                f"<https://w3id.org/diplograph/stance/opposes> }} }} WHERE {{ GRAPH ?g {{ ?s dg:speaker <{speaker}> ; dg:stance ?o }} }}",
            "one statement's cue (DELETE WHERE, GRAPH ?g)": f"DELETE WHERE {{ GRAPH ?g {{ <{statement}> dg:cue ?c }} }}",
            "matching nothing": 'DELETE WHERE { GRAPH ?g { ?s dg:quote "No one ever said this." } }',
        }
        rows = []
        for name, text in updates.items():
            text = PREFIX_LINES + text
            native = store.backend.native
            began = time.perf_counter()
            scope = update_scope.graphs_touched(text, native)
            lookup = time.perf_counter() - began
            read.clear()
            began = time.perf_counter()
            run_update(store, text, base="http://localhost/sparql")
            whole = time.perf_counter() - began
            assert store.index is not None and store.index.state() == "", store.index.state()
            rows.append({"update": name, "graphs": len(scope or ()), "documents re-read": len(set(read)),
                         "scoped s": whole, "scope lookup s": lookup})
            print(rows[-1], flush=True)
        rebuilds = []
        for _ in range(ROUNDS):
            began = time.perf_counter()
            index_sync.rebuild(store)
            rebuilds.append(time.perf_counter() - began)
            print({"rebuild s": rebuilds[-1]}, flush=True)
        drift = index_sync.check(store)
    result = {"triples": counts.triples, "documents": counts.documents, "statements": counts.statements,
              "load": os.getloadavg(), "updates": rows, "rebuild s": rebuilds, "drift": drift}
    tables.save("update_scope", result, render)
    return 0


def render(result: dict) -> str:
    rebuild = statistics.median(result["rebuild s"])
    lines = [f"SPARQL update at {result['triples']:,} triples ({result['documents']:,} documents, "
             f"{result['statements']:,} statements), load {result['load'][0]:.1f}:", "",
             *tables.header("update", "graphs", "documents re-read", "scoped (whole)", "of which scope lookup",
                            "full rebuild (before)", "rebuild ÷ scoped")]
    for r in result["updates"]:
        lines.append(tables.row(r["update"], r["graphs"], r["documents re-read"], f"{r['scoped s']:.2f} s",
                                f"{r['scope lookup s'] * 1000:.0f} ms", f"{rebuild:.1f} s",
                                f"{rebuild / r['scoped s']:.0f}×"))
    lines.append("")
    lines.append(f"Full rebuilds: {', '.join(f'{s:.1f} s' for s in result['rebuild s'])}; drift after: "
                 f"{'none' if not result['drift'] else result['drift']}.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
