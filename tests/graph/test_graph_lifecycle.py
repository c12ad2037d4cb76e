"""Documents over time: claims and positions, replacing a changed version, removing, merging actors."""
from __future__ import annotations

import dataclasses

import pytest

from diplograph.extract.records import Claim, Extraction
from diplograph.graph.store import AmbiguousReference, GraphStore, QueryError
from diplograph.ontology.terms import actor_iri

PUTIN = actor_iri("Vladimir Putin")


def with_claim(extraction: Extraction) -> Extraction:
    """Zelensky's statement, plus his claim that Putin rejects long-range missiles for Ukraine."""
    told = extraction.statements[1]
    claim = Claim(holder="Vladimir Putin", holder_id=PUTIN, stance="rejects", text="Putin does not want it")
    statements = (extraction.statements[0], dataclasses.replace(told, claims=(claim,)), extraction.statements[2])
    return dataclasses.replace(extraction, statements=statements)


def new_version(extraction: Extraction, extra: str) -> Extraction:
    text = extraction.document.text + extra
    return dataclasses.replace(extraction, document=dataclasses.replace(extraction.document, text=text, clean=text))


def test_positions_count_evidence_and_dates(filled: GraphStore, kremlin: Extraction) -> None:
    positions = {(p.holder, p.topic, p.stance): p for p in filled.positions()}
    peskov = positions[("Dmitry Peskov", "tomahawk", "warns")]
    assert (peskov.count, peskov.first_date, peskov.last_date, peskov.claimed) == (1, "2025-10-13", "2025-10-13", False)
    assert peskov.reporter == "Dmitry Peskov"
    evidence = filled.statements(doc="kremlin.txt")
    assert peskov.evidence_iris == tuple(r.iri for r in evidence if "tomahawk" in r.topics)
    assert sum(p.count for p in filled.positions()) == sum(len(r.topics) for r in filled.statements())
    assert [p.topic for p in filled.positions(actor="Peskov", topic="long_range_missiles")] == ["tomahawk"]


def test_a_claim_about_putin_is_kept_apart_from_putins_own_words(store: GraphStore, white_house: Extraction) -> None:
    store.add(with_claim(white_house))
    about_putin = store.positions(actor="Vladimir Putin")
    assert len(about_putin) == 1
    claim = about_putin[0]
    assert (claim.stance, claim.claimed, claim.reporter, claim.topic) == (
        "rejects", True, "Volodymyr Zelensky", "long_range_missiles")
    assert store.positions(actor="Putin", claimed=False) == []
    assert store.statements(speaker="Putin") == [], "Putin said nothing: the claim is Zelensky's"
    profile = store.actor("Putin")
    assert profile is not None and profile.positions == () and len(profile.claimed_positions) == 1


def test_a_changed_version_replaces_the_old_one(store: GraphStore, kremlin: Extraction) -> None:
    first = store.add(kremlin)
    before = store.counts()
    second = store.add(new_version(kremlin, " Talks will resume."))
    assert second.changed and second.replaced == (first.doc_iri,)
    assert store.counts().documents == 1 and store.counts().statements == before.statements
    assert [d.content_hash for d in store.documents()] != [kremlin.document.content_hash]
    assert store.add(new_version(kremlin, " Talks will resume.")).changed is False


def test_remove_deletes_the_graph_and_what_derived_from_it(filled: GraphStore) -> None:
    assert any(p.holder == "Dmitry Peskov" for p in filled.positions())
    assert filled.actors(query="European allies")
    [removed] = filled.remove("kremlin.txt")
    assert removed.name == "kremlin.txt" and len(removed.content_hash) == 64
    assert filled.statements(doc="kremlin.txt") == []
    assert not any(p.holder == "Dmitry Peskov" for p in filled.positions())
    assert filled.actors(query="European allies") == [], "an actor found only in the removed text goes too"
    assert filled.actors(query="Peskov"), "gazetteer actors stay"
    assert [d.name for d in filled.documents()] == ["white_house.txt"]
    assert filled.remove("kremlin.txt") == []


def test_remove_needs_a_reference_to_exactly_one_document(filled: GraphStore) -> None:
    rows = filled._select("PREFIX dg: <https://w3id.org/diplograph/ontology#> "
                          "SELECT ?h WHERE { ?d a dg:Document ; dg:contentHash ?h }")
    all_hashes = sorted(str(row[0]) for row in rows)
    assert len(all_hashes) == 2
    for short in (all_hashes[0][:1], all_hashes[0][:7]):  # too short to name one document, even if one fits
        with pytest.raises(AmbiguousReference) as refused:
            filled.remove(short)
        assert "at least 8" in str(refused.value) and all_hashes[0][:12] in str(refused.value)
    assert len(filled.documents()) == 2, "nothing is removed on an ambiguous reference"
    [removed] = filled.remove(all_hashes[0][:8])
    assert removed.content_hash == all_hashes[0]
    assert len(filled.documents()) == 1


def test_merge_moves_statements_and_aliases_and_is_recorded(filled: GraphStore, kremlin: Extraction) -> None:
    filled.merge_actors("Volodymyr Zelensky", "senior European diplomat")
    texts = [r.text for r in filled.statements(speaker="Zelensky")]
    assert "sanctions on Russian oil would stay in place" in texts
    assert "senior European diplomat" in filled.actors(query="Zelensky")[0].aliases
    recorded = filled.query("""SELECT ?kept ?label WHERE { ?m a dg:ActorMerge ; dg:kept ?kept ;
                               dg:merged actor:senior_european_diplomat ; dg:mergedLabel ?label ; prov:endedAtTime ?t }""")
    assert [(str(r[0]), str(r[1])) for r in recorded] == [(actor_iri("Volodymyr Zelensky"), "senior European diplomat")]
    assert any(p.topic == "sanctions" for p in filled.positions(actor="Zelensky"))
    profile = filled.actor("Zelensky")
    assert profile is not None and profile.merged_from == (actor_iri("senior European diplomat"),)


def test_documents_ingested_after_a_merge_name_the_kept_actor(store: GraphStore, white_house: Extraction) -> None:
    store.add(white_house)
    store.merge_actors("Volodymyr Zelensky", "senior European diplomat")
    store.add(new_version(white_house, " More later."))
    speakers = {r.speaker for r in store.statements()}
    assert "senior European diplomat" not in speakers and "Volodymyr Zelensky" in speakers


@pytest.mark.parametrize("keep, drop, message", [
    ("Zelensky", "Zelensky", "same actor"),
    ("Zelensky", "Nobody At All", "no actor named"),
])
def test_bad_merges_are_refused(filled: GraphStore, keep: str, drop: str, message: str) -> None:
    before = filled.counts()
    with pytest.raises(QueryError, match=message):
        filled.merge_actors(keep, drop)
    assert filled.counts() == before


def test_add_many_writes_in_batches(store: GraphStore, kremlin: Extraction, white_house: Extraction) -> None:
    results = store.add_many([kremlin, white_house, kremlin], batch_quads=10)
    assert [r.changed for r in results] == [True, True, False]
    expected = {(r.speaker_id, t) for r in store.statements() for t in r.topics}  # one position per holder x topic
    assert store.counts().documents == 2 and len(store.positions()) == len(expected) == 7


def test_provenance_reaches_the_characters_and_the_run(filled: GraphStore, kremlin: Extraction) -> None:
    rows = list(filled.query("""SELECT ?quote ?start ?end ?hash ?version ?when ?confidence WHERE {
        ?st a dg:Statement ; dg:quote ?quote ; dg:start ?start ; dg:end ?end ; dg:confidence ?confidence ;
            prov:wasGeneratedBy ?run ; dg:inDocument ?doc .
        ?doc dg:contentHash ?hash . ?run a prov:Activity ; dg:extractorVersion ?version ; prov:endedAtTime ?when }"""))
    text = {kremlin.document.content_hash: kremlin.document.text}
    checked = 0
    for quote, start, end, content_hash, version, when, confidence in rows:
        assert str(version).startswith("diplograph ") and str(when)[:2] == "20" and 0 <= float(confidence) <= 1
        if str(content_hash) in text:
            assert text[str(content_hash)][int(start):int(end)] == str(quote)
            checked += 1
    assert checked == 3 and len(rows) == 6
    codes = {str(r[0]) for r in filled.query("SELECT ?c WHERE { ?st dg:cameoCode ?c }")}
    assert {"0232", "130", "125"} <= codes  # Sybiha asks for air defence; Peskov warns; rejects a ceasefire
