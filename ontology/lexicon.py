"""Read the ontology's Turtle files into the plain lexicons that extraction and lookups use.

The ontology is the single source of truth: topic labels, actor aliases, speech cues and stance
triggers all come from the .ttl files shipped in this package, read once per process.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, Graph, Namespace, URIRef
from rdflib.namespace import SKOS

from .terms import DG, SCHEMA, STANCE, TOPIC

ONTOLOGY_DIR = Path(__file__).resolve().parent
CUE = Namespace("https://w3id.org/diplograph/cue/")
_ACTOR_CLASSES = {DG.Person: "Person", DG.State: "State", DG.Organization: "Organization"}
_DETERMINER = re.compile(r"^(the|a|an)\s+", re.I)


@dataclass(frozen=True, slots=True)
class TopicEntry:
    key: str
    iri: str
    label: str
    labels: tuple[str, ...]  # every label matched in text (pref, alt and hidden)
    broader: tuple[str, ...]
    narrower: tuple[str, ...]
    context_labels: tuple[str, ...] = ()  # generic words that name the topic only when the article leans its way
    process: bool = False  # how parties deal (talks, meetings): yields to the topic the dealing is about
    not_labels: tuple[str, ...] = ()  # phrases holding a label that do not name the topic ("social peace")
    weak_labels: tuple[str, ...] = ()  # words that name the topic only when no other topic is named beside them
    place_labels: tuple[str, ...] = ()  # words that name the topic when a place is what they act on ("sell")
    fallback_labels: tuple[str, ...] = ()  # nouns that name the topic only where nothing around names one ("the war")
    echo_labels: tuple[str, ...] = ()  # nouns naming the topic only where the article names it outright ("the swap")
    default_labels: tuple[str, ...] = ()  # generic words read this way where the article leans no way ("talks")
    body_nouns: tuple[str, ...] = ()  # bodies whose meetings are this process ("the joint committee met": talks)
    related: tuple[str, ...] = ()  # keys of skos:related topics (a ceasefire pauses the war a peace deal ends)
    process_nouns: tuple[str, ...] = ()  # nouns of a process itself ("talks"): kept beside what it settles
    local: bool = False  # fought over places inside one state (an insurgency): towns it takes are no land at issue


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    type: str
    role: str
    wikidata: str
    aliases: tuple[str, ...]
    descriptors: tuple[str, ...]  # role phrases that refer to exactly this actor ("the Kremlin spokesman")
    gender: str  # "male" | "female" | ""
    country: str  # IRI of the actor's state, "" when none
    demonyms: tuple[str, ...] = ()
    part_of: str = ""  # IRI of the state an institution is part of, "" when none


@dataclass(frozen=True, slots=True)
class CueEntry:
    lemma: str
    particle: str
    takes: tuple[str, ...]
    stance: str  # the stance the speech act itself implies, "" when none
    label: str


def ontology_files() -> list[Path]:
    """The Turtle files of the ontology, in a stable order."""
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold case, quotes, dots and determiners so that alias lookups forgive typography."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip().lower()
    text = _DETERMINER.sub("", text)
    return text.replace(".", "")


@lru_cache(maxsize=None)
def _graph(name: str) -> Graph:
    graph = Graph()
    path = ONTOLOGY_DIR / name
    if path.exists():
        graph.parse(path, format="turtle")
    return graph


def _strings(graph: Graph, subject: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(subject, predicate)))


@lru_cache(maxsize=None)
def load_topics() -> dict[str, TopicEntry]:
    """Topic key → entry, from the SKOS scheme in topics.ttl."""
    graph = _graph("topics.ttl")
    prefix = str(TOPIC)
    broader: dict[str, set[str]] = {}
    concepts = [c for c in graph.subjects(RDF.type, SKOS.Concept) if str(c).startswith(prefix)]
    for concept in concepts:
        broader[str(concept)[len(prefix):]] = {
            str(b)[len(prefix):] for b in graph.objects(concept, SKOS.broader)
        }
    topics: dict[str, TopicEntry] = {}
    for concept in concepts:
        key = str(concept)[len(prefix):]
        label = str(graph.value(concept, SKOS.prefLabel) or key)
        labels = {label}
        for predicate in (SKOS.altLabel, SKOS.hiddenLabel):
            labels.update(_strings(graph, concept, predicate))
        topics[key] = TopicEntry(
            key=key,
            iri=str(concept),
            label=label,
            labels=tuple(sorted(labels)),
            broader=tuple(sorted(broader[key])),
            narrower=tuple(sorted(k for k, b in broader.items() if key in b)),
            context_labels=_strings(graph, concept, DG.contextLabel),
            process=(concept, RDF.type, DG.ProcessTopic) in graph,
            local=(concept, RDF.type, DG.LocalTopic) in graph,
            process_nouns=_strings(graph, concept, DG.processNoun),
            not_labels=_strings(graph, concept, DG.notLabel),
            weak_labels=_strings(graph, concept, DG.weakLabel),
            place_labels=_strings(graph, concept, DG.placeLabel),
            fallback_labels=_strings(graph, concept, DG.fallbackLabel),
            body_nouns=_strings(graph, concept, DG.bodyNoun),
            default_labels=_strings(graph, concept, DG.defaultLabel),
            echo_labels=_strings(graph, concept, DG.echoLabel),
            related=tuple(sorted({str(o)[len(prefix):] for o in graph.objects(concept, SKOS.related)}
                                 | {str(o)[len(prefix):] for o in graph.subjects(SKOS.related, concept)})),
        )
    return topics


@lru_cache(maxsize=None)
def other_labels() -> tuple[str, ...]:
    """Words of courtesies and procedural remarks (topics.ttl, dg:otherLabel on the scheme): a statement
    made of them is about no topic (the guide's `other`) and borrows none from its context."""
    return _strings(_graph("topics.ttl"), TOPIC.scheme, DG.otherLabel)


@lru_cache(maxsize=None)
def place_nouns() -> tuple[str, ...]:
    """Common nouns that name a piece of land or sea (topics.ttl, dg:placeNoun on the scheme): with named
    places, what a place word ("sell", "seize") must act on to name a topic."""
    return _strings(_graph("topics.ttl"), TOPIC.scheme, DG.placeNoun)


@lru_cache(maxsize=None)
def assembly_nouns() -> tuple[str, ...]:
    """Nouns of bodies that decide by vote (topics.ttl, dg:assemblyNoun on the scheme): a vote they hold or
    take part in is a decision, not an election ("parliament voted to ratify the treaty")."""
    return _strings(_graph("topics.ttl"), TOPIC.scheme, DG.assemblyNoun)


def topic_ancestors(key: str) -> set[str]:
    """Every broader topic of `key`, transitively (a Tomahawk is a long-range missile is weapons supply)."""
    topics = load_topics()
    seen: set[str] = set()
    todo = list(topics[key].broader) if key in topics else []
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(topics[current].broader if current in topics else ())
    return seen


def topic_descendants(key: str) -> set[str]:
    """`key` and every narrower topic, transitively: what a query for `key` should include."""
    topics = load_topics()
    seen = {key}
    frontier = [key]
    while frontier:
        current = frontier.pop()
        for child in topics[current].narrower if current in topics else ():
            if child not in seen:
                seen.add(child)
                frontier.append(child)
    return seen


def _gender(graph: Graph, subject: URIRef) -> str:
    value = graph.value(subject, SCHEMA.gender)
    return str(value).rsplit("/", 1)[-1].lower() if value is not None else ""


@lru_cache(maxsize=None)
def load_actors() -> dict[str, ActorEntry]:
    """Actor IRI → entry, from the known-actor gazetteer in actors.ttl."""
    graph = _graph("actors.ttl")
    actors: dict[str, ActorEntry] = {}
    for cls, type_name in _ACTOR_CLASSES.items():
        for subject in graph.subjects(RDF.type, cls):
            name = str(graph.value(subject, SKOS.prefLabel) or "")
            if not name:
                continue
            same_as = [str(o) for o in graph.objects(subject, OWL.sameAs) if "wikidata.org" in str(o)]
            actors[str(subject)] = ActorEntry(
                id=str(subject),
                name=name,
                type=type_name,
                role=str(graph.value(subject, DG.role) or ""),
                wikidata=same_as[0].rsplit("/", 1)[-1] if same_as else "",
                aliases=_strings(graph, subject, SKOS.altLabel),
                descriptors=_strings(graph, subject, SKOS.hiddenLabel),
                gender=_gender(graph, subject),
                country=str(graph.value(subject, DG.country) or ""),
                demonyms=_strings(graph, subject, DG.demonym),
                part_of=str(graph.value(subject, DG.partOf) or ""),
            )
    return actors


@lru_cache(maxsize=None)
def alias_index() -> dict[str, ActorEntry]:
    """Normalised name, alias or descriptor → actor. Names win over descriptors on a clash."""
    index: dict[str, ActorEntry] = {}
    for actor in load_actors().values():
        for text in actor.descriptors:
            index.setdefault(normalize(text), actor)
    for actor in load_actors().values():
        for text in (actor.name, *actor.aliases):
            index[normalize(text)] = actor
    return index


def find_actor(text: str) -> ActorEntry | None:
    """The known actor a name, alias, IRI or Wikidata id refers to, or None."""
    actors = load_actors()
    if text in actors:
        return actors[text]
    key = normalize(text)
    key = re.sub(r"'s$", "", key)
    found = alias_index().get(key)
    if found is None:
        for actor in actors.values():
            if actor.wikidata and actor.wikidata.lower() == key:
                return actor
    return found


@lru_cache(maxsize=None)
def demonym_index() -> dict[str, ActorEntry]:
    """Demonym → state ("Russian" → Russia), for "a Russian readout", "the Ukrainian side"."""
    return {normalize(d): actor for actor in load_actors().values() if actor.type == "State" for d in actor.demonyms}


def find_topic(text: str) -> str | None:
    """The topic key a word or phrase names ("Tomahawks" → "tomahawk"), or None."""
    key = normalize(text)
    key = re.sub(r"'s$", "", key)
    topics = load_topics()
    if key.replace(" ", "_") in topics:
        return key.replace(" ", "_")
    candidates = {key, re.sub(r"(ies)$", "y", key), re.sub(r"(es)$", "", key), re.sub(r"s$", "", key)}
    for entry in topics.values():
        for label in entry.labels:
            if normalize(label) in candidates:
                return entry.key
    return None


@lru_cache(maxsize=None)
def load_cues() -> tuple[CueEntry, ...]:
    """Speech cues (verbs and phrasal verbs) with where their content is and the stance they imply."""
    graph = _graph("cues.ttl")
    cues = []
    for subject in graph.subjects(RDF.type, DG.SpeechCue):
        stance = graph.value(subject, DG.impliesStance)
        lemma = str(graph.value(subject, DG.lemma))
        particle = str(graph.value(subject, DG.particle) or "")
        cues.append(CueEntry(
            lemma=lemma,
            particle=particle,
            takes=_strings(graph, subject, DG.takes),
            stance=str(stance)[len(str(STANCE)):] if stance is not None else "",
            label=str(graph.value(subject, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) or
                      (f"{lemma} {particle}".strip())),
        ))
    return tuple(sorted(cues, key=lambda c: (c.lemma, c.particle)))


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    """The stance lexicon of stance.ttl: triggers, hedges, verbs of giving, appeal acts, act stances."""

    triggers: dict[str, tuple[str, ...]]   # stance label -> trigger phrases
    hedges: frozenset[str]                 # words that make a warning mere speculation
    transfer: frozenset[str]               # verbs and nouns of giving ("provide", "delivery")
    request_topics: frozenset[str]         # topics an appeal asks to be given (with their narrower topics)
    appeals: frozenset[str]                # lemmas of appeal acts ("urge", "call")
    acts: dict[str, str]                   # lemma of a speech act -> the stance it carries
    when_negated: dict[str, str] = field(default_factory=dict)  # attitude word -> stance of its denial
    threat_verbs: frozenset[str] = frozenset()  # verbs of forceful response: a threat when future
    noncommittal: frozenset[str] = frozenset()  # verbs of waiting and weighing: no course announced
    wish_verbs: frozenset[str] = frozenset()  # verbs of wishing: a wish that a thing not be is against it
    restraint: frozenset[str] = frozenset()  # restraint nouns ("patience"): told as ending, a warning
    ending: frozenset[str] = frozenset()  # what a restraint does as it ends ("run out", "wear thin")
    act_nouns: frozenset[str] = frozenset()  # acts a noun can name as things ("the offer", "a demand")
    shortfall: frozenset[str] = frozenset()  # how a lack is told ("fewer interceptors", "half the officers")
    addition: frozenset[str] = frozenset()  # what is lacked "without" ("without more air defence")
    exclusive: frozenset[str] = frozenset()  # a claim kept to one party ("the coastal states alone")
    withheld: frozenset[str] = frozenset()  # what a thing denied is not for ("not for sale")
    equating: frozenset[str] = frozenset()  # verbs that characterise ("amounted to", "constitutes")
    pejorative: frozenset[str] = frozenset()  # political blame words VADER's lexicon lacks ("colonial")
    withheld_on: frozenset[str] = frozenset()  # where a thing denied is not ("not on the table")
    stative: frozenset[str] = frozenset()  # attitudes a backshifted past still holds ("said it did not recognise")
    relinquish: frozenset[str] = frozenset()  # giving up ground ("will not withdraw its troops")
    staying: frozenset[str] = frozenset()  # keeping one's place ("our soldiers will stay on the island")
    inaction: frozenset[str] = frozenset()  # standing aside ("will not sit idly by")
    consequence: frozenset[str] = frozenset()  # what a hostile act sets off ("would trigger the treaty")
    arrangement: frozenset[str] = frozenset()  # arranging a course ("the round is scheduled for March")
    cost: frozenset[str] = frozenset()  # harm done to the speaker's side ("costs our farmers a harvest")
    benefit: frozenset[str] = frozenset()  # good a thing does ("every system we receive saves lives")
    permission: frozenset[str] = frozenset()  # a side denied leave ("had not been allowed to amend"): a grievance
    loss: frozenset[str] = frozenset()  # the speaker's side losing ("our members are losing millions")
    open_options: frozenset[str] = frozenset()  # what "on the table" threatens ("all options remain on the table")
    verb_sense: frozenset[str] = frozenset()  # triggers that carry their stance only as verbs ("challenge")
    restatement: frozenset[str] = frozenset()  # acts that hold to a position ("reaffirmed that ...")
    occurrence: frozenset[str] = frozenset()  # what will take place ("the talks will be held in May")
    domain_neutral: frozenset[str] = frozenset()  # words of the domain VADER rates as blame ("crude" oil)
    tolerance: frozenset[str] = frozenset()  # letting another act ("will not tolerate interference"): a warning
    aspectual: frozenset[str] = frozenset()  # triggers that also tell a phase ("stopped counting"): no stance then
    regarding: frozenset[str] = frozenset()  # holding a thing to be what it names ("regarded X as the proper place")
    course_nouns: frozenset[str] = frozenset()  # nouns of a course of action ("the initiative would train ...")
    consent: frozenset[str] = frozenset()  # cues of consent: with an infinitive, agreeing to a course
    asking: frozenset[str] = frozenset()  # verbs of asking: held by another party, that party's view
    harm_nouns: frozenset[str] = frozenset()  # harm a consequence names ("would start a cascade")
    body_nouns: frozenset[str] = frozenset()  # a side's own bodies ("the government would go ahead")
    burden_nouns: frozenset[str] = frozenset()  # a share put on another ("Yerevan must do its part")
    burden_verbs: frozenset[str] = frozenset()  # what is done with that share ("carry this burden")
    release: frozenset[str] = frozenset()  # freeing and giving back ("let them go home", "a ransom")
    holding: frozenset[str] = frozenset()  # a thing said to hold or work ("the truce largely held")
    conformity: frozenset[str] = frozenset()  # "in the spirit of", "in line with": a thing's conformity
    moments: frozenset[str] = frozenset()  # "the day Brussels closes that loophole": a condition demanded
    inclusion_verbs: frozenset[str] = frozenset()  # a seat asked ("must be involved in any talks")
    inclusion_nouns: frozenset[str] = frozenset()  # a seat asked ("we should have a say")
    yielding: frozenset[str] = frozenset()  # yielding denied ("we will not bow to threats"): a refusal
    withheld_as: frozenset[str] = frozenset()  # what a thing denied is not ("not a commodity to be traded")


def _local_names(graph: Graph, predicate: URIRef, namespace: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for subject in set(graph.subjects(predicate, None)):
        found[str(subject)[len(namespace):]] = _strings(graph, subject, predicate)
    return found


@lru_cache(maxsize=None)
def load_stance_lexicon() -> StanceLexicon:
    """The stance lexicon, from stance.ttl."""
    graph = _graph("stance.ttl")
    prefix = str(STANCE)
    def flat(predicate: URIRef) -> frozenset[str]:
        return frozenset(v for values in _local_names(graph, predicate, prefix).values() for v in values)
    topic_prefix = str(TOPIC)
    request_topics = {str(o)[len(topic_prefix):] for o in graph.objects(None, DG.requestTopic)}
    return StanceLexicon(
        triggers=_local_names(graph, DG.trigger, prefix),
        hedges=flat(DG.hedge),
        transfer=flat(DG.transfer),
        request_topics=frozenset(k for key in request_topics for k in topic_descendants(key)),
        appeals=flat(DG.appealLemma),
        acts={lemma: label for label, lemmas in _local_names(graph, DG.act, prefix).items() for lemma in lemmas},
        when_negated={word: label for label, words in _local_names(graph, DG.whenNegated, prefix).items()
                      for word in words},
        threat_verbs=flat(DG.threatVerb),
        noncommittal=flat(DG.noncommittal),
        wish_verbs=flat(DG.wishVerb),
        restraint=flat(DG.restraintNoun),
        ending=flat(DG.restraintEnds),
        act_nouns=flat(DG.actNoun),
        shortfall=flat(DG.shortfall),
        addition=flat(DG.addition),
        exclusive=flat(DG.exclusive),
        withheld=flat(DG.withheldFor),
        equating=flat(DG.equatingVerb),
        pejorative=flat(DG.pejorative),
        withheld_on=flat(DG.withheldOn),
        stative=flat(DG.stativeVerb),
        relinquish=flat(DG.relinquishVerb),
        inaction=flat(DG.inaction),
        staying=flat(DG.stayingVerb),
        consequence=flat(DG.consequenceVerb),
        arrangement=flat(DG.arrangementVerb),
        cost=flat(DG.costVerb),
        benefit=flat(DG.benefitVerb),
        permission=flat(DG.permissionVerb),
        loss=flat(DG.lossVerb),
        open_options=flat(DG.openOption),
        verb_sense=flat(DG.verbSense),
        occurrence=flat(DG.occurrenceVerb),
        restatement=flat(DG.restatement),
        domain_neutral=flat(DG.domainNeutral),
        tolerance=flat(DG.toleranceVerb),
        aspectual=flat(DG.aspectualVerb),
        asking=flat(DG.askingVerb),
        consent=flat(DG.consentVerb),
        course_nouns=flat(DG.courseNoun),
        regarding=flat(DG.regardingVerb),
        harm_nouns=flat(DG.harmNoun),
        body_nouns=flat(DG.bodyNoun),
        burden_nouns=flat(DG.burdenNoun),
        burden_verbs=flat(DG.burdenVerb),
        release=flat(DG.releaseWord),
        holding=flat(DG.holdingVerb),
        conformity=flat(DG.conformityNoun),
        moments=flat(DG.momentNoun),
        inclusion_verbs=flat(DG.inclusionVerb),
        inclusion_nouns=flat(DG.inclusionNoun),
        yielding=flat(DG.yieldVerb),
        withheld_as=flat(DG.withheldAs),
    )


def load_stance_triggers() -> dict[str, tuple[str, ...]]:
    """Stance label → trigger phrases, from stance.ttl."""
    return load_stance_lexicon().triggers
