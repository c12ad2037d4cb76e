"""A body that speaks through a named person: "the Kremlin said through its spokesman, Anton Belov, that
...", "the ministry, through spokeswoman Li Wenjing, said ...".

The guide (section 2) gives a named spokesperson their own words ("Kremlin spokesman Dmitry Peskov
said" → Peskov), so the person the cue's "through" names speaks, not the body; an unnamed "through
its spokesman" leaves the body as the speaker.
"""
from __future__ import annotations

from spacy.tokens import Token

THROUGH = {"through", "via"}


def spoken_through(cue: Token) -> Token | None:
    """The named person a cue verb speaks through ("said through its spokesman, X"), else None."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in THROUGH:
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            if noun.ent_type_ == "PERSON":  # "through spokeswoman Li Wenjing"
                return noun
            named = next((a for a in noun.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"), None)
            if named is not None:  # "through its spokesman, Anton Belov,"
                return named
    return None
