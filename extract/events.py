"""Meetings, visits, calls and summits: who took part, where, when, and whether they happened.

An event is found from its trigger (the verb "meet"/"visit"/"host", or a noun such as "summit",
"talks", "phone call"); participants come from the trigger's subject, object and "with"/"between"
phrases (or from the verb that governs the noun: "Putin and Trump agreed to hold a summit"); the
place from a location after "in"/"at"; the date from a date phrase, resolved against the article's date.
The status comes from the verb, its tense and modality: "met", "held talks" are held; "will meet", "is
preparing to meet", "scheduled" are planned; "called off", "cancelled", "postponed" are cancelled. A
visit's visitor is its guest and the one visited (or the one who hosts) its host.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from diplograph.ontology.lexicon import ActorEntry, load_actors

from .actors import ActorResolver, mention_span
from .cues import subject_of
from .dates import parse_anchor, resolve_date
from .records import Actor, Document, Event, EventStatus

VERB_TRIGGERS = {"meet": "meeting", "visit": "visit", "host": "meeting", "call": "call", "phone": "call"}
NOUN_TRIGGERS = {"meeting": "meeting", "talk": "meeting", "summit": "summit", "call": "call", "visit": "visit",
                 "negotiation": "meeting", "phone call": "call"}
FUTURE_AUX = {"will", "wo", "'ll", "would", "shall", "could", "may", "might"}
PLAN_VERBS = {"plan", "schedule", "expect", "prepare", "agree", "hope", "intend", "want", "propose", "offer"}
# "was ready to host talks", "is willing to meet": readiness announces an event, it does not report one
READY_WORDS = {"ready", "willing", "prepared", "eager", "keen", "set", "poised", "due"}
FUTURE_DATES = {"next", "coming", "upcoming", "tomorrow", "later"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
CANCEL_VERBS = {"cancel", "postpone", "scrap", "shelve", "abandon", "scuttle", "suspend", "delay"}


def _actors_in(token: Token, resolver: ActorResolver) -> list[Actor]:
    found = []
    for member in (token, *token.conjuncts):
        resolution = resolver.resolve_span(mention_span(member))
        if resolution is not None and resolution.actor not in found:
            found.append(resolution.actor)
    return found


def _governing_verb(token: Token) -> Token:
    current = token
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    while current.dep_ in {"xcomp", "advcl"} and current.head.i != current.i:
        current = current.head
    return current


def _participants(trigger: Token, resolver: ActorResolver) -> list[Actor]:
    people: list[Actor] = []
    holders = [trigger]
    if trigger.pos_ in {"NOUN", "PROPN"}:
        holders.append(_governing_verb(trigger))
    if trigger.pos_ == "VERB" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in trigger.children):
        subject = subject_of(trigger)  # "is preparing to meet Putin": the subject of the governing verb
        if subject is not None:
            people += _actors_in(subject, resolver)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"} or (child.dep_ == "agent"):
                people += [a for a in _actors_in(child, resolver) if a not in people]
            if child.dep_ == "prep" and child.lower_ in {"with", "between", "by"}:
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    people += [a for a in _actors_in(pobj, resolver) if a not in people]
    return people


def _entities_by_root(doc: Doc) -> dict[int, list[Span]]:
    """The document's entities keyed by their root token, computed once per document: looking up
    the few tokens near a trigger, not walking every entity for every trigger, keeps the event
    search linear in the article's length."""
    cached = doc.user_data.get("diplograph.entities_by_root")
    if cached is None:
        cached = {}
        for ent in doc.ents:
            cached.setdefault(ent.root.i, []).append(ent)
        doc.user_data["diplograph.entities_by_root"] = cached
    return cached


def _place_and_date(trigger: Token) -> tuple[str, str]:
    place = when = ""
    scope = {trigger.i} | {t.i for t in trigger.subtree}
    verb = trigger if trigger.pos_ == "VERB" else trigger.head  # not the verb of a plan ("agreed on Thursday to ...")
    scope |= {t.i for c in verb.children if c.dep_ in {"prep", "npadvmod"} for t in c.subtree}
    by_root = _entities_by_root(trigger.doc)
    for ent in sorted((ent for i in scope for ent in by_root.get(i, ())), key=lambda ent: ent.start):
        if ent.label_ in PLACE_LABELS and not place and ent.root.head.lower_ in {"in", "at"}:
            place = ent.text
        elif ent.label_ == "DATE" and not when:
            when = ent.text
    if trigger.lemma_ == "visit" and not place:
        obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.ent_type_ in PLACE_LABELS | {"ORG"}:
            place = mention_span(obj).text
    return place, when


def _is_future(trigger: Token, when: str) -> bool:
    """Announced rather than done: "will meet", "is preparing to meet", "agreed to hold a summit", "next week"."""
    if set(when.lower().split()) & FUTURE_DATES:
        return True
    if trigger.pos_ == "VERB":
        verb: Token | None = trigger
    else:  # a noun is planned only as the object of a verb: "to hold a summit", not "in a phone call"
        verb = trigger.head if trigger.dep_ in {"dobj", "nsubjpass", "attr"} else None
    if verb is None:
        return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in _governing_verb(trigger).children)
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for link in chain for c in link.children):
        return True
    return any(link.lemma_.lower() in PLAN_VERBS | READY_WORDS for link in chain[1:]) or \
        any(c.lemma_.lower() == "due" for link in chain for c in link.children)


def _cancelled(trigger: Token) -> bool:
    """Called off rather than held or planned: "called off the summit", "the meeting was cancelled",
    "Trump cancelled his visit", "the planned summit" under "called off"."""
    verb = trigger if trigger.pos_ == "VERB" else trigger.head
    for link in (verb, verb.head):
        lemma = link.lemma_.lower()
        if lemma in CANCEL_VERBS or (lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in link.children)):
            return True
        if link.dep_ not in {"xcomp", "conj"}:
            break
    return False


def _status(trigger: Token, when: str) -> EventStatus:
    if _cancelled(trigger):
        return "cancelled"
    return "planned" if _is_future(trigger, when) else "held"


def _hosts(trigger: Token, participants: list[Actor], resolver: ActorResolver) -> list[str]:
    """Who hosts: the subject of "host", the one visited ("X visited Y"), the agent of "hosted by"."""
    lemma = trigger.lemma_.lower()
    found: list[Actor] = []
    if lemma == "host" and trigger.pos_ == "VERB":
        found = [a for c in trigger.children if c.dep_ in {"nsubj"} for a in _actors_in(c, resolver)]
        for agent in (c for c in trigger.children if c.dep_ == "agent"):
            found += [a for p in agent.children if p.dep_ == "pobj" for a in _actors_in(p, resolver)]
    elif lemma == "visit":
        verb = trigger if trigger.pos_ == "VERB" else None
        if verb is not None:
            found = [a for c in verb.children if c.dep_ == "dobj" for a in _actors_in(c, resolver)]
        else:  # "Zelensky's visit to Trump", "a visit to Moscow"
            found = [a for p in trigger.children if p.dep_ == "prep" and p.lower_ == "to"
                     for o in p.children if o.dep_ == "pobj" for a in _actors_in(o, resolver)]
    ids = {a.id for a in participants}
    return [a.id for a in found if a.id in ids]


LEADER_ROLES = ("President of", "Prime Minister of", "Chancellor of")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, ActorEntry]:
    return load_actors()


def _leaders_hosting(trigger: Token, hosts: list[str], resolver: ActorResolver) -> list[Actor]:
    """The leader who receives a visit to his state's seat ("visited the White House, but US President
    Donald Trump ..."): a person named in the sentence whose gazetteer entry leads a hosting state."""
    entries = _gazetteer()
    states: set[str] = set()
    for host in hosts:
        entry = entries.get(host)
        if entry is not None and entry.type == "State":
            states.add(host)
        elif entry is not None and entry.country:  # a seat of government (the White House) stands for its state
            states.add(entry.country)
    found: list[Actor] = []
    for ent in trigger.sent.ents if states else ():
        if ent.label_ != "PERSON":
            continue
        resolution = resolver.resolve_span(ent)
        entry = entries.get(resolution.actor.id) if resolution is not None else None
        if entry is not None and entry.country in states and entry.role.startswith(LEADER_ROLES) \
                and resolution.actor not in found:
            found.append(resolution.actor)
    return found


def find_events(document: Document, doc: Doc, resolver: ActorResolver) -> list[Event]:
    """Every meeting, visit, call or summit the document reports or announces."""
    anchor = parse_anchor(document.published)
    events: list[Event] = []
    seen: set[tuple[str, tuple[str, ...], int]] = set()
    for token in doc:
        lemma = token.lemma_.lower()
        kind = VERB_TRIGGERS.get(lemma) if token.pos_ == "VERB" else NOUN_TRIGGERS.get(lemma) \
            if token.pos_ == "NOUN" else None
        if kind is None or (lemma == "call" and token.pos_ == "VERB" and
                            any(c.lower_ in {"on", "for", "off"} or c.dep_ == "oprd" for c in token.children)):
            continue
        participants = _participants(token, resolver)
        place, when = _place_and_date(token)
        if len(participants) < (1 if kind == "visit" and place else 2):
            continue  # a meeting needs two sides; a visit, a visitor and a place
        status = _status(token, when)
        hosts = _hosts(token, participants, resolver)
        if kind == "visit":
            for leader in _leaders_hosting(token, hosts, resolver):
                if leader not in participants:
                    participants.append(leader)
                hosts.append(leader.id)
        key = (kind, tuple(sorted(a.id for a in participants)), token.sent.start)
        if key in seen:
            continue
        seen.add(key)
        sent = token.sent
        events.append(Event(
            doc=document.name, kind=kind, trigger=token.text,
            participants=tuple(a.name for a in participants), participant_ids=tuple(a.id for a in participants),
            sentence=document.text[sent.start_char:sent.end_char].strip(), start=sent.start_char, end=sent.end_char,
            place=place, date=resolve_date(when, anchor, future=status == "planned") if when else "", date_text=when,
            planned=status == "planned", status=status, hosts=tuple(hosts),
        ))
    return events
