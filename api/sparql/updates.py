"""Run a SPARQL update against the store, after a worker has rehearsed it on its snapshot.

`checked_update` first hands the update to a SPARQL worker (engine.rehearse_update): there a parser
crash or an overrun under the time and memory limits costs the worker, never the server, and an
update that would change the ontology graph or delete from the actors graph is refused (those graphs
are diplograph's own: the ontology is rebuilt from ontology/*.ttl, the actors graph holds the
gazetteer and every actor found in text). Only an update that finished there is applied to the store.

Updates are only accepted with the API token; the route has already refused LOAD and SERVICE and
put the protocol's USING graphs into the text. Every local store evaluates updates with Oxigraph
(natively, or on a copy for the memory store), where USING and FROM only name stored graphs. rdflib
is also told never to load graphs from the web, for any query it evaluates in this process.
"""
from __future__ import annotations

from contextlib import nullcontext

from typing import Any

import pyoxigraph
import rdflib.plugins.sparql
from oxrdflib._converter import from_ox, to_ox
from rdflib import XSD, Dataset, Graph, Literal
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from diplograph.graph.queries import NAMESPACES
from diplograph.graph.store import GraphStore, syntax_message
from diplograph.graph.update_scope import graphs_of, graphs_touched, missing_prefixes

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False  # no server-side fetching, ever


class UpdateRefused(ValueError):
    """The update does not parse or cannot be applied; the message says why."""


def native_store(store: GraphStore) -> pyoxigraph.Store | None:
    """The pyoxigraph store under an `oxigraph:` GraphStore, else None."""
    native = getattr(store.backend, "native", None)
    return native if isinstance(native, pyoxigraph.Store) else None


def local_dataset(store: GraphStore):
    """The rdflib Dataset of a memory store; None for a remote one."""
    try:
        return store.dataset
    except Exception:  # a remote backend has no local dataset
        return None


def write_lock(store: GraphStore):
    """The store's own writer lock, so an update never interleaves with an ingest or a memory-store read."""
    return getattr(store, "_lock", None) or nullcontext()


def checked_update(engine: Any, store: GraphStore, text: str, *, base: str) -> None:
    """Rehearse `text` in a worker (QueryRefused, EngineError), then apply it to the store (UpdateRefused).

    Holding the store's writer lock throughout, nothing else writes between the rehearsal and the
    real update; afterwards the ontology is reloaded if it is missing anyway (a remote server
    written by others)."""
    from diplograph.ontology.terms import GRAPH

    with write_lock(store):
        engine.rehearse_update(text, base=base, frozen=[str(GRAPH["ontology"])], append_only=[str(GRAPH["actors"])])
        run_update(store, text, base=base)
        store.ensure_ontology()


def run_update(store: GraphStore, text: str, *, base: str) -> None:
    """Apply one update request (all its operations, all or nothing) to the store, and bring the
    statements index in step with it under the same writer lock: the graphs it will change are found
    in the store just before it is applied (graph/update_scope.py), or from what it changed on a memory
    store, and only their documents are re-read (see README "Statements index")."""
    native = native_store(store)
    with write_lock(store):
        touched: set[str] | None = set()  # a refused update changed nothing
        try:
            if native is not None:
                scope = graphs_touched(text, native, base=base)  # nothing can write between here and the update
                native.update(text, base_iri=base, prefixes=NAMESPACES)  # one transaction
                touched = scope
            elif (dataset := local_dataset(store)) is not None:
                touched = None  # should writing it back fail half-way
                touched = update_memory_dataset(dataset, text, base=base)
            else:
                store.backend.update(missing_prefixes(text) + text)  # a remote server applies it (no index)
        except SyntaxError as error:
            raise UpdateRefused(f"SPARQL syntax error: {syntax_message(str(error))}") from error
        except (OSError, ValueError) as error:
            raise UpdateRefused(f"SPARQL update failed: {error}") from error
        finally:
            store.changed(behind_its_back=True, touched=touched)


def update_memory_dataset(dataset: Dataset, text: str, *, base: str) -> set[str]:
    """Evaluate the update with Oxigraph on a copy of an rdflib Dataset, then write the difference
    back; returns the graphs it changed (graph/update_scope.DEFAULT for the default graph).

    rdflib's own update evaluator would do for simple updates, but it does not restrict GRAPH ?g to
    the USING NAMED graphs (two W3C protocol cases fail) and it dereferences USING IRIs unless told
    not to. Going through Oxigraph gives the memory store the same semantics as the default store;
    memory stores are small, so the copy is cheap.
    """
    originals: dict[pyoxigraph.Quad, tuple] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        graph = pyoxigraph.DefaultGraph() if name in (None, DATASET_DEFAULT_GRAPH_ID) else to_ox(name)
        originals[pyoxigraph.Quad(to_ox(s), to_ox(p), to_ox(o), graph)] = (s, p, o, name or DATASET_DEFAULT_GRAPH_ID)
    copy = pyoxigraph.Store()
    copy.extend(originals)
    stored = set(copy)  # as Oxigraph keeps them (a dateTime's +00:00 reads back as Z): what the update changes
    copy.update(text, base_iri=base, prefixes=NAMESPACES)
    after = set(copy)
    removed, added = originals.keys() - after, after - originals.keys()
    for quad in removed:
        s, p, o, name = originals[quad]
        dataset.remove((s, p, o, dataset.graph(name)))
    for quad in added:
        name = DATASET_DEFAULT_GRAPH_ID if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) else from_ox(quad.graph_name)
        dataset.add((from_ox(quad.subject), from_ox(quad.predicate), _plain(from_ox(quad.object)), dataset.graph(name)))
    return graphs_of((stored - after) | (after - stored))


def _plain(term: Any) -> Any:
    """"x"^^xsd:string as the plain literal "x", the way rdflib stores it."""
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


def snapshot_nquads(store: GraphStore) -> bytes:
    """The whole store as N-Quads, for the query workers' snapshots."""
    native = native_store(store)
    if native is not None:
        return native.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    dataset = local_dataset(store)
    with write_lock(store):
        if dataset is not None:
            return dataset.serialize(format="nquads", encoding="utf-8")
        from rdflib import Dataset

        copy = Dataset()  # a remote store: its quads, read once per snapshot
        for s, p, o, g in store.quads():
            copy.add((s, p, o, g))
        return copy.serialize(format="nquads", encoding="utf-8")
