"""The SPARQL updates that keep derived data true to the documents: orphan actors and merges.
(Positions and shifts are computed in graph/summaries.py.)

They are plain SPARQL 1.1 Update text, so that Oxigraph and remote servers evaluate them natively and
in the same request (the same transaction) as the document write they follow. Every pattern names
its graph (GRAPH ?g), so they do not depend on a server treating its default graph as the union.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from rdflib import Literal, URIRef

from diplograph.ontology.terms import BASE, GRAPH

from .queries import term
from .summaries import POSITION_BASE, POSITIONS_GRAPH  # noqa: F401 - where they used to be defined

ACTORS = GRAPH["actors"]
MERGE_BASE = BASE + "merge/"

def forget_orphans(removed_docs: Sequence[URIRef]) -> list[str]:
    """Updates run after documents are removed: actors found in text that no document names any more
    are deleted; an actor still named elsewhere is re-attributed to a remaining document."""
    actors = term(ACTORS)
    updates = [
        f"DELETE WHERE {{ GRAPH {actors} {{ ?a dg:firstSeenIn {term(doc)} }} }}" for doc in removed_docs
    ]
    updates.append(f"""DELETE {{ GRAPH {actors} {{ ?a ?p ?o }} }}
WHERE {{ GRAPH {actors} {{ ?a dg:known false ; ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?doc dg:mentions ?a }} }}
  FILTER NOT EXISTS {{ GRAPH {actors} {{ ?a dg:mergedInto ?kept }} }}
  FILTER NOT EXISTS {{ GRAPH {actors} {{ ?other dg:mergedInto ?a }} }} }}""")
    updates.append(f"""INSERT {{ GRAPH {actors} {{ ?a dg:firstSeenIn ?d }} }}
WHERE {{
  {{ SELECT ?a (MIN(STR(?doc)) AS ?first) WHERE {{
      GRAPH {actors} {{ ?a dg:known false }}
      FILTER NOT EXISTS {{ GRAPH {actors} {{ ?a dg:firstSeenIn ?any }} }}
      GRAPH ?g {{ ?doc dg:mentions ?a }}
  }} GROUP BY ?a }}
  BIND(IRI(?first) AS ?d)
}}""")
    return updates


def merge_actors(keep: URIRef, drop: URIRef, *, drop_label: str, when: datetime | None = None) -> list[str]:
    """Updates that make `drop` the same actor as `keep` everywhere, and record the merge.

    Statements, events and facts of every document now name `keep`; `drop`'s names become aliases
    of `keep`; `drop dg:mergedInto keep` stays in the actors graph so that documents ingested later
    are mapped too, and a dg:ActorMerge activity records who was merged into whom, and when.
    """
    k, d, actors = term(keep), term(drop), term(ACTORS)
    stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    merge = URIRef(MERGE_BASE + f"{drop.rsplit('/', 1)[-1]}--{keep.rsplit('/', 1)[-1]}--{stamp}".replace(":", ""))
    return [
        f"DELETE {{ GRAPH ?g {{ ?s ?p {d} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {k} }} }} "
        f"WHERE {{ GRAPH ?g {{ ?s ?p {d} }} FILTER(?g != {actors}) }}",
        f"DELETE {{ GRAPH ?g {{ {d} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {k} ?p ?o }} }} "
        f"WHERE {{ GRAPH ?g {{ {d} ?p ?o }} FILTER(?g != {actors}) }}",
        f"INSERT {{ GRAPH {actors} {{ {k} skos:altLabel ?l }} }} WHERE {{ GRAPH {actors} "
        f"{{ {d} skos:prefLabel|skos:altLabel ?l }} FILTER NOT EXISTS {{ GRAPH {actors} {{ {k} skos:prefLabel ?l }} }} }}",
        f"INSERT {{ GRAPH {actors} {{ {k} skos:hiddenLabel ?l }} }} WHERE {{ GRAPH {actors} {{ {d} skos:hiddenLabel ?l }} }}",
        f"INSERT {{ GRAPH {actors} {{ {k} owl:sameAs ?w }} }} WHERE {{ GRAPH {actors} {{ {d} owl:sameAs ?w }} }}",
        f"DELETE {{ GRAPH {actors} {{ ?s ?p {d} }} }} INSERT {{ GRAPH {actors} {{ ?s ?p {k} }} }} "
        f"WHERE {{ GRAPH {actors} {{ ?s ?p {d} }} FILTER(?p != dg:kept && ?p != dg:merged) }}",
        f"DELETE WHERE {{ GRAPH {actors} {{ {d} ?p ?o }} }}",
        f"""INSERT DATA {{ GRAPH {actors} {{
  {d} dg:mergedInto {k} .
  {term(merge)} a dg:ActorMerge , prov:Activity ; dg:kept {k} ; dg:merged {d} ;
      dg:mergedLabel {term(Literal(drop_label))} ;
      prov:endedAtTime {term(Literal(stamp, datatype=URIRef("http://www.w3.org/2001/XMLSchema#dateTime")))} }} }}""",
    ]


MERGED = """\
PREFIX dg: <https://w3id.org/diplograph/ontology#>
SELECT ?drop ?keep WHERE { GRAPH <https://w3id.org/diplograph/graph/actors> { ?drop dg:mergedInto ?keep } }
"""
