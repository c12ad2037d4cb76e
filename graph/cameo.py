"""CAMEO event codes for statements, where stance and topic make the code plain.

CAMEO (Conflict and Mediation Event Observations) is the coding scheme of GDELT and ICEWS; giving
statements a code lets the graph be compared with those datasets. Only codes that follow from what
extraction knows are given — a statement without a clear code gets none rather than a guess.
"""
from __future__ import annotations

from collections.abc import Iterable

MILITARY_AID = frozenset({"weapons_supply", "tomahawk", "taurus", "atacms", "long_range_missiles", "air_defense",
                          "drones"})
DE_ESCALATION = frozenset({"ceasefire", "escalation", "energy_strikes"})
MEETING = frozenset({"summit"})
NEGOTIATION = frozenset({"peace_deal", "summit", "ceasefire"})

CAMEO_LABELS = {
    "0232": "Appeal for military aid",
    "1056": "Demand de-escalation of military engagement",
    "036": "Express intent to meet or negotiate",
    "111": "Criticize or denounce",
    "125": "Reject proposal to meet, discuss, or negotiate",
    "120": "Reject, not specified below",
    "130": "Threaten, not specified below",
}


def cameo_code(stance: str, topics: Iterable[str]) -> str | None:
    """The CAMEO code of a statement with this stance on these topics, or None when none fits plainly."""
    keys = set(topics)
    if stance == "requests" and keys & MILITARY_AID:
        return "0232"
    if stance in ("requests", "supports") and keys & DE_ESCALATION:
        return "1056"
    if stance in ("requests", "supports") and keys & MEETING:
        return "036"
    if stance == "opposes":
        return "111"
    if stance == "rejects":
        return "125" if keys & NEGOTIATION else "120"
    if stance == "warns":
        return "130"
    return None
