"""The diplograph namespaces, defined once for every layer."""
from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace

BASE = "https://w3id.org/diplograph/"
DG = Namespace(BASE + "ontology#")        # classes and properties
TOPIC = Namespace(BASE + "topic/")        # SKOS topic concepts: TOPIC[key]
STANCE = Namespace(BASE + "stance/")      # SKOS stance concepts: STANCE[label]
ACTOR = Namespace(BASE + "actor/")        # actors: ACTOR[slug]
DOC = Namespace(BASE + "doc/")            # documents: DOC[sha256 prefix]
STATEMENT = Namespace(BASE + "statement/")
EVENT = Namespace(BASE + "event/")
GRAPH = Namespace(BASE + "graph/")        # named graphs: GRAPH["ontology"], GRAPH["actors"], GRAPH["doc/<hash>"]
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


def slug(text: str) -> str:
    """A readable, stable IRI local name for a name ("Volodymyr Zelensky" → "volodymyr_zelensky")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "unnamed"


def actor_iri(name: str) -> str:
    """The IRI of an actor, known or new: derived from its canonical name so it is stable across documents."""
    return str(ACTOR[slug(name)])
