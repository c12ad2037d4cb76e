"""/docs (Swagger UI) and /redoc (ReDoc) served from the vendored copies in static/vendor: no CDN,
so the API reference works without internet. FastAPI's own page builders, pointed at local files."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = "/static/vendor"
FAVICON = "/static/favicon.svg"


def mount_static_and_docs(app: FastAPI) -> None:
    """Serve static/ at /static and the two API reference pages from it."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url, title=f"{app.title} API",
            swagger_js_url=f"{VENDOR}/swagger-ui-dist/swagger-ui-bundle.js",
            swagger_css_url=f"{VENDOR}/swagger-ui-dist/swagger-ui.css",
            swagger_favicon_url=FAVICON,
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=openapi_url, title=f"{app.title} API reference",
                              redoc_js_url=f"{VENDOR}/redoc/redoc.standalone.js", redoc_favicon_url=FAVICON,
                              with_google_fonts=False)
