"""More reported-speech forms of real outlets (session 6, from the misses of the unseen split `fresh2/`),
on sentences written for these tests: one case a rule, people no gazetteer lists.

Each case gives a text, words the statement must hold, the speaker and the kind; `absent` is what no
statement's text may be (a spurious or truncated span the rule replaced), or a speaker that must not
speak.
"""
from __future__ import annotations

import pytest

CASES = [
    # a title-cased role with the name set beside it: the name speaks, not "Foreign Minister"
    pytest.param("Tonga's Foreign Minister, Sione Vainikolo, said his government would join the fisheries pact.\n",
                 "would join the fisheries pact", "Sione Vainikolo", "reported", None, id="title-cased-role-apposition"),
    # a common noun describing the subject, with a name NER took for an organisation
    pytest.param("Its chairman, Rodrigo Fuentealba, insisted that tolls were set by law.\n",
                 "tolls were set by law", "Rodrigo Fuentealba", "reported", None, id="common-noun-apposition"),
    pytest.param("A senior Greek diplomat, Eleni Karamanou, told this newspaper that Athens would never accept "
                 "the new map.\n", "Athens would never accept", "Eleni Karamanou", "reported", None,
                 id="named-diplomat-is-no-anonymous-source"),
    # lower-case particles inside a name
    pytest.param("The Commission's trade spokesman, Joost van der Berg, said Brussels was studying the request.\n",
                 "Brussels was studying the request", "Joost van der Berg", "reported", None, id="name-particles"),
    # a transcript's speaker label and a vocative are not the subject
    pytest.param("TRANSCRIPT\n\nHOST: What does Manila say?\n\nREYES: Anna, the Philippine coast guard confirmed "
                 "this morning that two vessels had been shadowed near the shoal.\n",
                 "two vessels had been shadowed", "Philippine coast guard", "reported", None, id="label-and-vocative"),
    pytest.param("TRANSCRIPT\n\nREYES: Japan's defence ministry spokesman, Kenji Arakawa, said the drills would "
                 "go ahead.\n", "drills would go ahead", "Kenji Arakawa", "reported", None, id="transcript-label"),
    # a coordinated act with its own subject ends the first act's clause
    pytest.param("Nepal's foreign secretary, Sushila Adhikari, told a briefing that the survey was \"only a start\", "
                 "and she signalled that Kathmandu wanted the river talks resumed.\n",
                 "Kathmandu wanted the river talks resumed", "Sushila Adhikari", "reported", None,
                 id="coordinated-act-with-own-subject"),
    pytest.param("Nepal's foreign secretary, Sushila Adhikari, told a briefing that the survey was \"only a start\", "
                 "and she signalled that Kathmandu wanted the river talks resumed.\n",
                 "the survey was", "Sushila Adhikari", "reported", None, id="first-act-cut-before-the-second"),
    # a passive speech verb with its agent
    pytest.param("The Minister of State, Owen Pritchard, opened the debate. It was stated by the minister that the "
                 "base lease would be published.\n", "the base lease would be published", "Owen Pritchard",
                 "reported", None, id="passive-by-agent"),
    # the speaker after the clause, hung by the parser inside it
    pytest.param("Canada pledged a further 20 million dollars for the camps, its ambassador, Claire Dubois-Martin, said.\n",
                 "Canada pledged a further 20 million dollars", "Claire Dubois-Martin", "reported", "Claire Dubois-Martin",
                 id="trailing-apposed-speaker"),
    # who a speaker speaks for
    pytest.param("Speaking on behalf of the African Group, the representative of Ghana reiterated that the reform "
                 "of the Council was overdue.\n", "reform of the Council was overdue", "African Group", "reported",
                 None, id="on-behalf-of"),
    # a relative pronoun for a body
    pytest.param("The plan was set out in a letter from the Ministry of Finance, which insisted that no new tax "
                 "would be raised.\n", "no new tax would be raised", "Ministry of Finance", "reported", None,
                 id="which-insisted"),
    # an opening participle the parser takes for the subject
    pytest.param("The shadow minister, Gareth Lloyd-Hughes, asked about the cost. Replying, Ms Harriet Pym said "
                 "that the figures would be published in May.\n", "the figures would be published in May",
                 "Harriet Pym", "reported", None, id="replying-participle"),
    # a capitalised plural of a group noun, and its "they"
    pytest.param("Caribbean Foreign Ministers today endorsed the Regional Fisheries Plan and called on all partners "
                 "to respect the closed season. They reaffirmed that the reefs were \"a shared inheritance.\"\n",
                 "the Regional Fisheries Plan", "Caribbean Foreign Ministers", "reported", None, id="endorsed-named-plan"),
    pytest.param("Caribbean Foreign Ministers today endorsed the Regional Fisheries Plan and called on all partners "
                 "to respect the closed season. They reaffirmed that the reefs were \"a shared inheritance.\"\n",
                 "the reefs were", "Caribbean Foreign Ministers", "reported", None, id="they-reaffirmed"),
    # speech-act summaries
    pytest.param("Egypt's envoy, Karim Mansour, cautioned against \"unilateral measures\" on the river.\n",
                 "unilateral measures", "Karim Mansour", "reported", None, id="cautioned-against"),
    pytest.param("The MP for Dover, Alan Stroud, spoke first. He asked whether the ferries would be inspected "
                 "before Christmas.\n", "the ferries would be inspected before Christmas", "Alan Stroud", "reported", None,
                 id="asked-whether"),
    # "according to" an outlet relaying a speaker who has a cue of their own
    pytest.param("Serbian President Milos Jankovic called the vote \"a farce\" during a cabinet meeting, according "
                 "to his press office.\n", "a farce", "Milos Jankovic", "direct", None, id="according-to-relay"),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind", "absent"), CASES)
def test_speech_form(extract_text, text: str, fragment: str, speaker: str, kind: str, absent: str | None) -> None:
    statements = extract_text(text)
    found = [s for s in statements if fragment in s.text]
    assert found, [(s.speaker, s.text) for s in statements]
    assert (found[0].speaker, found[0].kind) == (speaker, kind), [(s.speaker, s.text) for s in statements]
    if absent is not None:
        assert all(absent not in s.text for s in statements), [s.text for s in statements]


def test_question_put_to_a_speaker_is_not_their_statement(extract_text) -> None:
    """"Asked whether ..., X said": the participle is the question, not a statement by X."""
    statements = extract_text("Asked whether the border would reopen in spring, Dubois-Martin said: \"We hope so.\"\n")
    assert [s.text for s in statements] == ["We hope so."]

