"""The SPARQL updates that keep derived data true to the documents: positions, orphan actors, merges.

They are plain SPARQL 1.1 Update text, so that Oxigraph and remote servers evaluate them natively and
in the same request (the same transaction) as the document write they follow. Every pattern names
its graph (GRAPH ?g), so they do not depend on a server treating its default graph as the union.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from rdflib import Literal, URIRef

from diplograph.ontology.terms import BASE, GRAPH

from .queries import term, values

POSITIONS_GRAPH = GRAPH["positions"]
ACTORS = GRAPH["actors"]
POSITION_BASE = BASE + "position/"
MERGE_BASE = BASE + "merge/"

# Evidence of a position: an actor's own statement (reporter = the actor), or a claim another
# speaker made about the actor's position (reporter = the claimant). Claims stay apart: their
# positions carry dg:claimed true and a different reporter, so they never count as the holder's words.
def _evidence(scope: str = "") -> str:
    """The evidence pattern, `scope` (a VALUES block) repeated inside each branch so that the store
    can start each branch from it rather than join the whole union with it afterwards. The date's
    OPTIONAL sits outside the GRAPH block: inside it, Oxigraph reads every document's date first."""
    return f"""\
    {{ {scope}
      GRAPH ?g {{ ?st a dg:Statement ; dg:speaker ?h ; dg:about ?t ; dg:stance ?s ; dg:inDocument ?d }}
      OPTIONAL {{ GRAPH ?g {{ ?d schema:datePublished ?date }} }}
      BIND(?h AS ?r)
    }} UNION {{ {scope}
      GRAPH ?g {{ ?c a dg:Claim ; dg:holder ?h ; dg:claimant ?r ; dg:about ?t ; dg:stance ?s ;
                    dg:partOf ?st ; dg:inDocument ?d }}
      OPTIONAL {{ GRAPH ?g {{ ?d schema:datePublished ?date }} }}
    }}"""


_POSITION_IRI = (
    'BIND(IRI(CONCAT("%s", MD5(CONCAT(STR(?h), " ", STR(?t), " ", STR(?s), " ", STR(?r))))) AS ?p)'
    % POSITION_BASE
)


# MIN and MAX over a group holding an undated statement give no date at all (Oxigraph), where the
# incremental add_positions keeps the dates it has: sentinels stand in for the missing dates, so a
# full refresh (remove, merge, repair) gives the same first and last dates as the adds did.
_NO_FIRST = '"9999-12-31"^^xsd:date'
_NO_LAST = '"0001-01-01"^^xsd:date'


def refresh_positions(holders: Sequence[URIRef] | None = None) -> list[str]:
    """Updates that rebuild the positions of `holders` (all positions when None) from the evidence."""
    scope = values("h", holders) if holders else ""
    positions = term(POSITIONS_GRAPH)
    if holders:
        clear = f"DELETE {{ GRAPH {positions} {{ ?p ?x ?y }} }} WHERE {{ {scope} GRAPH {positions} {{ ?p dg:holder ?h ; ?x ?y }} }}"
    else:
        clear = f"DROP SILENT GRAPH {positions}"
    summary = f"""INSERT {{ GRAPH {positions} {{
    ?p a dg:Position , prov:Entity ; dg:holder ?h ; dg:topic ?t ; dg:stance ?s ; dg:reporter ?r ;
       dg:claimed ?claimed ; dg:statementCount ?n ; dg:firstDate ?first ; dg:lastDate ?last }} }}
WHERE {{
  {{ SELECT ?h ?t ?s ?r (COUNT(DISTINCT ?st) AS ?n) (MIN(COALESCE(?date, {_NO_FIRST})) AS ?first0)
           (MAX(COALESCE(?date, {_NO_LAST})) AS ?last0)
    WHERE {{
{_evidence(scope)}
    }} GROUP BY ?h ?t ?s ?r }}
  {_POSITION_IRI}
  BIND(?h != ?r AS ?claimed)
  BIND(IF(?first0 != {_NO_FIRST}, ?first0, ?undated) AS ?first)
  BIND(IF(?last0 != {_NO_LAST}, ?last0, ?undated) AS ?last)
}}"""
    evidence = f"""INSERT {{ GRAPH {positions} {{ ?p dg:evidence ?st ; dg:reportedIn ?d }} }}
WHERE {{
{_evidence(scope)}
  {_POSITION_IRI}
}}"""
    return [clear, summary, evidence]


def add_positions(graphs: Sequence[URIRef]) -> list[str]:
    """Updates that fold the evidence of newly added document `graphs` into the positions: counts
    add up, first and last dates widen, evidence grows. Only the new graphs are read, so a write
    costs what it adds, not what the store holds (refresh_positions recounts everything after a
    removal or a merge, where counts go down)."""
    if not graphs:
        return []
    scope = values("g", graphs)
    positions = term(POSITIONS_GRAPH)
    summary = f"""DELETE {{ GRAPH {positions} {{ ?p dg:statementCount ?old ; dg:firstDate ?oldFirst ; dg:lastDate ?oldLast }} }}
INSERT {{ GRAPH {positions} {{
    ?p a dg:Position , prov:Entity ; dg:holder ?h ; dg:topic ?t ; dg:stance ?s ; dg:reporter ?r ;
       dg:claimed ?claimed ; dg:statementCount ?n ; dg:firstDate ?first ; dg:lastDate ?last }} }}
WHERE {{
  {{ SELECT ?h ?t ?s ?r (COUNT(DISTINCT ?st) AS ?added) (MIN(?date) AS ?newFirst) (MAX(?date) AS ?newLast)
    WHERE {{
{_evidence(scope)}
    }} GROUP BY ?h ?t ?s ?r }}
  {_POSITION_IRI}
  BIND(?h != ?r AS ?claimed)
  OPTIONAL {{ GRAPH {positions} {{ ?p dg:statementCount ?old }} }}
  OPTIONAL {{ GRAPH {positions} {{ ?p dg:firstDate ?oldFirst }} }}
  OPTIONAL {{ GRAPH {positions} {{ ?p dg:lastDate ?oldLast }} }}
  BIND(COALESCE(?old, 0) + ?added AS ?n)
  BIND(IF(!BOUND(?oldFirst), ?newFirst, IF(!BOUND(?newFirst) || STR(?oldFirst) < STR(?newFirst), ?oldFirst, ?newFirst)) AS ?first)
  BIND(IF(!BOUND(?oldLast), ?newLast, IF(!BOUND(?newLast) || STR(?oldLast) > STR(?newLast), ?oldLast, ?newLast)) AS ?last)
}}"""
    evidence = f"""INSERT {{ GRAPH {positions} {{ ?p dg:evidence ?st ; dg:reportedIn ?d }} }}
WHERE {{
{_evidence(scope)}
  {_POSITION_IRI}
}}"""
    return [summary, evidence]


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
