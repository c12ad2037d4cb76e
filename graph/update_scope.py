"""Which graphs a SPARQL update will write, found before it is applied, so the index re-reads only those.

A SPARQL update sent to /sparql bypasses the store's write path; the statements index and the kept
network must then catch up. The update is read with rdflib's SPARQL Update parser and algebra (the same
SPARQL 1.1 Update Oxigraph applies), not a hand-written one, and each operation gives the graphs it can
change:

- graphs its text names: INSERT DATA / DELETE DATA, templates with GRAPH <iri> or WITH <iri>, CLEAR/
  DROP GRAPH <iri>, ADD/MOVE/COPY; CREATE changes no triple;
- a graph variable of a template (`DELETE { GRAPH ?g {…} } WHERE { GRAPH ?g { P } }`, `DELETE WHERE
  { GRAPH ?g {…} }`): the graphs in which the triple patterns P must match (its required part:
  OPTIONAL, UNION, MINUS, FILTER and paths are left out, which can only add graphs), looked up in the
  store before the update (`graphs_touched`), within the USING NAMED graphs when there are some. The
  candidates depend only on each graph's own content, so an earlier operation of the same request
  cannot make a later one match elsewhere without having written that graph itself: the union over
  the operations is complete, and nothing need be evaluated between two of them;
- the default graph (DEFAULT): from INSERT templates and data always; from DELETE ones only while it
  holds something (diplograph writes nothing there, so deleting from it changes nothing).

None means the scope cannot be known: CLEAR/DROP ALL or NAMED, LOAD, a graph variable bound otherwise
than by GRAPH ?g (BIND, VALUES, a triple pattern), a GRAPH ?g with no required triple pattern, or text
rdflib cannot parse. Then anything may have changed, and the index is rebuilt whole.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from rdflib import BNode, Literal, URIRef, Variable

DEFAULT = ""  # the default graph, among graph IRIs
# (graph variable, required triple patterns, named graphs to look in or None for all) -> the graphs they match in
Matcher = Callable[[str, Sequence[str] | None], set[str]]


class Unknown(Exception):
    """The update's scope cannot be told from its text and the store."""


def graphs_written(text: str, *, base: str | None = None) -> set[str] | None:
    """The graphs the update can change, told from its text alone; None when it uses a graph variable
    or cannot be told (see the module's docstring)."""
    return graphs_touched(text, None, base=base)


def graphs_touched(text: str, native: Any, *, base: str | None = None) -> set[str] | None:
    """The graphs (IRIs; DEFAULT for the default graph) the update will change when applied to the
    pyoxigraph store `native` as it is now, or None when that cannot be known. Call it holding the
    store's writer lock, right before the update, so that nothing changes in between."""
    operations = parsed(text, base)
    if operations is None:
        return None
    matcher = None if native is None else _matcher(native)
    holds_default = None if native is None else (lambda: _holds_default(native))
    written: set[str] = set()
    try:
        for operation in operations:
            written |= operation_graphs(operation, matcher, holds_default, written)
    except Exception:  # noqa: BLE001 - Unknown, or a lookup Oxigraph refused: anything may have changed
        return None
    return written


def parsed(text: str, base: str | None) -> list[Any] | None:
    """The update's operations in rdflib's algebra (diplograph's prefixes declared where the text does
    not), or None when rdflib cannot read it."""
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        return list(translateUpdate(parseUpdate(missing_prefixes(text) + text), base=base).algebra)
    except Exception:  # noqa: BLE001 - rdflib's parser raises many kinds; then anything may have changed
        return None


def missing_prefixes(text: str) -> str:
    """PREFIX lines for diplograph's prefixes the update does not declare itself (the store applies
    updates with them declared). Written into the text rather than passed as rdflib's initNs: rdflib
    re-applies initNs before every operation of a request, which would override a user's own prefix
    from the second on."""
    import re

    from .queries import NAMESPACES

    declared = re.findall(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", text, re.IGNORECASE)
    prefixes = {prefix for prefix, _ in declared}
    namespaces = {namespace for _, namespace in declared}
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in NAMESPACES.items()
                   if prefix not in prefixes and namespace not in namespaces)


def operation_graphs(operation: Any, matcher: Matcher | None, holds_default: Callable[[], bool] | None,
                     earlier: set[str]) -> set[str]:
    """The graphs one operation can change (Unknown when it cannot be told); `earlier`: what the
    operations before it in the request write."""
    name = operation.name
    if name in ("InsertData", "DeleteData", "DeleteWhere"):
        deleting = name != "InsertData"
        where = _pattern_of(operation) if name == "DeleteWhere" else None
        return _template_graphs(operation, None, where, None, matcher,
                                deleting=deleting, default_matters=_default_matters(deleting, holds_default, earlier))
    if name == "Modify":
        with_graph = _part(operation, "withClause")
        named = _using_named(_part(operation, "using"))
        where = _part(operation, "where")
        found: set[str] = set()
        for key in ("delete", "insert"):
            clause = _part(operation, key)
            if clause is not None:
                deleting = key == "delete"
                found |= _template_graphs(clause, with_graph, where, named, matcher, deleting=deleting,
                                          default_matters=_default_matters(deleting, holds_default, earlier))
        return found
    if name in ("Clear", "Drop"):
        graph = _part(operation, "graphiri")
        if graph == "DEFAULT" and not _default_matters(True, holds_default, earlier):
            return set()  # emptying the empty default graph
        return _graph_operand(graph)
    if name == "Create":
        return set()
    if name in ("Add", "Copy"):
        return _graph_operand(operation["graph"][1])
    if name == "Move":
        source, target = operation["graph"]
        return _graph_operand(source) | _graph_operand(target)
    raise Unknown(name)  # LOAD, and anything else unknown


def _part(node: Any, key: str) -> Any:
    """A part of an rdflib CompValue, None when absent (its own `get` answers an absent key with the key)."""
    return node[key] if key in node else None


def _default_matters(deleting: bool, holds_default: Callable[[], bool] | None, earlier: set[str]) -> bool:
    """Whether a write into the default graph can change it: an insert always; a delete only when the
    graph holds something now or an earlier operation of the request wrote it."""
    if not deleting or holds_default is None or DEFAULT in earlier:
        return True
    return holds_default()


def _graph_operand(graph: Any) -> set[str]:
    if isinstance(graph, URIRef):
        return {str(graph)}
    if graph == "DEFAULT":
        return {DEFAULT}
    raise Unknown(str(graph))  # ALL, NAMED: every graph


def _template_graphs(clause: Any, with_graph: Any, where: Any, named: list[str] | None, matcher: Matcher | None, *,
                     deleting: bool, default_matters: bool) -> set[str]:
    """The graphs a quad template writes into: IRIs as named, graph variables as matched by the WHERE,
    triples outside GRAPH into WITH's graph or else the default graph."""
    graphs: set[str] = set()
    quads = _part(clause, "quads")
    for graph, triples in (quads.items() if isinstance(quads, dict) else ()):
        if not triples:
            continue
        if isinstance(graph, URIRef):
            graphs.add(str(graph))
        elif isinstance(graph, Variable) and matcher is not None and where is not None:
            graphs |= _variable_graphs(graph, where, named, matcher)
        else:
            raise Unknown(str(graph))
    if _part(clause, "triples"):
        if isinstance(with_graph, URIRef):
            graphs.add(str(with_graph))
        elif default_matters or not deleting:
            graphs.add(DEFAULT)
    return graphs


def _using_named(using: Any) -> list[str] | None:
    """The named graphs a WHERE may read: USING NAMED's; none when only USING is given; else all (None)."""
    if not using:
        return None
    return [str(clause["named"]) for clause in using if _part(clause, "named") is not None]


def _pattern_of(operation: Any) -> Any:
    """DELETE WHERE's pattern as WHERE algebra: a GRAPH block per graph of its quads."""
    from rdflib.plugins.sparql.parserutils import CompValue

    blocks = [CompValue("Graph", term=graph, p=CompValue("BGP", triples=list(triples)))
              for graph, triples in (_part(operation, "quads") or {}).items()]
    return CompValue("Join", parts=blocks)


def _variable_graphs(variable: Variable, where: Any, named: list[str] | None, matcher: Matcher) -> set[str]:
    """The graphs a template's graph variable can be bound to: for every GRAPH ?var block of the WHERE,
    the graphs its required triple patterns match in. Unknown when ?var is bound any other way."""
    blocks = list(_graph_blocks(where, variable))
    if _bound_elsewhere(where, variable):
        raise Unknown(f"{variable.n3()} is bound outside GRAPH {variable.n3()}")
    found: set[str] = set()
    for pattern in blocks:
        triples = list(_required_triples(pattern))
        if not triples:
            raise Unknown(f"GRAPH {variable.n3()} has no required triple pattern")
        found |= matcher(" ".join(f"{_n3(s)} {_n3(p)} {_n3(o)} ." for s, p, o in triples), named)
    return found


def _children(node: Any) -> Iterator[tuple[str | None, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("_vars", "PV"):
                yield key, value
    elif isinstance(node, (list, tuple, set, frozenset)):
        for value in node:
            yield None, value


def _graph_blocks(node: Any, variable: Variable) -> Iterator[Any]:
    """The patterns of every GRAPH ?variable block anywhere in the algebra."""
    if getattr(node, "name", None) == "Graph" and _part(node, "term") == variable:
        yield node["p"]
    for _, child in _children(node):
        yield from _graph_blocks(child, variable)


def _bound_elsewhere(node: Any, variable: Variable) -> bool:
    """Whether the variable occurs anywhere but as a GRAPH term or inside an expression (which binds nothing)."""
    for key, child in _children(node):
        if key == "term" and getattr(node, "name", None) == "Graph":
            continue
        if key == "expr" and getattr(node, "name", None) in ("Filter", "LeftJoin"):
            continue
        if child == variable and isinstance(child, Variable):
            return True
        if isinstance(child, dict) and any(k == variable for k in child if isinstance(k, Variable)):
            return True  # VALUES rows
        if _bound_elsewhere(child, variable):
            return True
    return False


def _required_triples(node: Any) -> Iterator[tuple[Any, Any, Any]]:
    """Triple patterns every solution of this pattern matches in its graph (plain predicates only)."""
    name = getattr(node, "name", None)
    if name == "BGP":
        for s, p, o in _part(node, "triples") or ():
            if all(isinstance(t, (URIRef, Literal, Variable, BNode)) for t in (s, p, o)):
                yield s, p, o
    elif name == "Join" and _part(node, "parts") is None:
        yield from _required_triples(node["p1"])
        yield from _required_triples(node["p2"])
    elif name in ("Filter", "Extend"):
        yield from _required_triples(node["p"])
    elif name in ("LeftJoin", "Minus"):
        yield from _required_triples(node["p1"])
    # UNION, VALUES, nested GRAPH, sub-selects, aggregates: nothing required that is known here


def _n3(term: Any) -> str:
    if isinstance(term, BNode):  # a blank node in a pattern is a variable
        return "?_b" + "".join(c if c.isalnum() else "_" for c in str(term))
    return term.n3()


def _matcher(native: Any) -> Matcher:
    """Graphs in which triple patterns match, looked up in the pyoxigraph store."""
    import pyoxigraph as ox

    def match(triples: str, named: Sequence[str] | None) -> set[str]:
        options: dict[str, Any] = {}
        if named is not None:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named]
        rows = native.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {triples} }} }}", **options)
        return {solution[0].value for solution in rows}

    return match


def _holds_default(native: Any) -> bool:
    return bool(native.query("ASK { ?s ?p ?o }"))


def graphs_of(quads: Iterable[Any]) -> set[str]:
    """The graphs (DEFAULT for the default graph) of pyoxigraph quads: what a write changed."""
    return {getattr(q.graph_name, "value", DEFAULT) for q in quads}
