"""States from maintained data: names from pycountry (ISO 3166), capitals and demonyms from countryinfo.

A hand list of countries goes stale and never covers the story a user follows next; ISO 3166 does.
pycountry has no capitals or demonyms, so those come from countryinfo (its per-country records).
Where the gazetteer (actors.ttl) knows a state, its IRI, aliases and Wikidata id win, so that
"Moscow" and "Russia" stay one actor whichever source names them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from countryinfo import CountryInfo

from .lexicon import alias_index, load_actors, normalize
from .terms import actor_iri

# Two- and three-letter codes ("RU", "CHN") are not how news names a state, except these.
_SHORT_NAMES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK"}
# A capital that is also an everyday word or a common first name is never read as its state.
_AMBIGUOUS_CAPITALS = {"victoria", "male", "hamilton", "kingston", "georgetown", "sofia", "lima", "la paz",
                       "san jose", "santiago", "valletta", "praia", "apia", "nassau", "road town"}


@dataclass(frozen=True, slots=True)
class Country:
    """A state as extraction sees it: its names, its capital (a metonym for its government), its adjective."""

    id: str
    name: str
    alpha2: str
    names: tuple[str, ...]
    capital: str
    demonym: str
    wikidata: str = ""


def _latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "APOSTROPHE", "HYPHEN", "COMMA", "FULL STOP",
                                                     "LEFT", "RIGHT")) or ch in "'’-., ()" for ch in text)


@lru_cache(maxsize=1)
def _countryinfo_by_alpha2() -> dict[str, dict]:
    records = CountryInfo.all()
    return {str(r.get("ISO", {}).get("alpha2", "")).upper(): r for r in records.values() if r.get("ISO")}


def _gazetteer_state(names: list[str]) -> str:
    """The IRI of the gazetteer's state bearing one of `names`, or ""."""
    for name in names:
        entry = alias_index().get(normalize(name))
        if entry is not None and entry.type == "State":
            return entry.id
    return ""


@lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    """Every ISO 3166 country, with the gazetteer's identity where it knows the state."""
    info = _countryinfo_by_alpha2()
    actors = load_actors()
    out = []
    for record in pycountry.countries:
        extra = info.get(record.alpha_2, {})
        short = extra.get("name") or getattr(record, "common_name", "") or record.name
        names = [short, record.name, getattr(record, "common_name", ""), getattr(record, "official_name", "")]
        names += [s for s in extra.get("altSpellings", []) if len(s) > 3 or s in _SHORT_NAMES]
        names = [n for n in dict.fromkeys(names) if n and _latin(n) and "," not in n]
        known = _gazetteer_state(names)
        entry = actors.get(known)
        out.append(Country(
            id=known or actor_iri(short),
            name=entry.name if entry else short,
            alpha2=record.alpha_2,
            names=tuple(names),
            capital=str(extra.get("capital") or ""),
            demonym=str(extra.get("demonym") or ""),
            wikidata=entry.wikidata if entry else "",
        ))
    return tuple(out)


def fold(text: str) -> str:
    """Case, diacritics and typography folded: "Bogotá" and "Bogota" are one key."""
    ascii_text = unicodedata.normalize("NFKD", normalize(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", ascii_text).strip()


@lru_cache(maxsize=1)
def _name_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in load_countries():
        for name in country.names:
            index.setdefault(fold(name), country)
    return index


@lru_cache(maxsize=1)
def _capital_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in load_countries():
        key = fold(country.capital)
        if key and key not in _AMBIGUOUS_CAPITALS:
            index.setdefault(key, country)
    return index


@lru_cache(maxsize=1)
def _demonym_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in load_countries():
        for demonym in re.split(r"[,/]| or ", country.demonym):
            if demonym.strip():
                index.setdefault(fold(demonym), country)
    return index


def country_named(text: str) -> Country | None:
    """The state a name gives ("Pakistan", "the Republic of Azerbaijan"), or None."""
    return _name_index().get(fold(re.sub(r"['’]s$", "", text.strip())))


def country_of_capital(text: str) -> Country | None:
    """The state whose government a capital stands for ("Islamabad" → Pakistan), or None."""
    return _capital_index().get(fold(text))


def country_of_demonym(text: str) -> Country | None:
    """The state an adjective refers to ("Azerbaijani" → Azerbaijan), or None."""
    return _demonym_index().get(fold(text))


def find_country(text: str) -> Country | None:
    """A state by its name, its capital or its adjective."""
    return country_named(text) or country_of_capital(text) or country_of_demonym(text)


def country_by_id(iri: str) -> Country | None:
    return next((c for c in load_countries() if c.id == iri), None)
