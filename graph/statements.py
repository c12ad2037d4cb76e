"""Who said what: the statements lookup, its SPARQL and its paging.

A page of statements (`limit` given) is read in two queries: the first filters, sorts and cuts the
statements inside the document graphs, reading only their sort keys; the second reads every detail
of the page's statements. Sorting every matching statement with all its details (one query with
GROUP BY and ORDER BY before LIMIT) costs seconds on a million triples; the page costs milliseconds.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from diplograph.extract.records import KINDS, STANCES
from diplograph.ontology.terms import STANCE, TOPIC

from .errors import QueryError
from .queries import PREFIXES, term, values
from .results import StatementRow, statement_row

if TYPE_CHECKING:
    from .store import GraphStore

# Statements, one row each; multi-valued topics and addressees folded into tab-separated strings
# (COALESCE: rdflib's GROUP_CONCAT(DISTINCT …) fails on unbound values).
_STATEMENTS = PREFIXES + """\
SELECT ?st ?doc ?name ?title ?published ?url ?speaker ?speakerName ?mention ?kind ?quote ?cue
       ?stance ?sentence ?start ?end ?confidence ?date
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?topic), ""); separator="\\t") AS ?topics)
       (GROUP_CONCAT(DISTINCT COALESCE(?addresseeName, ""); separator="\\t") AS ?addressees)
WHERE {
  %(values)s
  ?st a dg:Statement ;
      dg:inDocument ?doc ;
      dg:speaker ?speaker ;
      dg:kind ?kind ;
      dg:quote ?quote ;
      dg:start ?start ;
      dg:end ?end .
  %(filters)s
  OPTIONAL { ?st dg:stance ?stance }
  OPTIONAL { ?st dg:cue ?cue }
  OPTIONAL { ?st dg:sentence ?sentence }
  OPTIONAL { ?st dg:confidence ?confidence }
  OPTIONAL { ?st dg:speakerMention ?mention }
  OPTIONAL { ?doc schema:name ?name }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc schema:datePublished ?published }
  OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?speaker skos:prefLabel ?speakerName }
  OPTIONAL { ?st dg:date ?said }
  BIND(COALESCE(STR(?said), STR(?published), "") AS ?date)  # when it was said, else the article's date
  OPTIONAL { ?st dg:about|dg:contrasts ?topic }  # a contrasted topic is still what the words name
  OPTIONAL {
    ?st dg:addressee ?addressee .
    OPTIONAL { ?addressee skos:prefLabel ?addresseeLabel }
    BIND(COALESCE(?addresseeLabel, REPLACE(STR(?addressee), "^.*/", "")) AS ?addresseeName)
  }
}
GROUP BY ?st ?doc ?name ?title ?published ?url ?speaker ?speakerName ?mention ?kind ?quote ?cue
         ?stance ?sentence ?start ?end ?confidence ?date
ORDER BY %(order)s
"""

# Sort orders of the statements query (a leading - means newest/highest first).
STATEMENT_ORDERS = {
    "doc": "?name ?doc ?start ?end ?st",
    "date": "?date ?name ?start ?end ?st",
    "-date": "DESC(?date) ?name ?start ?end ?st",
    "speaker": "?speakerName ?name ?start ?end ?st",
    "confidence": "?confidence ?name ?start ?end ?st",
    "-confidence": "DESC(?confidence) ?name ?start ?end ?st",
}

def _statement_filters(
    *, speakers: Sequence[URIRef] | None, topic: URIRef | None, stance: URIRef | None, kind: str | None,
    docs: Sequence[URIRef] | None, date_from: str | None, date_to: str | None, text: str | None,
) -> tuple[list[str], list[str]]:
    """The VALUES blocks and the filters of a statements query; None means no filter on that field.
    A topic filter keeps statements about the topic or any narrower one (skos:broader*)."""
    blocks: list[str] = []
    if speakers is not None:
        blocks.append(values("speaker", speakers))
    if stance is not None:
        blocks.append(values("stance", [stance]))
    if kind is not None:
        blocks.append(values("kind", [Literal(kind)]))
    if docs is not None:
        blocks.append(values("doc", docs))
    filters: list[str] = []
    if stance is not None:  # required here: the OPTIONAL below would keep a row whose stance differs
        filters.append("?st dg:stance ?stance .")
    if topic is not None:
        filters.append("FILTER EXISTS { ?st dg:about|dg:contrasts ?anyTopic . ?anyTopic skos:broader* %s }"
                       % term(topic))
    for bound, test in ((date_from, ">="), (date_to, "<=")):
        if bound is not None:  # the statement's own date, else its article's; an undated one never matches
            filters.append("FILTER EXISTS { OPTIONAL { ?st dg:date ?saidOn } OPTIONAL { ?doc schema:datePublished ?out } "
                           "FILTER(COALESCE(STR(?saidOn), STR(?out), \"\") != \"\" && "
                           "COALESCE(STR(?saidOn), STR(?out), \"\") %s %s) }" % (test, term(Literal(bound))))
    if text:
        filters.append("FILTER EXISTS { ?st dg:quote|dg:sentence ?words "
                       "FILTER(CONTAINS(LCASE(STR(?words)), LCASE(%s))) }" % term(Literal(text)))
    return blocks, filters


def statements_query(
    *,
    speakers: Sequence[URIRef] | None = None,
    topic: URIRef | None = None,
    stance: URIRef | None = None,
    kind: str | None = None,
    docs: Sequence[URIRef] | None = None,
    limit: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    text: str | None = None,
    offset: int = 0,
    order: str = "doc",
    page: Sequence[URIRef] | None = None,
) -> str:
    """The statements query with the given filters and every detail of each statement; with `page`
    (statement IRIs from `statement_page_query`), the details of those statements only."""
    if order not in STATEMENT_ORDERS:
        raise QueryError(f"unknown order {order!r}: expected one of {', '.join(STATEMENT_ORDERS)}")
    if page is not None:
        blocks, filters = [values("st", page)], []
    else:
        blocks, filters = _statement_filters(speakers=speakers, topic=topic, stance=stance, kind=kind, docs=docs,
                                             date_from=date_from, date_to=date_to, text=text)
    query = _STATEMENTS % {"values": "\n  ".join(blocks), "filters": "\n  ".join(filters),
                           "order": STATEMENT_ORDERS[order]}
    if limit is not None and page is None:
        query += f"LIMIT {int(limit)}\n"
    if offset and page is None:
        query += f"OFFSET {int(offset)}\n"
    return query


# Phase one of a page of statements: only the statements and their sort keys, filtered, sorted and cut
# to the page inside the document graphs (GRAPH ?g: no union of graphs to deduplicate); the details
# of the page's statements are read by a second query (`statements_query(page=...)`).
_STATEMENT_PAGE = PREFIXES + """\
SELECT DISTINCT ?st %(keys)s WHERE {
  %(values)s
  GRAPH ?g {
    %(topic)s
    ?st a dg:Statement ; dg:inDocument ?doc ; dg:start ?start ; dg:end ?end .
    %(needed)s
    %(filters)s
  }
  %(key_patterns)s
}
ORDER BY %(order)s
"""
# Sort keys read outside the GRAPH block: inside it, Oxigraph would read them for every document first.
_KEY_PATTERNS = {
    "?name": "OPTIONAL { GRAPH ?g { ?doc schema:name ?name } }",
    "?date": "OPTIONAL { GRAPH ?g { ?st dg:date ?said } } OPTIONAL { GRAPH ?g { ?doc schema:datePublished ?published } } "
             "BIND(COALESCE(STR(?said), STR(?published), \"\") AS ?date)",
    "?confidence": "OPTIONAL { GRAPH ?g { ?st dg:confidence ?confidence } }",
    "?speakerName": "OPTIONAL { GRAPH <https://w3id.org/diplograph/graph/actors> { ?speaker skos:prefLabel ?speakerName } }",
}


def statement_page_query(
    *,
    speakers: Sequence[URIRef] | None = None,
    topics: Sequence[URIRef] | None = None,
    stance: URIRef | None = None,
    kind: str | None = None,
    docs: Sequence[URIRef] | None = None,
    limit: int,
    date_from: str | None = None,
    date_to: str | None = None,
    text: str | None = None,
    offset: int = 0,
    order: str = "doc",
) -> str:
    """The IRIs of one page of statements, in `order`; `topics` = a topic and all its narrower ones."""
    if order not in STATEMENT_ORDERS:
        raise QueryError(f"unknown order {order!r}: expected one of {', '.join(STATEMENT_ORDERS)}")
    blocks, filters = _statement_filters(speakers=speakers, topic=None, stance=stance, kind=kind, docs=docs,
                                         date_from=date_from, date_to=date_to, text=text)
    topic = ""
    if topics is not None:  # the topic and its narrower ones, resolved beforehand (`topic_family_query`)
        blocks.append(values("anyTopic", topics))
        topic = "?st dg:about|dg:contrasts ?anyTopic ."
    keys = [k for k in re.findall(r"\?\w+", STATEMENT_ORDERS[order]) if k != "?st"]
    # Only the patterns a filter or the sort needs: every statement has a speaker, kind and quote
    # (shapes.ttl), so the page loses nothing by not reading them.
    needed = []
    if speakers is not None or "?speakerName" in keys:
        needed.append("?st dg:speaker ?speaker .")
    if kind is not None:
        needed.append("?st dg:kind ?kind .")
    query = _STATEMENT_PAGE % {"values": "\n  ".join(blocks), "filters": "\n    ".join(filters), "topic": topic,
                               "needed": " ".join(needed), "keys": " ".join(dict.fromkeys(keys)),
                               "key_patterns": "\n  ".join(_KEY_PATTERNS[k] for k in dict.fromkeys(keys)
                                                           if k in _KEY_PATTERNS),
                               "order": STATEMENT_ORDERS[order]}
    query += f"LIMIT {int(limit)}\n"
    if offset:
        query += f"OFFSET {int(offset)}\n"
    return query


_TOPIC_FAMILY = PREFIXES + """\
SELECT DISTINCT ?t WHERE { GRAPH <https://w3id.org/diplograph/graph/ontology> { ?t skos:broader+ %s } }
"""


def topic_family_query(topic: URIRef) -> str:
    """The topics narrower than `topic`, at any depth."""
    return _TOPIC_FAMILY % term(topic)


def check_filters(*, stance: str | None, kind: str | None, limit: int | None, offset: int, date_from: str | None,
                  date_to: str | None, order: str) -> None:
    """QueryError with the values accepted, for a filter no lookup can read (both lookups call it)."""
    if stance is not None and stance not in STANCES:
        raise QueryError(f"unknown stance {stance!r}: expected one of {', '.join(STANCES)}")
    if kind is not None and kind not in KINDS:
        raise QueryError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a non-negative integer, not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset must be a non-negative integer, not {offset!r}")
    if order not in STATEMENT_ORDERS:
        raise QueryError(f"unknown order {order!r}: expected one of {', '.join(STATEMENT_ORDERS)}")
    for name, value in (("date_from", date_from), ("date_to", date_to)):
        if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise QueryError(f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}")


def find_statements(
    store: GraphStore,
    *,
    speaker: str | None = None,
    topic: str | None = None,
    stance: str | None = None,
    kind: str | None = None,
    doc: str | None = None,
    limit: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    text: str | None = None,
    offset: int = 0,
    order: str = "doc",
) -> list[StatementRow]:
    """The statements lookup in SPARQL (a remote store's, and the index's reference): the filters checked,
    names resolved, then one query or a page in two."""
    check_filters(stance=stance, kind=kind, limit=limit, offset=offset, date_from=date_from, date_to=date_to,
                  order=order)
    topic_key = topic_iri(topic) if topic is not None else None
    speakers = store.resolve_actors(speaker) if speaker is not None else None
    docs = store._resolve_documents(doc) if doc is not None else None
    if speakers == [] or docs == []:
        return []  # an unknown speaker or document: nothing to match
    filters: dict[str, Any] = dict(speakers=speakers, stance=STANCE[stance] if stance is not None else None,
                                   kind=kind, docs=docs, date_from=date_from, date_to=date_to, text=text,
                                   order=order)
    if limit is None:  # everything: one query
        sparql = statements_query(topic=topic_key, offset=offset, **filters)
    else:  # a page: its statements first (cheap sort keys only), then their details
        family = store._topic_family(topic_key) if topic_key is not None else None
        page = list(dict.fromkeys(row[0] for row in store._select(
            statement_page_query(topics=family, limit=limit, offset=offset, **filters))))
        if not page:
            return []
        # The page's order is the page query's: a server may order the grouped details query otherwise
        # (Virtuoso 7 does, for equal-looking names), so the rows are put back in the page's order here.
        rank = {str(iri): position for position, iri in enumerate(page)}
        rows = [statement_row(row) for row in store._select(statements_query(page=page, order=order))]
        return sorted(rows, key=lambda row: rank.get(row.iri, len(rank)))
    return [statement_row(row) for row in store._select(sparql)]


def topic_iri(topic: str) -> URIRef:
    """A topic key or topic IRI as the topic's IRI; QueryError when it is neither."""
    text = topic.strip()
    if text.startswith(str(TOPIC)):
        return URIRef(text)
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise QueryError(f"not a topic key: {topic!r} (topic keys look like 'ceasefire' or 'air_defense')")
    return TOPIC[text]


def statements_by_iri(store: GraphStore, iris: Sequence[str]) -> list[StatementRow]:
    """The statements with these IRIs (evidence of a position or an edge), in document order;
    IRIs that name no statement (events, facts) are skipped."""
    wanted = [URIRef(iri) for iri in dict.fromkeys(iris) if iri]
    if not wanted:
        return []
    return [statement_row(row) for row in store._select(statements_query(page=wanted, order="doc"))]
