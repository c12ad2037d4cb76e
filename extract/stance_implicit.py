"""Stance v2.4: implicit stances the guide labels but no trigger word carries.

Refusals told as holding ground or staying put, warnings without "if" (standing aside denied, what a
hostile act will set off, a fronted "without", readiness aimed at harm), support told as arrangements,
deliveries or good done, opposition told as a cost to the speaker's side, and refusal words on a harm.
Each frame reads tokens [start, end) of a statement from the dependency parse (README "Stance").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import StanceLexicon

from .stance_syntax import (
    DEONTIC, EMBEDDED, FIRST_PERSON, FUTURE, HYPOTHETICAL, PEOPLE, POLARITY_THRESHOLD, POSSESSIVE_SELF,
    animate, named_side, negated, own_side, polarity,
)


PARTNERS = {"neighbour", "neighbor", "ally", "partner", "friend", "donor"}  # "our allies" are other parties


class ImplicitFrames:
    """The implicit frames, mixed into StanceReader, which holds the lexicon and the place nouns."""

    lexicon: StanceLexicon
    _places: frozenset[str]

    def lemma(self, token: Token) -> str: ...  # StanceReader's mended lemma

    def _fronted_without(self, doc: Doc, start: int, end: int) -> bool:
        """"Without a deal on the border, the ceasefire cannot last": a fronted "without" before a modal
        main clause sets a condition, as "unless" does (a warning). "Without more pumps the camps will run
        dry" tells a lack instead (_lacking: a request)."""
        for token in doc[start:end]:
            if token.lower_ != "without" or token.dep_ != "prep" or not start <= token.head.i < end:
                continue
            main = token.head
            subjects = [c for c in main.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
            if not subjects or token.i > subjects[0].i or main.dep_ in EMBEDDED:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in FUTURE | {"can", "ca", "could"} for c in main.children):
                continue
            if any(t.lemma_.lower() in self.lexicon.addition for t in token.subtree):
                continue
            return True
        return False

    def _holds_ground(self, doc: Doc, start: int, end: int) -> bool:
        """"The country would not withdraw its troops", "we will not abandon our positions", "we are not
        pulling out of the island": a side saying it will not give up what it holds refuses the demand to
        leave (rejects). An animate object is a commitment ("we will not abandon the people"), and with
        nothing held ("the navy will not retreat") the words only describe the side."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.relinquish or token.dep_ in EMBEDDED \
                    or not any(c.dep_ == "neg" for c in token.children):
                continue
            particles = {c.lower_ for c in token.children if c.dep_ in {"prt", "prep"}}
            if token.lemma_.lower() in {"pull", "give"} and not particles & {"out", "back", "up"}:
                continue  # "pull out", "give up"; "we will not give them weapons" is another refusal
            head = token.head if token.dep_ == "conj" else token
            auxes = [c for c in token.children if c.dep_ == "aux"] or [c for c in head.children if c.dep_ == "aux"]
            if not (any(c.lower_ in FUTURE for c in auxes) or token.tag_ == "VBG"):
                continue  # "did not withdraw" tells what happened
            # what is held: the side's own thing ("its troops", "our positions") or the place left ("out of
            # the island"); not a party or people ("the families of the missing" is a commitment)
            held = [c for c in token.children if c.dep_ == "dobj"
                    and any(d.dep_ == "poss" and d.lower_ in POSSESSIVE_SELF for d in c.children)] + \
                [g for c in token.children if c.dep_ in {"prep", "prt"} and c.lower_ in {"from", "of", "out"}
                 for g in (*c.children, *(x for y in c.children for x in y.children)) if g.dep_ == "pobj"]
            if not held or any(h.ent_type_ in {"PERSON", "NORP"} or h.lemma_.lower() in PEOPLE for h in held):
                continue
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if not subjects or any(animate(c) or own_side(c) or c.pos_ == "NOUN" for c in subjects):
                return True
        return False

    def _stays_put(self, doc: Doc, start: int, end: int) -> bool:
        """"Our soldiers will stay on the island", "we are staying where we are", "her troops would remain
        in the border villages": the side saying it keeps its place refuses to leave it (rejects). The
        place is a named place, a place noun or "where we are"; staying in talks is no place."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.staying or token.dep_ in EMBEDDED \
                    or negated(token):
                continue
            auxes = [c for c in token.children if c.dep_ == "aux"]
            if not (any(c.lower_ in FUTURE for c in auxes) or token.tag_ == "VBG"):
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if not subjects or not all(c.lower_ in FIRST_PERSON or own_side(c) for c in subjects):
                continue
            places = [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "on", "at"}
                      for g in c.children if g.dep_ == "pobj"]
            if any(p.ent_type_ in {"GPE", "LOC", "FAC"} or p.lemma_.lower() in self._places for p in places) \
                    or any(c.dep_ == "advcl" and any(m.lower_ == "where" for m in c.children) for c in token.children):
                return True
        return False

    def _stands_aside(self, doc: Doc, start: int, end: int) -> bool:
        """"We will not sit idly by while our fishermen are harassed", "would not stand idle", "will not
        remain silent": denying that a side will stand aside threatens action (the guide's conditional
        threats)."""
        for token in doc[start:end]:
            if token.pos_ not in {"VERB", "AUX"} or token.dep_ in EMBEDDED or not any(c.dep_ == "neg" for c in token.children) \
                    or not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in token.children):
                continue
            for child in token.children:
                if child.lower_ in self.lexicon.inaction and child.dep_ in {"advmod", "acomp", "oprd", "prt", "prep", "xcomp"} \
                        and not any(g.dep_ == "pobj" for g in child.children):  # "stand by our allies" supports
                    return True
        return False

    def _sets_off(self, doc: Doc, start: int, end: int) -> bool:
        """"Any attack on our vessels will be met with a firm response", "an armed attack on the coast guard
        would trigger the treaty": what a hostile or any act will set off is a conditional threat without
        "if" (the guide's "closing the strait would be met with a firm response")."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ in EMBEDDED or negated(token) \
                    or token.lemma_.lower() not in self.lexicon.consequence | self.lexicon.threat_verbs \
                    or not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL for c in token.children):
                continue
            for subject in (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass"}):
                words = " ".join(t.text for t in subject.subtree)
                generic = any(d.dep_ == "det" and d.lower_ in {"any", "every"} for d in subject.children)
                if generic or subject.dep_.startswith("csubj") or polarity(words) <= -POLARITY_THRESHOLD:
                    rest = [t.text for t in doc[max(token.left_edge.i, start):min(token.right_edge.i + 1, end)]
                            if not subject.left_edge.i <= t.i <= subject.right_edge.i]
                    if polarity(" ".join(rest)) < POLARITY_THRESHOLD:  # "any deal would be met with relief"
                        return True
        return False

    def _arranged(self, doc: Doc, start: int, end: int) -> bool:
        """"The next round is scheduled for March", "the visit has been arranged", "we have delivered two
        field hospitals": a course of action arranged, or a side's deliveries, announce it (the guide's
        supports: "announced a second round of talks in Oslo"). Not when denied or said of harm."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ not in {"ROOT", "ccomp", "conj"} or negated(token):
                continue
            lemma = token.lemma_.lower()
            head = token.head if token.dep_ == "conj" else token
            if lemma in self.lexicon.arrangement and any(c.dep_ == "auxpass" for c in token.children) \
                    and not self._by_a_thing(token):  # "fees were set by transparent rules" tells how
                things = [c for c in head.children if c.dep_ == "nsubjpass"]
                if things and not any(animate(c) for c in things) \
                        and all(polarity(" ".join(t.text for t in c.subtree)) > -POLARITY_THRESHOLD for c in things):
                    return True
            if self._takes_place(token, head):
                return True
            if lemma in self.lexicon.transfer and any(c.dep_ == "auxpass" for c in token.children) \
                    and any(c.dep_ == "nsubjpass" and not animate(c) for c in token.children):
                return True  # "two more batteries will be delivered next month": deliveries announced
            if lemma in self.lexicon.transfer and token.tag_ in {"VBN", "VBD", "VBZ", "VBP", "VBG"} \
                    and any(c.dep_ == "dobj" for c in token.children) \
                    and any(c.dep_ == "nsubj" and (c.lower_ in FIRST_PERSON or own_side(c)) for c in head.children) \
                    and not any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL | DEONTIC for c in head.children):
                return True
        return False

    @staticmethod
    def _by_a_thing(verb: Token) -> bool:
        """The passive's agent is a thing, not a party: "fees were set by transparent rules" describes how
        a thing is done, where "the round was arranged by the envoys" (or no agent) arranges it."""
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return bool(agents) and not any(animate(g) for g in agents)

    def _takes_place(self, verb: Token, head: Token) -> bool:
        """"A new round of talks will take place in Ankara", "the summit will be held in May", "talks will
        resume next week": what will take place, said of a thing that is no harm, is announced (the
        guide's supports); "the shelling will resume" and "the hostages are held" are not."""
        lemma = verb.lemma_.lower()
        occurs = (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
                  and "take place" in self.lexicon.occurrence) or lemma in self.lexicon.occurrence
        if not occurs or not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL - {"could"}
                                 for c in head.children):
            return False
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if lemma == "hold" and not passive:
            return False  # "we will hold the line", "they would hold elections" say another thing
        things = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return bool(things) and not any(animate(c) and c.pos_ != "NOUN" for c in things) \
            and all(polarity(" ".join(t.text for t in c.subtree)) > -POLARITY_THRESHOLD for c in things)

    def _beneficial(self, doc: Doc, start: int, end: int) -> bool:
        """"Every system we receive saves lives", "lives are saved", "the ceasefire is the only thing holding
        this line together": good a thing does, told as a fact, speaks well of it (the guide's supports)."""
        for token in doc[start:end]:
            verb = token.pos_ == "VERB" or any(c.dep_ == "dobj" for c in token.children)  # "saves" misread as a noun
            if not verb or token.dep_ in EMBEDDED - {"acl", "relcl"} or negated(token) \
                    or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                continue  # "we need Tomahawk to protect our country" tells a purpose, not good done
            lemma = token.lemma_.lower()
            if lemma in self.lexicon.benefit or any(f"{lemma} {c.lower_}" in self.lexicon.benefit
                                                    for c in token.children):  # "hold together", "served it well"
                return True
        return False

    def _costly(self, doc: Doc, start: int, end: int) -> bool:
        """"Every week of closure costs our farmers a harvest", "the government is signing away our water":
        harm done now to the speaker's own side tells opposition to its cause (the guide's opposes). What
        will or would be done is harm foretold (a warning, _threatened)."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ in EMBEDDED or negated(token):
                continue
            particle = next((c.lower_ for c in token.children if c.dep_ in {"prt", "advmod"} and c.lower_ == "away"), "")
            if token.lemma_.lower() not in self.lexicon.cost and f"{token.lemma_.lower()} {particle}" not in self.lexicon.cost:
                continue
            head = token.head if token.dep_ == "conj" else token
            if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL for c in head.children):
                continue
            for victim in (c for c in token.children if c.dep_ in {"dobj", "dative"}):
                if victim.lower_ in {"us", "me"} or any(d.dep_ == "poss" and d.lower_ in {"our", "my", "his", "her"}
                                                       for d in victim.children):
                    return True
        return False

    def _left_out(self, doc: Doc, start: int, end: int) -> bool:
        """"The House was asked to approve a text it had not been allowed to amend", "we were not permitted
        to inspect the site": a side denied leave to do what it names, told in the passive, is a grievance
        against what stopped it (the guide's opposes). "Had not been consulted" tells a fact (neutral)."""
        for token in doc[start:end]:
            if token.pos_ == "VERB" and token.lemma_.lower() in self.lexicon.permission \
                    and any(c.dep_ == "auxpass" for c in token.children) \
                    and any(c.dep_ == "neg" for c in token.children) \
                    and any(c.dep_ == "xcomp" for c in token.children):
                return True
        return False

    def _losing(self, doc: Doc, start: int, end: int) -> bool:
        """"His members were losing millions of zloty a week", "our farmers suffer": the speaker's side
        telling what it loses now opposes the cause of it (the guide's opposes), as a cost told with the
        side as object does (_costly). Said of what will be lost, it is harm foretold (_threatened)."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.loss or token.dep_ in EMBEDDED \
                    or negated(token):
                continue
            head = token.head if token.dep_ == "conj" else token
            if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL | DEONTIC for c in head.children):
                continue
            if any(c.dep_ == "nsubj" and (c.lower_ in FIRST_PERSON or own_side(c)) for c in head.children):
                return True
        return False

    def _options_open(self, doc: Doc, start: int, end: int) -> bool:
        """"All options remain on the table", "the military option is on the table", "every lever": an
        option kept open is the formula of a diplomatic warning (the guide's warns); "we will look at all
        the options" weighs (neutral), and "not on the table" rules out (_withheld)."""
        for token in doc[start:end]:
            if token.lemma_.lower() not in self.lexicon.open_options or token.dep_ not in {"nsubj", "nsubjpass"}:
                continue
            verb = token.head
            if negated(verb):
                continue
            if any(p.lower_ == "on" and any(g.dep_ == "pobj" and g.lower_ == "table" for g in p.children)
                   for p in verb.children if p.dep_ == "prep"):
                return True
        return False

    def _wanted_of(self, doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"We hope Seoul will reconsider the ruling", "Japan wants Beijing to lift the ban" (said for
        Japan): a wish, held by the speaker's side, that a named other party act asks that party to act
        for the speaker's side (the guide's requests), as an expectation placed on it does (_expected_of).
        A wish that "both sides" or "the parties" act advocates a course (supports), a harm wished on no
        one is not asked, and a wish held by another party is that party's view."""
        for token in doc[start:end]:
            if self.lemma(token) not in self.lexicon.wish_verbs or token.pos_ != "VERB" \
                    or token.dep_ in EMBEDDED or negated(token):
                continue
            holders = [c for c in token.children if c.dep_ == "nsubj"]
            if not holders or not all(h.lower_ in FIRST_PERSON | {"he", "she", "it"} or own_side(h)
                                      or named_side(h, side) or (not side and h.ent_type_ == "GPE") for h in holders):
                continue
            for clause in (c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ == "VERB"):
                if not any(a.dep_ == "aux" and a.lower_ in {"to", "will", "would"} for a in clause.children):
                    continue
                actors = [c for c in clause.children if c.dep_ == "nsubj"] or \
                    [c for c in token.children if c.dep_ == "dobj" and clause.dep_ == "xcomp"]  # "want Beijing to lift"
                if not actors or not all(a.pos_ == "PROPN" and a.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"}
                                         and not named_side(a, side) for a in actors):
                    continue
                if clause.lemma_.lower() not in self.lexicon.threat_verbs and polarity(clause.text) > -POLARITY_THRESHOLD:
                    return True  # the act asked, not what it acts on: "to lift the ban" asks a welcome act
        return False

    def _regarded(self, doc: Doc, start: int, end: int, side: frozenset[str]) -> str:
        """"Cambodia regarded the court as the proper place to settle it", "we see the treaty as the final
        act of decolonisation": the speaker's side holding a thing to be what it names takes that view of
        it, so the label decides: blame opposes (VADER, stance.ttl's blame words), anything else endorses
        the thing (the guide's supports: "speaks well of it"). Held by another party it is a claim."""
        for token in doc[start:end]:
            if self.lemma(token) not in self.lexicon.regarding or token.pos_ != "VERB" or token.dep_ in EMBEDDED \
                    or negated(token) or not any(c.dep_ == "dobj" for c in token.children):
                continue
            labels = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "as"
                      for g in c.children if g.dep_ == "pobj"]
            holders = [c for c in token.children if c.dep_ == "nsubj"]
            if not labels or not holders or not all(h.lower_ in FIRST_PERSON | {"he", "she", "it"} or own_side(h)
                                                    or named_side(h, side) or (not side and h.ent_type_ == "GPE")
                                                    for h in holders):
                continue
            words = [t for g in labels for t in (g, *g.children) if t.dep_ in {"pobj", "amod", "compound", "det"}]
            # the label itself ("the proper forum"), not what it is for ("for the dispute")
            blame = any(self.lexicon_label(t) in {"opposes", "warns", "rejects"} for t in words)
            return "opposes" if blame or polarity(" ".join(t.text for t in words)) <= -POLARITY_THRESHOLD else "supports"
        return ""

    def lexicon_label(self, token: Token) -> str: ...  # the stance of a one-word trigger, "" if none

    def _works(self, doc: Doc, start: int, end: int) -> bool:
        """"The bilateral mechanisms have worked and will keep working", "the corridor works": a thing
        said to work is spoken well of (the guide's supports), as "pressure has never worked" (the trigger
        "never work") speaks ill of it. Not a party working ("we will work with partners" announces),
        not work done on, with or for something."""
        for token in doc[start:end]:
            if token.lemma_ not in self.lexicon.holding or token.pos_ != "VERB" or token.dep_ in EMBEDDED - {"xcomp"} \
                    or negated(token) or any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
                continue
            if any(c.dep_ in {"dobj", "prt", "dative"} or (c.dep_ == "prep" and (token.lemma_ == "work" or c.lower_ in
                   {"on", "in", "at", "to", "with", "for", "of"})) for c in token.children):
                continue  # "the truce has held since Sunday" holds; "talks held in Oslo", "work on" tell events
            clause = token.head if token.dep_ in {"xcomp", "conj"} else token  # "will keep working"
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            if subjects and all(c.pos_ == "NOUN" and not animate(c) for c in subjects):
                return True
        return False

    @staticmethod
    def _owed(doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"Any pact must respect our waters", "Moscow must return our children": a duty laid on another
        party or thing toward what the speaker's side owns ("our", "us", the side's state by name) asks
        that it be done for that side (the guide's requests). A duty toward a thing of no one's ("both
        fleets should return to port") advocates a course (supports), and "its" is too often the subject's
        own ("Israel must stop its strikes") to be read as the speaker's."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ in EMBEDDED \
                    or not any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children) \
                    or negated(token):
                continue
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subjects or any(c.lower_ in FIRST_PERSON or (own_side(c) and c.lemma_.lower() not in PARTNERS)
                                   or named_side(c, side) for c in subjects):
                continue  # "our neighbours must help us" lays the duty on others, "our troops must" on the side
            things = [c for c in token.children if c.dep_ == "dobj"] + \
                [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"] + \
                [g for c in token.children if c.dep_ in {"ccomp", "xcomp"} for g in c.children if g.dep_ == "nsubj"]
            if any(d.dep_ == "poss" and d.lower_ in {"our", "my"} for t in things for d in t.children) \
                    or any(t.lower_ in {"us", "me"} or named_side(t, side) for t in things):
                return True
        return False

    def _programme(self, doc: Doc, start: int, end: int) -> bool:
        """"The initiative would train 4,000 police officers", "the new corridor will carry grain to
        Africa": what a course of action (dg:courseNoun) will do, told in the future of the thing itself, announces it
        (the guide's supports: "announces a course of action"), as "we will host the talks" does for a
        side (_intended). Not harm foretold (_threatened), not "could" or "might" (speculation), not a
        verb of waiting or weighing."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ not in {"ROOT", "ccomp", "conj"} \
                    or token.lemma_.lower() in self.lexicon.noncommittal:
                continue
            head = token.head if token.dep_ == "conj" else token
            if not any(c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll"} for c in head.children) \
                    or negated(token):
                continue
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if not subjects or not all(c.lemma_.lower() in self.lexicon.course_nouns and not animate(c) for c in subjects):
                continue
            if not any(c.dep_ == "dobj" for c in token.children):
                continue
            if polarity(" ".join(t.text for t in token.subtree)) >= 0:
                return True
        return False

    @staticmethod
    def _closed(doc: Doc, start: int, end: int) -> bool:
        """"The issue is closed", "the question of claims was settled completely and finally": declaring a
        question closed rules out reopening it (the guide's rejects: "rules out")."""
        for token in doc[start:end]:
            if token.lower_ not in {"closed", "settled"} or negated(token):
                continue
            verbs = [token, *(c for c in token.children if c.dep_ in {"aux", "auxpass"})]  # "is" may hold it
            nouns = [c for v in verbs for c in v.children if c.dep_ in {"nsubj", "nsubjpass"}] + \
                ([token.head] if token.dep_ in {"amod", "acl", "oprd"} else []) + \
                [c for c in token.head.children if c.dep_ in {"nsubj", "nsubjpass"} and token.dep_ in {"acomp", "oprd"}]
            if any(n.lemma_.lower() in {"issue", "matter", "question", "chapter", "case", "file"} for n in nouns):
                return True
        return False

    @staticmethod
    def _expected_of(doc: Doc, start: int, end: int) -> str:
        """"The administration expects Caracas to set a date for the election": an expectation placed on a
        party to act is a demand (the guide's requests); "expected the elections to be held with full
        participation" wants a thing done (supports). A harm expected is a forecast ("we expect Iran to
        retaliate"), and a thing's course expected ("expects the talks to resume") only speculates."""
        for token in doc[start:end]:
            if token.lemma_ != "expect" or token.pos_ != "VERB" or token.dep_ in EMBEDDED or negated(token):
                continue
            for clause in (c for c in token.children if c.dep_ in {"ccomp", "xcomp"}
                           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)):
                if polarity(" ".join(t.text for t in clause.subtree)) <= -POLARITY_THRESHOLD:
                    continue
                if any(c.dep_ == "auxpass" for c in clause.children):
                    return "supports"
                if any(c.dep_ == "nsubj" and animate(c) for c in clause.children):
                    return "requests"
        return ""

    @staticmethod
    def _made_worse(doc: Doc, start: int, end: int) -> str:
        """"Sanctions had only made life harder for ordinary people", "the blockade made things worse", "the
        corridor has made the crossing safer": what a thing has made worse or better, told as done, is
        blame or praise of the thing (the guide's opposes, supports). The comparative's base word is read
        with VADER ("harder" is rated as "hard"); what a thing would make worse is harm foretold."""
        for token in doc[start:end]:
            if token.lemma_ != "make" or token.pos_ != "VERB" or token.dep_ in EMBEDDED \
                    or any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in token.children):
                continue
            flip = -1 if negated(token) else 1  # "tit-for-tat duties never made anyone richer" blames them
            for result in (c for c in token.children if c.dep_ in {"ccomp", "oprd", "acomp", "xcomp"}):
                more = next((c.lower_ for c in result.children
                             if c.dep_ == "advmod" and c.lower_ in {"more", "less"}), "")
                if result.pos_ != "ADJ" or not (result.tag_ == "JJR" or more):
                    continue
                score = polarity(result.lemma_) * (-1 if more == "less" else 1) * flip
                if score <= -0.1:
                    return "opposes"
                if score >= POLARITY_THRESHOLD:
                    return "supports"
        return ""

    @staticmethod
    def _blamed(doc: Doc, start: int, end: int) -> bool:
        """"The hybrid attack organised by Minsk has not stopped", "the strikes carried out by the militia":
        a harm told with the party that did it as its agent accuses that party (the guide's opposes), where
        naming a harm alone ("the attack has not stopped") is no stance."""
        for token in doc[start:end]:
            if token.pos_ != "NOUN":
                continue
            agents = [g for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" and not negated(c)
                      for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
            if not any(g.pos_ == "PROPN" or g.ent_type_ in {"GPE", "ORG", "NORP"} for g in agents):
                continue
            harm = [token.text] + [c.text for c in token.children if c.dep_ in {"amod", "compound"}]
            if polarity(" ".join(harm)) <= -POLARITY_THRESHOLD:
                return True
        return False

    @staticmethod
    def _claimed(doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"Every square metre of the canal belongs to Panama" (said for Panama), "these waters belong to
        us": the speaker's side claiming a thing as its own is against any other's claim to it (the
        guide's opposes, as a right kept to one party is); said of another state it is a fact told."""
        for token in doc[start:end]:
            if token.lemma_.lower() != "belong" or token.pos_ != "VERB" or negated(token):
                continue
            owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "to"
                      for g in c.children if g.dep_ == "pobj"]
            if any(g.lower_ in {"us", "me"} or own_side(g) or named_side(g, side) for g in owners):
                return True
        return False

    @staticmethod
    def _harm_judged(word: Token) -> bool:
        """A word of refusal as the predicate of a harm ("attacks on aid workers are unacceptable"): one
        condemns an act, where one refuses a proposal ("the proposal is unacceptable" rejects)."""
        if word.dep_ not in {"acomp", "attr"}:
            return False
        subjects = [c for c in word.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return bool(subjects) and all(polarity(" ".join(t.text for t in c.subtree)) <= -POLARITY_THRESHOLD
                                      for c in subjects)

    def _aims_at_harm(self, word: Token) -> bool:
        """Readiness or preparation whose aim is harm ("is preparing new strikes", "ready to strike the
        bases"): the guide's warns (threatens), not support of a course of action."""
        if word.lemma_.lower() not in {"prepare", "ready", "prepared", "willing"}:
            return False
        aims = [c for c in word.children if c.dep_ in {"dobj", "xcomp"}]
        words = aims + [c for a in aims for c in a.children if c.dep_ == "amod"]  # the aim's head, not its
        # every word: "preparing to receive the released hostages" aims at a welcome act
        return bool(aims) and (polarity(" ".join(t.text for t in words)) <= -POLARITY_THRESHOLD
                               or any(t.lemma_.lower() in self.lexicon.threat_verbs for t in words))
