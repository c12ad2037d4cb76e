"""CAMEO codes come from the SKOS scheme in ontology/cameo.ttl: the rules are data, read at start-up."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import SKOS

from diplograph.graph import cameo
from diplograph.graph.store import GraphStore
from diplograph.ontology.terms import DG, STANCE, TOPIC

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture
def fresh_rules() -> Iterator[None]:
    cameo.cameo_rules.cache_clear()
    yield
    cameo.cameo_rules.cache_clear()


def test_every_code_is_a_concept_of_the_scheme_with_a_usable_rule() -> None:
    scheme = Graph().parse(ONTOLOGY_DIR / "cameo.ttl", format="turtle")
    known = Graph().parse(ONTOLOGY_DIR / "topics.ttl", format="turtle") + \
        Graph().parse(ONTOLOGY_DIR / "diplomacy.ttl", format="turtle")
    codes = list(scheme.subjects(RDF.type, DG.CameoCode))
    assert len(codes) >= 7
    for code in codes:
        assert scheme.value(code, SKOS.inScheme) is not None, code
        assert re.fullmatch(r"[0-9]{2,4}", str(scheme.value(code, SKOS.notation))), code  # shapes.ttl's pattern
        assert scheme.value(code, SKOS.prefLabel) and scheme.value(code, DG.cameoRank) is not None, code
        stances = list(scheme.objects(code, DG.cameoStance))
        assert stances and all((s, RDF.type, SKOS.Concept) in known for s in stances), code
        for topic in scheme.objects(code, DG.cameoTopic):
            assert str(topic).startswith(str(TOPIC)) and (topic, None, None) in known, topic


@pytest.mark.parametrize(("stance", "topics", "code"), [
    ("requests", ("tomahawk",), "0232"),            # appeal for military aid
    ("requests", ("ceasefire",), "1056"),           # demand de-escalation
    ("supports", ("summit",), "036"),               # intent to meet
    ("supports", ("negotiations",), "036"),         # intent to negotiate
    ("requests", ("humanitarian_aid",), "0233"),    # appeal for humanitarian aid
    ("warns", ("tariffs",), "1312"),                # threaten with sanctions, boycott, embargo
    ("opposes", (), "111"),                         # criticise
    ("rejects", ("peace_deal",), "125"),            # reject a proposal to negotiate
    ("rejects", ("sanctions",), "120"),             # reject, not specified
    ("warns", ("escalation",), "130"),              # threaten
    ("supports", ("tomahawk",), None),              # no plain code: none rather than a guess
    ("neutral", ("summit",), None),
])
def test_codes_follow_stance_and_topic(stance: str, topics: tuple[str, ...], code: str | None) -> None:
    assert cameo.cameo_code(stance, topics) == code


def test_a_rule_is_an_edit_to_turtle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_rules: None) -> None:
    text = (ONTOLOGY_DIR / "cameo.ttl").read_text(encoding="utf-8")
    edited = text.replace("dg:cameoRank 40 ; dg:cameoStance stance:opposes .",
                          "dg:cameoRank 40 ; dg:cameoStance stance:opposes , stance:neutral .")
    assert edited != text
    (tmp_path / "cameo.ttl").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(cameo, "cameo_file", lambda: tmp_path / "cameo.ttl")
    assert cameo.cameo_code("neutral", ()) == "111"


def test_a_broken_scheme_is_reported_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             fresh_rules: None) -> None:
    (tmp_path / "cameo.ttl").write_text("@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
                                        "<x> a dg:CameoCode .\n", encoding="utf-8")
    monkeypatch.setattr(cameo, "cameo_file", lambda: tmp_path / "cameo.ttl")
    with pytest.raises(Exception, match="cameo.ttl"):
        cameo.cameo_rules()


def test_the_store_holds_the_scheme_and_statements_carry_its_codes(filled: GraphStore) -> None:
    rows = filled.query("""SELECT DISTINCT ?code ?label WHERE {
        ?st dg:cameoCode ?code . ?concept a dg:CameoCode ; skos:notation ?code ; skos:prefLabel ?label }""")
    labels = {str(r[0]): str(r[1]) for r in rows}
    assert labels["0232"] == "Appeal for military aid" and "130" in labels
    assert filled.query("ASK { <https://w3id.org/diplograph/cameo/0232> dg:cameoStance %s }"
                        % STANCE["requests"].n3()).askAnswer
