"""Every `diplograph` command and every `curl` example of the README is replayed, and what it returns is
checked: the README's promises hold on a fresh clone (nothing outside the repository is read).

Each ```sh block runs top to bottom in a fresh folder laid out like the checkout (seeds/, examples/,
tests/) whose store, ./data/graph, holds the seeds and examples/more-articles.jsonl, as after the
README's first command; the block that starts with that command starts from no store at all. The curl
examples run with real curl against `diplograph serve`, started from the README's own command line,
on such a store. Every example needs a check below: a README line without one fails the test.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from click.testing import Result
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from diplograph.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DG = Namespace("https://w3id.org/diplograph/ontology#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
TOKEN = "readme-token"
SEED_DATES = {json.loads(p.read_text())["published"] for p in (ROOT / "seeds").glob("*.meta.json")}
EXAMPLE_DATES = {json.loads(line)["published"] for line in (ROOT / "examples/more-articles.jsonl").read_text().splitlines()}


# ---------------------------------------------------------------- reading the README


def logical_lines(block: str) -> list[str]:
    """The block's lines, continuations (trailing backslash) joined, comments and blank lines dropped."""
    joined = re.sub(r"\\\n\s*", "", block)
    lines = []
    for line in joined.splitlines():
        line = line.split("  #")[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            lines.append(line)
    return lines


def sh_blocks() -> list[list[str]]:
    return [logical_lines(block) for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S)]


def command_blocks() -> list[list[str]]:
    blocks = [[line for line in block if line.startswith("diplograph ")] for block in sh_blocks()]
    return [block for block in blocks if block]


def readme_commands() -> list[tuple[int, int, str]]:
    return [(b, i, line) for b, block in enumerate(command_blocks()) for i, line in enumerate(block)]


def curl_steps() -> list[tuple[str, str]]:
    """(shell prefix of the block's variable assignments, curl line) for every curl example."""
    steps = []
    for block in sh_blocks():
        assignments: list[str] = []
        for line in block:
            if re.match(r"^[A-Z_]+=", line):
                assignments.append(line)
            elif line.startswith("curl "):
                steps.append(("\n".join(assignments), line))
    return steps


# ---------------------------------------------------------------- the checkout-like folders


def new_workdir(root: Path, store: Path | None) -> Path:
    root.mkdir(parents=True)
    for name in ("seeds", "examples", "tests"):
        (root / name).symlink_to(ROOT / name, target_is_directory=True)
    if store is not None:
        shutil.copytree(store, root / "data" / "graph")
    return root


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store after the README's first command: the seeds and the example articles."""
    work = new_workdir(tmp_path_factory.mktemp("base") / "work", None)
    result = run_cli(work, ["ingest", "seeds", "examples/more-articles.jsonl"])
    assert result.exit_code == 0, result.output
    return work / "data" / "graph"


def run_cli(work: Path, args: list[str]) -> Result:
    previous = Path.cwd()
    os.chdir(work)
    try:
        return CliRunner().invoke(app, args, env={"DIPLOGRAPH_STORE": None, "COLUMNS": "200"})
    finally:
        os.chdir(previous)


@dataclass
class Replay:
    """One README command as run: its output, and a way to ask the same store more."""

    line: str
    result: Result
    work: Path

    @property
    def out(self) -> str:
        return self.result.stdout

    def more(self, *args: str) -> Result:
        return run_cli(self.work, list(args))

    def rows(self, *args: str) -> list[dict]:
        """The same store asked again with --format jsonl: the rows behind a table."""
        result = self.more(*args, "--format", "jsonl")
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@dataclass
class BlockRuns:
    """The README blocks replayed in order, each in its own fresh folder, every result kept."""

    base: Path
    tmp: Path
    done: dict[tuple[int, int], Replay] = field(default_factory=dict)

    def replay(self, block: int, index: int) -> Replay:
        lines = command_blocks()[block]
        for i in range(index + 1):
            if (block, i) not in self.done:
                self.done[(block, i)] = self._run(block, i, lines[i])
        return self.done[(block, index)]

    def _run(self, block: int, index: int, line: str) -> Replay:
        work = self.tmp / f"block{block}"
        if index == 0:
            starts_empty = line.startswith("diplograph ingest") and "--store" not in line
            new_workdir(work, None if starts_empty else self.base)
        if line.startswith("diplograph serve"):
            return Replay(line, CliRunner().invoke(app, ["--version"]), work)  # replayed by the `served` fixture
        words = shlex.split(line.split(" > ")[0])[1:]
        args = [match for word in words
                for match in (sorted(str(p.relative_to(work)) for p in work.glob(word)) if "*" in word else [word])]
        result = run_cli(work, args)
        if " > " in line:
            (work / line.split(" > ")[1].strip()).write_text(result.stdout)
        return Replay(line, result, work)


@pytest.fixture(scope="module")
def runs(base_store: Path, tmp_path_factory: pytest.TempPathFactory) -> BlockRuns:
    return BlockRuns(base_store, tmp_path_factory.mktemp("blocks"))


# ---------------------------------------------------------------- what each command must return


def table_count(out: str, noun: str) -> int:
    found = re.search(rf"[(—] ?(\d+) {noun.rstrip('s')}s?\b", out)
    assert found, out
    return int(found.group(1))


def check_ingest_all(r: Replay) -> None:
    assert "Documents: 4 new, 0 unchanged, 0 failed." in r.out
    names = {row["name"] for row in r.rows("documents")}
    assert names == {"000_99e161be9118d118.txt", "004_16d7c908a1f93d37.txt", "example-kremlin-reaction",
                     "example-brussels-support"}
    again = r.more("ingest", "seeds", "examples/more-articles.jsonl", "--model", "no_such_spacy_model")
    assert again.exit_code == 0 and "0 new, 4 unchanged" in again.stdout  # known by hash: no model loaded


def check_extract(r: Replay) -> None:
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert {row["doc"] for row in rows} == {"000_99e161be9118d118.txt", "004_16d7c908a1f93d37.txt"}
    assert len(rows) >= 30
    raised = [row for row in rows if row["text"].startswith("I raised the issue of supplying us with Tomahawk")]
    assert raised and raised[0]["speaker"] == "Volodymyr Zelensky" and raised[0]["stance"] == "requests"


def check_statements_speaker_topic(r: Replay) -> None:
    rows = r.rows("statements", "--speaker", "Zelensky", "--topic", "weapons_supply")
    assert rows and {row["speaker"] for row in rows} == {"Volodymyr Zelensky"}
    assert all({"weapons_supply", "tomahawk", "air_defense", "drones", "long_range_missiles"} & set(row["topics"])
               for row in rows)
    assert table_count(r.out, "statements") == len(rows)


def check_rejections_csv(r: Replay) -> None:
    rows = list(csv.DictReader(io.StringIO((r.work / "rejections.csv").read_text())))
    assert rows and {row["stance"] for row in rows} == {"rejects"}
    assert {"Volodymyr Zelensky", "Dmitry Peskov"} <= {row["speaker"] for row in rows}


def check_statements_dated(r: Replay) -> None:
    rows = r.rows("statements", "--stance", "requests", "--date-from", "2025-10-19", "--order", "-date",
                  "--text", "Tomahawk")
    assert rows and table_count(r.out, "statements") == len(rows)
    assert all(row["stance"] == "requests" and row["published"] >= "2025-10-19" for row in rows)
    assert all("tomahawk" in (row["text"] + row["sentence"]).lower() for row in rows)
    dates = [row["published"] for row in rows]
    assert dates == sorted(dates, reverse=True)


def ask_rows(r: Replay) -> list[dict]:
    question = shlex.split(r.line)[2]
    rows = [row for row in r.rows("ask", question) if row["row"] == "statement"]
    assert rows and table_count(r.out, "statements") == len(rows)
    return rows


def check_ask_tomahawks(r: Replay) -> None:
    rows = ask_rows(r)
    assert all("tomahawk" in row["topics"] for row in rows)
    assert {"Volodymyr Zelensky", "Donald Trump"} <= {row["speaker"] for row in rows}


def check_ask_trump_ceasefire(r: Replay) -> None:
    rows = ask_rows(r)
    assert {row["speaker"] for row in rows} == {"Donald Trump"} and all("ceasefire" in row["topics"] for row in rows)


def check_ask_rejects_ceasefire(r: Replay) -> None:
    rows = ask_rows(r)
    assert {row["stance"] for row in rows} == {"rejects"} and all("ceasefire" in row["topics"] for row in rows)
    assert "Dmitry Peskov" in {row["speaker"] for row in rows}  # "Russia rejected any ceasefire that froze ..."


def check_story_extract(r: Replay) -> None:
    rows = [json.loads(line) for line in r.out.splitlines()]
    calloway = [row for row in rows if row["speaker"] == "Ruth Calloway" and "export controls" in row["text"]]
    assert calloway and calloway[0]["stance"] == "requests" and calloway[0]["contrasted"] == ["tariffs"]
    assert {"sanctions", "tariffs"} <= set(calloway[0]["topics"])


def check_actors(r: Replay) -> None:
    mentioned = r.rows("actors")
    everyone = r.rows("actors", "--all")
    names = {row["name"] for row in mentioned}
    assert {"Volodymyr Zelensky", "Donald Trump", "Dmitry Peskov", "Kaja Kallas"} <= names
    assert "Xi Jinping" not in names and "Xi Jinping" in {row["name"] for row in everyone}
    assert f"Actors mentioned in stored articles ({len(mentioned)})" in r.out


def check_topics(r: Replay) -> None:
    rows = {row["key"]: row for row in r.rows("topics")}
    assert rows["tomahawk"]["statements"] > 0 and "long_range_missiles" in rows["tomahawk"]["broader"]
    assert f"Topics ({len(rows)})" in r.out


def check_positions(r: Replay) -> None:
    rows = r.rows("positions", "--topic", "ceasefire")
    assert rows and {row["topic"] for row in rows} == {"ceasefire"}
    assert any(row["holder"] == "Vladimir Putin" and row["stance"] == "opposes" and row["claimed"]
               and row["reporter"] == "Volodymyr Zelensky" for row in rows)
    assert any(row["holder"] == "Dmitry Peskov" and row["stance"] == "rejects" for row in rows)
    assert f"Positions ({len(rows)})" in r.out


def check_documents(r: Replay) -> None:
    rows = r.rows("documents")
    assert {row["published"] for row in rows} == SEED_DATES | EXAMPLE_DATES
    assert f"Documents ({len(rows)})" in r.out and "2025-10-18" in r.out


def check_sparql_table(r: Replay) -> None:
    assert "5 results" in r.out


def check_sparql_file(r: Replay) -> None:
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows and list(rows[0]) == ["speaker", "topic", "quote"]
    assert any(row["speaker"] == "Volodymyr Zelensky" and row["topic"] == "Tomahawk missiles" for row in rows)


def check_path(r: Replay) -> None:
    assert r.out.startswith("1. Volodymyr Zelensky — Vladimir Putin (1 hop)\n")
    assert "we want that, but Mr Putin does not" in r.out


def check_export_gexf(r: Replay) -> None:
    graph = nx.read_gexf(r.work / shlex.split(r.line)[-1])
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert {"Volodymyr Zelensky", "Donald Trump", "Vladimir Putin"} <= labels
    assert f"the actors network: {graph.number_of_nodes()} nodes" in r.out


def check_export_graphml(r: Replay) -> None:
    graph = nx.read_graphml(r.work / "actors.graphml")
    assert {"Volodymyr Zelensky", "Vladimir Putin"} <= {data.get("label") for _, data in graph.nodes(data=True)}
    assert f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges" in r.out


def check_export_csv(r: Replay) -> None:
    nodes = list(csv.DictReader((r.work / "gephi" / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((r.work / "gephi" / "edges.csv").open(encoding="utf-8")))
    assert "Volodymyr Zelensky" in {node["Label"] for node in nodes} and edges
    assert f"{len(nodes)} nodes, {len(edges)} edges" in r.out


def check_export_full(r: Replay) -> None:
    full = nx.read_gexf(r.work / "full.gexf")
    actors = nx.read_gexf(r.work / "actors.gexf")  # written by the block's first export
    assert full.number_of_nodes() > actors.number_of_nodes()
    assert f"the full network: {full.number_of_nodes()} nodes" in r.out


def check_export_trig(r: Replay) -> None:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(r.work / "store.trig", format="trig")
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    named = {str(g.identifier) for g in dataset.graphs() if str(g.identifier).startswith("https://")}
    assert f"the whole store: {quads} quads in {len(named)} named graphs" in r.out
    assert "https://w3id.org/diplograph/graph/actors" in named


def attribution_f1(out: str) -> float:
    found = re.search(r"attribution \(span \+ speaker\)\W+([\d.]+)\W+([\d.]+)\W+([\d.]+)", out)
    assert found, out
    return float(found.group(3))


def check_eval(r: Replay) -> None:
    assert attribution_f1(r.out) >= 0.9
    if "--details" in r.line:
        assert "SPURIOUS" in r.out or "MISSED" in r.out or "SPEAKER" in r.out


def check_predictions_file(r: Replay) -> None:
    rows = [json.loads(line) for line in (r.work / "predictions.jsonl").read_text().splitlines()]
    assert len(rows) >= 30 and {"doc", "speaker", "text", "start", "end"} <= set(rows[0])


def check_memory_ingest(r: Replay) -> None:
    assert "Documents: 2 new, 0 unchanged, 0 failed." in r.out and "Store memory" in r.out


def check_statements_ceasefire(r: Replay) -> None:
    rows = r.rows("statements", "--store", "oxigraph:./data/graph", "--topic", "ceasefire")
    assert rows and all("ceasefire" in row["topics"] for row in rows)
    assert table_count(r.out, "statements") == len(rows)


def check_merge(r: Replay) -> None:
    assert "Merged 'Alexander Kovalenko' into 'Oleksandr Kovalenko'" in r.out
    rows = r.rows("statements", "--speaker", "Oleksandr Kovalenko")
    assert {row["doc"] for row in rows} == {"example-kremlin-reaction", "example-brussels-support"}
    assert "Alexander Kovalenko" not in {row["name"] for row in r.rows("actors")}


def check_remove(r: Replay) -> None:
    assert r.out.startswith("Removed 004_16d7c908a1f93d37.txt (") and "The store holds 3 documents" in r.out
    assert "004_16d7c908a1f93d37.txt" not in {row["name"] for row in r.rows("documents")}


def check_validate(r: Replay) -> None:
    assert "The store conforms to the SHACL shapes." in r.out


def check_served(r: Replay) -> None:
    assert r.line == "diplograph serve"  # the `served` fixture starts the server with this very command


def ask_answer(r: Replay) -> list[dict]:
    """The rows of an `ask` answer (statements, positions, events, comparison), asked again as JSON lines."""
    question = shlex.split(r.line)[2]
    rows = r.rows("ask", question)
    assert rows, r.line
    return rows


def check_ask_opposes_ceasefire(r: Replay) -> None:
    positions = [row for row in ask_answer(r) if row["row"] == "position"]
    putin = [p for p in positions if p["holder"] == "Vladimir Putin"]
    assert putin and putin[0]["match"] == "claim" and putin[0]["reporter"] == "Volodymyr Zelensky"
    assert all(p["topic"] == "ceasefire" and p["stance"] in {"opposes", "rejects", "warns"} for p in positions)


def check_ask_trump_tomahawks(r: Replay) -> None:
    rows = ask_answer(r)
    assert rows and all(row.get("speaker", row.get("holder")) == "Donald Trump" for row in rows if row["row"] != "event")
    assert any("tomahawk" in row.get("topics", [row.get("topic")]) for row in rows)


def check_ask_zelensky_wants(r: Replay) -> None:
    rows = [json.loads(line) for line in r.out.splitlines()]
    statements = [row for row in rows if row["row"] == "statement"]
    assert statements and all(row["speaker"] == "Volodymyr Zelensky" for row in statements)
    assert any(row["stance"] == "requests" and "tomahawk" in row["topics"] for row in statements)


def check_ask_meetings(r: Replay) -> None:
    events = [row for row in ask_answer(r) if row["row"] == "event"]
    met = {frozenset(e["participants"]) for e in events}
    assert any({"Donald Trump", "Volodymyr Zelensky"} <= m for m in met)
    hungary = [e for e in events if "Vladimir Putin" in e["participants"]]
    assert hungary and all(e["planned"] for e in hungary)  # "is preparing to meet": not held


def check_ask_compare(r: Replay) -> None:
    rows = ask_answer(r)
    holders = {row["holder"] for row in rows if row["row"] == "position"}
    assert {"Donald Trump", "Volodymyr Zelensky"} <= holders
    assert any(row["row"] == "comparison" and row["topic"] == "ceasefire" for row in rows)


def check_ask_typos(r: Replay) -> None:
    assert "did you mean 'Volodymyr Zelensky'" in r.result.output and "did you mean 'tomahawk'" in r.result.output
    statements = [row for row in ask_answer(r) if row["row"] == "statement"]
    assert statements and all(row["speaker"] == "Volodymyr Zelensky" and "tomahawk" in row["topics"] for row in statements)


def titled(r: Replay) -> dict[str, dict]:
    return {row["title"]: row for row in r.rows("documents")}


def check_ingest_pages(r: Replay) -> None:
    assert "2 new, 0 unchanged, 0 failed" in r.out
    pages = [row for row in titled(r).values() if row.get("publisher") in {"The Harbour Ledger", "northerndesk.example"}]
    assert len(pages) == 2 and all(row["published"] for row in pages)


def check_ingest_feed(r: Replay) -> None:
    assert "2 new" in r.out and "0 failed" in r.out
    assert sum(1 for row in titled(r).values() if row.get("publisher") == "Meridian Wire") >= 2


def check_ingest_archive(r: Replay) -> None:
    # the archive's four pages: two new, two the same articles as the saved pages above (stored once)
    assert "2 new, 2 unchanged, 0 failed" in r.out
    assert len(r.rows("documents")) == 6 and "Talvar and Pelagia agree to a monitoring commission" in titled(r)


def check_sparql_outlets(r: Replay) -> None:
    assert "Meridian Wire" in r.out and "The Harbour Ledger" in r.out and "2026-03-14" in r.out


def check_ingest_weeks(r: Replay) -> None:
    assert "4 new, 0 unchanged, 0 failed" in r.out


def check_positions_trump(r: Replay) -> None:
    rows = [row for row in r.rows("positions", "--actor", "Trump", "--topic", "tomahawk") if not row["claimed"]]
    assert len(rows) == 1 and rows[0]["holder"] == "Donald Trump" and rows[0]["stance"] == "supports"
    assert rows[0]["shifts"] == 2 and rows[0]["stances"]["opposes"] >= 1


def check_shifts_trump(r: Replay) -> None:
    rows = r.rows("shifts", "--actor", "Trump", "--topic", "tomahawk")
    assert [(row["from_stance"], row["to_stance"]) for row in rows] == [("opposes", "supports"), ("supports", "opposes")]
    assert "opposes → supports" in r.out


def check_events_planned(r: Replay) -> None:
    assert "Events (1)" in r.out and "planned" in r.out
    every = r.rows("events")
    assert all(row["planned"] == (row["status"] == "planned") for row in every)
    planned = [row for row in every if row["status"] == "planned"]
    assert [set(row["participants"]) for row in planned] == [{"Donald Trump", "Vladimir Putin"}]
    visit = next(row for row in every if row["kind"] == "visit")  # Zelensky at the White House
    assert (visit["status"], visit["guests"]) == ("held", ["Volodymyr Zelensky"]) and "Donald Trump" in visit["hosts"]


def check_repair(r: Replay) -> None:
    assert "nothing was missing" in r.out


def check_index_check(r: Replay) -> None:
    assert "The statements index agrees with the store" in r.out
    documents = len(r.rows("documents"))
    assert f"({documents} documents, " in r.out


def check_index_rebuild(r: Replay) -> None:
    assert re.search(r"Rebuilt the statements index at \S+diplograph-index\.sqlite: \d+ statements", r.out), r.out
    again = r.more("index", "check")
    assert again.exit_code == 0 and "agrees with the store" in again.stdout


COMMAND_CHECKS: dict[str, Callable[[Replay], None]] = {
    "diplograph ingest seeds/ examples/more-articles.jsonl": check_ingest_all,
    "diplograph extract seeds/*.txt --format jsonl": check_extract,
    "diplograph statements --speaker Zelensky --topic weapons_supply --format table": check_statements_speaker_topic,
    "diplograph statements --stance rejects --format csv > rejections.csv": check_rejections_csv,
    "diplograph statements --stance requests --date-from 2025-10-19 --order -date --text Tomahawk": check_statements_dated,
    'diplograph ask "who said what about Tomahawks"': check_ask_tomahawks,
    'diplograph ask "what did Trump say about the ceasefire"': check_ask_trump_ceasefire,
    'diplograph ask "who rejects a ceasefire"': check_ask_rejects_ceasefire,
    "diplograph extract tests/data/stories/dev/us_china_trade_analysis.txt --format jsonl": check_story_extract,
    "diplograph actors": check_actors,
    "diplograph topics": check_topics,
    "diplograph positions --topic ceasefire": check_positions,
    "diplograph documents": check_documents,
    "diplograph sparql 'SELECT ?s ?text WHERE { ?s dg:quote ?text } LIMIT 5'": check_sparql_table,
    "diplograph sparql @examples/query.rq --format csv": check_sparql_file,
    "diplograph path Zelensky Putin": check_path,
    "diplograph export --format gexf -o graph.gexf": check_export_gexf,
    "diplograph path Zelensky Putin --max-hops 3": check_path,
    "diplograph export --format gexf    -o actors.gexf": check_export_gexf,
    "diplograph export --format graphml -o actors.graphml": check_export_graphml,
    "diplograph export --format csv     -o gephi/": check_export_csv,
    "diplograph export --format gexf --view full -o full.gexf": check_export_full,
    "diplograph export --format trig -o store.trig": check_export_trig,
    "diplograph eval seeds/ --gold tests/data/seeds_gold.jsonl --details": check_eval,
    "diplograph serve": check_served,
    "diplograph ingest seeds/ --store memory": check_memory_ingest,
    "diplograph statements --store oxigraph:./data/graph --topic ceasefire": check_statements_ceasefire,
    'diplograph actors merge "Oleksandr Kovalenko" "Alexander Kovalenko"': check_merge,
    "diplograph remove 004_16d7c908a1f93d37.txt": check_remove,
    "diplograph validate": check_validate,
    "diplograph eval seeds/ --gold tests/data/seeds_gold.jsonl --actors tests/data/seeds_actors.jsonl --details": check_eval,
    "diplograph extract seeds/*.txt --format jsonl > predictions.jsonl": check_predictions_file,
    "diplograph eval seeds/ --gold tests/data/seeds_gold.jsonl --predictions predictions.jsonl": check_eval,
    'diplograph ask "who opposes a ceasefire"': check_ask_opposes_ceasefire,
    'diplograph ask "where does Trump stand on Tomahawks"': check_ask_trump_tomahawks,
    'diplograph ask "what does Zelensky want" --format jsonl': check_ask_zelensky_wants,
    'diplograph ask "who met whom"': check_ask_meetings,
    'diplograph ask "compare Trump and Zelensky on the ceasefire"': check_ask_compare,
    'diplograph ask "what did Zelenksy say about Tomahwaks"': check_ask_typos,
    "diplograph ingest tests/data/web/news_site.html tests/data/web/blog.html": check_ingest_pages,
    "diplograph ingest tests/data/web/wire.atom": check_ingest_feed,
    "diplograph ingest tests/data/web/crawl.warc.gz": check_ingest_archive,
    "diplograph sparql 'SELECT ?title ?outlet ?date WHERE { ?d dcterms:title ?title ; dcterms:publisher ?outlet ; schema:datePublished ?date }'": check_sparql_outlets,
    "diplograph ingest examples/tomahawk_weeks.jsonl": check_ingest_weeks,
    "diplograph positions --actor Trump --topic tomahawk": check_positions_trump,
    "diplograph shifts --actor Trump --topic tomahawk": check_shifts_trump,
    "diplograph repair": check_repair,
    "diplograph index check": check_index_check,
    "diplograph index rebuild": check_index_rebuild,
    "diplograph events --status planned": check_events_planned,
}


def test_every_readme_command_has_a_check_and_no_example_reads_outside_the_repository() -> None:
    lines = [line for _, _, line in readme_commands()]
    assert sorted(set(lines)) == sorted(COMMAND_CHECKS), "README commands and checks differ"
    for block in sh_blocks():
        for line in block:
            assert "../" not in line and "/work/" not in line, line


@pytest.mark.parametrize(("block", "index", "line"), readme_commands(), ids=[c[2][:90] for c in readme_commands()])
def test_readme_command(block: int, index: int, line: str, runs: BlockRuns) -> None:
    replay = runs.replay(block, index)
    assert replay.result.exit_code == 0, f"{line}\n{replay.result.output}"
    COMMAND_CHECKS[line](replay)


# ---------------------------------------------------------------- the curl examples, against `diplograph serve`


@dataclass
class Answer:
    status: int
    content_type: str
    body: str

    def json(self):  # noqa: ANN201 - any JSON
        return json.loads(self.body)


@dataclass(frozen=True)
class Server:
    base: str  # http://127.0.0.1:PORT
    work: Path  # the folder it runs in (curl runs there too: @examples/..., -o files)


@pytest.fixture(scope="module")
def served(base_store: Path, live_server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`diplograph serve`, exactly as the README writes it, over the seeds and examples; the port and
    the token come from the environment (DIPLOGRAPH_PORT, DIPLOGRAPH_API_TOKEN)."""
    work = new_workdir(tmp_path_factory.mktemp("served") / "work", base_store)
    words = shlex.split(next(line for _, _, line in readme_commands() if line.startswith("diplograph serve")))
    assert words[:2] == ["diplograph", "serve"]
    with live_server(words[2:], cwd=work, env={"DIPLOGRAPH_API_TOKEN": TOKEN, "DIPLOGRAPH_STORE": ""}) as base:
        yield Server(base, work)


def run_curl(base: str, work: Path, prefix: str, line: str) -> Answer:
    command = line.replace("http://127.0.0.1:8000", base).replace("'127.0.0.1:8000", f"'{base}")
    command = command.replace("curl ", "curl -s -S -w '\\n%{http_code} %{content_type}' ", 1)
    done = subprocess.run(["bash", "-c", f"{prefix}\n{command}"], cwd=work, capture_output=True, text=True,
                          env={**os.environ, "DIPLOGRAPH_API_TOKEN": TOKEN}, timeout=60)
    assert done.returncode == 0, done.stderr
    body, _, trailer = done.stdout.rpartition("\n")
    status, _, content_type = trailer.partition(" ")
    return Answer(int(status), content_type.split(";")[0], body)


def ask_sparql(base: str, query: str) -> dict:
    request = urllib.request.Request(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def statement_rows(answer: Answer) -> list[dict]:
    assert answer.status == 200 and answer.content_type == "application/json", answer.body
    body = answer.json()
    return body["statements"] if isinstance(body, dict) else body


def check_ask_about_tomahawks(answer: Answer, server: Server) -> None:
    rows = statement_rows(answer)
    assert rows and all("tomahawk" in row["topics"] for row in rows)
    assert {"Volodymyr Zelensky", "Donald Trump"} <= {row["speaker"] for row in rows}


def check_zelensky_tomahawk(answer: Answer, server: Server) -> None:
    rows = statement_rows(answer)
    assert 0 < len(rows) <= 5 and {row["speaker"] for row in rows} == {"Volodymyr Zelensky"}
    assert all("tomahawk" in row["topics"] for row in rows)


def check_requests_since(answer: Answer, server: Server) -> None:
    rows = statement_rows(answer)
    assert rows and {row["stance"] for row in rows} == {"requests"}
    dates = [row["published"] for row in rows]
    assert min(dates) >= "2025-10-19" and dates == sorted(dates, reverse=True)


def check_ask_rejects(answer: Answer, server: Server) -> None:
    rows = statement_rows(answer)
    assert rows and {row["stance"] for row in rows} == {"rejects"} and all("ceasefire" in row["topics"] for row in rows)


def check_actor_list(answer: Answer, server: Server) -> None:
    names = {actor["name"] for actor in statement_rows(answer)}
    with urllib.request.urlopen(f"{server.base}/health") as response:
        assert len(names) == json.loads(response.read())["actors"]
    assert {"Volodymyr Zelensky", "Dmitry Peskov"} <= names and "Xi Jinping" not in names


def check_actor_profile(answer: Answer, server: Server) -> None:
    profile = answer.json()
    assert answer.status == 200 and profile["name"] == "Volodymyr Zelensky" and profile["statements"]
    assert len(profile["statements"]) <= 5 and profile["statement_count"] >= len(profile["statements"])


def check_ceasefire_positions(answer: Answer, server: Server) -> None:
    rows = statement_rows(answer)
    assert any(row["holder"] == "Vladimir Putin" and row["stance"] == "opposes" and row["claimed"] for row in rows)


def check_bad_export_format(answer: Answer, server: Server) -> None:
    assert answer.status == 422 and answer.content_type == "application/json"
    body = answer.json()
    assert set(body) == {"error", "message"} and body["error"] == "invalid parameter"
    assert body["message"].startswith("format: ") and "gexf" in body["message"]


def check_post_text(answer: Answer, server: Server) -> None:
    body = answer.json()
    assert answer.status == 201 and body["doc"] == "wire-1.txt" and body["changed"]
    assert any(s["speaker"] == "Andrii Sybiha" for s in body["statements"])


def check_post_json(answer: Answer, server: Server) -> None:
    body = answer.json()
    assert answer.status == 201 and body["doc"] == "wire-2" and "Andrii Sybiha" in body["actors"]


def check_post_html(answer: Answer, server: Server) -> None:
    body = answer.json()
    assert answer.status == 201, body
    listed = {row["name"]: row for row in json.loads(urllib.request.urlopen(f"{server.base}/documents").read())}
    page = listed[body["doc"]]
    assert page["publisher"] == "The Harbour Ledger" and page["url"].startswith("https://harbourledger.example/")


def check_delete(answer: Answer, server: Server) -> None:
    assert answer.status == 200 and [row["doc"] for row in answer.json()["removed"]] == ["wire-1.txt"]
    with urllib.request.urlopen(f"{server.base}/documents") as response:
        names = {doc["name"] for doc in json.loads(response.read())}
    assert "wire-1.txt" not in names and "wire-2" in names


def check_paths(answer: Answer, server: Server) -> None:
    found = answer.json()
    assert answer.status == 200 and 0 < len(found) <= 3
    assert [node["label"] for node in found[0]["nodes"]] == ["Volodymyr Zelensky", "Vladimir Putin"]
    assert all(path["length"] <= 4 and path["hops"][0]["evidence"] for path in found)


def check_export_download(answer: Answer, server: Server) -> None:
    assert answer.status == 200 and answer.content_type == "application/gexf+xml"
    graph = nx.read_gexf(server.work / "actors.gexf")
    assert "Volodymyr Zelensky" in {data.get("label") for _, data in graph.nodes(data=True)}


def select_rows(answer: Answer) -> list[tuple[str, str]]:
    assert answer.status == 200 and answer.content_type == "application/sparql-results+json", answer.body
    rows = [(b["speaker"]["value"], b["quote"]["value"]) for b in answer.json()["results"]["bindings"]]
    assert len(rows) == 5 and all(speaker and quote for speaker, quote in rows)
    return rows


def check_select_json(answer: Answer, server: Server) -> None:
    select_rows(answer)


def check_select_xml(answer: Answer, server: Server) -> None:
    assert answer.content_type == "application/sparql-results+xml"
    results = ElementTree.fromstring(answer.body).findall(".//{http://www.w3.org/2005/sparql-results#}result")
    assert len(results) == 5


def check_select_csv(answer: Answer, server: Server) -> None:
    rows = list(csv.reader(io.StringIO(answer.body)))
    assert answer.content_type == "text/csv" and rows[0] == ["speaker", "quote"] and len(rows) == 6


def check_select_tsv(answer: Answer, server: Server) -> None:
    rows = answer.body.strip().split("\n")
    assert answer.content_type == "text/tab-separated-values" and rows[0] == "?speaker\t?quote" and len(rows) == 6


def construct_graph(answer: Answer, fmt: str, media: str) -> Graph:
    assert answer.status == 200 and answer.content_type == media, answer.body
    graph = Graph().parse(data=answer.body, format=fmt)
    assert len(graph) > 0 and set(graph.predicates()) == {DG.quote}
    return graph


def check_construct(fmt: str, media: str) -> Callable[[Answer, Server], None]:
    def check(answer: Answer, server: Server) -> None:
        construct_graph(answer, fmt, media)
    return check


def check_describe(answer: Answer, server: Server) -> None:
    graph = Graph().parse(data=answer.body, format="turtle")
    zelensky = URIRef("https://w3id.org/diplograph/actor/volodymyr_zelensky")
    assert answer.content_type == "text/turtle" and str(graph.value(zelensky, SKOS.prefLabel)) == "Volodymyr Zelensky"


def check_service_description(answer: Answer, server: Server) -> None:
    graph = Graph().parse(data=answer.body, format="turtle")
    assert answer.content_type == "text/turtle" and any(graph.subjects(RDF.type, SD.Service))


def check_update(answer: Answer, server: Server) -> None:
    assert 200 <= answer.status < 300, answer.body
    assert ask_sparql(server.base, 'ASK { GRAPH <urn:notes> { <urn:a> <urn:b> "c" } }')["boolean"] is True


CURL_CHECKS: dict[str, Callable[[Answer, Server], None]] = {
    "ask?q=who+said+what+about+Tomahawks": check_ask_about_tomahawks,
    "statements?speaker=Zelensky&topic=tomahawk&limit=5": check_zelensky_tomahawk,
    "statements?stance=requests&date_from=2025-10-19&order=-date": check_requests_since,
    "q=who rejects a ceasefire": check_ask_rejects,
    "8000/actors'": check_actor_list,
    "8000/actors/Zelensky?limit=5'": check_actor_profile,
    "positions?topic=ceasefire&limit=20": check_ceasefire_positions,
    "export?format=xlsx": check_bad_export_format,
    "name=wire-1.txt": check_post_text,
    '"id": "wire-2"': check_post_json,
    "Content-Type: text/html": check_post_html,
    "-X DELETE": check_delete,
    "\"query=$Q\" -H 'Accept: text/csv'": check_select_csv,
    "\"query=$Q\" -H 'Accept: text/tab-separated-values'": check_select_tsv,
    '-G http://127.0.0.1:8000/sparql --data-urlencode "query=$Q"\n': check_select_json,
    "'Accept: application/sparql-results+xml'": check_select_xml,
    'curl http://127.0.0.1:8000/sparql --data-urlencode "query=$Q"\n': check_select_json,
    '--data-binary "$Q"': check_select_json,
    "\"query=$C\" -H 'Accept: text/turtle'": check_construct("turtle", "text/turtle"),
    "\"query=$C\" -H 'Accept: application/n-triples'": check_construct("nt", "application/n-triples"),
    "\"query=$C\" -H 'Accept: application/ld+json'": check_construct("json-ld", "application/ld+json"),
    "\"query=$C\" -H 'Accept: application/rdf+xml'": check_construct("xml", "application/rdf+xml"),
    "DESCRIBE actor:volodymyr_zelensky": check_describe,
    "sparql -H 'Accept: text/turtle'": check_service_description,
    "INSERT DATA": check_update,
    "paths?a=Zelensky&b=Putin": check_paths,
    "-o actors.gexf": check_export_download,
}


def curl_check(line: str) -> Callable[[Answer, Server], None]:
    """The one check whose key the curl line holds (a key ending in a newline must end the line)."""
    keys = [key for key in CURL_CHECKS if key in line + "\n"]
    assert len(keys) == 1, f"README curl example with {len(keys)} checks instead of one: {line} {keys}"
    return CURL_CHECKS[keys[0]]


def test_every_curl_example_has_a_check() -> None:
    steps = [line for _, line in curl_steps()]
    used = {key for line in steps for key in CURL_CHECKS if key in line + "\n"}
    assert len(steps) >= 25
    for line in steps:
        curl_check(line)
    assert used == set(CURL_CHECKS), f"checks no README line uses: {set(CURL_CHECKS) - used}"


@pytest.mark.parametrize(("prefix", "line"), curl_steps(), ids=[line[:90] for _, line in curl_steps()])
def test_readme_curl_example(prefix: str, line: str, served: Server) -> None:
    answer = run_curl(served.base, served.work, prefix, line)
    curl_check(line)(answer, served)
