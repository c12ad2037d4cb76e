"""A benchmark corpus grown from real articles, without network and the same on every run.

The articles in seeds/ and tests/data/articles are extracted once; each copy then becomes a new
document (its own name, text hash and publication date) in which the people are re-cast as other,
invented people, so the graph grows in documents, actors and dates while keeping the shape that
real news gives it. Variant 0 is the real extraction itself.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from diplograph.extract.document import iter_documents
from diplograph.extract.pipeline import Extractor
from diplograph.extract.records import Actor, Document, Extraction
from diplograph.ontology.terms import actor_iri

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "articles"]
FIRST = ["Anton", "Olena", "Pavel", "Marta", "Henrik", "Ines", "Tomas", "Lucia", "Oskar", "Vera", "Jonas", "Ilse",
         "Mikael", "Petra", "Stefan", "Ana", "Bohdan", "Greta", "Karel", "Nadia", "Emil", "Rosa", "Viktor", "Lena"]
LAST = ["Berezov", "Halvorsen", "Kowalczyk", "Moreau", "Lindqvist", "Petrenko", "Horvath", "Novak", "Dumitru",
        "Castellan", "Varga", "Sorensen", "Tkachenko", "Brandt", "Esposito", "Jansen", "Kravets", "Laine", "Rossi",
        "Weber", "Zielinski", "Marchetti", "Ostrowski", "Fischer"]
START = date(2025, 1, 1)


def real_documents() -> list[Document]:
    return [d for d in iter_documents(SOURCES) if isinstance(d, Document)]


def real_extractions(extractor: Extractor | None = None) -> list[Extraction]:
    extractor = extractor or Extractor()
    return [extractor.extract(d) for d in real_documents()]


def _invented(name: str, variant: int) -> str:
    digest = hashlib.sha256(f"{name}|{variant}".encode()).digest()
    return f"{FIRST[digest[0] % len(FIRST)]} {LAST[digest[1] % len(LAST)]}"


def _recast(extraction: Extraction, variant: int, day: date) -> Extraction:
    """A copy of `extraction` as a new document whose people are other, invented people."""
    people: dict[str, Actor] = {}

    def person(actor_id: str, name: str) -> tuple[str, str]:
        if variant == 0 or "/actor/" not in actor_id:
            return actor_id, name
        new_name = _invented(name, variant)
        people.setdefault(actor_id, Actor(id=actor_iri(new_name), name=new_name, type="Person", known=False))
        return people[actor_id].id, new_name

    persons = {a.id for a in extraction.actors if a.type == "Person"} | {
        s.speaker_id for s in extraction.statements if " " in s.speaker and s.speaker[0].isupper()}
    recast = {i: person(i, n) for s in extraction.statements for i, n in [(s.speaker_id, s.speaker)] if i in persons}

    def swap(actor_id: str, name: str) -> tuple[str, str]:
        return recast.get(actor_id, (actor_id, name))

    statements = []
    for s in extraction.statements:
        speaker_id, speaker = swap(s.speaker_id, s.speaker)
        statements.append(dataclasses.replace(s, doc=f"{s.doc}#{variant}", speaker=speaker, speaker_id=speaker_id))
    document = dataclasses.replace(
        extraction.document, name=f"{extraction.document.name}#{variant}", published=day.isoformat(),
        text=extraction.document.text + f"\n\n(variant {variant})", clean=extraction.document.clean + f"\n\n(variant {variant})")
    events = [dataclasses.replace(e, doc=document.name, date=e.date or day.isoformat()) for e in extraction.events]
    triples = [dataclasses.replace(t, doc=document.name, subject_id=swap(t.subject_id, t.subject)[0],
                                   subject=swap(t.subject_id, t.subject)[1]) for t in extraction.triples]
    actors = [a for a in extraction.actors if a.id not in recast] + list(people.values())
    return Extraction(document=document, statements=tuple(statements), actors=tuple(actors),
                      events=tuple(events), triples=tuple(triples))


def grow(base: list[Extraction], count: int, *, start: int = 0) -> Iterator[Extraction]:
    """`count` documents: the real ones first, then re-cast copies, one new day each (from the `start`th on)."""
    for i in range(start, count):
        variant, index = divmod(i, len(base))
        yield _recast(base[index], variant, START + timedelta(days=i % 3650))
