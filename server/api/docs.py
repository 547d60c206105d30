"""`GET /api/openapi.json`, Swagger UI at `/docs` and ReDoc at `/redoc`, served offline: the pages' scripts and
styles are the files the `offapi` package ships, served from here (nothing is loaded from the internet)."""
from __future__ import annotations

from importlib import resources

from flask import Blueprint, Response, current_app, render_template
from flask.typing import ResponseReturnValue

from server.api.document import document
from server.api.edge import operation
from runtime.errors import NotFound
from server.services import services

bp = Blueprint("api_docs", __name__)

SPEC_URL = "/api/openapi.json"
# The pages may load nothing from elsewhere: ReDoc's attribution footer would fetch its logo from a CDN (it hides
# the image when that fails); the renderers need inline styles and blob: workers.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'self'")
ASSET_MAX_AGE_S = 86400  # s: the files change only with the offapi package
ASSETS = {  # URL name → (file in the offapi package, media type)
    "swagger-ui.css": ("swagger_style.css", "text/css"),
    "swagger-ui-bundle.js": ("swagger_bundle.js", "text/javascript"),
    "swagger-ui-standalone-preset.js": ("swagger_preset.js", "text/javascript"),
    "redoc.standalone.js": ("redoc.js", "text/javascript"),
}


@bp.get(SPEC_URL)
@operation(content={"application/json": "the OpenAPI 3.1 document"}, tag="docs")
def openapi_json() -> ResponseReturnValue:
    """This document."""
    return document(current_app, services().config)


@bp.get("/docs")
@operation(content={"text/html": "Swagger UI"}, tag="docs")
def swagger_ui() -> ResponseReturnValue:
    """Swagger UI over this document."""
    return _page("docs/swagger.html")


@bp.get("/redoc")
@operation(content={"text/html": "ReDoc"}, tag="docs")
def redoc() -> ResponseReturnValue:
    """ReDoc over this document."""
    return _page("docs/redoc.html")


@bp.get("/docs/assets/<name>")
@operation(content={"text/javascript": "a script of the documentation pages", "text/css": "a style sheet"},
           errors=(404,), tag="docs")
def asset(name: str) -> ResponseReturnValue:
    """A script or style sheet of the documentation pages."""
    if name not in ASSETS:
        raise NotFound(f"no such file: {name}")
    filename, media_type = ASSETS[name]
    body = (resources.files("offapi") / filename).read_bytes()
    response = Response(body, mimetype=media_type)
    response.cache_control.public = True
    response.cache_control.max_age = ASSET_MAX_AGE_S
    return response


def _page(template: str) -> Response:
    response = Response(render_template(template, spec_url=SPEC_URL), mimetype="text/html")
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response
