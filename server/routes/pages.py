"""The interview demo page."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from server.api.edge import operation

bp = Blueprint("pages", __name__)


@bp.get("/")
@operation(content={"text/html": "the page"}, tag="pages")
def index() -> ResponseReturnValue:
    """The practice-interview page."""
    return render_template("index.html")
