"""Topics on diplomacy stories unlike the tuned splits, on articles written for these tests: relations between
states (`diplomacy`), talks that are not a leaders' meeting (`negotiations`), disputes over land with no war
(`territory`), and words that are incidental to what a statement is about."""
from __future__ import annotations

import pytest

from diplograph.ontology.lexicon import load_topics

# (id, article, fragment of the statement, topics it must have, topics it must not have)
STORIES = [
    # --- diplomacy: relations between states, their missions and envoys (the guide's broader key) ---
    ("expelled_envoy_is_diplomacy",
     "Foreign Minister Clara Vidal said Quito had declared the envoy of Caracas persona non grata.",
     "persona non grata", {"diplomacy"}, {"negotiations"}),
    ("restored_relations_and_embassies",
     "Spokesman Idris Kamal said the two kingdoms would restore diplomatic relations and reopen their embassies "
     "by June.",
     "restore diplomatic relations", {"diplomacy"}, set()),
    ("recalled_ambassador_in_a_wire",
     "VILNIUS, March 3 (Agency) - Lithuania will recall its ambassador from Minsk in protest, Foreign Minister "
     "Jonas Petraitis said on Monday.",
     "recall its ambassador", {"diplomacy"}, set()),
    ("expelled_envoy_in_a_wire",
     "Minister Ana Duarte said Lima had expelled the envoy and closed the consulate in Cusco.",
     "expelled the envoy", {"diplomacy"}, {"negotiations"}),
    ("relations_alone_are_diplomacy",
     "Deputy Minister Tran Van Long told reporters: \u201cRelations with Manila are on the right track.\u201d",
     "Relations with Manila", {"diplomacy"}, set()),
    ("relations_in_passing_yield_to_the_weapons_at_issue",
     "Minister Selin Kaya said supplying the drones would damage relations with Athens.",
     "supplying the drones", {"drones"}, {"diplomacy"}),
    ("ties_to_a_group_are_no_diplomacy",
     "Minister Omar Khalil said the suspect had ties to a smuggling network.",
     "ties to a smuggling network", set(), {"diplomacy"}),
    ("a_deal_in_a_story_about_restored_ties",
     "The two governments restored diplomatic relations in March after seven years, and their embassies "
     "reopened in May. The chargé d'affaires in each capital was raised to an ambassador.\n\n"
     "Analyst Mira Holt said the deal had given both governments room to breathe.",
     "the deal had given", {"diplomacy"}, {"trade", "peace_deal"}),
    # --- negotiations: talks, mediation, rounds, whatever they settle ---
    ("peace_talks_are_negotiations",
     "Mediator Ingrid Dahl said the peace talks in Oslo would resume on Tuesday.",
     "peace talks in Oslo", {"negotiations"}, {"peace_deal"}),
    ("talks_in_a_story_that_leans_no_way_are_negotiations",
     "The rival parliaments have not agreed on a date for the vote.\n\n"
     "Envoy Hanna Tetteh welcomed the decision to resume the talks next week.",
     "the decision to resume the talks", {"negotiations"}, set()),
    ("shuttle_diplomacy_is_negotiations",
     "Minister Ruth Cohen said the envoy's shuttle diplomacy between the two capitals had kept the direct "
     "talks alive.",
     "shuttle diplomacy", {"negotiations"}, {"diplomacy"}),
    ("a_working_body_meeting_is_a_round_of_talks",
     "Spokeswoman Mai Linh said the joint technical committee would meet again in Hanoi in May.",
     "committee would meet", {"negotiations"}, {"summit"}),
    ("a_meeting_of_delegations_is_a_round_of_talks",
     "Minister Karim Said said a meeting of the two delegations had been set for Thursday.",
     "meeting of the two delegations", {"negotiations"}, {"summit"}),
    ("leaders_meeting_stays_a_summit",
     "Spokesman Paul Ferrand said the two presidents would meet in Geneva next month.",
     "two presidents would meet", {"summit"}, {"negotiations"}),
    ("venue_of_talks_in_a_talks_story",
     "Negotiations over the river dam resumed last month after a year of mediation. The negotiators met twice.\n\n"
     "Spokesman Ali Farah said the venue had not been chosen yet.",
     "venue had not been chosen", {"negotiations"}, {"summit"}),
    ("agenda_of_talks_in_a_talks_story",
     "Negotiations over the river dam resumed last month after a year of mediation. The negotiators met twice.\n\n"
     "Spokesman Ali Farah said the agenda would be published on Monday.",
     "agenda would be published", {"negotiations"}, {"summit"}),
    ("venue_of_a_summit_in_a_summit_story",
     "The summit of the two presidents is planned for June. A summit meeting had been postponed twice.\n\n"
     "Spokesman Ali Farah said the venue had not been chosen yet.",
     "venue had not been chosen", {"summit"}, {"negotiations"}),
    ("a_visit_to_a_thing_is_no_summit",
     "Commissioner Lea Brandt said families would be allowed to visit the graves twice a year.",
     "visit the graves", set(), {"summit"}),
    # --- territory: a dispute over land with no war; generic words read the named sibling ---
    ("agreement_in_a_territorial_dispute_with_no_war",
     "Manila and Hanoi both claim sovereignty over the reef. The territorial dispute has lasted decades.\n\n"
     "Minister Rosa Lim said any agreement signed without Manila was null and void.",
     "any agreement signed", {"territory"}, {"peace_deal"}),
    ("agreement_in_a_war_story_stays_a_peace_deal",
     "The war over the reef has killed hundreds. Manila and Hanoi both claim sovereignty over the reef. The "
     "territorial dispute has lasted decades.\n\n"
     "Minister Rosa Lim said any agreement signed without Manila was null and void.",
     "any agreement signed", {"peace_deal"}, set()),
    ("memorandum_in_a_dispute_over_a_port",
     "The port lease would give the landlocked state access to the sea. The region's sovereignty is disputed "
     "and the breakaway region claims the coastline.\n\n"
     "Minister Abdi Noor said the government stood by the memorandum.",
     "stood by the memorandum", {"territory"}, {"peace_deal", "negotiations"}),
    ("breakaway_region_and_self_determination",
     "Minister Hamid Alaoui said the autonomy plan was the only basis for talks on the breakaway region.",
     "autonomy plan", {"territory"}, set()),
    ("jurisdiction_over_islands",
     "Spokeswoman Aiko Tanaka said Tokyo would never accept Beijing's jurisdiction over the islands.",
     "jurisdiction over the islands", {"territory"}, set()),
    ("handover_of_islands_is_territory",
     "Minister David Lammy said the handover of the islands would be completed within a year.",
     "handover of the islands", {"territory"}, set()),
    ("transfer_of_weapons_is_no_territory",
     "Minister Anna Berg said the transfer of the howitzers would be completed within a year.",
     "transfer of the howitzers", {"weapons_supply"}, {"territory"}),
    ("annexing_a_place_is_territory",
     "Minister Ivan Horvat said Moscow had tried to annex the peninsula by force.",
     "annex the peninsula", {"territory"}, set()),
    ("an_annex_of_a_text_is_no_territory",
     "Spokeswoman Vesna Kovac said both leaders had signed the implementation annex of the trade agreement.",
     "implementation annex", {"trade"}, {"territory"}),
    # --- words of a standoff are escalation only alone ---
    ("provocations_beside_separatism_are_territory",
     "Spokesman Chen Wei warned the island's leaders against separatist provocations.",
     "separatist provocations", {"territory"}, {"escalation"}),
    ("de_escalation_beside_sanctions",
     "Minister Elena Markovic said the restrictive measures would be lifted as Pristina carried out its "
     "de-escalation commitments.",
     "restrictive measures would be lifted", {"sanctions"}, {"escalation"}),
    ("tension_alone_is_escalation",
     "Minister Elena Markovic said the tension along the front had grown every week.",
     "tension along the front", {"escalation"}, set()),
    ("a_war_story_with_two_mentions_of_aid_is_no_aid_story",
     "The fighting between the army and the rebels has lasted ten years. The war has killed thousands. "
     "A peace agreement was signed on Friday.\n\n"
     "The UN said thousands had been displaced and needed shelter as refugees.\n\n"
     "Minister Paul Mbeki said the government would lift its measures once the militia disbanded.",
     "would lift its measures", set(), {"humanitarian_aid"}),
    # --- a prisoner swap's mediator: the exchange, not the mediation ---
    ("the_exchange_after_prisoners_were_exchanged",
     "Kyiv and Moscow exchanged forty prisoners of war on Thursday.\n\n"
     "The ministry said the exchange was the result of quiet mediation by Ankara.",
     "the exchange was the result", {"prisoner_exchange"}, {"negotiations"}),
    ("the_swap_in_a_story_about_prisoners",
     "Washington and Minsk swapped two detainees each at the border on Friday.\n\n"
     "Spokesman Ivan Petrov said the swap did not signal a thaw in relations.",
     "the swap did not signal", {"prisoner_exchange"}, set()),
    ("in_exchange_for_is_a_trade_off",
     "Two hundred prisoners were freed last month.\n\n"
     "Mediator Leila Haddad said the group would release the hostages in exchange for a permanent ceasefire.",
     "in exchange for a permanent ceasefire", {"hostages", "ceasefire"}, {"prisoner_exchange"}),
    ("an_exchange_with_no_prisoners_named",
     "Minister Tomas Berg said the exchange of letters between the two presidents had been useful.",
     "exchange of letters", set(), {"prisoner_exchange"}),
    ("the_nuclear_file_is_the_programme",
     "Minister Reza Karimi said the nuclear file had been raised only briefly in Muscat.",
     "nuclear file", {"nuclear_program"}, {"nuclear_threats"}),
    # --- incidental words: an idiom is not its topic ---
    ("held_hostage_to_is_an_idiom",
     "Minister Yuki Mori said the meeting of the two foreign ministers should not be held hostage to one "
     "exhibition.",
     "held hostage to", set(), {"hostages"}),
    ("trading_accusations_in_a_headline_is_no_trade",
     "Quito and Lima Trade Accusations Over Disputed River Islands\n\n"
     "Both capitals claim sovereignty over the river islands.\n\n"
     "Minister Paula Reyes said the agreement of 1942 remained the only basis for a solution.",
     "agreement of 1942", {"territory"}, {"trade"}),
    ("the_best_relations_are_no_goods",
     "Minister Jose Alvarez said Madrid wanted the best possible relations with Rabat.",
     "best possible relations", {"diplomacy"}, {"trade"}),
    ("relief_as_a_feeling_is_no_aid",
     "Minister Sara Lind said the ceasefire had been greeted with relief in both capitals.",
     "greeted with relief", {"ceasefire"}, {"humanitarian_aid"}),
    ("aid_to_a_budget_is_no_relief",
     "Minister Sara Lind said the financial aid would keep the budget afloat until the elections.",
     "financial aid would keep", set(), {"humanitarian_aid"}),
    ("aid_convoys_stay_aid",
     "Coordinator Sara Lind said the aid convoy had reached the besieged town.",
     "aid convoy", {"humanitarian_aid"}, set()),
    ("hostages_held_by_a_group_stay_hostages",
     "Mediator Omar Nasser said the hostages held by the group had to be released before the holiday.",
     "hostages held by the group", {"hostages"}, set()),
]


@pytest.mark.parametrize(("article", "fragment", "expected", "absent"), [c[1:] for c in STORIES],
                         ids=[c[0] for c in STORIES])
def test_topics_on_unseen_kinds_of_story(topics_of, article: str, fragment: str, expected: set[str], absent: set[str]) -> None:
    topics = topics_of(article, fragment)
    assert expected <= topics and not topics & absent, (fragment, topics)


def test_the_scheme_holds_the_rules_it_names() -> None:
    """The words behind these rules live in the scheme (ontology/topics.ttl), not in the code."""
    topics = load_topics()
    assert "persona non grata" in topics["diplomacy"].labels
    assert "relations" in topics["diplomacy"].weak_labels
    assert "peace talks" in topics["negotiations"].labels and "peace talks" not in topics["peace_deal"].labels
    assert "committee" in topics["negotiations"].body_nouns
    assert "ceasefire" in topics["peace_deal"].related and "peace_deal" in topics["ceasefire"].related
    assert "venue" in topics["summit"].context_labels and "venue" in topics["negotiations"].context_labels
    assert "hostage to" in topics["hostages"].not_labels
    assert "provocation" in topics["escalation"].weak_labels and "provocation" not in topics["escalation"].labels
    assert "jurisdiction" in topics["territory"].place_labels
    assert "trade accusation" in topics["trade"].not_labels
    assert "swap" in topics["prisoner_exchange"].echo_labels
    assert "talks" in topics["negotiations"].default_labels
