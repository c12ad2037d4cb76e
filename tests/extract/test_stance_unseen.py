"""Stance on unseen stories (session 8): the guide's categories the tuned splits held few of, each on
sentences written for these tests across stories and styles, with cases where the rule must not fire."""
from __future__ import annotations

import pytest

CASES = [
    # (id, sentence, fragment of the statement's text, expected stance)
    # letting a harm be done, denied in the future: a caution (warns), not a refusal of a proposal
    ("not_tolerate_interference_warns",
     "Interior Minister Pablo Mena said Bolivia will not tolerate interference in its elections.",
     "not tolerate", "warns"),
    ("not_allow_a_threat_warns",
     "Defence Minister Karim Said said Egypt would not allow any threat to Sudan's water security.",
     "any threat", "warns"),
    ("never_let_anyone_threaten_warns",
     "“We will never let anyone threaten our fishing boats,” Fisheries Minister Lena Berg said.",
     "threaten our fishing boats", "warns"),
    ("not_allow_a_neutral_thing_rejects",
     "Water Minister Karim Said said Egypt would not allow the inspectors into the dam site.",
     "inspectors into the dam", "rejects"),
    ("cannot_accept_a_base_rejects",
     "Foreign Minister Omar Ali said Iraq cannot accept any foreign base on its soil.",
     "foreign base", "rejects"),
    # a phase told ("stopped counting", "had ended") advocates nothing; "must stop" still does
    ("stopped_with_a_gerund_is_a_phase",
     "“I stopped counting the visits years ago,” the village elder Arman Petrosyan said.",
     "stopped counting", "neutral"),
    ("past_end_is_a_fact",
     "Mediator Jonas Berg said the second round had ended on Friday without a statement.",
     "had ended", "neutral"),
    ("war_must_stop_supports",
     "“This war must stop,” Mediator Jonas Berg said.",
     "must stop", "supports"),
    ("wants_to_end_supports",
     "President Ana Ruiz said her government wanted to end the border dispute this year.",
     "end the border dispute", "supports"),
    # a wish or a request held by another party is the speaker's claim about it, not the speaker's stance
    ("others_want_is_a_claim",
     "Analyst Mara Olsen said the Emiratis want Qatar to curb its broadcaster before any deal is signed.",
     "Emiratis want", "neutral"),
    ("others_asked_is_a_claim",
     "Mayor Lidia Fermi said the families had asked her whether the shelters would reopen before winter.",
     "families had asked", "neutral"),
    ("singular_body_asking_is_the_speakers_own",
     "Admiral Hugo Sande said the navy would ask parliament for three more patrol boats.",
     "three more patrol boats", "requests"),
    ("a_spokesman_naming_his_body_keeps_its_wish",
     "Spokesman Ivan Petrov said the Kremlin wanted a lasting settlement.",
     "lasting settlement", "supports"),
    # a wish of the speaker's side that a named other party act asks it to act (requests)
    ("we_want_beijing_to_lift_requests",
     "“We want Beijing to lift the ban on our seafood,” Fisheries Minister Kenji Sato said.",
     "lift the ban", "requests"),
    ("own_state_hoped_other_would_reconsider_requests",
     "Japan hoped South Korea would reconsider the ruling, Foreign Minister Kenji Sato said.",
     "would reconsider", "requests"),
    ("hope_both_sides_return_supports",
     "Mediator Ana Ruiz said she hoped both sides would return to the table.",
     "both sides would return", "supports"),
    # diplomatic formulas of protest, commitment and nullity (ontology/stance.ttl)
    ("lodged_a_protest_opposes",
     "Trade Minister Ilse Brun said Vienna had lodged a formal protest with the embassy over the seizure.",
     "formal protest", "opposes"),
    ("summoned_the_ambassador_opposes",
     "A ministry spokeswoman, Rana Aziz, said Amman had summoned the ambassador to explain the remarks.",
     "summoned the ambassador", "opposes"),
    ("spare_no_effort_supports",
     "Envoy Elif Demir said Ankara would spare no effort to keep the two sides talking.",
     "spare no effort", "supports"),
    ("stood_by_the_accord_supports",
     "The Fisheries Ministry said it stood by the quota accord signed in March.",
     "stood by the quota accord", "supports"),
    ("null_and_void_rejects",
     "Justice Minister Omar Farah said any lease signed by the rebel council was null and void.",
     "null and void", "rejects"),
    ("disproportionate_opposes",
     "The foreign ministry called the expulsion of its consul “disproportionate”.",
     "disproportionate", "opposes"),
    ("briefing_announces_nothing",
     "Spokesman Li Wen said he would brief the council on the talks next week.",
     "brief the council", "neutral"),
    # the thing refused is the noun, not what its relative clause tells of it
    ("refusal_of_a_noun_with_a_harsh_clause_rejects",
     "Foreign Minister Alicia Ramos said her country would never recognise a council that jails its critics.",
     "never recognise", "rejects"),
    # a relative clause told of another noun picks that noun out: its act is no stance of the speaker
    ("clause_on_another_noun_is_no_support",
     "Port Minister Tesfaye Alemu said Addis Ababa would study any partner that offered fair terms.",
     "any partner", "neutral"),
    # the speaker's side holding a thing to be what it names: blame opposes, anything else endorses
    ("regarded_as_the_proper_forum_supports",
     "Foreign Minister Keo Dara said Phnom Penh regarded the arbitration panel as the proper forum for the dispute.",
     "proper forum", "supports"),
    ("we_see_the_deal_as_a_provocation_opposes",
     "“We see the naval deal as a provocation,” Defence Minister Aziz Rahimi said.",
     "naval deal", "opposes"),
    ("others_regard_is_no_endorsement",
     "Analyst Petra Holm said the rebels regarded the truce as a pause to rearm.",
     "pause to rearm", "neutral"),
    # a thing said to work is spoken well of
    ("mechanisms_have_worked_supports",
     "Interior Minister Somchai Boon said the joint patrols “have worked and will keep working”.",
     "have worked", "supports"),
    ("party_working_with_is_no_praise",
     "Trade Minister Lea Pohl said her officials had worked with the union for months.",
     "worked with the union", "neutral"),
    # a question declared closed is ruled out
    ("issue_closed_rejects",
     "Deputy Foreign Minister Elnur Hasanov said the question of the enclaves was “closed”.",
     "closed", "rejects"),
    ("matter_is_closed_rejects",
     "“For us the matter is closed,” Foreign Minister Aiko Tanaka said.",
     "matter is closed", "rejects"),
    ("closed_border_is_no_refusal",
     "Governor Ana Sousa said the border had been closed since Monday.",
     "had been closed", "neutral"),
    # a duty laid on another party toward what the speaker's side owns asks it (requests)
    ("must_respect_our_waters_requests",
     "“Any fishing pact must respect our territorial waters,” Fisheries Minister Tavita Leota said.",
     "respect our territorial waters", "requests"),
    ("should_return_our_children_requests",
     "“Moscow should return our children now,” Ombudsman Olha Kravets said.",
     "return our children", "requests"),
    ("duty_on_no_ones_thing_supports",
     "Envoy Mara Tell said both fleets should return to port.",
     "return to port", "supports"),
    # agreeing to a course (an infinitive) supports it; agreeing that something is so only shares a view
    ("agreed_to_reopen_supports",
     "Malaysia and Indonesia agreed to reopen the two ferry crossings after a survey of the strait.",
     "reopen the two ferry crossings", "supports"),
    ("agreed_that_is_the_content",
     "Foreign Minister Ana Ruiz agreed that the talks had stalled over the summer.",
     "talks had stalled", "neutral"),
    # a refusal done by another party is told of it, not the speaker's own
    ("others_blocked_is_a_fact",
     "Relief coordinator Amira Osman said both armies had blocked fuel convoys in the areas they hold.",
     "had blocked fuel convoys", "neutral"),
    ("own_side_blocks_rejects",
     "“We will block any text that mentions the enclave,” Foreign Minister Dara Keo said.",
     "block any text", "rejects"),
    # a warning that only speculates is neutral
    ("warned_a_deal_was_unlikely_is_neutral",
     "Mediator Thomas Brandt warned that a deal was unlikely before the holidays.",
     "deal was unlikely", "neutral"),
    # praise by a word of importance
    ("dialogue_is_important_supports",
     "“Dialogue with Hanoi is important precisely when we disagree,” Foreign Minister Ines Lau said.",
     "Dialogue with Hanoi", "supports"),
    # what a course of action will do, told of the thing, announces it
    ("initiative_would_train_supports",
     "Forum chair Losa Tuilagi said the initiative would train 2,000 coast guard officers over four years.",
     "train 2,000 coast guard officers", "supports"),
    ("corridor_will_carry_grain_supports",
     "Ports Minister Olu Bello said the corridor will carry grain to West Africa from next month.",
     "carry grain", "supports"),
    ("presence_would_require_consent_is_no_announcement",
     "Analyst Marta Sol said any naval presence would require the consent of the coastal states.",
     "require the consent", "neutral"),
    # an appeal for what is done for the speaker's own ("our", "us") is a request; for a course, support
    ("urged_to_release_our_fishermen_requests",
     "Fisheries Minister Tavita Leota urged the coast guard to release our fishermen.",
     "release our fishermen", "requests"),
    ("urged_both_sides_to_respect_the_truce_supports",
     "Fisheries Minister Tavita Leota urged both sides to respect the truce.",
     "respect the truce", "supports"),
    # weapons are the thing supplied in this domain, not a harm: refusing to send them rejects
    ("never_send_weapons_rejects",
     "Defence Minister Aziz Rahimi said Kabul “has never sent and will never send weapons” to the rebels.",
     "never send weapons", "rejects"),
    # a refusal inside a conditional threat is the threat
    ("refusal_in_a_condition_warns",
     "Foreign Minister Lin Ma said that if the drills went ahead, Beijing would not sign the fisheries accord.",
     "would not sign", "warns"),
    # a one-word trigger matched only through its lemma is another word
    ("promises_are_no_praise",
     "“We have heard many promises from both capitals,” displaced teacher Nadia Haddad said.",
     "many promises", "neutral"),
]

# Rules that must not fire: the statement may take another stance, but not this one.
NOT_CASES = [
    # the prefix "non-" denies the word it is on
    ("non_interference_is_no_blame",
     "Foreign Minister Ana Lopes said both governments reaffirmed their commitment to non-interference in each other's affairs.",
     "non-interference", "opposes"),
    ("clause_on_a_predicate_label_keeps_its_blame",
     "“The offer is a recycled demand that ignores our rights,” Foreign Minister Lena Vik said.",
     "recycled demand", "neutral"),
    ("its_own_strikes_is_no_request",
     "“Israel must stop its strikes on the camps,” envoy Paul Okafor said.",
     "stop its strikes", "requests"),
    ("not_let_a_party_lose_is_no_warning",
     "“We will not let Moldova fail,” Foreign Minister Ilse Brun said.",
     "Moldova fail", "warns"),
    ("harm_wished_of_another_is_no_request",
     "Minister Ali Reza said Tehran wanted Israel to strike first.",
     "strike first", "requests"),
    ("no_intention_of_boycotting_is_no_refusal",
     "Foreign Minister Lin Ma said Beijing had no intention of boycotting the summit.",
     "boycotting the summit", "rejects"),
    ("non_aggression_pact_is_no_blame",
     "“The non-aggression pact has held for ten years,” Defence Minister Tomas Varga said.",
     "non-aggression pact", "opposes"),
]


@pytest.mark.parametrize(("sentence", "fragment", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_stance_on_unseen_categories(statement_of, sentence: str, fragment: str, expected: str) -> None:
    statement = statement_of(sentence, fragment)
    assert statement.stance == expected, (statement.text, statement.stance)


@pytest.mark.parametrize(("sentence", "fragment", "excluded"), [c[1:] for c in NOT_CASES], ids=[c[0] for c in NOT_CASES])
def test_rule_does_not_fire(statement_of, sentence: str, fragment: str, excluded: str) -> None:
    statement = statement_of(sentence, fragment)
    assert statement.stance != excluded, (statement.text, statement.stance)
