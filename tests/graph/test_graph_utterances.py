"""Near-duplicate reports of one utterance (graph/utterances.py) on quotes written for these tests."""
from __future__ import annotations

from diplograph.graph.utterances import BANDS, Report, UtteranceIndex, band_keys, signature

QUOTE = ("We support a ceasefire along the current front line, and we are ready to talk to anyone who "
         "wants a just peace for Ukraine.")
REWORDED = ("We support a ceasefire along the current front line and we are ready to talk with anyone who "
            "wants a just peace for Ukraine.")
OTHER = "Sanctions on Russian oil will stay in place until the attacks on our energy system stop."


def report(n: int, quote: str, *, speaker: str = "urn:zelensky", doc: str = "") -> Report:
    return Report(statement=f"urn:st:{n}", speaker=speaker, doc=doc or f"urn:doc:{n}", quote=quote)


def test_a_light_rewording_by_the_same_speaker_in_another_article_is_the_same_utterance() -> None:
    assigned = UtteranceIndex().assign([report(1, QUOTE), report(2, REWORDED), report(3, QUOTE.upper())])
    assert len({a.utterance for a in assigned.values()}) == 1
    assert assigned["urn:st:1"].utterance.startswith("https://w3id.org/diplograph/utterance/")


def test_other_words_another_speaker_or_the_same_article_stay_apart() -> None:
    assigned = UtteranceIndex().assign([
        report(1, QUOTE), report(2, OTHER), report(3, QUOTE, speaker="urn:sybiha"), report(4, QUOTE, doc="urn:doc:1")])
    assert len({a.utterance for a in assigned.values()}) == 4


def test_band_keys_are_shared_by_near_duplicates_only() -> None:
    keys = {name: set(band_keys(signature(text))) for name, text in (("a", QUOTE), ("b", REWORDED), ("c", OTHER))}
    assert all(len(k) == BANDS for k in keys.values())
    assert keys["a"] & keys["b"] and not keys["a"] & keys["c"]


def test_a_later_ingest_finds_stored_reports_through_the_lookup() -> None:
    first = UtteranceIndex().assign([report(1, QUOTE)])
    stored = first["urn:st:1"]
    asked: list[str] = []

    def lookup(pairs):  # the store's answer: the stored statement of that speaker that shares a band key
        from diplograph.graph.utterances import StoredReport

        asked.extend(pairs)
        mine = {k for k, speaker in pairs if speaker == report(1, QUOTE).speaker}
        return [StoredReport(report(1, QUOTE), stored.utterance)] if mine & set(stored.bands) else []

    later = UtteranceIndex(lookup).assign([report(2, REWORDED), report(3, OTHER)])
    assert later["urn:st:2"].utterance == stored.utterance and later["urn:st:3"].utterance != stored.utterance
    assert len(asked) <= 2 * BANDS  # one lookup of the batch's band keys
