"""Near-duplicate reports of one utterance (graph/utterances.py) on quotes written for these tests."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from diplograph.extract.records import Extraction
from diplograph.graph import index_sync, utterance_rows
from diplograph.graph.store import GraphStore, open_store
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


# A wire text, its light rewordings and an unrelated quote, said by two speakers and copied many times (some
# articles quote it twice), the way syndication and bench/corpus.py repeat quotes.
WORDINGS = [QUOTE, REWORDED, QUOTE.upper(), QUOTE.replace("anyone", "everyone"), OTHER,
            OTHER.replace("stay in place", "remain"), "We will not trade territory for a pause in the fighting."]


def syndicated(batches: int, per_batch: int) -> list[list[Report]]:
    """Batches of reports: article n quotes wording n % 7 (twice when n % 5 == 0), speaker by n % 3; statement
    IRIs are hashed so that their order is not the order they arrive in (the tie-break is by IRI)."""
    import hashlib

    out, n = [], 0
    for _ in range(batches):
        batch = []
        for _ in range(per_batch):
            doc, speaker, quote = f"urn:doc:{n}", "urn:zelensky" if n % 3 else "urn:sybiha", WORDINGS[n % 7]
            for copy in range(2 if n % 5 == 0 else 1):
                name = hashlib.md5(f"{n}-{copy}".encode()).hexdigest()[:8]
                batch.append(Report(statement=f"urn:st:{name}", speaker=speaker, doc=doc, quote=quote))
            n += 1
        out.append(batch)
    return out


def the_rule(batches: list[list[Report]]) -> dict[str, str]:
    """The assignment rule, by brute force over every earlier report: the utterance of the most similar earlier
    report of the same speaker in another article that shares a band key (above the threshold; ties to the
    first statement IRI), else a new utterance named after the report."""
    from diplograph.graph.utterances import THRESHOLD, utterance_iri

    earlier: list[tuple[Report, object, set[str], str]] = []
    assigned: dict[str, str] = {}
    for report in (r for batch in batches for r in batch):
        sig = signature(report.quote)
        keys = set(band_keys(sig))
        scored = sorted((-sig.jaccard(s), o.statement, u) for o, s, k, u in earlier
                        if o.speaker == report.speaker and o.doc != report.doc and keys & k)
        scored = [x for x in scored if -x[0] >= THRESHOLD]
        utterance = scored[0][2] if scored else str(utterance_iri(report.statement))
        earlier.append((report, sig, keys, utterance))
        assigned[report.statement] = utterance
    return assigned


def test_assignments_follow_the_rule_however_often_a_quote_is_copied() -> None:
    from diplograph.graph.utterances import StoredReport

    batches = syndicated(batches=4, per_batch=40)
    expected = the_rule(batches)
    assert len(set(expected.values())) < len(expected) / 4  # copies were found: the rule is not trivial here
    assert len(set(expected.values())) > 7  # and copies in one article stay apart
    one_ingest = UtteranceIndex()
    assert {s: a.utterance for b in batches for s, a in one_ingest.assign(b).items()} == expected
    stored: list[StoredReport] = []

    def every_copy(pairs):  # as the SPARQL lookup answers: every stored report sharing a band key
        wanted = set(pairs)
        return [s for s in stored if any((k, s.report.speaker) in wanted for k in band_keys(signature(s.report.quote)))]

    for batch in batches:  # one ingest per batch, the earlier ones found in the "store"
        said = UtteranceIndex(every_copy).assign(batch)
        assert {s: a.utterance for s, a in said.items()} == {r.statement: expected[r.statement] for r in batch}
        stored += [StoredReport(r, said[r.statement].utterance) for r in batch]


def republished(extraction: Extraction, n: int) -> Extraction:
    """The article as outlet n republished it: another file name and text (a new document), the same quotes."""
    name = f"outlet-{n}-{extraction.document.name}"
    document = dataclasses.replace(extraction.document, name=name, url=None, text=extraction.document.text + f"\n\n({n})",
                                   clean=extraction.document.clean + f"\n\n({n})")
    return dataclasses.replace(extraction, document=document,
                               statements=tuple(dataclasses.replace(s, doc=name) for s in extraction.statements),
                               events=tuple(dataclasses.replace(e, doc=name) for e in extraction.events),
                               triples=tuple(dataclasses.replace(t, doc=name) for t in extraction.triples))


def utterances_of(store: GraphStore) -> dict[str, str]:
    return {str(st): str(u) for st, u in store.query("SELECT ?st ?u WHERE { ?st a dg:Statement ; dg:utterance ?u }")}


def test_the_index_keeps_one_row_per_quote_and_assigns_as_sparql_does(
        tmp_path: Path, kremlin: Extraction, white_house: Extraction) -> None:
    outlets = [republished(x, n) for n in range(6) for x in (kremlin, white_house)]
    quotes = {(s.speaker_id, s.text) for x in (kremlin, white_house) for s in x.statements}
    with open_store(f"oxigraph:{tmp_path / 'graph'}") as indexed, open_store("memory") as in_sparql:
        in_sparql.index = None  # as a remote store keeps none: the band keys are looked up in SPARQL
        for start in (0, 4, 8):  # three ingests: the later ones meet the stored copies through the lookup
            indexed.add_many(outlets[start:start + 4])
            in_sparql.add_many(outlets[start:start + 4])
        said = utterances_of(indexed)
        assert said == utterances_of(in_sparql) and len(said) == 6 * len(quotes)
        assert len(set(said.values())) == len(quotes)  # each quote one utterance, six reports
        db = indexed.index._connect()
        assert utterance_rows.counts(db) == (len(quotes), 6 * len(quotes))  # copies add reports, not quotes
        assert index_sync.check(indexed) == []
        db.execute("DELETE FROM reports WHERE statement IN (SELECT statement FROM reports LIMIT 1)")
        assert [p for p in index_sync.check(indexed) if "near-duplicate" in p]  # drift is found
        index_sync.rebuild(indexed)
        db = indexed.index._connect()  # a rebuild makes a new database
        assert index_sync.check(indexed) == [] and utterance_rows.counts(db) == (len(quotes), 6 * len(quotes))
        for n in range(6):  # every copy of the Kremlin article goes: its quotes leave the lookup
            indexed.remove(f"outlet-{n}-kremlin.txt")
            in_sparql.remove(f"outlet-{n}-kremlin.txt")
        assert utterance_rows.counts(db) == (len(white_house.statements), 6 * len(white_house.statements))
        for store in (indexed, in_sparql):
            store.add_many([republished(kremlin, 7), republished(white_house, 7)])
        assert utterances_of(indexed) == utterances_of(in_sparql)
        assert len(set(utterances_of(indexed).values())) == len(quotes)
