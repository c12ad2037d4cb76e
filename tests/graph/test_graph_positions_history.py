"""Position summaries, their history and shifts, utterances reported many times, and meetings that did
or did not happen: the real extractor on articles written for these tests, stored, read back."""
from __future__ import annotations

import io
from collections.abc import Iterator

import networkx as nx
import pytest
from lxml import etree

from diplograph.extract.records import Document, Extraction
from diplograph.graph.store import GraphStore, open_store
from diplograph.ontology.terms import ACTOR, TOPIC

pipeline = pytest.importorskip("diplograph.extract.pipeline")

# Trump on Tomahawks over four weeks: supports, supports, opposes, supports again (two shifts).
TOMAHAWK_WEEKS = [
    ("trump-1.txt", "2025-10-01", "Trump weighs Tomahawks\n"
     "President Donald Trump said on Monday that he supports sending Tomahawk missiles to Ukraine."),
    ("trump-2.txt", "2025-10-08", "Trump and Tomahawks\n"
     "President Donald Trump said he supports giving Tomahawks to Kyiv."),
    ("trump-3.txt", "2025-10-15", "Trump cools on Tomahawks\n"
     "President Donald Trump said he opposes sending Tomahawks to Ukraine for now."),
    ("trump-4.txt", "2025-10-22", "Trump again backs Tomahawks\n"
     "President Donald Trump said on Tuesday that he supports sending Tomahawks to Ukraine after all."),
]

# One wire story, republished by five outlets with their own datelines and light edits.
WIRE = ("Ukrainian President Volodymyr Zelensky said on Sunday: \"We support a ceasefire along the current "
        "front line, and we are ready to talk.\"")
OUTLETS = ["daily-planet.example", "the-courier.example", "morning-post.example", "evening-star.example",
           "harbour-times.example"]
WIRE_ENDINGS = ["He spoke after a night of drone attacks.", "He spoke after a night of drone attacks on Kyiv.",
                "The remarks followed overnight drone attacks.", "He spoke after a night of drone strikes.",
                "He spoke in Kyiv after a night of drone attacks."]


@pytest.fixture(scope="module")
def extractor() -> object:
    return pipeline.Extractor()


def read(extractor: object, name: str, published: str, text: str, url: str = "") -> Extraction:
    return extractor.extract(Document(name=name, text=text, clean=text, published=published, url=url))  # type: ignore[attr-defined]


@pytest.fixture(params=["memory", "oxigraph"])
def empty(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:  # noqa: ANN001
    store = open_store("memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'graph'}")
    yield store
    store.close()


@pytest.fixture
def weeks(extractor: object) -> list[Extraction]:
    return [read(extractor, name, published, text) for name, published, text in TOMAHAWK_WEEKS]


@pytest.fixture
def wire(extractor: object) -> list[Extraction]:
    return [read(extractor, f"wire-{i}.txt", "2025-11-03", f"Zelensky backs truce\nKYIV ({outlet}) - {WIRE} {ending}",
                 url=f"https://www.{outlet}/world/zelensky-truce")
            for i, (outlet, ending) in enumerate(zip(OUTLETS, WIRE_ENDINGS))]


def test_four_dated_statements_changing_twice_give_one_summary_and_two_shifts(
        empty: GraphStore, weeks: list[Extraction]) -> None:
    for extraction in reversed(weeks):  # stored out of order: the history follows the dates, not the ingest
        empty.add(extraction)
    summaries = empty.positions(actor="Trump", topic="tomahawk")
    assert len(summaries) == 1
    summary = summaries[0]
    assert (summary.stance, summary.count, summary.shifts) == ("supports", 4, 2)
    assert summary.stances == {"supports": 3, "opposes": 1}
    # "on Monday" of an article of Wednesday 1 October is 29 September; "on Tuesday" of 22 October, the 21st
    assert (summary.first_date, summary.last_date) == ("2025-09-29", "2025-10-21")
    assert [e.date for e in summary.evidence] == ["2025-09-29", "2025-10-08", "2025-10-15", "2025-10-21"]
    assert [e.doc for e in summary.evidence] == ["trump-1.txt", "trump-2.txt", "trump-3.txt", "trump-4.txt"]
    first = summary.evidence[0]
    article = TOMAHAWK_WEEKS[0][2]
    assert article[first.start:first.end] == first.text and first.sentence.startswith("President Donald Trump said")

    shifts = empty.shifts(actor="Trump", topic="tomahawk")
    assert [(s.from_stance, s.to_stance, s.date) for s in shifts] == [
        ("opposes", "supports", "2025-10-21"), ("supports", "opposes", "2025-10-15")]  # newest first
    assert (shifts[1].before.doc, shifts[1].after.doc) == ("trump-2.txt", "trump-3.txt")
    assert [s.date for s in empty.shifts(since="2025-10-20")] == ["2025-10-21"]
    assert empty.shifts(actor="Zelensky") == []


def test_shifts_are_in_the_graph_with_the_statements_on_either_side(empty: GraphStore, weeks: list[Extraction]) -> None:
    empty.add_many(weeks)
    rows = list(empty.query("""SELECT ?from ?to ?before ?after WHERE { GRAPH ?g {
        ?x a dg:Shift ; dg:holder <%s> ; dg:topic <%s> ; dg:fromStance ?from ; dg:toStance ?to ;
           dg:before ?b ; dg:after ?a } ?b dg:quote ?before . ?a dg:quote ?after } ORDER BY ?before""" % (
        ACTOR["donald_trump"], TOPIC["tomahawk"])))
    assert {(str(r[0]).rsplit("/", 1)[-1], str(r[1]).rsplit("/", 1)[-1]) for r in rows} == {
        ("supports", "opposes"), ("opposes", "supports")}
    assert {str(r[2]) for r in rows} | {str(r[3]) for r in rows} >= {"he supports giving Tomahawks to Kyiv",
                                                                   "he opposes sending Tomahawks to Ukraine for now"}
    assert empty.validate().conforms


def test_removing_an_article_recounts_the_history(empty: GraphStore, weeks: list[Extraction]) -> None:
    empty.add_many(weeks)
    assert empty.remove("trump-3.txt")
    summary = empty.positions(actor="Trump", topic="tomahawk")[0]
    assert (summary.stance, summary.count, summary.shifts, summary.stances) == ("supports", 3, 0, {"supports": 3})
    assert empty.shifts() == []


def test_five_copies_of_a_wire_story_are_one_utterance_with_five_reports(
        empty: GraphStore, wire: list[Extraction]) -> None:
    empty.add_many(wire[:2])
    for copy in wire[2:]:  # later copies meet the stored ones through their band keys
        empty.add(copy)
    summary = next(p for p in empty.positions(actor="Zelensky", topic="ceasefire") if p.stance == "supports")
    # each copy says the same things (the headline "Zelensky backs truce" is a statement of its own, by
    # the guide): every one is one utterance, reported once per outlet
    said = [s for s in wire[0].statements if s.speaker == "Volodymyr Zelensky" and s.stance == "supports"]
    assert said and (summary.count, summary.reports) == (len(said), 5 * len(said))
    assert {e.outlet for e in summary.evidence} == set(OUTLETS)
    by_utterance: dict[str, set[str]] = {}
    for e in summary.evidence:
        by_utterance.setdefault(e.utterance, set()).add(e.outlet)
    assert len(by_utterance) == len(said) and all(outlets == set(OUTLETS) for outlets in by_utterance.values())
    for e in summary.evidence:  # each report keeps its own article and offsets
        text = next(x.document.text for x in wire if x.document.name == e.doc)
        assert text[e.start:e.end] == e.text
    edge = nx_of(empty).get_edge_data(str(ACTOR["volodymyr_zelensky"]), str(TOPIC["ceasefire"]))["position"]
    assert edge["weight"] == float(len(said)) and edge["stance"] == "supports"  # weight in utterances, not reports


def test_different_words_of_one_speaker_stay_apart(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "a.txt", "2025-11-01", "Truce talk\nZelensky said: \"We support a ceasefire "
                   "along the current front line, and we are ready to talk.\""))
    empty.add(read(extractor, "b.txt", "2025-11-02", "Truce talk again\nZelensky said: \"A ceasefire would "
                   "help, but only with security guarantees from our partners.\""))
    rows = empty.positions(actor="Zelensky", topic="ceasefire")
    assert sum(p.count for p in rows) == sum(p.reports for p in rows) == 2


def test_a_planned_meeting_is_no_met_edge(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "plan.txt", "2025-10-17",
                   "Budapest summit\nTrump is preparing to meet Putin in Budapest, the White House said."))
    status = [str(r[0]) for r in empty.query("SELECT ?s WHERE { ?e a dg:Event ; dg:status ?s }")]
    assert [s.rsplit("#", 1)[-1] for s in status] == ["Planned"]
    network = nx_of(empty)
    trump, putin = str(ACTOR["donald_trump"]), str(ACTOR["vladimir_putin"])
    links = {**(network.get_edge_data(trump, putin) or {}), **(network.get_edge_data(putin, trump) or {})}
    assert "met" not in links and "planned meeting" in links


def test_a_visit_is_a_held_meeting_between_guest_and_host(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "visit.txt", "2025-10-18",
                   "Zelensky in Washington\nZelensky visited Trump at the White House on Friday."))
    rows = list(empty.query("""SELECT ?status ?guest ?host ?date WHERE { ?e a dg:Event ; dg:kind "visit" ;
        dg:status ?status ; dg:guest ?guest ; dg:host ?host ; dg:date ?date }"""))
    assert [(str(s).rsplit("#", 1)[-1], str(g), str(h), str(d)) for s, g, h, d in rows] == [
        ("Held", str(ACTOR["volodymyr_zelensky"]), str(ACTOR["donald_trump"]), "2025-10-17")]
    network = nx_of(empty)
    links = {**(network.get_edge_data(str(ACTOR["donald_trump"]), str(ACTOR["volodymyr_zelensky"])) or {}),
             **(network.get_edge_data(str(ACTOR["volodymyr_zelensky"]), str(ACTOR["donald_trump"])) or {})}
    assert "met" in links
    roles = {source: data["role"] for source, _, data in network.edges(data=True) if data["relation"] == "took part"}
    assert roles == {str(ACTOR["volodymyr_zelensky"]): "guest", str(ACTOR["donald_trump"]): "host"}
    out = io.BytesIO()
    empty.export("gexf", out)
    ns = {"g": "http://gexf.net/1.3"}
    exported = {(e.get("source"), v.get("value")) for e in etree.fromstring(out.getvalue()).iterfind(".//g:edge", ns)
                for v in e.iterfind(".//g:attvalue", ns) if v.get("for") == "role" and v.get("value")}
    assert exported == set(roles.items())


def test_a_cancelled_summit_is_its_own_kind_of_edge(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "off.txt", "2025-10-22",
                   "Summit off\nTrump called off a planned summit with Putin in Budapest."))
    network = nx_of(empty)
    trump, putin = str(ACTOR["donald_trump"]), str(ACTOR["vladimir_putin"])
    links = {**(network.get_edge_data(trump, putin) or {}), **(network.get_edge_data(putin, trump) or {})}
    assert set(links) == {"cancelled meeting"}


def test_gexf_edges_carry_the_current_stance_its_shifts_and_its_stance_over_time(
        empty: GraphStore, weeks: list[Extraction]) -> None:
    empty.add_many(weeks)
    out = io.BytesIO()
    empty.export("gexf", out)
    ns = {"g": "http://gexf.net/1.3"}
    document = etree.fromstring(out.getvalue())
    edge = next(e for e in document.iterfind(".//g:edge", ns)
                if e.get("source") == str(ACTOR["donald_trump"]) and e.get("target") == str(TOPIC["tomahawk"]))
    values = {(v.get("for"), v.get("value"), v.get("start"), v.get("end")) for v in edge.iterfind(".//g:attvalue", ns)}
    assert ("stance", "supports", None, None) in values and ("shift", "2", None, None) in values
    over_time = sorted(v for v in values if v[0] == "stance_over_time")
    assert over_time == [("stance_over_time", "opposes", "2025-10-15", "2025-10-21"),
                         ("stance_over_time", "supports", "2025-09-29", "2025-10-15"),
                         ("stance_over_time", "supports", "2025-10-21", None)]


def test_an_undated_article_says_so(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "undated.txt", "", "Tomahawks\nPresident Donald Trump said he opposes sending "
                   "Tomahawks to Ukraine for now."))
    summary = empty.positions(actor="Trump", topic="tomahawk")[0]
    assert (summary.undated, summary.first_date, summary.evidence[0].dated, summary.evidence[0].date) == (1, "", False, "")


def nx_of(store: GraphStore) -> nx.MultiDiGraph:
    from diplograph.graph.network import actor_network

    return actor_network(store)


def test_a_visit_to_a_seat_of_government_is_a_meeting_with_its_leader(empty: GraphStore, extractor: object) -> None:
    empty.add(read(extractor, "seat.txt", "2025-10-18", "Zelensky at the White House\nUkrainian President "
                   "Volodymyr Zelensky visited the White House on Friday, but US President Donald Trump declined "
                   "to promise new missiles."))
    hosts = {str(r[0]) for r in empty.query("SELECT ?h WHERE { ?e a dg:Event ; dg:host ?h }")}
    assert str(ACTOR["donald_trump"]) in hosts
    network = nx_of(empty)
    assert "met" in (network.get_edge_data(str(ACTOR["volodymyr_zelensky"]), str(ACTOR["donald_trump"])) or {}) or \
        "met" in (network.get_edge_data(str(ACTOR["donald_trump"]), str(ACTOR["volodymyr_zelensky"])) or {})


def positions_graph(store: GraphStore) -> set[tuple[str, str, str]]:
    """Every triple of the positions graph (positions, stance counts, shifts, utterance links)."""
    rows = store._select("SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/diplograph/graph/positions> { ?s ?p ?o } }")
    return {(str(r.s), str(r.p), str(r.o)) for r in rows}


def test_positions_written_batch_by_batch_equal_a_full_rebuild(empty: GraphStore, weeks: list[Extraction],
                                                               wire: list[Extraction]) -> None:
    """Each write recomputes only the holder × topic pairs it touches; after batches that land in the
    middle of histories (weeks out of date order), repeated reports and a removal, the positions graph
    is the one a rebuild of every position from the evidence gives."""
    for batch in ([weeks[3], wire[0]], [weeks[0]], [weeks[2], wire[1], wire[2]], [weeks[1]], wire[3:]):
        empty.add_many(batch)
    assert empty.remove("wire-2.txt")
    folded, shifts = positions_graph(empty), [s.to_json() for s in empty.shifts()]
    empty.refresh_positions()
    assert positions_graph(empty) == folded
    assert [s.to_json() for s in empty.shifts()] == shifts
    trump = empty.positions(actor="Trump", topic="tomahawk")
    assert [(p.stance, p.count, p.shifts) for p in trump] == [("supports", 4, 2)]
