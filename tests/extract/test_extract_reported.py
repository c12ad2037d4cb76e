"""Reported speech and its speaker on sentences written for these tests (issue 9, the reported-speech
categories): one case a rule, on stories and people no gazetteer lists.

Each case gives a text, words the statement must hold, the speaker and the kind; `absent` is what
no statement's text may be (a truncated or spurious span the rule replaced).
"""
from __future__ import annotations

import pytest

LIVE = ("10:45 Bolivia's foreign minister, Jorge Mamani-Torrez, said La Paz would keep the mountain road open.\n\n"
        "11:30 Peru's trade minister, Lucia Quispe-Mamani, proposed a joint fund for the border towns. "
        "\"Our farmers cannot wait another season,\" she said.\n")
TRANSCRIPT = ("Interview: the envoy on the fisheries dispute\n\n"
              "Q: Will your government accept arbitration over the fishing zone?\n\n"
              "A: We have always said that the law of the sea must decide this. We are ready to go to the tribunal.\n\n"
              "Q: And if the other side refuses?\n\n"
              "A: Then we will keep patrolling our waters, as we have done for forty years.\n\n"
              "The envoy, Ingrid Aasland-Berg, spoke to our correspondent in Tromso.\n")

CASES = [
    # the reported clause first, the cue with its own subject closing the sentence after a comma
    pytest.param("Border dispute\n\nMANAGUA, June 3 - Nicaragua is ready to talk with Costa Rica over the river "
                 "and has no intention of seizing the islands by force, Foreign Minister Rosa Paredes-Luna told "
                 "lawmakers on Tuesday.\n",
                 "Nicaragua is ready to talk with Costa Rica", "Rosa Paredes-Luna", "reported", None, id="fronted-clause"),
    # a list of one speaker's acts: the later verbs have no subject and take the first one's
    pytest.param("Kenya's trade minister, Ruth Wanjiru-Kamau, said Nairobi regretted the decision, agreed to keep "
                 "the border posts open until March, and asked the secretariat to draft a new transit accord.\n",
                 "to keep the border posts open until March", "Ruth Wanjiru-Kamau", "reported", None,
                 id="agreed-to-in-a-list"),
    pytest.param("Kenya's trade minister, Ruth Wanjiru-Kamau, said Nairobi regretted the decision, agreed to keep "
                 "the border posts open until March, and asked the secretariat to draft a new transit accord.\n",
                 "the secretariat to draft a new transit accord", "Ruth Wanjiru-Kamau", "reported", None,
                 id="asked-x-to-keeps-x"),
    pytest.param("Chad's foreign minister, Idriss Mahamat-Nour, dismissed the proposal as \"a trap\" and said "
                 "the pipeline was \"not for sale or rent.\"\n",
                 "a trap", "Idriss Mahamat-Nour", "direct", "the proposal", id="dismissed-x-as-y"),
    pytest.param("Chad's foreign minister, Idriss Mahamat-Nour, dismissed the proposal as \"a trap\" and said "
                 "the pipeline was \"not for sale or rent.\"\n",
                 "the pipeline was", "Idriss Mahamat-Nour", "reported", None, id="mixed-quote-after-and-said"),
    pytest.param("Opposition leader Nuno Carvalho-Reis called for a referendum on the treaty before any new base "
                 "agreement is signed.\n", "before any new base agreement is signed", "Nuno Carvalho-Reis",
                 "reported", "a referendum on the treaty", id="call-for-with-its-condition"),
    pytest.param("Brazil floated the idea of a shared currency with Argentina.\n",
                 "the idea of a shared currency", "Brazil", "reported", None, id="floated-the-idea"),
    pytest.param("Kenya offers talks on grazing rights as Uganda warns against raids\n\nThe talks could open in May.\n",
                 "talks on grazing rights", "Kenya", "reported", None, id="headline-offers"),
    # speakers
    pytest.param("The African Union's envoy for the Great Lakes, Marie-Claire Ndayishimiye, said the ceasefire "
                 "was holding.\n", "ceasefire was holding", "Marie-Claire Ndayishimiye", "reported", None,
                 id="apposition-closing-the-subject"),
    pytest.param("The United Nations relief coordinator for the region, Tomas Lindgren-Aho, welcomed the truce but warned "
                 "that food stocks were running out.\n", "food stocks were running out", "Tomas Lindgren-Aho",
                 "reported", None, id="name-parsed-as-second-subject"),
    pytest.param(LIVE, "Our farmers cannot wait another season", "Lucia Quispe-Mamani", "direct", None,
                 id="pronoun-takes-the-apposed-speaker"),
    pytest.param("In Niamey, the Sahel Farmers Alliance said it would boycott the talks.\n",
                 "boycott the talks", "Sahel Farmers Alliance", "reported", None, id="association-not-placed-in-capital"),
    pytest.param("Argentina's economy minister, Julia Ferreyra-Paz, told Reuters that the tariffs would be lifted.\n",
                 "tariffs would be lifted", "Julia Ferreyra-Paz", "reported", None, id="hyphenated-surname-not-a-city"),
    pytest.param("North Macedonia's prime minister, Petar Nikolovski-Dimov, said the summit would focus on "
                 "accession.\n\nSerbia's president told reporters that Belgrade would not recognise the crossing.\n",
                 "Belgrade would not recognise", "Serbia's president", "reported", None,
                 id="two-word-country-keeps-roles-apart"),
    pytest.param("Live: talks in Suva\n\n14:05 The Pacific Islands Forum welcomed the resumption of the talks.\n",
                 "the resumption of the talks", "Pacific Islands Forum", "reported", None, id="live-blog-time-stamp"),
    pytest.param(TRANSCRIPT, "law of the sea must decide", "Ingrid Aasland-Berg", "direct", None,
                 id="transcript-named-after-it"),
]


WIRE = ("Chile and Bolivia to resume lithium talks\n\n"
        "SANTIAGO, May 2 (Reuters) - Chile will reopen talks with Bolivia on lithium exports next month, Foreign "
        "Minister Camila Rojas-Vidal said on Thursday, adding that both sides wanted a deal before the end of the year.\n\n"
        "Bolivia's foreign ministry said La Paz welcomed the offer.\n\n"
        "According to Rojas-Vidal, the first meeting will take place in Arica.\n\n"
        "\"We are not here to sign anything we cannot explain to our people,\" Bolivian negotiator Mateo Quispe-Arce "
        "told reporters in La Paz.\n\n"
        "In a statement, the ministry said the talks would also cover water rights.\n")
CASES += [
    pytest.param("Trade Minister Rafael Tavares Lins welcomed the ruling. \"Our farmers have waited long enough,\" "
                 "he said.\n", "Our farmers have waited", "Rafael Tavares Lins", "direct", None,
                 id="three-part-name-ner-cut-short"),
    pytest.param("At a regular press conference in Hanoi, foreign ministry spokesperson Pham Thu Hang said the "
                 "drills \"deliberately disturbed\" peace in the region.\n", "the drills", "Pham Thu Hang",
                 "reported", "deliberately disturbed", id="object-with-a-subject-is-a-clause"),
]
CASES += [
    pytest.param("11:15 - Greece's foreign minister, Eleni Stavropoulou, called on Ankara to withdraw its troops "
                 "from the island.\n", "to withdraw its troops", "Eleni Stavropoulou", "reported", None,
                 id="past-tense-cue-parsed-as-relative-clause"),
]
CASES += [
    pytest.param("Asked whether Russia would join, the foreign minister, Oyun Bat-Erdene, said the door was open.\n\n"
                 "Russia's deputy foreign minister said on Telegram that Moscow welcomed the project.\n",
                 "Moscow welcomed the project", "Russia's deputy foreign minister", "reported", None,
                 id="deputy-is-another-office"),
]
CASES += [
    pytest.param("The UN Special Representative, Amara Diallo-Sy, hosted both delegations in Geneva.\n\n"
                 "\"The talks were long and frank,\" the Special Representative said after the meeting.\n",
                 "The talks were long and frank", "Amara Diallo-Sy", "direct", None,
                 id="special-representative-is-a-role"),
]
CASES += [  # other outlets' house styles
    pytest.param(WIRE, "both sides wanted a deal", "Camila Rojas-Vidal", "reported", None, id="said-adding"),
    pytest.param(WIRE, "first meeting will take place", "Camila Rojas-Vidal", "reported", None, id="according-to"),
    pytest.param(WIRE, "We are not here to sign", "Mateo Quispe-Arce", "direct", None, id="told-reporters"),
    pytest.param(WIRE, "cover water rights", "Bolivia's foreign ministry", "reported", None,
                 id="in-a-statement-the-ministry-said"),
    pytest.param("The Peruvian president's spokesman said Lima would attend the talks as an observer.\n",
                 "Lima would attend", "Peruvian president's spokesman", "reported", None, id="x-s-spokesman-said"),
    pytest.param("Live: Balkan leaders in Skopje\n\n* The EU's enlargement commissioner, Marta Kos-Verhoef, urged "
                 "all sides to keep the process on track.\n* Albania said it backed a regional energy market.\n",
                 "backed a regional energy market", "Albania", "reported", None, id="bullet-live-blog"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind", "absent"), CASES)
def test_reported_statement(extract_text, text: str, fragment: str, speaker: str, kind: str,
                            absent: str | None) -> None:
    statements = extract_text(text)
    found = [s for s in statements if fragment in s.text]
    assert found, [(s.speaker, s.text) for s in statements]
    assert (found[0].speaker, found[0].kind) == (speaker, kind)
    if absent is not None:
        assert absent not in {s.text for s in statements}


def test_request_gerund_is_one_statement(extract_text) -> None:
    """"asking IGAD to mediate" under another verb: one statement with the party asked, not a bare "to mediate"."""
    statements = extract_text("Foreign Minister Samuel Girma-Tesfaye did not rule out asking the regional bloc "
                              "IGAD to mediate.\n")
    assert [s.text for s in statements if s.speaker == "Samuel Girma-Tesfaye"] == ["the regional bloc IGAD to mediate"]


def test_fronted_clause_when_the_parser_makes_the_cue_a_conjunct() -> None:
    """The parse the small model gives some long wire leads ("X is ready ... and has no intention ..., Minister
    Y told lawmakers"): the cue hangs on the clause as a conjunct, yet the clause before it is its content.
    The parse is given here as the model printed it for such a lead, so the rule is tested whatever the model."""
    from spacy.tokens import Doc

    from diplograph.extract.cues import find_cues
    from diplograph.extract.nlp import load_nlp

    rows = [  # word, head, dep, pos, tag, lemma
        ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"), ("is", 1, "ROOT", "AUX", "VBZ", "be"),
        ("ready", 1, "acomp", "ADJ", "JJ", "ready"), ("to", 4, "aux", "PART", "TO", "to"),
        ("talk", 2, "xcomp", "VERB", "VB", "talk"), ("and", 1, "cc", "CCONJ", "CC", "and"),
        ("has", 1, "conj", "VERB", "VBZ", "have"), ("no", 8, "det", "DET", "DT", "no"),
        ("plan", 6, "dobj", "NOUN", "NN", "plan"), (",", 8, "punct", "PUNCT", ",", ","),
        ("Minister", 12, "compound", "PROPN", "NNP", "Minister"), ("Rosa", 12, "compound", "PROPN", "NNP", "Rosa"),
        ("Paredes", 13, "nsubj", "PROPN", "NNP", "Paredes"), ("told", 1, "conj", "VERB", "VBD", "tell"),
        ("lawmakers", 13, "dobj", "NOUN", "NNS", "lawmaker"), (".", 13, "punct", "PUNCT", ".", "."),
    ]
    doc = Doc(load_nlp().vocab, words=[r[0] for r in rows], spaces=[r[0] not in {",", "."} for r in rows][1:] + [False],
              heads=[r[1] for r in rows], deps=[r[2] for r in rows], pos=[r[3] for r in rows],
              tags=[r[4] for r in rows], lemmas=[r[5] for r in rows])
    told = [cue for cue in find_cues(doc, set()) if cue.token.text == "told"]
    assert told and told[0].content is not None
    assert doc[told[0].content[0]:told[0].content[1]].text == "Chile is ready to talk and has no plan"
    assert told[0].speaker is not None and told[0].speaker.text == "Paredes"


@pytest.mark.parametrize(("line", "kept"), [
    pytest.param("14:05 The Pacific Islands Forum welcomed the talks.", "The Pacific", id="bare-time"),
    pytest.param("10:30 - Fiji said it would attend.", "Fiji said", id="time-and-dash"),
    pytest.param("9.15am: The talks opened.", "The talks", id="am-and-colon"),
    pytest.param("11:20 GMT — Tonga said it would attend.", "Tonga said", id="time-zone"),
    pytest.param("11:10 In Suva, the forum said it would meet.", "In Suva", id="a-capitalised-word-is-not-a-zone"),
])
def test_live_blog_time_stamp_is_blanked_not_a_speaker(line: str, kept: str) -> None:
    from diplograph.extract.document import blank_furniture

    blanked = blank_furniture(line + "\n")
    assert len(blanked) == len(line) + 1 and blanked.lstrip().startswith(kept)
