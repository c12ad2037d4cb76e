"""The question catalogue: the phrasings an analyst types, each read into an intent and its words.

This module only reads text: it says what a question asks for (who said what, where an actor
stands, who holds a stance, what an actor wants, who met whom, whether an actor agreed to
something, who criticised or praised an actor, how two actors differ, over which dates) and
which words name the actors and the topic. Matching those words to stored actors and topics, and
answering, is api/ask.py's job. PHRASINGS is the catalogue the README's table and the tests use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .timespans import split_time

Intent = Literal["statements", "positions", "stance", "wants", "meetings", "agreement", "reactions", "comparison"]

# The verb of "who <verb> X" → the stance it asks for.
STANCE_VERBS: dict[str, str] = {
    **dict.fromkeys(("requests", "requested", "request", "asks for", "asked for", "wants", "wanted",
                     "demands", "demanded", "calls for", "called for", "is calling for", "pushes for",
                     "pushed for", "seeks", "sought", "needs", "is asking for", "want", "demand", "call for",
                     "ask for"), "requests"),
    **dict.fromkeys(("supports", "supported", "backs", "backed", "favours", "favors", "favoured", "favored",
                     "endorses", "endorsed", "is for", "is in favour of", "is in favor of", "welcomes",
                     "welcomed", "agrees with", "agreed to", "support", "back", "favour", "favor", "endorse",
                     "are for"), "supports"),
    **dict.fromkeys(("opposes", "opposed", "is against", "was against", "is opposed to", "objects to",
                     "objected to", "resists", "resisted", "oppose", "are against", "object to"), "opposes"),
    **dict.fromkeys(("rejects", "rejected", "refuses", "refused", "rules out", "ruled out", "dismisses",
                     "dismissed", "reject", "refuse", "rule out"), "rejects"),
    **dict.fromkeys(("warns about", "warned about", "warns against", "warned against", "warns of",
                     "warned of", "is worried about", "fears", "feared", "warn about", "warn against",
                     "warn of"), "warns"),
}
# Stances that answer a question about another stance, marked as neighbours in the answer.
NEIGHBOUR_STANCES: dict[str, tuple[str, ...]] = {
    "opposes": ("rejects", "warns"),
    "rejects": ("opposes",),
    "warns": ("opposes",),
    "supports": ("requests",),
    "requests": ("supports",),
    "neutral": (),
}
# "who criticised A" and its kin → the kind of reaction asked for.
REACTION_VERBS: dict[str, str] = {
    **dict.fromkeys(("criticised", "criticized", "criticises", "criticizes", "criticise", "criticize",
                     "attacked", "attacks", "blamed", "blames", "condemned", "condemns", "denounced",
                     "slammed", "accused", "accuses", "is critical of", "was critical of"), "criticised"),
    **dict.fromkeys(("praised", "praises", "praise", "commended", "hailed", "welcomed", "defended",
                     "is praising", "spoke well of"), "praised"),
    **dict.fromkeys(("thanked", "thanks", "thank"), "thanked"),
}

# The words of "which meetings were <status>" → the event status asked for.
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("cancelled", "canceled", "called off", "postponed", "scrapped", "dropped"), "cancelled"),
    **dict.fromkeys(("planned", "scheduled", "announced", "upcoming", "coming", "expected", "due"), "planned"),
    **dict.fromkeys(("held", "happened", "took place", "past"), "held"),
}

_ABOUT = r"(?:about|on|of|over|regarding|concerning|towards|toward)"
_TOPIC = rf"(?: {_ABOUT} (?P<topic>.+))?"
_POSS = r"(?:'s|’s|'|’)"


def _alternatives(words: dict[str, str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_STANCE = _alternatives(STANCE_VERBS)
_REACTION = _alternatives(REACTION_VERBS)
_STATUS = _alternatives(STATUS_WORDS)
_EVENTS = r"(?:meetings|summits|visits|talks|calls|events)"
_WITH = r"(?: (?:with|of|involving|by|for|between) (?P<speaker>.+?)(?: and (?P<other>.+))?)?"
_SUPPLY = r"(?:supply|supplying|send|sending|provide|providing|deliver|delivering|give|giving|sell|selling)"


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One kind of question: its intent, the pattern that reads it, and an example that works on the seeds."""

    intent: Intent
    pattern: str
    examples: tuple[str, ...]  # every one is answered correctly on the seeds (tests/api/test_api_ask.py)
    reads: str  # what the answer holds, for the README's table


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    """A question's intent and the words it uses for each part (None when the question leaves it open)."""

    text: str
    intent: Intent
    speaker: str | None = None  # the actor asked about (speaker, holder, participant, agreeing actor)
    other: str | None = None  # a second actor: an addressee, a meeting partner, a compared actor, a target
    topic: str | None = None
    stance: str | None = None
    reaction: str | None = None  # criticised | praised | thanked
    kind: str | None = None  # direct | reported
    time: str | None = None  # the time phrase as typed
    status: str | None = None  # held | planned | cancelled: the events asked for
    role: str | None = None  # guest | host: the speaker's part in a visit ("who did A visit": A is the guest)


PHRASINGS: tuple[Phrasing, ...] = (
    # -- comparisons of two actors (before the rest: "A and B" must not read as one name)
    Phrasing("comparison", rf"^how do (?P<speaker>.+?) and (?P<other>.+?) differ{_TOPIC}$",
             ("how do Trump and Zelensky differ on the peace deal",), "both actors' stances per topic, side by side"),
    Phrasing("comparison", rf"^how does (?P<speaker>.+?) differ from (?P<other>.+?){_TOPIC}$",
             ("how does Zelensky differ from Trump on territory",), "both actors' stances per topic, side by side"),
    Phrasing("comparison", rf"^compare (?P<speaker>.+?) (?:and|with|to|vs\.?|versus) (?P<other>.+?){_TOPIC}$",
             ("compare Trump and Zelensky on the ceasefire",), "both actors' stances per topic, side by side"),
    Phrasing("comparison", rf"^(?:where|on what|on which topics?) do (?P<speaker>.+?) and (?P<other>.+?) "
             rf"(?:agree|disagree|differ){_TOPIC}$",
             ("where do Trump and Zelensky disagree",), "both actors' stances per topic, side by side"),
    Phrasing("comparison", rf"^what do (?P<speaker>.+?) and (?P<other>.+?) (?:say|think) {_ABOUT} (?P<topic>.+)$",
             ("what do Trump and Zelensky think about Tomahawks",), "both actors' stances per topic, side by side"),
    Phrasing("comparison", rf"^(?P<speaker>.+?) (?:vs\.?|versus) (?P<other>.+?){_TOPIC}$",
             ("Trump vs Zelensky on Tomahawks",), "both actors' stances per topic, side by side"),
    # -- meetings
    Phrasing("meetings", r"^who (?:met|meets|has met|talked to|spoke with|spoke to) whom$",
             ("who met whom",), "every meeting, visit, call and summit with its participants"),
    Phrasing("meetings", r"^(?:list |show )?(?:all )?(?:the )?(?:meetings|summits|visits|calls|talks)$",
             ("list all meetings",), "every meeting, visit, call and summit with its participants"),
    Phrasing("meetings", rf"^(?:which|what) {_EVENTS} (?:were|was|are|is|have been|has been|got) "
             rf"(?P<status>{_STATUS}){_WITH}$",
             ("which meetings are planned", "which meetings were cancelled", "which meetings were held with Zelensky"),
             "the events of that status: held, planned (announced) or cancelled (called off)"),
    Phrasing("meetings", rf"^(?:list |show )?(?:all )?(?:the )?(?P<status>{_STATUS}) {_EVENTS}{_WITH}$",
             ("planned meetings",),
             "the events of that status: held, planned (announced) or cancelled (called off)"),
    Phrasing("meetings", r"^who (?P<host>visited|has visited|visits|will visit|is visiting|went to|travelled to|"
             r"traveled to) (?P<speaker>.+)$",
             ("who visited the White House",), "the visits the actor hosts, with their guests"),
    Phrasing("meetings", r"^(?:who|where|what) (?:did|has|will) (?P<speaker>.+?) (?P<guest>visit|visited|go to|travel to)$",
             ("who did Zelensky visit",), "the visits the actor makes as a guest, with their hosts"),
    Phrasing("meetings", r"^who (?:did|has|will) (?P<speaker>.+?) (?:meet|met|meet with|call|talk to|speak to)$",
             ("who did Trump meet", "who will Trump meet"), "the events the actor takes part in (planned ones marked)"),
    Phrasing("meetings", r"^who (?:met|meets|has met|will meet|is meeting|called|met with) (?P<speaker>.+)$",
             ("who met Trump", "who is meeting Putin"), "the events the actor takes part in (planned ones marked)"),
    Phrasing("meetings", r"^(?:did|has|will|is) (?P<speaker>.+?) (?:meet|met|meeting|meet with|(?P<guest>visit|visited)|"
             r"call|called|talk to|hold talks with|going to meet) (?P<other>.+)$",
             ("did Trump meet Putin", "did Zelensky visit the White House"), "the events both actors take part in"),
    Phrasing("meetings", r"^(?:which |what )?(?:meetings|summits|visits|talks) (?:of|with|involving|by|for) (?P<speaker>.+)$",
             ("meetings with Zelensky",), "the events the actor takes part in (planned ones marked)"),
    # -- agreements
    Phrasing("agreement", rf"^(?:did|has|will|would|is) (?P<speaker>.+?) (?:agree|agreed|promise|promised|commit|"
             rf"committed|decide|decided|going|ready|willing) to {_SUPPLY} (?P<topic>.+?)(?: to (?P<other>.+))?$",
             ("did Trump agree to supply Tomahawks", "has Trump promised to send Tomahawks to Ukraine"),
             "yes / no / not stated, with the actor's positions and statements"),
    Phrasing("agreement", rf"^(?:will|would|does|did) (?P<speaker>.+?) {_SUPPLY} (?P<topic>.+?)(?: to (?P<other>.+))?$",
             ("will Trump send Tomahawks to Ukraine",), "yes / no / not stated, with the actor's positions and statements"),
    Phrasing("agreement", r"^(?:did|has|will|does) (?P<speaker>.+?) (?:agree to|accept|accepted|approve|approved|"
             r"endorse|endorsed|sign up to|back|support) (?P<topic>.+)$",
             ("did Zelensky agree to a ceasefire", "does Zelensky accept the peace deal"),
             "yes / no / not stated, with the actor's positions and statements"),
    # -- reactions to an actor
    Phrasing("reactions", rf"^who (?:has |have )?(?P<reaction>{_REACTION}) (?P<other>.+)$",
             ("who criticised Putin", "who criticised Trump", "who praised Trump", "who thanked Zelensky"),
             "statements by others addressed to, naming or making claims about the actor"),
    Phrasing("reactions", r"^(?:did|has) anyone (?P<reaction>criticise|criticize|criticised|criticized|praise|"
             r"praised|thank|thanked) (?P<other>.+)$",
             ("did anyone praise Trump",), "statements by others addressed to, naming or making claims about the actor"),
    # -- wants
    Phrasing("wants", r"^what (?:does|did|do) (?P<speaker>.+?) (?:want|need|ask for|request|demand|seek|push for)$",
             ("what does Zelensky want", "what does Ukraine want"), "the actor's requests (supports marked as neighbours)"),
    Phrasing("wants", r"^what (?:is|was|are|were|has) (?P<speaker>.+?) (?:been )?(?:asking for|requesting|demanding|"
             r"seeking|pushing for|calling for)$",
             ("what is Zelensky asking for",), "the actor's requests (supports marked as neighbours)"),
    Phrasing("wants", rf"^(?:what are )?(?P<speaker>.+?){_POSS} (?:demands|requests|wants|needs|goals|aims)$",
             ("what are Zelensky's demands",), "the actor's requests (supports marked as neighbours)"),
    # -- positions
    Phrasing("positions", rf"^where (?:does|did|do) (?P<speaker>.+?) stand{_TOPIC}$",
             ("where does Trump stand on Tomahawks", "where does Zelensky stand"),
             "the actor's positions, own words and others' claims marked"),
    Phrasing("positions", rf"^(?:what is |what's |what are |what was )?(?P<speaker>.+?){_POSS} (?:position|positions|"
             rf"stance|stances|view|views|line|attitude){_TOPIC}$",
             ("what is Trump's stance on the ceasefire", "Zelensky's position on territory", "Putin's position on the ceasefire"),
             "the actor's positions, own words and others' claims marked"),
    Phrasing("positions", rf"^what (?:does|did) (?P<speaker>.+?) think {_ABOUT} (?P<topic>.+)$",
             ("what does Zelensky think about territory",), "the actor's positions, own words and others' claims marked"),
    Phrasing("positions", r"^how does (?P<speaker>.+?) (?:feel about|see|view|regard) (?P<topic>.+)$",
             ("how does Trump view the peace deal",), "the actor's positions, own words and others' claims marked"),
    Phrasing("positions", r"^(?:is|was) (?P<speaker>.+?) (?:for|against|in favou?r of|opposed to) (?P<topic>.+)$",
             ("is Zelensky against the peace deal",), "the actor's positions, own words and others' claims marked"),
    # -- who holds a stance
    Phrasing("stance", rf"^(?:who|which (?:actors?|countries|country|leaders?|officials?|governments?)) "
             rf"(?P<stance>{_STANCE}) (?P<topic>.+)$",
             ("who opposes a ceasefire", "who is against the peace deal", "who rejects the peace deal",
              "who supports a peace deal", "which leaders back a ceasefire", "who wants Tomahawks",
              "who asked for air defense", "who warns about escalation", "who supports a peace deal this month"),
             "positions and statements with the stance, neighbouring stances and claims marked"),
    # -- who said what
    Phrasing("statements", rf"^who (?:said|says|has said) (?:what|anything|something) {_ABOUT} (?P<topic>.+)$",
             ("who said what about Tomahawks", "who said anything about the ceasefire",
              "who said what about Tomahawks last week"),
             "statements about the topic (narrower topics included)"),
    Phrasing("statements", rf"^who (?:said|says|spoke|talked|commented|has spoken|has commented) {_ABOUT} (?P<topic>.+)$",
             ("who talked about air defense",), "statements about the topic (narrower topics included)"),
    Phrasing("statements", rf"^what (?:was|has been|is|were|have been) said {_ABOUT} (?P<topic>.+)$",
             ("what was said about security guarantees",), "statements about the topic (narrower topics included)"),
    Phrasing("statements", rf"^what (?:did|has|does) (?P<speaker>.+?) (?:tell|told|say to) (?P<other>.+?){_TOPIC}$",
             ("what did Trump tell Zelensky",), "the speaker's statements addressed to the other actor"),
    Phrasing("statements", rf"^what (?:did|does|has|have) (?P<speaker>.+?) (?:say|said|says|been saying){_TOPIC}$",
             ("what did the Kremlin say", "what did Trump say about the ceasefire", "what did Putin say",
              "what has Zelensky said about territory", "what did Zelenksy say about Tomahwaks",
              "what did Mr. Zelenskyy say about security guarantees", "what did Trump say since October",
              "In 2025, what did Zelensky say", "what did Zelensky say in June",
              "what did Trump say between March and June"),
             "the speaker's statements (about the topic)"),
    Phrasing("statements", rf"^(?:show |list |find )?(?:all |the )?(?:direct )?(?P<kind>quotes) (?:from|by) (?P<speaker>.+?){_TOPIC}$",
             ("quotes from Trump about the peace deal",), "the speaker's direct quotes (about the topic)"),
    Phrasing("statements", rf"^(?:show |list |find )?(?:all |the )?statements (?:by|from) (?P<speaker>.+?){_TOPIC}$",
             ("statements by Zelensky about territory",), "the speaker's statements (about the topic)"),
    Phrasing("statements", rf"^(?:show |list |find )?(?:all |the )?(?:statements|quotes|remarks) {_ABOUT} (?P<topic>.+)$",
             ("statements about drones",), "statements about the topic (narrower topics included)"),
    Phrasing("statements", rf"^(?P<speaker>.+?){_POSS} (?:statements|remarks|comments|words){_TOPIC}$",
             ("Zelensky's remarks on security guarantees",), "the speaker's statements (about the topic)"),
    Phrasing("statements", r"^(?P<speaker>.+?) on (?P<topic>.+)$",
             ("Zelensky on Tomahawks",), "the speaker's statements about the topic"),
)
_COMPILED = tuple((phrasing, re.compile(phrasing.pattern, re.IGNORECASE)) for phrasing in PHRASINGS)
EXAMPLES: tuple[str, ...] = tuple(p.examples[0] for p in PHRASINGS)
# The phrasings an unreadable question is answered with: one of each intent.
HELP_EXAMPLES: tuple[str, ...] = (
    "who said what about Tomahawks", "what did Trump say about the ceasefire", "where does Trump stand on Tomahawks",
    "who opposes a ceasefire", "what does Zelensky want", "who met whom", "did Trump agree to supply Tomahawks",
    "who criticised Putin", "compare Trump and Zelensky on the ceasefire", "what did Trump say since October",
)
CATALOGUE: tuple[str, ...] = tuple(e for p in PHRASINGS for e in p.examples)


class QuestionError(ValueError):
    """A question no phrasing of the catalogue reads; the message lists phrasings that work."""


def help_text(reason: str) -> str:
    """`reason`, then a handful of phrasings that work."""
    shown = "\n".join(f"  - {example}" for example in HELP_EXAMPLES)
    return f"{reason}\nTry one of these phrasings (GET /ask/phrasings lists them all):\n{shown}"


def clean(text: str) -> str:
    """One line, no closing punctuation, typographic apostrophes made plain."""
    text = re.sub(r"\s+", " ", text).replace("’", "'").strip()
    return text.rstrip("?.! ").strip()


def parse(text: str) -> ParsedQuestion:
    """Read `text` with the first phrasing of the catalogue that matches it, or raise QuestionError."""
    cleaned = clean(text)
    if not cleaned:
        raise QuestionError(help_text("The question is empty."))
    rest, time = split_time(cleaned)
    for phrasing, pattern in _COMPILED:
        match = pattern.match(rest)
        if match is None:
            continue
        parts = {k: (v.strip() if v else None) for k, v in match.groupdict().items()}
        stance = parts.get("stance")
        reaction = parts.get("reaction")
        return ParsedQuestion(
            text=text, intent=phrasing.intent, speaker=parts.get("speaker"), other=parts.get("other"),
            topic=parts.get("topic"), stance=STANCE_VERBS[stance.lower()] if stance else None,
            reaction=REACTION_VERBS[reaction.lower()] if reaction else None,
            kind="direct" if parts.get("kind") else None, time=time,
            status=STATUS_WORDS[parts["status"].lower()] if parts.get("status") else None,
            role="host" if parts.get("host") else "guest" if parts.get("guest") else None,
        )
    raise QuestionError(help_text(f"Cannot read the question {text!r}."))
