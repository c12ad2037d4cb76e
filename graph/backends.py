"""Where the quads live: an rdflib memory Dataset, an on-disk Oxigraph store, or a remote SPARQL 1.1 server.

Every backend answers the same four calls, so GraphStore never needs to know which one it holds:
`query` (SPARQL over the union of all named graphs), `write` (drop graphs, delete and insert quads
and run follow-up SPARQL updates as ONE unit, so a document is either fully stored or not at all),
`update` (a SPARQL update) and `quads` (everything, for exports and validation).
Remote servers receive one SPARQL Update request per write (batched INSERT DATA), which they apply
in one transaction; the embedded Oxigraph store (graph/oxigraph.py) takes quads in bulk and evaluates
queries natively (in Rust), not with rdflib's evaluator.
"""
from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.term import Node

from .errors import QueryError, StoreError
from .rows import plain_rows

Quad = tuple[Node, Node, Node, URIRef]
PREFIX_LINES = "".join(
    f"PREFIX {p}: <{n}>\n" for p, n in (
        ("dg", "https://w3id.org/diplograph/ontology#"), ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("schema", "https://schema.org/"), ("prov", "http://www.w3.org/ns/prov#"),
        ("owl", "http://www.w3.org/2002/07/owl#"), ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("dcterms", "http://purl.org/dc/terms/"),
    )
)


def update_text(drop_graphs: Sequence[URIRef], delete: Sequence[Quad], insert: Sequence[Quad],
                updates: Sequence[str]) -> str:
    """One SPARQL Update request doing all of it, in order; servers apply a request atomically."""
    parts = [f"DROP SILENT GRAPH {g.n3()}" for g in drop_graphs]
    if delete:
        parts.append("DELETE DATA {\n" + _quad_block(delete) + "}")
    if insert:
        parts.append("INSERT DATA {\n" + _quad_block(insert) + "}")
    parts.extend(u.strip() for u in updates if u.strip())
    return PREFIX_LINES + " ;\n".join(parts)


def _quad_block(quads: Iterable[Quad]) -> str:
    by_graph: dict[URIRef, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(g, []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    return "".join(f"GRAPH {g.n3()} {{\n" + "\n".join(lines) + "\n}\n" for g, lines in by_graph.items())


class MemoryBackend:
    """An rdflib Dataset in this process: for tests and throw-away graphs."""

    typed_strings = False
    needs_read_lock = True  # rdflib's memory store is not safe to read while another thread writes

    def __init__(self) -> None:
        self.uri = "memory"
        self.dataset = Dataset(default_union=True)

    def query(self, sparql: str) -> Result:
        return self.dataset.query(sparql)

    def select(self, sparql: str) -> list[Any]:
        return list(self.dataset.query(sparql))

    def update(self, sparql: str) -> None:
        self.dataset.update(sparql)

    def write(self, *, drop_graphs: Sequence[URIRef] = (), delete: Sequence[Quad] = (),
              insert: Sequence[Quad] = (), updates: Sequence[str] = ()) -> None:
        store = self.dataset.store
        for graph in drop_graphs:
            self.dataset.remove_graph(Graph(store=store, identifier=graph))
        for s, p, o, g in delete:
            store.remove((s, p, o), Graph(store=store, identifier=g))
        graphs: dict[URIRef, Graph] = {}
        store.addN((s, p, o, graphs.setdefault(g, Graph(store=store, identifier=g))) for s, p, o, g in insert)
        for sparql in updates:
            if sparql.strip():
                self.dataset.update(PREFIX_LINES + sparql)

    def graph_sizes(self, graphs: Sequence[URIRef] | None = None) -> dict[str, int]:
        """Quads per named graph (rdflib's store counts them faster than its SPARQL engine)."""
        wanted = None if graphs is None else {str(g) for g in graphs}
        sizes = {str(c.identifier): len(c) for c in self.dataset.graphs()
                 if c.identifier != DATASET_DEFAULT_GRAPH_ID and (wanted is None or str(c.identifier) in wanted)}
        return {g: n for g, n in sizes.items() if n}

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            graph = g.identifier if isinstance(g, Graph) else g
            yield s, p, o, (graph if graph is not None else DATASET_DEFAULT_GRAPH_ID)

    def close(self) -> None:
        self.dataset.close()


class RemoteBackend:
    """A SPARQL 1.1 server reached over HTTP (Oxigraph server, Fuseki, Virtuoso, QLever, GraphDB, …).

    Queries are sent as they are: the server must use the union of its named graphs as the default
    graph (`oxigraph serve --union-default-graph`, Fuseki's `unionDefaultGraph`). Every write is one
    update request, which the server applies atomically.
    """

    typed_strings = True
    needs_read_lock = False

    def __init__(self, endpoints: str, *, timeout: float = 60.0) -> None:
        query_url, _, update_url = endpoints.partition(";")
        query_url, update_url = query_url.strip(), (update_url.strip() or query_url.strip())
        for url in (query_url, update_url):
            if not url.startswith(("http://", "https://")):
                raise StoreError(f"sparql: needs http(s) URLs, e.g. sparql:http://host/query;http://host/update "
                                 f"(got {url!r})")
        self.uri = f"sparql:{endpoints}"
        self.query_url, self.update_url, self.timeout = query_url, update_url, timeout

    @property
    def dataset(self) -> Dataset:
        raise StoreError(f"{self.uri} is a remote store: it has no local dataset")

    def query(self, sparql: str) -> Result:
        # The prefixes local stores bind (dg:, actor:, …) are declared here, so hand-written queries
        # work alike on every store; a query's own PREFIX lines come after and take precedence.
        from .queries import NAMESPACES

        declared = "".join(f"PREFIX {p}: <{n}>\n" for p, n in NAMESPACES.items())
        body = urllib.parse.urlencode({"query": declared + sparql}).encode("utf-8")
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        data, content_type = self._post(self.query_url, body, "application/x-www-form-urlencoded", accept)
        if "n-triples" in content_type or "turtle" in content_type:
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=data, format="nt" if "n-triples" in content_type else "turtle")
            return result
        return _ask_answer(Result.parse(io.BytesIO(data), format="json"))

    def select(self, sparql: str) -> list[Any]:
        return plain_rows(self.query(sparql))

    def update(self, sparql: str) -> None:
        text = sparql if sparql.lstrip().upper().startswith("PREFIX") else PREFIX_LINES + sparql
        self._post(self.update_url, text.encode("utf-8"), "application/sparql-update; charset=utf-8", "*/*")

    def write(self, *, drop_graphs: Sequence[URIRef] = (), delete: Sequence[Quad] = (),
              insert: Sequence[Quad] = (), updates: Sequence[str] = ()) -> None:
        self.update(update_text(drop_graphs, delete, insert, updates))

    def quads(self) -> Iterator[Quad]:
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in result:
            yield row[0], row[1], row[2], URIRef(row[3])

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            message = error.read().decode("utf-8", "replace")[:500].strip()
            if error.code == 400:
                raise QueryError(f"the SPARQL server refused the request: {message}") from error
            raise StoreError(f"the SPARQL server at {url} answered {error.code}: {message}") from error
        except (urllib.error.URLError, OSError) as error:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {error}") from error


def _ask_answer(result: Result) -> Result:
    """Virtuoso 7 answers ASK with a one-cell table (`__ASK_RETVAL` = 1 or 0) instead of a boolean:
    turned back into the ASK result the other servers give."""
    if result.type != "SELECT" or [str(v) for v in result.vars or ()] != ["__ASK_RETVAL"]:
        return result
    answer = Result("ASK")
    answer.askAnswer = any(str(row[0]) not in ("0", "false") for row in result)
    return answer


def open_backend(uri: str) -> Any:
    """The backend a store URI names: memory | oxigraph:PATH | sparql:QUERY_URL[;UPDATE_URL]."""
    text = (uri or "").strip()
    if text == "memory":
        return MemoryBackend()
    if text.startswith("oxigraph:"):
        from .oxigraph import OxigraphBackend

        return OxigraphBackend(text[len("oxigraph:"):])
    if text.startswith("sparql:"):
        return RemoteBackend(text[len("sparql:"):])
    raise StoreError(
        f"unknown store URI {uri!r}: use 'memory' or 'oxigraph:PATH' (e.g. oxigraph:./data/graph) "
        "or 'sparql:QUERY_URL[;UPDATE_URL]'"
    )


__all__ = ["MemoryBackend", "RemoteBackend", "open_backend", "update_text"]
