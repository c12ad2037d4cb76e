"""The ontology files: they parse, the gazetteer follows its format, and stores load them once."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from diplograph.graph import ontology as graph_ontology
from diplograph.graph.store import open_store
from diplograph.ontology.lexicon import normalize
from diplograph.ontology.terms import ACTOR, DG, GRAPH, SCHEMA, STANCE, slug

from diplograph.extract.records import Extraction

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
ACTORS_FILE = ONTOLOGY_DIR / "actors.ttl"
SEED_ACTORS = Path(__file__).resolve().parents[1] / "data" / "seeds_actors.jsonl"
ACTOR_CLASSES = (DG.Person, DG.State, DG.Organization)


@pytest.fixture(scope="module")
def actors() -> Graph:
    return Graph().parse(ACTORS_FILE, format="turtle")


@pytest.fixture(scope="module")
def diplomacy() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "diplomacy.ttl", format="turtle")


def _actors_of(graph: Graph) -> list[URIRef]:
    return sorted({s for cls in ACTOR_CLASSES for s in graph.subjects(RDF.type, cls)})


def test_every_actor_iri_is_the_slug_of_its_preferred_label(actors: Graph) -> None:
    found = _actors_of(actors)
    assert len(found) >= 60
    for actor in found:
        labels = list(actors.objects(actor, SKOS.prefLabel))
        assert len(labels) == 1, actor
        assert actor == ACTOR[slug(str(labels[0]))]


def test_no_label_names_two_actors(actors: Graph) -> None:
    owner: dict[str, URIRef] = {}
    for actor in _actors_of(actors):
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in actors.objects(actor, predicate):
                key = normalize(str(label))
                assert owner.setdefault(key, actor) == actor, f"{label!r} names {owner[key]} and {actor}"


def test_no_bare_titles_are_aliases(actors: Graph) -> None:
    labels = {normalize(str(o)) for p in (SKOS.altLabel, SKOS.hiddenLabel) for o in actors.objects(None, p)}
    assert not labels & {"president", "minister", "prime minister", "foreign minister", "leader", "spokesman"}


def test_persons_have_gender_country_and_role(actors: Graph) -> None:
    for person in actors.subjects(RDF.type, DG.Person):
        assert actors.value(person, SCHEMA.gender) in (SCHEMA.Male, SCHEMA.Female), person
        country = actors.value(person, DG.country)
        assert (country, RDF.type, DG.State) in actors, person
        assert actors.value(person, DG.role), person
        assert (person, RDF.type, SCHEMA.Person) in actors


def test_states_keep_demonyms_apart_from_names(actors: Graph) -> None:
    ukraine = ACTOR["ukraine"]
    assert Literal("Ukrainian", lang="en") in set(actors.objects(ukraine, DG.demonym))
    assert Literal("Ukrainian", lang="en") not in set(actors.objects(ukraine, SKOS.altLabel))
    assert {"Kyiv", "Kiev"} <= {str(o) for o in actors.objects(ukraine, SKOS.altLabel)}
    assert "Moscow" in {str(o) for o in actors.objects(ACTOR["russia"], SKOS.altLabel)}
    # the Kremlin speaks for itself, as part of Russia's government (the guide, section 2)
    assert "the Kremlin" not in {str(o) for o in actors.objects(ACTOR["russia"], SKOS.altLabel)}
    assert (ACTOR["kremlin"], DG.partOf, ACTOR["russia"]) in actors
    for state in actors.subjects(RDF.type, DG.State):
        assert (state, RDF.type, SCHEMA.Country) in actors
        assert actors.value(state, DG.demonym) is not None, state


def test_the_seed_actors_are_all_in_the_gazetteer(actors: Graph) -> None:
    for line in SEED_ACTORS.read_text(encoding="utf-8").splitlines():
        seed = json.loads(line)
        if seed.get("role") == "anonymous source":
            assert (ACTOR[slug(seed["name"])], None, None) not in actors
            continue
        actor = ACTOR[slug(seed["name"])]
        assert (actor, SKOS.prefLabel, Literal(seed["name"], lang="en")) in actors
        if seed.get("wikidata"):
            assert (actor, OWL.sameAs, URIRef("http://www.wikidata.org/entity/" + seed["wikidata"])) in actors
        names = {normalize(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, DG.demonym)
                 for o in actors.objects(actor, p)}
        missing = {a for a in seed["aliases"] if normalize(a) not in names}
        assert not missing, f"{seed['name']}: {missing}"


def test_ontology_declares_the_properties_it_uses(diplomacy: Graph) -> None:
    for prop in (DG.speaker, DG.addressee, DG.about, DG.stance, DG.inDocument, DG.country, DG.participant):
        assert (prop, RDF.type, OWL.ObjectProperty) in diplomacy, prop
    for prop in (DG.quote, DG.cue, DG.kind, DG.start, DG.end, DG.confidence, DG.contentHash, DG.role):
        assert (prop, RDF.type, OWL.DatatypeProperty) in diplomacy, prop
    assert (DG.speaker, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) in diplomacy
    assert (DG.Person, RDFS.subClassOf, DG.Actor) in diplomacy
    for cls in diplomacy.subjects(RDF.type, OWL.Class):
        if isinstance(cls, URIRef):  # owl:unionOf domains are anonymous classes
            assert diplomacy.value(cls, RDFS.label) and diplomacy.value(cls, RDFS.comment), cls


def test_every_property_has_label_comment_domain_and_range(diplomacy: Graph) -> None:
    properties = set(diplomacy.subjects(RDF.type, OWL.ObjectProperty)) | set(
        diplomacy.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(properties) > 40
    for prop in properties:
        assert diplomacy.value(prop, RDFS.label) and diplomacy.value(prop, RDFS.comment), prop
        assert diplomacy.value(prop, RDFS.domain) is not None, prop
        assert diplomacy.value(prop, RDFS.range) is not None, prop


def test_stance_scheme_has_the_six_stances(diplomacy: Graph) -> None:
    scheme = STANCE["scheme"]
    concepts = set(diplomacy.subjects(SKOS.inScheme, scheme))
    assert concepts == {STANCE[s] for s in ("requests", "supports", "opposes", "rejects", "warns", "neutral")}
    for concept in concepts:
        assert diplomacy.value(concept, SKOS.definition)


def test_every_property_a_document_graph_uses_is_declared(diplomacy: Graph, kremlin: Extraction) -> None:
    from diplograph.graph.build import build_document

    built = build_document(kremlin)
    used = {p for _, p, _ in built.triples + built.actor_triples if str(p).startswith(str(DG))}
    declared = set(diplomacy.subjects(RDF.type, OWL.ObjectProperty)) | set(
        diplomacy.subjects(RDF.type, OWL.DatatypeProperty))
    assert used - declared == set()


def test_store_loads_ontology_and_gazetteer_into_their_graphs() -> None:
    store = open_store("memory")
    in_graph = "ASK { GRAPH %s { %s } }"
    assert store.query(in_graph % (GRAPH["ontology"].n3(), "dg:Statement a owl:Class")).askAnswer is True
    assert store.query(in_graph % (GRAPH["actors"].n3(), "actor:dmitry_peskov skos:hiddenLabel ?l")).askAnswer
    assert store.query(in_graph % (GRAPH["ontology"].n3(), "topic:tomahawk skos:broader ?b")).askAnswer


def test_reopening_does_not_load_the_ontology_twice(tmp_path: Path, kremlin: Extraction) -> None:
    uri = f"oxigraph:{tmp_path / 'graph'}"
    store = open_store(uri)
    store.add(kremlin)
    before = store.counts()
    store.close()
    store = open_store(uri)
    assert store.counts() == before
    store.close()


def test_a_changed_ontology_file_is_reloaded_and_text_actors_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kremlin: Extraction
) -> None:
    copy = tmp_path / "ontology"
    copy.mkdir()
    for path in ONTOLOGY_DIR.glob("*.ttl"):
        shutil.copy(path, copy / path.name)
    monkeypatch.setattr(graph_ontology, "ontology_files", lambda: sorted(copy.glob("*.ttl")))
    uri = f"oxigraph:{tmp_path / 'graph'}"
    store = open_store(uri)
    store.add(kremlin)
    before = store.counts()
    store.close()

    with (copy / "diplomacy.ttl").open("a", encoding="utf-8") as handle:
        handle.write('\ndg:Summit a owl:Class ; rdfs:label "Summit"@en ; rdfs:subClassOf dg:Event .\n')
    store = open_store(uri)
    after = store.counts()
    assert after.triples == before.triples + 3
    assert store.query("ASK { dg:Summit rdfs:subClassOf dg:Event }").askAnswer
    allies = store.query("ASK { actor:european_allies dg:known false }").askAnswer
    assert allies, "actors found in text survive an ontology reload"
    store.close()
