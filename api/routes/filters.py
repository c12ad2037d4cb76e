"""Actor and topic names in query parameters, read as /statements and /positions take them."""
from __future__ import annotations

from diplograph.api.names import NameBook, UnknownName, read_filters
from diplograph.api.routes.errors import ApiError
from diplograph.graph.store import GraphStore

READ_AS_HEADER = "Diplograph-Read-As"


def unknown_name(exc: UnknownName, status: int = 400) -> ApiError:
    """An unknown actor or topic as a 4xx whose body lists the nearest names."""
    return ApiError(status, f"unknown {exc.kind}", str(exc), suggestions=exc.suggestions)


def read_names(store: GraphStore, actor: str | None, topic: str | None) -> tuple[str | None, str | None, dict[str, str]]:
    """Actor and topic filters matched to stored names (case, aliases, plurals); an unknown one is a 400 with
    the near names; a name read otherwise than typed is said in the Diplograph-Read-As header
    (e.g. `topic=tomahawk`)."""
    try:
        actor, topic, reread = read_filters(NameBook.of(store), actor=actor, topic=topic)
    except UnknownName as exc:
        raise unknown_name(exc) from None
    return actor, topic, ({READ_AS_HEADER: "; ".join(f"{m.kind}={m.value}" for m in reread)} if reread else {})
