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
    pytest.param("Ecuador is ready to reopen its embassy in Lima and has no plan to expel the ambassador, "
                 "Foreign Minister Rosa Paredes-Luna told lawmakers on Monday.\n",
                 "Ecuador is ready to reopen its embassy", "Rosa Paredes-Luna", "reported", None, id="fronted-clause"),
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
    pytest.param("The UN relief coordinator for the region, Tomas Lindgren-Aho, welcomed the truce but warned "
                 "that food stocks were running out.\n", "food stocks were running out", "Tomas Lindgren-Aho",
                 "reported", None, id="name-parsed-as-second-subject"),
    pytest.param(LIVE, "Our farmers cannot wait another season", "Lucia Quispe-Mamani", "direct", None,
                 id="pronoun-takes-the-apposed-speaker"),
    pytest.param("In Niamey, the Sahel Farmers Alliance said it would boycott the talks.\n",
                 "boycott the talks", "Sahel Farmers Alliance", "reported", None, id="association-not-placed-in-capital"),
    pytest.param("Argentina's economy minister, Julia Ferreyra-Paz, said the tariffs would be lifted.\n",
                 "tariffs would be lifted", "Julia Ferreyra-Paz", "reported", None, id="hyphenated-surname-not-a-city"),
    pytest.param("North Macedonia's prime minister, Petar Nikolovski-Dimov, said the summit would focus on "
                 "accession.\n\nSerbia's president told reporters that Belgrade would not recognise the crossing.\n",
                 "Belgrade would not recognise", "Serbia's president", "reported", None,
                 id="two-word-country-keeps-roles-apart"),
    pytest.param("14:05 - The Pacific Islands Forum said it stood ready to host the talks.\n",
                 "stood ready to host", "Pacific Islands Forum", "reported", None, id="live-blog-time-stamp"),
    pytest.param(TRANSCRIPT, "law of the sea must decide", "Ingrid Aasland-Berg", "direct", None,
                 id="transcript-named-after-it"),
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
