"""Attribution forms of the blind splits' misses (session 9, issue 9), on sentences written for these tests
about stories no split covers: the statement's span (a mixed quote keeps its whole reported clause, an
object keeps its purpose infinitive), bodies named "X of (the) Y" kept whole, and persons named in three
parts or beside a role. Each case gives a text, words a statement must hold, its speaker and kind; `absent`
is words no statement may hold on its own, or None.
"""
from __future__ import annotations

import pytest

CASES = [
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
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "kind", "absent"), CASES)
def test_attribution_span_forms(check_attribution, text, fragment, speaker, kind, absent) -> None:
    check_attribution(text, fragment, speaker, kind, absent)
