"""The common news vocabulary of each topic key (ontology/topics.ttl): derivational forms and synonyms a journalist
writes about any such story ("the kidnappers", "insurgents", "an import tax", "the consul"), each beside a sentence
where the same or a neighbouring word names no topic, and short stories (written for these tests) whose bare remarks
take the story's topic once its words are recognised."""
from __future__ import annotations

import pytest

from diplograph.ontology.lexicon import load_topics

# (id, article, fragment of the statement, topics it must have, topics it must not have)
SENTENCES = [
    # --- hostages: the act, its agents and its words ---
    ("kidnappers_and_ransom", "Governor Musa Bello said the kidnappers had demanded a ransom for the three engineers.",
     "kidnappers had demanded", {"hostages"}, set()),
    ("captors_and_proof_of_life", "Minister Clara Vidal said the captors had sent proof of life to the families.",
     "captors had sent", {"hostages"}, set()),
    ("abduction_of_nurses", "Spokesman Idris Kamal said the abduction of the nurses would not go unpunished.",
     "abduction of the nurses", {"hostages"}, set()),
    ("held_to_ransom_is_an_idiom", "Minister Ana Ruiz said the union would not be held to ransom by the airline.",
     "held to ransom", set(), {"hostages"}),
    # --- terrorism: an insurgency's fighters and words ---
    ("insurgents_are_terrorism", "Minister Jean Lamy said the insurgents had been driven from two towns.",
     "insurgents had been driven", {"terrorism"}, set()),
    ("counter_insurgency_is_terrorism", "General Amadou Sy said the counter-insurgency campaign would last years.",
     "counter-insurgency campaign", {"terrorism"}, set()),
    ("an_attack_on_a_policy_is_no_terrorism",
     "Minister Lea Brandt said the opposition's attack on the budget was unfair.",
     "attack on the budget", set(), {"terrorism"}),
    # --- tariffs and trade: taxes on goods by their other names ---
    ("import_tax_and_protectionism", "Minister Wang Li said the import tax on electric cars was pure protectionism.",
     "import tax on electric cars", {"tariffs"}, set()),
    ("import_taxes_in_the_plural", "Minister Wang Li said the import taxes on solar panels would double.",
     "import taxes on solar panels", {"tariffs"}, {"trade"}),
    ("a_duty_as_an_obligation_is_no_tariff",
     "Minister Lea Brandt said it was the government's duty to protect citizens.",
     "government's duty", set(), {"tariffs"}),
    ("countermeasures_alone_name_nothing",
     "Commissioner Lea Brandt said the bloc would adopt countermeasures within weeks.",
     "adopt countermeasures", set(), {"tariffs", "sanctions"}),
    ("duties_in_a_story_about_tariffs",
     "Washington imposed tariffs on Chinese steel in May. Beijing called the tariffs illegal.\n\n"
     "Minister Wang Li said the duties would be lifted once the dispute ended.",
     "the duties would be lifted", {"tariffs"}, set()),
    ("countermeasures_in_a_story_about_sanctions",
     "The bloc adopted a sanctions package against Minsk in May. The sanctions target twelve banks.\n\n"
     "Minister Pavel Lis said Minsk would adopt countermeasures within weeks.",
     "adopt countermeasures", {"sanctions"}, {"tariffs"}),
    # --- diplomacy: missions, their staff, the state of ties ---
    ("the_consul_summoned", "Spokesman Ali Farah said the consul had been summoned twice.",
     "consul had been summoned", {"diplomacy"}, set()),
    ("mended_ties", "Minister Sara Holm said the two states would mend ties after a decade of silence.",
     "mend ties", {"diplomacy"}, set()),
    ("internal_affairs", "Minister Yuki Mori said Beijing should stop interfering in Japan's internal affairs.",
     "internal affairs", {"diplomacy"}, set()),
    ("a_diplomatic_answer", "Minister Yuki Mori said Tokyo would respond diplomatically.",
     "respond diplomatically", {"diplomacy"}, set()),
    ("mutual_respect_between_states", "Minister Yuki Mori said Seoul and Tokyo must act with mutual respect.",
     "mutual respect", {"diplomacy"}, set()),
    ("bilateral_trade_is_trade", "Minister Yuki Mori said bilateral trade had doubled in two years.",
     "bilateral trade", {"trade"}, {"diplomacy"}),
    ("a_thaw_between_states", "Minister Yuki Mori said the thaw would not survive another incident at sea.",
     "the thaw would not survive", {"diplomacy"}, set()),
    ("restoration_of_ties", "Minister Sara Holm said the restoration of ties had taken two years of quiet work.",
     "restoration of ties", {"diplomacy"}, set()),
    ("reconciliation_of_states_is_diplomacy",
     "The two kingdoms restored diplomatic relations in March and reopened their embassies. Their ambassadors "
     "returned in May after seven years of rupture.\n\n"
     "Analyst Mira Holt said the reconciliation had surprised the region.",
     "reconciliation had surprised", {"diplomacy"}, {"peace_deal"}),
    ("reconciliation_after_a_war_is_peace",
     "The war between the army and the rebels killed thousands. A peace agreement was signed in May, and the "
     "peace process is under way.\n\n"
     "Bishop Paul Ngoy said the reconciliation would take a generation.",
     "reconciliation would take", {"peace_deal"}, {"diplomacy"}),
    ("a_consul_in_passing_yields_to_the_aid",
     "Spokesman Ali Farah said the consul had helped deliver food aid to the refugees.",
     "deliver food aid", {"humanitarian_aid"}, {"diplomacy"}),
    # --- negotiations: who brokers, and the words of talks that stall ---
    ("a_truce_brokered_is_the_truce", "Minister Sara Holm said a truce brokered by Cairo had held for a week.",
     "truce brokered by Cairo", {"ceasefire"}, {"negotiations"}),
    ("an_intermediary", "Minister Sara Holm said Oman had acted as an intermediary between the two capitals.",
     "acted as an intermediary", {"negotiations"}, set()),
    ("deadlock_in_parliament_is_no_talks",
     "Minister Sara Holm said the parliament was in deadlock over the budget.",
     "in deadlock over the budget", set(), {"negotiations"}),
    ("a_discussion_of_a_budget_is_no_talks",
     "Minister Paul Mbeki said the discussion on the budget would resume.",
     "discussion on the budget", set(), {"negotiations", "summit"}),
    # --- sanctions, elections, nuclear, weapons, NATO, security guarantees, aid, energy ---
    ("visa_ban_is_sanctions", "Minister Ivan Petrov said the visa ban on officials would stay in place.",
     "visa ban on officials", {"sanctions"}, set()),
    ("voters_decide", "Minister Paula Reyes said the voters would decide in March.",
     "voters would decide", {"elections"}, set()),
    ("voters_as_those_a_policy_hurts", "Minister Paula Reyes said the tariffs punished our voters.",
     "tariffs punished our voters", {"tariffs"}, {"elections"}),
    ("the_nuclear_watchdog", "Minister Reza Karimi said the nuclear watchdog had not been given access.",
     "nuclear watchdog", {"nuclear_program"}, {"nuclear_threats"}),
    ("warheads_are_nuclear_threats", "Minister Kim Lee said the warheads were stored far from the capital.",
     "warheads were stored", {"nuclear_threats"}, set()),
    ("battle_tanks_are_weapons", "Minister Anna Berg said the battle tanks would arrive before winter.",
     "battle tanks", {"weapons_supply"}, set()),
    ("a_think_tank_is_no_weapon", "Minister Anna Berg said the think tank had published a report.",
     "think tank", set(), {"weapons_supply"}),
    ("nato_enlargement", "Minister Anna Berg said NATO enlargement had been a mistake.",
     "NATO enlargement", {"nato_membership"}, set()),
    ("stabilisation_force", "Minister Anna Berg said the stabilisation force would deploy after the war.",
     "stabilisation force", {"security_guarantees"}, set()),
    ("internally_displaced", "Coordinator Sara Lind said the internally displaced had no shelter.",
     "internally displaced", {"humanitarian_aid"}, set()),
    ("hydrocarbons", "Minister Paul Mbeki said the hydrocarbon reserves offshore belonged to all citizens.",
     "hydrocarbon reserves", {"energy"}, set()),
    ("a_militia_is_the_war", "Governor Jean Kabila said the militia had killed four villagers.",
     "militia had killed", {"war_and_peace"}, {"terrorism"}),
    ("rebels_yield_to_the_talks", "Governor Jean Kabila said the rebels had no place at the table unless they withdrew.",
     "rebels had no place", {"negotiations"}, {"war_and_peace"}),
    ("a_trade_pact", "Minister Ana Costa said the trade pact would be signed in December.",
     "trade pact", {"trade"}, {"peace_deal"}),
    ("gas_transit", "Minister Ion Rusu said the gas transit through the pipeline had ended in January.",
     "gas transit", {"energy"}, set()),
    ("a_blackout_alone_is_energy", "Minister Ion Rusu said the blackout had lasted nine hours.",
     "blackout had lasted", {"energy"}, set()),
    ("a_news_blackout_is_no_energy", "Minister Ion Rusu said the news blackout on the talks would stay.",
     "news blackout", {"negotiations"}, {"energy"}),
    ("on_the_sidelines", "Spokesman Paul Ferrand said the two presidents had spoken on the sidelines of the assembly.",
     "on the sidelines", {"summit"}, set()),
    ("a_trip_alone_is_a_visit", "Spokesman Paul Ferrand said the president's trip to Beijing would last three days.",
     "trip to Beijing", {"summit"}, set()),
    ("a_trip_about_tariffs_is_about_tariffs",
     "Spokesman Paul Ferrand said the president's trip to Beijing would focus on tariffs.",
     "focus on tariffs", {"tariffs"}, {"summit"}),
    ("sabre_rattling", "Minister Anna Berg said the sabre-rattling in the strait had to stop.",
     "sabre-rattling", {"escalation"}, set()),
    ("war_games_are_no_war", "Minister Anna Berg said the war games near the border were a provocation.",
     "war games", {"escalation"}, {"war_and_peace"}),
    ("a_pause_in_fighting", "Mediator Ingrid Dahl said a pause in fighting was agreed for the harvest.",
     "pause in fighting", {"ceasefire"}, set()),
    ("a_pause_in_talks_is_no_truce", "Mediator Ingrid Dahl said a pause in the talks would help both delegations.",
     "pause in the talks", {"negotiations"}, {"ceasefire"}),
    ("a_peace_pact", "Mediator Ingrid Dahl said the peace pact would be signed in Nairobi.",
     "peace pact", {"peace_deal"}, set()),
    ("fighter_types", "Minister Ana Duarte said the F-15s would be delivered next year.",
     "F-15s would be delivered", {"fighter_jets"}, set()),
]


@pytest.mark.parametrize(("article", "fragment", "expected", "absent"), [c[1:] for c in SENTENCES],
                         ids=[c[0] for c in SENTENCES])
def test_news_vocabulary_names_its_topic(topics_of, article: str, fragment: str, expected: set[str], absent: set[str]) -> None:
    topics = topics_of(article, fragment)
    assert expected <= topics and not topics & absent, (fragment, topics)


# (id, story, fragment of a bare remark, the story's topic it must take)
STORIES = [
    ("a_kidnapping_story",
     "Gunmen took four engineers from a road camp in the hills on Tuesday. The kidnappers have demanded a ransom, "
     "and a video sent to the company on Friday was taken as proof of life.\n\n"
     "Governor Musa Bello said the abduction had shocked the province and that the security forces knew where the "
     "captors were hiding.\n\n"
     "\u201cWe are doing everything we can, and we will bring them home,\u201d Bello told reporters.\n\n"
     "Company spokeswoman Amina Yusuf said the families had been informed and that she would not comment on any "
     "payment.",
     "bring them home", "hostages"),
    ("a_tariff_story",
     "Washington raised import taxes on steel and aluminium in May, and Brussels answered with retaliatory levies "
     "on motorcycles and bourbon. Both sides accuse each other of protectionism.\n\n"
     "Commissioner Lea Brandt said the countermeasures would take effect on 1 July unless Washington changed "
     "course.\n\n"
     "\u201cWe did not choose this quarrel, but we will defend our workers,\u201d Brandt said.",
     "defend our workers", "tariffs"),
    ("an_insurgency_story",
     "Insurgents overran an army post near the river overnight, the third raid this month. The insurgency has "
     "spread south since the counter-insurgency campaign stalled.\n\n"
     "Defence Minister Amadou Sy said reinforcements were on their way.\n\n"
     "\u201cThe situation is under control,\u201d Sy said.",
     "under control", "terrorism"),
]


@pytest.mark.parametrize(("story", "fragment", "topic"), [c[1:] for c in STORIES], ids=[c[0] for c in STORIES])
def test_bare_remarks_take_the_story_told_in_news_words(topics_of, story: str, fragment: str,
                                                        topic: str) -> None:
    assert topic in topics_of(story, fragment), fragment


def test_ambiguous_words_never_name_a_topic_outright() -> None:
    """Words with another common sense are weak or context-bound in the scheme, so that a word naming a topic
    outright always outranks them and they never make a story on their own."""
    topics = load_topics()
    strong = {label.lower() for entry in topics.values() for label in entry.labels}
    for word in ("duty", "countermeasure", "voter", "consul", "diplomatic", "deadlock", "discussion", "attack"):
        assert word not in strong, word
    assert "duty" in topics["tariffs"].context_labels
    assert "countermeasure" in topics["sanctions"].context_labels
    assert "voter" in topics["elections"].weak_labels and "consul" in topics["diplomacy"].weak_labels
    assert "held to ransom" in topics["hostages"].not_labels
