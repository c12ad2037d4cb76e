"""Stance v2 on sentences written for these tests, one case per frame of the annotation guide."""
from __future__ import annotations

import pytest

from diplograph.extract.stance import contrast_span, strongest

CASES = [
    # (id, sentence, fragment of the statement's text, expected stance)
    ("conditional_threat",
     "Foreign Minister Ana Ruiz said that if the blockade continued, her government would cut gas deliveries.",
     "blockade continued", "warns"),
    ("unless_threat",
     "Trade Minister Paulo Serra said the duties would double unless the talks produced an agreement by May.",
     "duties would double", "warns"),
    ("concern_opposes",
     "The council said it was deeply worried about the plan to close the border crossings.",
     "deeply worried", "opposes"),
    ("readiness_supports",
     "Envoy Marta Lind said her ministry stood ready to host a second round of talks in Oslo.",
     "ready to host", "supports"),
    ("ruling_out_rejects",
     "Chancellor Ulla Brandt said Berlin ruled out sending troops to the region.",
     "ruled out sending", "rejects"),
    ("not_ruled_out_is_no_rejection",
     "Chancellor Ulla Brandt said Berlin did not rule out a new round of talks.",
     "did not rule out", "neutral"),
    ("negated_supply_rejects",
     "Defence Minister Piet Vos said the Netherlands would not supply the missiles.",
     "would not supply", "rejects"),
    ("praise_supports",
     "Prime Minister Jonas Dahl praised the mediators for their patience.",
     "mediators for their patience", "supports"),
    ("appeal_requests",
     "Governor Samir Haddad appealed for food and medicine for the besieged city.",
     "food and medicine", "requests"),
    ("urged_to_provide_requests",
     "Foreign Minister Olena Marchuk urged the partners to provide more air defence systems.",
     "provide more air defence", "requests"),
    ("urged_course_supports",
     "Secretary General Ines Moreau urged both sides to return to the negotiating table.",
     "return to the negotiating table", "supports"),
    ("hedged_warning_is_neutral",
     "Spokesman Tomas Berg warned that the summit might slip to next year.",
     "summit might slip", "neutral"),
    ("warning_of_consequences",
     "Admiral Chen Wei warned that closing the strait would be met with a firm response.",
     "closing the strait", "warns"),
    ("stronger_act_wins",
     "President Lara Ortiz said her government was ready to talk but would never accept a deal that freezes the front.",
     "never accept", "rejects"),
    ("need_requests",
     "“We need generators and fuel before the winter,” Mayor Ivan Hrytsak said.",
     "generators and fuel", "requests"),
    ("characterisation_polarity",
     "Senator Dana Pryor described the negotiations as a disaster.",
     "as a disaster", "opposes"),
    ("passive_is_not_an_act",
     "Minister Karl Weiss confirmed that the aid package was blocked by one member state.",
     "package was blocked", "neutral"),
    ("concern_in_the_passive_is_a_view",
     "Mayor Lena Kovac said she was concerned by the new checkpoints on the bridge.",
     "concerned by", "opposes"),
    ("denied_attitude_opposes",
     "Foreign Minister Rosa Lind said the junta was not ready for a real peace.",
     "not ready", "opposes"),
    ("denied_wish_opposes_even_a_harm",  # the guide: opposes includes "preferring it not happen"
     "Spokesman Arno Veld said the government did not want to escalate the conflict.",
     "did not want", "opposes"),
    ("anothers_request_is_described",
     "“We take note of Chile's request and will reply within the deadlines,” spokesperson Ana Berg said.",
     "take note", "neutral"),
    ("denied_passive_with_modal_opposes",
     "“Maritime boundaries cannot be redrawn unilaterally,” Admiral Sun Li said.",
     "cannot be redrawn", "opposes"),
    ("predicted_harm_warns",
     "“Any new settlement in the valley would poison these talks,” envoy Omar Haddad said.",
     "poison these talks", "warns"),
    ("forceful_response_warns",
     "“We will respond at a time and place of our choosing,” General Kaan Demir said.",
     "respond at a time", "warns"),
    ("past_denial_is_a_fact",
     "Minister Eva Holm said she did not discuss the border with the delegation.",
     "did not discuss", "neutral"),
    ("future_refusal_rejects",
     "Spokesman Ivo Petrov said Sofia would not discuss the border with the delegation.",
     "would not discuss", "rejects"),
    ("conditional_refusal_warns",
     "“If the other side keeps stalling, we will walk away from these talks,” negotiator Lars Dahl said.",
     "walk away", "warns"),
    ("command_supports",
     "“Reopen the crossings and let the convoys through,” aid chief Mira Santos said.",
     "Reopen the crossings", "supports"),
    ("denied_command_opposes",
     "“Do not send more troops to the border,” Senator Ida Marsh said.",
     "send more troops", "opposes"),
    ("denied_command_after_a_colon_opposes",
     "Senator Ida Marsh said: “Do not send more troops to the border.”",
     "send more troops", "opposes"),
    ("only_after_condition_warns",
     "President Tomas Vale said his country would sign the treaty only after the neighbours withdrew their ships.",
     "sign the treaty", "warns"),
    ("only_after_in_the_present_warns",
     "President Ilham Aliyev said Baku would sign only after Armenia amends its constitution.",
     "amends its constitution", "warns"),
    ("only_if_offer_supports",
     "Minister Jan Roos said Oslo would support the plan only if the costs were shared.",
     "support the plan", "supports"),
    ("stated_intent_supports",
     "“We will host the next round of talks in Oslo,” Foreign Minister Kari Lund said.",
     "host the next round", "supports"),
    ("noncommittal_intent_is_neutral",
     "“We will look at all the options,” Foreign Minister Jonas Berg said.",
     "look at all the options", "neutral"),
    ("nobody_should_is_no_advocacy",
     "“Nobody should expect a breakthrough this week,” envoy Dana Ruiz said.",
     "expect a breakthrough", "neutral"),
    ("dismissal_rejects",
     "Foreign Ministry spokeswoman Lina Haas called the accusations baseless.",
     "baseless", "rejects"),
    ("refusal_read_from_the_parse_rejects",
     "Minister Tove Aas said Oslo would keep the embassy open but would never recognise the new council.",
     "never recognise", "rejects"),
    ("nothing_of_it_will_be_rejects",
     "“There will be no pardon for the men who shelled the market,” Interior Minister Ines Duval said.",
     "no pardon", "rejects"),
    ("denied_harm_is_a_commitment_not_a_refusal",
     "“We will never abandon the families of the missing,” Governor Paulo Reis said.",
     "abandon the families", "supports"),
    ("refusal_without_a_thing_refused_is_no_rejection",
     "“Our navy will not retreat,” Admiral Rui Sato said.",
     "will not retreat", "neutral"),
    ("appeal_to_avoid_supports",
     "Envoy Lea Brandt urged both governments to avoid unilateral steps on the river.",
     "avoid unilateral steps", "supports"),
    ("dismissal_as_a_predicate_rejects",
     "Spokeswoman Dina Sabri described the reports as “baseless and irresponsible”.",
     "baseless and irresponsible", "rejects"),
    ("wish_that_it_not_be_opposes",
     "“We would prefer that no troops are sent at all,” Foreign Minister Kari Lund said.",
     "no troops are sent", "opposes"),
    ("wish_that_no_harm_comes_is_no_opposition",
     "“We hope that nobody gets hurt on the border,” Foreign Minister Kari Lund said.",
     "nobody gets hurt", "supports"),
    ("speculation_is_neutral",
     "“The odds of a productive round in Oslo are slim,” Foreign Minister Kari Lund said.",
     "odds of a productive round", "neutral"),
    ("cancellation_rejects",
     "Foreign Minister Kari Lund said Norway had suspended the talks with the junta.",
     "suspended the talks", "rejects"),
    ("asking_others_to_call_off_requests",
     "Trade Minister Ana Lopes asked Brussels to suspend the tariff on Chilean copper.",
     "suspend the tariff", "requests"),
    ("responsibility_formula_warns",
     "Foreign Minister Kari Lund said Minsk would bear full responsibility for any escalation on the border.",
     "bear full responsibility", "warns"),
    ("being_troubled_opposes",
     "Foreign Minister Kari Lund said Norway was deeply troubled by the arrests of journalists.",
     "deeply troubled", "opposes"),
    ("attributive_rejection_characterises",
     "Defence Minister Kenji Mori called the launches an unacceptable threat to the region.",
     "unacceptable threat", "opposes"),
    ("reserving_the_right_warns",
     "Water Minister Hana Odeh said Jordan reserved the right to take the dispute to the tribunal.",
     "reserved the right", "warns"),
    ("restraint_running_out_warns",
     "“Our patience with the blockade is wearing thin,” Harbour Minister Tevita Lolo said.",
     "patience with the blockade", "warns"),
    ("restraint_denied_unlimited_warns",
     "Harbour Minister Tevita Lolo said Tonga's patience with the blockade was not endless.",
     "not endless", "warns"),
    ("thanks_for_patience_is_no_warning",
     "Harbour Minister Tevita Lolo thanked the mediators for their patience.",
     "mediators for their patience", "supports"),
    ("work_under_way_supports",
     "Transport Minister Lidia Barros said work on the rail link to the port was well under way.",
     "well under way", "supports"),
    ("blocking_is_a_veto",
     "Finance Minister Tamas Kertesz said Budapest would block the new customs rules.",
     "block the new customs rules", "rejects"),
    ("another_partys_denied_attitude_is_a_claim",
     "Foreign Minister Kari Lund said Belarus was not ready for a fair settlement of the border dispute.",
     "not ready for a fair settlement", "neutral"),
    ("own_denied_attitude_still_opposes",
     "Foreign Minister Kari Lund said Norway's government was not willing to reopen the fishing accord.",
     "not willing to reopen", "opposes"),
]


def _statement(statements, fragment: str):
    found = [s for s in statements if fragment in s.text]
    assert found, f"no statement holds {fragment!r}: {[s.text for s in statements]}"
    return found[0]


@pytest.mark.parametrize(("sentence", "fragment", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_stance_frame(extract_text, sentence: str, fragment: str, expected: str) -> None:
    statement = _statement(extract_text(sentence + "\n"), fragment)
    assert statement.stance == expected, (statement.text, statement.stance)
    assert 0.0 < statement.stance_confidence <= 1.0


CONTRASTS = [
    ("not_y", "Foreign Minister Elin Sund said the bloc wanted a ceasefire, not an escalation.",
     "ceasefire", "supports", ("escalation",)),
    ("rather_than", "Defence Minister Rui Costa said allies should send air defence systems rather than fighter jets.",
     "air defence", "supports", ("fighter_jets",)),
]


@pytest.mark.parametrize(("sentence", "fragment", "stance", "against"), [c[1:] for c in CONTRASTS],
                         ids=[c[0] for c in CONTRASTS])
def test_contrast_argues_for_one_topic(extract_text, sentence: str, fragment: str, stance: str,
                                       against: tuple[str, ...]) -> None:
    statement = _statement(extract_text(sentence + "\n"), fragment)
    assert statement.stance == stance
    assert statement.contrasted == against and set(against) <= set(statement.topics)


def test_precedence_follows_the_guide() -> None:
    assert strongest({"supports", "rejects", "warns"}) == "rejects"
    assert strongest({"requests", "opposes"}) == "requests"
    assert strongest(set()) == "neutral"


def test_no_contrast_without_a_contrasting_phrase(extractor) -> None:
    doc = extractor.nlp("We want a lasting peace and a fair settlement.")
    assert contrast_span(doc, 0, len(doc)) is None
