"""Stance v2.5: frames of refusal, announcement, consequence, characterisation and request (session 9).

What unseen articles say without a trigger word: a refusal told in the passive ("we will not be
lectured") or tied to a condition ("no accord can be signed until ..."), a course of action announced
by the speaker's bodies ("the army would complete its deployment") or said to go on ("planning would
continue"), harm foretold with a word VADER does not rate ("would start a cascade"), a thing
characterised by what it is ("the closure was collective punishment", "that is not a free choice"), a
share of a burden put on another party and freeing or giving back bidden or wished for (requests).
Each frame reads tokens [start, end) of a statement from the dependency parse (README "Stance").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from diplograph.ontology.lexicon import StanceLexicon

from .stance_syntax import (
    EMBEDDED, FIRST_PERSON, FUTURE, HYPOTHETICAL, NEGATION_WORDS, NEGATIVE_SUBJECTS, POLARITY_THRESHOLD, animate,
    named_side, negated, own_side, polarity, state_named,
)

MODAL = FUTURE | {"can", "ca", "could", "shall", "must"}  # "no accord can be signed until ..."
GAPS = {"gap", "difference", "divergence", "distance", "disagreement"}  # what parts the parties
NARROWING = {"narrow", "narrower", "small", "smaller", "shrink", "close", "closer", "less", "fewer"}
COURSE_WORK = {"work", "preparation", "effort", "construction", "deployment", "phase", "stage"}
LIMIT_MARKS = {"until", "till"}  # a refusal held until the other side acts
LIKELIHOOD = {"possibility", "chance", "likelihood", "odds", "prospect", "probability"}  # "the possibility ... was
# very low" speculates (the guide's neutral: "the chances of a breakthrough are slim")
EPISTEMIC = {"true", "correct", "accurate", "right", "real", "clear", "sure", "certain", "possible", "likely"}
# "that is not true" denies a claim, no blame of a course of action
LABEL_PARTS = {"amod", "compound", "advmod", "det", "nummod", "npadvmod", "conj", "cc"}  # the label, not what it is for


def _denied_clause(verb: Token) -> bool:
    """The clause is denied: "will not be", "never", or a subject denied with "no" ("no accord can ...")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    existential = any(c.dep_ == "expl" for c in verb.children)  # "there can be no talks until ..."
    return any((c.dep_ in {"nsubj", "nsubjpass"} or (existential and c.dep_ == "attr"))
               and (c.lower_ in NEGATIVE_SUBJECTS or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
               for c in verb.children)


def _dated(phrase: Token) -> bool:
    """The phrase names a time ("before 2027", "until Friday", "next week"), not an act of another party."""
    return any(t.ent_type_ in {"DATE", "TIME"} for t in phrase.subtree)


def _auxes(verb: Token) -> list[Token]:
    head = verb.head if verb.dep_ == "conj" else verb
    return [c for c in verb.children if c.dep_ == "aux"] or [c for c in head.children if c.dep_ == "aux"]


class ModalFrames:
    """The session 9 frames, mixed into StanceReader, which holds the lexicon."""

    lexicon: StanceLexicon

    def lemma(self, token: Token) -> str: ...  # StanceReader's mended lemma

    def _refused_passive(self, doc: Doc, start: int, end: int) -> bool:
        """"We will not be lectured by anyone", "Chile will not be blackmailed", "the pass would not be
        reopened": what a side says will not be done to it, or to a thing, refuses it (the guide's rejects:
        "we will never sign such a text"); a harm denied ("the hostages will not be harmed") reassures."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.tag_ != "VBN" or token.dep_ in EMBEDDED \
                    or not any(c.dep_ == "auxpass" for c in token.children) \
                    or not any(c.dep_ == "neg" for c in token.children):
                continue
            if not any(c.lower_ in FUTURE for c in _auxes(token)):
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
            if not subjects:
                continue
            if any(c.lower_ in FIRST_PERSON or own_side(c) for c in subjects):
                return True  # "we will not be intimidated": refusing to be subjected to it
            if any(c.dep_ in {"prep", "advcl"} and c.lower_ in LIMIT_MARKS | {"before", "after"} and _dated(c)
                   for c in token.children) or any(c.dep_ == "npadvmod" and _dated(c) for c in token.children):
                continue  # "the election would not be held before 2027" schedules, refuses nothing
            if polarity(token.text) > -POLARITY_THRESHOLD and token.lemma_.lower() not in self.lexicon.threat_verbs:
                return True
        return False

    @staticmethod
    def _refused_until(doc: Doc, start: int, end: int) -> bool:
        """"No agreement can be signed until the occupation ends", "we will not reopen the embassy until
        the attackers are tried": a denied act held until another party acts refuses it now and sets the
        condition (the guide's rejects, as "out of the question" is), where "unless" threatens."""
        for token in doc[start:end]:
            if token.pos_ not in {"VERB", "AUX"} or token.dep_ in EMBEDDED or not _denied_clause(token):
                continue
            if not any(c.lower_ in MODAL for c in _auxes(token)):
                continue
            holders = [token, *(c for c in token.children if c.dep_ in {"attr", "nsubj", "nsubjpass", "dobj"})]
            for clause in (c for h in holders for c in h.children if c.dep_ in {"advcl", "prep"} and c.i > token.i):
                marks = {clause.lower_} | {m.lower_ for m in clause.children if m.dep_ == "mark"}
                if marks & LIMIT_MARKS and not _dated(clause):
                    return True  # "until the quotas change"; "not be published until Friday" schedules
        return False

    def _announced(self, doc: Doc, start: int, end: int, side: frozenset[str],
                   bodies: frozenset[str] = frozenset()) -> bool:
        """"Norway would deliver three more radars before spring" (said for Norway, or where the words
        name no side), "the government would go ahead with the vote", "the fund would keep paying for
        the mission", "planning for the force would continue": a body of the speaker's side, or a course
        of action, said to do or go on in the future announces a course of action (the guide's supports).
        Not harm (_threatened), not waiting or weighing, not another party's act when the side is known."""
        for token in doc[start:end]:
            head = token.head if token.dep_ == "conj" else token
            if token.pos_ != "VERB" or token.dep_ not in {"ROOT", "ccomp", "conj"} or negated(token) \
                    or any(c.lower_ in {"neither", "nor"} for v in (token, head) for c in v.subtree):
                continue  # "would neither provoke nor bow to pressure" announces nothing
            if not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in head.children):
                continue
            lemma = token.lemma_.lower()
            subjects = [c for c in head.children if c.dep_ == "nsubj"]
            if len(subjects) != 1:
                continue
            subject = subjects[0]
            # a course of action going on ("planning for the force would continue", "the mission will
            # proceed"); not any process: "the shelling would continue", and "the talks would resume" may
            # be told of a round another set (stance.ttl, dg:occurrenceVerb)
            going_on = lemma in {"continue", "proceed", "begin", "start"} and not animate(subject) \
                and subject.lemma_.lower() in self.lexicon.course_nouns | self.lexicon.arrangement | COURSE_WORK
            going_on = going_on or (lemma == "go" and any(c.lower_ in {"ahead", "on"} and c.dep_ in {"advmod", "prt"}
                                                          for c in token.children)
                                    and not animate(subject))  # "the summit will go ahead", "the drills will go on"
            if lemma in self.lexicon.noncommittal and not going_on:
                continue
            # a state by name may be another party where the words do not name the speaker's: only its
            # deliveries and arrangements are read as announced ("Norway would deliver three radars"), not
            # any act ("Moscow would find other buyers" answers sanctions, no course on them)
            delivers = lemma in self.lexicon.transfer | self.lexicon.arrangement
            named = subject.pos_ == "PROPN" and (subject.lower_ in bodies or (
                not side and subject.ent_type_ in {"GPE", "ORG"} and delivers))
            # a body noun of the side, not of another state ("the Russian army would ...", said by another
            # state's minister, is that state's act)
            own_body = subject.pos_ in {"NOUN", "PROPN"} and subject.lemma_.lower() in self.lexicon.body_nouns \
                and not any(c.dep_ in {"poss", "compound", "amod"} and state_named(c.text)
                            and state_named(c.text) not in side for c in subject.children)
            body = named_side(subject, side) or named or own_body
            acts = body and (going_on or any(c.dep_ in {"dobj", "xcomp", "prep", "prt", "advmod"}
                                             for c in token.children))
            if not (acts or going_on):
                continue
            words = " ".join(t.text for t in token.subtree)
            if polarity(words) <= -POLARITY_THRESHOLD or any(t.lemma_.lower() in self.lexicon.threat_verbs
                                                             for t in (token, *subject.subtree)):
                continue
            return True
        return False

    def _harm_foretold(self, doc: Doc, start: int, end: int) -> bool:
        """"Enrichment there would start a cascade across the region", "further delay would hand the
        markets to our rivals", "any foreign soldiers there would be treated as targets": what will or
        would follow, told with a harm VADER does not rate (stance.ttl's dg:harmNoun), cautions about
        consequences (the guide's warns: "this path leads to a wider war")."""
        for token in doc[start:end]:
            if token.pos_ not in {"VERB", "AUX"} or token.dep_ in EMBEDDED or negated(token):
                continue
            if not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in HYPOTHETICAL
                       for c in (*_auxes(token), *token.children)):
                continue
            if any(c.dep_ == "nsubj" and (c.lower_ in FIRST_PERSON or own_side(c)) for c in token.children):
                continue  # the side's own acts are _threatened's ("we will respond"); "we will meet our targets"
            if token.lemma_.lower() in self.lexicon.cost | self.lexicon.loss and token.pos_ == "VERB" \
                    and any(c.dep_ == "dobj" for c in token.children):
                return True  # "another round of tariffs would cost thousands of jobs": a cost foretold
            parts = [t for c in token.children if c.dep_ in {"dobj", "attr", "oprd", "prep", "dative", "xcomp"}
                     for t in c.subtree]
            if any(t.lemma_.lower() in self.lexicon.harm_nouns and (t.lemma_.lower() != "target" or
                   t.dep_ in {"attr", "oprd"} or t.head.lower_ == "as") for t in parts):
                return True  # a party made a target ("treated as targets"); "would hit its growth target" is none
            joined = {f"{a.lemma_.lower()} {b.lemma_.lower()}" for a, b in zip(parts, parts[1:])}
            if joined & self.lexicon.harm_nouns:
                return True
        return False

    def _equated_by_be(self, doc: Doc, start: int, end: int) -> str:
        """"The closure was collective punishment", "that is not a free choice", "the vote was calm": a
        thing characterised by what it is takes the label's polarity as the speaker's praise or blame
        (VADER, with stance.ttl's blame words), as a verb of equating does (_characterised); a label
        denied ("not a free choice") turns praise into blame. The speaker describing its own side
        ("we are ready") is left to the other frames, and so is a hedged or possible state."""
        for token in doc[start:end]:
            if token.lemma_ != "be" or token.dep_ in EMBEDDED or token.dep_ in {"aux", "auxpass"}:
                continue
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "expl"}]
            if not subjects or any(c.lower_ in FIRST_PERSON or c.dep_ == "expl" or c.lemma_.lower() in LIKELIHOOD
                                   for c in subjects):
                continue
            conform = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "in"
                       and any(g.dep_ == "pobj" and g.lemma_.lower() in self.lexicon.conformity for g in c.children)]
            ours = any(p.dep_ == "prep" and p.lower_ == "on" and any(
                g.dep_ == "pobj" and g.lemma_ == "side"
                and any(d.dep_ == "poss" and d.lower_ in {"our", "my"} for d in g.children)
                for g in p.children) for p in token.children)
            if ours and not any(c.dep_ == "neg" for c in token.children):
                return "supports"  # "international law is on our side"
            if any(c.dep_ == "neg" for c in token.children) and any(
                    c.dep_ == "attr" and c.lemma_.lower() in {"time", "moment"}
                    and any(p.dep_ == "prep" and p.lower_ == "for" for p in c.children) for c in token.children):
                return "opposes"  # "this is not the time for new sanctions"
            if conform and any(c.dep_ == "neg" for c in token.children):
                return "opposes"  # "not in the spirit of the process" criticises; "our activities are in
                # line with international law" defends the speaker's own, no stance on the topic
            labels = [c for c in token.children if c.dep_ in {"attr", "acomp"}]
            if not labels or any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL | {"may", "might", "could"}
                                 for c in token.children):
                continue
            parts = [t for c in labels for t in (c, *(d for d in c.children if d.dep_ in LABEL_PARTS))
                     if t.lower_ not in NEGATION_WORDS]
            if any(t.lemma_.lower() in self.lexicon.when_negated for t in parts):
                continue  # "Russia was not ready for peace": an attitude, read by _denied with its holder
            if any(c.dep_ == "neg" for v in (token, *labels) for c in v.children):
                # a quality denied ("not a free choice", "not fair"): praise denied blames; "a ceasefire is
                # not a peace deal" tells a difference, "that is not true" denies a claim
                qualities = [t for t in parts if t.pos_ == "ADJ" and t.lower_ not in EPISTEMIC]
                if qualities and polarity(" ".join(t.text for t in qualities)) >= POLARITY_THRESHOLD:
                    return "opposes"
                continue
            score = polarity(" ".join(t.text for t in sorted(parts, key=lambda t: t.i)))
            if score <= -POLARITY_THRESHOLD:
                return "opposes"
            if score >= POLARITY_THRESHOLD:
                return "supports"
        return ""

    def _demanded(self, doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"The tariff would fall the day Brussels closes that loophole", "sanctions would be lifted as soon
        as Moscow withdraws its troops": what will follow the moment a named other party acts sets that
        act as the speaker's demand (the guide's requests: asks that something be done for its side)."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ in EMBEDDED or negated(token) \
                    or not any(c.dep_ == "aux" and c.lower_ in FUTURE for c in token.children):
                continue
            moments = [c for c in token.children
                       if c.dep_ in {"dobj", "npadvmod"} and c.lemma_.lower() in self.lexicon.moments]
            clauses = [r for m in moments for r in m.children if r.dep_ == "relcl"]
            clauses += [a for s in token.children if s.dep_ == "advmod" and s.lower_ == "soon"
                        for a in s.children if a.dep_ == "advcl"]
            clauses += [c for c in token.children if c.dep_ == "advcl"
                        and any(m.dep_ == "mark" and m.lower_ in LIMIT_MARKS | {"once"} for m in c.children)]
            # "the duties would stay in place until Beijing lifted its export ban"
            for clause in clauses:
                actors = [c for c in clause.children if c.dep_ == "nsubj"]
                if actors and all((a.pos_ == "PROPN" and a.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"}
                                   and not named_side(a, side)) or a.lower_ == "they" for a in actors):
                    return True
        return False

    def _seat_asked(self, doc: Doc, start: int, end: int) -> str:
        """"Europe had to be at the table when the future of Ukraine was decided", "Armenia must be
        involved in any talks on the corridor", "we should have a say": a duty that a party take part asks
        that it be given a place (the guide's requests: "a meeting"); denied, it is against that party's part."""
        for token in doc[start:end]:
            if token.dep_ in EMBEDDED:
                continue
            duty = any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children) or \
                (token.dep_ == "xcomp" and token.head.lemma_ in {"have", "need"} and not negated(token.head)
                 and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))
            if not duty:
                continue
            lemma = token.lemma_.lower()
            at_table = lemma == "be" and any(p.dep_ == "prep" and p.lower_ == "at" and any(
                g.dep_ == "pobj" and g.lower_ == "table" for g in p.children) for p in token.children)
            included = lemma in self.lexicon.inclusion_verbs and any(c.dep_ == "auxpass" for c in token.children)
            seated = lemma == "have" and any(c.dep_ == "dobj" and c.lemma_.lower() in self.lexicon.inclusion_nouns
                                             for c in token.children)
            if at_table or included or seated:
                return "opposes" if negated(token) else "requests"  # "the militia must not be at the table"
        return ""

    def _appealed(self, doc: Doc, start: int, end: int) -> str:
        """"We call on the international community to increase pressure on Moscow", "we urge Washington to
        reconsider the tariffs": the speaker's side appealing to a party to act asks it to act for that side
        (the guide's requests: "urged the allies to send ..."); an appeal to both sides or all parties
        advocates a course of action (supports), as the own gold reads a mediator's appeals."""
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.lemma_.lower() not in self.lexicon.appeals | {"appeal"} \
                    or token.dep_ in EMBEDDED or negated(token):
                continue
            if not any(c.dep_ == "nsubj" and (c.lower_ in FIRST_PERSON or own_side(c)) for c in token.children):
                continue
            addressees = [c for c in token.children if c.dep_ == "dobj"] + \
                [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"on", "upon", "to"}
                 for g in c.children if g.dep_ == "pobj"]
            if not addressees or not any(c.dep_ == "xcomp" for c in token.children):
                continue
            both = any(a.lemma_.lower() in {"side", "party"} and a.tag_ == "NNS" or a.lower_ in {"everyone", "all"}
                       for a in addressees)
            return "supports" if both else "requests"
        return ""

    def _time_for(self, doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"It is time for Brussels to deliver on its promises": the moment named for another party's act
        asks that it act (the guide's requests); "it is time for peace" advocates (the triggers' part)."""
        for token in doc[start:end]:
            if token.lemma_ != "be" or negated(token):
                continue
            for attr in (c for c in token.children if c.dep_ == "attr" and c.lemma_ == "time"):
                for clause in (c for c in attr.children if c.dep_ in {"relcl", "acl"}):
                    if not any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
                        continue
                    actors = [c for c in clause.children if c.dep_ == "nsubj"]
                    if actors and all(a.lower_ not in FIRST_PERSON and not own_side(a) and not named_side(a, side)
                                      and (a.pos_ == "PROPN" or a.lower_ == "they") for a in actors):
                        return True
        return False

    @staticmethod
    def _narrowing(doc: Doc, start: int, end: int) -> bool:
        """"The gaps are narrower than a month ago", "the differences have narrowed", "the distance between
        the two texts is small": a gap between the parties said to close reports progress (the guide's
        supports: "work on the grain corridor is well under way"); "the gaps remain wide" does not."""
        for token in doc[start:end]:
            if token.dep_ not in {"nsubj", "nsubjpass"} or token.lemma_.lower() not in GAPS:
                continue
            verb = token.head
            if negated(verb) or verb.dep_ in EMBEDDED:
                continue
            said = [verb, *(c for c in verb.children if c.dep_ in {"acomp", "attr", "advmod", "prt"})]
            if any(w.lemma_.lower() in NARROWING or w.lower_ in NARROWING for w in said):
                return True
        return False

    def _burden_put(self, doc: Doc, start: int, end: int, side: frozenset[str]) -> bool:
        """"Yerevan must also do its part", "we cannot ask Poland to carry this burden alone", "Europe
        should pay its share": a share of a burden put on another party asks that it be done for the
        speaker's side (the guide's requests); "we will do our part" is the side's own commitment."""
        for token in doc[start:end]:
            if token.lemma_.lower() not in self.lexicon.burden_nouns or token.dep_ != "dobj":
                continue
            verb = token.head
            if verb.lemma_.lower() not in self.lexicon.burden_verbs or negated(verb) and verb.dep_ != "xcomp":
                continue
            doers = [c for c in verb.children if c.dep_ == "nsubj"] or \
                ([c for c in verb.head.children if c.dep_ in {"dobj", "nsubj"}] if verb.dep_ == "xcomp" else [])
            if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
                doers = [c for c in verb.head.children if c.dep_ == "dobj"]
            if doers and not any(d.lower_ in FIRST_PERSON or own_side(d) or named_side(d, side) for d in doers):
                return True
        return False

    def _release_asked(self, doc: Doc, start: int, end: int, bidden: Token | None,
                       side: frozenset[str]) -> bool:
        """"Let them go home", "release our fishermen", "the group wanted a ransom and the release of its
        fighters", "any deal must include the release of all prisoners": freeing or giving back (stance.ttl's
        dg:releaseWord, with the verbs of giving), bidden, wished for by the speaker's side or laid as a
        duty on another, asks that it be done for that side (the guide's requests). "Let us be clear" bids
        nothing, and "we must release them" is the side's own duty."""
        words = self.lexicon.release | self.lexicon.transfer
        if bidden is not None and not any(c.dep_ == "neg" for c in bidden.children) and self.lemma(bidden) in words \
                and not any(c.lower_ in {"us", "'s"} for c in bidden.children):
            return True
        if bidden is not None and not any(c.dep_ == "neg" for c in bidden.children) and bidden.lemma_ != "let" \
                and any(t.lower_ in {"us", "me"} and t.dep_ in {"dobj", "dative", "nsubj"}
                        for t in (*bidden.children,
                                  *(g for c in bidden.children if c.dep_ == "ccomp" for g in c.children))):
            return True  # "help us rebuild our schools": done for the speaker's side
        for token in doc[start:end]:
            if token.pos_ != "VERB" or token.dep_ in EMBEDDED or negated(token):
                continue
            holders = [c for c in token.children if c.dep_ == "nsubj"]
            ours = [h.lower_ in FIRST_PERSON | {"he", "she", "it"} or own_side(h) or named_side(h, side)
                    or (h.tag_ == "NN" and h.lemma_.lower() in self.lexicon.body_nouns | {"group", "movement"})
                    for h in holders]  # "the group wanted a ransom", said by its spokesman; "the occupation
            # wants the hostages back" is another party's wish
            wished = self.lemma(token) in self.lexicon.wish_verbs | {"seek", "demand"} and bool(ours) and all(ours)
            # or a duty laid on another party or thing: "any deal must include the release of all prisoners"
            owed = any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children) \
                and not any(h.lower_ in FIRST_PERSON or own_side(h) for h in holders)
            if not (wished or owed):
                continue
            things = [c for c in token.children if c.dep_ == "dobj"]
            things += [c for t in things for c in t.conjuncts]
            if any(t.lemma_.lower() in words for t in things):
                return True
            # "we want our children back"; a duty to take a thing back ("Washington should take back the
            # canal") may be laid on the speaker's own state, which the words do not always name
            back = any(c.dep_ in {"prt", "advmod", "ccomp", "xcomp"} and c.lower_ == "back"
                       for t in (token, *things) for c in t.children)
            things = things or [c for c in token.children if c.lower_ == "back"]
            if things and back and wished:
                return True  # "we want our children back", "we want our land back"
        return False
