"""GraphStore.statements(): filters by speaker alias, topic (with narrower topics), stance, kind, doc."""
from __future__ import annotations

import pytest

from diplograph.extract.records import Extraction
from diplograph.graph.store import GraphStore, QueryError, StatementRow
from diplograph.ontology.lexicon import topic_descendants
from diplograph.ontology.terms import actor_iri


def texts(rows: list[StatementRow]) -> list[str]:
    return [row.text for row in rows]


def test_rows_carry_everything_the_json_contract_needs(filled: GraphStore, kremlin: Extraction) -> None:
    rows = filled.statements(doc="kremlin.txt")
    assert texts(rows) == [s.text for s in kremlin.statements]
    sybiha = rows[2]
    assert sybiha.speaker == "Andrii Sybiha" and sybiha.speaker_id == actor_iri("Andrii Sybiha")
    assert (sybiha.kind, sybiha.cue, sybiha.stance) == ("reported", "urged", "requests")
    assert sybiha.topics == ("air_defense",) and sybiha.addressees == ("European allies",)
    assert (sybiha.title, sybiha.published, sybiha.url) == (
        "Kremlin warns against Tomahawks", "2025-10-13", "https://example.org/kremlin")
    assert kremlin.document.text[sybiha.start:sybiha.end] == sybiha.text
    assert sybiha.sentence.startswith("Ukrainian Foreign Minister Andrii Sybiha urged")
    assert sybiha.confidence == pytest.approx(0.8)
    data = sybiha.to_json()
    assert data["topics"] == ["air_defense"] and data["addressees"] == ["European allies"]
    assert data["doc"] == "kremlin.txt"


def test_rows_are_ordered_by_document_then_offset(filled: GraphStore) -> None:
    rows = filled.statements()
    assert [r.doc for r in rows] == ["kremlin.txt"] * 3 + ["white_house.txt"] * 3
    assert [r.start for r in rows[:3]] == sorted(r.start for r in rows[:3])
    assert len(filled.statements(limit=2)) == 2


@pytest.mark.parametrize("speaker", [
    "Dmitry Peskov", "dmitry peskov", "Peskov", "MR PESKOV", "the Kremlin spokesman",
    "https://w3id.org/diplograph/actor/dmitry_peskov",
])
def test_speaker_by_name_alias_descriptor_or_iri(filled: GraphStore, speaker: str) -> None:
    rows = filled.statements(speaker=speaker)
    assert texts(rows) == ["Moscow would not accept a ceasefire that let Ukraine rearm",
                           "Sending Tomahawks to Kyiv would be a serious escalation,"]
    assert {r.speaker for r in rows} == {"Dmitry Peskov"}


def test_speaker_found_in_text_and_unknown_speakers(filled: GraphStore) -> None:
    assert texts(filled.statements(speaker="senior European diplomat")) == [
        "sanctions on Russian oil would stay in place"]
    assert filled.statements(speaker="Angela Merkel") == []


def test_topic_includes_narrower_topics(filled: GraphStore) -> None:
    weapons = texts(filled.statements(topic="weapons_supply"))
    assert "Sending Tomahawks to Kyiv would be a serious escalation," in weapons  # tomahawk ⊑ … ⊑ weapons_supply
    assert "Ukraine needs long-range missiles" in weapons
    assert "to deliver more air defense systems before winter" in weapons
    assert "sanctions on Russian oil would stay in place" not in weapons
    missiles = texts(filled.statements(topic="long_range_missiles"))
    assert "to deliver more air defense systems before winter" not in missiles
    assert texts(filled.statements(topic="tomahawk")) == [
        "Sending Tomahawks to Kyiv would be a serious escalation,",
        "the United States also needs Tomahawks to protect itself"]


@pytest.mark.parametrize("topic", ["weapons_supply", "war_and_peace", "long_range_missiles", "ceasefire"])
def test_topic_filter_agrees_with_the_lexicon_hierarchy(filled: GraphStore, topic: str) -> None:
    wanted = topic_descendants(topic)
    expected = [r.text for r in filled.statements() if set(r.topics) & wanted]
    assert texts(filled.statements(topic=topic)) == expected


def test_stance_kind_and_combined_filters(filled: GraphStore) -> None:
    assert texts(filled.statements(stance="requests")) == [
        "to deliver more air defense systems before winter", "Ukraine needs long-range missiles"]
    assert texts(filled.statements(kind="direct")) == ["Sending Tomahawks to Kyiv would be a serious escalation,"]
    assert texts(filled.statements(speaker="Zelensky", topic="weapons_supply", stance="requests")) == [
        "Ukraine needs long-range missiles"]
    assert filled.statements(speaker="Zelensky", stance="warns") == []
    zelensky = filled.statements(speaker="Zelenskyy")[0]
    assert zelensky.addressees == ("Donald Trump",)


def test_document_by_name_hash_or_iri(filled: GraphStore, white_house: Extraction) -> None:
    content_hash = white_house.document.content_hash
    by_name = filled.statements(doc="white_house.txt")
    assert len(by_name) == 3
    assert filled.statements(doc=content_hash[:10]) == by_name
    assert filled.statements(doc=by_name[0].doc_iri) == by_name
    assert filled.statements(doc="missing.txt") == []


@pytest.mark.parametrize("options, message", [
    ({"stance": "angry"}, "unknown stance 'angry'"),
    ({"kind": "rumoured"}, "unknown kind 'rumoured'"),
    ({"topic": "air defense"}, "not a topic key"),
    ({"limit": -1}, "limit"),
])
def test_bad_filters_raise_query_error(filled: GraphStore, options: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        filled.statements(**options)


@pytest.mark.parametrize("hostile", [
    'Peskov" || true || "',
    "x') } UNION { ?st a dg:Statement } #",
    "https://w3id.org/diplograph/actor/x> } UNION { ?st ?p ?o } #",
])
def test_filters_cannot_rewrite_the_query(filled: GraphStore, hostile: str) -> None:
    assert filled.statements(speaker=hostile) == []
    assert filled.statements(doc=hostile) == []
