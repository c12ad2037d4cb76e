"""Names of people as printed, without their titles, and a key that one person keeps under any spelling.

News prints "General Rajendra Singh-Rathore", "Captain Sir Henry Ashworth-Blake", "Zelenskyy" and
"Zelenskiy": the canonical name is the name words joined exactly as printed (hyphens kept), the
honorifics and titles before it become the actor's role, and the identity key folds diacritics and
transliteration (doubled letters, vowels after the first letter: Mohammed/Muhammad, Zelensky/Zelenskyy)
so that one person gets one IRI in every document.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that stand before a name and are never part of it: honorifics, ranks, offices.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh", "sheik",
    "shaikh", "sayyed", "sayyid", "imam", "ayatollah", "rabbi", "father", "reverend", "rev", "emir", "amir", "prince",
    "princess", "king", "queen", "crown", "sultan", "general", "gen", "lieutenant", "lt", "colonel", "col", "major",
    "maj", "captain", "capt", "admiral", "adm", "commander", "cmdr", "brigadier", "brig", "marshal", "field",
    "sergeant", "sgt", "judge", "justice", "senator", "sen", "rep", "representative", "congressman", "congresswoman",
    "mp", "governor", "gov", "mayor", "ambassador", "envoy", "president", "vice", "prime", "minister", "premier",
    "chancellor", "secretary", "deputy", "foreign", "defence", "defense", "interior", "finance", "trade", "spokesman",
    "spokeswoman", "spokesperson", "chief", "head", "leader", "former", "acting", "special", "state", "supreme",
    "chairman", "chairwoman", "chair", "director", "commissioner", "pope", "cardinal", "bishop", "archbishop",
    "his", "her", "excellency", "highness", "majesty", "hon", "honourable", "honorable", "opposition", "army",
    "military", "top", "senior", "new", "incoming", "outgoing", "veteran", "candidate", "adviser", "advisor",
    "negotiator", "diplomat", "official", "lawmaker", "presidential", "first", "lady", "the", "a", "an",
    "mediator", "facilitator", "rapporteur", "coordinator", "consul", "delegate", "prosecutor", "councillor",
    "councilor", "speaker", "inspector",
}
# Parts of a name that are not a surname on their own ("bin", "al", "von").
PARTICLES = {"bin", "ibn", "bint", "al", "el", "ul", "abu", "van", "von", "der", "den", "de", "del", "della", "di", "da",
             "dos", "du", "la", "le", "st", "ben", "y"}


def fold(text: str) -> str:
    """Lower case ASCII without diacritics or dots: "González" → "gonzalez"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.lower().replace("’", "'").replace(".", "")
    return re.sub(r"\s+", " ", ascii_text).strip()


def is_honorific(word: str) -> bool:
    """A title word, hyphenated ones included ("Secretary-General", "Vice-President")."""
    key = fold(word).rstrip(",")
    return key in HONORIFICS or ("-" in key and all(part in HONORIFICS for part in key.split("-") if part))


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word's transliteration-proof key: its first letter and its consonants, doubles collapsed."""
    letters = re.sub(r"[^a-z]", "", fold(word))
    if not letters:
        return ""
    letters = re.sub(r"(.)\1+", r"\1", letters)
    return letters[0] + re.sub(r"[aeiouyw]", "", letters[1:]).replace("kh", "h")


def person_key(name: str) -> str:
    """The identity key of a person's name: the same for "Volodymyr Zelenskyy" and "Volodymyr Zelensky"."""
    return "_".join(k for k in (word_key(w) for w in re.split(r"[\s-]+", name)) if k)


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """(titles, name) of a mention's words: "Captain Sir Henry Ashworth-Blake" → (["Captain", "Sir"], [...])."""
    i = 0
    while i < len(words) - 1 and (is_honorific(words[i]) or not words[i][:1].isupper() or words[i].endswith("'s")
                                  # the body a title belongs to: "UN Secretary-General X", "NATO Secretary General X"
                                  or (words[i].isupper() and len(words[i]) > 1 and is_honorific(words[i + 1]))):
        i += 1
    return words[:i], words[i:]


def clean_person_name(text: str) -> tuple[str, str]:
    """(name as printed, stripped titles) from a person's mention: possessive and honorifics removed."""
    text = re.sub(r"['’]s?$", "", text.strip().strip(",;:"))
    words = text.split()
    titles, name = split_title(words)
    return " ".join(name), " ".join(titles)


def name_parts(name: str) -> list[str]:
    """The words of a name that may stand alone for the person ("Lin Jian" → Lin, Jian; "Abdullah bin Zayed")."""
    words = [w for w in name.split() if fold(w) not in PARTICLES]
    return words
