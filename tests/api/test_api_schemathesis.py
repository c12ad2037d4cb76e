"""schemathesis against /openapi.json: generated requests to every operation; no 5xx, and every response
(status, content type, headers, body) matches what the schema documents. Bounded to 15 examples per
operation so the run takes seconds, not minutes."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from diplograph.api.app import create_app, stop_sparql_workers
from diplograph.api.settings import Settings
from diplograph.graph.store import open_store

TOKEN = "fuzz-token"
CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance)


# The app is built at import (schemathesis reads its schema while pytest collects); its store is
# put in place by the fixture below, before any request is made.
APP = create_app(settings=Settings(store="memory", api_token=TOKEN, sparql_workers=1, query_timeout=5))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def seeded_app(seed_extractions, tmp_path_factory) -> Iterator[None]:
    """An Oxigraph store of the seeds that accepts writes, served by APP for this module only."""
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('fuzz') / 'store'}")
    store.add_many(seed_extractions)
    APP.state.store = store
    yield
    stop_sparql_workers(APP)
    store.close()


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_honours_its_schema(case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
