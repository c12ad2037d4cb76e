"""Attribution forms of the blind splits' misses (session 9, issue 9), on sentences written for these tests
about stories no split covers: the statement's span (a mixed quote keeps its whole reported clause, an
object keeps its purpose infinitive), bodies named "X of (the) Y" kept whole, and persons named in three
parts or beside a role. Each case gives a text, words a statement must hold, its speaker and kind; `absent`
is words no statement may hold on its own, or None.
"""
from __future__ import annotations

import pytest

CASES = [
    # "called for X and Y": a second object the parser hung on the verb is still called for
    pytest.param("Taiwan's defence ministry called for \"an immediate halt\" to the drills and the release of "
                 "detained fishermen.\n", "the release of detained fishermen", "Taiwan's defence ministry",
                 "reported", None, id="second-object-after-and"),
    # "urged X to “A” and avoid B": a base form after "and" is the second infinitive, not one more act
    pytest.param("China's foreign ministry spokesman urged both sides to \"exercise restraint\" and avoid "
                 "escalation.\n", "and avoid escalation", "China's foreign ministry spokesman", "reported", None,
                 id="second-infinitive-after-quote"),
    # a name NER missed beside the subject's role is who a later pronoun refers to
    pytest.param("Pacific Forum Opens\n\nAPIA — Samoa's prime minister, Fiame Naomi Mata'afa, opened the forum on "
                 "Monday. \"The ocean is our home,\" she said.\n", "The ocean is our home", "Fiame Naomi Mata'afa",
                 "direct", None, id="pronoun-to-name-ner-missed"),
    # a pronoun after a colon refers to the subject named beside its role in the same sentence, and the
    # complement is the clause after the cue, not the reporter's clause before the colon
    pytest.param("Caspian Talks\n\nIran's envoy Reza Najafi praised the meeting. Russia's deputy minister, Mikhail "
                 "Galuzin, was less upbeat: he said the legal status of the sea was still unresolved.\n",
                 "the legal status of the sea was still unresolved", "Mikhail Galuzin", "reported", "less upbeat",
                 id="pronoun-after-colon-to-appositive-subject"),
    # a quoted verb phrase completed by words outside the marks is a mixed quote: the clause is reported
    pytest.param("Seoul's foreign ministry urged Beijing to \"stop making trouble\" in the disputed waters of the "
                 "Yellow Sea.\n", "Beijing to \"stop making trouble\" in the disputed waters",
                 "Seoul's foreign ministry", "reported", None, id="quoted-vp-completed-outside-marks"),
    pytest.param("Japan's envoy urged Moscow to «stop violating» the airspace over Hokkaido.\n",
                 "Moscow to «stop violating» the airspace over Hokkaido", "Japan's envoy", "reported",
                 None, id="quoted-vp-with-trailing-object"),
    # a quoted predicate of the reporter's verb ("was 'well known'") is a word of the reported clause
    pytest.param("A spokesman for the coast guard, Elena Varga, said the commander's position was \"well known\" and "
                 "had not changed since April.\n", "position was \"well known\" and had not changed", "Elena Varga",
                 "reported", None, id="quoted-predicate-inside-clause"),
    # ... but a quote that is the whole verb phrase stays the statement itself
    pytest.param("The rebel commander, Idris Musa, vowed to \"fight until the last village is free.\"\n",
                 "fight until the last village is free", "Idris Musa", "direct", None,
                 id="whole-quoted-vp-stays-direct"),
    # an object and the infinitive that says what it is for
    pytest.param("Norway's development minister pledged $30 million to help families in Sudan through the "
                 "winter.\n", "$30 million to help families in Sudan through the winter",
                 "Norway's development minister", "reported", None, id="object-with-purpose-infinitive"),
    pytest.param("Colombia's interior minister announced two field hospitals to treat the wounded in Cauca.\n",
                 "two field hospitals to treat the wounded in Cauca", "Colombia's interior minister", "reported",
                 None, id="object-with-purpose-infinitive-2"),
    # bodies whose name holds "of (the) X", cut by NER after "of the"
    pytest.param("The Office of the United Nations High Commissioner for Human Rights said the detainees must be "
                 "released.\n", "the detainees must be released",
                 "Office of the United Nations High Commissioner for Human Rights", "reported", None,
                 id="body-name-of-the-x-for-y"),
    pytest.param("The Council of the European Union said the sanctions would be extended until July.\n",
                 "the sanctions would be extended", "Council of the European Union", "reported", None,
                 id="body-name-of-the-x"),
    pytest.param("The Ministry of Foreign Affairs and International Cooperation said it had summoned the "
                 "envoy.\n", "it had summoned the envoy", "Ministry of Foreign Affairs and International Cooperation",
                 "reported", None, id="body-name-of-x-and-y"),
    # three-part names, and a name NER missed set beside a role
    pytest.param("Mehmet Ali Kaya, the Turkish envoy, said talks with Damascus would resume next week.\n",
                 "talks with Damascus would resume", "Mehmet Ali Kaya", "reported", None, id="three-part-name"),
    pytest.param("Brazil Stays Neutral\n\nAna Lucia Ferreira Gomes, the Brazilian ambassador, said Brazil would not "
                 "take sides.\n", "Brazil would not take sides", "Ana Lucia Ferreira Gomes", "reported", None,
                 id="four-part-name-beside-role"),
    # a title or a place before the name is not its first part
    pytest.param("Turkish Foreign Minister Hakan Fidan said the plan was fair.\n", "the plan was fair", "Hakan Fidan",
                 "reported", None, id="title-is-not-a-first-name"),
    # a role-only speaker named elsewhere: the state a role holder serves, read off "the X of <state>", keeps
    # another state's role holder from being taken; a holder named with no state may be the one meant
    pytest.param("Copper Levy Row\n\nThe Foreign Minister of Peru, Elmer Schialer, said Lima backed the plan. "
                 "Chile's minister for mining said the copper levy would stay. The minister, Aurora Williams, has "
                 "led the talks since May.\n", "the copper levy would stay", "Aurora Williams", "reported", None,
                 id="role-of-state-not-another-states-holder"),
    pytest.param("Border Crossing to Reopen\n\nJordan's intelligence chief said the crossing would reopen on Sunday. "
                 "The chief, Ahmed Husni, has overseen the talks since March.\n", "the crossing would reopen",
                 "Ahmed Husni", "reported", None, id="role-named-later-without-state"),
    # an office holder the article does not name speaks on the record as that role
    pytest.param("Talks Venue Offered\n\nThe Omani sultan offered to host the next round of talks in Muscat.\n",
                 "to host the next round of talks", "Omani sultan", "reported", None, id="unnamed-office-holder"),
    # bare collective speakers, when no earlier body carries their noun
    pytest.param("Polls Close in Tbilisi\n\nThe opposition said the count had been rigged in several districts.\n",
                 "the count had been rigged", "opposition", "reported", None, id="bare-opposition"),
    pytest.param("Polls Close in Lusaka\n\nObservers said the vote was largely peaceful but marred by delays.\n",
                 "the vote was largely peaceful", "observers", "reported", None, id="bare-observers"),
    # headlines that put what was said first and the speaker after a comma
    pytest.param("Elections Competitive but Marred by Pressure, Observers Say\n\nThe vote was held on Sunday.\n",
                 "Elections Competitive but Marred by Pressure", "observers", "reported", None,
                 id="headline-speaker-after-comma"),
    # a roundup's subhead is read as a headline: its second clause shares its subject, a bare body noun is the
    # body the paragraph under it names
    pytest.param("Reactions to the Port Deal\n\nUnions and firms reacted on Monday.\n\nDockworkers Union Welcomes "
                 "Deal, Urges Swift Payment\n\nThe dockworkers union said the agreement met its demands.\n",
                 "Swift Payment", "Dockworkers union", "reported", None, id="subhead-second-clause"),
    pytest.param("Reactions to the Port Deal\n\nUnions and firms reacted on Monday.\n\nMinistry Denies Report of "
                 "Secret Payments\n\nThe labour ministry said no payments had been made.\n",
                 "Report of Secret Payments", "labour ministry", "reported", None, id="subhead-bare-body-noun"),
    # a subject the parser cut off after a dateline as a fragment of its own; a headline taken for one name
    pytest.param("Aid Pledges Pour In\n\nGENEVA — Germany pledged 50 million euros in humanitarian aid for Sudan on "
                 "Monday, to be delivered through UN agencies.\n", "50 million euros in humanitarian aid", "Germany",
                 "reported", "Pour", id="subject-split-off-after-dateline"),
    # headlines that attribute with a colon, an inverted "says" or a dash, without a clause to parse
    pytest.param("Kallas: Russia Must Pay for the Damage\n\nBRUSSELS — Ministers met on Monday.\n",
                 "Russia Must Pay for the Damage", "Kaja Kallas", "reported", None, id="headline-name-colon"),
    pytest.param("Talks With Tehran Possible, Says Oman\n\nMUSCAT — Envoys met on Monday.\n",
                 "Talks With Tehran Possible", "Oman", "reported", None, id="headline-comma-says-name"),
    pytest.param("Grain Corridor Will Stay Open – Kremlin\n\nMOSCOW — Ships sailed on Monday.\n",
                 "Grain Corridor Will Stay Open", "Kremlin", "reported", None, id="headline-dash-name"),
    pytest.param("Ceasefire Holding but Fragile, UN Envoy Says\n\nThe truce in Tigray began on Sunday.\n",
                 "Ceasefire Holding but Fragile", "UN envoy", "reported", None, id="headline-speaker-after-comma-2"),
]


def test_commentary_by_no_one_is_no_statement(extract_text) -> None:
    """"which, observers say, opened new opportunities": the reporter's hedge in the present tense is no
    one's statement (as "analysts say"), unlike a mission's "observers said"."""
    statements = extract_text("Trade Talks Resume\n\nThe two leaders spoke by phone, which, observers say, opened "
                              "new room for a deal on grain.\n")
    assert not any("new room for a deal" in s.text for s in statements), [(s.speaker, s.text) for s in statements]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind", "absent"), CASES)
def test_attribution_span_forms(check_attribution, text, fragment, speaker, kind, absent) -> None:
    check_attribution(text, fragment, speaker, kind, absent)


def test_bare_noun_is_not_the_object_of_an_of_name(extract_text) -> None:
    """"the union" may be a body whose name ends with "Union", never "the Council of the ... Union", whose
    head is "Council" (an earlier body is matched on its head words)."""
    statements = extract_text("Dockers Walk Out in Durban\n\nThe Council of the Dockworkers Union met on Monday. "
                              "The union said the strike would go ahead.\n")
    found = [s for s in statements if "the strike would go ahead" in s.text]
    assert found and found[0].speaker != "Council of the Dockworkers Union", [(s.speaker, s.text) for s in statements]


def test_place_label_before_a_colon_is_no_speaker(extract_text) -> None:
    """"Sudan: Fighting Erupts in Darfur": a state before a headline's colon labels the story's place."""
    statements = extract_text("Sudan: Fighting Erupts in Darfur as Talks Stall\n\nKHARTOUM — Shelling resumed.\n")
    assert not any("Fighting Erupts" in s.text for s in statements), [(s.speaker, s.text) for s in statements]


def test_a_label_with_its_colon_is_no_subject(extract_text) -> None:
    """"ANCHOR: Thank you, Daniel.": a transcript's label before its colon is not the subject of the verb after it."""
    statements = extract_text("Border Talks\n\nANCHOR: Thank you, Daniel. The ministry said the talks had ended.\n")
    assert not any(s.speaker == "ANCHOR" for s in statements), [(s.speaker, s.text) for s in statements]


def test_question_set_off_by_commas_is_no_statement(extract_text) -> None:
    """"X, asked about the dispute, declined to comment": the question put to X is no statement of X's, nor is the
    non-answer (the guide, section 1)."""
    statements = extract_text("Caspian Talks\n\nTurkmen Foreign Minister Rashid Meredov, asked about the tanker "
                              "dispute, declined to comment. The ministry said talks would resume.\n")
    assert not any("tanker dispute" in s.text for s in statements), [(s.speaker, s.text) for s in statements]
