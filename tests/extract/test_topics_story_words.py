"""Generic and place words read by the story they are told in, on articles written for these tests: an agreement
in a nuclear or a normalisation story is not a peace deal, a border reopened to travel is not land at issue, and
an insurgency's fighters, attacks and towns are terrorism even where no statement says "terror"."""
from __future__ import annotations

import pytest

from diplograph.ontology.lexicon import load_topics

NUCLEAR_COOPERATION = (
    "Riyadh and Washington Near Civil Nuclear Cooperation Deal\n\n"
    "RIYADH, March 3 (Agency) - Saudi Arabia and the United States are close to an agreement that would let the "
    "kingdom build reactors and enrich uranium, three months after the war between Israel and Iran.\n"
    "The Energy Ministry said the International Atomic Energy Agency would inspect every site.\n"
    "\u201cWe want a deal, not another war,\u201d Minister Faisal al-Harbi told reporters.\n"
    "Senator Mark Linden said the agreement \u201cmust close the door to enrichment.\u201d\n"
    "Ambassador Lisa Grant said civil nuclear cooperation would begin next year.\n")

RESTORED_TIES = (
    "Two Neighbours Restore Ties and Reopen Their Border\n\n"
    "BISHKEK, April 9 (Agency) - Kyrgyzstan and Tajikistan restored diplomatic relations on Tuesday and agreed "
    "to reopen their border to travel, ending a ten-year rift. Both embassies will reopen within a month.\n"
    "\u201cFrom Monday, families will be able to cross the border freely again,\u201d Minister Aibek Dzhumabaev said.\n"
    "Envoy Terhi Laine said the normalisation was \u201ca model for the region.\u201d\n")

WAR_NORMALISATION = (
    "After the war of 1999 the two sides signed a ceasefire, and the conflict has never been settled. "
    "Talks on a peace agreement resumed in March.\n\n"
    "Envoy Miroslav Lajcak said the normalisation was \u201cthe only way to end this conflict for good.\u201d\n")

BORDER_DISPUTE = (
    "Both states claim sovereignty over the valley, and the territorial dispute has lasted decades.\n\n"
    "Minister Rosa Lim said: \u201cThe border runs along the river, and we will not move it.\u201d\n")

INSURGENCY = (
    "Insurgents Kill 14 Soldiers in Attack on Army Post\n\n"
    "MAIDUGURI, June 2 (Agency) - Islamist insurgents killed 14 soldiers in an overnight attack on an army post in "
    "the northern province, the military said. An armed group that claimed the attack said its fighters had seized "
    "weapons. Residents said the militants had extorted farmers for months.\n"
    "\u201cWe are destroying the camps one by one, and the fighters are on the run,\u201d Colonel Samuel Okafor said.\n"
    "The army said it had regained control of the town by evening.\n"
    "\u201cOur children cannot go to school because of the violence,\u201d said shopkeeper Gul Zaman.\n")

MISSILE_STRIKE = (
    "Russia fired 40 missiles at Ukrainian cities overnight, the air force said.\n\n"
    "Mayor Vitali Klitschko said: \u201cThe attack killed 12 people in their homes.\u201d\n")

# a war report whose one "terror" is a charge, not its story
MISSILE_TERROR = (
    "Russia fired 40 missiles and 90 drones at Ukrainian cities overnight, and a strike on a power plant cut "
    "electricity to 200,000 homes, the air force said. The energy ministry said repairs to the grid would take "
    "a week.\n\n"
    "President Volodymyr Zelensky called the strike \u201cterror against civilians\u201d.\n\n"
    "Mayor Vitali Klitschko said: \u201cThe attack killed 12 people in their homes.\u201d\n")

STORIES = [
    # --- a generic agreement word is the agreement of the story it is told in ---
    ("a_deal_in_a_nuclear_story_is_the_nuclear_deal", NUCLEAR_COOPERATION, "We want a deal",
     {"nuclear_program"}, {"peace_deal", "negotiations"}),
    ("the_agreement_in_a_nuclear_story_is_no_peace_deal", NUCLEAR_COOPERATION, "must close the door",
     {"nuclear_program"}, {"peace_deal"}),
    ("civil_nuclear_words_are_the_programme", NUCLEAR_COOPERATION, "civil nuclear cooperation would begin",
     {"nuclear_program"}, {"nuclear_threats"}),
    ("normalisation_of_ties_at_peace_is_diplomacy", RESTORED_TIES, "a model for the region",
     {"diplomacy"}, {"peace_deal"}),
    ("normalisation_that_ends_a_war_is_a_peace_deal", WAR_NORMALISATION, "the only way to end",
     {"peace_deal"}, {"diplomacy"}),
    # --- a border is land at issue only in a story about who holds land ---
    ("a_border_reopened_to_travel_is_no_territory", RESTORED_TIES, "cross the border freely",
     set(), {"territory"}),
    ("a_border_in_a_sovereignty_dispute_is_territory", BORDER_DISPUTE, "The border runs along the river",
     {"territory"}, set()),
    ("changing_borders_by_force_is_territory",
     "Chancellor Anna Berg said: \u201cInternational borders must not be changed by force.\u201d",
     "must not be changed by force", {"territory"}, set()),
    ("a_boundary_commission_is_territory",
     "Spokesman Keo Chan said the joint boundary commission would meet again in March.",
     "boundary commission would meet", {"territory"}, set()),
    ("trucks_entering_the_territory_is_no_territory",
     "Hundreds of aid trucks waited at the crossing into the territory, the UN said. The World Food Programme "
     "said food stocks were nearly gone.\n\n"
     "Spokesman Mazen Faraya said: \u201cWe decide who enters our territory.\u201d",
     "who enters our territory", set(), {"territory"}),
    ("losing_part_of_its_territory_stays_territory",
     "Analyst Petra Lind said Kyiv could have to accept losing part of its territory in exchange for peace.",
     "losing part of its territory", {"territory"}, set()),
    # --- relief told without its name, in an article that names it ---
    ("pledges_in_an_aid_story_are_aid",
     "After the earthquake, aid convoys reached Herat and the World Food Programme opened field kitchens.\n\n"
     "Coordinator Maria Lopez said: \u201cThe donors must now turn their pledges into cash.\u201d",
     "turn their pledges into cash", {"humanitarian_aid"}, set()),
    ("deliveries_in_a_weapons_story_are_no_aid",
     "Germany will send 20 more battle tanks and artillery ammunition to Ukraine, the defence ministry said.\n\n"
     "Minister Boris Pistorius said: \u201cThe first deliveries will arrive in May.\u201d",
     "first deliveries will arrive", set(), {"humanitarian_aid"}),
    # --- captives freed, told without their name ---
    ("freeing_in_a_kidnapping_story_is_hostages",
     "Rebels kidnapped 23 aid workers in March and have sent no proof of life since.\n\n"
     "Commander Jean Kabila said: \u201cNobody will be freed without an exchange.\u201d",
     "Nobody will be freed", {"hostages"}, set()),
    ("a_release_in_a_story_naming_no_captives_is_no_hostages",
     "The ministry published its annual report on growth on Monday.\n\n"
     "Spokesman Erik Berg said: \u201cThe release of the data was delayed by a week.\u201d",
     "The release of the data", set(), {"hostages"}),
    # --- a pause told without the truce's name ---
    ("a_lull_in_a_truce_story_is_the_ceasefire",
     "A truce between the army and the rebels took effect at midnight, the mediators said.\n\n"
     "Colonel Ali Hassan said: \u201cThe lull has held in every district so far.\u201d",
     "The lull has held", {"ceasefire"}, set()),
    ("a_pause_in_a_nuclear_story_is_no_ceasefire",
     "Iran has enriched uranium to 60 percent, the IAEA said.\n\n"
     "Minister Kazem Ahmadi said: \u201cA pause is possible if the other side moves.\u201d",
     "A pause is possible", set(), {"ceasefire"}),
    # --- the process of talks told without their name ---
    ("the_process_in_a_talks_story_is_negotiations",
     "The mediator brought the two delegations back to the negotiating table in Oslo on Monday.\n\n"
     "Minister Ana Petrova said: \u201cWe will not abandon the process now.\u201d",
     "We will not abandon the process", {"negotiations"}, set()),
    ("a_process_in_a_story_naming_no_talks_is_nothing",
     "The ministry published its annual report on growth on Monday.\n\n"
     "Spokesman Erik Berg said: \u201cThe process took three weeks.\u201d",
     "The process took three weeks", set(), {"negotiations"}),
    # --- talks named as themselves stay beside what they settle ---
    ("negotiations_on_tariffs_are_negotiations_and_tariffs",
     "Minister Claire Dubois said the negotiations on the steel tariffs would resume in Ottawa next week.",
     "negotiations on the steel tariffs", {"negotiations", "tariffs"}, set()),
    ("indirect_talks_on_a_truce_are_talks_and_truce",
     "Spokesman Majed Ansari said the two sides would hold a new round of indirect talks on a truce in Doha.",
     "indirect talks on a truce", {"negotiations", "ceasefire"}, set()),
    ("mediators_proposing_a_truce_is_the_truce",
     "Spokesman Majed Ansari said the mediators had put forward a proposal for a six-week truce.",
     "proposal for a six-week truce", {"ceasefire"}, {"negotiations"}),
    # --- recognising a state is diplomacy ---
    ("recognising_a_state_is_diplomacy",
     "Minister Tomas Ruiz said Madrid would recognise Palestine as a state on Tuesday.",
     "recognise Palestine", {"diplomacy"}, set()),
    ("recognition_of_a_government_is_diplomacy",
     "Minister Anna Kowalski said Warsaw's recognition of the new government would come within days.",
     "recognition of the new government", {"diplomacy"}, set()),
    ("border_controls_hold_no_land",
     "Minister Ana Cruz said border controls with Slovenia would be lifted in June.",
     "border controls with Slovenia", set(), {"territory"}),
    ("economic_sovereignty_is_no_land",
     "Minister Luis Vega said the tariffs would protect our economic sovereignty.",
     "protect our economic sovereignty", {"tariffs"}, {"territory"}),
    ("ties_in_a_story_of_restored_relations_are_diplomacy",
     "The two states restored diplomatic relations in March. Since then exports have doubled, imports of grain "
     "have risen and a trade agreement cut tariffs on fruit.\n\n"
     "Minister Omar Said said: \u201cThe ties are stronger than ever.\u201d",
     "The ties are stronger than ever", {"diplomacy"}, set()),
    ("ties_to_a_network_in_a_story_naming_no_relations",
     "Police arrested two men at the port on Monday, the interior ministry said.\n\n"
     "Minister Omar Khalil said: \u201cThe suspect had ties to a smuggling network.\u201d",
     "ties to a smuggling network", set(), {"diplomacy"}),
    # --- an insurgency told without the word terror ---
    ("the_fighters_of_an_insurgency_are_terrorism", INSURGENCY, "the fighters are on the run",
     {"terrorism"}, set()),
    ("a_town_retaken_from_insurgents_is_no_territory", INSURGENCY, "regained control of the town",
     {"terrorism"}, {"territory"}),
    ("the_violence_of_an_insurgency_is_terrorism", INSURGENCY, "because of the violence",
     {"terrorism"}, {"war_and_peace"}),
    ("seized_weapons_are_no_supply", INSURGENCY, "its fighters had seized weapons",
     {"terrorism"}, {"weapons_supply"}),
    ("an_attack_in_a_story_naming_no_terror_is_no_terrorism", MISSILE_STRIKE, "The attack killed",
     set(), {"terrorism"}),
    ("an_attack_in_a_war_report_naming_terror_once_is_no_terrorism", MISSILE_TERROR, "The attack killed",
     set(), {"terrorism"}),
]


@pytest.mark.parametrize(("article", "fragment", "expected", "absent"), [c[1:] for c in STORIES],
                         ids=[c[0] for c in STORIES])
def test_words_read_by_their_story(topics_of, article: str, fragment: str, expected: set[str],
                                   absent: set[str]) -> None:
    topics = topics_of(article, fragment)
    assert expected <= topics and not topics & absent, (fragment, topics)


def test_the_scheme_holds_the_story_words() -> None:
    """The words behind these rules live in the scheme (ontology/topics.ttl), not in the code."""
    topics = load_topics()
    assert "deal" in topics["nuclear_program"].context_labels
    assert "normalisation" in topics["diplomacy"].context_labels and "normalisation" in topics["peace_deal"].context_labels
    assert "normalisation" not in topics["peace_deal"].labels
    assert "border" in topics["territory"].echo_labels and "border" in topics["territory"].weak_labels
    assert "fighter" in topics["terrorism"].echo_labels and topics["terrorism"].local
    assert not topics["territory"].local
    assert "talks" in topics["negotiations"].process_nouns and "mediator" not in topics["negotiations"].process_nouns
