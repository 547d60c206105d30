"""`POST /api/documents/text`: a résumé or job posting PDF (multipart `file`) → its text, for the page to paste."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from pydantic import BaseModel, Field
from werkzeug.exceptions import RequestEntityTooLarge

from interview.documents import MAX_PDF_BYTES, DocumentError, pdf_text
from server.api.edge import operation
from runtime.errors import BadRequest, PayloadTooLarge
from server.schemas.common import ResponseModel

bp = Blueprint("documents", __name__)


class DocumentForm(BaseModel):
    """multipart/form-data of `POST /api/documents/text`."""

    file: bytes = Field(description=f"A PDF of at most {MAX_PDF_BYTES} bytes and 10 pages")


class DocumentText(ResponseModel):
    """The text of an uploaded document (bounded)."""

    text: str
    chars: int


@bp.post("/api/documents/text")
@operation(DocumentText, form=DocumentForm, errors=(413,), tag="sessions")
def document_text() -> ResponseReturnValue:
    """Read a résumé / job posting PDF into text (encrypted, scanned or malformed files: 400; too big: 413)."""
    request.max_content_length = MAX_PDF_BYTES + 64_000  # room for the multipart envelope
    try:
        upload = request.files.get("file")
    except RequestEntityTooLarge as e:
        raise PayloadTooLarge(f"'file' is over the {MAX_PDF_BYTES}-byte limit") from e
    if upload is None:
        raise BadRequest("'file' is required: a PDF résumé or job posting")
    data = upload.read(MAX_PDF_BYTES + 1)
    if len(data) > MAX_PDF_BYTES:
        raise PayloadTooLarge(f"'file' is over the {MAX_PDF_BYTES}-byte limit")
    try:
        text = pdf_text(data)
    except DocumentError as e:
        raise BadRequest(f"'file': {e}") from e
    return jsonify(text=text, chars=len(text))
