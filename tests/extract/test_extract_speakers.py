"""Who speaks, on sentences written for these tests: one case a failure category of issue 9, items 1-5.

Speakers here are people and bodies no gazetteer lists: the rules must find them from syntax, the
annotation guide and maintained data (ISO 3166 states, their capitals and demonyms).
"""
from __future__ import annotations

import pytest

from diplograph.extract.names import clean_person_name, person_key

CASES = [
    # 1. unknown people and bodies: names as printed, titles stripped, surnames and descriptors linked
    pytest.param("Major General Tomasz Wiśniewski-Kral said the border would stay closed.\n",
                 "border would stay closed", "Tomasz Wiśniewski-Kral", "reported", id="hyphenated-name-rank-stripped"),
    pytest.param("Sheikh Hamad bin Khalifa Al Mahmoud said Doha would host the next round.\n",
                 "host the next round", "Hamad bin Khalifa Al Mahmoud", "reported", id="honorific-sheikh-stripped"),
    pytest.param("Dr Leila Haddad-Mansour, a former envoy, said the truce was fragile.\n"
                 "Haddad-Mansour said both sides had to pull back their artillery.\n",
                 "pull back their artillery", "Leila Haddad-Mansour", "reported", id="surname-links-to-full-name"),
    pytest.param("The negotiator, Oumar Traoré-Sissoko, arrived on Monday.\n"
                 "The negotiator said the prisoners would be freed within a week.\n",
                 "prisoners would be freed", "Oumar Traoré-Sissoko", "reported", id="role-descriptor-resolves-to-holder"),
    pytest.param("Sudan's army spokesman, Nabil Abdallah, said the city was under control.\n"
                 "Mr Abdallah added that talks in Jeddah could resume.\n",
                 "talks in Jeddah", "Nabil Abdallah", "reported", id="title-and-surname-links-back"),
    # 2. institutions, groups and joint speakers
    pytest.param("Kenya's foreign ministry said the envoys would meet in Nairobi.\n",
                 "envoys would meet", "Kenya's foreign ministry", "reported", id="ministry-is-not-its-country"),
    pytest.param("The Azerbaijani presidential administration said the talks had ended.\n",
                 "talks had ended", "Azerbaijani presidential administration", "reported",
                 id="presidential-administration-is-an-actor"),
    pytest.param("In Nairobi, the interior ministry said the border was calm.\n",
                 "border was calm", "Kenya's interior ministry", "reported", id="ministry-placed-in-a-capital"),
    pytest.param("Islamabad said the border crossings would reopen on Friday.\n",
                 "border crossings would reopen", "Pakistan", "reported", id="capital-from-maintained-data"),
    pytest.param("Chile and Peru announced a joint commission on fishing rights.\n",
                 "joint commission", "Chile and Peru", "reported", id="x-and-y-announced-is-one-group"),
    pytest.param("The foreign ministers of Ghana, Togo and Benin said in a joint statement that the corridor "
                 "would stay open.\n", "corridor would stay open", "foreign ministers of Ghana, Togo and Benin",
                 "reported", id="joint-statement-is-one-group"),
    pytest.param("The foreign ministers of Ghana, Togo and Benin met in Lomé.\n"
                 "They said the corridor would stay open.\n", "corridor would stay open",
                 "foreign ministers of Ghana, Togo and Benin", "reported", id="they-refers-to-the-group"),
    pytest.param("Iraq's Prime Minister Karim al-Sudani said Baghdad wanted calm.\n",
                 "Baghdad wanted calm", "Karim al-Sudani", "reported", id="leader-words-not-given-to-state"),
    # 3. headlines
    pytest.param("Minister Backs Ceasefire Plan After Border Clash\n\nForeign Minister Aylin Demir spoke in Ankara. "
                 "The minister said the plan was the best chance for peace.\n",
                 "Ceasefire Plan", "Aylin Demir", "reported", id="headline-minister-backs"),
    pytest.param("Envoy Warns of Famine as Aid Convoys Stall\n\nUN envoy Ramtane Oumarou said the convoys had been "
                 "stopped for three weeks.\n", "Famine", "Ramtane Oumarou", "reported", id="headline-envoy-warns"),
    pytest.param("'We Will Not Sign': Negotiator Rejects Draft Accord\n\nThe chief negotiator, Kwame Asante-Boateng, "
                 "spoke after the session.\n", "We Will Not Sign", "Kwame Asante-Boateng", "direct",
                 id="headline-quote-colon-speaker"),
    pytest.param("Harbour Talks: Nairobi Pleads for Patrol Boats as Piracy Returns\n\nThe talks opened on Monday.\n",
                 "Patrol Boats", "Kenya", "reported", id="headline-capital-pleads-for"),
    pytest.param("Ministers Meet on Fishing Quotas as Hanoi Presses for Stricter Limits\n\nThe ministers met on "
                 "Monday.\n", "Stricter Limits", "Vietnam", "reported", id="headline-capital-presses-for-in-a-clause"),
    # 4. speech-act summaries
    pytest.param("Prime Minister Anote Kaburoro thanked Japan for the new sea wall.\n",
                 "Japan for the new sea wall", "Anote Kaburoro", "reported", id="thanked-x-for"),
    pytest.param("Governor Salma Okafor credited the volunteers with saving the harbour.\n",
                 "volunteers with saving the harbour", "Salma Okafor", "reported", id="credited-x-with"),
    pytest.param("Colonel Ibrahim Diallo-Keita blamed the militia for the blockade.\n",
                 "militia for the blockade", "Ibrahim Diallo-Keita", "reported", id="blamed-x-for"),
    # 5. quotation forms
    pytest.param("«Nous ne céderons pas», said Foreign Minister Élise Marchetti.\n",
                 "Nous ne céderons pas", "Élise Marchetti", "direct", id="guillemets"),
    pytest.param("\"The corridor is open,” Commander Pavlo Ostapenko-Bilyi said.\n",
                 "The corridor is open", "Pavlo Ostapenko-Bilyi", "direct", id="straight-open-curly-close"),
    pytest.param("Minister Ana Ruiz-Taboada described the plan. In her letter she wrote:\n"
                 "The islands cannot be handed over without a vote of their people.\n",
                 "islands cannot be handed over", "Ana Ruiz-Taboada", "direct", id="block-quotation"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind"), CASES)
def test_speaker_found_without_gazetteer(check_attribution, text: str, fragment: str, speaker: str,
                                         kind: str) -> None:
    check_attribution(text, fragment, speaker, kind)


def test_quote_left_open_continues_in_next_paragraph(extract_text) -> None:
    statements = extract_text("“We will rebuild every school,” Mayor Olena Hrytsenko said. “We have the plans.\n\n"
                              "“What we lack is the money.”\n")
    texts = {s.text: s.speaker for s in statements}
    assert texts.get("We have the plans.") == texts.get("What we lack is the money.") == "Olena Hrytsenko"


def test_institution_is_part_of_its_state_and_group_has_members(extractor) -> None:
    from diplograph.extract.document import document_from_text

    extraction = extractor.extract(document_from_text(
        "Kenya's foreign ministry said the envoys would meet.\nChile and Peru announced a joint commission.\n",
        name="t.txt"))
    by_name = {a.name: a for a in extraction.actors}
    assert by_name["Kenya's foreign ministry"].part_of == by_name["Kenya"].id
    assert set(by_name["Chile and Peru"].members) == {by_name["Chile"].id, by_name["Peru"].id}


def test_known_actor_carries_its_wikidata_id(extract_text) -> None:
    statement = extract_text("Zelenskiy said Ukraine needed more air defence.\n")[0]
    assert (statement.speaker, statement.speaker_wikidata) == ("Volodymyr Zelensky", "Q3874799")


@pytest.mark.parametrize(("printed", "name", "titles"), [
    pytest.param("Captain Sir Henry Ashworth-Blake", "Henry Ashworth-Blake", "Captain Sir", id="rank-and-knighthood"),
    pytest.param("Sheikh Abdullah bin Zayed Al Nahyan", "Abdullah bin Zayed Al Nahyan", "Sheikh", id="sheikh"),
    pytest.param("Dr. Amina Yusuf's", "Amina Yusuf", "Dr.", id="possessive"),
])
def test_titles_are_stripped_into_the_role(printed: str, name: str, titles: str) -> None:
    assert clean_person_name(printed) == (name, titles)


@pytest.mark.parametrize(("one", "other"), [
    pytest.param("Volodymyr Zelenskyy", "Volodymyr Zelensky", id="double-y"),
    pytest.param("Mohammed Abdulsalam", "Muhammad Abdulsalam", id="mohammed-muhammad"),
    pytest.param("Edmundo González", "Edmundo Gonzalez", id="diacritics"),
])
def test_one_key_for_every_spelling(one: str, other: str) -> None:
    assert person_key(one) == person_key(other)
